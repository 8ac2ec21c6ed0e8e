"""The question-type classifier: explainable patterns over the words and shape of a question.

The patterns, what each one "saw", the explanations and the better questions are content
(``content/questions.yaml``). The types are tried in the file's order and the first pattern that
matches decides; the coach's judgement and jargon findings inside the question are then added
(a label makes an open question leading; a professional word makes it less helpful). See
``docs/questions.md`` for how the types are decided and where they go wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sos_assistant.diagnostics import Diagnostic, display_path
from sos_assistant.rehearse import QUESTION_TYPES
from sos_assistant.resources import content_dir
from sos_assistant.yamlfile import YamlProblem, load_yaml

QUESTIONS_FILE = "questions.yaml"

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_TRY_NAMES = frozenset({"past", "base", "first"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Pattern(_Strict):
    re: str
    """A regular expression, matched case-insensitively against the tidied question."""
    saw: str
    """What the feedback says it noticed; ``{found}`` is the words matched."""


class TypeText(_Strict):
    name: str
    """How the feedback names the type, e.g. "a why question"."""
    helpful: bool
    explain: str
    """Why this kind of question helps or gets in the way, in one sentence."""
    tip: str
    """One thing to do next, shown under the question."""
    try_: list[str] = Field(default=[], alias="try")
    """Better questions, offered when the question is not helpful."""
    patterns: list[Pattern] = []


class FindingText(_Strict):
    saw: str
    why: str
    tip: str


class TryMissing(_Strict):
    worries: str
    working_well: str
    next_steps: str


class SummaryText(_Strict):
    title: str
    counts: str
    none: str
    open_closed: str
    three: str
    best_title: str
    try_title: str
    try_poor: str
    try_missing: TryMissing
    try_more: str


class ThreeQuestions(_Strict):
    worries: list[str]
    working_well: list[str]
    next_steps: list[str]


class Opener(_Strict):
    type: str
    """The question type this opener decides."""
    re: str
    saw: str


class Cues(_Strict):
    saw: str
    types: dict[str, list[str]]


class QuestionsFile(_Strict):
    """``content/questions.yaml``."""

    version: int
    polite: list[str] = []
    spoken: dict[str, str] = {}
    """Spoken short forms written out before matching ("d'you" -> "do you")."""
    asks: list[str]
    openers: list[Opener] = []
    """Patterns tried before the types: ways of opening a question that decide its type."""
    open_types: list[str]
    closed_types: list[str]
    three_questions: ThreeQuestions
    types: dict[str, TypeText]
    cues: Cues | None = None
    judgement: FindingText
    jargon: FindingText
    feedback: str
    summary: SummaryText
    past_tense: dict[str, str] = {}

    @field_validator("version")
    @classmethod
    def _version(cls, value: int) -> int:
        if value != 1:
            raise ValueError("version must be 1")
        return value

    @field_validator("types")
    @classmethod
    def _every_type(cls, value: dict[str, TypeText]) -> dict[str, TypeText]:
        unknown = [t for t in value if t not in QUESTION_TYPES]
        if unknown:
            raise ValueError(
                f"unknown question type(s): {', '.join(unknown)} "
                f"(the types are {', '.join(QUESTION_TYPES)})"
            )
        missing = [t for t in QUESTION_TYPES if t not in value]
        if missing:
            raise ValueError(f"missing question type(s): {', '.join(missing)}")
        return value


def _type_lists(data: QuestionsFile) -> list[tuple[tuple[str | int, ...], str]]:
    """Every place the file names a type, for the unknown-type check."""
    out: list[tuple[tuple[str | int, ...], str]] = []
    for key in ("open_types", "closed_types"):
        out += [((key, i), t) for i, t in enumerate(getattr(data, key))]
    for part in ("worries", "working_well", "next_steps"):
        names = getattr(data.three_questions, part)
        out += [(("three_questions", part, i), t) for i, t in enumerate(names)]
    return out


def check_questions_file(path: Path) -> list[Diagnostic]:
    """Every problem in a questions file: schema (Q001), patterns (Q002), better questions
    that use a name the classifier cannot fill (Q003), and unknown types in the lists (Q004)."""
    from sos_assistant.dialogue.loader import schema_diagnostics

    name = display_path(path)
    try:
        data, lines = load_yaml(path)
    except YamlProblem as problem:
        return [problem.diagnostic]
    try:
        parsed = QuestionsFile.model_validate(data)
    except ValidationError as error:
        return schema_diagnostics(error, lines, name, "Q001")
    out: list[Diagnostic] = []
    regexes: list[tuple[tuple[str | int, ...], str]] = [
        (("polite", i), p) for i, p in enumerate(parsed.polite)
    ]
    regexes += [(("asks", i), p) for i, p in enumerate(parsed.asks)]
    regexes += [(("openers", i, "re"), o.re) for i, o in enumerate(parsed.openers)]
    for i, opener in enumerate(parsed.openers):
        if opener.type not in QUESTION_TYPES:
            out.append(
                Diagnostic(
                    name,
                    lines.line(("openers", i, "type")),
                    "Q004",
                    f"openers[{i}].type: '{opener.type}' is not a question type",
                )
            )
    for type_name, text in parsed.types.items():
        regexes += [
            (("types", type_name, "patterns", i, "re"), p.re) for i, p in enumerate(text.patterns)
        ]
        for i, template in enumerate(text.try_):
            for bad in sorted(set(_PLACEHOLDER.findall(template)) - _TRY_NAMES):
                out.append(
                    Diagnostic(
                        name,
                        lines.line(("types", type_name, "try", i)),
                        "Q003",
                        f"types.{type_name}.try[{i}]: unknown name {{{bad}}} "
                        f"(use {', '.join('{' + n + '}' for n in sorted(_TRY_NAMES))})",
                    )
                )
    if parsed.cues is not None:
        for type_name, words in parsed.cues.types.items():
            if type_name not in QUESTION_TYPES:
                out.append(
                    Diagnostic(
                        name,
                        lines.line(("cues", "types", type_name)),
                        "Q004",
                        f"cues.types.{type_name}: '{type_name}' is not a question type",
                    )
                )
            regexes += [(("cues", "types", type_name, i), w) for i, w in enumerate(words)]
    for where, regex in regexes:
        try:
            re.compile(regex)
        except re.error as error:
            dotted = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in where)
            out.append(
                Diagnostic(
                    name,
                    lines.line(where),
                    "Q002",
                    f"{dotted.replace('.[', '[')}: not a valid pattern ({error})",
                )
            )
    for where, type_name in _type_lists(parsed):
        if type_name not in QUESTION_TYPES:
            dotted = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in where)
            out.append(
                Diagnostic(
                    name,
                    lines.line(where),
                    "Q004",
                    f"{dotted.replace('.[', '[')}: '{type_name}' is not a question type",
                )
            )
    return sorted(out, key=lambda d: d.line)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the classifier says about one question."""

    text: str
    type: str
    helpful: bool
    why: str
    """The feedback: the type, what it saw, and why that helps or gets in the way."""
    try_: str | None
    """A better question when ``helpful`` is false."""
    tip: str
    """One thing to do next."""
    saw: tuple[str, ...] = ()
    """Each thing noticed, in plain words."""

    @property
    def name(self) -> str:
        return _name_of(self.type)

    def to_dict(self) -> dict[str, Any]:
        """The verdict as the ``questions --json`` contract gives it."""
        return {
            "text": self.text,
            "type": self.type,
            "helpful": self.helpful,
            "why": self.why,
            "try": self.try_,
        }


@dataclass
class _Compiled:
    name: str
    text: TypeText
    patterns: list[tuple[re.Pattern[str], str]] = field(default_factory=list)


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_LEADING_WORD = re.compile(r"^(?:[a-z]+),\s+")
_CLAUSE_END = re.compile(
    r"\s+(?:when|if|because|even though|although|after|while|even after|knowing)\b|[,;.?!]"
)
_DID_YOU = re.compile(r"\b(?:why )?did you (?:ever |really |actually )?([a-z]+)\b(.*)")
_DO_YOU = re.compile(r"\b(?:why )?do you (?:ever |really |actually )?([a-z]+)\b(.*)")


def _names() -> dict[str, str]:
    return {t: text.name for t, text in questions_file().types.items()}


def _name_of(type_name: str) -> str:
    return _names().get(type_name, type_name)


def tidy(text: str) -> str:
    """A question as the patterns see it: lower case, straight quotes, single spaces."""
    out = " ".join(text.translate(_QUOTES).lower().split())
    for _ in range(2):  # "Grace, ..." or "So, ..." or "Okay, so, ..."
        stripped = _LEADING_WORD.sub("", out, count=1)
        if stripped == out:
            break
        out = stripped
    return out


def _fill(template: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


class Classifier:
    """Names the type of a practitioner's question. Cheap: every pattern compiles once."""

    def __init__(self, data: QuestionsFile | None = None, coach: Any = None) -> None:
        self.data = data if data is not None else questions_file()
        flags = re.IGNORECASE
        self._polite = [re.compile(p, flags) for p in self.data.polite]
        self._asks = [re.compile(p, flags) for p in self.data.asks]
        self._spoken = [
            (re.compile(r"(?<![\w'])" + re.escape(k) + r"(?![\w'])"), v)
            for k, v in self.data.spoken.items()
        ]
        self._openers = [(o.type, re.compile(o.re, flags), o.saw) for o in self.data.openers]
        self._types = [
            _Compiled(
                name,
                text,
                [(re.compile(p.re, flags), p.saw) for p in text.patterns],
            )
            for name, text in self.data.types.items()
        ]
        self._by_name = {c.name: c for c in self._types}
        cues = self.data.cues
        self._cue_saw = cues.saw if cues is not None else ""
        self._cues = [
            (type_name, re.compile(r"\b(?:" + "|".join(words) + r")\b", flags))
            for type_name, words in (cues.types.items() if cues is not None else [])
            if words
        ]
        self._coach = coach
        self.open_types = frozenset(self.data.open_types)
        self.closed_types = frozenset(self.data.closed_types)

    @property
    def coach(self) -> Any:
        if self._coach is None:
            from sos_assistant.coach import Coach

            self._coach = Coach()
        return self._coach

    def type_text(self, type_name: str) -> TypeText:
        return self._by_name[type_name].text

    def _is_question(self, tidied: str) -> bool:
        return "?" in tidied or any(p.search(tidied) for p in self._asks)

    def _polite_off(self, tidied: str) -> str:
        for short, long in self._spoken:
            tidied = short.sub(long, tidied)
        for pattern in self._polite:
            tidied = pattern.sub("", tidied, count=1)
        return tidied

    def _match(self, tidied: str) -> tuple[str, str, str]:
        """(type, what it saw, the words matched)."""
        if not self._is_question(tidied):
            return "statement", "", ""
        for type_name, regex, saw in self._openers:
            found = regex.search(tidied)
            if found is not None:
                return type_name, saw, found.group(0).strip(" ,?")
        for compiled in self._types:
            for regex, saw in compiled.patterns:
                found = regex.search(tidied)
                if found is not None:
                    return compiled.name, saw, found.group(0).strip(" ,?")
        best: tuple[int, str, list[str]] = (0, "other", [])
        for type_name, regex in self._cues:
            hits = [m.group(0) for m in regex.finditer(tidied)]
            if len(hits) > best[0]:
                best = (len(hits), type_name, hits)
        if best[0]:
            return best[1], self._cue_saw, '", "'.join(dict.fromkeys(best[2]))
        return "other", "", ""

    def _try_values(self, tidied: str) -> dict[str, str]:
        values: dict[str, str] = {}
        did = _DID_YOU.search(tidied)
        if did is not None:
            rest = _CLAUSE_END.split(did.group(2), maxsplit=1)[0].rstrip()
            values["past"] = (self._past(did.group(1)) + rest).strip()
        do = _DO_YOU.search(tidied)
        if do is not None and do.group(1) not in ("think", "not", "know"):
            rest = _CLAUSE_END.split(do.group(2), maxsplit=1)[0].rstrip()
            values["base"] = (do.group(1) + rest).strip()
        parts = [p.strip() for p in re.split(r"\?", tidied) if p.strip()]
        if len(parts) > 1:
            first = parts[0]
        else:
            first = re.split(r"[,;]?\s+(?:and|or|but)\s+", tidied, maxsplit=1)[0].rstrip(" ?")
        if first and first != tidied.rstrip(" ?"):
            first_verdict = self._match(first + "?")
            if first_verdict[0] in self.open_types:
                values["first"] = first[:1].upper() + first[1:] + "?"
        return values

    def _past(self, verb: str) -> str:
        irregular = self.data.past_tense
        if verb in irregular:
            return irregular[verb]
        if verb.endswith("e"):
            return verb + "d"
        if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
            return verb[:-1] + "ied"
        if (
            len(verb) == 3
            and verb[-1] not in "aeiouwxy"
            and verb[-2] in "aeiou"
            and verb[-3] not in "aeiou"
        ):
            return verb + verb[-1] + "ed"
        return verb + "ed"

    def _better(self, type_name: str, tidied: str) -> str | None:
        templates = self.type_text(type_name).try_
        if not templates:
            return None
        values = self._try_values(tidied)
        for template in templates:
            needed = set(_PLACEHOLDER.findall(template))
            if needed <= set(values):
                return _fill(template, values)
        return _fill(templates[-1], values)

    def classify(self, text: str) -> Verdict:
        """The type of ``text``, whether it helps, why, and a better question if it does not."""
        tidied = self._polite_off(tidy(text))
        type_name, saw, found = self._match(tidied)
        if found:
            original = re.search(re.escape(found).replace(r"\ ", r"\s+"), text, re.IGNORECASE)
            found = original.group(0) if original is not None else found
        saws = [_fill(saw, {"found": found})] if saw else []
        type_text = self.type_text(type_name)
        helpful = type_text.helpful
        extra: list[str] = []
        tip = type_text.tip
        better: str | None = None
        if type_name not in ("statement",):
            for finding in self.coach.check(text, "general"):
                if finding.category not in ("judgement", "jargon"):
                    continue
                if finding.advice and finding.category == "judgement":
                    continue  # the coach is unsure ("good at" may be praise): not a label
                words = self.data.judgement if finding.category == "judgement" else self.data.jargon
                values = {"found": finding.found, "message": finding.message}
                saws.append(_fill(words.saw, values))
                extra.append(_fill(words.why, values))
                if finding.category == "judgement" and type_name not in (
                    "why",
                    "stacked",
                    "leading",
                ):
                    type_name, type_text = "leading", self.type_text("leading")
                elif finding.category == "jargon" and helpful and better is None:
                    better = finding.apply(text) if finding.can_apply else finding.suggestion
                helpful = False
                tip = words.tip
        if not helpful and better is None:
            better = self._better(type_name, tidied)
            if better is None:
                better = self._better("statement", tidied)
        name = type_text.name
        shown_saw = "; ".join(saws) if saws else ""
        why = _fill(
            self.data.feedback,
            {
                "Name": name[:1].upper() + name[1:],
                "saw": shown_saw or type_text.name,
                "explain": type_text.explain,
            },
        )
        if not saws:
            why = f"{name[:1].upper() + name[1:]}. {type_text.explain}"
        if extra:
            why = why + " " + " ".join(extra)
        return Verdict(
            text=text,
            type=type_name,
            helpful=helpful,
            why=why,
            try_=None if helpful else better,
            tip=tip,
            saw=tuple(saws),
        )


@cache
def questions_file(folder: Path | None = None) -> QuestionsFile:
    data, _ = load_yaml((folder or content_dir()) / QUESTIONS_FILE)
    return QuestionsFile.model_validate(data)


@cache
def classifier() -> Classifier:
    """The classifier over the packaged ``content/questions.yaml``."""
    return Classifier()


def classify(text: str) -> Verdict:
    """Shorthand for ``classifier().classify(text)``."""
    return classifier().classify(text)
