"""A dialogue read once is kept as a checked copy; the copy never hides a change to the file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sos_assistant.dialogue import ScriptError, find_dialogue, load_script
from sos_assistant.dialogue.loader import _packaged
from sos_assistant.resources import dialogues_dir
from sos_assistant.store.paths import cache_dir
from tests.conftest import FIXTURES

TINY = FIXTURES / "dialogues" / "tiny.yaml"


def _copies() -> list[Path]:
    return sorted(cache_dir().glob("dialogue-*.json"))


def _rewrite(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # a later change


def test_a_dialogue_is_the_same_from_its_copy(private_home: Path) -> None:
    _packaged.cache_clear()  # read by an earlier test, perhaps, with another cache folder
    first = find_dialogue("family-conference")
    assert len(_copies()) == 1
    _packaged.cache_clear()  # as when the program starts again
    again = find_dialogue("family-conference")
    assert again == first == load_script(dialogues_dir() / "family-conference.yaml")


def test_a_changed_file_is_read_again_and_checked_again(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    shutil.copy(TINY, mine)
    assert find_dialogue(str(mine)).step("hello").ask == "Hello. You can skip anything."
    _rewrite(mine, TINY.read_text(encoding="utf-8").replace("Hello.", "Hi there."))
    assert find_dialogue(str(mine)).step("hello").ask == "Hi there. You can skip anything."
    assert len(_copies()) == 1  # the old copy went
    broken = TINY.read_text(encoding="utf-8").replace("if_no: number", "if_no: nowhere")
    _rewrite(mine, broken)
    with pytest.raises(ScriptError, match="nowhere"):  # the graph check ran on the new file
        find_dialogue(str(mine))


def test_a_damaged_copy_is_ignored(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    shutil.copy(TINY, mine)
    expected = find_dialogue(str(mine))
    (copy,) = _copies()
    copy.write_text('{"version": 1, "id": "tiny", "steps": "not steps"}', encoding="utf-8")
    _packaged.cache_clear()
    assert find_dialogue(str(mine)) == expected
