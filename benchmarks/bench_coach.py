"""Coach speed: one statement per keystroke, a whole map, and loading the rules.

Run with ``python benchmarks/bench_coach.py`` (``--json`` for machine-readable output).

Targets (issue 5): one 60-word statement <= 2 ms median; every statement of a 500-statement
map, map-level checks included, <= 200 ms; loading the rules <= 50 ms. Each is printed with
the ratio to a baseline measured in the same run: a bare precompiled regular-expression scan
over the same text for the statement and the map, and the harness's calibration workload for
loading (regular expressions compiled during loading are not served from ``re``'s cache).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import Result, calibration, median_ms, report

from sos_assistant.coach import Coach, load_rules
from sos_assistant.coach.rules import _load
from sos_assistant.model import map_from_data
from sos_assistant.resources import content_dir

STATEMENT = (
    "The social worker and the school are worried that when Dad has been drinking at the "
    "weekend he shouts at Leo and pushes him, and Mum is in denial about it, so if nothing "
    "changes Leo, who is six, could be badly hurt or too scared to go home after school, "
    "and Gran has been non-compliant with the plan."
)
assert 55 <= len(STATEMENT.split()) <= 65

_BARE = re.compile(r"\b(?:denial|controlling|hostile|concerns|issues|poor|chaotic)\b", re.I)


def _map_data(size: int = 500) -> dict[str, object]:
    kinds = [
        ("worries", "harm", "On Friday Dad pushed Leo into the wall and he had a red mark."),
        ("worries", "danger_statements", STATEMENT),
        ("worries", "complicating_factors", "Mum has depression and money is tight."),
        ("working_well", "strengths", "Gran visits on Sundays and takes Leo to the park."),
        ("working_well", "existing_safety", "For six months Gran has collected Leo daily."),
        ("needs_to_happen", "safety_goals", "A sober adult will look after Leo for a year."),
        ("needs_to_happen", "next_steps", "Mum will ring the school on Monday."),
    ]
    data: dict[str, dict[str, list[str]]] = {}
    for i in range(size):
        section, slot, text = kinds[i % len(kinds)]
        data.setdefault(section, {}).setdefault(slot, []).append(f"{text} ({i})")
    return {
        "schema": "sos-map/1",
        **data,
        "scaling": {"ratings": [{"who": "Mum", "score": 5}, {"who": "Worker", "score": 3}]},
    }


def main() -> int:
    coach = Coach(load_rules())
    map_ = map_from_data(_map_data())
    texts = [statement.text for _, _, statement in map_.statements()]
    assert len(texts) == 500

    bare_one = median_ms(lambda: _BARE.findall(STATEMENT), repeat=200)
    one = median_ms(lambda: coach.check(STATEMENT, "danger"), repeat=200)

    def bare_map() -> None:
        for text in texts:
            _BARE.findall(text)

    whole = median_ms(lambda: coach.review(map_), repeat=15)
    bare_whole = median_ms(bare_map, repeat=15)

    def cold_load() -> None:
        re.purge()
        _load(content_dir() / "coach")

    loading = median_ms(cold_load, repeat=15)
    calib = calibration()
    results = [
        Result("coach: one 60-word statement", one, 2.0, bare_one, "bare regex scan"),
        Result("coach: 500-statement map + map checks", whole, 200.0, bare_whole, "bare regex"),
        Result("coach: load rules (re cache purged)", loading, 50.0, calib, "calibration"),
    ]
    return report(results, as_json="--json" in sys.argv)


if __name__ == "__main__":
    raise SystemExit(main())
