"""If someone is in danger right now: content-defined contacts. Closes with one key."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from sos_assistant import content
from sos_assistant.tui.screens.common import about_and_footer
from sos_assistant.tui.widgets.safe import safe
from sos_assistant.tui_text import ui_text


def crisis_text() -> Text:
    info = content.crisis()
    out = safe(info.title, "bold")
    out.append("\n\n")
    out.append_text(safe(info.intro))
    for contact in info.contacts:
        out.append("\n\n")
        out.append_text(safe(contact.name, "bold"))
        out.append("  ")
        out.append_text(safe(contact.number, "bold reverse"))
        out.append("\n")
        out.append_text(safe(contact.when))
    if info.after:
        out.append("\n\n")
        out.append_text(safe(info.after, "italic"))
    return out


class CrisisScreen(ModalScreen[None]):
    """Never blocks: Escape, F4 or the button closes it and the person carries on."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f4", "close", ui_text().buttons.close),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="crisis-box"):
            with VerticalScroll():
                yield Static(crisis_text(), id="crisis-text")
            yield Button(ui_text().crisis.close, id="close", variant="primary")
        yield from about_and_footer()

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
