"""Beside the goal box: the danger statements written so far, each marked "still to do" until a
goal answers it, to pick the one(s) the next goal answers. It shows and reports picks only; the
screen links them (``sos_assistant.goal_links``).

:class:`AnswerRow` holds the answer box and this list side by side; on a screen too narrow for
two readable columns it puts the list under the box instead."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import SelectionList, Static

from sos_assistant.tui.widgets.safe import safe
from sos_assistant.tui.widgets.ticks import TickList
from sos_assistant.tui_text import ui_text

STACK_BELOW = 70
"""Columns the row needs for the box and the list side by side (about 34 each): less, and the
list goes under the box. 80 columns (78 inside the screen's padding) is enough."""


class AnswerRow(Horizontal):
    """The answer box, with the goals step's danger statements beside it (when shown)."""

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < STACK_BELOW, "-stacked")


class GoalLinks(Vertical):
    """A title, then one line per danger statement with a box to pick it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.display = False
        self._choices: list[Any] = []

    def compose(self) -> ComposeResult:
        words = ui_text().question
        yield Static(Text(words.goals_title, style="bold"), id="goals-title")
        yield Static(words.goals_hint, classes="hint", markup=False)
        yield TickList[int](id="goals-dangers", compact=True)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Moving here with Tab brings the list into view (on a narrow screen it sits under the
        goal box), with the first danger statement ready for Space."""
        box = self.query_one(SelectionList)
        if box.highlighted is None and box.option_count:
            box.highlighted = 0
        self.call_after_refresh(self.scroll_visible, animate=False)

    def show_choices(self, choices: list[Any]) -> None:
        """Show ``choices`` (:class:`~sos_assistant.goal_links.DangerChoice`), keeping picks."""
        self.display = bool(choices)
        box = self.query_one(SelectionList)
        picked = set(box.selected)
        self._choices = choices
        words = ui_text().question
        box.clear_options()
        for choice in choices:
            label = Text(f"{choice.handle} ", style="bold")
            if choice.still_to_do:
                label.append(f"({words.goals_still_to_do}) ", style="bold reverse")
            label.append_text(safe(choice.text))
            box.add_option((label, choice.index, choice.index in picked))

    def picked(self) -> list[int]:
        return sorted(self.query_one(SelectionList).selected)

    def clear(self) -> None:
        self.query_one(SelectionList).deselect_all()
