"""Every map the program writes reads back, and renders in every format, whatever was typed."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sos_assistant.dialogue import find_dialogue
from sos_assistant.model import Map, load_map
from sos_assistant.render import FORMATS, render_bytes
from sos_assistant.session import Session

ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=30
).filter(lambda s: s.strip() != "")
"""Any text: C0 and C1 controls, NEL, U+FFFE and U+FFFF, emoji, right-to-left..."""

HARD = ["\x93quoted\x94", "a\x85b", "\ufffe\uffff", "\u2028line\u2029", "x" * 300]


def walked(text: str) -> Map:
    session = Session.scratch(find_dialogue("family-conference"))
    answers = {
        "child-name": text,
        "harm": [text],
        "workers": [{"name": text}],
        "strengths": [text],
        "told-worries-check": True,
        "told-worries": [text, {"text": text, "dispute": text}],
        "own-number": {"score": 5, "why": text},
    }
    session.run(answers, lambda step, value: None)
    the_map = session.map()
    the_map.title = text
    return the_map


def check_reads_back(the_map: Map) -> None:
    for text in (the_map.to_yaml(), the_map.to_json()):
        back = load_map(text)
        assert back == the_map
        for fmt in FORMATS:
            data = render_bytes(back, fmt)
            assert data
            if fmt == "docx":
                zipfile.ZipFile(io.BytesIO(data)).testzip()


def test_the_hard_cases_read_back_and_render() -> None:
    for text in HARD:
        check_reads_back(walked(text))


@pytest.mark.slow
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_any_text_run_written_read_and_rendered(text: str) -> None:
    check_reads_back(walked(text))


def test_word_shows_stand_ins_for_characters_xml_cannot_hold() -> None:
    the_map = walked("A\ufffeB\uffffC")
    the_map.title = "T" * 300
    data = render_bytes(the_map, "docx")
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "A\ufffdB\ufffdC" in body
