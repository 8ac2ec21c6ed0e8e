"""Each deliberately broken fixture must produce exactly the problems written at its top.

A fixture states what it expects in comment lines: ``# expect: LINE: message [CODE]``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sos_assistant.check import check_all
from sos_assistant.diagnostics import display_path

BROKEN = Path(__file__).parent / "fixtures" / "broken"
FIXTURES = sorted(p for p in BROKEN.rglob("*") if p.is_file())
EXPECT = re.compile(r"expect: (.*?)(?: #\})?$")


def expected(path: Path) -> list[str]:
    found = [EXPECT.search(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [f"{display_path(path)}:{m.group(1)}" for m in found if m]


def test_there_is_a_fixture_for_every_kind_of_problem() -> None:
    codes = {re.search(r"\[([A-Z]\d{3})\]$", e).group(1) for f in FIXTURES for e in expected(f)}  # type: ignore[union-attr]
    assert len(FIXTURES) >= 15
    assert {
        "Y001",
        "D001",
        "D002",
        "D003",
        "D004",
        "D005",
        "D006",
        "D007",
        "D008",
        "D009",
        "D010",
        "D011",
        "D012",
        "K001",
        "T001",
        *("Q001", "Q002", "Q003", "Q004"),
        *("V001", "V002", "V003", "V004", "V005", "V006"),
    } <= codes


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_broken_fixture_reports_exactly_its_problem(path: Path) -> None:
    assert expected(path), f"{path.name} says nothing about what it expects"
    assert [str(d) for d in check_all([path])] == expected(path)


def test_packaged_dialogues_and_content_are_clean() -> None:
    assert [str(d) for d in check_all()] == []


def test_a_mistyped_key_in_the_app_words_is_reported(tmp_path: Path) -> None:
    from sos_assistant.resources import content_dir

    lines = (content_dir() / "ui.yaml").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("about:"))
    lines[at] = lines[at].replace("about:", "abot:", 1)
    broken = tmp_path / "ui.yaml"
    broken.write_text("\n".join(lines), encoding="utf-8")
    name = display_path(broken)
    first = next(i for i, line in enumerate(lines) if not line.startswith("#")) + 1
    assert [str(d) for d in check_all([broken])] == [
        f"{name}:{first}: about: is required [K001]",
        f"{name}:{at + 1}: abot: unknown key [K001]",
    ]


def test_the_app_reads_its_words_exactly_as_the_validator_does() -> None:
    from sos_assistant.resources import content_dir
    from sos_assistant.tui_text import ui_text, validate_ui_text
    from sos_assistant.yamlfile import load_yaml

    data, _ = load_yaml(content_dir() / "ui.yaml")
    assert ui_text() == validate_ui_text(data)


def test_the_app_refuses_broken_words_naming_file_line_and_problem(tmp_path: Path) -> None:
    from sos_assistant.errors import CommandError
    from sos_assistant.resources import content_dir
    from sos_assistant.tui_text import ui_text

    lines = (content_dir() / "ui.yaml").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("help:"))
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines[at] = f"{indent}help: 3"
    (tmp_path / "ui.yaml").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        ui_text(tmp_path)
    where = f"{display_path(tmp_path / 'ui.yaml')}:{at + 1}"
    assert str(caught.value) == f"{where}: keys.help: Input should be a valid string [K001]"
