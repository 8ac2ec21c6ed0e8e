"""Word export of a long map: every statement, in order, with its style, in a valid body."""

from __future__ import annotations

import io

import docx

from sos_assistant.model import Map, Statement
from sos_assistant.render import render_bytes


def test_every_statement_is_a_bullet_in_order_before_the_section_end() -> None:
    the_map = Map(title="Long map")
    for i in range(300):
        the_map.worries.harm.append(Statement(text=f"Worry number {i}", said_by="Sam"))
    doc = docx.Document(io.BytesIO(render_bytes(the_map, "docx")))
    bullets = [
        p.text for p in doc.paragraphs if p.style is not None and p.style.name == "List Bullet"
    ]
    assert bullets == [f"Worry number {i}" for i in range(300)]
    assert doc.paragraphs[0].style is not None and doc.paragraphs[0].style.name == "Title"
    assert doc.paragraphs[0].text == "Long map"
    body = doc.element.body
    assert body[-1].tag.endswith("}sectPr")  # the page settings stay last, as Word expects
    headings = [
        p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert len(headings) >= 3
