"""The safety network and the safety plan: links from rules to the worries they answer survive
save, resume and render; reviews are kept as history and survive restart and crash."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from sos_assistant.dialogue import AnswerError, Engine, build_map, find_dialogue, run_answers
from sos_assistant.dialogue.answers import normalise
from sos_assistant.model import load_map
from sos_assistant.render import render_bytes, render_text
from sos_assistant.store import SLOW_ENV, open_store
from tests.sessions import built_map, resume

GOLDEN = Path(__file__).parent / "golden" / "safety-plan"


def answers(name: str = "fuller") -> Any:
    return yaml.safe_load((GOLDEN / f"{name}.answers.yaml").read_text(encoding="utf-8"))


def first_walk() -> dict[str, Any]:
    """The family's first walk: everything but the review (they come back for that)."""
    out = dict(answers())
    out["review"] = None
    return out


def saved_session(name: str = "plan") -> None:
    with open_store() as store:
        engine = resume(store, name, find_dialogue("safety-plan"), audience="family")
        run_answers(engine, first_walk())
        assert engine.finished
        store.record_snapshot(name, build_map(engine))


def test_rules_link_to_the_worries_they_answer_through_save_resume_and_render() -> None:
    saved_session()
    with open_store() as store:  # a new process would open it the same way
        the_map = built_map(store, "plan")
    rules = the_map.safety_plan.rules if the_map.safety_plan else []
    assert [(r.id, r.addresses) for r in rules] == [("R1", ["W1"]), ("R2", ["W2"]), ("R3", None)]
    assert load_map(the_map.to_yaml()) == the_map
    assert load_map(the_map.to_json()) == the_map

    text = render_text(the_map, "txt")
    worry = text.index("The worry: W1:")
    rule = text.index("If Sam and I start to argue")
    assert worry < rule < text.index("The worry: W2:") < text.index("If I go out at night")
    assert text.index("Other rules") < text.index("Every Sunday, Grandad Sol")
    html = render_text(the_map, "html")
    group = html[html.index('The worry:</strong> <span dir="auto">W1:') :]
    assert group.index("If Sam and I start to argue") < group.index("</div>")
    md = render_text(the_map, "md")
    assert md.index("**The worry:** W1:") < md.index("If Sam and I start to argue")


def test_a_rule_can_name_its_own_id_and_more_than_one_worry() -> None:
    engine = Engine(find_dialogue("safety-plan"))
    run_answers(
        engine,
        {
            "worries": ["W1: Milo could be hurt.", "W2: Finn could be alone at night."],
            "rules": ["R7: For W1 and W2, Pearl stays over on Fridays and texts Kelly at 9."],
        },
    )
    (rule,) = build_map(engine).safety_plan.rules  # type: ignore[union-attr]
    assert (rule.id, rule.addresses) == ("R7", ["W1", "W2"])
    assert engine.prompt("review").related == [("R7", rule.text)]


def test_helpers_knowing_the_worries_are_recorded_in_the_familys_words() -> None:
    engine = Engine(find_dialogue("safety-plan"))
    run_answers(
        engine,
        {
            "network": [
                "Dev",
                {"name": "Jo", "knows_worries": True},
                {"name": "Al", "knows_worries": "not yet"},
            ]
        },
    )
    network = build_map(engine).network or []
    assert [(h.name, h.knows_worries) for h in network] == [
        ("Dev", None),
        ("Jo", "yes"),
        ("Al", "no"),
    ]
    step = find_dialogue("safety-plan").step("network")
    with pytest.raises(AnswerError, match="knows_worries must be one of"):
        normalise(step, [{"name": "Dev", "knows_worries": "maybe"}])


def test_the_gentle_check_says_when_no_helper_knows_yet_and_never_blocks() -> None:
    engine = Engine(find_dialogue("safety-plan"))
    run_answers(engine, {"network": [{"name": "Rafi", "knows_worries": "partly"}]})
    check = engine.prompt("network-check").ask
    assert "no one knows all about the worries yet" in check
    assert "That is OK" in check
    assert engine.finished  # the walk went on to the end
    engine = Engine(find_dialogue("safety-plan"))
    run_answers(engine, {"network": [{"name": "Rafi", "knows_worries": "yes"}]})
    assert "These helpers know about the worries: Rafi" in engine.prompt("network-check").ask


def _review(day: str, **marks: str) -> dict[str, Any]:
    return {"date": day, "marks": [{"rule": r, "status": s} for r, s in marks.items()]}


def test_reviews_are_kept_as_history_and_survive_a_restart() -> None:
    saved_session()
    first = [_review("2026-12-14", R1="working", R2="sometimes", R3="not yet")]
    with open_store() as store:
        engine = resume(store, "plan", find_dialogue("safety-plan"))
        assert engine.finished
        engine.edit("review", first)  # saved before it returns
        store.record_snapshot("plan", build_map(engine))
    with open_store() as store:  # a month later, after a restart
        engine = resume(store, "plan", find_dialogue("safety-plan"))
        assert engine.prompt("review").previous == [
            {**first[0], "marks": [*first[0]["marks"][:2], {"rule": "R3", "status": "not_yet"}]}
        ]
        later = _review("2027-01-11", R1="working", R2="working", R3="sometimes")
        engine.edit("review", [*engine.prompt("review").previous, later])
        store.record_snapshot("plan", build_map(engine))
    with open_store() as store:
        the_map = built_map(store, "plan")
        history = store.history("plan")
    plan = the_map.safety_plan
    assert plan is not None
    assert [r.date for r in plan.reviews] == [dt.date(2026, 12, 14), dt.date(2027, 1, 11)]
    assert [m.status for m in plan.reviews[1].marks] == ["working", "working", "sometimes"]
    assert len(history) == 3  # the plan, then each review, kept in the session's history
    text = render_text(the_map, "txt")
    assert "  R2    Sometimes    Working" in text  # the timeline: one column per review
    assert render_bytes(the_map, "pdf")[:5] == b"%PDF-"


def _plain(home: Path, slow_ms: int) -> subprocess.Popen[str]:
    env = {**os.environ, "SOS_ASSISTANT_HOME": str(home), "TERM": "dumb", SLOW_ENV: str(slow_ms)}
    return subprocess.Popen(
        [sys.executable, "-m", "sos_assistant.cli", "--plain", "--session", "plan"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=home,  # a copy saved "here" goes to the test's folder, never the working copy
    )


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_review_shown_as_saved_survives_a_crash(private_home: Path) -> None:
    """Plain mode says "Saved." only after the review is committed: kill it right then."""
    saved_session()
    proc = _plain(private_home, slow_ms=0)
    assert proc.stdin is not None and proc.stdout is not None
    # Yes, check the plan; who; R1 working + note; R2 sometimes, no note; R3 skipped.
    proc.stdin.write("yes\nTess and Dev\n1\nTwice at Nan Joy's.\n2\n\n\n")
    proc.stdin.flush()  # the input stays open: the program waits at the next question
    seen = ""
    deadline = time.monotonic() + 60
    while "Saved." not in seen and time.monotonic() < deadline:
        seen += proc.stdout.readline()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert "Saved." in seen
    db = next(private_home.rglob("*.db"))
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with open_store() as store:
        plan = built_map(store, "plan").safety_plan
    assert plan is not None
    (review,) = plan.reviews
    assert review.date == dt.date.today() and review.by == "Tess and Dev"
    assert [(m.rule, m.status, m.note) for m in review.marks] == [
        ("R1", "working", "Twice at Nan Joy's."),
        ("R2", "sometimes", None),
    ]


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_crash_at_any_moment_keeps_the_reviews_whole(private_home: Path) -> None:
    """Killed at random moments while a review is saved: the store is sound, and the review is
    there whole or not at all (never a half review)."""
    import random

    saved_session()
    rng = random.Random(20261201)
    for _ in range(4):
        proc = _plain(private_home, slow_ms=30)
        assert proc.stdin is not None
        proc.stdin.write("yes\nTess\n1\n\n3\nNot tried yet.\n2\n\n")
        proc.stdin.close()
        time.sleep(rng.uniform(0.3, 2.5))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        with open_store() as store:
            plan = built_map(store, "plan").safety_plan
        assert plan is not None
        for review in plan.reviews:
            assert [m.status for m in review.marks] == ["working", "not_yet", "sometimes"]


def test_plain_mode_through_a_pipe_makes_the_headless_plan(private_home: Path) -> None:
    typed = [
        "",  # welcome
        "Tess",
        "Milo",
        "",  # no other children
        "",  # why the network matters
        "Auntie Pearl", "my sister", "1", "picks Milo up from school", "07700 900123",
        "Dev", "neighbour", "not yet", "", "",
        "",  # no more helpers
        "",  # the gentle check
        "W1: They worry Milo could get hurt if the adults fight.", "",
        "For W1: Milo is calm at home.", "",
        "",  # what a rule says
        "For W1: If we argue, I take Milo to Nan Joy's and text Pearl that night.",
        "Every Sunday, Grandad Sol comes for tea.", "",
        "",  # the children's part
        "I can tell Pearl.", "",
        "Every two weeks, with Pearl.",
        "skip",  # no review the first time
        "",  # well done
        "no",  # no copy
    ]  # fmt: skip
    env = {**os.environ, "SOS_ASSISTANT_HOME": str(private_home), "TERM": "dumb"}
    done = subprocess.run(
        [sys.executable, "-m", "sos_assistant.cli", "--plain", "safety-plan", "--session", "p"],
        input="\n".join(typed) + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
        cwd=private_home,
    )
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout
    assert "These helpers know about the worries: Auntie Pearl." in done.stdout
    headless = Engine(find_dialogue("safety-plan"))
    run_answers(
        headless,
        {
            "your-name": "Tess",
            "child-name": "Milo",
            "network": [
                {
                    "name": "Auntie Pearl",
                    "relationship": "my sister",
                    "knows_worries": "yes",
                    "helps_with": "picks Milo up from school",
                    "reach": "07700 900123",
                },
                {"name": "Dev", "relationship": "neighbour", "knows_worries": "no"},
            ],
            "worries": ["W1: They worry Milo could get hurt if the adults fight."],
            "goals": ["For W1: Milo is calm at home."],
            "rules": [
                "For W1: If we argue, I take Milo to Nan Joy's and text Pearl that night.",
                "Every Sunday, Grandad Sol comes for tea.",
            ],
            "child-can": ["I can tell Pearl."],
            "review-when": "Every two weeks, with Pearl.",
        },
    )
    with open_store() as store:
        assert built_map(store, "p") == build_map(headless)
    assert render_text(build_map(headless), "txt").strip() in done.stdout


def nasty_plan() -> Any:
    from sos_assistant.model import Helper, Map, PlanReview, RuleMark, SafetyPlan, Statement
    from tests.test_render import NASTY

    return Map(
        network=[
            Helper(name=n, relationship=NASTY[5], knows_worries="partly", helps_with=NASTY[8])
            for n in NASTY[:4]
        ],
        safety_plan=SafetyPlan(
            rules=[Statement(text=t, id=f"R{i}") for i, t in enumerate(NASTY, 1)],
            child_can=[Statement(text=t) for t in NASTY],
            review=NASTY[9],
            reviews=[
                PlanReview(
                    date=dt.date(2026, 12, 1),
                    by=NASTY[5],
                    marks=[RuleMark(rule="R1", status="working", note=NASTY[8])],
                    note=NASTY[3],
                )
            ],
        ),
    )


@pytest.mark.parametrize("fmt", ["md", "html", "txt", "docx", "pdf"])
def test_hostile_words_in_the_plan_stay_inert_in_every_format(fmt: str) -> None:
    import re

    data = render_bytes(nasty_plan(), fmt)
    if fmt in ("docx", "pdf"):
        assert data[:2] == b"PK" if fmt == "docx" else data[:5] == b"%PDF-"
        return
    out = data.decode("utf-8")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)
    assert "stolen title" in out
    if fmt == "html":
        assert "<script>" not in out and "&lt;script&gt;" in out
    if fmt == "md":
        assert "\\# Heading?" in out and "\\| a \\| table \\|" in out and "\\<script\\>" in out
