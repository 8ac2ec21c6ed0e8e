"""The coach: runs the rules over statements and maps and words the findings for the reader."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sos_assistant.coach.checks import MAP_CHECKS, STATEMENT_CHECKS
from sos_assistant.coach.findings import Finding, MapFinding
from sos_assistant.coach.hit import Hit
from sos_assistant.coach.phrases import Doc
from sos_assistant.coach.rules import Rule, RuleSet, load_rules
from sos_assistant.coach.text import quoted_spans
from sos_assistant.names import Audience, Framework, StatementKind

if TYPE_CHECKING:
    from sos_assistant.model import Map, Person, Statement

FAMILY_CATEGORIES = frozenset({"judgement", "jargon", "vague"})
"""What the coach mentions when it helps a family: words, never structure or reading age."""


class _Values(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, values: Mapping[str, object]) -> str:
    return template.format_map(_Values(values)) if "{" in template else template


@dataclass(frozen=True, slots=True)
class StatementReview:
    """One statement of a map with what the coach found in it."""

    slot: str
    """Its map path, such as ``worries.danger_statements[2]``."""
    kind: StatementKind
    statement: Statement
    findings: list[Finding]


@dataclass(frozen=True, slots=True)
class MapReview:
    """Everything the coach found in a map: statement by statement, then the map as a whole."""

    statements: list[StatementReview]
    map_findings: list[MapFinding]

    @property
    def count(self) -> int:
        return sum(len(s.findings) for s in self.statements) + len(self.map_findings)


class Coach:
    """Checks statements and maps against a :class:`RuleSet`.

    Cheap to call on every keystroke: all patterns are compiled when the rules load.
    """

    def __init__(self, rules: RuleSet | None = None) -> None:
        self.rules = rules if rules is not None else load_rules()
        self._pattern_rules = tuple(r for r in self.rules.rules if r.regex is not None)
        self._order = {id(r): i for i, r in enumerate(self.rules.rules)}
        self._check_rules = tuple(
            r for r in self.rules.rules if r.spec.check is not None and r.spec.scope == "statement"
        )
        self._map_rules = tuple(r for r in self.rules.rules if r.spec.scope == "map")

    # -----------------------------------------------------------------------------------------
    # Statements

    def check(
        self,
        text: str,
        kind: StatementKind = "general",
        audience: Audience = "practitioner",
        *,
        people: Iterable[Person] = (),
        framework: Framework = "safety",
    ) -> list[Finding]:
        """What the coach finds in one statement, sorted by where it starts.

        Args:
            text: the statement, verbatim.
            kind: the map slot it belongs to (``general`` when it is free text).
            audience: ``family`` gets a few gentle tips (the most serious first, at most
                ``family_max_tips``); ``practitioner`` and ``advocate`` get every finding, in
                text order (an advocate is offered questions to ask first).
            people: the people named in the map, so the coach knows their names are people.
            framework: the map's framework; the words of the tips follow it (no "danger
                statement" in Signs of Wellbeing, the young person's own voice in Signs of
                Success).
        """
        if not text.strip():
            return []
        family = audience == "family"
        names, adults = _names(people)
        doc = Doc(text, names, adults, kind)
        findings = self._word_findings(doc, kind, audience, framework)
        if not family:
            for rule in self._check_rules:
                if not rule.applies_to(kind):
                    continue
                assert rule.spec.check is not None
                for hit in STATEMENT_CHECKS[rule.spec.check](doc, rule, self.rules):
                    findings.append(self._finding(rule, text, hit, audience, framework))
        else:
            for rule in self._check_rules:
                # Shape checks that find a label speak to families too, gently.
                if rule.category in FAMILY_CATEGORIES and rule.applies_to(kind):
                    assert rule.spec.check is not None
                    for hit in STATEMENT_CHECKS[rule.spec.check](doc, rule, self.rules):
                        findings.append(self._finding(rule, text, hit, audience, framework))
        quotes = quoted_spans(text)
        if quotes:
            findings = [
                f
                for f in findings
                if f.end - f.start >= len(text) or not _inside(f.start, f.end, quotes)
            ]
        findings.sort(key=self._precedence)
        findings = self._listed_phrases_first(findings)
        findings = _dedupe(findings, len(text))
        findings.sort(key=lambda f: (f.start, -f.end, f.rule))
        if family:
            limit = int(self.rules.setting("family_max_tips", 3))
            findings.sort(key=self._seriousness)
            findings = findings[:limit]
        return findings

    def _precedence(self, finding: Finding) -> tuple[int, int]:
        """Which finding speaks when two find the same words: a listed label or vague word,
        then a shape check, then a listed plainer word, then a check that is only ever a
        tip (an unknown acronym gives way to a listed one); in rule-file order within each."""
        rule = self.rules.by_id[finding.rule]
        if not rule.matches_words:
            group = 3 if rule.spec.advice else 1
        elif rule.category in ("judgement", "vague"):
            group = 0
        else:
            group = 2
        return (group, self._order[id(rule)])

    def _listed_phrases_first(self, findings: list[Finding]) -> list[Finding]:
        """A listed phrase of several words ("hard to reach") that a shape check finds on the
        very same words says more than the shape check: it speaks instead."""
        phrases = {
            (f.start, f.end)
            for f in findings
            if self.rules.by_id[f.rule].matches_words and " " in f.found.strip()
        }
        if not phrases:
            return findings
        return [
            f
            for f in findings
            if self.rules.by_id[f.rule].matches_words or (f.start, f.end) not in phrases
        ]

    def _seriousness(self, finding: Finding) -> tuple[int, int]:
        """Labels first, then jargon, then vague words; sure findings before maybe-ones."""
        order = ("judgement", "jargon", "vague", "structure", "readability")
        rule = self.rules.by_id.get(finding.rule)
        sure = 0 if rule is None or not rule.spec.advice else 1
        rank = order.index(finding.category) if finding.category in order else len(order)
        return (rank, sure)

    def _words_for(self, framework: str, sentence: str) -> str:
        """A rule's sentence in the framework's words (``framework_words`` in the rule files),
        swapped before the words found are filled in, so a person's own words never change."""
        swaps = self.rules.framework_words.get(framework)
        return _swap(sentence, swaps) if swaps else sentence

    def _word_findings(
        self, doc: Doc, kind: str, audience: Audience, framework: str = "safety"
    ) -> list[Finding]:
        text = doc.text
        quotes = quoted_spans(text)
        shouting = not any(c.islower() for c in text)
        family = audience == "family"

        def wanted(rule: Rule) -> bool:
            if not rule.applies_to(kind):
                return False
            if family and rule.category not in FAMILY_CATEGORIES:
                return False
            return not (shouting and rule.spec.case_sensitive)

        found: list[tuple[int, int, Rule]] = [
            m for m in self.rules.words.finditer(doc) if wanted(m[2])
        ]
        for rule in self._pattern_rules:
            if wanted(rule):
                assert rule.regex is not None
                found.extend((*m.span(), rule) for m in rule.regex.finditer(text))
        spans: list[tuple[int, int, int, Rule]] = []
        for start, end, rule in found:
            if quotes and any(a <= start and end <= b for a, b in quotes):
                continue
            if rule.unless_after is not None and rule.unless_after.match(text, end):
                continue
            if rule.unless_before is not None and rule.unless_before.search(
                text, max(0, start - 60), start
            ):
                continue
            spans.append((start, end, self._order[id(rule)], rule))
        if len(spans) > 1:
            spans = _drop_contained(spans)
        return [
            self._finding(rule, text, Hit(a, b), audience, framework) for a, b, _, rule in spans
        ]

    def _finding(
        self, rule: Rule, text: str, hit: Hit, audience: Audience, framework: str = "safety"
    ) -> Finding:
        spec = rule.spec
        found = text[hit.start : hit.end]
        is_words = rule.matches_words
        replacement = rule.replacement_for(found) if is_words else None
        values: dict[str, object] = dict(hit.values)
        values.update(found=found, replacement=replacement or "")
        values["question"] = _fill(spec.ask or "", values)
        t = self.rules.template
        if audience == "family":
            why = (spec.family.why if spec.family else None) or t(f"family_{spec.category}")
            suggestion = (spec.family.suggest if spec.family else None) or (
                t("family_replace") if replacement else t(f"family_{spec.category}_suggest")
            )
            advice = True
        else:
            why = spec.why
            options = []
            if audience == "advocate" and spec.ask:
                options.append(t("advocate_ask"))
            if replacement:
                options.append(t("replace"))
            if spec.ask:
                options.append(t("ask"))
            if spec.suggest:
                options.append(spec.suggest)
            suggestion = options[0]
            advice = spec.advice if hit.advice is None else hit.advice
        if framework != "safety":
            why = self._words_for(framework, why)
            suggestion = self._words_for(framework, suggestion)
            values["question"] = _fill(self._words_for(framework, spec.ask or ""), values)
        return Finding(
            rule=rule.id,
            category=spec.category,
            start=hit.start,
            end=hit.end,
            message=_fill(why, values),
            suggestion=_fill(suggestion, values),
            advice=advice,
            replacement=replacement,
            found=found,
        )

    # -----------------------------------------------------------------------------------------
    # Maps

    def check_map(self, map: Map, only: str | None = None) -> list[MapFinding]:
        """The map-level checks: goals for each danger, how many dangers, scaling, next steps
        (or only the rule with the id ``only``)."""
        out: list[MapFinding] = []
        for rule in self._map_rules:
            if only is not None and rule.id != only:
                continue
            assert rule.spec.check is not None
            for hit in MAP_CHECKS[rule.spec.check](map, rule, self.rules):
                values = dict(hit.values)
                suggestion = rule.spec.suggest or rule.spec.ask or ""
                out.append(
                    MapFinding(
                        rule=rule.id,
                        message=_fill(rule.spec.why, values),
                        slot=hit.slot,
                        suggestion=_fill(suggestion, values),
                        advice=rule.spec.advice if hit.advice is None else hit.advice,
                        category=rule.spec.category,
                    )
                )
        return out

    def review_map(self, map: Map) -> list[MapFinding]:
        """The map-level checks in the map's framework's words."""
        return self._map_in_words(map)

    def _map_in_words(self, map: Map) -> list[MapFinding]:
        findings = self.check_map(map)
        swaps = self.rules.framework_words.get(map.framework) or {}
        if not swaps:
            return findings
        return [
            replace(f, message=_swap(f.message, swaps), suggestion=_swap(f.suggestion, swaps))
            for f in findings
        ]

    def review(self, map: Map, audience: Audience = "practitioner") -> MapReview:
        """Every statement of the map checked as its kind, plus the map-level checks."""
        reviews: list[StatementReview] = []
        index: dict[str, int] = {}
        for slot, kind, statement in map.statements():
            i = index.get(slot, 0)
            index[slot] = i + 1
            findings = self.check(
                statement.text, kind, audience, people=map.people, framework=map.framework
            )
            if kind == "next_step":
                # The map-level checks speak for next steps that carry who / by_when.
                skip = {"next_step_when"} if statement.by_when else set()
                skip |= {"next_step_who"} if statement.who else set()
                findings = [f for f in findings if self.rules.by_id[f.rule].spec.check not in skip]
            reviews.append(StatementReview(f"{slot}[{i}]", kind, statement, findings))
        map_findings = self._map_in_words(map) if audience != "family" else []
        return MapReview(reviews, map_findings)


def _names(people: Iterable[Person]) -> tuple[frozenset[str], frozenset[str]]:
    """First names (lower case) of everyone in the map, and of the adults among them."""
    names: set[str] = set()
    adults: set[str] = set()
    for person in people:
        first = person.name.strip().split(" ")[0].lower() if person.name.strip() else ""
        if not first:
            continue
        names.add(first)
        if person.role != "child" and not (person.age is not None and person.age < 18):
            adults.add(first)
    return frozenset(names), frozenset(adults)


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _dedupe(findings: list[Finding], length: int) -> list[Finding]:
    """One finding per words found: the most serious (sorted first) wins over others on the
    same words or on words inside them. Findings about the whole statement all stay."""
    if len(findings) < 2:
        return findings
    out: list[Finding] = []
    kept: list[tuple[int, int]] = []
    for f in findings:
        if f.end - f.start < length:
            if any(a <= f.start and f.end <= b for a, b in kept):
                continue
            kept.append((f.start, f.end))
        out.append(f)
    return out


def _swap(text: str, swaps: Mapping[str, str]) -> str:
    for old, new in swaps.items():
        text = re.sub(rf"\b{re.escape(old)}\b", new, text)
        if old[:1].islower():
            up_old, up_new = old[:1].upper() + old[1:], new[:1].upper() + new[1:]
            text = re.sub(rf"\b{re.escape(up_old)}\b", up_new, text)
    return text


def _drop_contained(
    spans: list[tuple[int, int, int, Rule]],
) -> list[tuple[int, int, int, Rule]]:
    """Keep the most specific match where one rule's words sit inside another's."""
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0]), s[2]))
    kept: list[tuple[int, int, int, Rule]] = []
    for span in spans:
        if any(k[0] <= span[0] and span[1] <= k[1] for k in kept):
            continue
        kept.append(span)
    return kept
