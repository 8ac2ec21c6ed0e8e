"""The glossary, searchable as you type."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from sos_assistant import content
from sos_assistant.content import SEARCH_SHOWN as SHOWN
from sos_assistant.tui.screens.common import about_and_footer
from sos_assistant.tui.widgets.safe import SafeInput, safe
from sos_assistant.tui_text import ui_text


def terms_text(query: str) -> Text:
    words = ui_text().help
    found = content.glossary().search(query)
    if not found:
        return Text(words.none, style="italic")
    out = Text()
    for term in found[:SHOWN]:
        out.append_text(safe(term.term, "bold"))
        out.append("\n")
        out.append_text(safe(term.plain))
        if term.also:
            out.append_text(safe(f"\n{words.also} {', '.join(term.also)}", "dim"))
        if term.ask:
            out.append_text(safe(f"\n{words.ask} {term.ask}", "italic"))
        out.append("\n\n")
    if len(found) > SHOWN:
        out.append_text(safe(words.more.format(more=f"{len(found) - SHOWN:,}"), "italic"))
    out.rstrip()
    return out


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1", "close", ui_text().buttons.close)]

    def compose(self) -> ComposeResult:
        words = ui_text().help
        with Vertical(id="help-box"):
            yield Static(words.title, classes="title", markup=False)
            yield Static(words.search, classes="hint", markup=False)
            yield SafeInput(id="search")
            with VerticalScroll(id="terms-scroll"):
                yield Static(terms_text(""), id="terms")
        yield from about_and_footer()

    def on_mount(self) -> None:
        self.query_one("#search", Input).focus()

    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        self.query_one("#terms", Static).update(terms_text(event.value))

    def action_close(self) -> None:
        self.dismiss(None)
