"""The command line, as a newcomer would use it: exit codes, messages, files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sos_assistant.cli import main
from sos_assistant.model import load_map

GOLDEN = Path(__file__).parent / "golden" / "family-conference"


def test_check_is_clean_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert "valid" in capsys.readouterr().out


def test_check_reports_file_line_problems_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    broken = Path(__file__).parent / "fixtures" / "broken" / "05-unknown-next.yaml"
    assert main(["check", str(broken)]) == 1
    out = capsys.readouterr().out
    assert ":9: step 'a' leads to unknown step 'nowhere' [D003]" in out


def test_steps_json_lists_ids_kinds_slots_and_choices(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["steps", "family-conference", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert set(rows[0]) == {"id", "kind", "slot", "choices"}
    ready = next(r for r in rows if r["id"] == "ready-prepared")
    assert ready["choices"] == ["yes", "not_sure", "no"]
    assert ready["slot"] == "preparation.readiness.prepared"


def test_run_writes_the_map_from_a_mapping_answers_file(tmp_path: Path) -> None:
    out = tmp_path / "map.yaml"
    answers = GOLDEN / "fuller.answers.yaml"
    assert main(["run", "family-conference", "--answers", str(answers), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (GOLDEN / "fuller.map.yaml").read_text(
        encoding="utf-8"
    )


def test_run_takes_a_list_answers_file_in_order(tmp_path: Path) -> None:
    from sos_assistant.dialogue import Engine, find_dialogue

    walk = Engine(find_dialogue("family-conference"))  # the questions met when all are skipped
    while (step := walk.current) is not None:
        walk.skip() if step.is_question else walk.answer(None)
    asked = [s for s in walk.path if walk.script.step(s).is_question]
    answers: list[object] = [None] * len(asked)
    answers[asked.index("child-name")] = "Kai"
    file = tmp_path / "answers.yaml"
    file.write_text(yaml.safe_dump(answers), encoding="utf-8")
    out = tmp_path / "m.json"
    assert main(["run", "family-conference", "--answers", str(file), "--out", str(out)]) == 0
    the_map = load_map(out.read_text(encoding="utf-8"))
    assert [p.name for p in the_map.people] == ["Kai"]
    file.write_text(yaml.safe_dump([*answers, "one too many"]), encoding="utf-8")
    assert main(["run", "family-conference", "--answers", str(file)]) == 1


def _steps_json(capsys: pytest.CaptureFixture[str]) -> str:
    main(["steps", "family-conference", "--json"])
    return capsys.readouterr().out


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ("child-name: [not, text]", "step 'child-name' (text): the answer must be text"),
        ("chid-name: Kai", "the answers name steps that are not in the dialogue: chid-name"),
        ("own-number: 12", "step 'own-number' (scale): 12 is outside 0-10"),
        ("[Kai]", "the answers ran out at step"),
        ("child-name: [", "not valid YAML"),
    ],
)
def test_run_explains_bad_answers_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], answers: str, message: str
) -> None:
    file = tmp_path / "answers.yaml"
    file.write_text(answers, encoding="utf-8")
    assert main(["run", "family-conference", "--answers", str(file)]) == 1
    assert message in capsys.readouterr().err


def test_unknown_dialogue_lists_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["steps", "family"]) == 1
    assert "no dialogue called 'family' (known: " in capsys.readouterr().err


def test_render_a_bad_map_names_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "schema: sos-map/1\nscaling:\n  ratings:\n"
        "    - {who: A, score: 2}\n    - {who: B, score: 12}\n"
    )
    assert main(["render", str(bad), "--format", "md"]) == 1
    assert f"{bad}: scaling.ratings[1].score: must be 0-10" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["md", "html", "txt", "docx", "pdf"])
def test_render_writes_each_format(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"map.{fmt}"
    assert main(["render", str(GOLDEN / "fuller.map.yaml"), "--format", fmt, "-o", str(out)]) == 0
    assert out.stat().st_size > 500


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", "x.yaml", "--format", "rtf"]) == 2
    assert main(["run", "family-conference"]) == 2


def test_schema_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "sos-map/1"


def test_the_installed_command_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sos_assistant.cli", "steps", "family-conference"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "own-number" in done.stdout


def test_run_shows_where_help_is_when_an_answer_suggests_danger_now(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "answers.yaml"
    file.write_text("harm: [I am going to hurt myself tonight]\n", encoding="utf-8")
    assert main(["run", "family-conference", "--answers", str(file)]) == 0
    assert "999" in capsys.readouterr().err
    file.write_text("harm: [Last year Kai fell off his bike]\n", encoding="utf-8")
    assert main(["run", "family-conference", "--answers", str(file)]) == 0
    assert "999" not in capsys.readouterr().err


def test_the_bare_command_is_read_as_the_parser_would_read_it() -> None:
    from sos_assistant.cli.commands import bare_namespace, build_parser

    assert vars(bare_namespace()) == vars(build_parser([]).parse_args([]))


def test_the_bare_command_reaches_the_app_without_loading_argparse() -> None:
    """The parser is never built on the way to the app's first screen."""
    code = (
        "import io, sys; import sos_assistant.cli.commands as c\n"
        "class Tty(io.StringIO):\n    def isatty(self): return True\n"
        "sys.stdin = Tty(); c.cmd_tui = lambda ns: print('argparse' in sys.modules) or 0\n"
        "raise SystemExit(c.main([]))"
    )
    env = {**os.environ, "TERM": "xterm"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
    )
    assert (done.returncode, done.stdout.strip()) == (0, "False")
