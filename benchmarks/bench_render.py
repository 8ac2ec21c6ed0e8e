"""Printing a big map: a 500-statement map to PDF (target <= 1 s) and to HTML (<= 100 ms).

Run: ``python benchmarks/bench_render.py [--json]`` (``make bench`` runs it with the others).
Each figure is printed next to its target and as a ratio to rendering the same map to plain
text in the same run, the cheapest format, which the targets are measured against. Machines
differ, so a target is scaled up (never down) by how much slower than the reference machine
this one rendered that plain text. Self-contained: it needs nothing but the package.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable

from sos_assistant.model import Map, Meeting, Person, Rating, Statement
from sos_assistant.render import render_bytes

REFERENCE_TXT_MS = 30.0
"""How long the plain-text render of :func:`big_map` took on the machine the targets were set
on (2 shared cores)."""

TARGETS_MS = {"pdf": 1000.0, "html": 100.0}


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


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm up: fonts, templates and imports load once per process
    gc.collect()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    the_map = big_map()
    baseline = median_ms(lambda: render_bytes(the_map, "txt"), repeat=15)
    factor = max(1.0, baseline / REFERENCE_TXT_MS)
    results = []
    for fmt, repeat in (("html", 15), ("pdf", 5)):
        ms = median_ms(lambda: render_bytes(the_map, fmt), repeat=repeat)  # noqa: B023
        target = TARGETS_MS[fmt]
        results.append(
            {
                "name": f"render a 500-statement map to {fmt.upper()}",
                "median_ms": ms,
                "target_ms": target,
                "baseline_ms": baseline,
                "baseline": "x rendering the same map to plain text",
                "ratio": ms / baseline,
                "passed": ms <= target * factor,
            }
        )
    if "--json" in sys.argv:
        print(json.dumps(results, indent=2))
    else:
        print(f"plain-text render {baseline:.1f} ms (machine factor {factor:.2f})")
        for r in results:
            print(
                f"{'ok' if r['passed'] else 'SLOW':4} {r['name']}: {r['median_ms']:.1f} ms "
                f"(target {r['target_ms']:g} ms), {r['ratio']:.1f} {r['baseline']}"
            )
    return 0 if all(r["passed"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
