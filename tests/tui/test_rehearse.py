"""Practising questions in the app: home -> family -> chat with tally -> summary -> map."""

from __future__ import annotations

from textual.widgets import OptionList, Static, TextArea

from sos_assistant.rehearse.session import SavedRehearsal
from sos_assistant.store import open_store
from sos_assistant.tui.app import SosApp
from sos_assistant.tui.screens.home import FirstRunScreen, HomeScreen
from sos_assistant.tui.screens.rehearse import (
    RehearseScreen,
    RehearseSummaryScreen,
    VignettePickScreen,
)
from sos_assistant.tui.screens.rehearse_map import RehearseMapScreen
from tests.tui.helpers import type_text


def shown(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def test_practise_ask_see_reply_feedback_tally_then_summary_and_map() -> None:
    app = SosApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        who = app.screen.query_one("#who", OptionList)
        who.highlighted = [o.id for o in who._options].index("rehearse")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, VignettePickScreen)
        families = app.screen.query_one("#vignettes", OptionList)
        families.highlighted = [o.id for o in families._options].index("nkechi-and-tobi")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RehearseScreen)
        assert "second-floor flat" in shown(screen, "#card")

        await type_text(pilot, "Why did you let him in?")
        await pilot.press("enter")
        await type_text(pilot, "Tell me about a time when it did not get bad.")
        await pilot.press("enter")
        await pilot.pause()
        turns = [str(t.render()) for t in screen.query(".turn")]
        assert len(turns) == 2
        assert "A why question" in turns[0] and "Try: What was happening" in turns[0]
        assert "Nkechi: Why? I don't know why." in turns[0]
        assert "An exception question" in turns[1] and "Funmi's" in turns[1]
        assert len(screen.query(".poor")) == 1
        tally = shown(screen, "#tally")
        assert "exception: 1" in tally and "why: 1" in tally
        assert "✓ Working well: 1" in tally and "· Worries: 0" in tally

        await type_text(pilot, "end")
        await pilot.press("enter")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, RehearseSummaryScreen)
        text = shown(summary, "#summary-text")
        assert "1 × a why question" in text
        assert "Questions that worked best" in text
        assert "One thing to try next time" in text

        await pilot.press("enter")  # write the map
        await pilot.pause()
        writing = app.screen
        assert isinstance(writing, RehearseMapScreen)
        assert isinstance(app.focused, TextArea)
        app.focused.insert("On Saturday Tobi hid under his bed while the adults shouted.")
        await pilot.press("tab")
        assert isinstance(app.focused, TextArea)
        app.focused.insert("Mum is in denial.")
        await pilot.pause(0.4)
        assert "In denial" in shown(writing, "#coach-danger_statements")
        await pilot.press("f8")
        await pilot.pause()
        compare = shown(writing, "#model-text")
        assert "On Saturday Tobi hid under his bed" in compare
        assert "Funmi will tell the social worker" in compare
    store = open_store()
    (info,) = store.list_sessions()
    assert info.finished and info.dialogue == "rehearse-questions"
    saved = SavedRehearsal.resume(store, info.name)
    assert saved.drafts()["danger_statements"] == ["Mum is in denial."]


async def test_a_saved_practice_reopens_from_home_for_review() -> None:
    store = open_store()
    from sos_assistant.rehearse.vignettes import find_vignette

    saved = SavedRehearsal.open(store, find_vignette("marcus-and-dante"), "practice")
    saved.ask("What is going well for you and Dante?")
    saved.end_questions()
    store.close()
    app = SosApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")  # the saved session
        await pilot.pause()
        assert isinstance(app.screen, RehearseSummaryScreen)
        turns = [str(t.render()) for t in app.screen.query(".turn")]
        assert any("What is going well for you and Dante?" in t for t in turns)


async def test_user_text_in_the_chat_stays_inert() -> None:
    store = open_store()
    from sos_assistant.rehearse.vignettes import find_vignette

    SavedRehearsal.open(store, find_vignette("shirley-and-mya"), "p")
    store.close()
    app = SosApp(session_name="p")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RehearseScreen)
        await type_text(pilot, "What [bold]happened[/bold] \x1b[31m?")
        await pilot.press("enter")
        await pilot.pause()
        (turn,) = app.screen.query(".turn")
        assert "[bold]happened[/bold]" in str(turn.render())
