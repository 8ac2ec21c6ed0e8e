"""Practising questions: choose a fictional family, read the card, ask questions and see the
reply, the kind of question and one tip under each; a tally at the side; a summary at the end.

The screens only show things: the rehearsal (replies, feedback, tally, summary) and its saving
are :mod:`sos_assistant.rehearse`.
"""

from __future__ import annotations

import time
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from sos_assistant.rehearse.session import SavedRehearsal, Turn
from sos_assistant.rehearse.vignettes import Vignette, all_vignettes
from sos_assistant.tui.screens.common import about_and_footer
from sos_assistant.tui.widgets.safe import SafeInput, safe
from sos_assistant.tui_text import ui_text

_CSS = "rehearse.tcss"


def open_rehearsal(app: Any, name: str) -> None:
    """Show a saved practice session: carry on asking, or review a finished one."""
    saved = SavedRehearsal.resume(app.store, name)
    if saved.rehearsal.finished_questions:
        app.switch_or_push(RehearseSummaryScreen(saved))
    else:
        app.switch_or_push(RehearseScreen(saved))


def start_rehearsal(app: Any, vignette: Vignette, name: str | None = None) -> None:
    """A new practice session with ``vignette`` (saved like any other session)."""
    from sos_assistant.rehearse.session import new_name

    taken = {str(getattr(s, "name", s)) for s in app.store.list_sessions()}
    saved = SavedRehearsal.open(app.store, vignette, name or new_name(vignette, taken))
    app.switch_or_push(RehearseScreen(saved))


def _framework_name(key: str) -> str:
    from sos_assistant import content

    return content.frameworks().frameworks[key].name  # type: ignore[index]


class VignettePickScreen(Screen[None]):
    """The fictional families to practise with."""

    CSS_PATH = _CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", ui_text().rehearse.key_home, show=False)
    ]

    def compose(self) -> ComposeResult:
        self.vignettes = all_vignettes()
        with VerticalScroll(id="pick"):
            yield Static(ui_text().rehearse.pick_title, classes="title", markup=False)
            options = []
            for v in self.vignettes:
                label = safe(v.title, "bold")
                label.append("\n  " + _framework_name(v.framework))
                options.append(Option(label, id=v.id))
            yield OptionList(*options, id="vignettes")
        yield from about_and_footer()

    def on_mount(self) -> None:
        self.query_one("#vignettes", OptionList).focus()

    def action_back(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected, "#vignettes")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        start_rehearsal(self.app, self.vignettes[event.option_index])


def turn_text(turn: Turn, feedback: str) -> Text:
    """One exchange as the chat shows it: the question, the reply, the feedback and a better
    question when there is one. Every piece is inert text."""
    words = ui_text().rehearse
    out = safe(f"{words.you}: ", "bold")
    out.append_text(safe(turn.question))
    out.append("\n")
    helpful = turn.verdict.helpful
    out.append_text(safe(f"  → {feedback}", "italic" if helpful else "bold"))
    if turn.verdict.try_:
        out.append("\n")
        out.append_text(safe(f"  Try: {turn.verdict.try_}", "italic"))
    out.append("\n")
    out.append_text(safe(f"{turn.speaker}: ", "bold"))
    out.append_text(safe(turn.reply))
    return out


def tally_text(saved: SavedRehearsal) -> Text:
    """The side tally: types asked, open and closed, and the three questions explored."""
    words = ui_text().rehearse
    rehearsal = saved.rehearsal
    tally = rehearsal.tally()
    out = safe(words.tally_title, "bold")
    out.append("\n")
    for type_name, count in tally.counts.items():
        out.append_text(safe(f"{type_name.replace('_', ' ')}: {count}\n"))
    out.append("\n")
    out.append_text(safe(words.tally_open.format(count=tally.open) + "\n"))
    out.append_text(safe(words.tally_closed.format(count=tally.closed) + "\n"))
    out.append_text(safe(words.tally_poor.format(count=tally.poor) + "\n\n"))
    out.append_text(safe(words.tally_three, "bold"))
    for part in ("worries", "working_well", "next_steps"):
        count = tally.three[part]
        mark = "✓ " if count else "· "
        line = getattr(words, f"three_{part}").format(count=count)
        out.append_text(safe("\n" + mark + line, "" if count else "dim"))
    return out


class RehearseScreen(Screen[None]):
    """The chat: the card first, then each question with its reply and feedback."""

    CSS_PATH = _CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f6", "end", ui_text().rehearse.key_end),
    ]

    def __init__(self, saved: SavedRehearsal) -> None:
        super().__init__()
        self.saved = saved
        self._asked_at: float | None = None
        self.last_reply_ms: float | None = None
        """Time from Enter to the reply painted on screen (for benchmarks)."""

    def compose(self) -> ComposeResult:
        words = ui_text().rehearse
        vignette = self.saved.rehearsal.vignette
        with Horizontal(id="rehearse"):
            with Vertical(id="chat-side"):
                with VerticalScroll(id="chat"):
                    yield Static(safe(vignette.title, "bold"), classes="title")
                    yield Static(safe(words.card_title, "italic"), classes="hint")
                    yield Static(safe(vignette.card_text), id="card")
                    for turn in self.saved.rehearsal.turns:
                        yield self._turn_widget(turn)
                yield SafeInput(placeholder=words.placeholder, id="ask")
            yield Static(tally_text(self.saved), id="tally")
        yield from about_and_footer()

    def on_mount(self) -> None:
        self.query_one("#ask", Input).focus()
        if self.saved.rehearsal.turns:
            self.query_one("#chat", VerticalScroll).scroll_end(animate=False)
        self.notify(ui_text().rehearse.saved_as.format(name=self.saved.name), timeout=4)

    def _turn_widget(self, turn: Turn) -> Static:
        classes = "turn" if turn.verdict.helpful else "turn poor"
        return Static(turn_text(turn, self.saved.rehearsal.feedback_line(turn)), classes=classes)

    @on(Input.Submitted, "#ask")
    def _asked(self, event: Input.Submitted) -> None:
        event.stop()
        self._asked_at = time.perf_counter()
        question = event.value.strip()
        if not question:
            return
        if question.lower() in ("end", "/end"):
            self.action_end()
            return
        turn = self.saved.reply(question)  # saved just after it is painted (see _shown)
        event.input.value = ""
        chat = self.query_one("#chat", VerticalScroll)
        with self.app.batch_update():
            chat.mount(self._turn_widget(turn))
            self.query_one("#tally", Static).update(tally_text(self.saved))
        chat.scroll_end(animate=False)
        self.call_after_refresh(self._shown)

    def _shown(self) -> None:
        if self._asked_at is not None:
            self.last_reply_ms = (time.perf_counter() - self._asked_at) * 1000
            self._asked_at = None
        self._save()

    def _save(self) -> None:
        from sos_assistant.store import StoreError

        try:
            self.saved.save()
        except StoreError as error:
            problem = ui_text().rehearse.not_saved.format(problem=error)
            self.notify(problem, severity="error", markup=False)
            kept = len(self.saved.rehearsal.turns)
            for widget in list(self.query(".turn"))[kept:]:
                widget.remove()
            self.query_one("#tally", Static).update(tally_text(self.saved))

    def save_draft(self) -> None:
        """Called by the app before it stops (F10, quick exit)."""
        self._save()

    def action_end(self) -> None:
        self._save()
        self.saved.end_questions()
        self.app.switch_screen(RehearseSummaryScreen(self.saved))


class RehearseSummaryScreen(Screen[None]):
    """Counts per type, the questions that worked best, one thing to try next time."""

    CSS_PATH = _CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "home", ui_text().rehearse.key_home),
    ]

    def __init__(self, saved: SavedRehearsal) -> None:
        super().__init__()
        self.saved = saved

    def compose(self) -> ComposeResult:
        words = ui_text().rehearse
        summary = self.saved.rehearsal.summary()
        with VerticalScroll(id="summary"):
            yield Static(words.summary_title, classes="title", markup=False)
            lines = summary.lines()
            yield Static(safe("\n".join(lines[1:])), id="summary-text")
            with Horizontal(id="buttons"):
                yield Button(words.write_map, id="write-map", variant="primary")
                yield Button(words.close, id="home-button")
            rehearsal = self.saved.rehearsal
            if rehearsal.turns:
                yield Static(words.transcript_title, classes="title", markup=False)
                for turn in rehearsal.turns:
                    yield Static(turn_text(turn, rehearsal.feedback_line(turn)), classes="turn")
        yield from about_and_footer()

    def on_mount(self) -> None:
        self.query_one("#write-map", Button).focus()

    @on(Button.Pressed, "#write-map")
    def _write(self, event: Button.Pressed) -> None:
        event.stop()
        from sos_assistant.tui.screens.rehearse_map import RehearseMapScreen

        self.app.switch_screen(RehearseMapScreen(self.saved, compare=self.saved.finished))

    @on(Button.Pressed, "#home-button")
    def _home(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_home()

    def action_home(self) -> None:
        go_home(self.app)


def go_home(app: Any) -> None:
    """Back to the home screen, with this session in the list of saved ones."""
    from sos_assistant.tui.screens.home import home_screen

    while len(app.screen_stack) > 1:
        app.pop_screen()
    app.push_screen(home_screen(app.store))
