"""The home screen with many saved sessions: the newest are listed, a name finds the rest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, Static

from sos_assistant.dialogue import find_dialogue
from sos_assistant.store import SessionInfo, StoreError, open_store
from sos_assistant.store.core import Progress
from sos_assistant.tui.app import SosApp
from sos_assistant.tui.screens.home import SHOWN, HomeScreen
from sos_assistant.tui.screens.question import QuestionScreen
from tests.sessions import resume
from tests.tui.fakestore import FakeStore
from tests.tui.helpers import type_text


def _save(count: int) -> None:
    script = find_dialogue("family-conference")
    with open_store() as store:
        for n in range(count):
            engine = resume(store, f"family {n:02d}", script, audience="family")
            engine.answer(None)


@pytest.mark.slow
async def test_the_newest_are_listed_and_a_typed_name_finds_an_older_one(
    private_home: Path,
) -> None:
    _save(SHOWN + 10)
    app = SosApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        box = app.screen.query_one("#sessions", OptionList)
        assert box.option_count == SHOWN
        assert [s.name for s in app.screen.shown][:2] == [
            f"family {SHOWN + 9}",
            f"family {SHOWN + 8}",
        ]
        assert "family 03" not in [s.name for s in app.screen.shown]
        await pilot.press("shift+tab")  # from the list up to the search box
        await type_text(pilot, "family 03")
        await pilot.pause()
        assert [s.name for s in app.screen.shown] == ["family 03"]
        await pilot.press("enter")  # to the list
        await pilot.press("enter")  # carry on with it
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session is not None and app.session.name == "family 03"


@pytest.mark.slow
async def test_a_name_nobody_has_says_so(private_home: Path) -> None:
    _save(SHOWN + 1)
    app = SosApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("shift+tab")  # from the list up to the search box
        await type_text(pilot, "zebra")
        await pilot.pause()
        assert app.screen.query_one("#sessions", OptionList).option_count == 0
        assert "No saved session has that name" in str(app.screen.query_one("#more").render())


async def test_a_few_sessions_need_no_search_box(private_home: Path) -> None:
    _save(3)
    app = SosApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query("#find")
        assert app.screen.query_one("#sessions", OptionList).option_count == 3


class _CountingStore(FakeStore):
    """Remembers the most sessions read in one go to show a list."""

    most_read = 0

    def list_sessions(self, limit: int | None = None) -> list[SessionInfo]:
        found = super().list_sessions(limit)
        self.most_read = max(self.most_read, len(found))
        return found


async def test_thousands_of_sessions_show_the_newest_and_any_one_can_be_found() -> None:
    store = _CountingStore()
    progress = Progress(answered=2, total=36, current="children", framework="safety")
    for n in range(2000):
        store.create(f"family {n:04d}", "family-conference", progress)
    app = SosApp(store_factory=lambda: store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "(2000 saved)" in _text(app.screen)
        assert [s.name for s in app.screen.shown][:2] == ["family 1999", "family 1998"]
        assert store.most_read == SHOWN  # the list is a page of the newest, not every session
        await pilot.press("shift+tab")  # from the list up to the search box
        await type_text(pilot, "FAMILY 0007")  # the oldest but seven, in any case
        await pilot.pause()
        assert [s.name for s in app.screen.shown] == ["family 0007"]
        await pilot.press("backspace", "backspace")  # "family 00": 100 match, 30 shown
        await pilot.pause()
        assert app.screen.shown[0].name == "family 0099"
        assert "These are the 30 newest" in str(app.screen.query_one("#more").render())


def _text(screen: HomeScreen) -> str:
    return " ".join(str(s.render()) for s in screen.query(Static))


class _BusyStore(FakeStore):
    def find_sessions(self, text: str, limit: int) -> tuple[list[SessionInfo], int]:
        raise StoreError("The saved sessions are busy in another sos-assistant window.")


async def test_a_search_the_store_cannot_answer_is_said_and_the_list_stays(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = _BusyStore()
    progress = Progress(answered=0, total=36, current="welcome", framework="safety")
    for n in range(SHOWN + 5):
        store.create(f"family {n:02d}", "family-conference", progress)
    app = SosApp(store_factory=lambda: store)
    said: list[str] = []
    real = app.notify

    def notify(message: str, **options: Any) -> None:
        said.append(message)
        real(message, **options)

    monkeypatch.setattr(app, "notify", notify)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("shift+tab")
        await type_text(pilot, "family 01")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # the app is still here
        assert len(app.screen.shown) == SHOWN
        assert any("busy in another sos-assistant window" in line for line in said)
