"""Printing a big map: a 500-statement map to PDF (was 1 s) and to HTML (was 100 ms).

Run: ``python benchmarks/bench_render.py [--json]`` (``make bench`` runs it with the others).
Every target is a ratio to a baseline measured in the same run, interleaved with it, in CPU time
(benchmarks/README.md): the old absolute targets as ratios to the calibration workload, and the
ratio to rendering the same map to plain text (the cheapest format) for information.
Self-contained: it needs nothing but the package.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import calibration_target, calibration_work, compare, interleave, report

from sos_assistant.model import Map, Meeting, Person, Rating, Statement
from sos_assistant.render import render_bytes

TARGETS_MS = {"pdf": 1000.0, "html": 100.0}
"""The old absolute targets, restated as ratios to the calibration workload."""


def big_map(n: int = 500) -> Map:
    """A family map with ``n`` statements in every section, the meeting and the people."""
    the_map = Map(
        title="A big map",
        date=dt.date(2026, 12, 1),
        meeting=Meeting(kind="Review conference", date=dt.date(2026, 12, 8), time="10am"),
        people=[
            Person(name="Sam", role="parent"),
            Person(name="Ruby", role="child", age=4),
            Person(name="Priya", role="worker", organisation="Children's Services", phone="0123"),
        ],
    )
    slots = [
        the_map.worries.harm,
        the_map.worries.danger_statements,
        the_map.worries.complicating_factors,
        the_map.working_well.strengths,
        the_map.working_well.existing_safety,
        the_map.needs_to_happen.safety_goals,
        the_map.needs_to_happen.family_goals,
        the_map.needs_to_happen.next_steps,
    ]
    for i in range(n):
        slots[i % len(slots)].append(
            Statement(
                text=f"Statement {i}: on Tuesday Sam picked Ruby up from school at 3pm & <b>on"
                " time</b>, and they walked home the long way past the park.",
                said_by="Sam" if i % 2 else "the workers",
                dispute="We see it differently: it was on time." if i % 5 == 0 else None,
            )
        )
    the_map.scaling.ratings = [Rating(who=f"P{i}", score=i % 11, why="Because.") for i in range(6)]
    return the_map


def main() -> int:
    the_map = big_map()
    for fmt in ("txt", "html", "pdf"):
        render_bytes(the_map, fmt)  # fonts, templates and imports load once per process
    got = interleave(
        {
            "txt": lambda: render_bytes(the_map, "txt"),
            "html": lambda: render_bytes(the_map, "html"),
            "pdf": lambda: render_bytes(the_map, "pdf"),
            "calibration": calibration_work,
        },
        rounds=5,
        repeat=3,
        cpu=True,
    )
    results = []
    for fmt in ("html", "pdf"):
        name = f"render a 500-statement map to {fmt.upper()}"
        results.append(
            compare(name, got[fmt], got["calibration"], "calibration workload",
                    target=calibration_target(TARGETS_MS[fmt]))
        )  # fmt: skip
        results.append(compare(name, got[fmt], got["txt"], "rendering the same map to plain text"))
    return report(results, as_json="--json" in sys.argv)


if __name__ == "__main__":
    sys.exit(main())
