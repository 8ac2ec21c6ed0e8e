"""The format of coach rule files (``content/coach/*.yaml``), as pydantic models.

A rule file looks like this::

    version: 1
    rules:
      - id: in-denial
        category: judgement
        words: ["in denial", "denial"]
        why: "A label sums a person up ..."
        ask: "What did the parent say about what happened?"
    cues:                      # named word lists used by the built-in checks
      worry: [worried, scared]
    templates:                 # sentences the coach builds findings with
      replace: 'Try "{replacement}" instead.'

Every sentence a person reads lives in these files, never in Python.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from sos_assistant.names import StatementKind

FORMAT_VERSION = 1
"""The only rule-file ``version`` this coach understands."""

Category = Literal["judgement", "jargon", "vague", "readability", "structure"]
CATEGORIES: tuple[str, ...] = ("judgement", "jargon", "vague", "readability", "structure")

Scope = Literal["statement", "map"]

RuleId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=60)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FamilyText(_Strict):
    """Gentler words for when the coach is helping a family, shown as a tip."""

    why: str | None = None
    suggest: str | None = None


class RuleSpec(_Strict):
    """One rule: either a word rule (``words``/``patterns``) or a built-in ``check``."""

    id: RuleId
    category: Category
    why: str = Field(min_length=1)
    """Why this matters, in plain words; the finding's message."""

    words: list[str] = []
    """Phrases to find, whole words only, any case. A space also matches a hyphen or several
    spaces ("non compliant" finds "non-compliant"); ``*`` at the end of a word matches any
    ending ("manipulat*" finds "manipulative", "manipulating")."""
    patterns: list[str] = []
    """Regular expressions, for what ``words`` cannot say. Whole-word edges are added."""
    case_sensitive: bool = False
    """For acronyms: "LA" but not "la" or "La"."""
    unless_before: list[str] = []
    """Regular expressions; a match is dropped when one of these ends just before it."""
    unless_after: list[str] = []
    """Regular expressions; a match is dropped when one of these starts just after it."""
    kinds: list[StatementKind] | None = None
    """Only check statements of these kinds (all kinds when left out)."""

    check: str | None = None
    """The name of a built-in check, for structure, readability and map rules."""
    scope: Scope = "statement"
    params: dict[str, float] = {}
    """Numbers a built-in check uses (limits such as ``max_words``)."""

    advice: bool = False
    """Findings from this rule are advice (the coach may be wrong), not findings of fact."""
    replace: str | dict[str, str] | None = None
    """A plainer phrase that can replace the words found; a mapping gives one per word form
    (lower case), with ``"*"`` for any other form."""
    ask: str | None = None
    """A question to ask instead of writing the words."""
    suggest: str | None = None
    """Any other suggestion, when the rule is neither a replacement nor a question."""
    family: FamilyText | None = None

    @field_validator("words", "patterns")
    @classmethod
    def _not_blank(cls, items: list[str]) -> list[str]:
        for item in items:
            if not item.strip():
                raise ValueError("must not contain blank entries")
        return items

    @model_validator(mode="after")
    def _shape(self) -> RuleSpec:
        matches = bool(self.words or self.patterns)
        if matches and self.check:
            raise ValueError("a rule has either words/patterns or a check, not both")
        if not matches and not self.check:
            raise ValueError("a rule needs words, patterns or a check")
        if self.replace is None and self.ask is None and self.suggest is None:
            raise ValueError("a rule needs a suggestion: replace, ask or suggest")
        if self.scope == "map" and not self.check:
            raise ValueError("map rules must name a check")
        return self


class RuleFile(_Strict):
    """One file of rules, cue lists and templates."""

    version: int
    rules: list[RuleSpec] = []
    cues: dict[str, list[str]] = {}
    """Named phrase lists the built-in checks look for (same syntax as ``words``)."""
    templates: dict[str, str] = {}
    """Sentences the coach fills in, such as ``replace: 'Try "{replacement}" instead.'``."""
    settings: dict[str, float] = {}
    """Numbers for the coach as a whole, such as ``family_max_tips``."""
    framework_words: dict[Literal["wellbeing", "success"], dict[str, str]] = {}
    """Words of the tips swapped for each framework other than Signs of Safety, such as
    ``{wellbeing: {"danger statement": "worry statement"}}`` (whole words, first match wins)."""

    @field_validator("version")
    @classmethod
    def _known_version(cls, version: int) -> int:
        if version != FORMAT_VERSION:
            raise ValueError(f"unsupported version {version}; this coach reads version 1")
        return version
