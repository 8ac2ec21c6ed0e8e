"""The map screen as a parent reads it: a full family map at 80x24 and 120x40 (snapshots),
high contrast and NO_COLOR, and saving a copy they can find and open."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Button, Input, SelectionList, Static

from sos_assistant import opener
from sos_assistant.dialogue import find_dialogue, run_answers
from sos_assistant.tui.app import HIGH_CONTRAST, SosApp
from sos_assistant.tui.screens.map import ExportScreen, MapScreen
from sos_assistant.tui.widgets.mapview import Hanging, MapView
from sos_assistant.tui.widgets.progress import DONE, TO_DO, bar_text
from tests.sessions import resume
from tests.tui.conftest import GOLDEN, settle
from tests.tui.fakestore import FakeStore


def family_app() -> SosApp:
    """A finished family conference session, from the golden answers (a full map)."""
    store = FakeStore()
    engine = resume(store, "family", find_dialogue("family-conference"))
    answers = yaml.safe_load((GOLDEN / "family-conference" / "fuller.answers.yaml").read_text())
    run_answers(engine, answers)
    return SosApp(store_factory=lambda: store, session_name="family")


async def _columns_in_view(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    view = pilot.app.screen.query_one(MapView)
    view.scroll_to_widget(view.query_one(".map-columns"), animate=False, top=True)
    await settle(pilot)


def test_full_map_at_80x24(snap_compare: Any) -> None:
    assert snap_compare(family_app(), terminal_size=(80, 24), run_before=_columns_in_view)


def test_full_map_at_120x40(snap_compare: Any) -> None:
    assert snap_compare(family_app(), terminal_size=(120, 40), run_before=settle)


def _screen_text(app: SosApp) -> str:
    return "\n".join(w.lay_out(w.size.width).plain for w in app.screen.query(Hanging))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_columns_have_gutters_and_hanging_indents(size: tuple[int, int]) -> None:
    app = family_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MapScreen)
        cols = list(app.screen.query(".map-column"))
        assert len(cols) == 3
        for left, right in itertools.pairwise(cols):
            assert right.region.x - (left.region.x + left.region.width) >= 2  # a gutter
        worries = cols[0]
        assert isinstance(worries, Hanging)
        lines = worries.lay_out(worries.size.width).plain.split("\n")
        assert all(len(line) <= worries.size.width for line in lines)
        bullet = next(i for i, line in enumerate(lines) if line.startswith("• In March"))
        assert lines[bullet + 1].startswith("  ") and lines[bullet + 1].strip()  # hangs
        text = " ".join(_screen_text(app).split())
        assert "│ My view: I have one glass" in text
        assert "The family's view" not in text
        assert "said by Dani)" not in text  # the map is Dani's: her own words need no name
        assert "(said by the workers)" in text
        assert "Priya (Children's Services, Eastfield Council): 01234 567890" in text
        assert "What we hope for" in text and "What the workers need to see" in text


async def test_the_scale_line_and_its_key_read_on_screen() -> None:
    app = family_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        scaling = app.screen.query_one(".map-scaling", Hanging)
        lines = scaling.lay_out(scaling.size.width).plain.split("\n")
        axis = next(line for line in lines if line.strip().startswith("0   1   2"))
        marks = lines[lines.index(axis) + 2]
        assert marks.index("A") == axis.index("6") and marks.index("B") == axis.index("4")
        key = next(i for i, line in enumerate(lines) if line.strip().startswith("A  Dani: 6"))
        assert lines[key + 1].startswith(" " * 5)  # the reason hangs under the name


async def test_ctrl_t_turns_high_contrast_on_and_off_and_the_map_still_reads() -> None:
    app = family_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = app.theme
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.theme == HIGH_CONTRAST.name
        assert "What are we worried about?" in _screen_text(app)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == before


def test_the_progress_bar_reads_without_colour() -> None:
    """Under NO_COLOR the bar is still there: done and to-do are different characters."""
    bar = bar_text(3, 12, 20)
    assert bar.plain == DONE * 5 + TO_DO * 15
    assert bar_text(0, 0, 4).plain == TO_DO * 4
    assert isinstance(bar, Text)


async def test_progress_bar_under_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    store = FakeStore()
    resume(store, "q", find_dialogue("family-conference"))
    app = SosApp(store_factory=lambda: store, session_name="q")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f7")  # past the welcome
        for _ in range(4):  # and four questions skipped
            await pilot.press("f6")
            await pilot.pause()
        await settle(pilot)
        shown = str(app.screen.query_one("#bar", Static).render())
        assert DONE in shown and TO_DO in shown


async def _save(pilot: Pilot[Any], app: SosApp, folder: Path) -> ExportScreen:
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, ExportScreen)
    screen.query_one("#folder", Input).value = str(folder)
    await pilot.click("#save")
    await pilot.pause()
    return screen


async def test_save_a_copy_starts_in_documents_and_says_the_full_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = Path.home() / "Documents"
    documents.mkdir()
    opened: list[Path] = []
    monkeypatch.setattr(opener, "can_open", lambda: True)

    def fake_open(path: Path) -> bool:
        opened.append(path)
        return True

    monkeypatch.setattr(opener, "open_path", fake_open)
    app = family_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        assert screen.query_one("#folder", Input).value == str(documents)
        assert not screen.query_one("#open-folder", Button).display  # nothing saved yet
        assert screen.query_one(SelectionList).selected == ["pdf", "html", "txt"]
        await pilot.click("#save")
        await pilot.pause()
        said = str(screen.query_one("#export-result", Static).render())
        assert f"Your files are in this folder: {documents}" in said.replace("\n", " ")
        assert (documents / "family.pdf").exists()
        assert screen.query_one("#open-folder", Button).display
        assert app.focused is screen.query_one("#open-folder", Button)
        await pilot.press("enter")  # open the folder
        await pilot.press("tab", "enter")  # open the PDF
        await pilot.pause()
    assert opened == [documents, documents / "family.pdf"]


async def test_no_opener_no_open_buttons_and_no_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(opener, "can_open", lambda: False)
    app = family_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _save(pilot, app, tmp_path / "out")
        assert (tmp_path / "out" / "family.pdf").exists()
        assert not screen.query_one("#open-folder", Button).display
        assert not screen.query_one("#open-file", Button).display
        said = str(screen.query_one("#export-result", Static).render())
        assert str(tmp_path / "out") in said.replace("\n", "")


def test_open_path_never_fails_without_an_opener(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    assert opener.can_open() is False
    assert opener.open_path(tmp_path) is False


async def test_a_danger_statement_no_goal_answers_is_marked_still_to_do() -> None:
    """Two danger statements, one goal "For D2": the map screen marks D1 alone, under it."""
    store = FakeStore()
    engine = resume(store, "todo", find_dialogue("practitioner-mapping"))
    dangers = [
        "D1: The school is worried that Lee may shout at Kai again, and Kai could be scared.",
        "D2: Priya is worried that Lee will drive after drinking, and Kai could be hurt.",
    ]
    given: dict[str, Any] = {"framework": "safety", "child-name": "Kai"}
    given |= {"danger-statements": dangers}
    given |= {"safety-goals": ["For D2: Lee takes the bus after a drink, for six months."]}
    while (step := engine.current) is not None and step.slot != "scaling.ratings":
        if step.id in given:
            engine.answer(given[step.id])
        elif step.is_question:
            engine.skip()
        else:
            engine.answer(None)
    app = SosApp(store_factory=lambda: store, session_name="todo")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, MapScreen)
        text = " ".join(_screen_text(app).split())
        assert text.count("Still to do") == 1
        assert text.index("scared.") < text.index("Still to do") < text.index("D2: Priya")
        # As on the page: each goal says which danger statement it answers.
        assert "six months. (said by Practitioner) This answers worry: D2" in text
