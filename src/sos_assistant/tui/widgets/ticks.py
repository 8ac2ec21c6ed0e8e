"""A list of things to tick that shows which are ticked without relying on colour."""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist

_V = TypeVar("_V")


class TickList(SelectionList[_V]):
    """A :class:`SelectionList` whose box is empty when not ticked, and whose long labels wrap.

    Textual draws the same ``X`` in every box and tells ticked from not ticked by colour
    alone, which a colour-blind person, the high-contrast theme or ``NO_COLOR`` loses. And it
    finds a line's option as if every option took one line, so with ``text-wrap: wrap`` a
    label's second line got a box of its own and the next option none: here each option has
    one box, on its first line, and its other lines are indented under the label.
    """

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)  # the label's line, as the option list wraps it
        try:
            index, line_offset = self._lines[self.scroll_offset.y + y]
            selection = self.get_option_at_index(index)
        except (IndexError, OptionDoesNotExist):
            return line
        underlying = next(iter(line)).style or self.rich_style
        assert underlying is not None
        box = ToggleButton.BUTTON_LEFT + ToggleButton.BUTTON_INNER + ToggleButton.BUTTON_RIGHT
        if line_offset:  # a wrapped label's next line: no box, in line with the label
            return Strip([Segment(" " * (len(box) + 1), underlying), *line])
        ticked = selection.value in self._selected
        component = "selection-list--button"
        if ticked:
            component += "-selected"
        if self.highlighted == index:
            component += "-highlighted"
        button = self.get_component_rich_style(component)
        side = Style.from_color(button.bgcolor, underlying.bgcolor) + Style(meta={"option": index})
        button += Style(meta={"option": index})
        inner = ToggleButton.BUTTON_INNER if ticked else " " * len(ToggleButton.BUTTON_INNER)
        return Strip(
            [
                Segment(ToggleButton.BUTTON_LEFT, side),
                Segment(inner, button),
                Segment(ToggleButton.BUTTON_RIGHT, side),
                Segment(" ", underlying),
                *line,
            ]
        )
