"""Rendering: every format works, and user text stays inert in each of them."""

from __future__ import annotations

import html.parser
import io
import re
import zipfile

import pytest

from sos_assistant.model import Map, Rating, Statement
from sos_assistant.render import FORMATS, render_bytes, render_text, scale_view

NASTY = [
    "# Heading?",
    "- a list?",
    "1. numbered?",
    "| a | table |",
    "> quote",
    "<script>alert(1)</script>",
    "[bold red]markup[/bold red]",
    "**bold** _em_ `code` [link](http://example.invalid) ![img](x.png)",
    "\x1b]0;stolen title\x07\x1b[2J\x1b[31mred\x9b",
    "Line one\n# line two\n- line three",
    "نور and 💜",
    "===",
]


def nasty_map() -> Map:
    the_map = Map(
        title="<b>T</b> \x1b[1m", people=[{"name": n, "role": "child"} for n in NASTY[:3]]
    )
    the_map.worries.harm = [Statement(text=t, said_by="<i>x</i>") for t in NASTY]
    the_map.worries.danger_statements = [Statement(text="D", dispute=NASTY[9])]
    the_map.scaling.ratings = [Rating(who=NASTY[5], score=3, why=NASTY[8])]
    return the_map


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_an_empty_and_a_full_map(fmt: str) -> None:
    for the_map in (Map(), nasty_map()):
        data = render_bytes(the_map, fmt)
        assert data
    assert render_bytes(Map(), "docx")[:2] == b"PK"
    assert render_bytes(Map(), "pdf")[:5] == b"%PDF-"


@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_no_control_characters_reach_text_output(fmt: str) -> None:
    out = render_text(nasty_map(), fmt)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)
    assert "stolen title" in out  # the words are kept, only the controls are neutralised


def test_html_is_autoescaped_and_self_contained() -> None:
    out = render_text(nasty_map(), "html")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<b>T</b>" not in out and "<i>x</i>" not in out

    class Tags(html.parser.HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: set[str] = set()

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.found.add(tag)
            for _name, value in attrs:
                assert not (value or "").startswith(("http:", "https:")), "nothing is fetched"

    parser = Tags()
    parser.feed(out)
    assert "script" not in parser.found and "link" not in parser.found and "img" not in parser.found
    assert "svg" in parser.found  # the scaling line is drawn


def test_html_keeps_the_words_verbatim() -> None:
    out = render_text(nasty_map(), "html")
    assert "نور and 💜" in out
    assert "[bold red]markup[/bold red]" in out


def test_markdown_text_cannot_make_structure() -> None:
    out = render_text(nasty_map(), "md")
    body = out.split("### ", 2)[2]  # after the first section heading
    body = re.sub(r"```text\n.*?```", "", body, flags=re.S)  # the drawn scale: letters only
    for line in body.splitlines():
        stripped = line.lstrip()
        # Lines the template makes are headings and list items; user text never starts one.
        if stripped.startswith(("#", "|", ">", "=")):
            assert stripped.startswith("### ") or stripped.startswith("## "), line
    assert "\\# Heading?" in out and "\\- a list?" in out and "1\\. numbered?" in out
    assert "\\<script\\>" in out and "\\[link\\](http" in out
    assert "\\# line two" in out  # a second line of an answer cannot become a heading either


def test_text_scale_puts_each_letter_under_its_number() -> None:
    view = scale_view(
        [Rating(who="A", score=3), Rating(who="B", score=7), Rating(who="C", score=3)]
    )
    assert view.axis.index("3") == view.rows[0].index("A")
    assert view.axis.index("7") == view.rows[0].index("B")
    assert view.rows[1].index("C") == view.axis.index("3")  # numbers that meet stack


def test_word_document_has_the_words() -> None:
    data = render_bytes(nasty_map(), "docx")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "نور and 💜" in xml
    assert "&lt;script&gt;" in xml


def test_each_framework_has_its_own_headings() -> None:
    outs = {fw: render_text(Map(framework=fw), "txt") for fw in ("safety", "wellbeing", "success")}
    assert len({o.splitlines()[5] for o in outs.values()}) >= 1
    assert len(set(outs.values())) == 3


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_printed_map_keeps_right_to_left_names_in_reading_order() -> None:
    """Arabic and Hebrew words are shaped and kept in reading order inside English lines,
    and a line starting with one still reads left to right (bullet first)."""
    the_map = Map(title="Getting ready: نور", people=[{"name": "داني שלום", "role": "parent"}])
    the_map.worries.harm = [Statement(text="كاي was awake and saw the fight.", said_by="Dani")]
    text = _pdf_text(render_bytes(the_map, "pdf"))
    for word in ("نور", "داني", "שלום", "كاي"):
        assert word in text  # stored order is reading order; unshaped text came out reversed
    harm = next(line for line in text.splitlines() if "was awake" in line)
    assert harm.lstrip().startswith("•")


def _danger_map(goals: list[dict[str, object]]) -> Map:
    return Map.model_validate(
        {
            "schema": "sos-map/1",
            "worries": {
                "danger_statements": [
                    {"id": "D1", "text": "Sam may hit Ruby when he has been drinking."},
                    {"id": "D2", "text": "Ruby may be left alone at night."},
                    "Ruby may miss her medicine.",
                ]
            },
            "needs_to_happen": {"safety_goals": goals},
        }
    )


@pytest.mark.parametrize(
    "goals",
    [
        [],  # no goals at all: every danger statement is still to do
        [{"text": "Ruby is safe when Sam drinks.", "addresses": ["D1"]}],  # linked by id
        [{"text": "An adult is always home at night with Ruby."}],  # words only: advice, no mark
        [{"text": "Ruby is never alone.", "addresses": ["D1", "D2"]}, "Ruby takes her medicine."],
    ],
)
@pytest.mark.parametrize("fmt", ["html", "md", "txt"])
def test_every_format_marks_exactly_the_danger_statements_the_coach_names(
    goals: list[dict[str, object]], fmt: str
) -> None:
    from sos_assistant.coach.mapcheck import still_to_do
    from sos_assistant.render import labels

    the_map = _danger_map(goals)
    out = render_text(the_map, fmt)
    assert out.count(labels().still_to_do) == len(still_to_do(the_map))
