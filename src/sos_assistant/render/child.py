"""The child's Three Houses and the Words and Pictures booklet, for every format.

``child_view`` is what the templates' ``_child_voice.*.j2`` parts need (it is part of every
map's view); ``render_houses`` prints a map made by the Three Houses alone as the child's own
page; ``render_booklet`` prints a map's ``story`` as a booklet, one page per part.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from sos_assistant import safetext
from sos_assistant.children import HOUSES, children_words, house_name, houses_art, named
from sos_assistant.model import ChildVoice, FacesScore, Map, Statement, Story

HOUSE_COLOURS: dict[str, tuple[str, str]] = {
    "worries": ("#4f6f94", "#e4edf7"),
    "good_things": ("#d99a00", "#fff4d1"),
    "dreams": ("#7451a3", "#efe7fa"),
}
"""Each house's roof and wall colours (dark outlines and text keep the contrast high)."""


@dataclass
class HouseView:
    key: str
    name: str
    statements: list[Statement]
    roof: str
    walls: str


@dataclass
class VoiceView:
    voice: ChildVoice
    section: str
    """The heading: "In Ruby's own words: the three houses"."""
    page_title: str
    note: str
    houses: list[HouseView]
    faces: FacesScore | None
    faces_line: str
    can_see: list[Statement]
    can_see_line: str
    art: list[str] = field(default_factory=list)
    """The houses as text art, for the text formats."""


@dataclass
class ChildView:
    words: Any
    voices: list[VoiceView]
    story: Story | None = None
    """The Words and Pictures story, when the map has one (printed after the houses)."""


def voice_view(voice: ChildVoice, *, art_width: int = 76) -> VoiceView:
    words = children_words().houses
    child = voice.child
    houses = [
        HouseView(key, house_name(key), getattr(voice, key), *HOUSE_COLOURS[key]) for key in HOUSES
    ]
    faces_line = ""
    if voice.faces is not None:
        faces_line = named(words.faces, child).replace("{score}", f"{voice.faces.score:g}")
    return VoiceView(
        voice=voice,
        section=named(words.section, child),
        page_title=named(words.page_title, child),
        note=named(words.note, child),
        houses=houses,
        faces=voice.faces,
        faces_line=faces_line,
        can_see=voice.can_see,
        can_see_line=named(words.can_see if voice.can_see else words.can_see_none, child),
        art=[safetext.inert(line) for line in houses_art(voice, art_width)],
    )


def child_view(the_map: Map) -> ChildView:
    """The children's houses on this map (none when it has no ``child_voice``)."""
    return ChildView(
        children_words(), [voice_view(v) for v in the_map.child_voice or []], the_map.story
    )


def _render(fmt: str, template: str, data: dict[str, Any]) -> bytes:
    from sos_assistant.render import environment

    text: str = environment(fmt).get_template(template).render(data)
    return text.encode("utf-8")


# -- the child's own page ---------------------------------------------------------------------


def page_bytes(the_map: Map, fmt: str) -> bytes | None:
    """A map that is only a child's houses prints as the child's page; a map that is only a
    story prints as its booklet (HTML, PDF) or as the story (other formats). Any other map:
    None, for the map's own templates."""
    from sos_assistant.children import child_only, story_only

    if child_only(the_map):
        return render_houses(the_map, fmt)
    if story_only(the_map):
        if fmt in ("html", "pdf"):
            return render_booklet(the_map, fmt)
        return render_houses(the_map, fmt)  # the story's pages, in the page's own words
    return None


def render_houses(the_map: Map, fmt: str) -> bytes:
    """The children's houses alone, as the child's page (any format)."""
    from sos_assistant.render import TEXT_FORMATS, view

    data = view(the_map)
    if fmt in TEXT_FORMATS:
        return _render(fmt, f"houses.{fmt}.j2", data)
    if fmt == "docx":
        from docx import Document

        doc = Document()
        title = data["children"].voices[0].page_title if data["children"].voices else ""
        doc.core_properties.title = safetext.one_line(title)
        add_children_docx(doc, data["children"], level=0)
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()
    if fmt == "pdf":
        from sos_assistant.render.pdf_child import houses_pdf

        return bytes(houses_pdf(the_map, data["children"]))
    raise ValueError(f"unknown format '{fmt}'")


def add_children_docx(doc: Any, children: ChildView, *, level: int = 1) -> None:
    """The children's houses in a Word document: each house a box with a drawn roof."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    words = children.words.houses
    for v in children.voices:
        doc.add_heading(safetext.one_line(v.section), level=level)
        doc.add_paragraph().add_run(safetext.one_line(v.note)).italic = True
        table = doc.add_table(rows=2, cols=3)
        for i, house in enumerate(v.houses):
            roof = table.cell(0, i)
            para = roof.paragraphs[0]
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            para.add_run().add_picture(io.BytesIO(roof_png(house.key)), width=Mm(52))
            walls = table.cell(1, i)
            _shade(walls, house.walls, OxmlElement, qn)
            head = walls.paragraphs[0]
            head.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = head.add_run(house.name)
            run.bold = True
            run.font.size = Pt(14)
            for s in house.statements:
                item = walls.add_paragraph(safetext.inert(s.text), style="List Bullet")
                item.runs[0].font.size = Pt(13)
            if not house.statements:
                walls.add_paragraph(words.empty).runs[0].italic = True
        if v.faces_line:
            said = v.faces.why if v.faces and v.faces.why else ""
            why = f" {words.faces_why} {safetext.inert(said)}" if said else ""
            doc.add_paragraph(safetext.one_line(v.faces_line) + why)
            doc.add_paragraph(words.faces_ends)
        doc.add_paragraph().add_run(safetext.one_line(v.can_see_line)).bold = True
        for s in v.can_see:
            doc.add_paragraph(safetext.inert(s.text), style="List Bullet")
    story = children.story
    if story is not None:
        booklet = children.words.booklet
        doc.add_heading(safetext.one_line(story.title or booklet.default_title), level=level)
        for number, page in enumerate(story.pages, start=1):
            number_line = booklet.page.replace("{number}", str(number))
            doc.add_heading(f"{number_line}: {safetext.one_line(page.heading)}", level=level + 1)
            doc.add_paragraph(safetext.inert(page.text))


def _shade(cell: Any, colour: str, element: Any, qn: Any) -> None:
    """A cell's fill colour and a thick dark border, like a house's walls."""
    props = cell._tc.get_or_add_tcPr()
    fill = element("w:shd")
    fill.set(qn("w:val"), "clear")
    fill.set(qn("w:fill"), colour.lstrip("#"))
    props.append(fill)
    borders = element("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        edge = element(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "24")
        edge.set(qn("w:color"), "1B1B1B")
        borders.append(edge)
    props.append(borders)


def roof_png(house: str) -> bytes:
    """A roof with a chimney, drawn with Pillow (fpdf2 needs it already), as PNG bytes."""
    from PIL import Image, ImageDraw

    roof, _ = HOUSE_COLOURS[house]
    image = Image.new("RGB", (480, 220), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((340, 28, 392, 150), fill=roof, outline="#1b1b1b", width=10)
    draw.polygon([(12, 212), (240, 16), (468, 212)], fill=roof, outline="#1b1b1b", width=12)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


# -- Words and Pictures -----------------------------------------------------------------------


def booklet_story(the_map: Map) -> tuple[Story, bool]:
    """The story to print, and whether it is a first draft made from the family's map (when
    the map has no ``story`` yet)."""
    if the_map.story is not None and the_map.story.pages:
        return the_map.story, False
    from sos_assistant.story import draft_story

    return draft_story(the_map), True


def booklet_view(the_map: Map) -> dict[str, Any]:
    from sos_assistant.render import labels

    story, draft = booklet_story(the_map)
    words = children_words()
    children = story.for_children or ""
    return {
        "map": the_map,
        "story": story,
        "draft": draft,
        "title": story.title or words.booklet.default_title,
        "for_line": words.booklet.for_children.replace("{children}", children) if children else "",
        "words": words,
        "labels": labels(),
    }


def render_booklet(the_map: Map, fmt: str) -> bytes:
    """The map's story as a booklet: HTML or PDF, one page per part, large type."""
    data = booklet_view(the_map)
    if fmt == "html":
        return _render("html", "booklet.html.j2", data)
    if fmt == "pdf":
        from sos_assistant.render.pdf_child import booklet_pdf

        return bytes(booklet_pdf(data))
    raise ValueError(f"a booklet is printed as html or pdf, not '{fmt}'")
