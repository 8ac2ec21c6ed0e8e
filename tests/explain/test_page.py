"""The printed map: the box "Words in the papers, in plain words" in every format, and no
numbers section when the dialogue never asked for numbers."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml

from sos_assistant.content import explain_text
from sos_assistant.explain.page import words_in_papers
from sos_assistant.model import Map
from sos_assistant.render import labels, render_bytes

GOLDEN = Path(__file__).parent.parent / "golden"
TITLE = explain_text().title


def load(path: Path) -> Map:
    return Map.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def advocate_map() -> Map:
    the_map = load(GOLDEN / "advocate-understanding" / "fuller.map.yaml")
    harm = the_map.worries.harm[0].model_copy(
        update={"text": "Mum lacks insight into the impact of DV. An ICPC was held."}
    )
    the_map.worries.harm.insert(0, harm)
    return the_map


def page_text(the_map: Map, fmt: str) -> str:
    data = render_bytes(the_map, fmt)
    if fmt == "pdf":
        from pypdf import PdfReader

        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    if fmt == "docx":
        from docx import Document

        return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    return data.decode("utf-8")


def test_the_papers_words_are_listed_once_each_labels_first() -> None:
    words = words_in_papers(advocate_map())
    phrases = [w.phrase for w in words]
    assert phrases[0] == "lacks insight"
    assert {"DV", "ICPC", "impact"} <= set(phrases)
    assert len(phrases) == len(set(phrases))


def test_only_the_papers_words_are_explained_not_the_parents() -> None:
    the_map = advocate_map()
    parent = the_map.worries.danger_statements[-1]
    assert not parent.as_written
    the_map.worries.danger_statements[-1] = parent.model_copy(
        update={"text": "I went to the MARAC."}
    )
    assert "MARAC" not in [w.phrase for w in words_in_papers(the_map)]


@pytest.mark.parametrize("fmt", ["md", "html", "txt", "docx", "pdf"])
def test_every_format_prints_the_box_and_leaves_off_the_numbers(fmt: str) -> None:
    text = page_text(advocate_map(), fmt)
    assert TITLE.upper() in text.upper()
    assert "lacks insight" in text
    assert "the worries the way they do" in " ".join(text.split())
    assert labels().scaling.upper() not in text.upper()


@pytest.mark.parametrize("fmt", ["md", "html", "txt", "docx"])
def test_a_map_with_no_papers_words_has_no_box_but_keeps_its_numbers(fmt: str) -> None:
    the_map = load(GOLDEN / "practitioner-mapping" / "fuller.map.yaml")
    text = page_text(the_map, fmt)
    assert TITLE.upper() not in text.upper()
    assert labels().scaling.upper() in text.upper()


def test_html_box_is_escaped() -> None:
    the_map = advocate_map()
    harm = the_map.worries.harm[0].model_copy(update={"text": "<b>DV</b> was reported."})
    the_map.worries.harm[0] = harm
    html = render_bytes(the_map, "html").decode()
    assert "<b>DV" not in html


@pytest.mark.parametrize("fmt", ["md", "html", "txt", "docx", "pdf"])
def test_the_parents_own_words_are_under_what_i_think_not_among_the_papers(fmt: str) -> None:
    the_map = advocate_map()
    own = "They think Tia might get hurt if I go out and leave her again."
    papers = "are worried that if Tia is left on her own again"
    text = " ".join(page_text(the_map, fmt).split())
    title = explain_text().own_view_title
    at_title = text.upper().index(title.upper())
    assert text.index(papers) < at_title < text.index(own)


def test_a_map_without_the_papers_words_keeps_its_columns_as_they_are() -> None:
    the_map = load(GOLDEN / "practitioner-mapping" / "fuller.map.yaml")
    text = render_bytes(the_map, "txt").decode()
    assert explain_text().own_view_title.upper() not in text.upper()
