"""A 0-10 scale: arrow keys, number keys (T for 10) and the mouse all choose a number."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.widget import Widget

from sos_assistant.tui_text import ui_text

CELL = 4
"""Columns per number on screen."""


class ScaleBar(Widget, can_focus=True):
    """Shows 0..10 with the chosen number highlighted. ``score`` is None until one is chosen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", ui_text().keys.lower, show=False),
        Binding("right", "move(1)", ui_text().keys.higher, show=False),
        Binding("t", "pick(10)", "10", show=False),
        *[Binding(str(n), f"pick({n})", str(n), show=False) for n in range(10)],
    ]

    score: reactive[int | None] = reactive(None)

    def __init__(self, score: int | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.set_reactive(ScaleBar.score, score)

    def render(self) -> Text:
        line = Text()
        for n in range(11):
            label = f"{n:^{CELL - 1}}"
            style = "reverse bold" if n == self.score else ""
            line.append(label, style=style)
            line.append(" ")
        return line

    def action_move(self, delta: int) -> None:
        start = 5 if self.score is None else int(self.score)
        self.score = max(0, min(10, start + (delta if self.score is not None else 0)))

    def action_pick(self, n: int) -> None:
        self.score = n

    def on_click(self, event: events.Click) -> None:
        n = event.x // CELL
        if 0 <= n <= 10:
            self.score = n
        self.focus()
