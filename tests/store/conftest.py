from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from sos_assistant.dialogue import Script, find_dialogue
from sos_assistant.store import Store, open_store


@pytest.fixture
def home() -> Path:
    """The test's own data folder (set by the top-level ``private_home`` fixture)."""
    return Path(os.environ["SOS_ASSISTANT_HOME"])


@pytest.fixture
def store(home: Path) -> Iterator[Store]:
    with open_store() as opened:
        yield opened


@pytest.fixture(scope="session")
def family() -> Script:
    return find_dialogue("family-conference")
