"""The map on screen: the meeting, the three columns with the framework's headings, the scaling
line with each person's number and name, and the person's preparation. Built from a
:class:`Map`; shows only.

Text is laid out by :class:`Hanging`, which wraps each statement to the width it is given with
a hanging indent (the lines of a statement start under its first word, not under its bullet),
so a column stays readable at 80 columns. Nothing depends on colour alone: headings are reversed
or bold, the family's view has a bar (``│``) at its left, and "said by" is in brackets, so the
map reads the same in high contrast and under ``NO_COLOR``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from sos_assistant.children import child_only, story_only
from sos_assistant.model import Map, Statement
from sos_assistant.render import (
    columns,
    labels,
    meeting_view,
    owner,
    person_line,
    scale_view,
    still_to_do_test,
)
from sos_assistant.render import shown_said_by as _said_by
from sos_assistant.tui.widgets.houses import child_parts
from sos_assistant.tui.widgets.planview import plan_text
from sos_assistant.tui.widgets.safe import safe
from sos_assistant.tui_text import ui_text

BAR = "│ "
"""Drawn at the left of the family's view, so it stands out without colour."""


@dataclass
class Block:
    """A piece of text laid out with a hanging indent: ``prefix`` on the first line, the rest
    of the lines indented by ``indent`` plus the prefix's width."""

    text: Text
    prefix: str = ""
    indent: int = 0
    prefix_style: str = ""
    fill: bool = False
    """Pad every line to the full width (for reversed headings)."""
    gap: int = 0
    """Empty lines after the block."""


class Hanging(Widget):
    """Blocks of text wrapped to the widget's width with hanging indents."""

    DEFAULT_CSS = """
    Hanging {
        height: auto;
    }
    """

    def __init__(self, blocks: list[Block], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.blocks = blocks
        self._laid: tuple[int, Text] | None = None

    def lay_out(self, width: int) -> Text:
        """All the blocks as one text, wrapped to ``width`` cells."""
        if self._laid is not None and self._laid[0] == width:
            return self._laid[1]
        console = self.app.console
        out = Text(no_wrap=True, overflow="crop")
        width = max(width, 8)
        first_block = True
        for block in self.blocks:
            hang = block.indent + len(block.prefix)
            room = max(width - hang, 4)
            lines = block.text.wrap(console, room) if block.text.plain else [Text("")]
            for number, line in enumerate(lines):
                if not first_block or number:
                    out.append("\n")
                first_block = False
                out.append(" " * block.indent, style=block.prefix_style if block.fill else "")
                if number == 0 and block.prefix:
                    out.append(block.prefix, style=block.prefix_style)
                else:
                    out.append(
                        " " * len(block.prefix), style=block.prefix_style if block.fill else ""
                    )
                line.rstrip()
                out.append_text(line)
                if block.fill:
                    out.append(" " * max(room - line.cell_len, 0), style=block.prefix_style)
            for _ in range(block.gap):
                out.append("\n")
        self._laid = (width, out)
        return out

    def render(self) -> Text:
        return self.lay_out(self.size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lay_out(width).plain.split("\n"))


def statement_blocks(
    statement: Statement, whose: str | None, still_to_do: Any = None
) -> list[Block]:
    """One statement: its words after a bullet, who said it (when not the map's owner), its id
    and the danger statements a goal answers (as on the page), who does it and by when, "still
    to do" for a danger statement no goal answers yet, and the family's view under a bar."""
    words = labels()
    text = safe(statement.text)
    said_by = _said_by(statement, whose)
    if said_by:
        text.append_text(safe(f" ({words.said_by} {said_by})", "dim"))
    blocks = [Block(text, prefix="• ", prefix_style="bold")]
    if statement.id:  # as on the page: a goal's "This answers worry: D2" names this
        blocks.append(Block(safe(f"[{statement.id}]", "dim"), indent=2))
    if statement.addresses:
        answers = ", ".join(str(a) for a in statement.addresses)
        blocks.append(Block(safe(f"{words.answers} {answers}", "dim"), indent=2))
    for key, value in ((words.who, statement.who), (words.by_when, statement.by_when)):
        if value:
            blocks.append(Block(safe(f"{key}: {value}", "dim"), indent=2))
    if still_to_do is not None and still_to_do(statement):
        blocks.append(Block(Text("! " + words.still_to_do, style="bold"), indent=2))
    if statement.dispute:
        view = Text(words.my_view if whose else words.their_view, style="bold italic")
        view.append(" ")
        view.append_text(safe(statement.dispute, "italic"))
        blocks.append(Block(view, prefix=BAR, indent=2, prefix_style="bold"))
    return blocks


def column_blocks(column: Any, whose: str | None, still_to_do: Any = None) -> list[Block]:
    words = labels()
    blocks = [Block(safe(column.title, "bold reverse"), fill=True, prefix_style="reverse", gap=1)]
    for section in column.sections:
        blocks.append(Block(safe(section.title, "bold underline")))
        if not section.statements:
            blocks.append(Block(Text(words.nothing_yet, style="dim italic"), gap=1))
        for statement in section.statements:
            blocks += statement_blocks(statement, whose, still_to_do)
        blocks[-1].gap = 1  # a blank line before the next heading
    blocks[-1].gap = 0
    return blocks


def header_blocks(the_map: Map) -> list[Block]:
    """The title, the meeting, the number to ring, and who is in it."""
    words = labels()
    blocks: list[Block] = []
    if the_map.title:
        blocks.append(Block(safe(the_map.title, "bold")))
    meeting = meeting_view(the_map)
    if meeting.kind or meeting.lines:
        line = Text(f"{words.meeting}: ", style="bold")
        line.append_text(safe(meeting.kind))
        blocks.append(Block(line))
        for label, value in meeting.lines:
            blocks.append(Block(safe(value), prefix=f"{label}: ", indent=2))
    for person in meeting.ring:
        where = f" ({person.organisation})" if person.organisation else ""
        line = Text(words.ring + " ", style="bold")
        line.append_text(safe(f"{person.name}{where}: "))
        line.append_text(safe(person.phone or "", "bold"))
        blocks.append(Block(line))
    if the_map.people:
        people = safe("; ".join(person_line(p) for p in the_map.people))
        blocks.append(Block(people, prefix=f"{words.people}: "))
    return blocks


def scaling_blocks(the_map: Map) -> list[Block]:
    words = labels()
    scaling = the_map.scaling
    blocks = [Block(safe(words.scaling, "bold underline"))]
    if scaling.question:
        blocks.append(Block(safe(scaling.question)))
    blocks.append(Block(safe(scaling.zero_means), prefix=f"{words.zero}: ", indent=2))
    blocks.append(Block(safe(scaling.ten_means), prefix=f"{words.ten}: ", indent=2, gap=1))
    if not scaling.ratings:
        blocks.append(Block(Text(ui_text().map.no_ratings, style="dim italic")))
        return blocks
    view = scale_view(scaling.ratings)
    line = Text(view.axis + "\n" + view.ruler, no_wrap=True, overflow="crop")
    for row in view.rows:
        line.append("\n" + row, style="bold")
    blocks.append(Block(line, indent=2, gap=1))
    for mark in view.marks:
        rating = mark.rating
        text = safe(f"{rating.who}: ")
        text.append(f"{rating.score:g}", style="bold")
        if rating.why:
            text.append_text(safe(f" — {rating.why}", "italic"))
        blocks.append(Block(text, prefix=f"{mark.letter}  ", indent=2, prefix_style="bold"))
    return blocks


def preparation_blocks(the_map: Map, whose: str | None) -> list[Block]:
    preparation = the_map.preparation
    if preparation is None:
        return []
    words = labels()
    blocks: list[Block] = []
    for title, items in ((words.to_say, preparation.to_say), (words.to_ask, preparation.to_ask)):
        if items:
            blocks.append(Block(safe(title, "bold underline")))
            for statement in items:
                blocks += statement_blocks(statement, whose)
            blocks[-1].gap = 1
    blocks.append(Block(safe(words.readiness, "bold underline")))
    readiness = preparation.readiness
    for key, question in words.readiness_questions.items():
        value = getattr(readiness, key, None)
        answer = words.readiness_answers.get(str(value), "-") if value else "-"
        line = safe(f"{question} ")
        line.append(answer, style="bold")
        blocks.append(Block(line, prefix="• "))
        if value in ("no", "not_sure"):
            blocks.append(Block(safe(words.readiness_help[key], "italic"), indent=2))
    return blocks


class MapView(VerticalScroll):
    """The whole map, scrollable."""

    def __init__(self, the_map: Map, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.the_map = the_map

    def compose(self) -> ComposeResult:
        the_map = self.the_map
        if child_only(the_map) or story_only(the_map):  # the child's houses, or a story alone
            if the_map.title:
                yield Static(safe(the_map.title, "bold"), classes="map-title")
            yield from child_parts(the_map)
            return
        whose = owner(the_map)
        header = header_blocks(the_map)
        if header:
            yield Hanging(header, classes="map-header")
        todo = still_to_do_test(the_map)
        with Horizontal(classes="map-columns"):
            for column in columns(the_map):
                blocks = column_blocks(column, whose, todo)
                yield Hanging(blocks, classes=f"map-column {column.key}")
        yield Hanging(scaling_blocks(the_map), classes="map-scaling")
        readiness = preparation_blocks(the_map, whose)
        if readiness:
            yield Hanging(readiness, classes="map-readiness")
        plan = plan_text(the_map)
        if plan is not None:
            yield Static(plan, classes="map-plan")
        yield from child_parts(the_map)  # the children's words, in their own section
        yield Hanging([Block(safe(labels().work_in_progress, "italic"))], classes="hint")
