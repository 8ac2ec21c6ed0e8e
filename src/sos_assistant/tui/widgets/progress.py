"""How far through the questions the person is, drawn with characters, not colour alone.

Textual's ``ProgressBar`` draws the done and the to-do parts with the same character in two
colours, so under ``NO_COLOR`` (or on a monochrome screen) the bar cannot be seen. This one
draws the done part as full blocks and the rest as light shade, which reads without colour.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

DONE = "█"
TO_DO = "░"


def bar_text(done: int, total: int, width: int) -> Text:
    """``width`` cells: the share ``done / total`` filled."""
    total = max(total, 1)
    filled = round(width * min(max(done, 0), total) / total)
    out = Text(no_wrap=True, overflow="crop")
    out.append(DONE * filled, style="bold")
    out.append(TO_DO * (width - filled), style="dim")
    return out


class TextBar(Static):
    """A progress bar made of characters; ``update_progress(done, total)``."""

    DEFAULT_CSS = """
    TextBar {
        width: 22;
        height: 1;
        color: $primary;
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", markup=False, **kwargs)  # type: ignore[arg-type]
        self.done = 0
        self.total = 1
        self._drawn: tuple[int, int] | None = None

    def update_progress(self, done: int, total: int) -> None:
        self.done, self.total = done, max(total, 1)
        if self._drawn != (self.done, self.total):
            self._drawn = (self.done, self.total)
            # Its size is fixed (22 x 1): nothing else moves, so no layout.
            self.update(bar_text(self.done, self.total, 22), layout=False)
