"""The first-run welcome and the home screen: carry on a saved session or start a new one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

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
from sos_assistant.tui.widgets.safe import SafeInput, safe
from sos_assistant.tui_text import ui_text

if TYPE_CHECKING:
    from sos_assistant.dialogue import Script
    from sos_assistant.store import SessionInfo
    from sos_assistant.store.protocol import SessionStore
CHILD_DIALOGUES: tuple[str, ...] = ("three-houses", "words-and-pictures")
"""Offered beside the people who use the app, and started directly (no framework to pick)."""
OWN_ENTRIES: tuple[str, ...] = (*CHILD_DIALOGUES, "rehearse-questions", "supervision-reflection")
"""Dialogues with their own entry on the home screen, left out of each person's list."""


def child_options() -> list[Option]:
    """The choices for a child with a grown-up (Three Houses) and for writing a story."""
    words = ui_text().home
    child, story = CHILD_DIALOGUES
    return [Option(words.who_child, id=child), Option(words.who_story, id=story)]


class FirstRunScreen(Screen[None]):
    """Two sentences on what the tool is, that everything stays here, and help now."""

    AUTO_FOCUS = ""
    """Focus goes straight to the button (:meth:`on_mount`), before the first frame."""

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
        self.set_focus(self.query_one("#start", Button), scroll_visible=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)


def session_label(info: SessionInfo) -> Text:
    """One saved session: its name, progress and when it last changed."""
    words = ui_text().home
    out = safe(info.name, "bold")
    out.append("\n  ")
    if info.finished:
        out.append(words.finished)
    elif info.total:
        out.append(words.progress.format(done=info.answered, total=info.total))
    out.append(" · " + words.changed.format(when=when_text(info.updated)))
    return out


SHOWN = 30
"""Saved sessions listed at once (the newest); a name typed in the box finds the others."""

Finder = Callable[[str], tuple[Sequence["SessionInfo"], int]]
"""Given what is typed in the find box: the newest matching sessions (at most :data:`SHOWN`)
and how many match in all."""


def _finder(sessions: Sequence[SessionInfo]) -> Finder:
    """Find among sessions already read (the store's own search is used when there is one)."""

    def find(text: str) -> tuple[Sequence[SessionInfo], int]:
        wanted = text.strip().casefold()
        found = [s for s in sessions if wanted in s.name.casefold()]
        return found[:SHOWN], len(found)

    return find


def home_screen(store: SessionStore) -> HomeScreen:
    """The home screen over ``store``: only the newest sessions are read to show it, so it
    opens as fast with 10,000 saved sessions as with 10; the find box asks the store."""
    count = store.count_sessions()
    newest = store.list_sessions(SHOWN) if count else []
    return HomeScreen(newest, count=count, find=lambda text: store.find_sessions(text, SHOWN))


class HomeScreen(Screen[None]):
    """Carry on where you stopped, or say who you are and start."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "restart", ui_text().keys.start_again, show=False)
    ]
    AUTO_FOCUS = ""
    """Focus goes straight to the list (:meth:`on_mount`), not first to the scrolling box and
    then, a frame later, to the list: the first frame drawn is the finished screen."""

    def __init__(
        self,
        sessions: Sequence[SessionInfo],
        *,
        count: int | None = None,
        find: Finder | None = None,
    ) -> None:
        """``sessions``: the newest saved sessions, newest first (at least the first
        :data:`SHOWN`, or all of them); ``count``: how many are saved in all (default: as many
        as given); ``find``: how the find box looks for the rest (default: among those given).
        """
        super().__init__()
        self.count = len(sessions) if count is None else count
        """How many sessions are saved."""
        self._find_sessions = find or _finder(sessions)
        self.shown: list[SessionInfo] = list(sessions[:SHOWN])
        """The sessions in the list now, in its order."""
        self.audience: str | None = None
        self.script: Script | None = None
        self._scripts: list[Script] = []
        self.started = False
        """A session was chosen and is opening: a second Enter must not choose again."""

    def compose(self) -> ComposeResult:
        words = ui_text().home
        with VerticalScroll(id="home", classes="-sessions" if self.count else ""):
            yield Static(words.title, classes="title", markup=False)
            yield Static(words.contrast_hint, classes="hint", id="contrast-hint", markup=False)
            if self.count:
                yield Static(words.carry_on.format(count=self.count), markup=False)
                if self.count > SHOWN:
                    yield SafeInput(placeholder=words.find, id="find")
                    yield Static(
                        words.more.format(shown=SHOWN, count=self.count),
                        id="more",
                        classes="hint",
                        markup=False,
                    )
                yield OptionList(*[Option(session_label(s)) for s in self.shown], id="sessions")
            yield Static(words.new + ". " + words.who_title, id="step-title", markup=False)
            yield OptionList(
                *[Option(getattr(words.audiences, a), id=a) for a in AUDIENCES],
                *child_options(),  # the Three Houses, and Words and Pictures
                Option(ui_text().rehearse.home_option, id="rehearse"),
                Option(ui_text().rehearse.reflect_option, id="reflect"),
                id="who",
            )
            yield Static("", id="home-note", markup=False)
        yield from about_and_footer()

    def on_mount(self) -> None:
        box = self.query_one("#sessions" if self.count else "#who", OptionList)
        box.highlighted = 0  # something is chosen already, so the first Enter picks it
        self.set_focus(box, scroll_visible=False)

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
        box.add_options(child_options())
        box.add_option(Option(ui_text().rehearse.home_option, id="rehearse"))
        box.add_option(Option(ui_text().rehearse.reflect_option, id="reflect"))
        box.highlighted = 0

    def _start(self, message: StartSession | ResumeSession) -> None:
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
        info = self.shown[event.option_index]
        self._start(ResumeSession(info.name))

    @on(SafeInput.Changed, "#find")
    def _find(self, event: SafeInput.Changed) -> None:
        """Show the newest sessions whose names hold what is typed."""
        event.stop()
        words = ui_text().home
        from sos_assistant.store.core import StoreError

        try:
            found, matches = self._find_sessions(event.value)
        except StoreError as error:  # said plainly; the list stays as it was
            self.notify(str(error), severity="error", timeout=20, markup=False)
            return
        self.shown = list(found[:SHOWN])
        box = self.query_one("#sessions", OptionList)
        box.clear_options()
        box.add_options([Option(session_label(s)) for s in self.shown])
        if not matches:
            note = words.none_found
        elif matches > SHOWN:
            note = words.more.format(shown=SHOWN, count=matches)
        else:
            note = ""
        self.query_one("#more", Static).update(note)

    @on(SafeInput.Submitted, "#find")
    def _found(self, event: SafeInput.Submitted) -> None:
        event.stop()
        if self.shown:
            box = self.query_one("#sessions", OptionList)
            box.highlighted = 0
            box.focus()

    @on(OptionList.OptionSelected, "#who")
    def _who(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.started:
            return
        from sos_assistant.session import asks_framework, dialogues_for

        chosen = event.option.id or ""
        if chosen == "rehearse" and self.audience is None:
            from sos_assistant.tui.screens.rehearse import VignettePickScreen

            self.app.push_screen(VignettePickScreen())
            return
        if chosen == "reflect" and self.audience is None:
            self._start(StartSession("supervision-reflection", "practitioner", None))
            return
        if chosen.startswith("dialogue:"):  # one of several conversations for this person
            self.script = next(s for s in self._scripts if s.id == chosen.split(":", 1)[1])
            if asks_framework(self.script):
                self._ask_framework()
                return
            self._start(StartSession(self.script.id, self.audience or "family", None))
            return
        if self.audience is None and chosen in CHILD_DIALOGUES:  # no framework to choose
            self._start(StartSession(chosen, "family", None))
        elif self.audience is None:
            scripts = [s for s in dialogues_for(chosen) if s.id not in OWN_ENTRIES]
            if not scripts:
                self.query_one("#home-note", Static).update(ui_text().home.no_dialogue)
                return
            self.audience, self.script = chosen, scripts[0]
            if len(scripts) > 1:
                self._scripts = scripts
                self._ask_dialogue()
                return
            if asks_framework(self.script):
                self._ask_framework()
                return
            self._start(StartSession(self.script.id, chosen, None))
        elif self.script is not None:  # the framework, chosen after the dialogue
            self._start(StartSession(self.script.id, self.audience, chosen))

    def _ask_dialogue(self) -> None:
        self.query_one("#step-title", Static).update(ui_text().home.dialogue_title)
        box = self.query_one("#who", OptionList)
        box.clear_options()
        for script in self._scripts:
            label = safe(script.title, "bold")
            if script.description:
                label.append("\n")
                label.append_text(safe(" ".join(script.description.split())))
            box.add_option(Option(label, id=f"dialogue:{script.id}"))
        box.highlighted = 0
        box.focus()

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
