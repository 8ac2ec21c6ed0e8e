"""The coach: runs the rules over statements and maps and words the findings for the reader."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sos_assistant.coach.checks import MAP_CHECKS, STATEMENT_CHECKS, Hit
from sos_assistant.coach.findings import Finding, MapFinding
from sos_assistant.coach.phrases import Doc
from sos_assistant.coach.rules import Rule, RuleSet, load_rules
from sos_assistant.coach.text import quoted_spans
from sos_assistant.model import Audience, Map, Statement, StatementKind

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
    ) -> list[Finding]:
        """What the coach finds in one statement, sorted by where it starts.

        Args:
            text: the statement, verbatim.
            kind: the map slot it belongs to (``general`` when it is free text).
            audience: ``family`` gets a few gentle tips about words only; ``practitioner`` and
                ``advocate`` get every finding (an advocate is offered questions to ask first).
        """
        if not text.strip():
            return []
        family = audience == "family"
        doc = Doc(text)
        findings = self._word_findings(doc, kind, audience)
        if not family:
            for rule in self._check_rules:
                if not rule.applies_to(kind):
                    continue
                assert rule.spec.check is not None
                for hit in STATEMENT_CHECKS[rule.spec.check](doc, rule, self.rules):
                    findings.append(self._finding(rule, text, hit, audience))
        findings.sort(key=lambda f: (f.start, -f.end, f.rule))
        if family:
            limit = int(self.rules.setting("family_max_tips", 3))
            findings = findings[:limit]
        return findings

    def _word_findings(self, doc: Doc, kind: str, audience: Audience) -> list[Finding]:
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
        return [self._finding(rule, text, Hit(a, b), audience) for a, b, _, rule in spans]

    def _finding(self, rule: Rule, text: str, hit: Hit, audience: Audience) -> Finding:
        spec = rule.spec
        found = text[hit.start : hit.end]
        is_words = rule.matches_words
        replacement = rule.replacement_for(found) if is_words else None
        values: dict[str, object] = dict(hit.values)
        values.update(found=found, replacement=replacement or "", question=spec.ask or "")
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

    def check_map(self, map: Map) -> list[MapFinding]:
        """The map-level checks: goals for each danger, how many dangers, scaling, next steps."""
        out: list[MapFinding] = []
        for rule in self._map_rules:
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
                    )
                )
        return out

    def review(self, map: Map, audience: Audience = "practitioner") -> MapReview:
        """Every statement of the map checked as its kind, plus the map-level checks."""
        reviews: list[StatementReview] = []
        index: dict[str, int] = {}
        for slot, kind, statement in map.statements():
            i = index.get(slot, 0)
            index[slot] = i + 1
            findings = self.check(statement.text, kind, audience)
            if kind == "next_step":
                # The map-level checks speak for next steps that carry who / by_when.
                skip = {"next_step_when"} if statement.by_when else set()
                skip |= {"next_step_who"} if statement.who else set()
                findings = [f for f in findings if self.rules.by_id[f.rule].spec.check not in skip]
            reviews.append(StatementReview(f"{slot}[{i}]", kind, statement, findings))
        map_findings = self.check_map(map) if audience != "family" else []
        return MapReview(reviews, map_findings)


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
