"""Golden transcripts: each answers file walks its dialogue to the exact transcript and map."""

from __future__ import annotations

from pathlib import Path

import pytest

from sos_assistant.model import load_map
from tests.golden_support import cases, expected_paths, walk

CASES = cases()


def test_every_dialogue_has_at_least_two_golden_walks() -> None:
    from sos_assistant.dialogue import dialogue_files

    for path in dialogue_files():
        assert sum(1 for d, _ in CASES if d == path.stem) >= 2, path.stem


@pytest.mark.parametrize(("dialogue", "answers"), CASES, ids=lambda v: getattr(v, "name", v))
def test_walk_matches_golden_transcript_and_map(dialogue: str, answers: Path) -> None:
    transcript, the_map = walk(dialogue, answers)
    transcript_path, map_path = expected_paths(answers)
    assert transcript == transcript_path.read_text(encoding="utf-8")
    assert the_map == map_path.read_text(encoding="utf-8")
    assert load_map(the_map).to_yaml() == the_map  # the map reads back to itself
