"""The safety network and the safety plan on screen, under the map: helpers and what they
know, the rules by the worry they answer, the children's part, and how the plan has gone at
each review (a small timeline). Built from a :class:`Map`; shows only."""

from __future__ import annotations

from rich.text import Text

from sos_assistant.model import Map
from sos_assistant.render.plan import plan_view
from sos_assistant.tui.widgets.safe import safe

_STATUS_STYLE = {"working": "bold green", "sometimes": "bold yellow", "not_yet": "bold red"}


def plan_text(the_map: Map) -> Text | None:
    """The plan as text for the map screen; None when the map has no network and no plan."""
    plan = plan_view(the_map)
    if plan is None:
        return None
    pl = plan.labels
    out = Text()
    if plan.has_plan:
        out.append_text(safe(pl.plan, "bold reverse"))
        out.append("\n\n")
    out.append_text(safe(pl.network, "bold underline"))
    for helper in plan.helpers:
        out.append("\n• ")
        out.append_text(safe(helper.name, "bold"))
        if helper.relationship:
            out.append_text(safe(f" ({helper.relationship})"))
        knows = pl.knows[helper.knows_worries] if helper.knows_worries else "-"
        out.append_text(safe(f"  {pl.knows_worries}: {knows}", "italic"))
        if helper.helps_with:
            out.append_text(safe(f"\n  {pl.helps_with}: {helper.helps_with}", "dim"))
        if helper.reach:
            out.append_text(safe(f"\n  {pl.reach}: {helper.reach}", "dim"))
    if plan.none_know:
        out.append_text(safe("\n" + pl.none_know, "italic"))
    if not plan.has_plan:
        return out  # only a network (the family dialogue)
    out.append("\n\n")
    out.append_text(safe(pl.rules, "bold underline"))
    for group in plan.groups:
        out.append("\n")
        if group.key is None:
            out.append_text(safe(pl.other_rules, "bold"))
        elif group.worry is not None:
            out.append_text(safe(f"{pl.worry} {group.worry.text}", "bold"))
        else:
            out.append_text(safe(group.key, "bold"))
        for goal in group.goals:
            out.append_text(safe(f"\n  {pl.goal} {goal.text}", "dim"))
        for rule in group.rules:
            out.append("\n  ")
            if rule.label:
                out.append_text(safe(f"{rule.label}. ", "bold"))
            out.append_text(safe(rule.rule.text))
            if rule.latest:
                status = rule.latest.status
                out.append_text(safe(f"  [{pl.status[status]}]", _STATUS_STYLE[status]))
        if not group.rules:
            out.append_text(safe(f"\n  {pl.no_rules}", "dim italic"))
    out.append("\n\n")
    out.append_text(safe(pl.child_can, "bold underline"))
    for statement in plan.child_can:
        out.append_text(safe(f"\n• {statement.text}"))
    out.append("\n\n")
    out.append_text(safe(pl.review, "bold underline"))
    out.append_text(safe("\n" + (plan.review or "-")))
    out.append("\n\n")
    out.append_text(safe(pl.reviews, "bold underline"))
    if not plan.reviews:
        out.append_text(safe("\n" + pl.no_reviews, "dim italic"))
        return out
    out.append("\n")
    out.append_text(safe(pl.rule.ljust(6) + "".join(d.ljust(13) for d in plan.dates), "bold"))
    for rule in plan.rules:
        out.append("\n")
        out.append_text(safe((rule.rule.id or "").ljust(6), "bold"))
        for mark in rule.marks:
            if mark is None:
                out.append("-".ljust(13))
            else:
                out.append_text(safe(pl.status[mark.status].ljust(13), _STATUS_STYLE[mark.status]))
    for review, date in zip(plan.reviews, plan.dates, strict=True):
        notes = [f"{m.rule}: {m.note}" for m in review.marks if m.note]
        if review.note:
            notes.append(review.note)
        if review.by or notes:
            by = f" ({pl.reviewed_by} {review.by})" if review.by else ""
            out.append_text(safe(f"\n{date}{by}", "italic"))
            for note in notes:
                out.append_text(safe(f"\n  {note}", "dim"))
    return out
