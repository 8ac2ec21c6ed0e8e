"""Coach speed: one statement per keystroke, a whole map, and loading the rules.

Run with ``python benchmarks/bench_coach.py`` (``--json`` for machine-readable output).

Targets (issue 5, restated by issue 17 as ratios to baselines run in the same process and
interleaved with them; nothing is scaled by a machine factor):

- one 60-word statement <= 0.6x the calibration workload (was 2 ms);
- every statement of a 500-statement map, map-level checks included, <= 62.5x the calibration
  workload (was 200 ms);
- loading the rules <= 15.6x the calibration workload (was 50 ms; regular expressions compiled
  during loading are not served from ``re``'s cache).

A bare precompiled regular-expression scan over the same text is also reported, for
information: how much the coach costs over the least it could do.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import calibration_target, calibration_work, compare, interleave, report

from sos_assistant.coach import Coach, load_rules
from sos_assistant.coach.mapcheck import still_to_do
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

    def bare_map() -> None:
        for text in texts:
            _BARE.findall(text)

    def cold_load() -> None:
        re.purge()
        _load(content_dir() / "coach")

    one = interleave(
        {
            "coach": lambda: coach.check(STATEMENT, "danger"),
            "bare": lambda: _BARE.findall(STATEMENT),
            "calibration": calibration_work,
        },
        rounds=7,
        repeat=30,
        cpu=True,
    )

    def whole_map() -> None:
        coach.rules.content_words.clear()  # as on a map never checked before
        coach.review(map_)  # every statement, and the map checks
        still_to_do(map_, coach)  # the danger statements each face marks "still to do"

    whole = interleave(
        {"coach": whole_map, "bare": bare_map, "calibration": calibration_work},
        rounds=5,
        repeat=3,
        cpu=True,
    )
    load = interleave(
        {"load": cold_load, "calibration": calibration_work}, rounds=5, repeat=3, cpu=True
    )
    calib = "calibration workload"
    results = [
        compare("coach: one 60-word statement", one["coach"], one["calibration"], calib,
                target=calibration_target(2)),
        compare("coach: one 60-word statement", one["coach"], one["bare"], "bare regex scan"),
        compare("coach: 500-statement map + map checks", whole["coach"], whole["calibration"],
                calib, target=calibration_target(200)),
        compare("coach: 500-statement map + map checks", whole["coach"], whole["bare"],
                "bare regex scan"),
        compare("coach: load rules (re cache purged)", load["load"], load["calibration"], calib,
                target=calibration_target(50)),
    ]  # fmt: skip
    return report(results, as_json="--json" in sys.argv)


if __name__ == "__main__":
    raise SystemExit(main())
