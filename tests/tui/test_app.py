"""Pilot tests: every step kind, the full family walk, the map, crisis, help, quick exit and
safe text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from textual.widgets import Input, SelectionList

from sos_assistant.dialogue import Engine, build_map, find_dialogue, run_answers
from sos_assistant.render import render_text
from sos_assistant.session import Session
from sos_assistant.store import open_store
from sos_assistant.tui.app import QUICK_EXIT, SosApp
from sos_assistant.tui.screens.crisis import CrisisScreen, SafeNowScreen
from sos_assistant.tui.screens.help import HelpScreen
from sos_assistant.tui.screens.home import FirstRunScreen, HomeScreen
from sos_assistant.tui.screens.map import ExportScreen, MapScreen
from sos_assistant.tui.screens.question import COACH_DELAY, QuestionScreen
from tests.sessions import reopen, resume
from tests.tui.conftest import ALL_KINDS, GOLDEN
from tests.tui.helpers import give, to_home, type_text, walk

ALL_ANSWERS: dict[str, Any] = {
    "name": "Dani",
    "worries": [
        "Kai could get hurt if the adults fight.",
        {"text": "Dani drinks every night.", "dispute": "One glass on Fridays."},
    ],
    "fw": "not_sure",
    "number": {"score": 6, "why": "Things are calmer."},
    "people": [{"name": "Auntie Bev", "role": "network"}],
    "sure": False,
}


def kinds_app() -> SosApp:
    return SosApp(session_name="test", dialogue=ALL_KINDS, audience="practitioner")


async def test_first_run_then_home() -> None:
    app = SosApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")  # a parent or family member
        await pilot.pause()
        await pilot.press("enter")  # the first of the conversations for families
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session is not None
        assert app.session.engine.script.id == "family-conference"


async def test_every_step_kind_is_answered_and_saved() -> None:
    app = kinds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.session is not None
        engine = app.session.engine
        seen = []
        while not engine.finished:
            step = engine.current
            assert step is not None
            seen.append(step.kind)
            await give(pilot, app, ALL_ANSWERS.get(step.id))
        assert seen == ["info", "text", "list", "choice", "scale", "people", "confirm"]
    saved = reopen(open_store(), "test", find_dialogue(ALL_KINDS))
    assert saved.answers == {"hello": None, **ALL_ANSWERS}


async def test_list_items_can_be_edited_removed_and_reordered() -> None:
    app = kinds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await give(pilot, app, None)  # hello
        await give(pilot, app, "Dani")
        for text in ("one", "two", "three"):
            await type_text(pilot, text)
            await pilot.press("enter", "enter")  # statement, then an empty view
        await pilot.press("shift+tab")  # from the box up to the list of items
        focused = app.focused
        assert focused is not None and focused.id == "items"
        await pilot.press("end", "u")  # move "three" up
        await pilot.press("home", "r")  # remove "one"
        await pilot.press("e")  # edit "three": it goes back into the box
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.value == "three"
        await type_text(pilot, "!")
        await pilot.press("enter")
        await type_text(pilot, "not so")
        await pilot.press("enter", "enter")
        assert app.session is not None
        assert app.session.engine.answers["worries"] == [
            {"text": "three!", "dispute": "not so"},
            "two",
        ]


async def test_back_skip_and_saved_banner() -> None:
    app = kinds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await give(pilot, app, None)
        await give(pilot, app, "Dani")
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert "Saved" in str(screen.query_one("#banner").render())
        await pilot.press("f5")
        await pilot.pause()
        assert app.session is not None
        assert app.session.engine.current is not None
        assert app.session.engine.current.id == "name"
        assert isinstance(app.focused, Input) and app.focused.value == "Dani"
        await pilot.press("f6")
        await pilot.pause()
        assert app.session.engine.answers["name"] is None


async def test_each_question_starts_with_its_own_answer_not_the_last_one() -> None:
    """The answer box is reused between steps of the same kind; what was typed for one step
    must never show (or be saved) as the answer to the next."""
    app = SosApp(session_name="fresh", dialogue="family-conference")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await give(pilot, app, None)  # welcome
        await give(pilot, app, "Sam")  # your name
        assert app.session is not None and app.session.engine.current is not None
        assert app.session.engine.current.id == "child-name"
        assert isinstance(app.focused, Input) and app.focused.value == ""
        await give(pilot, app, "Lee")
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.value == "Lee"
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.value == "Sam"
        await pilot.press("f7", "f7")  # keep both answers as they are
        await pilot.pause()
        assert app.session.engine.current.id == "other-children"
        await give(pilot, app, [{"name": "Rio"}])
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert screen.answer_widget().value() is None  # the next people step starts empty
        assert app.session.engine.answers["your-name"] == "Sam"
        assert app.session.engine.answers["child-name"] == "Lee"


@pytest.mark.slow
async def test_family_walk_exports_the_same_map_as_the_headless_runner(tmp_path: Path) -> None:
    answers = yaml.safe_load((GOLDEN / "family-conference" / "fuller.answers.yaml").read_text())
    app = SosApp(session_name="walk", dialogue="family-conference")
    out = tmp_path / "out"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await walk(pilot, app, answers)
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#folder", Input).value = str(out)
        app.screen.query_one("#formats", SelectionList).select_all()
        await pilot.press("enter")
        await pilot.pause()
    headless = Engine(find_dialogue("family-conference"))
    run_answers(headless, answers)
    expected = build_map(headless)
    for fmt in ("md", "html", "txt"):
        assert (out / f"walk.{fmt}").read_text(encoding="utf-8") == render_text(expected, fmt)
    assert (out / "walk.pdf").read_bytes()[:5] == b"%PDF-"
    assert (out / "walk.docx").read_bytes()[:2] == b"PK"
    assert {p.stat().st_mode & 0o777 for p in out.iterdir()} == {0o600}  # copies stay private
    assert open_store().history("walk")


async def test_stop_mid_question_keeps_what_was_typed_as_a_draft() -> None:
    app = kinds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await give(pilot, app, None)
        await type_text(pilot, "Half typed name")
        await pilot.press("f10")
        await pilot.pause()
    saved = reopen(open_store(), "test", find_dialogue(ALL_KINDS))
    assert "name" not in saved.answers  # a draft, not an answer
    again = kinds_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.session is not None and again.session.engine.current is not None
        assert again.session.engine.current.id == "name"  # the same question, not the next
        assert isinstance(again.focused, Input) and again.focused.value == "Half typed name"
        await pilot.press("enter")
        await pilot.pause()
        assert again.session.engine.answers["name"] == "Half typed name"


async def test_quick_exit_saves_and_says_so() -> None:
    app = kinds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await give(pilot, app, None)
        await type_text(pilot, "Dani")
        await pilot.press("f12")
        await pilot.pause()
    assert app.return_value == QUICK_EXIT
    saved = Session.open(open_store(), "test", find_dialogue(ALL_KINDS))
    assert saved.draft == ("name", "Dani") and "name" not in saved.engine.answers


async def test_crisis_panel_opens_by_key_and_on_danger_words_and_never_blocks() -> None:
    app = kinds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await give(pilot, app, None)
        await give(pilot, app, "I am not safe tonight")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SafeNowScreen)  # asked gently before going on
        await pilot.press("enter")  # safe now; keep the words
        await pilot.pause()
        assert app.session is not None and app.session.engine.current is not None
        assert app.session.engine.current.id == "worries"
        assert app.session.engine.answers["name"] == "I am not safe tonight"


async def test_help_glossary_search() -> None:
    app = kinds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await type_text(pilot, "danger statement")
        text = str(app.screen.query_one("#terms").render())
        assert "anger" in text.lower()
        await pilot.press("escape")


async def test_help_shows_the_first_words_and_how_many_more_not_the_whole_glossary() -> None:
    """Thousands of terms drawn at once took over a second to open: the first ones are shown,
    with how many more there are, and typing narrows them down."""
    from sos_assistant.content import SEARCH_SHOWN as SHOWN
    from sos_assistant.content import glossary

    total = len(glossary().terms)
    app = kinds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        text = str(app.screen.query_one("#terms").render())
        assert f"There are {total - SHOWN:,} more." in text
        assert text.count("You could ask:") == SHOWN
        await type_text(pilot, "MARAC")
        text = str(app.screen.query_one("#terms").render())
        assert "MARAC" in text and "more." not in text


async def test_map_edit_changes_an_answer_in_place() -> None:
    app = kinds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await give(pilot, app, None)
        await give(pilot, app, "Dani")
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")  # the only answer: the name
        await pilot.pause()
        await pilot.press("ctrl+a")
        assert isinstance(app.focused, Input)
        app.focused.value = "Sam"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        assert app.session is not None
        assert app.session.engine.answers["name"] == "Sam"
        assert app.session.engine.current is not None
        assert app.session.engine.current.id == "worries"


async def test_user_text_is_inert_on_screen() -> None:
    app = kinds_app()
    nasty = "\x1b]0;pwned\x07[bold red]x[/] \x1b[2J"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await give(pilot, app, None)
        focused = app.focused
        assert isinstance(focused, Input)
        focused.insert_text_at_cursor(nasty)
        assert "\x1b" not in focused.value and "\x07" not in focused.value
        await pilot.press("enter")
        await pilot.pause()
        svg = app.export_screenshot()
        assert "\x1b" not in svg
        assert "[bold red]" in svg.replace("&#160;", " ") or "bold&#160;red" in svg


async def test_screenshot_command_is_gone() -> None:
    app = kinds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles and not any("screenshot" in t.lower() for t in titles)
        assert app.deliver_screenshot() is None


async def test_the_key_bar_shows_every_key_and_a_click_presses_it() -> None:
    from sos_assistant.tui.screens.common import KeyBar

    app = kinds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        line = str(bar.render())
        for shown in ("F1 Help", "F2 Map", "F4 Danger now", "F12 Quick exit"):
            assert shown in line
        await pilot.click(KeyBar, offset=(line.index("F4") + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.click(KeyBar, offset=(line.index("F1") + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_ticked_formats_are_told_apart_without_colour() -> None:
    """The save dialog's boxes show X only when ticked, so NO_COLOR and high contrast work."""
    from sos_assistant.tui.widgets.ticks import TickList

    app = kinds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        ticks = app.screen.query_one("#formats", TickList)

        def boxes() -> list[str]:
            return [ticks.render_line(y).text[:3] for y in range(ticks.option_count)]

        assert boxes() == ["▐X▌", "▐X▌", "▐ ▌", "▐ ▌", "▐X▌"]  # pdf, html, docx, md, txt
        ticks.focus()
        ticks.highlighted = 2
        await pilot.press("space")
        await pilot.pause()
        assert boxes()[2] == "▐X▌"
        assert "docx" in ticks.selected


async def test_the_examples_key_is_offered_only_where_there_are_examples() -> None:
    from sos_assistant.tui.screens.common import KeyBar

    app = SosApp(session_name="examples", dialogue="family-conference")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.session is not None and app.session.engine.current is not None
        assert app.session.engine.current.id == "welcome"  # reading, no examples
        assert "Examples" not in str(app.screen.query_one(KeyBar).render())
        await give(pilot, app, None)
        assert app.session.engine.current.examples  # "your name" has examples
        assert "F3 Examples" in str(app.screen.query_one(KeyBar).render())


async def test_the_chosen_theme_is_remembered_for_next_time() -> None:
    app = kinds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = "high-contrast"
        await pilot.pause()
    again = kinds_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "high-contrast"


async def test_a_finished_session_opens_on_a_full_height_map() -> None:
    """Opened straight on the map (no question shown first), the map fills the screen and
    its buttons take one row: every style the map needs loads with it."""
    answers = yaml.safe_load((GOLDEN / "family-conference" / "fuller.answers.yaml").read_text())
    store = open_store()
    engine = resume(store, "done", find_dialogue("family-conference"))
    run_answers(engine, answers)
    store.close()
    app = SosApp(session_name="done")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        assert app.screen.query_one("#buttons").region.height == 1
        assert app.screen.query_one("#map-view").region.height >= 30


async def test_prompts_wrap_to_the_screen_not_to_the_lines_of_the_file() -> None:
    app = SosApp(session_name="rehearsal", dialogue="practitioner-mapping", audience="practitioner")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#ask").render())
        assert "before you map with the family, so that" in shown
        assert "\n- Use first names" in shown  # list items still start their own lines


async def test_a_long_question_stays_in_view_while_the_answer_box_is_typed_in() -> None:
    app = SosApp(session_name="long", dialogue="practitioner-mapping", audience="practitioner")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for value in [None, "safety", "Priya (social worker)", "Kai", None, None, None, None]:
            await give(pilot, app, value)
        assert app.session is not None and app.session.engine.current is not None
        assert app.session.engine.current.id == "danger-statements"  # long, with two boxes
        ask = app.screen.query_one("#ask")
        assert "Write each danger statement" in str(ask.render())
        assert fully_on_screen(app, ask)
        assert isinstance(app.focused, Input) and fully_on_screen(app, app.focused)


def fully_on_screen(app: SosApp, widget: Any) -> bool:
    """Not scrolled (even partly) out of its container's view."""
    where = app.screen.find_widget(widget)
    return where.region.intersection(where.clip) == where.region


async def test_coach_tips_and_the_box_being_typed_in_are_both_in_view_at_80x24() -> None:
    app = SosApp(session_name="tips", dialogue="practitioner-mapping", audience="practitioner")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for value in [None, "safety", "Priya (social worker)", "Kai", None, None, None, None]:
            await give(pilot, app, value)
        await pilot.press(*"Mum is chaotic")  # typed, then a pause: the coach looks
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        coach = screen.query_one("#coach")
        for _ in range(20):  # the coach's first look loads its rules: give a busy machine time
            await pilot.pause(COACH_DELAY)
            if coach.display:
                break
        await pilot.pause()
        assert coach.display and "chaotic" in str(coach.render())
        assert fully_on_screen(app, app.focused)
        first_line = screen.query_one("#coach-box")
        where = app.screen.find_widget(first_line)
        assert where.region.intersection(where.clip).height > 0
        await pilot.press("f9")  # ignore: the tips go and the question has its room back
        await pilot.pause()
        assert not coach.display and not screen.query_one("#ask-box").has_class("-coaching")
        assert fully_on_screen(app, screen.query_one("#ask"))


async def test_a_page_to_read_uses_the_whole_screen() -> None:
    app = SosApp(session_name="read", dialogue="advocate-understanding", audience="advocate")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.session is not None and app.session.engine.current is not None
        assert app.session.engine.current.kind == "info"
        ask = app.screen.query_one("#ask")
        assert "Go at the parent's pace" in str(ask.render())
        assert fully_on_screen(app, ask)


async def test_dialogs_show_what_the_tool_is_and_the_keys_that_work_everywhere() -> None:
    """Danger now, help and the map's dialogs are all screens too: the line saying what the
    tool is and the keys for help, danger now and quick exit must show on each."""
    from sos_assistant.tui.screens.common import KeyBar

    app = kinds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for keys in (
            ["f4"],
            ["escape", "f1"],
            ["escape", "f2", "s"],
            ["escape", "n"],
            ["escape", "c"],
        ):
            await pilot.press(*keys)
            await pilot.pause()
            assert app.screen.is_modal, keys
            assert app.screen.query(".about"), type(app.screen).__name__
            line = str(app.screen.query_one(KeyBar).render())
            for shown in ("Esc Close", "F1 Help", "F4 Danger now", "F12 Quick exit"):
                assert shown in line, (type(app.screen).__name__, line)
        await pilot.click(KeyBar, offset=(line.index("F12") + 1, 0))
        await pilot.pause()
    assert app.return_value == QUICK_EXIT


def test_numbers_over_time_are_dated_as_people_read_dates() -> None:
    import datetime as dt

    from sos_assistant.model import Map, Rating
    from sos_assistant.store import Snapshot
    from sos_assistant.tui.screens.map import history_text

    the_map = Map()
    the_map.scaling.ratings = [Rating(who="Dani", score=6)]
    when = dt.datetime(2026, 1, 5, 9, 30, 15, 123456, tzinfo=dt.UTC)
    shown = str(history_text([Snapshot(1, when, 3, the_map)]))
    assert when.astimezone().strftime("%d %b %Y %H:%M") in shown
    assert "+00:00" not in shown and ".123456" not in shown
    assert "Dani: 6" in shown


def test_the_answers_to_change_are_named_by_their_first_sentence_cut_between_words() -> None:
    from sos_assistant.tui.screens.map import _first_sentence, _short

    assert _first_sentence(
        "What is your child's name? If there is more than one, start with one."
    ) == ("What is your child's name?")
    long_answer = "Kai saw us shouting late at night and hid behind the sofa until the police came"
    assert (
        _short(long_answer)
        == "Kai saw us shouting late at night and hid behind the sofa until the …"
    )
    assert len(_short("x" * 200)) == 70 and _short("x" * 200).endswith("…")
    assert _short("") == ""


async def test_all_three_frameworks_show_without_scrolling_at_80x24() -> None:
    from textual.widgets import OptionList

    app = SosApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_home(pilot)
        await pilot.press("down", "down", "enter")  # an advocate
        await pilot.pause()
        await pilot.press("enter")  # the first conversation: the framework is asked
        await pilot.pause()
        choices = app.screen.query_one("#who", OptionList)
        assert choices.option_count == 3
        assert choices.max_scroll_y == 0 and fully_on_screen(app, choices)
