"""The goals step: the danger statements are shown beside the goal box, each goal picks the
one(s) it answers, and a danger statement no goal answers is marked "still to do"."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, SelectionList

from sos_assistant.dialogue import build_map, find_dialogue
from sos_assistant.goal_links import GOALS
from sos_assistant.store import open_store
from sos_assistant.tui.app import SosApp
from sos_assistant.tui.screens.question import QuestionScreen
from sos_assistant.tui.widgets.goal_links import GoalLinks
from sos_assistant.tui.widgets.ticks import TickList
from tests.sessions import reopen, resume
from tests.tui.conftest import settle
from tests.tui.fakestore import FakeStore
from tests.tui.helpers import give, type_text

DANGERS = [
    "The school is worried that Lee may shout at Kai again, and Kai could be scared.",
    "Priya is worried that Lee will drive after drinking, and Kai could be badly hurt.",
]


async def test_each_goal_picks_the_danger_statements_it_answers() -> None:
    app = SosApp(session_name="goals", dialogue="practitioner-mapping", audience="practitioner")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        answers = [None, "safety", "Priya (social worker)", "Kai", None, None, None, None]
        for value in [*answers, DANGERS, None, None, None]:
            await give(pilot, app, value)
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert app.session is not None
        assert app.session.engine.current is not None
        assert app.session.engine.current.slot == "needs_to_happen.safety_goals"
        links = screen.query_one(GoalLinks)
        assert links.display
        shown = str(links.query_one(SelectionList).get_option_at_index(1).prompt)
        assert "D2" in shown and "still to do" in shown and "drive after drinking" in shown
        # Pick the second danger statement, then write the goal that answers it.
        box = links.query_one(SelectionList)
        await pilot.press("tab")  # from the goal box to the danger statements
        assert app.focused is box
        await pilot.press("down", "space")
        await pilot.pause()
        assert links.picked() == [1]
        await pilot.press("shift+tab")  # back to the goal box
        await type_text(pilot, "Lee does not drive after a drink; Bev sees him take the bus.")
        await pilot.press("enter")
        await pilot.pause()
        assert links.picked() == []  # the picks are for one goal at a time
        first = str(box.get_option_at_index(0).prompt)
        second = str(box.get_option_at_index(1).prompt)
        assert "still to do" in first and "still to do" not in second
        await pilot.press("enter")  # the empty box: the goals are given
        await pilot.pause()
    engine = reopen(open_store(), "goals", find_dialogue("practitioner-mapping"))
    the_map = build_map(engine)
    dangers = the_map.worries.danger_statements
    assert [d.text for d in dangers] == DANGERS  # the words stay as typed
    assert dangers[0].id is None and dangers[1].id == "D2"  # given its handle when picked
    (goal,) = the_map.needs_to_happen.safety_goals
    assert goal.addresses == ["D2"]


# -- the layout: beside the goal box where there is room, under it where there is not -------


def goals_app(framework: str = "safety") -> SosApp:
    """A practitioner's session at the goals step, with the two danger statements above."""
    store = FakeStore()
    engine = resume(store, "goals", find_dialogue("practitioner-mapping"))
    given: dict[str, Any] = {"framework": framework, "practitioner-name": "Priya (social worker)"}
    given |= {"child-name": "Kai", "danger-statements": DANGERS}
    while (step := engine.current) is not None and step.slot != GOALS:
        if step.id in given:
            engine.answer(given[step.id])
        elif step.is_question:
            engine.skip()
        else:
            engine.answer(None)
    return SosApp(store_factory=lambda: store, session_name="goals")


async def _one_goal_for_d2(pilot: Pilot[Any]) -> None:
    """A goal picked for D2 and added, so D1 alone is still to do; typing in the next box."""
    await settle(pilot)
    await pilot.press("tab", "down", "space", "shift+tab")
    await type_text(pilot, "Lee takes the bus after a drink; Bev sees this for six months.")
    await pilot.press("enter")
    await settle(pilot)


def _lines(box: TickList[int]) -> list[str]:
    return [box.render_line(y).text for y in range(box.size.height)]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_danger_statements_sit_beside_the_goal_box(size: tuple[int, int]) -> None:
    app = goals_app()
    async with app.run_test(size=size) as pilot:
        await _one_goal_for_d2(pilot)
        links = app.screen.query_one(GoalLinks)
        goal_box = app.screen.query_one("#item", Input)
        assert links.region.x >= goal_box.region.right  # beside, not under
        assert links.region.y < goal_box.region.bottom
        # The goal was added: the box for the next one is in view, not pushed under the buttons.
        assert app.screen.query_one("#body").region.contains_region(goal_box.region)
        lines = _lines(links.query_one(TickList))
        text = " ".join(" ".join(line.split()) for line in lines)
        for danger in DANGERS:  # each read in full, wrapped, not cut short
            assert danger in text.replace("▐ ▌ ", "").replace("D1 (still to do) ", "")
        # One box per danger statement, on its first line; an unpicked box is empty.
        boxes = [line for line in lines if "▐" in line]
        assert len(boxes) == 2
        assert "D1 (still to do)" in boxes[0] and "▐ ▌" in boxes[0]
        assert "D2" in boxes[1] and "still to do" not in boxes[1]


async def test_on_a_narrow_screen_the_danger_statements_go_under_the_goal_box() -> None:
    app = goals_app()
    async with app.run_test(size=(60, 30)) as pilot:
        await settle(pilot)
        links = app.screen.query_one(GoalLinks)
        goal_box = app.screen.query_one("#item", Input)
        assert links.region.y >= goal_box.region.bottom
        assert links.region.width > goal_box.region.width // 2  # the full width, to read
        await pilot.press("tab")  # Tab still reaches them, and brings them into view
        await pilot.pause()
        assert app.focused is links.query_one(TickList)
        assert app.screen.query_one("#body").region.contains_region(app.focused.region)


def test_goals_step_at_80x24(snap_compare: Any) -> None:
    assert snap_compare(goals_app(), terminal_size=(80, 24), run_before=_one_goal_for_d2)


def test_goals_step_at_120x40(snap_compare: Any) -> None:
    assert snap_compare(goals_app(), terminal_size=(120, 40), run_before=_one_goal_for_d2)
