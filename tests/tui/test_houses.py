"""The Three Houses and Words and Pictures in the app: the houses fill as the child answers,
a child's houses join an adult's map only when ticked, a story's empty pages fill from a
chosen family map; and both conversations read well in plain mode through a pipe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from textual.pilot import Pilot
from textual.widgets import OptionList, SelectionList

from sos_assistant.dialogue import Engine, build_map, find_dialogue, run_answers
from sos_assistant.render import render_bytes
from sos_assistant.store import open_store
from sos_assistant.tui.app import SosApp
from sos_assistant.tui.screens.children import ChooseFamilyScreen, ChooseHousesScreen
from sos_assistant.tui.screens.map import ExportScreen, MapScreen
from sos_assistant.tui.widgets.houses import HousesView
from sos_assistant.tui.widgets.mapview import MapView
from tests.sessions import reopen, resume
from tests.tui.conftest import GOLDEN, no_blink
from tests.tui.helpers import give, type_text, walk
from tests.tui.test_plain import run_plain

SIZE = (80, 24)


def houses_app() -> SosApp:
    return SosApp(session_name="ruby", dialogue="three-houses", audience="family")


def _drawn(app: SosApp) -> str:
    return str(app.screen.query_one(HousesView).render())


async def _to_worries(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    app = pilot.app
    assert isinstance(app, SosApp)
    await give(pilot, app, None)  # hello
    await give(pilot, app, "Ruby")
    await give(pilot, app, None)  # the house of worries
    await give(pilot, app, "yes")
    await type_text(pilot, "When Dad shouts at night")
    await pilot.press("enter")
    await type_text(pilot, "<b>the dark</b> 😢")
    await pilot.press("enter")
    await pilot.pause()
    no_blink(app)
    await pilot.pause()


def test_houses_screen(snap_compare: Any) -> None:
    assert snap_compare(houses_app(), terminal_size=SIZE, run_before=_to_worries)


async def test_the_houses_fill_as_the_child_answers() -> None:
    app = houses_app()
    async with app.run_test(size=SIZE) as pilot:
        await _to_worries(pilot)
        drawn = _drawn(app)
        assert ">House of Worries<" in drawn
        assert "When Dad shouts" in drawn and "<b>the dark</b> 😢" in drawn  # not yet saved
        await pilot.press("enter")  # done with the worries
        await pilot.pause()
        await give(pilot, app, ["the big boys"])  # one more worry
        assert app.session is not None
        assert app.session.engine.current is not None
        assert app.session.engine.current.id == "good-intro"
        drawn = _drawn(app)
        assert ">House of Good Things<" in drawn and "… +" in drawn  # the newest in view
        assert "the big boys" in drawn
        view = app.screen.query_one(HousesView)
        assert view.region.bottom <= app.screen.query_one("#buttons").region.y  # all in view
        await walk(
            pilot, app, {"good-ready": "not_now", "dreams-ready": "yes", "dreams": ["A cat"]}
        )
        voice = app.session.map().child_voice
        assert voice is not None
        assert [s.text for s in voice[0].worries] == [
            "When Dad shouts at night",
            "<b>the dark</b> 😢",
            "the big boys",
        ]
        assert voice[0].good_things == [] and [s.text for s in voice[0].dreams] == ["A cat"]


async def test_other_dialogues_have_no_houses() -> None:
    app = SosApp(session_name="f", dialogue="family-conference", audience="family")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query(HousesView)


def _save(name: str, dialogue: str, answers: dict[str, Any]) -> None:
    store = open_store()
    engine = resume(store, name, find_dialogue(dialogue), audience="family")
    run_answers(engine, answers)
    store.close()


def _family_answers() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (GOLDEN / "family-conference" / "fuller.answers.yaml").read_text(encoding="utf-8")
    )
    return data


async def test_a_childs_houses_join_the_map_only_when_ticked() -> None:
    _save("ruby", "three-houses", {"name": "Ruby", "worries-ready": "yes", "worries": ["x y z"]})
    _save("jojo", "three-houses", {"name": "Jojo", "good-ready": "yes", "good-things": ["ball"]})
    _save("family", "family-conference", _family_answers())
    app = SosApp(session_name="family", dialogue="family-conference", audience="family")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)  # a finished session opens on its map
        assert app.screen.shown_map().child_voice is None
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ChooseHousesScreen)
        ticks = app.screen.query_one(SelectionList)
        assert ticks.option_count == 2
        ticks.select("ruby")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        shown = app.screen.shown_map()
        assert shown.child_voice is not None and [v.child for v in shown.child_voice] == ["Ruby"]
        assert shown.worries == app.session.map().worries if app.session else False
        text = " ".join(str(s.render()) for s in app.screen.query_one(MapView).query("ChildPart"))
        assert "In Ruby's own words" in text and "x y z" in text and "Jojo" not in text
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.the_map is not None and app.screen.the_map.child_voice is not None


async def test_a_storys_empty_pages_fill_from_a_chosen_family_map() -> None:
    _save("family", "family-conference", _family_answers())
    _save("story", "words-and-pictures", {"children": "Kai", "page-family": "Kai lives with Mum."})
    app = SosApp(session_name="story", dialogue="words-and-pictures", audience="family")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ChooseFamilyScreen)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 1  # the family map, not the story itself
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.session is not None
        answers = app.session.engine.answers
        assert answers["page-family"] == "Kai lives with Mum."  # written pages are kept
        assert "Priya" in answers["page-worried"]
        assert isinstance(app.screen, MapScreen)
        shown = " ".join(str(s.render()) for s in app.screen.query("ChildPart"))
        assert "Page 2: Who is worried" in shown and "Priya" in shown
        assert "A child may find this page hard to read" in shown  # the coach, for a child
    # the filled pages were saved, as answers are
    again = reopen(open_store(), "story")
    assert "Priya" in again.answers["page-worried"]


def _typed(dialogue: str, answers: dict[str, Any]) -> list[str]:
    """What a person types in plain mode for these answers."""
    engine = Engine(find_dialogue(dialogue))
    lines: list[str] = []
    while (step := engine.current) is not None:
        value = answers.get(step.id)
        if step.kind == "info" or value is None:
            lines.append("")
            engine.answer(None) if step.kind == "info" else engine.skip()
            continue
        if step.kind == "text":
            lines.append(value)
        elif step.kind == "list":
            lines += [*value, ""]
        elif step.kind == "scale":
            lines += [str(value["score"]), value.get("why", "")]
        elif step.kind == "choice":
            lines.append(str([c.value for c in step.choices].index(value) + 1))
        engine.answer(value)
    return lines


def test_both_conversations_read_well_through_a_pipe(tmp_path: Path, private_home: Path) -> None:
    for dialogue, case in (("three-houses", "fuller"), ("words-and-pictures", "fuller")):
        answers = yaml.safe_load((GOLDEN / dialogue / f"{case}.answers.yaml").read_text())
        out = tmp_path / dialogue
        typed = "\n".join([*_typed(dialogue, answers), str(out)]) + "\n"
        result = run_plain(["--plain", dialogue, "--session", "p"], typed, private_home)
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout and "{{" not in result.stdout
        headless = Engine(find_dialogue(dialogue))
        run_answers(headless, answers)
        expected = build_map(headless)
        assert (out / "p.html").read_bytes() == render_bytes(expected, "html")
        if dialogue == "three-houses":
            assert "What are your worries?" in result.stdout
            assert "I don't want to say" in result.stdout
            assert "My dog Bess!!" in (out / "p.txt").read_text(encoding="utf-8")
        else:
            assert "Page 3, what happened." in result.stdout
        private_home = tmp_path / f"home-{dialogue}"
