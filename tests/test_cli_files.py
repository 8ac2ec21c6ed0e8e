"""Options before a subcommand, files the program writes, and which folders ``check`` reads."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from sos_assistant.cli import main

GOLDEN = Path(__file__).parent / "golden" / "family-conference"
ANSWERS = GOLDEN / "fuller.answers.yaml"
MAP = GOLDEN / "fuller.map.yaml"
ROOT = Path(__file__).parent.parent


def test_session_given_before_run_is_honoured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOS_ASSISTANT_HOME", str(tmp_path))
    out = tmp_path / "m.yaml"
    argv = ["--session", "kai", "--framework", "safety"]
    assert (
        main([*argv, "run", "family-conference", "--answers", str(ANSWERS), "--out", str(out)]) == 0
    )
    assert main(["sessions", "list", "--json"]) == 0
    assert '"name": "kai"' in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["--session", "kai", "check"],
        ["--framework", "wellbeing", "schema"],
        ["--passphrase-file", "p.txt", "steps", "family-conference"],
        ["--plain", "family-conference", "schema"],
    ],
)
def test_an_option_that_does_not_go_with_the_command_is_a_usage_error(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "does not go with" in err and "Traceback" not in err


def test_the_same_option_twice_with_different_values_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["--session", "a", "run", "family-conference", "--answers", str(ANSWERS)]
    assert main([*argv, "--session", "b"]) == 2
    assert "given twice" in capsys.readouterr().err


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_run_out_and_render_o_write_private_files(tmp_path: Path) -> None:
    out = tmp_path / "m.json"
    out.write_text("old")
    os.chmod(out, 0o644)
    assert main(["run", "family-conference", "--answers", str(ANSWERS), "--out", str(out)]) == 0
    assert _mode(out) == 0o600 and out.read_text().startswith("{")
    doc = tmp_path / "m.html"
    assert main(["render", str(MAP), "-f", "html", "-o", str(doc)]) == 0
    assert _mode(doc) == 0o600


def test_a_symlink_is_replaced_never_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "map.md"
    link.symlink_to(victim)
    assert main(["render", str(MAP), "-f", "md", "-o", str(link)]) == 0
    assert victim.read_text() == "keep me"
    assert not link.is_symlink() and _mode(link) == 0o600


def test_a_failed_render_leaves_the_existing_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "m.md"
    doc.write_text("the old map")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    assert main(["render", str(MAP), "-f", "md", "-o", str(doc)]) == 1
    assert doc.read_text() == "the old map"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.md"]


def test_check_says_which_folders_it_read(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "dialogues" in first and "content" in first and "Checking" in first


def test_check_on_a_folder_with_nothing_to_check_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "no dialogue or content files in this folder" in out
    assert "valid" not in out


def test_a_working_copy_named_by_the_environment_is_what_check_and_run_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy"
    (copy / "dialogues").mkdir(parents=True)
    broken = ROOT / "tests" / "fixtures" / "broken" / "05-unknown-next.yaml"
    (copy / "dialogues" / "mine.yaml").write_text(broken.read_text())
    monkeypatch.setenv("SOS_ASSISTANT_CONTENT", str(copy))
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert str(copy / "dialogues") in out and "[D003]" in out
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("SOS_ASSISTANT_CONTENT", str(empty))
    assert main(["check"]) == 1
    assert "no dialogues/ or content/ folder" in capsys.readouterr().out
