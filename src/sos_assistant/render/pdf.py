"""The map as a printable PDF (fpdf2, pure Python), from the same words as the text format.

The plain-text rendering is laid out on A4 pages in DejaVu Sans, which ships with the package
(``content/fonts``), so no system fonts or tools are needed. Text is shaped with HarfBuzz
(``uharfbuzz``), so Arabic letters join and right-to-left words (Arabic, Hebrew, Urdu names and
sentences) print in reading order. Letters outside the font (some emoji) print as blanks.
"""

from __future__ import annotations

import logging
from typing import Any

from fpdf import FPDF

from sos_assistant.model import Map
from sos_assistant.render.pdf_child import draw_child_voice
from sos_assistant.render.pdf_plan import add_plan_pages
from sos_assistant.resources import content_dir


def _needs_shaping(line: str) -> bool:
    """Anything past Latin letters (combining marks, Arabic, Hebrew, Indic scripts, ...)."""
    return any(ord(c) >= 0x0300 for c in line)


def render_pdf(the_map: Map, view: dict[str, Any]) -> bytes:
    from sos_assistant.render import environment, template_name

    # The plan is drawn on a page of its own (render/pdf_plan.py), not as text.
    text = environment("txt").get_template(template_name("txt")).render({**view, "plan": None})
    fonts = content_dir() / "fonts"
    pdf = FPDF(format="A4")
    pdf.set_title(the_map.title or view["labels"].title)
    pdf.set_creator("sos-assistant")
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    lines = text.split("\n")
    scale = view["scale"]
    scale_lines = (
        {x.strip() for x in (scale.axis, scale.ruler, *scale.rows)} if scale.marks else set()
    )
    fpdf_log = logging.getLogger("fpdf")
    level = fpdf_log.level
    fpdf_log.setLevel(logging.ERROR)  # missing glyphs (emoji) are left blank, not an alarm
    try:
        for index, line in enumerate(lines):
            following = lines[index + 1] if index + 1 < len(lines) else ""
            is_heading = bool(following) and set(following) <= {"=", "-"} and bool(line.strip())
            if line and set(line) <= {"=", "-"} and index > 0 and lines[index - 1].strip():
                continue  # the underline of a heading: the bold face stands for it
            if line.strip() in scale_lines:
                pdf.set_text_shaping(False)  # Courier is a built-in font: nothing to shape
                pdf.set_font("Courier", "", 9)  # fixed width, so the letters sit on their numbers
                pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
                continue
            pdf.set_font("DejaVu", "B" if is_heading else "", 13 if is_heading else 10.5)
            # Shaping costs ~4x the time of a plain line, so only lines that may need it get it.
            # The page reads left to right; right-to-left words inside a line keep their order.
            pdf.set_text_shaping(_needs_shaping(line), direction="ltr")
            pdf.multi_cell(0, 6 if is_heading else 5, line or " ", new_x="LMARGIN", new_y="NEXT")
        add_plan_pages(pdf, view.get("plan"), view["labels"].nothing_yet)
        draw_child_voice(pdf, view["children"])  # the children's houses, on their own pages
        return bytes(pdf.output())
    finally:
        fpdf_log.setLevel(level)
