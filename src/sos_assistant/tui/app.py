"""The app: opens the store, shows the first-run or home screen, and holds the keys that work
on every screen (help, map, danger now, save and stop, quick exit)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual._time import get_time
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from sos_assistant.settings import load_settings, save_setting
from sos_assistant.tui.messages import ResumeSession, StartSession
from sos_assistant.tui_text import ui_text

if TYPE_CHECKING:
    from sos_assistant.session import Session
    from sos_assistant.store.protocol import SessionStore
    from sos_assistant.tui.screens.map import MapScreen

# Screens are imported where they are first shown. The first screen (welcome, home or
# passphrase) needs only Textual, the store and the app's words; the dialogues, the engine and
# the content files (pydantic, jinja2, transitions) load when a session starts or a key asks
# for them. That keeps start-up near a bare Textual app's (benchmarks/bench_terminal.py).

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffffff",
    warning="#ffff00",
    error="#ff5555",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    boost="#333333",
    dark=True,
    variables={"block-cursor-background": "#ffff00", "block-cursor-foreground": "#000000"},
)

QUESTION_CSS = (Path(__file__).parent / "screens" / "question.tcss").resolve()
"""The question screen's stylesheet. Textual re-reads every stylesheet when a screen first
brings one of its own, so when the first screen is a question (``--session NAME``) it is read
with the app's instead, before anything is drawn."""

QUICK_EXIT = "quick-exit"
DEFAULT_THEME = "textual-dark"
"""The usual look, which Ctrl+T goes back to from high contrast."""


def _default_store() -> SessionStore:
    from sos_assistant.store.core import open_store

    return open_store()


def _map_screen(session: Session) -> MapScreen:
    from sos_assistant.tui.screens.map import MapScreen

    return MapScreen(session)


class SosApp(App[str | None]):
    """sos-assistant's full-screen face. Exits with ``"quick-exit"`` after the quick-exit key."""

    CSS_PATH = "app.tcss"
    TITLE = "sos-assistant"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", ui_text().keys.help, priority=True),
        Binding("f2", "map", ui_text().keys.map, priority=True),
        Binding("f4", "crisis", ui_text().keys.danger, priority=True),
        Binding("f10", "save_and_stop", ui_text().keys.stop, priority=True),
        Binding("f12", "quick_exit", ui_text().keys.quick_exit, priority=True),
        Binding("ctrl+q", "save_and_stop", ui_text().buttons.stop, show=False, priority=True),
        # One key for high contrast, said on the home screen (not only in the command palette).
        Binding("ctrl+t", "toggle_contrast", ui_text().keys.contrast, show=False, priority=True),
    ]

    def __init__(
        self,
        *,
        store_factory: Callable[[], SessionStore] = _default_store,
        dialogue: str | None = None,
        session_name: str | None = None,
        framework: str | None = None,
        audience: str | None = None,
        rehearse: str | None = None,
    ) -> None:
        super().__init__()
        if session_name and rehearse is None:
            self.css_path.append(QUESTION_CSS)
        self.rehearse = rehearse
        """A vignette to practise questions with, from ``sos-assistant rehearse``."""
        self.register_theme(HIGH_CONTRAST)
        chosen = load_settings().get("theme")  # the theme the person chose last time
        if isinstance(chosen, str) and chosen in self.available_themes:
            self.theme = chosen
        self._store_factory = store_factory
        self.store: SessionStore | None = None
        self.session: Session | None = None
        self.start_options = (dialogue, session_name, framework, audience)
        self.opening = False
        """A session is being opened: answer keys are held until its question is shown."""
        self.keys_from = 0.0
        """Keys pressed before this moment (while opening) are ignored."""

    # -- starting --------------------------------------------------------------------------

    def on_mount(self) -> None:
        from sos_assistant.store.core import StoreError

        self.theme_changed_signal.subscribe(self, self._theme_chosen)

        try:
            self.store = self._store_factory()
        except StoreError as error:
            self.exit(ui_text().passphrase.cannot_open.format(problem=error), return_code=1)
            return
        for notice in self.store.notices:
            self.notify(notice, severity="warning", timeout=15, markup=False)
        if self.store.is_locked:
            from sos_assistant.tui.screens.passphrase import PassphraseScreen

            self.push_screen(PassphraseScreen(self.store), self._unlocked)
            return
        # The first screen is built once Textual has finished starting, not during it: a frame
        # drawn while it starts is never written to the terminal but counts as drawn, so the
        # first frame written left out what had not changed since (the key bar), and the
        # screen was only complete one or two frames later.
        self.call_later(self._start)

    def _theme_chosen(self, theme: Theme) -> None:
        """Keep the person's theme (high contrast, say) for next time."""
        save_setting("theme", theme.name)

    def _unlocked(self, opened: bool | None) -> None:
        if opened:
            self._start()
        else:
            self.exit(None)

    def _start(self) -> None:
        dialogue, name, framework, audience = self.start_options
        if self.rehearse is not None:  # sos-assistant rehearse VIGNETTE
            from sos_assistant.rehearse.vignettes import find_vignette
            from sos_assistant.tui.screens.rehearse import start_rehearsal

            start_rehearsal(self, find_vignette(self.rehearse), name)
            return
        if name:
            self.open_session(name, dialogue, audience or "family", framework)
            return
        from sos_assistant.tui.screens.home import FirstRunScreen, HomeScreen, home_screen

        store = self.sessions_store()
        if store.count_sessions():  # only the newest are read (the find box asks for more)
            self.push_screen(home_screen(store))
        else:  # the home screen is built once the welcome is read, not behind it
            self.push_screen(FirstRunScreen(), lambda _: self.push_screen(HomeScreen([])))

    def open_session(
        self, name: str, dialogue: str | None, audience: str, framework: str | None
    ) -> None:
        from sos_assistant.dialogue import ScriptError
        from sos_assistant.session import Session, find_script
        from sos_assistant.store import StoreError
        from sos_assistant.tui.screens.question import QuestionScreen

        store = self.sessions_store()
        if store.exists(name) and store.info(name).dialogue == "rehearse-questions":
            from sos_assistant.tui.screens.rehearse import open_rehearsal

            open_rehearsal(self, name)
            return
        self.opening = True
        try:
            script = find_script(dialogue) if dialogue else None
            if store.exists(name):  # carried on with its own dialogue, framework and audience
                self.session = Session.open(store, name, script)
                for line in self.session.damaged:  # the rest is carried on as usual
                    self.notify(line, severity="warning", timeout=20, markup=False)
            else:
                script = script or find_script("family-conference")
                self.session = Session.start(
                    store, script, name, framework=framework, audience=audience
                )
        except (StoreError, ScriptError) as error:  # said plainly; the app stays open
            self.opening = False
            self.notify(str(error), severity="error", timeout=20, markup=False)
            return
        except BaseException:
            self.opening = False
            raise
        if self.session.finished:
            self.switch_or_push(_map_screen(self.session))
            self.question_shown()  # no question to wait for: keys count again
        else:
            self.switch_or_push(QuestionScreen(self.session))

    def sessions_store(self) -> SessionStore:
        """The store, once it is open (every screen after the first runs after that)."""
        assert self.store is not None, "the store opens before any screen is shown"
        return self.store

    def switch_or_push(self, screen: Screen[Any]) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def on_start_session(self, message: StartSession) -> None:
        self._opening_now()
        self.call_after_refresh(self._start_new, message)

    def _start_new(self, message: StartSession) -> None:
        from sos_assistant.session import find_script, new_session_name

        script = find_script(message.dialogue)
        taken = (s.name for s in self.sessions_store().list_sessions())
        name = new_session_name(script, taken)
        self.open_session(name, message.dialogue, message.audience, message.framework)

    def on_resume_session(self, message: ResumeSession) -> None:
        self._opening_now()
        self.call_after_refresh(self.open_session, message.name, None, "family", None)

    # -- while a session opens, answer keys wait ------------------------------------------

    def _opening_now(self) -> None:
        """Say it is opening, and hold answer keys (a second Enter must not answer the first
        question) until the question is on screen (:meth:`question_shown`)."""
        self.hold_keys()
        say = getattr(self.screen, "opening", None)  # the home screen says it
        if say is not None:
            say()

    def hold_keys(self) -> None:
        """From now until a question is shown, answer keys are ignored."""
        self.opening = True

    def question_shown(self) -> None:
        """The question screen is showing its question: keys pressed from now on count."""
        if self.opening:
            self.opening = False
            self.keys_from = get_time()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and self._held(event):
            event.stop()
            return
        await super().on_event(event)

    def _held(self, event: events.Key) -> bool:
        """An answer key (Enter, Space or a letter) pressed while a session was opening."""
        if event.is_forwarded or not (event.key in ("enter", "space") or event.is_printable):
            return False
        return self.opening or event.time < self.keys_from

    def finished_session(self) -> None:
        """The last question is answered: keep the map in the history and show it."""
        if self.session is None:
            return
        from sos_assistant.store import StoreError

        try:
            self.session.finish()
        except StoreError as error:  # the map is still shown; the answers are saved
            self.notify(str(error), severity="warning", markup=False)
        self.switch_or_push(_map_screen(self.session))

    def edit_answer(self, step_id: str) -> None:
        from sos_assistant.tui.screens.question import QuestionScreen

        if self.session is not None:
            self.push_screen(QuestionScreen(self.session, edit_step=step_id))

    # -- keys on every screen --------------------------------------------------------------

    def get_key_display(self, binding: Binding) -> str:
        """Keys as they are printed on keyboards: F1, E, Esc (Textual shows f1, e, esc)."""
        shown = super().get_key_display(binding)
        if len(shown) == 1 or (shown[:1] == "f" and shown[1:].isdigit()):
            return shown.upper()
        return shown.capitalize() if shown.isalpha() else shown

    def action_toggle_contrast(self) -> None:
        """High contrast on, or back to the usual look (remembered for next time)."""
        self.theme = DEFAULT_THEME if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name

    def action_help(self) -> None:
        from sos_assistant.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_crisis(self) -> None:
        from sos_assistant.tui.screens.crisis import CrisisScreen

        if not isinstance(self.screen, CrisisScreen):
            self.push_screen(CrisisScreen())

    def action_map(self) -> None:
        if self.session is None:
            self.notify(ui_text().map.edit_empty)
            return
        from sos_assistant.tui.screens.crisis import CrisisScreen
        from sos_assistant.tui.screens.help import HelpScreen
        from sos_assistant.tui.screens.map import MapScreen
        from sos_assistant.tui.screens.question import QuestionScreen

        if isinstance(self.screen, MapScreen):
            if not self.session.engine.finished:
                self.screen.dismiss(None)
            return
        if isinstance(self.screen, QuestionScreen | HelpScreen | CrisisScreen):
            self.push_screen(MapScreen(self.session))

    def _save_draft(self) -> None:
        if self.session is None:
            return  # no question has been shown, so nothing is half-typed
        from sos_assistant.tui.screens.question import QuestionScreen

        for screen in self.screen_stack:
            if isinstance(screen, QuestionScreen):
                screen.save_draft()

    def action_save_and_stop(self) -> None:
        self._save_draft()
        self.exit(None)

    def action_quick_exit(self) -> None:
        self._save_draft()
        self.exit(QUICK_EXIT)

    # -- no screenshots: they would write what people typed to disk ------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if "screenshot" not in command.title.lower():
                yield command

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Disabled: a screenshot file would hold sensitive answers."""

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        """Disabled: a screenshot file would hold sensitive answers."""
        return None
