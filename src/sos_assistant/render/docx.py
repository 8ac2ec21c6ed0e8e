"""The map as a Word document (python-docx). Every piece of user text is made inert first:
Word files are XML, and control characters would make the file unreadable."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.text.paragraph import Paragraph

from sos_assistant.model import Map, Statement
from sos_assistant.render.child import add_children_docx
from sos_assistant.render.docx_plan import add_plan_docx
from sos_assistant.render.words import add_own_view_to_docx, add_to_docx
from sos_assistant.safetext import inert, one_line


class _Writer:
    """Adds paragraphs at the end of the body in constant time.

    python-docx's own ``add_paragraph`` and ``add_heading`` look the style up by name and scan
    the body for the place to insert each time, so a long map took time that grew with the
    square of its length. Here each style's id is looked up once and every new paragraph goes
    straight before the body's closing section properties.
    """

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.body = doc.element.body
        self.end = self.body.get_or_add_sectPr()
        self.styles: dict[str, str] = {}

    def _style_id(self, name: str) -> str:
        if name not in self.styles:
            self.styles[name] = self.doc.styles[name].style_id
            assert self.doc.styles[name].type == WD_STYLE_TYPE.PARAGRAPH
        return self.styles[name]

    def add_paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        p = OxmlElement("w:p")
        self.end.addprevious(p)
        paragraph = Paragraph(p, self.doc._body)
        if style is not None:
            p.style = self._style_id(style)
        if text:
            paragraph.add_run(text)
        return paragraph

    def add_heading(self, text: str, level: int) -> Paragraph:
        return self.add_paragraph(text, "Title" if level == 0 else f"Heading {level}")

    def add_page_break(self) -> Paragraph:
        paragraph = self.add_paragraph()
        paragraph.add_run().add_break(WD_BREAK.PAGE)
        return paragraph

    def add_table(self, rows: int, cols: int) -> Any:
        """A table at the end of the body (python-docx puts it before the section end too)."""
        return self.doc.add_table(rows=rows, cols=cols)


def _statement(doc: Any, s: Statement, labels: Any, view: dict[str, Any]) -> None:
    doc.add_paragraph(inert(s.text), style="List Bullet")
    extras = []
    said_by = view["said_by"](s)
    if said_by:
        extras.append(f"({labels.said_by} {one_line(said_by)})")
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
        p.add_run(view["view_label"] + " ").bold = True
        p.add_run(inert(s.dispute))


def render_docx(the_map: Map, view: dict[str, Any]) -> bytes:
    labels = view["labels"]
    document = Document()
    title = one_line(the_map.title or labels.title)
    # Word keeps at most 255 characters in a document property; the heading keeps them all.
    document.core_properties.title = title if len(title) <= 255 else title[:254] + "\u2026"
    doc = _Writer(document)
    doc.add_heading(one_line(the_map.title or labels.title), level=0)
    doc.add_paragraph(f"{view['fw'].name} - {labels.made_on} {view['made_on']}")
    meeting = view["meeting"]
    if meeting.kind or meeting.lines:
        line = doc.add_paragraph()
        line.add_run(f"{labels.meeting}: ").bold = True
        line.add_run(one_line(meeting.kind))
        for label, value in meeting.lines:
            doc.add_paragraph(f"{label}: {one_line(value)}")
    if meeting.ring:
        doc.add_paragraph().add_run(labels.ring).bold = True
        for person in meeting.ring:
            where = f" ({one_line(person.organisation)})" if person.organisation else ""
            doc.add_paragraph(f"{one_line(person.name)}{where}: {one_line(person.phone or '')}")
    doc.add_paragraph().add_run(labels.work_in_progress).italic = True
    if the_map.people:
        doc.add_heading(labels.people, level=1)
        for p in the_map.people:
            doc.add_paragraph(one_line(view["person_line"](p)), style="List Bullet")
    for column in view["columns"]:
        doc.add_heading(column.title, level=1)
        for section in column.sections:
            doc.add_heading(section.title, level=2)
            for s in section.statements:
                _statement(doc, s, labels, view)
                if view["still_to_do"](s):
                    doc.add_paragraph().add_run(labels.still_to_do).bold = True
            if not section.statements:
                doc.add_paragraph(labels.nothing_yet)
    add_own_view_to_docx(doc, view, lambda d, s, words: _statement(d, s, words, view))
    scale = view["scale"]
    if the_map.scaling.question or scale.marks:  # left off when the dialogue never asked
        doc.add_heading(labels.scaling, level=1)
        doc.add_paragraph(inert(the_map.scaling.question))
        doc.add_paragraph(f"{labels.zero}: {one_line(the_map.scaling.zero_means)}")
        doc.add_paragraph(f"{labels.ten}: {one_line(the_map.scaling.ten_means)}")
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
                _statement(doc, s, labels, view)
            if not items:
                doc.add_paragraph(labels.nothing_yet)
        doc.add_heading(labels.readiness, level=2)
        for key, question in labels.readiness_questions.items():
            value = getattr(prep.readiness, key)
            doc.add_paragraph(f"{question} {labels.readiness_answers[value] if value else '-'}")
            if value in ("no", "not_sure"):
                doc.add_paragraph().add_run(labels.readiness_help[key]).italic = True
    doc.add_heading(labels.on_the_day, level=1)
    for title in (labels.said_on_the_day, labels.decided):
        doc.add_heading(title, level=2)
        for _ in range(4):
            doc.add_paragraph("_" * 60)
    doc.add_paragraph(f"{labels.next_meeting} {'_' * 30}")
    add_to_docx(doc, view)
    add_plan_docx(doc, view.get("plan"), labels.nothing_yet)
    add_children_docx(doc, view["children"])  # the children's houses, in their own section
    doc.add_paragraph(labels.about)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
