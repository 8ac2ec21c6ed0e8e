"""The first-run welcome and the home screen: carry on a saved session or start a new one."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from sos_assistant.names import AUDIENCES
from sos_assistant.tui.messages import ResumeSession, StartSession
from sos_assistant.tui.screens.common import about_and_footer, when_text
from sos_assistant.tui.widgets.safe import safe
from sos_assistant.tui_text import ui_text


class FirstRunScreen(Screen[None]):
    """Two sentences on what the tool is, that everything stays here, and help now."""

    def compose(self) -> ComposeResult:
        words = ui_text().first_run
        with VerticalScroll(id="first-run"):
            yield Static(words.title, classes="title", markup=False)
            yield Static(words.body, markup=False)
            yield Static(words.help_now, classes="important", markup=False)
            yield Static(words.quick_exit, markup=False)
            yield Button(words.start, id="start", variant="primary")
        yield from about_and_footer()

    def on_mount(self) -> None:
        self.query_one("#start", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)


def session_label(info: Any) -> Text:
    """One saved session: its name, progress and when it last changed."""
    words = ui_text().home
    done, total = getattr(info, "answered", None), getattr(info, "total", None)
    out = safe(str(getattr(info, "name", info)), "bold")
    out.append("\n  ")
    if getattr(info, "finished", False):
        out.append(words.finished)
    elif done is not None and total:
        out.append(words.progress.format(done=done, total=total))
    changed = getattr(info, "updated", None) or getattr(info, "changed", None)
    if changed:
        out.append(" · " + words.changed.format(when=when_text(changed)))
    return out


class HomeScreen(Screen[None]):
    """Carry on where you stopped, or say who you are and start."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "restart", ui_text().keys.start_again, show=False)
    ]

    def __init__(self, sessions: list[Any]) -> None:
        super().__init__()
        self.sessions = sessions
        self.audience: str | None = None
        self.script: Any = None
        self.started = False
        """A session was chosen and is opening: a second Enter must not choose again."""

    def compose(self) -> ComposeResult:
        words = ui_text().home
        with VerticalScroll(id="home"):
            yield Static(words.title, classes="title", markup=False)
            if self.sessions:
                yield Static(words.carry_on.format(count=len(self.sessions)), markup=False)
                yield OptionList(*[Option(session_label(s)) for s in self.sessions], id="sessions")
            yield Static(words.new + ". " + words.who_title, id="step-title", markup=False)
            yield OptionList(
                *[Option(getattr(words.audiences, a), id=a) for a in AUDIENCES], id="who"
            )
            yield Static("", id="home-note", markup=False)
        yield from about_and_footer()

    def on_mount(self) -> None:
        box = self.query_one("#sessions" if self.sessions else "#who", OptionList)
        box.highlighted = 0  # something is chosen already, so the first Enter picks it
        box.focus()

    def opening(self) -> None:
        """Say that the session is being opened (it takes a moment)."""
        self.query_one("#home-note", Static).update(ui_text().home.opening)

    def action_restart(self) -> None:
        self.audience = None
        words = ui_text().home
        self.query_one("#step-title", Static).update(words.new + ". " + words.who_title)
        box = self.query_one("#who", OptionList)
        box.clear_options()
        box.add_options([Option(getattr(words.audiences, a), id=a) for a in AUDIENCES])
        box.highlighted = 0

    def _start(self, message: Any) -> None:
        """Open a session once: say so, hold answer keys, and ignore a second Enter."""
        self.started = True
        self.opening()
        hold = getattr(self.app, "hold_keys", None)
        if hold is not None:
            hold()
        self.post_message(message)

    @on(OptionList.OptionSelected, "#sessions")
    def _resume(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.started:
            return
        info = self.sessions[event.option_index]
        self._start(ResumeSession(str(getattr(info, "name", info))))

    @on(OptionList.OptionSelected, "#who")
    def _who(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.started:
            return
        from sos_assistant.session import asks_framework, dialogues_for

        chosen = event.option.id or ""
        if self.audience is None:
            scripts = dialogues_for(chosen)
            if not scripts:
                self.query_one("#home-note", Static).update(ui_text().home.no_dialogue)
                return
            self.audience, self.script = chosen, scripts[0]
            if asks_framework(self.script):
                self._ask_framework()
                return
            self._start(StartSession(self.script.id, chosen, None))
        else:
            self._start(StartSession(self.script.id, self.audience, chosen))

    def _ask_framework(self) -> None:
        from sos_assistant import content

        self.query_one("#step-title", Static).update(ui_text().home.framework_title)
        box = self.query_one("#who", OptionList)
        box.clear_options()
        for key, fw in content.frameworks().frameworks.items():
            label = safe(fw.name, "bold")
            label.append("\n")
            label.append_text(safe(fw.summary))
            box.add_option(Option(label, id=key))
        box.highlighted = 0
        box.focus()
