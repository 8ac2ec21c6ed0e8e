"""One question at a time, for every kind of step; also used to change one answer from the map.

The screen coordinates: it asks the session for the prompt, mounts the answer widget for the
step's kind, hands the widget's answer to the session (which saves it, checks it for danger-now
phrases and coaches it before returning), shows "Saved", and asks the session's coach about the
statement being typed.
"""

from __future__ import annotations

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
from textual.widgets import Button, ProgressBar, Static

from sos_assistant.dialogue import AnswerError, EngineError, Prompt
from sos_assistant.safetext import reflow
from sos_assistant.session import Given, Session, SessionError
from sos_assistant.tui.messages import AnswerReady, DraftChanged, ItemAdded
from sos_assistant.tui.screens.common import about_and_footer
from sos_assistant.tui.widgets.answers import AnswerWidget, answer_widget
from sos_assistant.tui.widgets.coach import CoachPanel
from sos_assistant.tui.widgets.safe import SafeInput, safe
from sos_assistant.tui_text import ui_text

COACH_DELAY = 0.3
"""Seconds of no typing before the coach looks at a statement."""


class Body(VerticalScroll):
    """What is under the question. When it shrinks (the coach's tips appear), it scrolls so
    that the box being typed in stays on screen."""

    def on_resize(self, event: events.Resize) -> None:
        focused = self.screen.focused
        if focused is not None and self in focused.ancestors:
            self.call_after_refresh(self.scroll_to_widget, focused, animate=False)


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
        self._judged: set[str] = set()
        """Words that opened the danger-now panel and were asked about (not asked again)."""
        self._coming: Prompt | None = None
        """The step about to be shown; until it is, keys that answer are ignored."""
        self.last_transition_ms: float | None = None
        """Time from an answer submitted to the next question fully shown (for benchmarks)."""
        self._coach_broken = False
        """The coach's rules could not be read: said once, then no more tips this screen."""

    def compose(self) -> ComposeResult:
        words = ui_text().buttons
        with Horizontal(id="progress-row"):
            yield Static("", id="progress-label", markup=False)
            yield ProgressBar(show_eta=False, show_percentage=False, id="bar")
            yield Static("", id="banner", markup=False)
        # The question stays in view; only what is under it scrolls (to the box being typed in).
        with VerticalScroll(id="ask-box"):
            yield Static("", id="ask", markup=False)
        with Body(id="body"):
            yield Static("", id="help", classes="hint", markup=False)
            yield Static("", id="examples", classes="examples", markup=False)
            yield Container(id="slot")
        # The coach's tips sit above the buttons, in view whatever the body is scrolled to.
        with VerticalScroll(id="coach-box"):
            yield CoachPanel(id="coach")
        with Horizontal(id="buttons"):
            yield Button(words.back + " (F5)", id="back", compact=True)
            yield Button(words.skip + " (F6)", id="skip", compact=True)
            yield Button(words.next + " (F7)", id="next", variant="primary", compact=True)
            yield Button(words.stop + " (F10)", id="stop", compact=True)
        yield from about_and_footer()

    def on_mount(self) -> None:
        self.show_prompt()

    # -- showing ---------------------------------------------------------------------------

    def show_prompt(self, *, saved: bool = False) -> None:
        """Show the engine's current step (or the step being edited).

        Everything that changes on screen changes inside one batch, so the next question
        appears in a single repaint rather than in pieces a frame apart."""
        prompt = self.session.prompt(self.edit_step)
        if self.edit_step is None:
            draft = self.session.take_draft(prompt.step.id)
            if draft is not None:  # typed but not given last time: back in the box
                prompt = dataclasses.replace(prompt, previous=draft)
        self._coming = prompt
        self.call_later(self._show, prompt, saved)

    async def _show(self, prompt: Prompt, saved: bool) -> None:
        if prompt is not self._coming:
            return  # superseded by a later move
        with self.app.batch_update():
            self.prompt = prompt
            self._show_text(prompt)
            if saved:
                self.banner(ui_text().question.saved)
            widget = await self._answer_box(prompt)
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
        kind = prompt.step.kind
        widget = self._widgets.get(kind)
        if widget is None or not widget.is_mounted or not widget.show(prompt):
            if widget is not None:
                await widget.remove()
            widget = answer_widget(prompt)
            self._widgets[kind] = widget
            await self.query_one("#slot", Container).mount(widget)
        for other in self._widgets.values():
            other.display = other is widget
        for box in widget.query(SafeInput):
            box.forget_undo()  # Ctrl+Z must not bring back another question's words
        self._widget = widget
        return widget

    def _show_text(self, prompt: Prompt) -> None:
        engine = self.session.engine
        words = ui_text().question
        step = prompt.step
        if step.is_question:
            label = words.progress.format(number=prompt.number, total=prompt.total)
        else:
            label = words.reading
        self.query_one("#progress-label", Static).update(label)
        done, total = engine.progress()
        self.query_one("#bar", ProgressBar).update(total=max(total, 1), progress=done)
        # The screen wraps the words to its width; the line breaks of the YAML would fall
        # mid-sentence on a narrower one.
        self.query_one("#ask", Static).update(safe(reflow(prompt.ask), "bold"))
        helper = self.query_one("#help", Static)
        helper.update(safe(reflow(prompt.help)))
        helper.display = bool(prompt.help)
        self._examples_shown = False
        self._show_examples()
        self.query_one("#skip", Button).display = step.is_question and step.skippable
        self.query_one("#back", Button).display = self.edit_step is None and len(engine.path) > 1
        self.set_class(step.kind == "info", "-reading")  # nothing to type: the text takes room
        self._hide_tips()

    def _shown(self) -> None:
        shown = getattr(self.app, "question_shown", None)
        if shown is not None:
            shown()
        if self._submitted_at is not None:
            self.last_transition_ms = (time.perf_counter() - self._submitted_at) * 1000
            self._submitted_at = None

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
            box.update(text)
        else:
            box.update(Text(words.examples_hidden, style="dim"))

    def banner(self, text: str, *, problem: bool = False) -> None:
        box = self.query_one("#banner", Static)
        box.update(safe(text))
        box.set_class(problem, "problem")
        box.display = True
        if self._banner_timer is not None:
            self._banner_timer.stop()
        self._banner_timer = self.set_timer(3 if not problem else 8, self._hide_banner)

    def _hide_banner(self) -> None:
        self.query_one("#banner", Static).update("")

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
        self._submitted_at = time.perf_counter()
        try:
            if self.edit_step is not None:
                given = session.edit(step.id, value)
                self.app.notify(ui_text().question.edited, timeout=3)
                self._after_answer(given)
                self.dismiss(None)
                return
            given = session.give(value)
        except (AnswerError, EngineError) as error:
            self._submitted_at = None
            self.banner(ui_text().question.not_saved.format(problem=error), problem=True)
            return
        except SessionError as error:  # saved, but the coach could not look at it
            given = Given(step, value)
            self._coach_failed(error)
        self._after_answer(given)
        if session.finished:
            self._submitted_at = None
            self.app.call_later(self.app.finished_session)  # type: ignore[attr-defined]
            return
        self.show_prompt(saved=step.is_question)

    def _after_answer(self, given: Given) -> None:
        unasked = [
            p for p in self.session.danger_pieces(given.step, given.value) if p not in self._judged
        ]
        if given.crisis and unasked:  # a change from the map: the numbers, at least
            self.app.call_later(self.app.action_crisis)  # type: ignore[attr-defined]

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
        self.submit(self.answer_widget().value())

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
        if action in ("apply_suggestion", "ignore_coach"):
            return bool(self._findings)
        if action == "examples":  # only offered where there are examples to show
            return self.prompt is not None and bool(self.prompt.examples)
        return True

    @on(DraftChanged)
    def _draft_changed(self, event: DraftChanged) -> None:
        event.stop()
        if self.session.coach_mode == "off" or self._coach_broken:
            return
        if self._coach_timer is not None:
            self._coach_timer.stop()
        self._coach_timer = self.set_timer(COACH_DELAY, self._run_coach)

    def _run_coach(self) -> None:
        if self.prompt is None or self._widget is None:
            return
        text = self.answer_widget().draft()
        gentle = self.session.coach_mode == "gentle"
        try:
            findings = self.session.coach(text, self.prompt.step)
        except SessionError as error:
            self._coach_failed(error)
            findings = []
        findings = [f for f in findings if (f.rule, text[f.start : f.end]) not in self._ignored]
        self._findings = findings
        self.query_one(CoachPanel).show_findings(text, findings, gentle=gentle)
        # While there are tips, the question gives up room (it scrolls in its own box), so the
        # box being typed in and the tips both stay in view on a small screen.
        self.set_class(bool(findings), "-coaching")
        self.refresh_bindings()

    def action_apply_suggestion(self) -> None:
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
        self.remove_class("-coaching")
        self.refresh_bindings()
