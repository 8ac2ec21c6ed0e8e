"""The safety network and the safety plan on a printed page (fpdf2), for the PDF writer.

:func:`add_plan_pages` starts a new page and draws the plan: the network as a table with each
helper's role, the rules grouped by the worry they answer, the children's part in a box, when
the plan is checked, and the reviews as a timeline (one column per review). Every piece of user
text is made inert first. The PDF writer calls it once, after the map.
"""

from __future__ import annotations

from typing import Any

from sos_assistant.model import Statement
from sos_assistant.render.plan import PlanView
from sos_assistant.safetext import inert, one_line

FONT = "DejaVu"
"""The font family the PDF writer has registered (regular and bold)."""

_STATUS_FILL = {
    "working": (217, 242, 221),
    "sometimes": (255, 241, 194),
    "not_yet": (251, 224, 221),
}


def _shaped(pdf: Any, text: str) -> None:
    pdf.set_text_shaping(any(ord(c) >= 0x0300 for c in text), direction="ltr")


def _heading(pdf: Any, text: str, size: float) -> None:
    pdf.ln(2)
    pdf.set_font(FONT, "B", size)
    _shaped(pdf, text)
    pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _para(pdf: Any, text: str, *, size: float = 10, bold: bool = False, indent: float = 0) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    _shaped(pdf, text)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(0, size * 0.48, text, align="L", new_x="LMARGIN", new_y="NEXT")


def _table(pdf: Any, head: list[str], rows: list[list[tuple[str, Any]]], widths: Any) -> None:
    """A table; each cell is (text, fill colour or None)."""
    pdf.set_font(FONT, "", 9)
    pdf.set_text_shaping(False)
    with pdf.table(
        col_widths=widths,
        text_align="LEFT",
        line_height=4.6,
        headings_style=_heading_style(),
        first_row_as_headings=True,
    ) as table:
        row = table.row()
        for cell in head:
            row.cell(cell)
        for cells in rows:
            row = table.row()
            for text, fill in cells:
                if fill is None:
                    row.cell(text)
                else:
                    row.cell(text, style=_fill_style(fill))


def _heading_style() -> Any:
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", fill_color=(242, 242, 242))


def _fill_style(fill: tuple[int, int, int]) -> Any:
    from fpdf.fonts import FontFace

    return FontFace(fill_color=fill)


def _text(statement: Statement) -> str:
    return inert(statement.text)


def add_plan_pages(pdf: Any, plan: PlanView | None, nothing_yet: str) -> None:
    """Draw the plan on a new page of ``pdf`` (nothing when the map has no plan)."""
    if plan is None:
        return
    pl = plan.labels
    if plan.has_plan:
        pdf.add_page()
        _heading(pdf, pl.plan, 16)

    _heading(pdf, pl.network, 12.5)
    _para(pdf, pl.network_intro, size=9.5)
    pdf.ln(1)
    if plan.helpers:
        rows = [
            [
                (one_line(h.name), None),
                (one_line(h.relationship or ""), None),
                (pl.knows[h.knows_worries] if h.knows_worries else "-", None),
                (inert(h.helps_with or ""), None),
                (one_line(h.reach or ""), None),
            ]
            for h in plan.helpers
        ]
        _table(
            pdf,
            [pl.name, pl.relationship, pl.knows_worries, pl.helps_with, pl.reach],
            rows,
            (22, 20, 18, 45, 25),
        )
    else:
        _para(pdf, nothing_yet)
    if plan.none_know:
        _para(pdf, "! " + pl.none_know, size=9.5, bold=True)

    if not plan.has_plan:
        return  # only a network (the family dialogue): it follows the map
    _heading(pdf, pl.rules, 12.5)
    _para(pdf, pl.rules_intro, size=9.5)
    for group in plan.groups:
        pdf.ln(1.5)
        if group.key is None:
            _para(pdf, pl.other_rules, bold=True)
        elif group.worry is not None:
            _para(pdf, f"{pl.worry} {_text(group.worry)}", bold=True)
        else:
            _para(pdf, one_line(group.key), bold=True)
        for goal in group.goals:
            _para(pdf, f"{pl.goal} {_text(goal)}", size=9.5, indent=4)
        for rule in group.rules:
            latest = f"  [{pl.status[rule.latest.status]}]" if rule.latest else ""
            label = f"{one_line(rule.label)}. " if rule.label else ""
            _para(pdf, f"{label}{_text(rule.rule)}{latest}", indent=4)
        if not group.rules:
            _para(pdf, pl.no_rules, size=9.5, indent=4)

    _heading(pdf, pl.child_can, 12.5)
    if plan.child_can:
        for statement in plan.child_can:
            _para(pdf, "•  " + _text(statement), size=12)
    else:
        _para(pdf, nothing_yet)

    _heading(pdf, pl.review, 12.5)
    _para(pdf, inert(plan.review) if plan.review else nothing_yet)

    _heading(pdf, pl.reviews, 12.5)
    if not plan.reviews:
        _para(pdf, pl.no_reviews)
        return
    rows = []
    for rule in plan.rules:
        cells: list[tuple[str, Any]] = [(one_line(rule.rule.id or ""), None)]
        for mark in rule.marks:
            if mark is None:
                cells.append(("-", None))
            else:
                note = f"\n{inert(mark.note)}" if mark.note else ""
                cells.append((pl.status[mark.status] + note, _STATUS_FILL[mark.status]))
        rows.append(cells)
    shown = plan.dates[-5:]  # a page holds five reviews side by side; the latest are shown
    first = len(plan.dates) - len(shown)
    rows = [[cells[0], *cells[1 + first :]] for cells in rows]
    _table(pdf, [pl.rule, *shown], rows, (12, *([30] * len(shown))))
    for review, date in zip(plan.reviews, plan.dates, strict=True):
        if review.by or review.note:
            by = f" ({pl.reviewed_by} {one_line(review.by)})" if review.by else ""
            note = f": {inert(review.note)}" if review.note else ""
            _para(pdf, f"{date}{by}{note}", size=9.5)
