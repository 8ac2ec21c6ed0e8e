"""The child's Three Houses and the Words and Pictures booklet drawn in a PDF with fpdf2 shapes.

:func:`draw_child_voice` adds each child's houses to any PDF being made (one landscape page
per child, words inside the houses); :func:`houses_pdf` and :func:`booklet_pdf` make whole
documents. Text is DejaVu Sans (shipped in ``content/fonts``), lines beyond Latin shaped with
HarfBuzz so right-to-left words print in reading order; letters outside the font (some emoji)
print as blanks. The words are printed exactly as given, made inert first.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fpdf import FPDF

from sos_assistant.model import Map
from sos_assistant.resources import content_dir
from sos_assistant.safetext import inert, one_line

INK = (27, 27, 27)
WHITE = (255, 255, 255)
YELLOW = (255, 216, 77)
RED = (226, 59, 59)


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _needs_shaping(text: str) -> bool:
    return any(ord(c) >= 0x0300 for c in text)


def new_pdf(title: str) -> FPDF:
    """An A4 PDF with the packaged fonts, titled ``title``."""
    fonts = content_dir() / "fonts"
    pdf = FPDF(format="A4")
    pdf.set_title(one_line(title))
    pdf.set_creator("sos-assistant")
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=12)
    return pdf


@contextmanager
def _quiet() -> Iterator[None]:
    log = logging.getLogger("fpdf")
    level = log.level
    log.setLevel(logging.ERROR)  # missing glyphs (emoji) are left blank, not an alarm
    try:
        yield
    finally:
        log.setLevel(level)


def _text(pdf: FPDF, w: float, h: float, text: str, align: str = "L", **kw: Any) -> None:
    pdf.set_text_shaping(_needs_shaping(text), direction="ltr")
    pdf.multi_cell(w, h, text, align=align, new_x="LMARGIN", new_y="NEXT", **kw)


def _lines(pdf: FPDF, w: float, text: str) -> list[str]:
    pdf.set_text_shaping(_needs_shaping(text), direction="ltr")
    result = pdf.multi_cell(w, 5, text, dry_run=True, output="LINES")
    return list(result) if isinstance(result, list) else []


# -- the houses --------------------------------------------------------------------------------


def _roof_icon(pdf: FPDF, key: str, cx: float, cy: float) -> None:
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.8)
    if key == "worries":
        pdf.set_fill_color(*WHITE)
        pdf.ellipse(cx - 9, cy - 3, 18, 8, style="DF")
        pdf.ellipse(cx - 7, cy - 7, 7, 7, style="DF")
        pdf.ellipse(cx - 1, cy - 8.5, 8, 8, style="DF")
        pdf.set_fill_color(*WHITE)
        pdf.ellipse(cx - 8.2, cy - 1.8, 16.4, 5.6, style="F")  # the cloud's join, filled
        pdf.set_draw_color(*WHITE)
        pdf.set_line_width(1.2)
        for dx in (-5, 0, 5):
            pdf.line(cx + dx, cy + 7, cx + dx - 1, cy + 10)
    elif key == "good_things":
        pdf.set_fill_color(*RED)
        pdf.ellipse(cx - 7, cy - 6, 8, 8, style="DF")
        pdf.ellipse(cx - 1, cy - 6, 8, 8, style="DF")
        pdf.polygon([(cx - 6.6, cy - 0.6), (cx, cy + 8), (cx + 6.6, cy - 0.6)], style="DF")
        pdf.ellipse(cx - 6.2, cy - 5.2, 12.4, 6.4, style="F")  # hide the inner lines
    else:
        import math

        points = []
        for k in range(10):
            r = 9 if k % 2 == 0 else 3.8
            a = math.radians(-90 + 36 * k)
            points.append((cx + r * math.cos(a), cy + 1 + r * math.sin(a)))
        pdf.set_fill_color(*YELLOW)
        pdf.polygon(points, style="DF")
    pdf.set_draw_color(*INK)


def _house_body_lines(pdf: FPDF, house: Any, width: float) -> list[tuple[str, bool]]:
    """(line, starts an item) for a house's words wrapped to ``width``."""
    out: list[tuple[str, bool]] = []
    for statement in house.statements:
        for i, line in enumerate(_lines(pdf, width - 5, inert(statement.text))):
            out.append((line, i == 0))
    return out


def _draw_houses(pdf: FPDF, v: Any, empty: str, top: float, bottom: float) -> bool:
    """The three houses from ``top`` down to at most ``bottom``, words inside when they fit.
    Returns whether every word fitted inside."""
    gap = 8.0
    left = pdf.l_margin
    width = (pdf.w - pdf.l_margin - pdf.r_margin - 2 * gap) / 3
    roof_h = 30.0
    door_h = 16.0
    inset = width * 0.05
    inner = width - 2 * inset - 8
    size, bodies, fits = 13.0, [], False
    for size in (13.0, 11.5, 10.0, 9.0):
        pdf.set_font("DejaVu", "", size)
        bodies = [_house_body_lines(pdf, h, inner) for h in v.houses]
        line_h = size * 0.45
        need = max(len(b) for b in bodies) * line_h + 14 + door_h + 6
        if top + roof_h + need <= bottom:
            fits = True
            break
    line_h = size * 0.45
    walls_h = (
        max(max(len(b) for b in bodies) * line_h + 14 + door_h + 6, 60) if fits else 40 + door_h
    )
    walls_h = min(walls_h, bottom - top - roof_h)
    for i, house in enumerate(v.houses):
        x = left + i * (width + gap)
        roof, walls = _rgb(house.roof), _rgb(house.walls)
        pdf.set_line_width(1.6)
        pdf.set_draw_color(*INK)
        pdf.set_fill_color(*roof)
        pdf.rect(x + width * 0.7, top + 2, width * 0.1, roof_h * 0.7, style="DF")  # chimney
        base = top + roof_h
        pdf.polygon([(x, base), (x + width / 2, top), (x + width, base)], style="DF")
        pdf.set_fill_color(*walls)
        pdf.rect(x + inset, base, width - 2 * inset, walls_h, style="DF")
        _roof_icon(pdf, house.key, x + width / 2, top + roof_h * 0.62)
        # the door
        door_w = min(14.0, width * 0.18)
        dx = x + width / 2 - door_w / 2
        dy = base + walls_h - door_h
        pdf.set_fill_color(*roof)
        pdf.set_line_width(1.2)
        pdf.rect(dx, dy + door_w / 2, door_w, door_h - door_w / 2, style="DF")
        pdf.ellipse(dx, dy, door_w, door_w, style="DF")
        pdf.set_draw_color(*roof)
        pdf.rect(dx + 0.7, dy + door_w / 2 - 0.5, door_w - 1.4, 2, style="F")
        pdf.set_fill_color(*INK)
        pdf.ellipse(dx + door_w * 0.68, dy + door_h * 0.55, 1.6, 1.6, style="F")
        # the name and the words
        pdf.set_text_color(*INK)
        pdf.set_xy(x + inset, base + 3)
        pdf.set_font("DejaVu", "B", 13)
        pdf.set_text_shaping(False)
        pdf.cell(width - 2 * inset, 7, house.name, align="C")
        pdf.set_font("DejaVu", "", size)
        y = base + 12
        if not fits:
            continue
        if not bodies[i]:
            pdf.set_xy(x + inset, y)
            pdf.cell(width - 2 * inset, line_h, empty, align="C")
        for line, first in bodies[i]:
            if first:
                pdf.set_fill_color(*INK)
                pdf.ellipse(x + inset + 4, y + line_h / 2 - 0.8, 1.6, 1.6, style="F")
            pdf.set_xy(x + inset + 7, y)
            pdf.set_text_shaping(_needs_shaping(line), direction="ltr")
            pdf.cell(inner, line_h, line)
            y += line_h
    pdf.set_y(top + roof_h + walls_h + 4)
    return fits


def _face(pdf: FPDF, x: float, y: float, d: float, score: float) -> None:
    pdf.set_draw_color(*INK)
    pdf.set_line_width(1.0)
    pdf.set_fill_color(*YELLOW)
    pdf.ellipse(x, y, d, d, style="DF")
    pdf.set_fill_color(*INK)
    pdf.ellipse(x + d * 0.3, y + d * 0.33, d * 0.1, d * 0.1, style="F")
    pdf.ellipse(x + d * 0.6, y + d * 0.33, d * 0.1, d * 0.1, style="F")
    bend = (score - 5) / 5 * d * 0.12
    mid_y = y + d * 0.66
    pdf.bezier([(x + d * 0.28, mid_y), (x + d * 0.5, mid_y + 2 * bend), (x + d * 0.72, mid_y)])


def draw_child_voice(pdf: FPDF, children: Any, *, on_adults_map: bool = True) -> None:
    """Each child's houses on a new landscape page of ``pdf`` (nothing if there are none).

    On an adult's map a line says these are the child's words, kept apart from the map."""
    if not children.voices:
        return
    if "DejaVu" not in pdf.fonts and "dejavu" not in pdf.fonts:
        fonts = content_dir() / "fonts"
        pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    words = children.words.houses
    with _quiet():
        for v in children.voices:
            pdf.add_page(orientation="L")
            pdf.set_text_color(*INK)
            pdf.set_font("DejaVu", "B", 20)
            _text(pdf, 0, 10, v.section, align="C")
            pdf.set_font("DejaVu", "", 11)
            if on_adults_map:
                _text(pdf, 0, 6, words.adults_note, align="C")
            _text(pdf, 0, 6, v.note, align="C")
            fits = _draw_houses(pdf, v, words.empty, pdf.get_y() + 3, pdf.h - 45)
            if not fits:  # too many words for the drawing: every word, in full, below it
                for house in v.houses:
                    pdf.set_font("DejaVu", "B", 13)
                    _text(pdf, 0, 7, house.name)
                    pdf.set_font("DejaVu", "", 12)
                    for s in house.statements:
                        _text(pdf, 0, 6, "• " + inert(s.text))
                    if not house.statements:
                        _text(pdf, 0, 6, words.empty)
            _after_houses(pdf, v, words)


def _after_houses(pdf: FPDF, v: Any, words: Any) -> None:
    if v.faces is not None:
        if pdf.get_y() + 20 > pdf.h - pdf.b_margin:
            pdf.add_page(orientation="L")
        y = pdf.get_y()
        _face(pdf, pdf.l_margin, y, 16, v.faces.score)
        pdf.set_xy(pdf.l_margin + 20, y + 1)
        pdf.set_font("DejaVu", "B", 12)
        why = f"   {words.faces_why} {one_line(v.faces.why)}" if v.faces.why else ""
        line = v.faces_line + why
        pdf.set_text_shaping(_needs_shaping(line), direction="ltr")
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(pdf.l_margin + 20)
        pdf.set_font("DejaVu", "", 10)
        pdf.cell(0, 6, words.faces_ends, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(max(pdf.get_y(), y + 18))
    pdf.set_font("DejaVu", "B", 12)
    seen = v.can_see_line + (
        " " + ", ".join(one_line(s.text) for s in v.can_see) if v.can_see else ""
    )
    _text(pdf, 0, 7, seen, border=1, padding=2)


def houses_pdf(the_map: Map, children: Any) -> bytes:
    """A whole PDF of the children's houses: the child's own page."""
    title = children.voices[0].page_title if children.voices else (the_map.title or "")
    pdf = new_pdf(title)
    draw_child_voice(pdf, children, on_adults_map=False)
    return bytes(pdf.output())


# -- Words and Pictures ------------------------------------------------------------------------


def _person(pdf: FPDF, x: float, y: float, h: float, colour: tuple[int, int, int]) -> None:
    """A simple person standing with their feet at ``y``: a round head and a body."""
    head = h * 0.28
    pdf.set_fill_color(*colour)
    pdf.polygon(
        [
            (x - h * 0.2, y),
            (x - h * 0.12, y - h * 0.62),
            (x + h * 0.12, y - h * 0.62),
            (x + h * 0.2, y),
        ],
        style="DF",
    )
    pdf.set_fill_color(255, 224, 189)
    pdf.ellipse(x - head / 2, y - h * 0.62 - head, head, head, style="DF")


def draw_picture(pdf: FPDF, picture: str, x: float, y: float, w: float) -> None:
    """One of the booklet's pictures in a box ``w`` wide (and ``w * 0.6`` high) at x, y."""
    h = w * 0.6
    s = w / 200  # the pictures are drawn on a 200 x 120 grid
    pdf.set_draw_color(*INK)
    pdf.set_line_width(1.2)

    def px(a: float) -> float:
        return x + a * s

    def py(b: float) -> float:
        return y + b * s

    if picture == "family":
        pdf.set_line_width(2.2)
        pdf.line(px(40), py(70), px(160), py(70))  # the joined hands
        pdf.set_line_width(1.2)
        for cx, height, colour in (
            (45, 100, (79, 111, 148)),
            (85, 70, (217, 154, 0)),
            (120, 60, (226, 59, 59)),
            (158, 96, (116, 81, 163)),
        ):
            _person(pdf, px(cx), py(112), height * s, colour)
    elif picture == "home":
        pdf.set_fill_color(226, 59, 59)
        pdf.polygon([(px(50), py(55)), (px(100), py(12)), (px(150), py(55))], style="DF")
        pdf.set_fill_color(255, 244, 209)
        pdf.rect(px(58), py(55), 84 * s, 57 * s, style="DF")
        pdf.set_fill_color(79, 111, 148)
        pdf.rect(px(90), py(80), 20 * s, 32 * s, style="DF")
        pdf.set_fill_color(200, 225, 250)
        pdf.rect(px(66), py(64), 16 * s, 14 * s, style="DF")
        pdf.rect(px(118), py(64), 16 * s, 14 * s, style="DF")
    elif picture == "school":
        pdf.set_fill_color(228, 237, 247)
        pdf.rect(px(30), py(50), 140 * s, 62 * s, style="DF")
        pdf.set_fill_color(79, 111, 148)
        pdf.polygon([(px(24), py(50)), (px(100), py(22)), (px(176), py(50))], style="DF")
        pdf.line(px(100), py(22), px(100), py(4))
        pdf.set_fill_color(226, 59, 59)
        pdf.polygon([(px(100), py(4)), (px(118), py(9)), (px(100), py(14))], style="DF")
        pdf.set_fill_color(217, 154, 0)
        pdf.rect(px(90), py(82), 20 * s, 30 * s, style="DF")
        pdf.set_fill_color(255, 255, 255)
        for wx in (40, 62, 124, 146):
            pdf.rect(px(wx), py(62), 14 * s, 14 * s, style="DF")
    elif picture == "worried":
        pdf.set_fill_color(*YELLOW)
        pdf.ellipse(px(60), py(10), 80 * s, 80 * s, style="DF")
        pdf.set_fill_color(*INK)
        pdf.ellipse(px(82), py(38), 8 * s, 8 * s, style="F")
        pdf.ellipse(px(110), py(38), 8 * s, 8 * s, style="F")
        pdf.set_line_width(1.8)
        pdf.line(px(78), py(32), px(92), py(28))  # eyebrows, tilted up in the middle
        pdf.line(px(122), py(32), px(108), py(28))
        pdf.bezier([(px(82), py(70)), (px(100), py(58)), (px(118), py(70))])
    elif picture == "helping_hands":
        pdf.set_fill_color(255, 224, 189)
        for cx in (93, 107):  # the thumbs
            pdf.ellipse(px(cx - 5), py(62), 10 * s, 22 * s, style="DF")
        pdf.ellipse(px(38), py(73), 62 * s, 30 * s, style="DF")
        pdf.ellipse(px(100), py(73), 62 * s, 30 * s, style="DF")
        pdf.set_line_width(0.8)
        for x1, y1 in ((48, 84), (46, 91), (134, 84), (136, 91)):  # fingers
            pdf.line(px(x1), py(y1), px(x1 + 18), py(y1))
        pdf.set_line_width(1.2)
        pdf.set_fill_color(*RED)
        pdf.ellipse(px(78), py(26), 24 * s, 24 * s, style="DF")
        pdf.ellipse(px(98), py(26), 24 * s, 24 * s, style="DF")
        pdf.polygon([(px(79.5), py(42)), (px(100), py(72)), (px(120.5), py(42))], style="DF")
        pdf.ellipse(px(80.5), py(30), 39 * s, 15 * s, style="F")
    elif picture == "plan":
        pdf.set_fill_color(217, 154, 0)
        pdf.rect(px(60), py(6), 80 * s, 108 * s, style="DF")
        pdf.set_fill_color(255, 255, 255)
        pdf.rect(px(68), py(18), 64 * s, 90 * s, style="DF")
        pdf.set_fill_color(*INK)
        pdf.rect(px(86), py(2), 28 * s, 10 * s, style="DF")
        pdf.set_line_width(2.0)
        for row in (34, 60, 86):
            pdf.set_draw_color(46, 125, 50)
            pdf.line(px(74), py(row), px(79), py(row + 5))
            pdf.line(px(79), py(row + 5), px(88), py(row - 6))
            pdf.set_draw_color(*INK)
            pdf.line(px(94), py(row), px(124), py(row))
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.2)
    del h


def booklet_pdf(data: dict[str, Any]) -> bytes:
    """The story as an A5-like booklet on A4 pages: a cover, then one page per part, in
    large type with its picture."""
    story = data["story"]
    words = data["words"].booklet
    pdf = new_pdf(data["title"])
    pdf.set_auto_page_break(auto=True, margin=15)
    with _quiet():
        pdf.add_page()
        pdf.set_text_color(*INK)
        pdf.set_y(50)
        pdf.set_font("DejaVu", "B", 34)
        _text(pdf, 0, 15, data["title"], align="C")
        if data["for_line"]:
            pdf.set_font("DejaVu", "", 22)
            _text(pdf, 0, 11, data["for_line"], align="C")
        draw_picture(pdf, "family", (pdf.w - 120) / 2, 110, 120)
        pdf.set_y(200)
        pdf.set_font("DejaVu", "", 14)
        _text(pdf, 0, 7, words.made_by, align="C")
        if data["draft"]:
            pdf.set_font("DejaVu", "", 11)
            _text(pdf, 0, 6, words.draft_note, align="C", border=1, padding=2)
        if not story.pages:
            _text(pdf, 0, 8, words.empty, align="C")
        for number, page in enumerate(story.pages, start=1):
            pdf.add_page()
            pdf.set_font("DejaVu", "", 12)
            pdf.cell(
                0,
                6,
                words.page.replace("{number}", str(number)),
                align="R",
                new_x="LMARGIN",
                new_y="NEXT",
            )
            pdf.set_font("DejaVu", "B", 28)
            _text(pdf, 0, 13, one_line(page.heading), align="C")
            pdf.ln(4)
            if page.picture:
                draw_picture(pdf, page.picture, (pdf.w - 110) / 2, pdf.get_y(), 110)
                pdf.set_y(pdf.get_y() + 110 * 0.6 + 8)
            pdf.set_font("DejaVu", "", 20)
            for paragraph in inert(page.text).split("\n"):
                if paragraph.startswith("- "):  # a list the page's words made: bullets
                    paragraph = "• " + paragraph[2:]
                _text(pdf, 0, 10, paragraph or " ")
    return bytes(pdf.output())
