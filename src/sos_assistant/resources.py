"""Where the packaged dialogues and content live.

In a wheel they are copied inside the package (see ``force-include`` in ``pyproject.toml``); in a
source checkout or an editable install they are the top-level ``dialogues/`` and ``content/``
folders of the repository.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _locate(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"the '{name}' folder is missing from this installation; reinstall sos-assistant"
    )


def dialogues_dir() -> Path:
    """The folder of packaged dialogue files."""
    return _locate("dialogues")


def content_dir() -> Path:
    """The folder of packaged content: frameworks, glossary, crisis, coach rules, templates."""
    return _locate("content")
