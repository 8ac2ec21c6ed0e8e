"""The box on the printed map: "Words in the papers, in plain words".

It explains the professional words in the statements copied from the professionals' papers
exactly as written (``as_written: true``, set by the dialogue's ``verbatim`` steps). Each term
is listed once, the most hurtful first (labels, then legal steps), in the order the words come.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sos_assistant.model import Map, Statement


@dataclass(frozen=True, slots=True)
class PageWord:
    """One professional word on the page and what it means."""

    phrase: str
    """The words as written in the papers."""
    meaning: str
    ask: str


def as_written(the_map: Map) -> Iterator[Statement]:
    """The statements on the map that are the professionals' words as written."""
    for part in (the_map.worries, the_map.working_well, the_map.needs_to_happen):
        for name in type(part).model_fields:
            value = getattr(part, name)
            if isinstance(value, list):
                yield from (s for s in value if isinstance(s, Statement) and s.as_written)


def words_in_papers(the_map: Map) -> list[PageWord]:
    """Every professional word in the papers' statements, each term once."""
    statements = list(as_written(the_map))
    if not statements:
        return []
    from sos_assistant.explain.core import explainer, rank

    found: list[tuple[int, int, int, Any]] = []
    for number, statement in enumerate(statements):
        for term in explainer().explain(statement.text):
            found.append((rank(term), number, term.start, term))
    seen: set[str] = set()
    out: list[PageWord] = []
    for _, _, _, term in sorted(found, key=lambda f: f[:3]):
        if term.term in seen:
            continue
        seen.add(term.term)
        out.append(PageWord(term.phrase, term.meaning, term.ask))
    return out


WHOLE = frozenset({"next_steps"})
"""Sections kept whole in the columns: who will do what is the plan, not anyone's view."""


def split_columns(the_map: Map) -> dict[str, Any]:
    """In a section that has the papers' words, the parent's own words are not mixed in: the
    section keeps the papers' words, and the rest goes to ``own_view`` ("What I think"),
    section by section. Sections without the papers' words, and who will do what, stay as
    they are."""
    if not any(True for _ in as_written(the_map)):
        return {"own_view": []}
    from sos_assistant.render import columns

    papers: list[Any] = []
    own: list[Any] = []
    for column in columns(the_map):
        kept = []
        for section in column.sections:
            theirs = [s for s in section.statements if s.as_written]
            mine = [s for s in section.statements if not s.as_written]
            if not theirs or not mine or section.key in WHOLE:
                kept.append(section)
                continue
            kept.append(dataclasses.replace(section, statements=theirs))
            own.append(dataclasses.replace(section, statements=mine))
        papers.append(dataclasses.replace(column, sections=kept))
    return {"columns": papers, "own_view": own}


def view_extras(the_map: Map) -> dict[str, Any]:
    """What the map templates need for the papers' words: ``words`` and ``words_text`` for the
    box, ``own_view`` for the parent's own words (and ``columns`` with the papers' words only,
    when the map has them)."""
    from sos_assistant.content import explain_text

    return {
        "words": words_in_papers(the_map),
        "words_text": explain_text(),
        **split_columns(the_map),
    }
