"""The map as a printable PDF that looks like a map (fpdf2, pure Python).

A4 landscape by default: the title, the date it was made, the meeting and the number to ring at
the top; then the three columns side by side under their coloured headings, each statement with
a hanging indent and the family's view beside it; the scaling line drawn with each person's
letter at their number; the person's preparation; and ruled space for the day. A4 portrait puts
the three columns one under the other as sections with the same headings. Every page says
"page N of M".

DejaVu Sans ships with the package (``content/fonts``), so no system fonts or tools are needed.
Lines beyond Latin are shaped with HarfBuzz (``uharfbuzz``), so Arabic letters join and
right-to-left words print in reading order. Letters outside the font (some emoji) print as
blanks.

**Adding a section.** The page is drawn by the functions in :data:`SECTIONS`, in order, each
``draw(layout, the_map, view)``. To add one (a child's Three Houses, a safety plan), write a
drawer that uses the :class:`Layout` helpers and register it with one call::

    from sos_assistant.render import pdf

    def draw_safety_plan(layout: pdf.Layout, the_map: Map, view: dict[str, Any]) -> None:
        if the_map.safety_plan is None:
            return
        layout.section_heading("Our safety plan")
        layout.flow([[layout.statement(s, view) for s in the_map.safety_plan.rules]])

    pdf.add_section("safety_plan", draw_safety_plan, before="on_the_day")

:meth:`Layout.flow` lays out one or more columns of :class:`Group` s across pages, never leaving
a heading alone at the bottom of a page; :meth:`Layout.section_heading`, :meth:`Layout.text`,
:meth:`Layout.statement` and :meth:`Layout.ruled` build the groups and headings.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from fpdf import FPDF

from sos_assistant.model import Map, Statement
from sos_assistant.resources import content_dir
from sos_assistant.safetext import inert, one_line

Orientation = Literal["landscape", "portrait"]
RGB = tuple[int, int, int]

FONT = "DejaVu"
MARGIN = 12.0
"""Page margins in millimetres."""
FOOTER = 9.0
"""Room kept at the bottom of each page for the page number."""
GUTTER = 5.0
"""Space between two columns."""
PAD = 2.5
"""Space inside a column's box."""
BULLET = 3.5
"""Width of a bullet; the lines of a statement hang after it."""

INK: RGB = (27, 27, 27)
MUTED: RGB = (85, 85, 85)
RULE: RGB = (136, 136, 136)
VIEW_BAR: RGB = (178, 106, 0)
COLUMN_COLOURS: dict[str, tuple[RGB, RGB]] = {
    # heading band, box background: dark enough to read white on, light enough to print
    "worries": ((163, 38, 30), (253, 236, 234)),
    "working_well": ((36, 110, 45), (232, 245, 233)),
    "needs_to_happen": ((18, 84, 160), (227, 242, 253)),
}
MARK: RGB = (11, 83, 148)


_BEYOND_LATIN = re.compile(
    "[\u0300-\u1fff\u200c-\u200f\u202a-\u202e\u2066-\u2069\u2c00-\U0010ffff]"
)
"""Letters that may need shaping: combining marks, right-to-left and Indic scripts, joiners and
direction marks, emoji. Punctuation such as bullets and dashes (U+2000-U+2BFF) does not."""


def _needs_shaping(line: str) -> bool:
    """Anything past Latin letters (combining marks, Arabic, Hebrew, Indic scripts, ...)."""
    return _BEYOND_LATIN.search(line) is not None


@dataclass
class Item:
    """One line (or drawing) of a given height; drawn at (x, y) in a column ``w`` wide."""

    height: float
    draw: Callable[[float, float, float], None]


@dataclass
class Group:
    """Items kept together on one page where they fit (a statement, a heading).

    A group taller than a whole column is split between its items. ``keep_with_next``: never
    the last thing on a page (headings)."""

    items: list[Item]
    keep_with_next: bool = False
    gap: float = 1.5
    """Space after the group."""

    @property
    def height(self) -> float:
        return sum(i.height for i in self.items) + self.gap


@dataclass
class ColumnStyle:
    """A column's look in :meth:`Layout.flow`: a heading band and a tinted box (or neither)."""

    title: str = ""
    band: RGB | None = None
    fill: RGB | None = None


class MapPDF(FPDF):
    """A4 pages with "page N of M" at the foot of each."""

    page_words = "page {page} of {pages}"
    foot_title = ""

    def footer(self) -> None:
        self.set_y(-MARGIN + 1)
        self.set_text_shaping(False)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        width = self.w - 2 * MARGIN
        self.set_x(MARGIN)
        title = self.foot_title if len(self.foot_title) < 90 else self.foot_title[:88] + "…"
        self.set_text_shaping(_needs_shaping(title), direction="ltr")
        self.cell(width * 0.7, 4, title)
        self.set_text_shaping(False)
        text = self.page_words.format(page=self.page_no(), pages=self.alias_nb_pages_str)
        self.cell(width * 0.3, 4, text, align="R")

    @property
    def alias_nb_pages_str(self) -> str:
        return str(self.str_alias_nb_pages)


@dataclass
class Layout:
    """The document being drawn and the helpers section drawers build it with."""

    pdf: MapPDF
    orientation: Orientation
    y: float = MARGIN
    labels: Any = None
    _measure_cache: dict[tuple[str, str, float, float], list[str]] = field(default_factory=dict)
    _widths: dict[tuple[str, bool, float], float] = field(default_factory=dict)
    breaks: list[tuple[int, int, bool]] = field(default_factory=list)
    pending: list[Item] = field(default_factory=list)
    """A section heading waiting to be drawn with the start of what follows it."""
    """Where columns went on to a new page: (page, column, whether a heading was left last)."""

    # -- geometry ----------------------------------------------------------------------------

    @property
    def left(self) -> float:
        return MARGIN

    @property
    def width(self) -> float:
        return float(self.pdf.w) - 2 * MARGIN

    @property
    def top(self) -> float:
        return MARGIN

    @property
    def bottom(self) -> float:
        return float(self.pdf.h) - MARGIN - FOOTER

    def new_page(self) -> None:
        self.pdf.add_page()
        self.y = self.top

    def room(self) -> float:
        return self.bottom - self.y

    # -- text --------------------------------------------------------------------------------

    def _font(self, size: float, bold: bool, text: str) -> None:
        self.pdf.set_font(FONT, "B" if bold else "", size)
        # Shaping costs ~4x a plain line, so only lines that may need it get it. The page
        # reads left to right; right-to-left words inside a line keep their reading order.
        self.pdf.set_text_shaping(_needs_shaping(text), direction="ltr")

    def wrap(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        """``text`` broken into lines that fit ``width`` millimetres."""
        key = (text, "B" if bold else "", size, round(width, 2))
        cached = self._measure_cache.get(key)
        if cached is not None:
            return cached
        lines: list[str] = []
        for paragraph in text.split("\n"):
            if not paragraph.strip():
                lines.append("")
                continue
            self._font(size, bold, paragraph)
            if _needs_shaping(paragraph):  # shaped widths: let fpdf2 break the line
                found = self.pdf.multi_cell(
                    width, 4, paragraph, dry_run=True, output="LINES", padding=0
                )
                lines.extend(str(line) for line in cast("list[Any]", found))
            else:
                lines.extend(self._break(paragraph, width, size, bold))
        self._measure_cache[key] = lines
        return lines

    def _width(self, word: str, size: float, bold: bool) -> float:
        key = (word, bold, size)
        found = self._widths.get(key)
        if found is None:
            found = self._widths[key] = float(self.pdf.get_string_width(word))
        return found

    def _break(self, paragraph: str, width: float, size: float, bold: bool) -> list[str]:
        """Greedy word wrap with cached word widths (fpdf2's own measures every character
        of every line again, ~10 times slower on a long map). A word too long for a line is
        cut."""
        space = self._width(" ", size, bold)
        lines: list[str] = []
        line: list[str] = []
        used = 0.0
        for word in paragraph.split(" "):
            w = self._width(word, size, bold)
            while w > width and word:  # one very long word: cut it to fit
                if line:
                    lines.append(" ".join(line))
                    line, used = [], 0.0
                cut = len(word)
                while cut > 1 and self._width(word[:cut], size, bold) > width:
                    cut = max(1, int(cut * width / self._width(word[:cut], size, bold)) - 1)
                lines.append(word[:cut])
                word = word[cut:]
                w = self._width(word, size, bold)
            extra = w if not line else used + space + w
            if line and extra > width:
                lines.append(" ".join(line))
                line, used = [word], w
            else:
                line.append(word)
                used = extra
        if line:
            lines.append(" ".join(line))
        return lines

    def text(
        self,
        text: str,
        width: float,
        *,
        size: float = 9.5,
        bold: bool = False,
        color: RGB = INK,
        indent: float = 0.0,
        bullet: str = "",
        bar: RGB | None = None,
        lead: str = "",
        fill: RGB | None = None,
        band_color: RGB = (255, 255, 255),
    ) -> list[Item]:
        """Lines of inert ``text`` for a column ``width`` wide: wrapped, with a hanging indent
        after ``bullet``, a bold ``lead`` word before the text, and a coloured bar at the left
        (the family's view). ``fill`` draws a band behind the lines (column headings)."""
        line_height = size * 0.47
        hang = BULLET if bullet else 0.0
        body = inert(text)
        full = f"{lead} {body}" if lead else body
        lines = self.wrap(full, width - indent - hang - (2.0 if bar else 0.0), size, bold)
        items: list[Item] = []
        for number, line in enumerate(lines or [""]):
            first = number == 0

            def draw(x: float, y: float, w: float, line: str = line, first: bool = first) -> None:
                pdf = self.pdf
                if fill is not None:
                    pdf.set_fill_color(*fill)
                    pdf.rect(x, y, w, line_height, style="F")
                if bar is not None:
                    pdf.set_draw_color(*bar)
                    pdf.set_line_width(0.8)
                    pdf.line(x + indent + hang + 0.4, y, x + indent + hang + 0.4, y + line_height)
                start = x + indent + hang + (2.0 if bar else 0.0)
                pdf.set_text_color(*(band_color if fill is not None else color))
                if first and bullet:
                    self._font(size, True, bullet)
                    pdf.set_xy(x + indent, y)
                    pdf.cell(hang, line_height, bullet)
                pdf.set_xy(start, y)
                if first and lead and line.startswith(lead):
                    self._font(size, True, lead)
                    pdf.cell(pdf.get_string_width(lead + " "), line_height, lead + " ")
                    rest = line[len(lead) :].lstrip()
                    self._font(size, bold, rest)
                    pdf.cell(w - (pdf.get_x() - x), line_height, rest)
                elif _needs_shaping(line):
                    self._font(size, bold, line)
                    pdf.cell(w - (start - x), line_height, line)
                elif line:  # text() is several times quicker than cell() for a plain line
                    self._font(size, bold, line)
                    pdf.text(start + pdf.c_margin, y + line_height * 0.78, line)

            items.append(Item(line_height, draw))
        return items

    def statement(self, s: Statement, view: dict[str, Any], width: float | None = None) -> Group:
        """One statement: bullet and hanging text, its tag, who said it (when not the map's
        owner), who and by when, what it answers, and the family's view under a coloured bar."""
        words = self.labels
        w = width if width is not None else self._column_width
        items = self.text(s.text, w, bullet="•", lead=f"[{one_line(s.id)}]" if s.id else "")
        small: dict[str, Any] = {"size": 8, "color": MUTED, "indent": BULLET}
        said_by = view["said_by"](s)
        if said_by:
            items += self.text(f"({words.said_by} {one_line(said_by)})", w, **small)
        when = "; ".join(
            f"{label}: {one_line(value)}"
            for label, value in ((words.who, s.who), (words.by_when, s.by_when))
            if value
        )
        if when:
            items += self.text(when, w, **small)
        if s.addresses:
            answers = ", ".join(one_line(a) for a in s.addresses)
            items += self.text(f"{words.answers} {answers}", w, **small)
        still_to_do = view.get("still_to_do")
        if still_to_do is not None and still_to_do(s):  # a danger statement no goal answers yet
            items += self.text(f"! {words.still_to_do}", w, size=8, bold=True, indent=BULLET)
        if s.dispute:
            items.append(Item(0.8, lambda x, y, w: None))
            items += self.text(
                s.dispute, w, size=9, indent=BULLET, bar=VIEW_BAR, lead=view["view_label"]
            )
        return Group(items, gap=2.0)

    def sub_heading(self, text: str, width: float | None = None) -> Group:
        w = width if width is not None else self._column_width
        return Group(self.text(text, w, size=10, bold=True), keep_with_next=True, gap=1.0)

    def note(self, text: str, width: float | None = None) -> Group:
        w = width if width is not None else self._column_width
        return Group(self.text(text, w, size=9, color=MUTED))

    def ruled(self, lines: int, gap: float = 7.5) -> Group:
        """Empty ruled lines to write on."""

        def draw(x: float, y: float, w: float) -> None:
            self.pdf.set_draw_color(*RULE)
            self.pdf.set_line_width(0.25)
            self.pdf.line(x, y + gap - 1, x + w, y + gap - 1)

        return Group([Item(gap, draw) for _ in range(lines)], gap=2.0)

    _column_width: float = 0.0
    """The width the group helpers wrap to when none is given (set by :meth:`columns_of`)."""

    def column_width(self, count: int) -> float:
        """The width of each of ``count`` columns side by side, inside their boxes."""
        return (self.width - GUTTER * (count - 1)) / count - 2 * PAD

    def columns_of(self, count: int) -> float:
        """Make :meth:`statement` and friends wrap to one of ``count`` columns; its width."""
        self._column_width = self.column_width(count)
        return self._column_width

    def section_heading(self, text: str) -> None:
        """A heading across the page. It is drawn with the start of the next :meth:`flow`, so
        the two go to the next page together rather than leave the heading alone at the foot."""
        lines = self.text(text, self.width, size=12.5, bold=True)

        def rule(x: float, y: float, w: float) -> None:
            self.pdf.set_draw_color(*RULE)
            self.pdf.set_line_width(0.3)
            self.pdf.line(x, y + 0.5, x + w, y + 0.5)

        self.pending += [Item(1.5, lambda x, y, w: None), *lines, Item(2.5, rule)]

    def flush(self) -> None:
        """Draw a heading still waiting for what follows it."""
        for item in self.pending:
            item.draw(self.left, self.y, self.width)
            self.y += item.height
        self.pending = []

    def keep(self, height: float) -> None:
        """Start a new page unless ``height`` millimetres are left on this one."""
        if self.room() < height:
            self.new_page()

    # -- columns across pages ----------------------------------------------------------------

    def flow(
        self,
        columns: Sequence[Sequence[Group]],
        styles: Sequence[ColumnStyle] | None = None,
    ) -> None:
        """Lay ``columns`` out side by side from :attr:`y`, going on to new pages as needed.

        Each page shows every column's heading band again (so a column read on page 2 still
        says what it is). Headings are never left at the bottom of a page; a group is moved
        whole to the next page unless it is taller than a whole column."""
        count = len(columns)
        styles = list(styles or [ColumnStyle() for _ in columns])
        width = (self.width - GUTTER * (count - 1)) / count
        at = [(0, 0) for _ in columns]  # (group, item) next to place, per column
        banded = any(s.band for s in styles)
        boxed = any(s.band or s.fill for s in styles)
        band_items = [
            self.text(s.title, width - 2 * PAD, size=11.5, bold=True, fill=s.band) if s.band else []
            for s in styles
        ]
        band_height = max((sum(i.height for i in b) for b in band_items), default=0.0)
        band_height = band_height + 2 * 1.2 if banded else 0.0

        def left(column: int) -> bool:
            g, _ = at[column]
            return g < len(columns[column])

        first_page = True
        page = 0
        while first_page or any(left(c) for c in range(count)):
            if not first_page:
                self.new_page()
                page += 1
            if first_page:
                # A waiting heading, the bands and the first piece of every column must fit
                # (a heading with what follows it), or they all start on a new page.
                heading = sum(i.height for i in self.pending)
                firsts = [self._first_need(c) for c in columns]
                need = heading + band_height + 2 * PAD + max(firsts, default=0)
                if self.room() < need and self.y > self.top + 0.5:
                    self.new_page()
                self.flush()
            first_page = False
            top = self.y
            body_top = top + band_height + (PAD if boxed else 0.0)
            placed: list[list[tuple[Item, float]]] = [[] for _ in columns]
            used = [0.0] * count
            # a column that ended on an earlier page is left blank on this one
            shown = [page == 0 or left(c) for c in range(count)]
            for c in range(count):
                before = at[c]
                used[c] = self._place(columns[c], at, c, body_top, placed[c])
                if at[c] != before and left(c):  # this column goes on to the next page
                    g, i = at[c]
                    last = columns[c][g - 1] if i == 0 else columns[c][g]
                    self.breaks.append((self.pdf.page_no(), c, last.keep_with_next and i == 0))
            box_bottom = body_top + max(used, default=0.0) + (PAD if boxed else 0.0)
            if any(left(c) for c in range(count)):
                box_bottom = self.bottom  # the columns go on: the boxes run to the foot
            for c, style in enumerate(styles):
                if not shown[c]:
                    continue
                x = self.left + c * (width + GUTTER)
                if style.fill is not None:
                    self.pdf.set_fill_color(*style.fill)
                    self.pdf.rect(x, top, width, box_bottom - top, style="F")
                if style.band is not None:
                    self.pdf.set_fill_color(*style.band)
                    self.pdf.rect(x, top, width, band_height, style="F")
                    y = top + 1.2
                    for item in band_items[c]:
                        item.draw(x + PAD, y, width - 2 * PAD)
                        y += item.height
                inner = PAD if boxed else 0.0
                for item, y in placed[c]:
                    item.draw(x + inner, y, width - 2 * inner)
            self.y = box_bottom + 3

    def _first_need(self, groups: Sequence[Group]) -> float:
        """Room the start of a column needs: its first group (and the next, after a heading),
        no more than a whole page holds."""
        if not groups:
            return 0.0
        need = groups[0].height
        if groups[0].keep_with_next and len(groups) > 1:
            need += groups[1].height
        return min(need, (self.bottom - self.top) / 2)

    def _place(
        self,
        groups: Sequence[Group],
        at: list[tuple[int, int]],
        column: int,
        top: float,
        placed: list[tuple[Item, float]],
    ) -> float:
        """Place what fits of one column between ``top`` and the foot; the height used."""
        room = self.bottom - top
        used = 0.0
        g, i = at[column]
        while g < len(groups):
            group = groups[g]
            rest = group.items[i:]
            need = sum(x.height for x in rest) + group.gap
            if group.keep_with_next and g + 1 < len(groups):
                following = groups[g + 1]  # kept whole where it can be, else its first lines
                if following.height <= room:
                    need += following.height
                else:
                    need += sum(x.height for x in following.items[:3])
            if used + need <= room:
                for item in rest:
                    placed.append((item, top + used))
                    used += item.height
                used += group.gap
                g, i = g + 1, 0
                continue
            if used == 0.0:  # taller than a whole column: split it where the page ends
                for item in rest:
                    if used + item.height > room and used > 0:
                        break
                    placed.append((item, top + used))
                    used += item.height
                    i += 1
                if i >= len(group.items):
                    g, i = g + 1, 0
            break
        at[column] = (g, i)
        return used


SectionDrawer = Callable[[Layout, Map, dict[str, Any]], None]
"""Draws one part of the document: ``draw(layout, the_map, view)``."""


# -- the sections ----------------------------------------------------------------------------


def draw_header(layout: Layout, the_map: Map, view: dict[str, Any]) -> None:
    """Title, framework and date made; the meeting and the number to ring; who is in it."""
    words = view["labels"]
    width = layout.width
    title = one_line(the_map.title) if the_map.title else words.title
    for item in layout.text(title, width, size=17, bold=True):
        item.draw(layout.left, layout.y, width)
        layout.y += item.height
    layout.y += 1
    meta = f"{view['fw'].name} · {words.made_on} {view['made_on']}"
    for item in layout.text(meta, width, size=9.5, color=MUTED):
        item.draw(layout.left, layout.y, width)
        layout.y += item.height
    layout.y += 2
    meeting = view["meeting"]
    left_column: list[Group] = []
    right_column: list[Group] = []
    half = layout.column_width(2)
    if meeting.kind or meeting.lines:
        items = layout.text(one_line(meeting.kind), half, bold=True, lead=f"{words.meeting}:")
        for label, value in meeting.lines:
            items += layout.text(one_line(value), half, lead=f"{label}:")
        left_column.append(Group(items, gap=0))
    if meeting.ring:
        items = layout.text(words.ring, half, bold=True)
        for person in meeting.ring:
            where = f" ({one_line(person.organisation)})" if person.organisation else ""
            items += layout.text(
                f"{one_line(person.name)}{where}: {one_line(person.phone or '')}", half
            )
        right_column.append(Group(items, gap=0))
    if left_column or right_column:
        grey = ColumnStyle(fill=(242, 242, 242))
        layout.flow(
            [left_column, right_column], [grey, grey] if right_column else [grey, ColumnStyle()]
        )
    if the_map.people:
        people = "; ".join(view["person_line"](p) for p in the_map.people)
        for item in layout.text(people, width, size=8.5, lead=f"{words.people}:"):
            item.draw(layout.left, layout.y, width)
            layout.y += item.height
        layout.y += 1
    for item in layout.text(words.work_in_progress, width, size=8.5, color=MUTED):
        item.draw(layout.left, layout.y, width)
        layout.y += item.height
    layout.y += 3


def _column_groups(layout: Layout, column: Any, view: dict[str, Any], width: float) -> list[Group]:
    words = view["labels"]
    groups: list[Group] = []
    for section in column.sections:
        groups.append(layout.sub_heading(section.title, width))
        if not section.statements:
            groups.append(layout.note(words.nothing_yet, width))
        for s in section.statements:
            groups.append(layout.statement(s, view, width))
    return groups


def draw_columns(layout: Layout, the_map: Map, view: dict[str, Any]) -> None:
    """The three columns: side by side on a landscape page, one under another on portrait."""
    cols = view["columns"]
    styles = [
        ColumnStyle(c.title, *COLUMN_COLOURS.get(c.key, ((60, 60, 60), (245, 245, 245))))
        for c in cols
    ]
    if layout.orientation == "landscape":
        width = layout.columns_of(len(cols))
        layout.flow([_column_groups(layout, c, view, width) for c in cols], styles)
        return
    for column, style in zip(cols, styles, strict=True):
        width = layout.columns_of(1)
        goals = [s for s in column.sections if s.key in ("safety_goals", "family_goals")]
        if len(goals) < 2:
            layout.flow([_column_groups(layout, column, view, width)], [style])
            continue
        # What the workers need to see beside what the family hope for, then the next steps.
        layout.flow([[]], [style])
        layout.y -= 3 + PAD
        plain = ColumnStyle(fill=style.fill)
        half = layout.columns_of(2)
        layout.flow([_column_groups(layout, _Only(s), view, half) for s in goals], [plain, plain])
        layout.y -= 3 + PAD
        rest = _Only(*[s for s in column.sections if s not in goals])
        layout.flow([_column_groups(layout, rest, view, layout.columns_of(1))], [plain])


class _Only:
    """A column made of some of a column's sections."""

    def __init__(self, *sections: Any) -> None:
        self.sections = list(sections)


def draw_scaling(layout: Layout, the_map: Map, view: dict[str, Any]) -> None:
    """The scaling question, what 0 and 10 mean, the line with each person's letter at their
    number, and who each letter is, with their number and why."""
    words = view["labels"]
    scaling = the_map.scaling
    scale = view["scale"]
    if not scaling.question and not scale.marks:
        return  # the conversation never asked for numbers: no empty section on the page
    rows = max(len(scale.rows), 1) if scale.marks else 0
    line_height = 14 + 6.5 * rows
    layout.section_heading(words.scaling)
    width = layout.width
    groups: list[Group] = []
    if scaling.question:
        groups.append(Group(layout.text(scaling.question, width, bold=True), gap=0.5))
    groups.append(
        Group(
            layout.text(one_line(scaling.zero_means), width, lead=f"{words.zero}:")
            + layout.text(one_line(scaling.ten_means), width, lead=f"{words.ten}:"),
            gap=1.5,
        )
    )
    if scale.marks:
        groups.append(
            Group([Item(line_height, lambda x, y, w: _scale_line(layout, scale, x, y, w))])
        )
        for mark in scale.marks:
            rating = mark.rating
            text = f"{one_line(rating.who)}: {rating.score:g}"
            if rating.why:
                text += f" — {inert(rating.why)}"
            groups.append(Group(layout.text(text, width, lead=mark.letter, indent=0), gap=0.8))
    else:
        groups.append(layout.note(words.nothing_yet, width))
    layout.flow([groups])


def _scale_line(layout: Layout, scale: Any, x: float, y: float, w: float) -> None:
    pdf = layout.pdf
    span = min(w - 10, 230.0)
    start = x + 5
    axis = y + 9
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.8)
    pdf.line(start, axis, start + span, axis)
    pdf.set_text_shaping(False)
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(*INK)
    step = span / 10
    for n in range(11):
        tick = start + n * step
        pdf.set_line_width(0.5)
        pdf.line(tick, axis - 2.2, tick, axis + 2.2)
        pdf.set_xy(tick - 5, y + 1)
        pdf.cell(10, 4, str(n), align="C")
    radius = 2.6
    for mark in scale.marks:
        cx = start + float(mark.rating.score) * step
        cy = axis + 7 + mark.row * 6.5
        pdf.set_fill_color(*MARK)
        pdf.set_draw_color(*MARK)
        pdf.set_line_width(0.3)
        if mark.row == 0:
            pdf.line(cx, axis + 2.2, cx, cy - radius)
        pdf.circle(x=cx, y=cy, radius=radius, style="F")
        pdf.set_font(FONT, "B", 8.5 if len(mark.letter) == 1 else 7)
        pdf.set_text_color(255, 255, 255)
        pdf.set_xy(cx - radius, cy - radius)
        pdf.cell(2 * radius, 2 * radius, mark.letter, align="C")
    pdf.set_text_color(*INK)


def draw_preparation(layout: Layout, the_map: Map, view: dict[str, Any]) -> None:
    """What the person wants the meeting to know and their questions, side by side; how ready
    they feel, with what they could ask beside a "no" or "not sure"."""
    prep = the_map.preparation
    if prep is None:
        return
    words = view["labels"]
    layout.section_heading(words.preparation)
    half = layout.columns_of(2)
    sides: list[list[Group]] = []
    for title, items in ((words.to_say, prep.to_say), (words.to_ask, prep.to_ask)):
        groups = [layout.sub_heading(title, half)]
        groups += [layout.statement(s, view, half) for s in items] or [
            layout.note(words.nothing_yet, half)
        ]
        sides.append(groups)
    layout.flow(sides)
    width = layout.columns_of(1)
    groups = [layout.sub_heading(words.readiness, width)]
    for key, question in words.readiness_questions.items():
        value = getattr(prep.readiness, key, None)
        answer = words.readiness_answers[value] if value else "—"
        lines = layout.text(f"{question} {answer}", width)
        if value in ("no", "not_sure"):
            lines += layout.text(words.readiness_help[key], width, size=9, color=MUTED, indent=4)
        groups.append(Group(lines, gap=1.2))
    layout.flow([groups])


def draw_on_the_day(layout: Layout, the_map: Map, view: dict[str, Any]) -> None:
    """Ruled space for what was said, what was decided and the date of the next meeting; the
    rules fill what is left of the page (at least three lines each)."""
    words = view["labels"]
    layout.section_heading(words.on_the_day)
    width = layout.columns_of(2)
    # The rules fill what is left of the page once the headings, the next-meeting line and
    # the about text are counted; with room for fewer than three, it all starts a new page.
    fixed = 55 + sum(i.height for i in layout.pending)
    if layout.room() - fixed < 3 * 7.5 and layout.y > layout.top + 0.5:
        layout.new_page()
    lines = max(3, min(10, int((layout.room() - fixed) / 7.5)))
    sides = [
        [layout.sub_heading(title, width), layout.ruled(lines)]
        for title in (words.said_on_the_day, words.decided)
    ]
    layout.flow(sides)
    full = layout.columns_of(1)
    label = words.next_meeting

    def next_meeting(x: float, y: float, w: float) -> None:
        layout._font(10, True, label)
        layout.pdf.set_text_color(*INK)
        layout.pdf.set_xy(x, y + 2)
        layout.pdf.cell(layout.pdf.get_string_width(label) + 2, 5, label)
        end = layout.pdf.get_x()
        layout.pdf.set_draw_color(*RULE)
        layout.pdf.set_line_width(0.25)
        layout.pdf.line(end, y + 6.5, min(end + 90, x + w), y + 6.5)

    layout.flow([[Group([Item(8, next_meeting)], gap=4), layout.note(words.about, full)]])


def draw_own_view(layout: Layout, the_map: Map, view: dict[str, Any]) -> None:
    """ "What I think": the parent's own words, kept apart from the words in the papers (only
    on a map whose statements include the papers' words as written)."""
    own = view.get("own_view") or []
    if not own:
        return
    text = view["words_text"]
    layout.section_heading(text.own_view_title)
    width = layout.columns_of(1)
    groups: list[Group] = [layout.note(text.own_view_intro, width)]
    for section in own:
        groups.append(layout.sub_heading(section.title, width))
        groups += [layout.statement(s, view, width) for s in section.statements]
    layout.flow([groups])


def draw_network(layout: Layout, the_map: Map, view: dict[str, Any]) -> None:
    """The people who help, when the map has a network but no plan (the family's map); a
    map with a plan prints the network with the plan, on a page of its own."""
    plan = view.get("plan")
    if plan is None or plan.has_plan or not plan.helpers:
        return
    pl = plan.labels
    layout.section_heading(pl.network)
    width = layout.width
    groups: list[Group] = [layout.note(pl.network_intro, width)]
    for helper in plan.helpers:
        parts = [
            one_line(helper.relationship or ""),
            f"{pl.knows_worries}: {pl.knows[helper.knows_worries]}" if helper.knows_worries else "",
            inert(helper.helps_with or ""),
            one_line(helper.reach or ""),
        ]
        text = " — ".join(p for p in parts if p)
        groups.append(Group(layout.text(text, width, lead=one_line(helper.name)), gap=0.8))
    if plan.none_know:
        groups.append(Group(layout.text(pl.none_know, width, bold=True)))
    layout.flow([groups])


SECTIONS: dict[str, SectionDrawer] = {
    "header": draw_header,
    "columns": draw_columns,
    "own_view": draw_own_view,
    "scaling": draw_scaling,
    "preparation": draw_preparation,
    "network": draw_network,
    "on_the_day": draw_on_the_day,
}
"""The parts of the document, in order. Add one with :func:`add_section`."""


def add_section(name: str, drawer: SectionDrawer, *, before: str | None = "on_the_day") -> None:
    """Draw ``drawer`` as part of every PDF map, before the section named ``before`` (the
    space for the day, by default, so it stays last), or at the end when ``before`` is None."""
    items = [(k, v) for k, v in SECTIONS.items() if k != name]
    names = [k for k, _ in items]
    position = names.index(before) if before in names else len(items)
    items.insert(position, (name, drawer))
    SECTIONS.clear()
    SECTIONS.update(items)


def _pages_of_their_own(pdf: FPDF, view: dict[str, Any]) -> None:
    """After the map: the words in the papers in plain words, the safety network and plan, and
    each child's Three Houses, each starting on a page of its own (they flow as plain text)."""
    from sos_assistant.render.pdf_child import draw_child_voice
    from sos_assistant.render.pdf_plan import add_plan_pages
    from sos_assistant.render.words import add_to_pdf

    pdf.set_auto_page_break(auto=True, margin=MARGIN + 6)  # leave the foot for "page N of M"
    if view.get("words"):
        pdf.add_page()
        pdf.set_text_color(0, 0, 0)
        add_to_pdf(pdf, view, font=FONT)
    plan = view.get("plan")
    if plan is not None and plan.has_plan:  # a network alone is drawn with the map
        add_plan_pages(pdf, plan, view["labels"].nothing_yet)
    draw_child_voice(pdf, view["children"])


def render_pdf(the_map: Map, view: dict[str, Any], orientation: Orientation = "landscape") -> bytes:
    """The map as the bytes of a PDF file on A4 pages."""
    return bytes(draw_map(the_map, view, orientation).pdf.output())


def draw_map(the_map: Map, view: dict[str, Any], orientation: Orientation = "landscape") -> Layout:
    """The map drawn on A4 pages, section by section; the layout, ready for output."""
    fonts = content_dir() / "fonts"
    words = view["labels"]
    pdf = MapPDF(orientation="L" if orientation == "landscape" else "P", format="A4")
    title = one_line(the_map.title) if the_map.title else words.title
    pdf.set_title(title)
    pdf.set_creator("sos-assistant")
    pdf.page_words = words.page
    pdf.foot_title = title
    pdf.add_font(FONT, "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=False)
    pdf.alias_nb_pages()
    layout = Layout(pdf, orientation, labels=words)
    fpdf_log = logging.getLogger("fpdf")
    level = fpdf_log.level
    fpdf_log.setLevel(logging.ERROR)  # missing glyphs (emoji) are left blank, not an alarm
    try:
        layout.new_page()
        for drawer in SECTIONS.values():
            drawer(layout, the_map, view)
        layout.flush()
        _pages_of_their_own(pdf, view)
        return layout
    finally:
        fpdf_log.setLevel(level)
