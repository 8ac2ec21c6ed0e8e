"""The safety network and the safety plan, ready for the templates and the writers.

Rules are grouped by the worry or goal they answer (their ``addresses``); each rule carries its
marks from every review, oldest first, so each format can draw the same timeline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from sos_assistant.model import Helper, Map, PlanReview, RuleMark, Statement
from sos_assistant.resources import content_dir
from sos_assistant.yamlfile import load_yaml


class PlanLabels(BaseModel):
    """The fixed words around the plan (``content/templates/plan_labels.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    plan: str
    network: str
    name: str
    network_intro: str
    relationship: str
    reach: str
    knows_worries: str
    helps_with: str
    knows: dict[str, str]
    none_know: str
    rules: str
    rules_intro: str
    goal: str
    worry: str
    no_rules: str
    other_rules: str
    child_can: str
    review: str
    reviews: str
    no_reviews: str
    rule: str
    reviewed_by: str
    status: dict[str, str]


@cache
def plan_labels(folder: Path | None = None) -> PlanLabels:
    data, _ = load_yaml((folder or content_dir() / "templates") / "plan_labels.yaml")
    return PlanLabels.model_validate(data)


@dataclass
class RuleView:
    rule: Statement
    marks: list[RuleMark | None] = field(default_factory=list)
    """This rule's mark at each review (None: not marked that time), oldest first."""

    @property
    def label(self) -> str:
        """The id to print before the rule: empty when the words start with it already."""
        rule_id = self.rule.id or ""
        return "" if self.rule.text.lstrip().upper().startswith(rule_id) else rule_id

    @property
    def latest(self) -> RuleMark | None:
        return next((m for m in reversed(self.marks) if m is not None), None)


@dataclass
class RuleGroup:
    key: str | None
    """The id of the worry or goal (None: rules that name none)."""
    worry: Statement | None
    goals: list[Statement]
    rules: list[RuleView]


@dataclass
class PlanView:
    has_plan: bool
    """The map has a safety plan (not only a network): rules, the children's part, reviews."""
    helpers: list[Helper]
    none_know: bool
    """There are helpers, and none of them knows about the worries yet."""
    groups: list[RuleGroup]
    child_can: list[Statement]
    review: str | None
    reviews: list[PlanReview]
    dates: list[str]
    """Each review's date, as printed (oldest first)."""
    labels: PlanLabels

    @property
    def rules(self) -> list[RuleView]:
        return [r for g in self.groups for r in g.rules]


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def plan_view(the_map: Map) -> PlanView | None:
    """The plan's view, or None when the map has neither a network nor a plan."""
    plan = the_map.safety_plan
    if the_map.network is None and plan is None:
        return None
    rules = plan.rules if plan else []
    reviews = plan.reviews if plan else []
    views = []
    for rule in rules:
        by_review = [next((m for m in r.marks if m.rule == rule.id), None) for r in reviews]
        views.append(RuleView(rule, by_review))

    worries = {s.id: s for s in the_map.worries.danger_statements if s.id}
    goals = {s.id: s for s in the_map.needs_to_happen.safety_goals if s.id}
    keys: list[str] = [*worries, *(k for k in goals if k not in worries)]
    for view in views:
        for address in view.rule.addresses or []:
            if address not in keys:
                keys.append(address)
    groups: list[RuleGroup] = []
    for key in keys:
        answering = [
            g
            for g in the_map.needs_to_happen.safety_goals
            if key in (g.addresses or []) or g.id == key
        ]
        mine = [v for v in views if v.rule.addresses and v.rule.addresses[0] == key]
        if not mine and not rules:
            continue  # no plan yet: the map's own columns show the worries
        groups.append(RuleGroup(key, worries.get(key), answering, mine))
    loose = [v for v in views if not v.rule.addresses]
    if loose:
        groups.append(RuleGroup(None, None, [], loose))
    helpers = the_map.network or []
    return PlanView(
        has_plan=plan is not None,
        helpers=helpers,
        none_know=bool(helpers) and not any(h.knows_worries == "yes" for h in helpers),
        groups=groups,
        child_can=plan.child_can if plan else [],
        review=plan.review if plan else None,
        reviews=reviews,
        dates=[_date(r.date) for r in reviews],
        labels=plan_labels(),
    )
