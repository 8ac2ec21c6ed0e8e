"""The printed map: one full family map in every format (golden renders), and the PDF as a
map: three columns side by side on page 1, "page N of M" on every page, no heading left alone
at the foot of a page, no near-empty page, and sections other parts of the program can add."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from sos_assistant.model import Map, Statement
from sos_assistant.render import pdf as pdf_module
from sos_assistant.render import render_bytes, render_text, view
from sos_assistant.render.pdf import Layout, draw_map, render_pdf
from tests.render_support import NAMES, RENDERS, TODAY, family_map, rendered

HEADINGS = ("What are we worried about?", "What's working well?", "What needs to happen?")


@pytest.mark.parametrize("fmt", list(NAMES))
def test_the_family_map_renders_as_its_golden_file(fmt: str) -> None:
    """Run ``make golden`` after a deliberate change, and read the diff."""
    expected = (RENDERS / NAMES[fmt]).read_text(encoding="utf-8")
    assert rendered(fmt) == expected


@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_every_format_starts_with_the_date_made_and_the_meeting(fmt: str) -> None:
    text = render_text(family_map(), fmt, today=TODAY)
    text = text[text.find("<body>") :] if fmt == "html" else text
    top = text[: len(text) // 4]
    for words in (
        "Made on Tuesday 1 December 2026",
        "Review child protection conference",
        "Tuesday 8 December 2026, 10am",
        "Eastfield Town Hall, room 3",
        "Sam Reid",
        "01234 567890",
    ):
        assert words in top, (fmt, words)


def test_word_and_pdf_start_with_the_date_made_and_the_meeting() -> None:
    for fmt in ("docx", "pdf"):
        top = rendered(fmt)[:900]
        assert "Made on Tuesday 1 December 2026" in top, fmt
        assert "Review child protection conference" in top, fmt
        assert "01234 567890" in top, fmt


def test_said_by_only_where_it_is_not_the_map_owner_and_my_view() -> None:
    text = render_text(family_map(), "txt", today=TODAY)
    assert "(said by Dani)" not in text
    assert "(said by the workers)" in text
    assert "(said by Dani, about what Kai might say)" in text
    assert "My view: I have one glass" in text
    assert "The family's view" not in text
    no_owner = Map(worries={"harm": [Statement(text="A thing.", said_by="Sam", dispute="No.")]})
    plain = render_text(no_owner, "txt")
    assert "(said by Sam)" in plain and "The family's view: No." in plain


def test_could_ask_beside_a_not_sure_and_space_for_the_day() -> None:
    text = render_text(family_map(), "txt", today=TODAY)
    ready = text.index("Do I know what needs to happen for the plan to end? Not sure")
    assert "You could ask: what do you need to see" in text[ready : ready + 200]
    assert text.count("Do I feel prepared? Yes\n  Do I feel able") == 1  # nothing beside a yes
    day = text.index("ON THE DAY")
    for words in ("What was said:", "What was agreed:", "Date of the next meeting:"):
        assert words in text[day:]
    assert text[day:].count("_" * 70) == 8


def test_the_workers_goals_and_the_familys_hopes_have_their_own_headings() -> None:
    html = render_text(family_map(), "html", today=TODAY)
    workers = html.index("What the workers need to see")
    hopes = html.index("What we hope for")
    assert workers < html.index("always looked after at night") < hopes
    assert hopes < html.index("I want Kai and Mia to stay at home") < html.index("Next steps")


# -- the PDF as a map ------------------------------------------------------------------------


def _pdf(the_map: Map | None = None, orientation: Any = "landscape") -> bytes:
    the_map = the_map or family_map()
    return render_pdf(the_map, view(the_map, today=TODAY), orientation)


def _layout_lines(data: bytes, page: int) -> list[str]:
    """Page ``page`` (1-based) laid out as text, as pdftotext -layout prints it when poppler
    is installed, and as pypdf's layout mode does in any case."""
    reader = PdfReader(io.BytesIO(data))
    lines = reader.pages[page - 1].extract_text(extraction_mode="layout").splitlines()
    if shutil.which("pdftotext"):
        done = subprocess.run(
            ["pdftotext", "-layout", "-f", str(page), "-l", str(page), "-", "-"],
            input=data,
            capture_output=True,
            check=True,
        )
        lines += done.stdout.decode("utf-8").splitlines()
    return lines


def test_page_one_holds_the_three_column_headings_side_by_side() -> None:
    lines = _layout_lines(_pdf(), 1)
    together = [line for line in lines if all(h in line for h in HEADINGS)]
    assert together, "the three headings are not on one line of page 1"
    for line in together:
        places = [line.index(h) for h in HEADINGS]
        assert places == sorted(places)  # worries, working well, needs: left to right


def test_the_headings_sit_at_one_height_in_three_places() -> None:
    """Checked from the PDF's own text positions, with no tool outside Python."""
    found: dict[str, tuple[float, float]] = {}

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        for heading in HEADINGS:
            if text.strip() == heading:
                found.setdefault(heading, (float(tm[4]), float(tm[5])))

    PdfReader(io.BytesIO(_pdf())).pages[0].extract_text(visitor_text=visit)
    assert set(found) == set(HEADINGS)
    xs = [found[h][0] for h in HEADINGS]
    ys = {round(found[h][1]) for h in HEADINGS}
    assert len(ys) == 1 and xs == sorted(xs) and xs[1] - xs[0] > 200  # a third of the page


def test_every_page_says_page_n_of_m() -> None:
    reader = PdfReader(io.BytesIO(_pdf()))
    total = len(reader.pages)
    assert total >= 2
    for number, page in enumerate(reader.pages, 1):
        assert f"page {number} of {total}" in page.extract_text()


def _big_map() -> Map:
    the_map = family_map()
    extra = [Statement(text=f"Another thing that happened, number {i}.") for i in range(40)]
    the_map.worries.harm = the_map.worries.harm + extra
    return the_map


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
@pytest.mark.parametrize("big", [False, True])
def test_no_heading_is_left_alone_at_the_foot_of_a_page(orientation: Any, big: bool) -> None:
    the_map = _big_map() if big else family_map()
    layout = draw_map(the_map, view(the_map, today=TODAY), orientation)
    breaks = layout.breaks
    if big:
        assert breaks  # the long column did go on to another page
    assert not [b for b in breaks if b[2]], breaks


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_no_near_empty_page(orientation: Any) -> None:
    """Every page but the last is well filled, and the last has more than a line or two."""
    reader = PdfReader(io.BytesIO(_pdf(orientation=orientation)))
    sizes = [len(page.extract_text().strip()) for page in reader.pages]
    assert all(size > 600 for size in sizes[:-1]), sizes
    assert sizes[-1] > 250, sizes


def test_portrait_puts_the_columns_under_one_another_with_the_goals_side_by_side() -> None:
    lines = _layout_lines(_pdf(orientation="portrait"), 1)
    assert not [line for line in lines if all(h in line for h in HEADINGS)]
    text = "\n".join(_layout_lines(_pdf(orientation="portrait"), 2))
    pair = [line for line in text.splitlines() if "What the workers need to see" in line]
    assert pair and all("What we hope for" in line for line in pair)


def test_a_section_is_added_by_one_call() -> None:
    drawn: list[str] = []

    def draw_extra(layout: Layout, the_map: Map, view_: dict[str, Any]) -> None:
        drawn.append("extra")
        layout.section_heading("A section someone added")
        layout.flow([[layout.statement(Statement(text="Added words."), view_)]])

    saved = dict(pdf_module.SECTIONS)
    try:
        pdf_module.add_section("extra", draw_extra)
        assert list(pdf_module.SECTIONS)[-2:] == ["extra", "on_the_day"]
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(_pdf())).pages)
    finally:
        pdf_module.SECTIONS.clear()
        pdf_module.SECTIONS.update(saved)
    assert drawn == ["extra"]
    assert text.index("A section someone added") < text.index("On the day")
    assert "Added words." in text


def test_a_very_long_statement_goes_on_over_the_page() -> None:
    the_map = Map()
    the_map.worries.harm = [Statement(text=" ".join(["word"] * 3000))]
    reader = PdfReader(io.BytesIO(render_bytes(the_map, "pdf")))
    words = sum(page.extract_text().count("word") for page in reader.pages)
    assert words == 3000 and len(reader.pages) >= 3


def test_golden_files_are_in_the_repository() -> None:
    assert sorted(p.name for p in Path(RENDERS).iterdir()) == sorted(NAMES.values())
    assert re.search(r"page 1 of \d", (RENDERS / NAMES["pdf"]).read_text(encoding="utf-8"))


def test_whose_map_it_is() -> None:
    """A family map belongs to the person getting ready, even when they skipped their name; a
    practitioner's map (no preparation) belongs to no one in it, so the family's view says so."""
    from sos_assistant.model import load_map
    from tests.render_support import GOLDEN

    def txt(name: str) -> str:
        the_map = load_map((GOLDEN / name).read_text(encoding="utf-8"))
        return render_text(the_map, "txt", today=TODAY)

    skipped = txt("family-conference/many-skips.map.yaml")
    assert "(said by Parent)" not in skipped
    practitioner = txt("practitioner-mapping/fuller.map.yaml")
    assert "My view" not in practitioner and "The family's view:" in practitioner
    assert "(said by Priya (social worker))" in practitioner
    advocate = txt("advocate-understanding/fuller.map.yaml")
    assert "My view:" in advocate and "(said by Marcus (parent advocate))" in advocate


def test_on_the_day_never_leaves_its_last_line_alone_on_a_page() -> None:
    from sos_assistant.model import load_map
    from tests.render_support import GOLDEN

    for name in ("practitioner-mapping/fuller.map.yaml", "family-conference/many-skips.map.yaml"):
        the_map = load_map((GOLDEN / name).read_text(encoding="utf-8"))
        pages = PdfReader(io.BytesIO(_pdf(the_map))).pages
        last = pages[-1].extract_text()
        assert "On the day" in last and "Date of the next meeting" in last, name


def test_render_command_prints_a_portrait_pdf_when_asked(tmp_path: Path) -> None:
    from sos_assistant.cli import main
    from tests.render_support import SOURCE

    wide, tall = tmp_path / "wide.pdf", tmp_path / "tall.pdf"
    assert main(["render", str(SOURCE), "-f", "pdf", "-o", str(wide)]) == 0
    assert main(["render", str(SOURCE), "-f", "pdf", "--page", "portrait", "-o", str(tall)]) == 0
    wide_box = PdfReader(wide).pages[0].mediabox
    tall_box = PdfReader(tall).pages[0].mediabox
    assert wide_box.width > wide_box.height and tall_box.height > tall_box.width
