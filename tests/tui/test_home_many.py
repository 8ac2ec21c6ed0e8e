"""The home screen with many saved sessions: the newest are listed, a name finds the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from sos_assistant.dialogue import find_dialogue
from sos_assistant.store import open_store
from sos_assistant.tui.app import SosApp
from sos_assistant.tui.screens.home import SHOWN, HomeScreen
from sos_assistant.tui.screens.question import QuestionScreen
from tests.sessions import resume
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
