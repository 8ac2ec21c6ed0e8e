"""The store's API: sessions, autosave, resume, snapshots, rename."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sos_assistant.dialogue import AnswerError, EngineError, Script, build_map, run_answers
from sos_assistant.model import Event
from sos_assistant.session.autosave import AutosaveError
from sos_assistant.store import Store, StoreError, open_store
from tests.sessions import built_map, resume
from tests.store.helpers import load_answers, moves, reference_run


def _saved_count(home: Path, name: str) -> int:
    with sqlite3.connect(home / "sessions.db") as db:
        row = db.execute("SELECT events FROM sessions WHERE lookup = ?", (name,)).fetchone()
    return int(row[0])


def test_a_new_session_is_recorded_with_who_and_framework(store: Store, family: Script) -> None:
    engine = resume(store, "Kai", family, framework="wellbeing", audience="advocate")
    [info] = store.list_sessions()
    assert (info.name, info.dialogue, info.audience) == ("Kai", "family-conference", "advocate")
    assert info.framework == engine.framework  # the framework in use
    assert store.export_session("Kai")["framework"] == "wellbeing"  # the one asked for
    assert (info.answered, info.finished) == (0, False)
    assert info.total == len(family.questions)
    assert info.created == info.updated


def test_each_answer_is_on_disk_before_the_engine_moves(
    store: Store, family: Script, home: Path
) -> None:
    engine = resume(store, "Kai", family)
    seen: list[tuple[int, int]] = []

    def check(event: Event) -> None:  # subscribed after autosave: runs before the move
        seen.append((_saved_count(home, "Kai"), len(engine.done_steps())))

    engine.subscribe(check)
    engine.answer(None)  # the welcome (info) step
    engine.answer("Dani")
    engine.skip()
    assert seen == [(1, 0), (2, 1), (3, 2)]


def test_resume_carries_on_where_it_stopped(home: Path, family: Script) -> None:
    answers = load_answers()
    with open_store() as first:
        engine = resume(first, "Kai", family)
        engine.answer(None)
        engine.answer("Dani")
        engine.answer("Kai")
        path = list(engine.path)
    with open_store() as second:
        engine = resume(second, "Kai", family)
        assert engine.path == path
        assert engine.current is not None and engine.current.id == "other-children"
        run_answers(engine, answers)
        assert engine.finished
        info = second.info("Kai")
    assert info.finished and (info.answered, info.total) == engine.progress()
    expected_events, expected_map = reference_run(family, answers)
    with open_store() as third:
        assert moves(third.events("Kai")) == moves(expected_events)
        assert built_map(third, "Kai").to_yaml() == expected_map


def test_a_session_of_another_dialogue_is_refused(store: Store, family: Script) -> None:
    from sos_assistant.dialogue import find_dialogue

    resume(store, "Kai", family)
    with pytest.raises(StoreError, match="belongs to the dialogue 'family-conference'"):
        resume(store, "Kai", find_dialogue("advocate-understanding"))


def test_bad_names_are_refused_plainly(store: Store, family: Script) -> None:
    with pytest.raises(StoreError, match="needs a name"):
        resume(store, "   ", family)
    with pytest.raises(StoreError, match="one line"):
        resume(store, "a\x1b[2Jb", family)
    with pytest.raises(StoreError, match="no saved session called 'nobody'"):
        store.events("nobody")


def test_a_refused_move_saves_nothing(store: Store, family: Script) -> None:
    engine = resume(store, "Kai", family)
    engine.answer(None)
    with pytest.raises(AnswerError):
        engine.answer("   ")  # empty text is not an answer
    with pytest.raises(EngineError):
        engine.jump("harm")  # not reached yet
    assert len(store.events("Kai")) == 1
    engine.answer("Dani")
    assert moves(store.events("Kai"))[-1] == ("answer", "your-name", "Dani")


def test_snapshots_follow_the_rules(store: Store, family: Script) -> None:
    answers = load_answers()
    engine = resume(store, "Kai", family)
    engine.answer(None)
    assert store.record_snapshot("Kai", build_map(engine)) is None  # not finished
    run_answers(engine, answers)
    first = store.record_snapshot("Kai", build_map(engine))
    assert first is not None and first.number == 1
    assert store.record_snapshot("Kai", build_map(engine)) is None  # the same map again
    # Re-opened and changed: the family's own number goes up.
    scale = next(s.id for s in family.steps if s.kind == "scale")
    engine.edit(scale, {"score": 8, "why": "Lee has moved out for now."})
    second = store.record_snapshot("Kai", build_map(engine))
    assert second is not None and second.number == 2
    history = store.history("Kai")
    assert [s.number for s in history] == [1, 2]
    assert history[1].ratings[0].score == 8
    assert history[0].ratings[0].score != 8
    assert history[0].events < history[1].events


def test_rename_keeps_everything(store: Store, family: Script) -> None:
    engine = resume(store, "Kai", family)
    engine.answer(None)
    engine.answer("Dani")
    before = store.events("Kai")
    store.rename("Kai", "Kai, spring review")
    assert not store.exists("Kai")
    assert store.events("Kai, spring review") == before
    resume(store, "other", family)
    with pytest.raises(StoreError, match="already a session called 'other'"):
        store.rename("Kai, spring review", "other")


def test_list_is_most_recent_first_with_progress(store: Store, family: Script) -> None:
    a = resume(store, "a", family)
    b = resume(store, "b", family)
    b.answer(None)
    b.answer("Dani")
    a.answer(None)
    names = [(s.name, s.answered) for s in store.list_sessions()]
    assert names == [("a", 0), ("b", 1)]


def test_a_page_of_the_newest_and_a_search_read_only_what_they_need(
    store: Store, family: Script
) -> None:
    for name in ("Kai at home", "Ruby", "KAI, spring", "Ana", "kai again"):
        resume(store, name, family)
    assert store.count_sessions() == 5
    assert [s.name for s in store.list_sessions(2)] == ["kai again", "Ana"]
    assert [s.name for s in store.list_sessions(0)] == []
    assert len(store.list_sessions()) == 5
    found, matches = store.find_sessions("  kai ", 2)  # any case; the newest first
    assert ([s.name for s in found], matches) == (["kai again", "KAI, spring"], 3)
    found, matches = store.find_sessions("zebra", 2)
    assert (found, matches) == ([], 0)
    found, _ = store.find_sessions("", 10)  # nothing typed: every session, newest first
    assert [s.name for s in found] == [s.name for s in store.list_sessions()]
    (info,) = store.find_sessions("ruby", 5)[0]
    assert info == store.info("Ruby")


def test_the_same_session_in_two_windows_does_not_mix(home: Path, family: Script) -> None:
    with open_store() as one, open_store() as two:
        first = resume(one, "Kai", family)
        second = resume(two, "Kai", family)
        first.answer(None)
        with pytest.raises(AutosaveError, match="changed in another window"):
            second.answer(None)
        assert second.current is not None and second.current.id == "welcome"
        assert len(one.events("Kai")) == 1


def test_a_closed_store_says_so(home: Path, family: Script) -> None:
    store = open_store()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.list_sessions()


def test_a_store_from_before_the_newest_first_index_gains_it_and_keeps_its_version(
    home: Path, family: Script
) -> None:
    with open_store() as store:
        for name in ("a", "b", "c"):
            resume(store, name, family)
        before = [s.name for s in store.list_sessions(2)]
    with sqlite3.connect(home / "sessions.db") as db:  # as an older program left it
        db.execute("DROP INDEX sessions_newest")
        version = db.execute("PRAGMA user_version").fetchone()[0]
    with open_store() as store:
        assert [s.name for s in store.list_sessions(2)] == before == ["c", "b"]
    with sqlite3.connect(home / "sessions.db") as db:
        names = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        assert "sessions_newest" in names
        assert db.execute("PRAGMA user_version").fetchone()[0] == version  # older programs
