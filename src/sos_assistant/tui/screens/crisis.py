"""If someone is in danger right now: content-defined contacts. Closes with one key."""

from __future__ import annotations

from typing import Any, ClassVar

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
        Binding("down", "scroll('down')", show=False),
        Binding("up", "scroll('up')", show=False),
        Binding("pagedown", "scroll('page_down')", show=False),
        Binding("pageup", "scroll('page_up')", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="crisis-box"):
            with VerticalScroll(id="crisis-scroll"):
                yield Static(crisis_text(), id="crisis-text")
            yield Static(ui_text().crisis.more, id="crisis-more", markup=False)
            yield Button(ui_text().crisis.close, id="close", variant="primary")
        yield from about_and_footer()

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def action_scroll(self, how: str) -> None:
        """Down, Up, Page Down and Page Up move through the numbers, whatever has focus."""
        box = self.query_one("#crisis-scroll", VerticalScroll)
        getattr(box, f"scroll_{how}")(animate=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


class SafeNowScreen(ModalScreen[str]):
    """Asked gently after the danger-now panel closes, when an answer opened it: are you safe
    right now, and keep the words on the map or not? Returns ``keep``, ``remove`` or
    ``again`` (show the numbers again). Esc takes the words off and goes on."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "choose('remove')", show=False)]

    def compose(self) -> ComposeResult:
        from textual.widgets import OptionList
        from textual.widgets.option_list import Option

        words = ui_text().crisis
        with Vertical(id="crisis-box"):
            yield Static(safe(words.safe_title, "bold"), id="safe-title")
            yield Static(words.safe_explain, markup=False)
            yield OptionList(
                Option(words.safe_keep, id="keep"),
                Option(words.safe_remove, id="remove"),
                Option(words.safe_again, id="again"),
                id="safe-now",
            )
        yield from about_and_footer()

    def on_mount(self) -> None:
        from textual.widgets import OptionList

        box = self.query_one("#safe-now", OptionList)
        box.highlighted = 0
        box.focus()

    def on_option_list_option_selected(self, event: Any) -> None:
        event.stop()
        self.dismiss(str(event.option.id))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
