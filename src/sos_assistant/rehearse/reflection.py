"""The one-page note from a supervision reflection (the ``supervision-reflection`` dialogue).

The note keeps each question the worker answered with their answers under it, in the
dialogue's own words, as plain text that fits on one printed page.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

from sos_assistant import safetext

REFLECTION = "supervision-reflection"
"""The dialogue whose sessions make a note."""

_WIDTH = 80


def _items(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v if isinstance(v, str) else str(v.get("text", "")) for v in value]
    return []


def note_text(engine: Any, when: dt.date | None = None) -> str:
    """The note: a title, then each answered question (its first line) with the answers."""
    from sos_assistant.tui_text import ui_text

    words = ui_text().rehearse
    work = engine.context().get("work") or words.note_nothing
    title = words.note_title.format(work=work)
    out = [title, "=" * min(len(title), _WIDTH), (when or dt.date.today()).isoformat(), ""]
    for step_id in engine.path:
        step = engine.script.step(step_id)
        if step.kind != "list":
            continue
        answers = _items(engine.answers.get(step_id))
        if not answers:
            continue
        heading = engine.prompt(step_id).ask.strip().splitlines()[0]
        out.append(heading)
        out.append("-" * min(len(heading), _WIDTH))
        for text in answers:
            out.append(
                textwrap.fill(
                    safetext.one_line(text), _WIDTH, initial_indent="* ", subsequent_indent="  "
                )
            )
        out.append("")
    if len(out) == 4:
        out += [words.note_empty, ""]
    out.append(textwrap.fill(words.note_footer, _WIDTH))
    return "\n".join(out) + "\n"
