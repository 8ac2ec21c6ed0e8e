"""Hostile files end with one clear line and exit 1: no traceback, no hang, memory bounded."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from sos_assistant.cli import main

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
RUN = ["run", "family-conference", "--answers"]


def one_clear_line(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    for word in words:
        assert word in lines[0]
    return lines[0]


@pytest.mark.parametrize(
    ("fixture", "words"),
    [
        ("alias-bomb.yaml", ("an alias (*name)",)),
        ("deep-nesting.yaml", ("nested more than 100",)),
        ("huge-integer.yaml", ("4,300 digits",)),
        ("lone-surrogate.yaml", ("Unicode",)),
        ("duplicate-key.yaml", ("duplicate key 'child-name'", ":3:", "line 1")),
    ],
)
def test_a_hostile_answers_file_is_refused_in_one_line(
    fixture: str, words: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*RUN, str(HOSTILE / fixture)]) == 1
    one_clear_line(capsys, *words)


@pytest.mark.parametrize(
    ("fixture", "words"),
    [
        ("alias-bomb.yaml", ("an alias (*name)",)),
        ("deep-nesting.json", ("nested more than 100",)),
        ("huge-integer.yaml", ("4,300 digits",)),
        ("lone-surrogate.json", ("lone surrogate",)),
        ("duplicate-key-map.yaml", ("duplicate key 'title'", "line 3")),
    ],
)
def test_a_hostile_map_is_refused_in_one_line(
    fixture: str, words: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(HOSTILE / fixture), "-f", "md"]) == 1
    one_clear_line(capsys, *words)


def test_an_alias_bomb_in_a_dialogue_file_stops_at_a_cap(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("[]\n")
    assert main(["run", str(HOSTILE / "alias-bomb.yaml"), "--answers", str(answers)]) == 1
    assert "200,000 values" in capsys.readouterr().err
    assert main(["check", str(HOSTILE / "alias-bomb.yaml")]) == 1
    assert "200,000 values" in capsys.readouterr().out


def test_dev_zero_is_read_only_up_to_a_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*RUN, "/dev/zero"]) == 1
    one_clear_line(capsys, "bigger than")
    assert main(["render", "/dev/zero", "-f", "md"]) == 1
    one_clear_line(capsys, "bigger than")
    assert main(["check", "/dev/zero"]) == 1
    assert "bigger than" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args", [["explain"], ["questions"], ["coach"], ["coach", "--map", "-"]], ids=" ".join
)
def test_dev_zero_on_standard_input_ends_in_one_line(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with open("/dev/zero", "rb") as zeros:  # read as a pipe would be: bytes, never ending
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(zeros))
        assert main(args) == 1
    one_clear_line(capsys, "bigger than")


def test_a_symlink_loop_is_a_plain_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    assert main([*RUN, str(tmp_path / "a.yaml")]) == 1
    one_clear_line(capsys, "symbolic links")
    assert main(["render", str(tmp_path / "a.yaml"), "-f", "md"]) == 1
    one_clear_line(capsys, "symbolic links")
    assert main(["check", str(tmp_path / "a.yaml")]) == 1
    out = capsys.readouterr()
    assert "symbolic links" in out.out and "Traceback" not in out.err
    assert main(["check", str(tmp_path)]) == 1
    assert "symbolic links" in capsys.readouterr().out


def test_an_unreadable_folder_is_said_to_be_unreadable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "dialogues"
    folder.mkdir()
    (folder / "x.yaml").write_text("id: x\n")
    real = os.listdir

    def refuse(path: object = ".") -> list[str]:
        if Path(str(path)) == folder:
            raise PermissionError(13, "Permission denied")
        return real(str(path))

    monkeypatch.setattr(os, "listdir", refuse)  # the tests may run as root
    assert main(["check", str(folder)]) == 1
    assert "cannot read this folder (Permission denied)" in capsys.readouterr().out


def test_a_hostile_session_export_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOS_ASSISTANT_HOME", str(tmp_path / "home"))
    cases = {
        "dup.json": ('{"format": "sos-session/1", "format": "x"}', "duplicate key 'format'"),
        "deep.json": ("[" * 5000 + "]" * 5000, "nested more than 100"),
        "int.json": ('{"a": ' + "9" * 5000 + "}", "4,300 digits"),
        "surrogate.json": ('{"name": "\\ud800"}', "surrogate"),
    }
    for name, (text, words) in cases.items():
        (tmp_path / name).write_text(text)
        assert main(["sessions", "import", str(tmp_path / name)]) == 1
        one_clear_line(capsys, words)
    assert main(["sessions", "import", "/dev/zero"]) == 1
    one_clear_line(capsys, "bigger than")
