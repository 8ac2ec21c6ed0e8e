"""Pilot tests: the app never loses a word and never answers for the person."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from textual import events
from textual._time import get_time
from textual.containers import VerticalScroll
from textual.widgets import Input, OptionList, Select

from sos_assistant.store import open_store
from sos_assistant.tui import store_factory
from sos_assistant.tui.app import SosApp
from sos_assistant.tui.screens.crisis import CrisisScreen, SafeNowScreen
from sos_assistant.tui.screens.home import HomeScreen
from sos_assistant.tui.screens.passphrase import PassphraseScreen
from sos_assistant.tui.screens.question import QuestionScreen
from tests.tui.conftest import ALL_KINDS
from tests.tui.helpers import give, to_home, type_text


def kinds_app() -> SosApp:
    return SosApp(session_name="test", dialogue=ALL_KINDS, audience="practitioner")


async def to_step(pilot: object, app: SosApp, step_id: str) -> None:
    assert app.session is not None
    while app.session.engine.current is not None and app.session.engine.current.id != step_id:
        await give(pilot, app, None)  # type: ignore[arg-type]


async def test_the_home_list_is_highlighted_so_the_first_enter_chooses() -> None:
    app = SosApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_home(pilot)
        assert app.screen.query_one("#who", OptionList).highlighted == 0


async def test_a_second_enter_while_a_session_opens_does_not_answer_the_first_question() -> None:
    app = SosApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # a parent: which conversation (there are several)
        await pilot.pause()
        seen: list[str] = []
        real_open = app.open_session

        def open_session(*args: object) -> None:  # what the screen says while it opens
            seen.append(str(app.screen.query_one("#home-note").render()))
            seen.append(str(app.opening))
            real_open(*args)  # type: ignore[arg-type]

        app.open_session = open_session  # type: ignore[method-assign,assignment]
        pressed = get_time()  # a key pressed while the session was still opening
        await pilot.press("enter")  # getting ready for the conference: it starts opening
        await pilot.pause()
        assert seen and "Opening" in seen[0] and seen[1] == "True"
        await pilot.pause(0.3)
        assert isinstance(app.screen, QuestionScreen)
        first = app.session.engine.current if app.session else None
        late = events.Key("enter", "\r")
        late.time = pressed
        app.post_message(late)
        await pilot.pause(0.3)
        assert app.session is not None and app.session.engine.current == first
        await pilot.press("f7")  # a key pressed now counts
        await pilot.pause()
        assert app.session.engine.current != first


async def test_editing_a_list_item_keeps_its_words_esc_cancels_ctrl_z_undoes() -> None:
    app = kinds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await to_step(pilot, app, "worries")
        for text in ("one", "two"):
            await type_text(pilot, text)
            await pilot.press("enter", "enter")
        await pilot.press("shift+tab")  # up to the list: a row is highlighted at once
        await pilot.press("e")
        await pilot.pause()
        box = app.focused
        assert isinstance(box, Input) and box.value == "one"
        await pilot.press("x")  # typing adds to the words, never replaces them
        assert box.value == "onex" and box.cursor_position == 4
        await pilot.press("ctrl+z")
        assert box.value == "one"
        await pilot.press("escape")  # cancel the change: the row is back as it was
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        widget = app.screen.answer_widget()
        assert getattr(widget, "items", None) == ["one", "two"]


async def test_going_back_to_a_number_keeps_the_reason() -> None:
    app = kinds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await to_step(pilot, app, "number")
        await give(pilot, app, {"score": 6, "why": "calmer"})
        await pilot.press("f5")  # back to the number
        await pilot.pause()
        await pilot.press("tab")
        box = app.focused
        assert isinstance(box, Input) and box.value == "calmer"
        await pilot.press("!")
        assert box.value == "calmer!"


async def test_enter_on_the_role_box_adds_the_person_and_the_role_starts_afresh() -> None:
    app = kinds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await to_step(pilot, app, "people")
        await type_text(pilot, "Bev")
        await pilot.press("tab")  # to the role box
        assert isinstance(app.focused, Select)
        app.focused.value = "worker"
        await pilot.press("enter")  # adds Bev as a worker
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        widget = app.screen.answer_widget()
        assert getattr(widget, "items", None) == [{"name": "Bev", "role": "worker"}]
        assert app.screen.query_one("#role", Select).value == "network"  # the step's own
        hint = " ".join(str(s.render()) for s in app.screen.query(".hint"))
        assert "role" in hint


async def test_a_list_item_in_danger_now_opens_the_panel_at_once_and_asks_gently() -> None:
    app = kinds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await to_step(pilot, app, "worries")
        await type_text(pilot, "I might hurt myself tonight")
        await pilot.press("enter", "enter")  # added (with an empty view)
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        assert "Page Down" in str(app.screen.query_one("#crisis-more").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SafeNowScreen)
        await pilot.press("down", "enter")  # safe now; take my words off the map
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert getattr(app.screen.answer_widget(), "items", None) == []
        await type_text(pilot, "Kai is scared")
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        assert app.session is not None
        assert app.session.engine.answers["worries"] == ["Kai is scared"]
        assert "hurt myself" not in app.session.map().to_yaml()


async def test_every_number_is_reachable_at_80x24() -> None:
    app = kinds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        box = app.screen.query_one("#crisis-scroll", VerticalScroll)
        for _ in range(30):
            await pilot.press("pagedown")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y
        await pilot.press("up")
        await pilot.pause()
        assert box.max_scroll_y == 0 or box.scroll_y < box.max_scroll_y


async def test_the_app_takes_the_passphrase_from_the_environment_or_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store() as store:
        store.protect("blue kettle river")
    secret = tmp_path / "pass.txt"
    secret.write_text("blue kettle river\n")
    for ns, env in (
        (argparse.Namespace(passphrase_file=str(secret)), None),
        (argparse.Namespace(), "blue kettle river"),
    ):
        if env:
            monkeypatch.setenv("SOS_ASSISTANT_PASSPHRASE", env)
        app = SosApp(store_factory=store_factory(ns))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert not isinstance(app.screen, PassphraseScreen)
            assert app.store is not None and not app.store.is_locked


async def test_two_quick_enters_on_home_start_one_session_only() -> None:
    app = SosApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        home = app.screen
        who = home.query_one("#who", OptionList)
        who.action_select()  # a parent: the list now asks which conversation
        await pilot.pause()
        who.action_select()  # two Enters, both reaching the list before it opens
        who.action_select()
        await pilot.pause(0.5)
        assert isinstance(app.screen, QuestionScreen)
        assert app.store is not None and len(app.store.list_sessions()) == 1


async def test_a_picked_number_without_a_reason_is_a_draft_not_an_answer() -> None:
    from sos_assistant.tui.widgets.scale import ScaleBar

    app = kinds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await to_step(pilot, app, "number")
        await pilot.press("6")
        await pilot.press("f10")
        await pilot.pause()
    again = kinds_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.session is not None and again.session.engine.current is not None
        assert again.session.engine.current.id == "number"
        assert "number" not in again.session.engine.answers
        assert again.screen.query_one(ScaleBar).score == 6
