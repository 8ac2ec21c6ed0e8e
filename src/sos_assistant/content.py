"""Content files other than dialogues: frameworks, glossary and crisis information.

Each file is YAML with a ``version`` key and is validated by these pydantic models (and by
``sos-assistant check``). The loaders cache the packaged content; tests and ``check`` may pass
another folder.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from sos_assistant.resources import content_dir
from sos_assistant.yamlfile import load_yaml


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Columns(_Strict):
    worries: str
    working_well: str
    needs_to_happen: str


class Sections(_Strict):
    """Headings for each part of the three columns, in the framework's words."""

    harm: str
    danger_statements: str
    complicating_factors: str
    strengths: str
    existing_safety: str
    safety_goals: str
    next_steps: str


class ScalingText(_Strict):
    question: str
    zero_means: str
    ten_means: str


class FrameworkText(_Strict):
    """How one framework names the parts of the map."""

    name: str
    """E.g. "Signs of Safety"."""
    summary: str
    """One or two plain sentences: what it is for and who it is for."""
    columns: Columns
    sections: Sections
    scaling: ScalingText


class FrameworksFile(_Strict):
    version: Literal[1]
    frameworks: dict[Literal["safety", "wellbeing", "success"], FrameworkText]

    @field_validator("frameworks")
    @classmethod
    def _all_three(cls, value: dict[str, FrameworkText]) -> dict[str, FrameworkText]:
        missing = {"safety", "wellbeing", "success"} - set(value)
        if missing:
            raise ValueError(f"missing framework(s): {', '.join(sorted(missing))}")
        return value


class Term(_Strict):
    term: str
    plain: str
    """What it means, in plain words."""
    also: list[str] = []
    """Other names or spellings people use for it."""
    ask: str | None = None
    """A question a family member could ask about it at a meeting."""


class GlossaryFile(_Strict):
    version: Literal[1]
    terms: Annotated[list[Term], Field(min_length=1)]

    def search(self, query: str) -> list[Term]:
        """Terms whose name, other names or meaning contain every word of ``query``."""
        words = query.lower().split()
        if not words:
            return list(self.terms)

        def haystack(t: Term) -> str:
            return " ".join([t.term, *t.also, t.plain]).lower()

        return [t for t in self.terms if all(w in haystack(t) for w in words)]


class Contact(_Strict):
    name: str
    number: str
    when: str
    """When to use it, in plain words."""


class CrisisFile(_Strict):
    version: Literal[1]
    region: str
    title: str
    intro: str
    contacts: Annotated[list[Contact], Field(min_length=1)]
    after: str = ""
    """What to say after the contacts (e.g. that the tool will still be here)."""
    phrases: list[str] = []
    """Regular expressions (case-insensitive) that suggest someone is in danger right now."""

    @field_validator("phrases")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for phrase in value:
            try:
                re.compile(phrase)
            except re.error as error:
                raise ValueError(f"phrase {phrase!r} is not a valid pattern: {error}") from None
        return value

    def matches(self, text: str) -> bool:
        """Whether ``text`` suggests someone may be in immediate danger."""
        return _crisis_pattern(tuple(self.phrases)).search(text) is not None


@cache
def _crisis_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    if not phrases:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(f"(?:{p})" for p in phrases), re.IGNORECASE)


_T = TypeVar("_T", bound=_Strict)

CONTENT_FILES: dict[str, type[_Strict]] = {
    "frameworks.yaml": FrameworksFile,
    "glossary.yaml": GlossaryFile,
    "crisis.yaml": CrisisFile,
}
"""The content files checked by ``sos-assistant check`` and the model each must match."""


def _load(name: str, model: type[_T], folder: Path | None) -> _T:
    data, _ = load_yaml((folder or content_dir()) / name)
    return model.model_validate(data)


@cache
def frameworks(folder: Path | None = None) -> FrameworksFile:
    return _load("frameworks.yaml", FrameworksFile, folder)


@cache
def glossary(folder: Path | None = None) -> GlossaryFile:
    return _load("glossary.yaml", GlossaryFile, folder)


@cache
def crisis(folder: Path | None = None) -> CrisisFile:
    return _load("crisis.yaml", CrisisFile, folder)
