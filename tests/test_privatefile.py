"""Files the program writes outside SQLite are private and never half-written."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from sos_assistant.privatefile import write_private
from sos_assistant.settings import load_settings, save_setting


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_file_readable_by_others_is_replaced_by_a_private_one(tmp_path: Path) -> None:
    path = tmp_path / "map.txt"
    path.write_text("old")
    os.chmod(path, 0o644)
    write_private(path, "new words")
    assert path.read_text() == "new words"
    assert mode(path) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["map.txt"]


def test_a_failed_write_leaves_the_old_file_and_no_scraps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "map.txt"
    path.write_text("old")

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        write_private(path, b"new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["map.txt"]


def test_settings_are_kept_privately_beside_the_sessions(private_home: Path) -> None:
    assert load_settings() == {}
    assert save_setting("theme", "high-contrast")
    assert save_setting("other", 1)
    path = private_home / "settings.json"
    assert json.loads(path.read_text()) == {"theme": "high-contrast", "other": 1}
    assert mode(path) == 0o600
    assert load_settings() == {"theme": "high-contrast", "other": 1}


def test_damaged_settings_are_kept_aside_and_the_defaults_used(private_home: Path) -> None:
    path = private_home / "settings.json"
    path.write_text("{not json")
    assert load_settings() == {}
    [aside] = [p for p in private_home.iterdir() if p.name.startswith("settings.json.damaged-")]
    assert aside.read_text() == "{not json"
    assert save_setting("theme", "textual-light")
    assert load_settings() == {"theme": "textual-light"}


def test_a_name_as_long_as_the_disk_allows_can_be_written(tmp_path: Path) -> None:
    path = tmp_path / ("m" * 250 + ".html")  # 255 characters, the usual limit
    write_private(path, "<p>map</p>")
    assert path.read_text() == "<p>map</p>"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
