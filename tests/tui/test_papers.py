"""The advocate's screen: the professionals' words kept exactly as typed, every professional
word in them explained beside them, F8 turning a word into one of the parent's questions."""

from __future__ import annotations

from typing import Any

from sos_assistant.dialogue import build_map
from sos_assistant.explain import explain
from sos_assistant.tui.app import SosApp
from sos_assistant.tui.screens.question import COACH_DELAY, QuestionScreen
from sos_assistant.tui.widgets.explain import ExplainPanel
from tests.tui.helpers import give, type_text

ISSUE = (
    "There are significant concerns regarding Mum's capacity to safeguard due to DV and "
    "substance misuse; Mum presents as hostile and lacks insight."
)


async def to_harm_step(pilot: Any, app: SosApp) -> None:
    await pilot.pause()
    meeting = [None] * 8  # the meeting's kind, date, time, place, chair; the worker's details
    for value in [None, "Shona", "Tia", "Marcus", *meeting, None, None]:
        await give(pilot, app, value)
    assert app.session is not None and app.session.engine.current is not None
    assert app.session.engine.current.id == "harm-as-written"


async def paste(pilot: Any, text: str) -> None:
    await type_text(pilot, text)
    await pilot.pause(COACH_DELAY * 2)
    await pilot.pause()


async def test_every_word_is_listed_the_labels_first_and_nothing_is_rewritten() -> None:
    app = SosApp(session_name="papers", dialogue="advocate-understanding", audience="advocate")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_harm_step(pilot, app)
        await paste(pilot, ISSUE)
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        panel = screen.query_one(ExplainPanel)
        assert panel.display
        phrases = [t.phrase for t in panel.terms]
        # every word the explainer finds, not capped at three
        assert phrases == [t.phrase for t in explain(ISSUE)] and len(phrases) >= 8
        # "presents as hostile" is one phrase, explained by what "hostile" means
        assert set(phrases[:2]) == {"presents as hostile", "lacks insight"}
        assert {"DV", "substance misuse"} <= set(phrases)
        assert not screen.query_one("#coach").display  # no rewrite offered here
        await pilot.press("f8")
        await pilot.press("enter", "enter")  # add the worry, then go on
        await pilot.pause()
        assert app.session is not None
        harm = build_map(app.session.engine).worries.harm
        assert [s.text for s in harm] == [ISSUE]  # exactly as typed
        assert harm[0].as_written


async def test_f8_questions_wait_for_the_parents_list_of_questions() -> None:
    app = SosApp(session_name="ask", dialogue="advocate-understanding", audience="advocate")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_harm_step(pilot, app)
        await paste(pilot, ISSUE)
        await pilot.press("f8", "f8")
        await pilot.pause()
        panel = app.screen.query_one(ExplainPanel)
        assert len(panel.asked) == 2
        await pilot.press("enter", "enter")  # harm done
        await give(pilot, app, None)  # worries as written
        await give(pilot, app, True)  # were there hard words? yes
        await pilot.pause()
        assert app.session is not None and app.session.engine.current is not None
        assert app.session.engine.current.id == "hard-words"
        await pilot.press("enter")  # the list as it is
        await pilot.pause()
        asks = [s.text for s in build_map(app.session.engine).preparation.to_ask]  # type: ignore[union-attr]
        assert asks == [
            "What do you mean by 'presents as hostile'?",
            "What do you mean by 'lacks insight'?",
        ]


async def test_f8_questions_are_kept_when_the_advocate_stops_before_the_questions_step() -> None:
    app = SosApp(session_name="stop", dialogue="advocate-understanding", audience="advocate")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_harm_step(pilot, app)
        await paste(pilot, ISSUE)
        await pilot.press("f8")  # one question chosen, then Save and stop at once
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
    again = SosApp(session_name="stop", dialogue="advocate-understanding", audience="advocate")
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.session is not None
        assert again.session.later == ["What do you mean by 'presents as hostile'?"]
        assert again.session.engine.current is not None
        assert again.session.engine.current.id == "harm-as-written"
        await give(pilot, again, None)  # harm: skipped this time
        await give(pilot, again, None)  # worries as written
        await give(pilot, again, True)  # were there hard words? yes
        await pilot.pause()
        assert again.session.engine.current is not None
        assert again.session.engine.current.id == "hard-words"
        await pilot.press("enter")  # the list as it is
        await pilot.pause()
        asks = [s.text for s in build_map(again.session.engine).preparation.to_ask]  # type: ignore[union-attr]
        assert asks == ["What do you mean by 'presents as hostile'?"]


async def test_the_parents_view_is_not_explained_as_the_papers() -> None:
    app = SosApp(session_name="view", dialogue="advocate-understanding", audience="advocate")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_harm_step(pilot, app)
        await give(pilot, app, None)
        await paste(pilot, "The LA is worried.")
        await pilot.press("enter")  # to the parent's view of it
        await type_text(pilot, "I went to the MARAC.")
        await pilot.press("enter")  # both added
        await paste(pilot, "The IRO agreed.")
        phrases = [t.phrase for t in app.screen.query_one(ExplainPanel).terms]
        assert sorted(phrases) == ["IRO", "LA"]  # never "MARAC", from the view
