"""The map-level checks as every face uses them: one call, plain results.

``map_checks(the_map)`` gives every :class:`MapFinding` (``coach --map``, the map screen);
``still_to_do(the_map)`` the danger statements no safety goal answers yet, which every face
marks "still to do" (the printed map, the map screen, the goals screen, plain mode). Nothing
here refuses a map: the checks only say what is missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sos_assistant.coach.engine import Coach
    from sos_assistant.coach.findings import MapFinding
    from sos_assistant.model import Map

_DANGERS = "worries.danger_statements"
_GOAL_RULE = "map-danger-without-goal"


def _coach(coach: Coach | None) -> Coach:
    if coach is not None:
        return coach
    from sos_assistant.coach.engine import Coach

    return Coach()


def map_checks(the_map: Map, coach: Coach | None = None) -> list[MapFinding]:
    """Every map-level finding, in the framework's words, in rule order."""
    return _coach(coach).review_map(the_map)


def still_to_do(the_map: Map, coach: Coach | None = None) -> list[int]:
    """Indexes of the danger statements that no safety goal answers yet.

    A danger statement counts as answered when a goal names its id in ``addresses``. When no
    goal names any id, the coach can only compare words; a danger statement is then marked
    only when there are no goals at all.
    """
    dangers = the_map.worries.danger_statements
    if not dangers:
        return []
    linked = any(g.addresses for g in the_map.needs_to_happen.safety_goals)
    out = []
    for finding in _coach(coach).check_map(the_map, only=_GOAL_RULE):
        if not finding.slot.startswith(_DANGERS + "["):
            continue
        index = int(finding.slot[len(_DANGERS) + 1 : -1])
        # A tip is a guess from shared words, unless goals link by id and this one has none.
        if not finding.advice or (linked and dangers[index].id is None):
            out.append(index)
    return sorted(set(out))


def goals_for(the_map: Map) -> dict[int, list[int]]:
    """For each danger statement (by index), the indexes of the safety goals that name it."""
    ids = {d.id: i for i, d in enumerate(the_map.worries.danger_statements) if d.id}
    out: dict[int, list[int]] = {i: [] for i in range(len(the_map.worries.danger_statements))}
    for g, goal in enumerate(the_map.needs_to_happen.safety_goals):
        for address in goal.addresses or []:
            if address in ids:
                out[ids[address]].append(g)
    return out
