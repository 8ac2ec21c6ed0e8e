"""The coach's rule files are read from JSON copies in the cache folder; a copy never outranks
its file: an edit to a rule file is seen at once, and a damaged or altered copy is passed over."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sos_assistant.coach import Coach, load_rules
from sos_assistant.resources import content_dir
from sos_assistant.store import HOME_ENV


@pytest.fixture
def rules_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "home"))
    folder = tmp_path / "coach"
    shutil.copytree(content_dir() / "coach", folder)
    return folder


def _copies(rules_dir: Path) -> list[Path]:
    return sorted((rules_dir.parent / "home" / "cache").glob("coach-judgement-*.json"))


def _finds_denial(folder: Path) -> bool:
    return any(f.rule == "in-denial" for f in Coach(load_rules(folder)).check("Mum is in denial."))


def test_the_copy_is_made_once_and_reads_the_same(rules_dir: Path) -> None:
    first = load_rules(rules_dir)
    (copy,) = _copies(rules_dir)
    again = load_rules(rules_dir)
    assert [r.id for r in again.rules] == [r.id for r in first.rules]
    assert _copies(rules_dir) == [copy]


def test_an_edited_rule_file_is_read_not_its_old_copy(rules_dir: Path) -> None:
    assert _finds_denial(rules_dir)
    judgement = rules_dir / "judgement.yaml"
    text = judgement.read_text(encoding="utf-8")
    judgement.write_text(text.replace("id: in-denial", "id: in-denial-edited"), encoding="utf-8")
    ids = [r.id for r in load_rules(rules_dir).rules]
    assert "in-denial-edited" in ids and "in-denial" not in ids


@pytest.mark.parametrize("damage", ["{not json", '{"version": 1, "rules": "none"}'])
def test_a_damaged_or_altered_copy_is_passed_over_for_the_file(
    rules_dir: Path, damage: str
) -> None:
    assert _finds_denial(rules_dir)
    (copy,) = _copies(rules_dir)
    copy.write_text(damage, encoding="utf-8")
    assert _finds_denial(rules_dir)
    assert copy.read_text(encoding="utf-8") != damage  # and the copy is whole again
