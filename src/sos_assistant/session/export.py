"""Saving copies of a map as documents, in a folder the person can find."""

from __future__ import annotations

import re
from pathlib import Path

from sos_assistant.model import Map
from sos_assistant.privatefile import write_private

EXPORT_FORMATS = ("pdf", "html", "docx", "md", "txt")
"""Every format a map can be saved in, the printable ones first."""
DEFAULT_EXPORT_FORMATS = ("pdf", "html", "txt")
"""What plain mode saves, and what the app ticks at first: ready to print, and readable anywhere."""


def default_export_folder() -> Path:
    """The person's Documents folder when there is one, else their home folder."""
    home = Path.home()
    documents = home / "Documents"
    return documents if documents.is_dir() else home


def export_map(the_map: Map, folder: Path, stem: str, formats: tuple[str, ...]) -> list[Path]:
    """Write the map into ``folder`` as ``stem.<suffix>`` per format (files private to this
    user); the files written.

    Raises:
        OSError: the folder cannot be made or written to.
    """
    from sos_assistant.render import SUFFIXES, render_bytes

    folder = folder.expanduser().absolute()  # the full path is what the person is told
    folder.mkdir(parents=True, exist_ok=True)
    safe_stem = re.sub(r"[^\w.-]+", "-", stem).strip("-.") or "map"
    written: list[Path] = []
    for fmt in formats:
        path = folder / f"{safe_stem}{SUFFIXES[fmt]}"
        data = render_bytes(the_map, fmt)
        write_private(path, data)  # a copy of the map is as private as the answers
        written.append(path)
    return written
