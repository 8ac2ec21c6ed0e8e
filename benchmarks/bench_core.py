"""Core speed: loading content, one engine step, rendering a 500-statement map.

Run: ``python benchmarks/bench_core.py`` (or ``make bench``). Every target is a ratio to a
baseline measured in the same run, interleaved with it (benchmarks/README.md):

- load and validate everything <= 4x parsing the same files with PyYAML's C loader (was
  100 ms);
- one engine step <= 0.3x the calibration workload (was 1 ms);
- render a 500-statement map to HTML <= 4x, to Markdown <= 4x dumping the same map to JSON;
- ``render`` of a 500-statement map (YAML and JSON files) to HTML as a whole process <= 2x
  ``sos-assistant --help`` as a whole process.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))

from _harness import (
    Result,
    calibration_target,
    calibration_work,
    compare,
    compile_package,
    interleave,
    interleave_process_pairs,
    report,
)

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


def parse_files() -> None:
    """The baseline of loading: the same files parsed with PyYAML's C loader, nothing more."""
    for folder in (dialogues_dir(), content_dir()):
        for path in folder.rglob("*.yaml"):
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def load_and_validate() -> None:
    _packaged.cache_clear()
    content.frameworks.cache_clear()
    check_all()


def main() -> int:
    compile_package()  # the whole-process figures measure an installed program
    results: list[Result] = []

    got = interleave({"ours": load_and_validate, "base": parse_files}, rounds=5, repeat=3, cpu=True)
    results.append(
        compare("load and validate all dialogues and content", got["ours"], got["base"],
                "parsing the same files (PyYAML C loader)", target=4)
    )  # fmt: skip

    script = find_dialogue("family-conference")
    engine = Engine(script)

    def one_step() -> None:
        nonlocal engine
        if engine.finished:
            engine = Engine(script)
        step = engine.current
        assert step is not None
        if step.slot == "meeting.date":
            engine.answer("8 December 2026")
        elif step.kind == "text":
            engine.answer("Kai")
        elif step.kind == "network":
            engine.answer([{"name": "Bev", "knows_worries": "yes"}])
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

    got = interleave({"ours": one_step, "base": calibration_work}, rounds=7, repeat=50, cpu=True)
    results.append(
        compare("one engine step (answer -> next prompt ready)", got["ours"], got["base"],
                "calibration workload", target=calibration_target(1))
    )  # fmt: skip

    the_map = big_map()
    environment("html"), environment("md"), labels()  # templates load once per process

    got = interleave(
        {
            "html": lambda: render_text(the_map, "html"),
            "md": lambda: render_text(the_map, "md"),
            "json": the_map.to_json,
        },
        rounds=7,
        repeat=5,
        cpu=True,
    )
    for fmt, name in (("html", "HTML"), ("md", "Markdown")):
        results.append(
            compare(f"render a 500-statement map to {name}", got[fmt], got["json"],
                    "dumping the same map to JSON", target=4)
        )  # fmt: skip

    with tempfile.TemporaryDirectory(prefix="sos-bench-core-") as tmp:
        yaml_file = Path(tmp) / "map.yaml"
        json_file = Path(tmp) / "map.json"
        yaml_file.write_text(the_map.to_yaml(), encoding="utf-8")
        json_file.write_text(the_map.to_json(), encoding="utf-8")
        app = [sys.executable, "-m", "sos_assistant.cli"]
        env = os.environ | {"SOS_ASSISTANT_HOME": tmp}
        got, cpu = interleave_process_pairs(
            {
                "help": [*app, "--help"],
                "floor": [sys.executable, "-c", "import sos_assistant.model, jinja2"],
                "yaml": [*app, "render", str(yaml_file), "-f", "html", "-o", f"{tmp}/a.html"],
                "json": [*app, "render", str(json_file), "-f", "html", "-o", f"{tmp}/b.html"],
            },
            env=env,
        )
    results.append(
        compare("floor: import the map model and jinja2 (process, CPU)", cpu["floor"],
                cpu["help"], "sos-assistant --help (process, CPU)")
    )  # fmt: skip
    for kind in ("yaml", "json"):
        results.append(
            compare(f"render 500-statement {kind.upper()} map to HTML (process)", got[kind],
                    got["help"], "sos-assistant --help (process)", target=2)
        )  # fmt: skip
        results.append(
            compare(f"render 500-statement {kind.upper()} map to HTML (process, CPU)",
                    cpu[kind], cpu["help"], "sos-assistant --help (process, CPU)", target=2)
        )  # fmt: skip
    return report(results, as_json="--json" in sys.argv)


if __name__ == "__main__":
    sys.exit(main())
