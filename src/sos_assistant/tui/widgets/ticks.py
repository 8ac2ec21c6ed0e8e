"""A list of things to tick that shows which are ticked without relying on colour."""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets.option_list import OptionDoesNotExist

_V = TypeVar("_V")


class TickList(SelectionList[_V]):
    """A :class:`SelectionList` whose box is empty when not ticked.

    Textual draws the same ``X`` in every box and tells ticked from not ticked by colour
    alone, which a colour-blind person, the high-contrast theme or ``NO_COLOR`` loses.
    """

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        if selection.value in self._selected:
            return strip
        segments = list(strip)
        if len(segments) < 2:
            return strip
        box = segments[1]  # left edge, box, right edge, space, label (see SelectionList)
        segments[1] = Segment(" " * len(box.text), box.style, box.control)
        return Strip(segments, strip.cell_length)
