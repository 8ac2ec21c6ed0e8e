"""Walk a dialogue with an answers file and write down everything that happens.

Used by ``tests/test_golden.py`` and by ``python -m tests.golden_support`` (which rewrites the
expected files after a deliberate content change; review the diff before committing it).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from sos_assistant.dialogue import Engine, build_map, find_dialogue, run_answers
from sos_assistant.model import Event

GOLDEN = Path(__file__).parent / "golden"


def _indent(text: str) -> str:
    return "\n".join("    " + line if line else "" for line in text.splitlines())


def walk(dialogue: str, answers_file: Path) -> tuple[str, str]:
    """(transcript, map YAML) for one answers file."""
    engine = Engine(find_dialogue(dialogue))
    lines: list[str] = []

    def record(event: Event) -> None:
        prompt = engine.prompt()
        lines.append(f"[{prompt.step.id}] {prompt.step.kind}")
        lines.append(_indent(prompt.ask))
        lines.extend(f"    - {question}" for question in prompt.suggestions)
        for value, label, _ in prompt.choices:
            lines.append(f"    ({value}) {label}")
        if event.type == "skip":
            lines.append("  -> skipped")
        elif prompt.step.kind == "info" and event.value is True:
            lines.append("  -> added to my questions")
        elif prompt.step.kind != "info":
            shown = (
                event.value
                if isinstance(event.value, str)
                else yaml.safe_dump(event.value, allow_unicode=True, sort_keys=False, width=100)
            )
            lines.append("  -> " + shown.rstrip().replace("\n", "\n     "))
        lines.append("")

    engine.subscribe(record)
    answers: Any = yaml.safe_load(answers_file.read_text(encoding="utf-8"))
    run_answers(engine, answers)
    return "\n".join(lines), build_map(engine).to_yaml()


def cases() -> list[tuple[str, Path]]:
    return [
        (folder.name, answers)
        for folder in sorted(GOLDEN.iterdir())
        if folder.is_dir()
        for answers in sorted(folder.glob("*.answers.yaml"))
    ]


def expected_paths(answers: Path) -> tuple[Path, Path]:
    stem = answers.name.removesuffix(".answers.yaml")
    return answers.with_name(f"{stem}.transcript.txt"), answers.with_name(f"{stem}.map.yaml")


def regenerate() -> None:
    for dialogue, answers in cases():
        transcript, the_map = walk(dialogue, answers)
        transcript_path, map_path = expected_paths(answers)
        transcript_path.write_text(transcript, encoding="utf-8")
        map_path.write_text(the_map, encoding="utf-8")
        print(f"wrote {transcript_path.name} and {map_path.name} for {dialogue}", file=sys.stderr)


if __name__ == "__main__":
    regenerate()
    from tests.render_support import regenerate_renders

    regenerate_renders()  # the family map in every format, after the maps above
