"""Snapshots of the main screens at 80x24, built from sample data."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from sos_assistant.dialogue import find_dialogue
from sos_assistant.tui.app import SosApp
from tests.sessions import resume
from tests.tui.conftest import ALL_KINDS, settle
from tests.tui.fakestore import FakeStore
from tests.tui.helpers import give

SIZE = (80, 24)


def home_app() -> SosApp:
    store = FakeStore()
    engine = resume(store, "family-conference-2026-01-05", find_dialogue("family-conference"))
    engine.answer(None)
    engine.answer("Dani")
    return SosApp(store_factory=lambda: store)


def kinds_app() -> SosApp:
    return SosApp(session_name="sample", dialogue=ALL_KINDS, audience="practitioner")


async def _to_list(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    app = pilot.app
    assert isinstance(app, SosApp)
    await give(pilot, app, None)
    await give(pilot, app, "Dani")
    await settle(pilot)


async def _to_map(pilot: Pilot[Any]) -> None:
    await _to_list(pilot)
    app = pilot.app
    assert isinstance(app, SosApp)
    await give(pilot, app, ["Kai could get hurt if the adults fight at night."])
    await give(pilot, app, "not_sure")
    await give(pilot, app, {"score": 6, "why": "calmer"})
    await pilot.press("f2")
    await settle(pilot)


def test_first_run(snap_compare: Any) -> None:
    assert snap_compare(SosApp(), terminal_size=SIZE, run_before=settle)


def test_home(snap_compare: Any) -> None:
    assert snap_compare(home_app(), terminal_size=SIZE, run_before=settle)


def test_question(snap_compare: Any) -> None:
    assert snap_compare(kinds_app(), terminal_size=SIZE, run_before=_to_list)


def test_map(snap_compare: Any) -> None:
    assert snap_compare(kinds_app(), terminal_size=SIZE, run_before=_to_map)


def test_help(snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(kinds_app(), terminal_size=SIZE, run_before=run_before)


def test_crisis(snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("f4")
        await settle(pilot)

    assert snap_compare(kinds_app(), terminal_size=SIZE, run_before=run_before)
