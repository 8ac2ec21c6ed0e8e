"""Golden renders: one full family map in every format, as a parent would print it.

The map is the family conference's fuller golden walk; it is rendered on a fixed day so the
"Made on" line does not change. Word and PDF files are compared by their text (the paragraphs
with their styles, and the text of each page), so a change of library version that moves bytes
around but keeps what is printed does not break the test. ``make golden`` rewrites them.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from sos_assistant.model import Map, load_map
from sos_assistant.render import render_bytes

GOLDEN = Path(__file__).parent / "golden"
RENDERS = GOLDEN / "renders"
SOURCE = GOLDEN / "family-conference" / "fuller.map.yaml"
TODAY = dt.date(2026, 12, 1)
NAMES = {
    "md": "family.md",
    "html": "family.html",
    "txt": "family.txt",
    "docx": "family.docx.txt",
    "pdf": "family.pdf.txt",
}


def family_map() -> Map:
    return load_map(SOURCE.read_text(encoding="utf-8"))


def docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    return "".join(f"[{p.style.name if p.style else ''}] {p.text}\n" for p in doc.paragraphs)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    return "".join(f"--- page {n} ---\n{page.extract_text()}\n" for n, page in enumerate(pages, 1))


def rendered(fmt: str) -> str:
    """What the golden file for ``fmt`` holds."""
    data = render_bytes(family_map(), fmt, today=TODAY)
    if fmt == "docx":
        return docx_text(data)
    if fmt == "pdf":
        return pdf_text(data)
    return data.decode("utf-8")


def regenerate_renders() -> None:
    RENDERS.mkdir(exist_ok=True)
    for fmt, name in NAMES.items():
        (RENDERS / name).write_text(rendered(fmt), encoding="utf-8")
        print(f"wrote renders/{name}", file=sys.stderr)


if __name__ == "__main__":
    regenerate_renders()
