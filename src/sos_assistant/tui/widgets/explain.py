"""Beside the professionals' words as typed: every professional word found in them, with its
plain meaning. It only shows; the screen decides what asking about a word means.

Each word is one row of a list that scrolls (never capped): the phrase as written, what it
means, and a tick once it is on the parent's questions. Enter on a row (or the screen's key)
asks about it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sos_assistant.content import explain_text
from sos_assistant.tui.messages import AskAbout
from sos_assistant.tui.widgets.safe import safe


class ExplainPanel(Vertical):
    """Shows explained words (objects with ``phrase``, ``meaning``)."""

    DEFAULT_CSS: ClassVar[str] = """
    ExplainPanel {
        height: auto;
        max-height: 45%;
        padding: 0 1;
        border-left: thick $accent;
        display: none;
    }
    ExplainPanel > #explain-title { height: auto; }
    ExplainPanel > OptionList { height: auto; max-height: 100%; border: none; padding: 0; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.terms: list[Any] = []
        self.asked: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Static("", id="explain-title", markup=False)
        yield OptionList(id="explain-words")

    def show_terms(self, terms: list[Any], asked: set[str]) -> None:
        """Show ``terms`` (hide the panel when there are none); ``asked``: phrases on the
        parent's questions already (ticked)."""
        listing = self.query_one(OptionList)
        keep = listing.highlighted
        self.terms = list(terms)
        self.asked = {a.lower() for a in asked}
        listing.clear_options()
        listing.add_options([Option(self._row(t)) for t in terms])
        if terms:
            listing.highlighted = min(keep or 0, len(terms) - 1)
        self._title()
        self.display = bool(terms)

    def _title(self) -> None:
        chosen = self.chosen()
        phrase = " ".join(chosen.phrase.split()) if chosen is not None else ""
        title = explain_text().panel_title.format(count=len(self.terms), phrase=phrase)
        self.query_one("#explain-title", Static).update(safe(title, "bold"))

    @on(OptionList.OptionHighlighted, "#explain-words")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._title()

    def _row(self, term: Any) -> Text:
        row = Text("✓ " if term.phrase.lower() in self.asked else "• ")
        row.append_text(safe(f"“{term.phrase}”", "bold"))
        row.append(": ")
        row.append_text(safe(term.meaning))
        return row

    def chosen(self) -> Any | None:
        """The word highlighted (the first when none is)."""
        if not self.terms:
            return None
        index = self.query_one(OptionList).highlighted
        return self.terms[index if index is not None else 0]

    def next_unasked(self) -> None:
        """Move the highlight to the next word not asked about yet."""
        listing = self.query_one(OptionList)
        start = listing.highlighted or 0
        for step in range(1, len(self.terms) + 1):
            index = (start + step) % len(self.terms)
            if self.terms[index].phrase.lower() not in self.asked:
                listing.highlighted = index
                return

    @on(OptionList.OptionSelected, "#explain-words")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(AskAbout(self.terms[event.option_index].phrase))
