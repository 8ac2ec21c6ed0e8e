"""Asks for the passphrase of a protected store. A wrong one changes nothing and can be tried
again; the person can also stop here. Help and the danger-now panel stay one key away."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from sos_assistant.tui.screens.common import about_and_footer
from sos_assistant.tui.widgets.safe import safe
from sos_assistant.tui_text import ui_text

if TYPE_CHECKING:
    from sos_assistant.store.protocol import SessionStore


class PassphraseScreen(Screen[bool]):
    """Dismisses with True once ``store`` is unlocked, False if the person stops."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "stop", ui_text().buttons.stop, show=False),
    ]

    def __init__(self, store: SessionStore) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        words = ui_text().passphrase
        with Vertical(id="passphrase-box"):
            yield Static(safe(words.title, "bold"))
            yield Static(safe(words.explain))
            yield Input(password=True, id="passphrase", placeholder=words.placeholder)
            yield Static("", id="passphrase-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(words.open, id="open", variant="primary", compact=True)
                yield Button(ui_text().buttons.close, id="stop", compact=True)
        yield from about_and_footer()

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    @on(Input.Submitted, "#passphrase")
    @on(Button.Pressed, "#open")
    def try_passphrase(self) -> None:
        from sos_assistant.store import PassphraseError

        box = self.query_one("#passphrase", Input)
        try:
            self.store.unlock(box.value)
        except PassphraseError:
            box.value = ""
            self.query_one("#passphrase-problem", Static).update(
                safe(ui_text().passphrase.wrong, "bold")
            )
            return
        self.dismiss(True)

    @on(Button.Pressed, "#stop")
    def action_stop(self) -> None:
        self.dismiss(False)
