"""The map as a Word document (python-docx). Every piece of user text is made inert first:
Word files are XML, and control characters would make the file unreadable."""

from __future__ import annotations

import io
from typing import Any

from docx import Document

from sos_assistant.model import Map, Statement
from sos_assistant.safetext import inert, one_line


def _statement(doc: Any, s: Statement, labels: Any) -> None:
    doc.add_paragraph(inert(s.text), style="List Bullet")
    extras = []
    if s.said_by:
        extras.append(f"({labels.said_by} {one_line(s.said_by)})")
    if s.who:
        extras.append(f"{labels.who}: {one_line(s.who)}")
    if s.by_when:
        extras.append(f"{labels.by_when}: {one_line(s.by_when)}")
    if s.addresses:
        extras.append(f"{labels.answers} {', '.join(one_line(a) for a in s.addresses)}")
    if extras:
        doc.add_paragraph("  ".join(extras))
    if s.dispute:
        p = doc.add_paragraph()
        p.add_run(labels.their_view + " ").bold = True
        p.add_run(inert(s.dispute))


def render_docx(the_map: Map, view: dict[str, Any]) -> bytes:
    labels = view["labels"]
    doc = Document()
    title = one_line(the_map.title or labels.title)
    # Word keeps at most 255 characters in a document property; the heading keeps them all.
    doc.core_properties.title = title if len(title) <= 255 else title[:254] + "\u2026"
    doc.add_heading(one_line(the_map.title or labels.title), level=0)
    meta = view["fw"].name + (f" - {labels.made_on} {the_map.date}" if the_map.date else "")
    doc.add_paragraph(meta)
    doc.add_paragraph().add_run(labels.work_in_progress).italic = True
    if the_map.people:
        doc.add_heading(labels.people, level=1)
        for p in the_map.people:
            role = labels.roles.get(p.role, "")
            doc.add_paragraph(
                one_line(p.name) + (f" ({role})" if role else ""), style="List Bullet"
            )
    for column in view["columns"]:
        doc.add_heading(column.title, level=1)
        for section in column.sections:
            doc.add_heading(section.title, level=2)
            for s in section.statements:
                _statement(doc, s, labels)
            if not section.statements:
                doc.add_paragraph(labels.nothing_yet)
    doc.add_heading(labels.scaling, level=1)
    doc.add_paragraph(inert(the_map.scaling.question))
    doc.add_paragraph(f"{labels.zero}: {one_line(the_map.scaling.zero_means)}")
    doc.add_paragraph(f"{labels.ten}: {one_line(the_map.scaling.ten_means)}")
    scale = view["scale"]
    if scale.marks:
        for line in [scale.axis, scale.ruler, *scale.rows]:
            run = doc.add_paragraph().add_run(line)
            run.font.name = "Courier New"
        for m in scale.marks:
            why = f" - {inert(m.rating.why)}" if m.rating.why else ""
            doc.add_paragraph(f"{m.letter}  {one_line(m.rating.who)}: {m.rating.score}{why}")
    prep = the_map.preparation
    if prep is not None:
        doc.add_heading(labels.preparation, level=1)
        for title, items in ((labels.to_say, prep.to_say), (labels.to_ask, prep.to_ask)):
            doc.add_heading(title, level=2)
            for s in items:
                _statement(doc, s, labels)
            if not items:
                doc.add_paragraph(labels.nothing_yet)
        doc.add_heading(labels.readiness, level=2)
        for key, question in labels.readiness_questions.items():
            value = getattr(prep.readiness, key)
            doc.add_paragraph(f"{question} {labels.readiness_answers[value] if value else '-'}")
    doc.add_paragraph(labels.about)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
