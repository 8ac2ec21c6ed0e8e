"""One question at a time, for every kind of step; also used to change one answer from the map.

The screen coordinates: it asks the session for the prompt, mounts the answer widget for the
step's kind, hands the widget's answer to the session (which saves it, checks it for danger-now
phrases and coaches it before returning), shows "Saved", and asks the session's coach about the
statement being typed.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import time
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.visual import visualize
from textual.widgets import Button, Static

from sos_assistant import content
from sos_assistant.dialogue import AnswerError, EngineError, Prompt
from sos_assistant.safetext import reflow
from sos_assistant.session import Given, Session, SessionError
from sos_assistant.session.core import coach_loaded, load_coach
from sos_assistant.tui.background import beside_the_screen
from sos_assistant.tui.messages import AnswerReady, AskAbout, DraftChanged, ItemAdded
from sos_assistant.tui.screens import papers
from sos_assistant.tui.screens.common import about_and_footer
from sos_assistant.tui.widgets.answers import AnswerWidget, answer_widget
from sos_assistant.tui.widgets.coach import CoachPanel
from sos_assistant.tui.widgets.explain import ExplainPanel
from sos_assistant.tui.widgets.goal_links import AnswerRow, GoalLinks
from sos_assistant.tui.widgets.houses import HousesView, houses_for, show_houses
from sos_assistant.tui.widgets.progress import TextBar
from sos_assistant.tui.widgets.safe import SafeInput, safe
from sos_assistant.tui_text import ui_text

COACH_DELAY = 0.3
"""Seconds of no typing before the coach looks at a statement."""

AFTER_DRAW = 0.05
"""Seconds after a question is shown by when it is drawn: work it does not need waits this
long (Textual's "after refresh" can come before the frame)."""

BUILD_AHEAD_DELAY = 0.3
"""Seconds between building one answer box of a kind still to come and the next (hidden, one
at a time, while nothing is typed), so that moving to that kind later shows it at once. The
first is built ``AFTER_DRAW`` after a question is drawn: people read a question before they
type, and the one kind built is the nearest to come (most often the next question's)."""


def _keeps_height(box: Static, content: str | Text) -> bool:
    """Whether ``content`` takes as many lines in ``box`` (shown, as wide as it is now, its
    height following its words) as what it shows now: then it can be redrawn in place, with
    no new layout of the whole screen."""
    width = box.content_size.width
    height = box.styles.height
    if not box.display or width <= 0 or height is None or not height.is_auto:
        return False
    visual = visualize(box, content, markup=False)
    lines = visual.get_height(box.styles, width)  # type: ignore[arg-type]  # as Textual does
    return bool(lines == box.content_size.height)


class Body(VerticalScroll):
    """What is under the question. When it shrinks (the coach's tips appear), it scrolls so
    that the box being typed in stays on screen."""

    def on_resize(self, event: events.Resize) -> None:
        focused = self.screen.focused
        if focused is not None and self in focused.ancestors:
            # Now (the new size is laid out), and again after the refresh in case the box
            # moved with it: never a frame with the box half hidden.
            self.scroll_to_widget(focused, animate=False, immediate=True)
            self.call_after_refresh(self.scroll_to_widget, focused, animate=False, immediate=True)


class QuestionScreen(Screen[None]):
    """The conversation. With ``edit_step`` it shows that one answered step and, on Next,
    changes its answer in place (``engine.edit``) and closes."""

    CSS_PATH = "question.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f3", "examples", ui_text().keys.examples),
        # Back, Skip, Next and the coach's keys are shown on their buttons and in the coach
        # panel, so the footer keeps to one line at 80 columns.
        Binding("f5", "back", ui_text().keys.back, show=False),
        Binding("f6", "skip", ui_text().keys.skip, show=False),
        Binding("f7", "next", ui_text().keys.next, show=False),
        Binding("f8", "apply_suggestion", ui_text().keys.use_tip, show=False),
        Binding("f9", "ignore_coach", ui_text().keys.ignore_tip, show=False),
        Binding("a", "add_questions", ui_text().keys.add_questions, show=False),
    ]

    def __init__(self, session: Session, edit_step: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.edit_step = edit_step
        self.prompt: Prompt | None = None
        self._examples_shown = False
        self._coach_timer: Timer | None = None
        self._banner_timer: Timer | None = None
        self._findings: list[Any] = []
        self._ignored: set[tuple[str, str]] = set()
        self._submitted_at: float | None = None
        self._widget: AnswerWidget | None = None
        """The answer widget on screen."""
        self._widgets: dict[str, AnswerWidget] = {}
        """The answer widget kept for each kind of step (all but the one on screen hidden)."""
        self._has_houses = False
        """The Three Houses are drawn beside the questions (only in their dialogue)."""
        self._reading = False
        """A question is shown and nothing typed yet: time to build answer boxes ahead."""
        self._warmed = False
        """The coach and the explainer (for steps that take the professionals' words) are
        being built ahead, in a thread."""
        self._build_timer: Timer | None = None
        self._building: tuple[str, asyncio.Event] | None = None
        """The kind of answer box being built ahead (hidden, while the person reads), and
        what is set when it is built."""
        self._judged: set[str] = set()
        """Words that opened the danger-now panel and were asked about (not asked again)."""
        self._coming: Prompt | None = None
        """The step about to be shown; until it is, keys that answer are ignored."""
        self._note: str | None = None
        """What the banner says after the next move, instead of "Saved"."""
        self.last_transition_ms: float | None = None
        """Time from an answer submitted to the next question fully shown (for benchmarks)."""
        self._coach_broken = False
        """The coach's rules could not be read: said once, then no more tips this screen."""
        self._shown_text: dict[str, object] = {}
        """What each line of words shows now, so a move redraws only the ones that change."""

    def compose(self) -> ComposeResult:
        words = ui_text().buttons
        with Horizontal(id="progress-row"):
            yield Static("", id="progress-label", markup=False)
            yield TextBar(id="bar")
            yield Static("", id="banner", markup=False)
        # The question stays in view; only what is under it scrolls (to the box being typed in).
        with VerticalScroll(id="ask-box"):
            yield Static("", id="ask", markup=False)
        with Body(id="body"):
            yield Static("", id="help", classes="hint", markup=False)
            yield Static("", id="examples", classes="examples", markup=False)
            with AnswerRow(id="answer-row"):  # the goals step: danger statements beside the box
                yield Container(id="slot")
                yield GoalLinks(id="goal-links")
        yield from houses_for(self.session.engine.script.id)  # the Three Houses, always in view
        # The coach's tips sit above the buttons, in view whatever the body is scrolled to.
        yield ExplainPanel(id="explain")  # on verbatim steps, instead of the coach
        with VerticalScroll(id="coach-box"):
            yield CoachPanel(id="coach")
        with Horizontal(id="buttons"):
            buttons = [
                Button(words.back + " (F5)", id="back", compact=True),
                Button(words.skip + " (F6)", id="skip", compact=True),
                Button(words.next + " (F7)", id="next", variant="primary", compact=True),
                Button(words.stop + " (F10)", id="stop", compact=True),
            ]
            for button in buttons:
                # No flash on press: the next question (or the goodbye) is the answer, and
                # a frame drawn for the flash would hold that one back to the frame after.
                button.active_effect_duration = 0
            yield from buttons
        yield from about_and_footer()

    async def on_mount(self) -> None:
        self._has_houses = bool(self.query(HousesView))
        # The first question is put in before the screen is first drawn: its first frame is
        # the question, not an empty screen with the question a frame later.
        await self._show(self._next_prompt(), saved=False)

    # -- showing ---------------------------------------------------------------------------

    def show_prompt(self, *, saved: bool = False) -> None:
        """Show the engine's current step (or the step being edited).

        Everything that changes on screen changes inside one batch, so the next question
        appears in a single repaint rather than in pieces a frame apart."""
        self.call_later(self._show, self._next_prompt(), saved)

    def _next_prompt(self) -> Prompt:
        """The step to show next, with any words typed but not given last time; until it is
        shown, keys that answer are ignored."""
        prompt = self.session.prompt(self.edit_step)
        if self.edit_step is None:
            draft = self.session.take_draft(prompt.step.id)
            if draft is not None:  # typed but not given last time: back in the box
                prompt = dataclasses.replace(prompt, previous=draft)
        self._coming = prompt
        return prompt

    async def _show(self, prompt: Prompt, saved: bool) -> None:
        if prompt is not self._coming:
            return  # superseded by a later move
        with self.app.batch_update():
            self.prompt = prompt
            self._show_text(prompt)
            if saved:
                self.banner(self._note or ui_text().question.saved)
                self._note = None
            widget = await self._answer_box(prompt)
            papers.hand_over(self.session, prompt, widget)
            if papers.is_verbatim(prompt):  # explain what is there already, once it is drawn
                self._coach_timer = self.set_timer(AFTER_DRAW, self._run_coach)
            self._show_goal_links(prompt, widget)
            if prompt.step.kind == "info":
                self.query_one("#next", Button).focus()
            else:
                widget.focus_first()
            self.query_one("#ask-box", VerticalScroll).scroll_home(animate=False)
            self.query_one("#body", VerticalScroll).scroll_home(animate=False)
            self._coming = None
        self.call_after_refresh(self._shown)

    async def _answer_box(self, prompt: Prompt) -> AnswerWidget:
        """The answer widget for ``prompt``, shown, with every other one hidden.

        One widget per kind is kept once built: moving to a kind seen before shows that widget
        again, filled from ``prompt`` (``AnswerWidget.show``), which is much quicker than
        building and mounting a new one. A widget that cannot take the step is replaced."""
        key = prompt.step.kind
        if self._building is not None and self._building[0] == key:
            await self._building[1].wait()  # being built ahead: use that one
        widget = self._widgets.get(key)
        if widget is None or not widget.is_mounted or not widget.show(prompt):
            if widget is not None:
                await widget.remove()
            widget = answer_widget(prompt)
            self._widgets[key] = widget
            await self.query_one("#slot", Container).mount(widget)
        for other in self._widgets.values():
            other.display = other is widget
        for box in widget.query(SafeInput):
            box.forget_undo()  # Ctrl+Z must not bring back another question's words
        self._widget = widget
        return widget

    def _still_to_build(self) -> Prompt | None:
        """A step still to come whose kind of answer box is not built yet (the nearest first),
        as a bare prompt to build it from; None when every kind is built."""
        steps = self.session.script.steps
        current = self.prompt.step.id if self.prompt is not None else None
        at = next((n for n, s in enumerate(steps) if s.id == current), 0)
        for step in steps[at + 1 :] + steps[: at + 1]:
            if step.kind == "review":
                continue  # built afresh each time (its rows are the rules being reviewed)
            bare = Prompt(
                step=step,
                ask="",
                help="",
                examples=[],
                choices=[(c.value, c.label, c.explain or "") for c in step.choices],
                previous=None,
                number=0,
                total=0,
            )
            if bare.step.kind not in self._widgets:
                return bare
        return None

    async def _build_ahead(self) -> None:
        """Build one answer box for a kind still to come, hidden, then (a moment later) the
        next: done while the person reads, so moving to that kind only fills it in."""
        if not self._reading or self._building is not None or self._coming is not None:
            return  # typing (building now would put off what they see), or moving on
        prompt = self._still_to_build()
        if prompt is None:
            return
        key = prompt.step.kind
        built = asyncio.Event()
        self._building = (key, built)
        widget = answer_widget(prompt)
        widget.display = False
        try:
            await self.query_one("#slot", Container).mount(widget)
            self._widgets[key] = widget
        finally:
            self._building = None
            built.set()
        self._build_later()

    def _build_later(self, delay: float = BUILD_AHEAD_DELAY) -> None:
        if self._build_timer is not None:
            self._build_timer.stop()
        self._build_timer = self.set_timer(delay, self._build_ahead)

    # -- the goals step: which danger statement each goal answers ---------------------------

    def _show_goal_links(self, prompt: Prompt, widget: AnswerWidget) -> None:
        from sos_assistant import goal_links

        box = self.query_one(GoalLinks)
        on_goals = prompt.step.slot == goal_links.GOALS and prompt.step.kind == "list"
        if hasattr(widget, "links"):
            widget.links = self if on_goals else None
        if not on_goals:
            box.display = False
            return
        box.clear()
        self._refresh_goal_links()

    def _refresh_goal_links(self) -> None:
        from sos_assistant import goal_links

        items = getattr(self._widget, "items", [])
        choices = goal_links.choices(self.session.engine, items)
        self.query_one(GoalLinks).show_choices(choices)

    def fields(self) -> dict[str, Any]:
        """For the goal being added: the danger statements picked beside the box."""
        from sos_assistant import goal_links

        picked = self.query_one(GoalLinks).picked()
        if not picked:
            return {}
        try:
            ids = goal_links.link(self.session.engine, picked)
        except (AnswerError, EngineError) as error:
            self.banner(ui_text().question.not_saved.format(problem=error), problem=True)
            return {}
        return {"addresses": ids} if ids else {}

    def added(self) -> None:
        """A goal was added: clear the picks and mark what is still to do."""
        self.query_one(GoalLinks).clear()
        self._refresh_goal_links()

    def _show_text(self, prompt: Prompt) -> None:
        engine = self.session.engine
        words = ui_text().question
        step = prompt.step
        if step.is_question:
            label = words.progress.format(number=prompt.number, total=prompt.total)
        else:
            label = words.reading
        old = self._shown_text.get("progress-label")
        # Its width follows its words: the layout changes only when their length does.
        resized = not isinstance(old, str) or len(old) != len(label)
        self._put("progress-label", label, layout=resized)
        done, total = engine.progress()
        self.query_one("#bar", TextBar).update_progress(done, total)
        # The screen wraps the words to its width; the line breaks of the YAML would fall
        # mid-sentence on a narrower one.
        ask = safe(reflow(prompt.ask), "bold")
        for question in prompt.suggestions:  # questions the person could add to theirs
            ask.append_text(safe(f"\n- “{question}”", "bold"))
        self._put("ask", ask)
        helper = self.query_one("#help", Static)
        help_lines = [reflow(prompt.help)] if prompt.help else []
        if step.kind == "scale":  # what 0 and 10 mean, said again beside the numbers
            scaling = content.frameworks().frameworks[engine.framework].scaling
            help_lines.append(words.scale_zero.format(means=scaling.zero_means))
            help_lines.append(words.scale_ten.format(means=scaling.ten_means))
        if prompt.suggestions:
            help_lines.append(words.suggest_hint)
        self._put("help", safe("\n".join(help_lines)))
        helper.display = bool(help_lines)
        self._examples_shown = False
        self._show_examples()
        self.query_one("#skip", Button).display = step.is_question and step.skippable
        self.query_one("#back", Button).display = self.edit_step is None and len(engine.path) > 1
        # Nothing to type: the text takes room. (The class goes on the question's box, not on
        # the screen: changing a class on the screen restyles every widget on it.)
        self.query_one("#ask-box").set_class(step.kind == "info", "-reading")
        if self._coach_timer is not None:  # a look at the last step's draft is moot now
            self._coach_timer.stop()
        self._hide_tips()
        if self._has_houses:
            show_houses(self, self.session, step.id, step.slot)

    def _shown(self) -> None:
        if self.edit_step is None:
            self._reading = True
            self._build_later(AFTER_DRAW)
        if not self._warmed:
            # While the person reads the first question: the coach's rules (not loaded when
            # they first pause in typing) and the explainer (not built on the first step that
            # takes the papers' words), one after the other in one thread.
            self._warmed = True
            self.run_worker(self._warm_up, thread=True, group="warm-up", exclusive=True)
        shown = getattr(self.app, "question_shown", None)
        if shown is not None:
            shown()
        if self._submitted_at is not None:
            self.last_transition_ms = (time.perf_counter() - self._submitted_at) * 1000
            self._submitted_at = None

    def _put(self, box_id: str, content: str | Text, *, layout: bool | None = None) -> None:
        """Show ``content`` in the Static ``box_id``, unless it shows that already (a move
        from one question to the next redraws only the lines that change). ``layout=False``:
        the box keeps its size, so nothing else on screen moves; None: find out (the new
        words take as many lines as the old)."""
        if self._shown_text.get(box_id) == content:
            return
        self._shown_text[box_id] = content
        box = self.query_one(f"#{box_id}", Static)
        if layout is None:
            layout = not _keeps_height(box, content)
        box.update(content, layout=layout)

    def _show_examples(self) -> None:
        assert self.prompt is not None
        box = self.query_one("#examples", Static)
        words = ui_text().question
        if not self.prompt.examples:
            box.display = False
            return
        box.display = True
        if self._examples_shown:
            text = Text(words.examples + "\n", style="italic")
            for example in self.prompt.examples:
                text.append_text(safe(f"  “{example.strip()}”\n"))
            text.rstrip()
            self._put("examples", text)
        else:
            self._put("examples", Text(words.examples_hidden, style="dim"))

    def banner(self, text: str, *, problem: bool = False) -> None:
        box = self.query_one("#banner", Static)
        self._put("banner", safe(text), layout=False)  # one line, as wide as the row leaves
        box.set_class(problem, "problem")
        box.display = True
        if self._banner_timer is not None:
            self._banner_timer.stop()
        self._banner_timer = self.set_timer(3 if not problem else 8, self._hide_banner)

    def _hide_banner(self) -> None:
        self._put("banner", "", layout=False)

    # -- answering -------------------------------------------------------------------------

    def answer_widget(self) -> AnswerWidget:
        assert self._widget is not None
        return self._widget

    # -- danger now -------------------------------------------------------------------------

    def _ask_about_danger(self, pieces: list[str], then: Any) -> None:
        """Show the danger-now panel; when it closes, ask gently whether they are safe right
        now and whether to keep these words on the map; then ``then(keep)``."""
        from sos_assistant.tui.screens.crisis import CrisisScreen, SafeNowScreen

        self._judged.update(pieces)

        def asked(choice: str | None) -> None:
            if choice == "again":
                self.app.push_screen(CrisisScreen(), lambda _: ask())
                return
            then(choice == "keep")

        def ask() -> None:
            self.app.push_screen(SafeNowScreen(), asked)

        self.app.push_screen(CrisisScreen(), lambda _: ask())

    @on(ItemAdded)
    def _item_added(self, event: ItemAdded) -> None:
        """Each list item is checked when it is added, not only when the list is finished."""
        event.stop()
        if self.prompt is None:
            return
        focused = self.focused  # the list grew: the box to type the next one stays in view
        if focused is not None:
            body = self.query_one(Body)
            self.call_after_refresh(body.scroll_to_widget, focused, animate=False)
        pieces = [
            p
            for p in self.session.danger_pieces(self.prompt.step, event.text)
            if p not in self._judged
        ]
        if not pieces:
            return
        widget = self._widget

        def then(keep: bool) -> None:
            if not keep and widget is not None and hasattr(widget, "take_off"):
                widget.take_off(pieces)
            if widget is not None:
                widget.focus_first()

        self._ask_about_danger(pieces, then)

    def submit(self, value: Any) -> None:
        """Give ``value`` (None: skip) to the session; it is saved before this returns.

        Words that suggest danger now open the panel first, and the person chooses whether
        they stay on the map."""
        session = self.session
        prompt = self.prompt
        if prompt is None or self._coming is not None:
            return
        step = prompt.step
        if self.edit_step is None and value is not None:
            pieces = [p for p in session.danger_pieces(step, value) if p not in self._judged]
            if pieces:

                def then(keep: bool) -> None:
                    left = value if keep else session.without(value, pieces)
                    if left is None and not step.skippable:
                        left = value
                    self.submit(left)

                self._ask_about_danger(pieces, then)
                return
        step = prompt.step
        self._reading = False
        self._submitted_at = time.perf_counter()
        try:
            if self.edit_step is not None:
                given = session.edit(step.id, value)
                self.app.notify(ui_text().question.edited, timeout=3)
                self._after_answer(given)
                self.dismiss(None)
                return
            given = session.give(value, tips=False)  # the coach spoke while they typed
        except (AnswerError, EngineError) as error:
            self._submitted_at = None
            problem = getattr(error, "problem", str(error))
            self.banner(ui_text().question.not_saved.format(problem=problem), problem=True)
            # the banner shares its line with the progress bar: say it in full under the question
            helper = self.query_one("#help", Static)
            self._put("help", safe(ui_text().question.not_saved.format(problem=problem), "bold"))
            helper.display = True
            return
        except SessionError as error:  # saved, but the coach could not look at it
            given = Given(step, value)
            self._coach_failed(error)
        self._after_answer(given)
        if session.finished:
            self._submitted_at = None
            self.app.call_later(self.app.finished_session)  # type: ignore[attr-defined]
            return
        self.show_prompt(saved=step.is_question or self._note is not None)

    def _after_answer(self, given: Given) -> None:
        unasked = [
            p for p in self.session.danger_pieces(given.step, given.value) if p not in self._judged
        ]
        if given.crisis and unasked:  # a change from the map: the numbers, at least
            self.app.call_later(self.app.action_crisis)  # type: ignore[attr-defined]

    def _warm_up(self) -> None:
        coach = self.session.coach_mode != "off" and not coach_loaded()
        explain = any(getattr(s, "verbatim", False) for s in self.session.script.steps)
        with beside_the_screen():
            if coach:
                try:
                    load_coach()
                except SessionError as error:  # said once, from the screen's own thread
                    self.app.call_from_thread(self._coach_failed, error)
            if explain:
                papers.warm_up()
            if any(step.crisis_check for step in self.session.script.steps):
                content.crisis().matches("")  # the danger-now words: read before the first answer

    def _coach_failed(self, error: SessionError) -> None:
        """Say once that the coach is not working (the answers are still saved)."""
        if not self._coach_broken:
            self._coach_broken = True
            self.app.notify(str(error), severity="warning", timeout=10, markup=False)

    def save_draft(self) -> None:
        """Before stopping: keep what is typed but not yet given, so nothing is lost."""
        if self.prompt is None or self.edit_step is not None or not self.prompt.step.is_question:
            return
        if self._widget is None or self._coming is not None:
            return
        value = self.answer_widget().value()
        if value is not None and value != self.prompt.previous:
            # A draft, not an answer: on resume the same question opens with it in the box.
            with contextlib.suppress(AnswerError, EngineError, SessionError):
                self.session.save_draft(value)

    @on(AnswerReady)
    def _answer_ready(self, event: AnswerReady) -> None:
        event.stop()
        self.submit(event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {"back": self.action_back, "skip": self.action_skip, "next": self.action_next}
        if event.button.id in actions:
            actions[event.button.id]()
        elif event.button.id == "stop":
            self.app.action_save_and_stop()  # type: ignore[attr-defined]

    def action_next(self) -> None:
        prompt = self.prompt
        if prompt is not None and prompt.step.kind == "info" and prompt.suggestions:
            self.submit(prompt.previous)  # questions added before stay added
            return
        self.submit(self.answer_widget().value())

    def action_add_questions(self) -> None:
        """Put the questions this screen suggests into the person's own, and go on."""
        prompt = self.prompt
        if prompt is None or not prompt.suggestions or self._coming is not None:
            return
        self._note = ui_text().question.suggest_added
        self.submit(True)

    def action_skip(self) -> None:
        if self.prompt is not None and self.prompt.step.skippable:
            self.submit(None)

    def action_back(self) -> None:
        if self.edit_step is not None:
            self.dismiss(None)
            return
        if self._coming is not None:
            return
        try:
            self.session.back()
        except EngineError as error:
            self.banner(str(error), problem=True)
            return
        self.show_prompt()

    def action_examples(self) -> None:
        self._examples_shown = not self._examples_shown
        self._show_examples()

    # -- the coach -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "apply_suggestion" and papers.is_verbatim(self.prompt):
            return bool(self.query_one(ExplainPanel).terms)  # F8 asks; it never rewrites here
        if action in ("apply_suggestion", "ignore_coach"):
            return bool(self._findings)
        if action == "add_questions":
            return self.prompt is not None and bool(self.prompt.suggestions)
        if action == "examples":  # only offered where there are examples to show
            return self.prompt is not None and bool(self.prompt.examples)
        return True

    @on(DraftChanged)
    def _draft_changed(self, event: DraftChanged) -> None:
        event.stop()
        self._reading = False
        if self.prompt is not None and self._has_houses:  # they fill as the words are added
            step, items = self.prompt.step, getattr(self._widget, "items", None)
            show_houses(self, self.session, step.id, step.slot, items)
        verbatim = papers.is_verbatim(self.prompt)  # the papers' words are explained, not coached
        if (self.session.coach_mode == "off" or self._coach_broken) and not verbatim:
            return
        if self._coach_timer is not None:
            self._coach_timer.stop()
        self._coach_timer = self.set_timer(COACH_DELAY, self._run_coach)

    def _run_coach(self) -> None:
        if self.prompt is None or self._widget is None:
            return
        text = self.answer_widget().draft()
        if papers.is_verbatim(self.prompt):
            self._explain_papers(text)
            return
        gentle = self.session.coach_mode == "gentle"
        try:
            findings = self.session.coach(text, self.prompt.step)
        except SessionError as error:
            self._coach_failed(error)
            findings = []
        findings = [f for f in findings if (f.rule, text[f.start : f.end]) not in self._ignored]
        self._findings = findings
        self.query_one(CoachPanel).show_findings(text, findings, gentle=gentle)
        self.query_one("#coach-box").display = bool(findings)
        # While there are tips, the question gives up room (it scrolls in its own box), so the
        # box being typed in and the tips both stay in view on a small screen.
        self.query_one("#ask-box").set_class(bool(findings), "-coaching")
        self.refresh_bindings()

    def _explain_papers(self, draft: str) -> None:
        """The professionals' words stay as typed; each professional word is explained."""
        terms = papers.explain_answer(self.answer_widget().value(), draft)
        asked = {p for p in self._asked_phrases()}
        self.query_one(ExplainPanel).show_terms(terms, asked)
        self.set_class(bool(terms), "-coaching")
        self.refresh_bindings()

    def _asked_phrases(self) -> set[str]:
        waiting = papers.pending(self.session)
        return {
            t.phrase
            for t in self.query_one(ExplainPanel).terms
            if papers.question_for(t.phrase) in waiting
        }

    @on(AskAbout)
    def _ask_about(self, event: AskAbout) -> None:
        event.stop()
        waiting = papers.pending(self.session)
        question = papers.question_for(event.phrase)
        if question in waiting:
            self.banner(content.explain_text().already)
        else:
            waiting.append(question)
            try:
                self.session.keep_for_later(waiting)  # saved now: stopping loses none of it
            except EngineError as error:  # AutosaveError: kept on screen, said plainly
                self.banner(ui_text().question.not_saved.format(problem=error), problem=True)
            else:
                self.banner(content.explain_text().added.format(question=question))
        panel = self.query_one(ExplainPanel)
        panel.show_terms(panel.terms, self._asked_phrases())
        panel.next_unasked()

    def action_apply_suggestion(self) -> None:
        if papers.is_verbatim(self.prompt):
            chosen = self.query_one(ExplainPanel).chosen()
            if chosen is not None:
                self.post_message(AskAbout(chosen.phrase))
            return
        if not self._findings or self._widget is None:
            return
        widget = self.answer_widget()
        text = widget.draft()
        for finding in self._findings:
            if getattr(finding, "can_apply", False):
                try:
                    widget.set_draft(finding.apply(text))
                except ValueError:
                    continue
                self._run_coach()
                return

    def action_ignore_coach(self) -> None:
        if not self._findings or self._widget is None:
            return
        text = self.answer_widget().draft()
        for finding in self._findings:
            self._ignored.add((finding.rule, text[finding.start : finding.end]))
        self._hide_tips()

    def _hide_tips(self) -> None:
        """No tips: the panel goes, the question has its room back, F8/F9 leave the bar."""
        self._findings = []
        self.query_one(CoachPanel).display = False
        # Its box goes too: one widget fewer to lay out and draw on every move.
        self.query_one("#coach-box").display = False
        self.query_one(ExplainPanel).display = False
        self.query_one("#ask-box").remove_class("-coaching")
        self.refresh_bindings()
