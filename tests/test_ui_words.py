"""The app's words (content/ui.yaml): read fast from a private JSON copy, never stale."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from sos_assistant.resources import content_dir
from sos_assistant.tui_text import ui_text


@pytest.fixture
def words_folder(tmp_path: Path) -> Path:
    """A content folder holding a copy of the packaged ui.yaml, which a test may edit."""
    folder = tmp_path / "content"
    folder.mkdir()
    shutil.copy(content_dir() / "ui.yaml", folder / "ui.yaml")
    ui_text.cache_clear()
    return folder


def _copies(home: Path) -> list[Path]:
    return sorted((home / "cache").glob("ui-words-*.json"))


def test_the_words_are_kept_as_a_private_copy_and_read_from_it(
    words_folder: Path, private_home: Path
) -> None:
    first = ui_text(words_folder)
    [copy] = _copies(private_home)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    # The copy, not the YAML, is what is read next time: prove it by changing only the copy.
    copy.write_text(copy.read_text(encoding="utf-8").replace(first.keys.help, "Aid"), "utf-8")
    ui_text.cache_clear()
    assert ui_text(words_folder).keys.help == "Aid"


def test_an_edited_words_file_is_read_again_and_the_old_copy_goes(
    words_folder: Path, private_home: Path
) -> None:
    ui_text(words_folder)
    [old] = _copies(private_home)
    path = words_folder / "ui.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("help: Help", "help: Hjelp", 1))
    ui_text.cache_clear()
    assert ui_text(words_folder).keys.help == "Hjelp"
    [new] = _copies(private_home)
    assert new != old


def test_a_damaged_copy_is_ignored_and_replaced(words_folder: Path, private_home: Path) -> None:
    expected = ui_text(words_folder)
    [copy] = _copies(private_home)
    copy.write_text('{"version": 1, "about": ', encoding="utf-8")
    ui_text.cache_clear()
    assert ui_text(words_folder) == expected
    copy.write_text('{"version": 1}', encoding="utf-8")  # valid JSON that does not fit
    ui_text.cache_clear()
    assert ui_text(words_folder) == expected
    assert _copies(private_home) == [copy]


def test_the_words_load_when_no_copy_can_be_written(words_folder: Path, private_home: Path) -> None:
    (private_home / "cache").write_text("not a folder", encoding="utf-8")
    assert ui_text(words_folder).keys.help == "Help"
