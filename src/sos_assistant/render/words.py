"""The box "Words in the papers, in plain words" for the Word and PDF writers.

The text formats include ``_words.<fmt>.j2``; the Word writer calls :func:`add_to_docx`; a PDF
writer that lays out its own page (not the text format) calls :func:`add_to_pdf`. Each writes
nothing when the map has no professionals' words to explain (``view["words"]`` is empty).
"""

from __future__ import annotations

from typing import Any

from sos_assistant.safetext import one_line


def add_to_docx(doc: Any, view: dict[str, Any]) -> None:
    """The box as a heading, a note and one paragraph per word (python-docx ``Document``)."""
    words, text = view["words"], view["words_text"]
    if not words:
        return
    doc.add_heading(text.title, level=1)
    doc.add_paragraph().add_run(text.page_intro).italic = True
    for word in words:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(one_line(word.phrase)).bold = True
        p.add_run(": " + one_line(word.meaning) + " ")
        p.add_run(f"{text.ask} {one_line(word.ask)}").italic = True


def add_own_view_to_docx(doc: Any, view: dict[str, Any], statement: Any) -> None:
    """The parent's own words, section by section; ``statement(doc, s, labels)`` writes one."""
    own, text = view.get("own_view") or [], view["words_text"]
    if not own:
        return
    doc.add_heading(text.own_view_title, level=1)
    doc.add_paragraph().add_run(text.own_view_intro).italic = True
    for section in own:
        doc.add_heading(section.title, level=2)
        for s in section.statements:
            statement(doc, s, view["labels"])


def add_to_pdf(pdf: Any, view: dict[str, Any], font: str = "DejaVu") -> None:
    """The box on an ``fpdf.FPDF`` page, in ``font`` (regular and bold faces added)."""
    words, text = view["words"], view["words_text"]
    if not words:
        return
    pdf.set_font(font, "B", 13)
    pdf.multi_cell(0, 7, text.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(font, "", 10.5)
    pdf.multi_cell(0, 5, text.page_intro, new_x="LMARGIN", new_y="NEXT")
    for word in words:
        pdf.set_font(font, "B", 10.5)
        pdf.multi_cell(0, 5, one_line(word.phrase), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, "", 10.5)
        body = f"{one_line(word.meaning)} {text.ask} {one_line(word.ask)}"
        pdf.multi_cell(0, 5, body, new_x="LMARGIN", new_y="NEXT")
