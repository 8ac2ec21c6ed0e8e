from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sos_assistant.dialogue import Script, load_script

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Every test gets its own empty data folder; nothing touches the real one."""
    home = tmp_path_factory.mktemp("sos-home")
    monkeypatch.setenv("SOS_ASSISTANT_HOME", str(home))
    # Copies of maps go to the person's Documents (or home) folder: a test's own, not the real.
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("person")))
    monkeypatch.delenv("SOS_ASSISTANT_PASSPHRASE", raising=False)
    yield home


@pytest.fixture
def tiny() -> Script:
    return load_script(FIXTURES / "dialogues" / "tiny.yaml")
