"""The safety network and the safety plan in a Word document (python-docx), for the Word
writer: the same parts as the printed page, every piece of user text made inert first."""

from __future__ import annotations

from typing import Any

from sos_assistant.render.plan import PlanView
from sos_assistant.safetext import inert, one_line


def _table(doc: Any, head: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text


def add_plan_docx(doc: Any, plan: PlanView | None, nothing_yet: str) -> None:
    """Add the plan to ``doc``, on a new page (nothing when the map has no plan)."""
    if plan is None:
        return
    pl = plan.labels
    if plan.has_plan:
        doc.add_page_break()
        doc.add_heading(pl.plan, level=1)
    doc.add_heading(pl.network, level=2)
    doc.add_paragraph().add_run(pl.network_intro).italic = True
    if plan.helpers:
        rows = [
            [
                one_line(h.name),
                one_line(h.relationship or ""),
                pl.knows[h.knows_worries] if h.knows_worries else "-",
                inert(h.helps_with or ""),
                one_line(h.reach or ""),
            ]
            for h in plan.helpers
        ]
        _table(doc, [pl.name, pl.relationship, pl.knows_worries, pl.helps_with, pl.reach], rows)
    else:
        doc.add_paragraph(nothing_yet)
    if plan.none_know:
        doc.add_paragraph().add_run(pl.none_know).bold = True
    if not plan.has_plan:
        return  # only a network (the family dialogue)
    doc.add_heading(pl.rules, level=2)
    doc.add_paragraph().add_run(pl.rules_intro).italic = True
    for group in plan.groups:
        if group.key is None:
            title = pl.other_rules
        elif group.worry is not None:
            title = f"{pl.worry} {inert(group.worry.text)}"
        else:
            title = one_line(group.key)
        doc.add_paragraph().add_run(title).bold = True
        for goal in group.goals:
            doc.add_paragraph(f"{pl.goal} {inert(goal.text)}")
        for rule in group.rules:
            latest = f" [{pl.status[rule.latest.status]}]" if rule.latest else ""
            label = f"{one_line(rule.label)}. " if rule.label else ""
            doc.add_paragraph(f"{label}{inert(rule.rule.text)}{latest}", style="List Bullet")
        if not group.rules:
            doc.add_paragraph(pl.no_rules)
    doc.add_heading(pl.child_can, level=2)
    for statement in plan.child_can:
        doc.add_paragraph(inert(statement.text), style="List Bullet")
    if not plan.child_can:
        doc.add_paragraph(nothing_yet)
    doc.add_heading(pl.review, level=2)
    doc.add_paragraph(inert(plan.review) if plan.review else nothing_yet)
    doc.add_heading(pl.reviews, level=2)
    if not plan.reviews:
        doc.add_paragraph(pl.no_reviews)
        return
    rows = []
    for rule in plan.rules:
        cells = [one_line(rule.rule.id or "")]
        for mark in rule.marks:
            note = f"\n{inert(mark.note)}" if mark and mark.note else ""
            cells.append(pl.status[mark.status] + note if mark else "-")
        rows.append(cells)
    _table(doc, [pl.rule, *plan.dates], rows)
    for review, date in zip(plan.reviews, plan.dates, strict=True):
        if review.by or review.note:
            by = f" ({pl.reviewed_by} {one_line(review.by)})" if review.by else ""
            note = f": {inert(review.note)}" if review.note else ""
            doc.add_paragraph(f"{date}{by}{note}")
