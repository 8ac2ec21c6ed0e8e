"""Core speed: loading content, one engine step, rendering a 500-statement map.

Run: ``python benchmarks/bench_core.py`` (or ``make bench``). Each figure is reported next to
its target and as a ratio to a baseline measured in the same run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _harness import Result, median_ms, report

from sos_assistant import content
from sos_assistant.check import check_all
from sos_assistant.dialogue import Engine, find_dialogue
from sos_assistant.dialogue.loader import _packaged
from sos_assistant.model import Map, Rating, Statement
from sos_assistant.render import environment, labels, render_text
from sos_assistant.resources import content_dir, dialogues_dir


def big_map(n: int = 500) -> Map:
    the_map = Map(title="A big map")
    slots = [
        the_map.worries.harm,
        the_map.worries.danger_statements,
        the_map.worries.complicating_factors,
        the_map.working_well.strengths,
        the_map.working_well.existing_safety,
        the_map.needs_to_happen.safety_goals,
        the_map.needs_to_happen.next_steps,
    ]
    for i in range(n):
        slots[i % len(slots)].append(
            Statement(
                text=f"Statement {i}: on Tuesday Sam picked Ruby up from school at 3pm & <b>on"
                " time</b>.",
                said_by="Sam",
                dispute="We see it differently." if i % 5 == 0 else None,
            )
        )
    the_map.scaling.ratings = [Rating(who=f"P{i}", score=i % 11) for i in range(6)]
    return the_map


def read_raw_files() -> None:
    for folder in (dialogues_dir(), content_dir()):
        for path in folder.rglob("*.yaml"):
            path.read_bytes()


def load_and_validate() -> None:
    _packaged.cache_clear()
    content.frameworks.cache_clear()
    check_all()


def main() -> int:
    results: list[Result] = []

    results.append(
        Result(
            "load and validate all dialogues and content",
            median_ms(load_and_validate, repeat=10),
            100.0,
            median_ms(read_raw_files, repeat=10),
            "x reading the same files' bytes",
        )
    )

    script = find_dialogue("family-conference")
    engine = Engine(script)

    def one_step() -> None:
        nonlocal engine
        if engine.finished:
            engine = Engine(script)
        step = engine.current
        assert step is not None
        if step.kind == "text":
            engine.answer("Kai")
        elif step.kind == "list":
            engine.answer(["On Monday Dani walked Kai to nursery."])
        elif step.kind == "choice":
            engine.answer(step.choices[0].value)
        elif step.kind == "scale":
            engine.answer({"score": 5, "why": "Better."})
        elif step.kind == "people":
            engine.answer([{"name": "Bev", "role": "network"}])
        elif step.kind == "confirm":
            engine.answer(True)
        else:
            engine.answer(None)
        if not engine.finished:
            engine.prompt()

    def bare_step() -> None:
        json.dumps({"step": script.steps[0].id, "value": "Kai"})

    results.append(
        Result(
            "one engine step (answer -> next prompt ready)",
            median_ms(one_step, repeat=500),
            1.0,
            median_ms(bare_step, repeat=500),
            "x json.dumps of the answer",
        )
    )

    the_map = big_map()
    environment("html"), environment("md"), labels()  # templates load once per process

    def dump_json() -> None:
        the_map.to_json()

    baseline = median_ms(dump_json, repeat=20)
    results.append(
        Result(
            "render a 500-statement map to HTML",
            median_ms(lambda: render_text(the_map, "html"), repeat=20),
            100.0,
            baseline,
            "x dumping the same map to JSON",
        )
    )
    results.append(
        Result(
            "render a 500-statement map to Markdown",
            median_ms(lambda: render_text(the_map, "md"), repeat=20),
            50.0,
            baseline,
            "x dumping the same map to JSON",
        )
    )
    return report(results, as_json="--json" in sys.argv)


if __name__ == "__main__":
    sys.exit(main())
