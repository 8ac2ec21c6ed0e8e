"""Content files are kept as JSON copies in the cache folder; a copy never outranks its file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sos_assistant import content
from sos_assistant.store import HOME_ENV


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    content.frameworks.cache_clear()
    yield tmp_path / "cache"
    content.frameworks.cache_clear()


def _copies(cache: Path) -> list[Path]:
    return sorted(cache.glob("content-frameworks-*.json"))


def test_the_copy_is_made_once_and_reads_the_same(fresh: Path) -> None:
    first = content.frameworks()
    (copy,) = _copies(fresh)
    content.frameworks.cache_clear()
    assert content.frameworks() == first
    assert _copies(fresh) == [copy]


@pytest.mark.parametrize("damage", ["{not json", '{"version": 1, "frameworks": {}}'])
def test_a_damaged_or_altered_copy_is_passed_over_for_the_file(fresh: Path, damage: str) -> None:
    first = content.frameworks()
    (copy,) = _copies(fresh)
    copy.write_text(damage, encoding="utf-8")
    content.frameworks.cache_clear()
    assert content.frameworks() == first
    assert content.frameworks.__wrapped__() == first  # and the copy is whole again
