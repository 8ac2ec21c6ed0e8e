"""The goals step: the danger statements are shown beside the goal box, each goal picks the
one(s) it answers, and a danger statement no goal answers is marked "still to do"."""

from __future__ import annotations

from textual.widgets import SelectionList

from sos_assistant.dialogue import build_map, find_dialogue
from sos_assistant.store import open_store
from sos_assistant.tui.app import SosApp
from sos_assistant.tui.screens.question import QuestionScreen
from sos_assistant.tui.widgets.goal_links import GoalLinks
from tests.sessions import reopen
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
