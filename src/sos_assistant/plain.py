"""Plain mode: the same conversation, line by line on standard input and output.

For screen-reader and braille users and for pipes: no full-screen UI, no colours, no cursor
movement; one short line per thing said; numbered choices; words for moving around (``skip``,
``back``, ``map``, ``help``, ``danger``, ``stop``). It drives the same engine, store and map as
the full-screen app. The small helpers at the top are shared with the app (which may import
this module; this module never imports Textual).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sos_assistant.model import Map

if TYPE_CHECKING:
    from sos_assistant.dialogue import Script

AUDIENCES = ("family", "practitioner", "advocate")
EXPORT_FORMATS = ("md", "html", "txt")


# -- helpers shared with the full-screen app -------------------------------------------------


def dialogues_for(audience: str) -> list[Script]:
    """The dialogues written for ``audience``, by file name."""
    from sos_assistant.dialogue import dialogue_files, load_script

    return [s for s in (load_script(p) for p in dialogue_files()) if audience in s.audience]


def asks_framework(script: Script) -> bool:
    """Whether the person should choose a framework before starting ``script``."""
    return script.framework is None and not any(s.slot == "framework" for s in script.steps)


def new_session_name(script: Script, taken: set[str]) -> str:
    """A readable, unused name for a new session: the dialogue and today's date."""
    base = f"{script.id}-{dt.date.today().isoformat()}"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    return name


def default_export_folder() -> Path:
    """The person's Documents folder when there is one, else their home folder."""
    home = Path.home()
    documents = home / "Documents"
    return documents if documents.is_dir() else home


def export_map(the_map: Map, folder: Path, stem: str, formats: tuple[str, ...]) -> list[Path]:
    """Write the map into ``folder`` as ``stem.md`` / ``.html`` / ``.txt``; the files written.

    Raises:
        OSError: the folder cannot be made or written to.
    """
    from sos_assistant.render import SUFFIXES, render_bytes

    folder = folder.expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    safe_stem = re.sub(r"[^\w.-]+", "-", stem).strip("-.") or "map"
    written: list[Path] = []
    for fmt in formats:
        path = folder / f"{safe_stem}{SUFFIXES[fmt]}"
        path.write_bytes(render_bytes(the_map, fmt))
        written.append(path)
    return written


def coach_kind(slot: str | None) -> str:
    """The coach's statement kind for a map slot."""
    return {
        "worries.harm": "harm",
        "worries.danger_statements": "danger",
        "worries.complicating_factors": "complicating",
        "working_well.strengths": "strength",
        "working_well.existing_safety": "safety",
        "needs_to_happen.safety_goals": "goal",
        "needs_to_happen.next_steps": "next_step",
    }.get(slot or "", "general")
