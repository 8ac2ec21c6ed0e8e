"""Shared set-up for the app's tests: a private data folder, sample data, no cursor blink."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"
ALL_KINDS = str(DATA / "all-kinds.yaml")
GOLDEN = Path(__file__).parent.parent / "golden"


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    monkeypatch.setenv("SOS_ASSISTANT_HOME", str(home))
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    (tmp_path / "user").mkdir()
    yield home


def no_blink(app: Any) -> None:
    """Stop cursors blinking, so snapshots are stable."""
    from textual.widgets import Input

    for box in app.screen.query(Input):
        box.cursor_blink = False


async def settle(pilot: Any) -> None:
    """Let the screen draw, stop the cursors blinking, and let it draw again: a still screen
    for snapshots and for reading what is shown."""
    await pilot.pause()
    no_blink(pilot.app)
    await pilot.pause()
