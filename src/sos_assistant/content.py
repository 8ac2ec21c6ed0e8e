"""Content files other than dialogues: frameworks, glossary and crisis information.

Each file is YAML with a ``version`` key and is validated by these pydantic models (and by
``sos-assistant check``). The loaders cache the packaged content; tests and ``check`` may pass
another folder.
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sos_assistant.resources import content_dir


class _Strict(BaseModel):
    # defer_build: a file's validator is built when that file is first read, so a command that
    # reads only the frameworks (``render``) does not build the glossary's and the crisis's.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


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


TermKind = Literal[
    "label", "legal", "harm", "assessment", "meeting", "plan", "role", "service", "approach", "word"
]
"""What a glossary term is. ``label`` (a word that sums a person up, or a diagnosis used as one)
and ``legal`` (a legal step or order) are the words that most hurt a parent, so ``explain``
lists them first, in this order."""

TERM_KINDS: tuple[str, ...] = TermKind.__args__  # type: ignore[attr-defined]


class Term(_Strict):
    term: str
    plain: str
    """What it means, in plain words."""
    also: list[str] = []
    """Other names or spellings people use for it."""
    ask: str
    """A question a family member could ask about it at a meeting."""
    kind: TermKind = "word"
    coach: list[str] = []
    """The coach rules (``content/coach/*.yaml`` ids) whose findings this term explains."""
    runs_on: Annotated[int, Field(ge=0, le=8)] = 0
    """How many more words of its clause the term takes in ("capacity to" takes in what it is
    the capacity to do), up to a comma, a full stop or another term."""
    frames: bool = False
    """Whether the term frames the term just after it ("presents as" in "presents as hostile",
    "indicators of" in "indicators of neglect"): the two are found as one phrase, explained by
    the term that is framed. Alone, the term is explained by its own meaning."""
    inflect: bool | None = None
    """Whether the last word of each name is also found as a verb ("safeguard": "safeguarded",
    "safeguarding"). Plurals are always found. By default, verb forms are found for labels, harm,
    assessment, approach, plan and everyday report words, but not for roles, services, meetings
    or legal words, where a verb form often means something else ("judged" is not a judge)."""
    proper: bool = False
    """Whether the term is a name that is also an everyday word ("Pause", "Prevent", "Mind"):
    its names are found only with their capitals as written, and not as the first word of a
    sentence, where any word has a capital."""
    patterns: list[str] = []
    """Regular expressions for written forms no list of names can hold, such as case-note
    times ("2/52" is two weeks). Each is matched as written (no flags); a match is explained by
    this term."""

    @field_validator("patterns")
    @classmethod
    def _patterns_compile(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                compiled = re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"pattern {pattern!r} is not a regular expression: {exc}") from exc
            if compiled.match(""):
                raise ValueError(f"pattern {pattern!r} matches empty text")
        return patterns

    @property
    def names(self) -> list[str]:
        """The term and every other name or spelling."""
        return [self.term, *self.also]


_WORD = re.compile(r"[^\W_]+")


SEARCH_SHOWN = 25
"""The most terms a glossary search shows at once (F1 in the app, "help" in plain mode), with
how many more there are. The glossary has thousands: drawing them all took over a second each
time the app's list opened, and plain mode read them all out."""


class GlossaryFile(_Strict):
    version: Literal[1]
    terms: Annotated[list[Term], Field(min_length=1)]
    lead_ins: list[str] = []
    """Words that may come just before any term and belong with it ("subject to a" in
    "subject to a child protection plan", "open to" in "open to CAMHS")."""
    tails: list[str] = []
    """Words that may come just after any term and belong with it ("incident" in "DV
    incident", "assessment" in "ASD assessment")."""
    not_acronyms: list[str] = []
    """Everyday words an acronym of four letters or more would be read as if it were written in
    small letters or with only its first letter capital ("mash", "Dash", "Elsa"): there the
    acronym is found only in its capitals."""

    def search(self, query: str) -> list[Term]:
        """Terms where every word of ``query`` starts a word of the term's names or meaning.

        Only whole words count: "DV" finds "DV" and "DVA" but never "advice". Terms whose name
        is the query come first, then terms with the query in a name, then the rest.
        """
        words = [w.lower() for w in _WORD.findall(query)]
        if not words:
            return list(self.terms)
        index = _search_index(self)
        ranks: dict[int, int] | None = None
        for word in words:
            in_names, in_meaning = index.starting_with(word)
            found = {i: 1 for i in in_meaning} | {i: 0 for i in in_names}
            if ranks is None:
                ranks = found
            else:
                ranks = {i: min(r, found[i]) for i, r in ranks.items() if i in found}
        phrase = " ".join(words)
        order = sorted(
            (ranks or {}).items(),
            key=lambda item: (0 if phrase in index.exact[item[0]] else 1 + item[1], item[0]),
        )
        return [self.terms[i] for i, _ in order]


class _SearchIndex:
    """Every word of every term, sorted, so the words a prefix starts are found by bisection."""

    def __init__(self, glossary: GlossaryFile) -> None:
        self.exact: list[frozenset[str]] = []
        names: dict[str, set[int]] = {}
        meaning: dict[str, set[int]] = {}
        for i, term in enumerate(glossary.terms):
            self.exact.append(frozenset(" ".join(_WORD.findall(n.lower())) for n in term.names))
            for name in term.names:
                for w in _WORD.findall(name.lower()):
                    names.setdefault(w, set()).add(i)
            for w in _WORD.findall(term.plain.lower()):
                meaning.setdefault(w, set()).add(i)
        self.words = sorted(set(names) | set(meaning))
        self.names = names
        self.meaning = meaning

    def starting_with(self, prefix: str) -> tuple[set[int], set[int]]:
        """The terms with a name word, and with a meaning word, that starts with ``prefix``."""
        start = bisect.bisect_left(self.words, prefix)
        end = bisect.bisect_left(self.words, prefix + "\U0010ffff", start)
        in_names: set[int] = set()
        in_meaning: set[int] = set()
        empty: set[int] = set()
        for word in self.words[start:end]:
            in_names |= self.names.get(word, empty)
            in_meaning |= self.meaning.get(word, empty)
        return in_names, in_meaning


_INDEXES: dict[int, tuple[GlossaryFile, _SearchIndex]] = {}


def _search_index(glossary: GlossaryFile) -> _SearchIndex:
    """The glossary's search index, built once per glossary (the glossary is frozen)."""
    kept = _INDEXES.get(id(glossary))
    if kept is not None and kept[0] is glossary:
        return kept[1]
    index = _SearchIndex(glossary)
    _INDEXES[id(glossary)] = (glossary, index)
    return index


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


class ExplainText(_Strict):
    """The explainer's words (``content/explain.yaml``)."""

    version: Literal[1]
    none: str
    no_text: str
    means: str
    ask: str
    question: str
    """The question added for a phrase; ``{phrase}`` is the words as written."""
    title: str
    panel_title: str
    panel_empty: str
    added: str
    already: str
    plain_heading: str
    page_intro: str
    own_view_title: str
    """The page's section for the parent's own words, kept apart from the papers' words."""
    own_view_intro: str

    @field_validator("question")
    @classmethod
    def _has_phrase(cls, value: str) -> str:
        if "{phrase}" not in value:
            raise ValueError("the question must contain {phrase}")
        return value


_T = TypeVar("_T", bound=_Strict)

CONTENT_FILES: dict[str, type[_Strict]] = {
    "frameworks.yaml": FrameworksFile,
    "glossary.yaml": GlossaryFile,
    "crisis.yaml": CrisisFile,
    "explain.yaml": ExplainText,
}
"""The content files checked by ``sos-assistant check`` and the model each must match."""


def _load(name: str, model: type[_T], folder: Path | None) -> _T:
    from sos_assistant.jsoncopy import load_with_copy

    def read_file(path: Path) -> tuple[Any, _T]:
        from sos_assistant.yamlfile import load_yaml

        data, _ = load_yaml(path)
        return data, model.model_validate(data)

    path = (folder or content_dir()) / name
    code = [Path(__file__).with_name("yamlfile.py")]
    return load_with_copy(path, "content-", code, model.model_validate, ValidationError, read_file)


@cache
def frameworks(folder: Path | None = None) -> FrameworksFile:
    return _load("frameworks.yaml", FrameworksFile, folder)


@cache
def glossary(folder: Path | None = None) -> GlossaryFile:
    return _load("glossary.yaml", GlossaryFile, folder)


@cache
def crisis(folder: Path | None = None) -> CrisisFile:
    return _load("crisis.yaml", CrisisFile, folder)


@cache
def explain_text(folder: Path | None = None) -> ExplainText:
    return _load("explain.yaml", ExplainText, folder)
