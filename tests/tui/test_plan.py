"""The safety plan in the app: helpers, rules, the gentle check, and a review from the map."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from textual.widgets import OptionList, Static

from sos_assistant.dialogue import Engine, build_map, find_dialogue, run_answers
from sos_assistant.store import open_store
from sos_assistant.tui.app import SosApp
from sos_assistant.tui.screens.map import MapScreen
from sos_assistant.tui.screens.question import QuestionScreen
from sos_assistant.tui.widgets.mapview import MapView
from tests.sessions import built_map
from tests.tui.conftest import GOLDEN
from tests.tui.helpers import answer_review, give, to_home, type_text, walk


def first_walk() -> dict[str, Any]:
    answers = yaml.safe_load((GOLDEN / "safety-plan" / "fuller.answers.yaml").read_text())
    return {**answers, "review": None}


def plan_app() -> SosApp:
    return SosApp(session_name="plan", dialogue="safety-plan", audience="family")


async def test_the_home_screen_offers_the_safety_plan() -> None:
    app = SosApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_home(pilot)
        await pilot.press("enter")  # a parent or family member
        await pilot.pause()
        choices = app.screen.query_one("#who", OptionList)
        assert choices.option_count >= 2
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session is not None and app.session.engine.script.id == "safety-plan"


@pytest.mark.slow
async def test_a_plan_made_in_the_app_is_the_headless_plan_and_is_reviewed_later() -> None:
    answers = first_walk()
    app = plan_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await walk(pilot, app, answers)
        assert isinstance(app.screen, MapScreen)
        headless = Engine(find_dialogue("safety-plan"))
        run_answers(headless, answers)
        assert app.session is not None
        assert app.session.map() == build_map(headless)

    app = plan_app()  # a month later: the finished plan opens on its map
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        await pilot.press("v")  # review the plan
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        review = {
            "by": "Tess and Dev",
            "marks": [
                {"rule": "R1", "status": "working", "note": "Twice at Nan Joy's."},
                {"rule": "R3", "status": "not_yet"},
            ],
        }
        await answer_review(pilot, app, review)
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        shown = str(app.screen.query_one(".map-plan", Static).render())
        assert "How the plan is going" in shown and "Not yet" in shown

    with open_store() as store:
        plan = built_map(store, "plan").safety_plan
        history = store.history("plan")
    assert plan is not None
    (saved,) = plan.reviews
    assert saved.date == dt.date.today() and saved.by == "Tess and Dev"
    assert [(m.rule, m.status) for m in saved.marks] == [("R1", "working"), ("R3", "not_yet")]
    assert len(history) == 2  # the plan, then the plan with its review


async def test_a_gentle_word_when_no_helper_knows_and_the_walk_goes_on() -> None:
    app = plan_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.session is not None
        engine = app.session.engine
        while engine.current is not None and engine.current.id != "network":
            await give(pilot, app, None)
        await type_text(pilot, "Rafi")
        await pilot.press("enter")
        note = app.screen.query_one("#none-know", Static)
        assert note.display and "That is OK" in str(note.render())
        await pilot.press("enter")  # an empty name: go on
        await pilot.pause()
        assert engine.answers["network"] == [{"name": "Rafi"}]
        assert engine.current is not None and engine.current.id == "network-check"
        assert "no one knows all about the worries yet" in engine.prompt().ask


async def test_the_plan_shows_under_the_map() -> None:
    app = plan_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await walk(pilot, app, first_walk())
        view = app.screen.query_one(MapView)
        shown = str(view.query_one(".map-plan", Static).render())
        assert "Our safety network" in shown and "Auntie Pearl (my sister)" in shown
        assert shown.index("The worry: W1:") < shown.index("If Sam and I start to argue")
        assert "What I can do if I feel scared" in shown
