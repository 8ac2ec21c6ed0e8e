"""Choosing saved sessions for the map screen: a child's houses to show with a map, or the
family map a Words and Pictures story is drafted from. Nothing is added unless chosen."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from sos_assistant.children import children_words
from sos_assistant.model import Map
from sos_assistant.tui.screens.common import about_and_footer
from sos_assistant.tui.screens.home import session_label
from sos_assistant.tui.widgets.ticks import TickList
from sos_assistant.tui_text import ui_text

DIALOG_CSS: list[str | PurePath] = ["map.tcss", "dialogs.tcss"]
"""The map screen's dialog styles (these dialogs open from it)."""

HOUSES_DIALOGUE = "three-houses"
STORY_DIALOGUE = "words-and-pictures"


def houses_sessions(store: Any) -> list[Any]:
    """Saved Three Houses sessions, newest first."""
    return [s for s in store.list_sessions() if s.dialogue == HOUSES_DIALOGUE]


def family_sessions(store: Any) -> list[Any]:
    """Saved sessions that make a family's map (not a child's houses or a story)."""
    return [s for s in store.list_sessions() if s.dialogue not in (HOUSES_DIALOGUE, STORY_DIALOGUE)]


class ChooseHousesScreen(ModalScreen[list[str] | None]):
    """Tick the children whose houses this map shows (the ones ticked before stay ticked)."""

    CSS_PATH = DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", ui_text().keys.close),
        # Space ticks (the list's own key); Enter saves, even from the list.
        Binding("enter", "save", ui_text().buttons.save, priority=True, show=False),
    ]

    def __init__(self, sessions: list[Any], chosen: list[str]) -> None:
        super().__init__()
        self.sessions = sessions
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        words = children_words().app
        with Vertical(classes="dialog"):
            yield Static(words.add_child_title, classes="title", markup=False)
            yield Static(words.add_child_note, markup=False)
            if not self.sessions:
                yield Static(words.add_child_none, markup=False)
            yield TickList[str](
                *((session_label(s), s.name, s.name in self.chosen) for s in self.sessions),
                id="houses-list",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(ui_text().buttons.save, id="save", variant="primary")
                yield Button(ui_text().buttons.cancel, id="cancel")
        yield from about_and_footer()

    def on_mount(self) -> None:
        self.query_one("#houses-list" if self.sessions else "#cancel").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.dismiss(list(self.query_one("#houses-list", SelectionList).selected))
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        if isinstance(self.focused, Button) and self.focused.id == "cancel":
            self.dismiss(None)
        else:
            self.dismiss(list(self.query_one("#houses-list", SelectionList).selected))

    def action_close(self) -> None:
        self.dismiss(None)


class ChooseFamilyScreen(ModalScreen[str | None]):
    """Pick the family map a story's empty pages are drafted from."""

    CSS_PATH = DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", ui_text().keys.close)]

    def __init__(self, sessions: list[Any]) -> None:
        super().__init__()
        self.sessions = sessions

    def compose(self) -> ComposeResult:
        words = children_words().app
        with Vertical(classes="dialog"):
            yield Static(words.from_family_title, classes="title", markup=False)
            if not self.sessions:
                yield Static(words.from_family_none, markup=False)
            yield OptionList(
                *(Option(session_label(s), id=s.name) for s in self.sessions), id="family-list"
            )
            yield Button(ui_text().buttons.cancel, id="cancel")
        yield from about_and_footer()

    def on_mount(self) -> None:
        self.query_one("#family-list" if self.sessions else "#cancel").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


# -- what the map screen calls ------------------------------------------------------------------


def _saved_map(store: Any, name: str) -> Map:
    """The map of another saved session, read without saving anything."""
    from sos_assistant.session import Session

    return Session.view(store, name).map()


def with_children(session: Any, names: list[str]) -> Map:
    """The session's map with the houses of the chosen Three Houses sessions added."""
    from sos_assistant.children import add_children, voices_from

    the_map: Map = session.map()
    if not names:
        return the_map
    maps = [_saved_map(session.store, n) for n in names if session.store.exists(n)]
    return add_children(the_map, voices_from(maps))


def child_buttons(session: Any) -> Any:
    """The map screen's extra button: fill a story from a family map, or add a child's houses
    (not on a child's own houses)."""
    words = children_words().app
    dialogue = session.engine.script.id
    if dialogue == STORY_DIALOGUE:
        yield Button(words.from_family_button + " (F)", id="from-family", compact=True)
    elif dialogue != HOUSES_DIALOGUE:
        yield Button(words.add_child_button + " (A)", id="add-child", compact=True)


def add_child(screen: Any) -> None:
    """Let the person tick the children whose houses the map on ``screen`` shows."""
    if screen.session.engine.script.id in (HOUSES_DIALOGUE, STORY_DIALOGUE):
        return

    def chosen(names: list[str] | None) -> None:
        if names is not None:  # the map is drawn again when the screen comes back
            screen.child_houses = names

    sessions = houses_sessions(screen.session.store)
    screen.app.push_screen(ChooseHousesScreen(sessions, screen.child_houses), chosen)


def from_family(screen: Any) -> None:
    """Let the person pick a family map, and fill the story's empty pages from it."""
    if screen.session.engine.script.id != STORY_DIALOGUE:
        return
    from sos_assistant.story import fill_empty_pages

    words = children_words().app

    def chosen(name: str | None) -> None:
        if not name:
            return
        family = _saved_map(screen.session.store, name)
        filled = fill_empty_pages(screen.session.engine, family)  # each saved as an answer
        message = (
            words.from_family_done.format(count=filled) if filled else (words.from_family_nothing)
        )
        screen.notify(message)

    screen.app.push_screen(ChooseFamilyScreen(family_sessions(screen.session.store)), chosen)
