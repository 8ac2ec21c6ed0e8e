"""Loading coach rules from ``content/coach/`` and checking them like a compiler.

:func:`load_rules` reads every ``*.yaml`` file of a folder into a :class:`RuleSet` with every
regular expression compiled once; :func:`validate_rules` reports what is wrong with the files as
``file:line: message [CODE]`` diagnostics:

====  =======================================================================
C001  the file is not readable YAML
C002  the file is not a mapping, or has no ``version``
C003  the ``version`` is not one this coach reads
C004  a key or value does not fit the rule format (unknown keys included)
C005  a regular expression (or ``words`` entry) does not compile
C006  a rule id (or cue list name) is used twice
C007  a ``check`` names no built-in check, or the check's cue lists are missing
C008  a rule is the wrong shape (no words and no check, both, or no suggestion)
C009  a ``replace`` mapping names a form that is not in ``words``
C010  the folder has no rule files
====  =======================================================================
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import ValidationError

from sos_assistant.coach.checks import MAP_CHECKS, STATEMENT_CHECKS, required_cues
from sos_assistant.coach.phrases import CueList, PhraseIndex, parse_phrase
from sos_assistant.coach.schema import RuleFile, RuleSpec
from sos_assistant.diagnostics import Diagnostic, display_path
from sos_assistant.resources import content_dir
from sos_assistant.yamlfile import Lines, YamlProblem, load_yaml

_T = TypeVar("_T")

_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RuleError(ValueError):
    """Rule files that cannot be used; ``diagnostics`` says where and why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics


def normalise_form(words: str) -> str:
    """A matched or listed word form as a ``replace`` key: lower case, single spaces."""
    return re.sub(r"[\s\-]+", " ", words.replace("’", "'")).strip().lower()


@dataclass(frozen=True)
class Rule:
    """A rule ready to run: its spec and its compiled patterns."""

    spec: RuleSpec
    file: str
    regex: re.Pattern[str] | None = None
    """The rule's ``patterns`` (its ``words`` are looked up through :attr:`RuleSet.words`)."""
    unless_before: re.Pattern[str] | None = None
    unless_after: re.Pattern[str] | None = None
    kinds: frozenset[str] | None = None
    replace_by_form: Mapping[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def category(self) -> str:
        return self.spec.category

    @property
    def matches_words(self) -> bool:
        return bool(self.spec.words or self.spec.patterns)

    def applies_to(self, kind: str) -> bool:
        return self.kinds is None or kind in self.kinds

    def replacement_for(self, found: str) -> str | None:
        """The plain phrase for the words found, when the rule gives one."""
        if self.spec.replace is None:
            return None
        if isinstance(self.spec.replace, str):
            return self.spec.replace
        return self.replace_by_form.get(normalise_form(found), self.replace_by_form.get("*"))


@dataclass(frozen=True)
class RuleSet:
    """All the coach's rules, cue lists, templates and settings, compiled."""

    rules: tuple[Rule, ...]
    words: PhraseIndex[Rule]
    """Every word rule's ``words``, looked up together."""
    cues: Mapping[str, CueList]
    templates: Mapping[str, str]
    settings: Mapping[str, float]
    files: tuple[str, ...] = ()
    word_sets: Mapping[str, frozenset[str]] = field(default_factory=dict)
    framework_words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Per framework, words of the tips to swap (``framework_words`` in the files)."""
    """Each cue list's single-word entries in lower case, for checks that look words up."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {r.id: r for r in self.rules})

    by_id: Mapping[str, Rule] = field(init=False, default_factory=dict)
    content_words: dict[str, frozenset[str]] = field(
        init=False, default_factory=dict, compare=False, repr=False
    )
    """The map checks' content words of each statement already read (``checks.danger_goals``
    compares every danger with every goal, and each face asks again): text -> words."""

    @property
    def word_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.matches_words)

    def template(self, name: str) -> str:
        return self.templates.get(name, "")

    def setting(self, name: str, default: float) -> float:
        return self.settings.get(name, default)


class _Lazy(Mapping[str, _T]):
    """Each cue list made into a ``_T`` (by ``build``) the first time a check asks for it, so
    that loading does not pay for lists a statement never needs: many lists are only read as
    word sets (:attr:`RuleSet.word_sets`), and indexing them all cost half the loading time."""

    def __init__(self, phrases: Mapping[str, list[str]], build: Callable[[list[str]], _T]) -> None:
        self._phrases = dict(phrases)
        self._build = build
        self._built: dict[str, _T] = {}

    def __getitem__(self, name: str) -> _T:
        try:
            return self._built[name]
        except KeyError:
            made = self._built[name] = self._build(self._phrases[name])
            return made

    def __contains__(self, name: object) -> bool:
        return name in self._phrases

    def __iter__(self) -> Iterator[str]:
        return iter(self._phrases)

    def __len__(self) -> int:
        return len(self._phrases)


def _single_words(phrases: list[str]) -> frozenset[str]:
    """The single words of a cue list (lower case), for set lookups."""
    return frozenset(
        p.replace("’", "'").lower()
        for p in phrases
        if not p.startswith("re:") and " " not in p and "*" not in p
    )


def _rule_files(directory: Path) -> list[Path]:
    return sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])


def _compile_rule(spec: RuleSpec, file: str) -> Rule:
    """Compile one rule's patterns (raises ``re.error`` on a bad one)."""
    regex = None
    if spec.patterns:
        flags = 0 if spec.case_sensitive else re.IGNORECASE
        regex = re.compile(r"(?<!\w)(?:" + "|".join(spec.patterns) + r")(?!\w)", flags)
    before = (
        re.compile(r"(?<!\w)(?:" + "|".join(spec.unless_before) + r")[\s\-]*$", re.IGNORECASE)
        if spec.unless_before
        else None
    )
    after = (
        re.compile(r"[\s\-]*(?:" + "|".join(spec.unless_after) + r")(?!\w)", re.IGNORECASE)
        if spec.unless_after
        else None
    )
    replace_by_form: dict[str, str] = {}
    if isinstance(spec.replace, dict):
        replace_by_form = {
            normalise_form(k) if k != "*" else "*": v for k, v in spec.replace.items()
        }
    return Rule(
        spec=spec,
        file=file,
        regex=regex,
        unless_before=before,
        unless_after=after,
        kinds=frozenset(spec.kinds) if spec.kinds is not None else None,
        replace_by_form=replace_by_form,
    )


def _build(files: Iterable[tuple[str, RuleFile]]) -> RuleSet:
    rules: list[Rule] = []
    words: PhraseIndex[Rule] = PhraseIndex()
    cue_words: dict[str, list[str]] = {}
    templates: dict[str, str] = {}
    settings: dict[str, float] = {}
    framework_words: dict[str, dict[str, str]] = {}
    names: list[str] = []
    for name, rule_file in files:
        names.append(name)
        rules.extend(_compile_rule(spec, name) for spec in rule_file.rules)
        cue_words.update(rule_file.cues)
        templates.update(rule_file.templates)
        settings.update(rule_file.settings)
        for fw, swaps in rule_file.framework_words.items():
            framework_words.setdefault(fw, {}).update(swaps)
    for rule in rules:
        for phrase in rule.spec.words:
            words.add(phrase, rule, case_sensitive=rule.spec.case_sensitive)
    cues = _Lazy(cue_words, CueList.build)
    word_sets = _Lazy(cue_words, _single_words)
    return RuleSet(
        tuple(rules),
        words,
        cues,
        templates,
        settings,
        tuple(names),
        word_sets=word_sets,
        framework_words=framework_words,
    )


def _load(directory: Path) -> RuleSet:
    loaded: list[tuple[str, RuleFile]] = []
    try:
        for path in _rule_files(directory):
            loaded.append((display_path(path), _read(path)))
        if not loaded:
            raise ValueError("no rule files")
        rule_set = _build(loaded)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValidationError, ValueError, re.error):
        problems = validate_rules(directory)
        if not problems:  # pragma: no cover - validate_rules sees everything _load does
            raise
        raise RuleError(problems) from None
    if _cross_check(rule_set):
        raise RuleError(validate_rules(directory))
    return rule_set


_READERS = (Path(__file__), Path(__file__).with_name("schema.py"))
"""The code that reads and checks a rule file: a change to it makes new JSON copies."""


def _read(path: Path) -> RuleFile:
    """A rule file, from its JSON copy when there is one (parsing the rules as YAML, even with
    the C loader, is most of ``coach``'s own start-up), else from the file, keeping a copy. A
    copy is validated as the file is; a damaged one, or one that does not fit, is passed over
    for the file."""
    from sos_assistant.jsoncopy import load_with_copy

    def read_file(path: Path) -> tuple[Any, RuleFile]:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_FAST_LOADER)
        return data, RuleFile.model_validate(data)

    return load_with_copy(
        path, "coach-", _READERS, RuleFile.model_validate, ValidationError, read_file
    )


def _cross_check(rule_set: RuleSet) -> bool:
    ids = [r.id for r in rule_set.rules]
    if len(ids) != len(set(ids)):
        return True
    for rule in rule_set.rules:
        if _unknown_forms(rule.spec):
            return True
        check = rule.spec.check
        if check is None:
            continue
        known = MAP_CHECKS if rule.spec.scope == "map" else STATEMENT_CHECKS
        if check not in known or any(c not in rule_set.cues for c in required_cues(check)):
            return True
    return False


@cache
def _default_rules() -> RuleSet:
    return _load(content_dir() / "coach")


def load_rules(directory: Path | None = None) -> RuleSet:
    """The rules in ``directory`` (default: the packaged ``content/coach``), compiled.

    The default rules are read once per process and cached.

    Raises:
        RuleError: the files have problems; its ``diagnostics`` say where.
    """
    if directory is None:
        return _default_rules()
    return _load(Path(directory))


# ---------------------------------------------------------------------------------------------
# Validation with file:line diagnostics


def _pydantic_diagnostics(file: str, error: ValidationError, lines: Lines) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for item in error.errors():
        loc = [p for p in item["loc"] if isinstance(p, int) or "[" not in p]
        where = ".".join(str(p) for p in loc) or "(top)"
        kind = item["type"]
        message = str(item["msg"]).removeprefix("Value error, ")
        if loc == ["version"]:
            code = "C002" if kind == "missing" else "C003"
            if kind == "missing":
                message = "a rule file needs 'version: 1' at the top"
        elif kind == "extra_forbidden":
            code, message = "C004", f"unknown key '{loc[-1]}'"
        elif kind == "value_error" and len(loc) == 2 and loc[0] == "rules":
            code = "C008"
        else:
            code = "C004"
        out.append(Diagnostic(file, lines.line(loc), code, f"{where}: {message}"))
    return out


def _check_patterns(file: str, index: int, spec: RuleSpec, lines: Lines) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    base: tuple[str | int, ...] = ("rules", index)
    for key in ("words", "patterns", "unless_before", "unless_after"):
        for i, value in enumerate(getattr(spec, key)):
            try:
                if key == "words":
                    parse_phrase(value)
                else:
                    re.compile(value)
            except (re.error, ValueError) as error:
                out.append(
                    Diagnostic(
                        file,
                        lines.line((*base, key, i)),
                        "C005",
                        f"rules[{index}].{key}[{i}]: not a valid pattern ({error})",
                    )
                )
    for form in _unknown_forms(spec):
        out.append(
            Diagnostic(
                file,
                lines.line((*base, "replace", form)),
                "C009",
                f"rules[{index}].replace: '{form}' is not one of the rule's words",
            )
        )
    return out


def _unknown_forms(spec: RuleSpec) -> list[str]:
    """Keys of a ``replace`` mapping that no ``words`` entry can match."""
    if not isinstance(spec.replace, dict):
        return []
    if any("*" in w for w in spec.words) or spec.patterns:
        return []
    forms = {normalise_form(w.rstrip(".")) for w in spec.words}
    return [f for f in spec.replace if f != "*" and normalise_form(f) not in forms]


def validate_rules(directory: Path | None = None) -> list[Diagnostic]:
    """Check every rule file in ``directory`` (default: the packaged rules).

    Returns:
        The problems found, sorted by file and line; empty when all is well.
    """
    folder = Path(directory) if directory is not None else content_dir() / "coach"
    paths = _rule_files(folder)
    if not paths:
        return [Diagnostic(display_path(folder), 0, "C010", "no coach rule files (*.yaml) here")]
    out: list[Diagnostic] = []
    seen_ids: dict[str, str] = {}
    seen_cues: dict[str, str] = {}
    cue_names: set[str] = set()
    checks: list[tuple[str, int, RuleSpec]] = []
    for path in paths:
        file = display_path(path)
        try:
            data, lines = load_yaml(path)
        except YamlProblem as problem:
            d = problem.diagnostic
            out.append(Diagnostic(d.file, d.line, "C001", d.message))
            continue
        if not isinstance(data, dict):
            out.append(Diagnostic(file, 1, "C002", "a rule file must be a mapping with 'version'"))
            continue
        try:
            RuleFile.model_validate(data)
        except ValidationError as error:
            out.extend(_pydantic_diagnostics(file, error, lines))
        for name, words in (
            (data.get("cues") or {}).items() if isinstance(data.get("cues"), dict) else ()
        ):
            line = lines.line(("cues", name))
            if name in seen_cues:
                out.append(
                    Diagnostic(
                        file, line, "C006", f"cue list '{name}' is also in {seen_cues[name]}"
                    )
                )
            seen_cues[name] = f"{file}:{line}"
            cue_names.add(str(name))
            for i, phrase in enumerate(words if isinstance(words, list) else []):
                if isinstance(phrase, str):
                    try:
                        if phrase.startswith("re:"):
                            re.compile(phrase[3:])
                        else:
                            parse_phrase(phrase)
                    except (re.error, ValueError) as error:
                        out.append(
                            Diagnostic(
                                file,
                                lines.line(("cues", name, i)),
                                "C005",
                                f"cues.{name}[{i}]: not a valid entry ({error})",
                            )
                        )
        raw_rules = data.get("rules")
        for index, raw in enumerate(raw_rules if isinstance(raw_rules, list) else []):
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                rule_id = raw["id"]
                line = lines.line(("rules", index, "id"))
                if rule_id in seen_ids:
                    out.append(
                        Diagnostic(
                            file,
                            line,
                            "C006",
                            f"rule id '{rule_id}' is also used at {seen_ids[rule_id]}",
                        )
                    )
                else:
                    seen_ids[rule_id] = f"{file}:{line}"
            try:
                spec = RuleSpec.model_validate(raw)
            except ValidationError:
                continue  # already reported through the whole-file validation
            out.extend(_check_patterns(file, index, spec, lines))
            if spec.check is not None:
                known = MAP_CHECKS if spec.scope == "map" else STATEMENT_CHECKS
                if spec.check not in known:
                    out.append(
                        Diagnostic(
                            file,
                            lines.line(("rules", index, "check")),
                            "C007",
                            f"rules[{index}].check: no built-in {spec.scope} check "
                            f"'{spec.check}' (known: {', '.join(sorted(known))})",
                        )
                    )
                else:
                    checks.append((file, lines.line(("rules", index, "check")), spec))
    for file, line, spec in checks:
        assert spec.check is not None
        missing = [c for c in required_cues(spec.check) if c not in cue_names]
        if missing:
            out.append(
                Diagnostic(
                    file,
                    line,
                    "C007",
                    f"check '{spec.check}' needs the cue lists {', '.join(missing)}",
                )
            )
    return sorted(out)
