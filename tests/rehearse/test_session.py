"""A rehearsal: replies, tally and summary; saved like any session and reviewable later."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from sos_assistant.rehearse.session import SavedRehearsal, replay
from sos_assistant.rehearse.vignettes import find_vignette
from sos_assistant.store import open_store

QUESTIONS = [
    "What happened on Saturday night?",
    "Why did you let him in?",
    "Tell me about a time when Dele came back drunk and it did not get bad.",
    "How did you do that?",
    "Funmi, what would you be willing to do from now on?",
    "On a scale of 0 to 10, how safe is Tobi at home?",
]


def test_the_tally_counts_types_open_closed_and_the_three_questions() -> None:
    rehearsal = replay(find_vignette("nkechi-and-tobi"), [*QUESTIONS, "Is Tobi at nursery today?"])
    tally = rehearsal.tally()
    assert tally.counts == {
        "worries": 1, "next_steps": 1, "exception": 1, "scaling": 1, "amplify": 1, "closed": 1,
        "why": 1,
    }  # fmt: skip
    assert (tally.open, tally.closed, tally.poor) == (5, 1, 1)
    assert tally.three == {"worries": 1, "working_well": 1, "next_steps": 2}


def test_using_a_name_changes_who_answers() -> None:
    rehearsal = replay(find_vignette("nkechi-and-tobi"), QUESTIONS)
    assert [t.speaker for t in rehearsal.turns] == ["Nkechi"] * 4 + ["Funmi"] * 2


def test_the_summary_names_the_best_questions_and_one_thing_to_try() -> None:
    summary = replay(find_vignette("nkechi-and-tobi"), QUESTIONS).summary()
    best = [t.question for t in summary.best]
    assert best[0] == QUESTIONS[2]  # the exception question that opened things up
    assert QUESTIONS[1] not in best
    assert "why question" in summary.try_next
    lines = summary.lines()
    assert "  1 × a why question" in lines
    assert any(line.startswith("Open: 5") for line in lines)


def test_without_poor_questions_the_tip_is_the_question_not_yet_asked() -> None:
    rehearsal = replay(find_vignette("marcus-and-dante"), ["What is going well for Dante?"])
    assert "worries" in rehearsal.summary().try_next


def test_the_same_questions_always_get_the_same_replies() -> None:
    vignette = find_vignette("parvin-and-zara")
    one, two = replay(vignette, QUESTIONS), replay(vignette, QUESTIONS)
    assert [t.reply for t in one.turns] == [t.reply for t in two.turns]


def test_a_saved_rehearsal_comes_back_and_its_map_is_kept(private_home: Path) -> None:
    vignette = find_vignette("nkechi-and-tobi")
    store = open_store()
    saved = SavedRehearsal.open(store, vignette, "practice")
    replies = [saved.ask(q).reply for q in QUESTIONS[:3]]
    store.close()

    store = open_store()
    again = SavedRehearsal.resume(store, "practice")
    assert [t.reply for t in again.rehearsal.turns] == replies
    assert not again.rehearsal.finished_questions
    again.ask(QUESTIONS[3])
    again.end_questions()
    again.save_map(
        {
            "harm": ["Tobi hid under his bed while the adults shouted."],
            "danger_statements": [],
            "safety_goals": ["Tobi is calm at home every day for six months."],
            "scaling": ["0 to 10, where 10 is Tobi safe at home."],
        }
    )
    assert again.finished
    info = next(s for s in store.list_sessions() if s.name == "practice")
    assert (info.dialogue, info.finished) == ("rehearse-questions", True)
    snapshot = store.history("practice")[-1]
    assert snapshot.map.worries.harm[0].text.startswith("Tobi hid")
    assert again.drafts()["scaling"] == ["0 to 10, where 10 is Tobi safe at home."]
    assert [t.question for t in SavedRehearsal.resume(store, "practice").rehearsal.turns] == (
        QUESTIONS[:4]
    )
    db = next(private_home.rglob("*.db"), None) or next(private_home.rglob("*.sqlite*"))
    assert stat.S_IMODE(os.stat(db).st_mode) == 0o600


def run_plain(args: list[str], stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sos_assistant.cli", "rehearse", "--plain", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "TERM": "dumb"},
    )


def test_plain_mode_through_a_pipe(private_home: Path) -> None:
    lines = "\n".join(QUESTIONS[:4]) + "\nend\nTobi hid under his bed.\n\n\n\n\n"
    done = run_plain(["nkechi-and-tobi", "--session", "piped"], lines)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "You: Why did you let him in?" in out
    assert "Nkechi: Why? I don't know why." in out
    assert 'A why question (it starts with "why")' in out
    assert "Try: What was happening for you just before you let him in?" in out
    assert "What you asked" in out and "1 × an exception question" in out
    assert "Your map and the model map" in out
    assert "- Tobi hid under his bed." in out
    assert "\x1b" not in out

    review = run_plain(["--session", "piped"], "")
    assert review.returncode == 0, review.stderr
    assert "You: How did you do that?" in review.stdout
    assert "Your map and the model map" in review.stdout


def test_plain_mode_stopped_without_end_can_carry_on(private_home: Path) -> None:
    first = run_plain(["shirley-and-mya", "--session", "later"], "What is going well?\n")
    assert first.returncode == 0, first.stderr
    second = run_plain(["--session", "later"], "What else?\nend\n\n\n\n\n")
    assert "You: What is going well?" in second.stdout
    assert "2 ×" not in second.stdout.split("What you asked")[0]
    assert "1 × an amplifying follow-up" in second.stdout


def test_a_reflection_for_supervision_makes_a_one_page_note(
    private_home: Path, tmp_path: Path
) -> None:
    answers = Path(__file__).parent.parent / "golden" / "supervision-reflection"
    done = subprocess.run(
        [sys.executable, "-m", "sos_assistant.cli", "run", "supervision-reflection",
         "--answers", str(answers / "fuller.answers.yaml"), "--session", "nowak"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = tmp_path / "note.txt"
    done = subprocess.run(
        [sys.executable, "-m", "sos_assistant.cli", "rehearse", "--note", "nowak", "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    note = out.read_text(encoding="utf-8")
    assert note.startswith("Reflection for supervision: The Nowak family\n")
    assert "The parents.\n" in note and "* Marta rang me herself" in note
    assert "What will you try next?" in note
    assert len(note.splitlines()) <= 60 and max(len(line) for line in note.splitlines()) <= 80
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600


def test_the_reflection_asks_about_all_twelve_aims() -> None:
    from sos_assistant.dialogue import find_dialogue

    script = find_dialogue("supervision-reflection")
    asks = "\n".join(s.ask for s in script.steps)
    assert [n for n in range(1, 13) if f"\n{n}. " not in asks and f" {n}. " not in asks] == []


def test_a_question_that_cannot_be_saved_is_taken_back(
    private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sos_assistant.store import StoreError

    vignette = find_vignette("nkechi-and-tobi")
    store = open_store()
    saved = SavedRehearsal.open(store, vignette, "full-disk")
    saved.reply(QUESTIONS[0])
    saved.save()

    def refuse(*args: object, **kwargs: object) -> None:
        raise StoreError("the disk is full")

    with monkeypatch.context() as patch:
        patch.setattr(store, "append", refuse)
        saved.reply(QUESTIONS[2])
        with pytest.raises(StoreError):
            saved.save()
    assert saved.questions == [QUESTIONS[0]]
    turn = saved.ask(QUESTIONS[3])
    assert turn.reply == replay(vignette, [QUESTIONS[0], QUESTIONS[3]]).turns[-1].reply
    assert SavedRehearsal.resume(open_store(), "full-disk").questions == [
        QUESTIONS[0],
        QUESTIONS[3],
    ]
