"""A protected store: the app asks for the passphrase; a wrong one changes nothing."""

from __future__ import annotations

from pathlib import Path

from sos_assistant.dialogue import find_dialogue
from sos_assistant.store import open_store
from sos_assistant.tui.app import SosApp
from sos_assistant.tui.screens.home import HomeScreen
from sos_assistant.tui.screens.passphrase import PassphraseScreen
from tests.sessions import resume


def protected_store(home: Path) -> bytes:
    store = open_store(home)
    engine = resume(store, "ours", find_dialogue("family-conference"))
    engine.answer(None)
    engine.answer("Dani")
    store.protect("correct horse")
    store.close()
    return database_bytes(home)


def database_bytes(home: Path) -> bytes:
    """The main database file (the open app keeps its own -wal and -shm files beside it)."""
    side = ("-wal", "-shm", ".checked")  # .checked: the store's note of when it last checked
    (main,) = [p for p in home.iterdir() if p.is_file() and not p.name.endswith(side)]
    return main.read_bytes()


async def test_locked_store_asks_for_the_passphrase(private_home: Path) -> None:
    before = protected_store(private_home)
    app = SosApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PassphraseScreen)
        await pilot.press(*"wrong one", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PassphraseScreen)
        assert "did not match" in str(app.screen.query_one("#passphrase-problem").render())
        assert database_bytes(private_home) == before  # a wrong passphrase changes nothing
        await pilot.press(*"correct horse", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [s.name for s in app.sessions_store().list_sessions()] == ["ours"]


async def test_stopping_at_the_passphrase_leaves_everything_as_it_was(private_home: Path) -> None:
    protected_store(private_home)
    app = SosApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code in (0, None)
