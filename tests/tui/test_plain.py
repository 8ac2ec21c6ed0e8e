"""Plain mode through a pipe: the same conversation and the same map as the headless runner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from sos_assistant.dialogue import Engine, build_map, find_dialogue, run_answers
from sos_assistant.dialogue.answers import knows_value
from sos_assistant.render import render_text
from tests.tui.conftest import GOLDEN


def lines_for(answers: dict[str, Any]) -> list[str]:
    """What a person types in plain mode for these answers (walked with a headless engine)."""
    engine = Engine(find_dialogue("family-conference"))
    lines: list[str] = []
    while (step := engine.current) is not None:
        value = answers.get(step.id)
        if step.kind == "info" and step.suggest and value:
            lines.append("add")  # one word puts the suggested questions in the person's list
        elif step.kind == "info" or value is None:
            lines.append("")
        elif step.kind == "text":
            lines.append(value)
        elif step.kind == "list":
            for item in value:
                lines.append(" ".join((item if isinstance(item, str) else item["text"]).split()))
                if step.views:
                    dispute = item.get("dispute", "") if isinstance(item, dict) else ""
                    lines.append(" ".join(dispute.split()))
            lines.append("")
        elif step.kind == "people":
            lines += [f"{p['name']}, {p['role']}" for p in value] + [""]
        elif step.kind == "network":
            for helper in value:
                row = {"name": helper} if isinstance(helper, str) else helper
                knows = row.get("knows_worries")
                number = {"yes": "1", "partly": "2", "no": "3"}.get(str(knows_value(knows)), "")
                lines += [row["name"], row.get("relationship", ""), number]
                lines += [row.get("helps_with", ""), row.get("reach", "")]
            lines.append("")
        elif step.kind == "scale":
            lines += [str(value["score"]), value.get("why", "")]
        elif step.kind == "choice":
            lines.append(str([c.value for c in step.choices].index(value) + 1))
        elif step.kind == "confirm":
            lines.append("yes" if value else "no")
        if step.kind == "info":
            engine.answer(value if step.suggest else None)
        elif value is None:
            engine.skip()
        else:
            engine.answer(value)
    return lines


def run_plain(args: list[str], text: str, env_home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOS_ASSISTANT_HOME": str(env_home), "TERM": "dumb"}
    return subprocess.run(
        [sys.executable, "-m", "sos_assistant.cli", *args],
        input=text,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.slow
def test_plain_walk_makes_the_headless_map(tmp_path: Path, private_home: Path) -> None:
    answers = yaml.safe_load((GOLDEN / "family-conference" / "fuller.answers.yaml").read_text())
    out = tmp_path / "maps"
    typed = "\n".join([*lines_for(answers), str(out)]) + "\n"
    result = run_plain(["--plain", "family-conference", "--session", "p"], typed, private_home)
    assert result.returncode == 0, result.stderr
    assert "Question 1 of" in result.stdout
    assert "\x1b" not in result.stdout
    headless = Engine(find_dialogue("family-conference"))
    run_answers(headless, answers)
    expected = build_map(headless)
    for fmt in ("txt", "html"):
        assert (out / f"p.{fmt}").read_text(encoding="utf-8") == render_text(expected, fmt)
    assert (out / "p.pdf").read_bytes()[:5] == b"%PDF-"
    assert render_text(expected, "txt").strip() in result.stdout


def test_plain_stop_and_resume(private_home: Path) -> None:
    first = run_plain(
        ["--plain", "family-conference", "--session", "s"], "\nDani\nstop\n", private_home
    )
    assert first.returncode == 0
    assert "saved" in first.stdout.lower()
    second = run_plain(["--plain", "family-conference", "--session", "s"], "", private_home)
    assert "Question 2 of" in second.stdout  # carries on at the child's name


def test_plain_words_and_crisis(private_home: Path) -> None:
    typed = "\nhelp\nconference\n\ndanger\nback\nI am not safe tonight\nmap\nstop\n"
    result = run_plain(["--plain", "family-conference", "--session", "w"], typed, private_home)
    assert result.returncode == 0
    assert "999" in result.stdout
    assert "conference" in result.stdout.lower()
    assert "Our map" in result.stdout or "map" in result.stdout.lower()


def test_plain_help_reads_out_the_first_words_and_how_many_more(private_home: Path) -> None:
    """A search that matches most of the glossary ("a") reads out 25 meanings, not thousands."""
    from sos_assistant.content import SEARCH_SHOWN

    typed = "\nhelp\na\n\nstop\n"
    result = run_plain(["--plain", "family-conference", "--session", "h"], typed, private_home)
    assert result.stdout.count("You could ask:") == SEARCH_SHOWN
    assert "more. Type more of the word to find the one you want." in result.stdout


def test_plain_never_imports_textual() -> None:
    code = (
        "import sys, sos_assistant.plain, sos_assistant.tui_text; print('textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_plain_says_each_paragraph_on_one_line(private_home: Path) -> None:
    """A screen reader or braille display wraps text itself; the dialogue file's line breaks
    must not cut sentences in two."""
    result = run_plain(["--plain", "practitioner-mapping", "--session", "r"], "\n", private_home)
    lines = result.stdout.splitlines()
    assert any("before you map with the family, so that on the day" in line for line in lines), (
        result.stdout
    )
    assert any(
        line.startswith("- Use first names or made-up names only. Do not put") for line in lines
    )


def test_plain_mode_lists_the_meanings_after_each_pasted_worry(private_home: Path) -> None:
    meeting = [""] * 8  # the meeting's kind, date, time, place, chair; the worker's details
    typed = ["", "", "Shona", "Tia", "Marcus", *meeting, "", "", PASTED, "", "stop"]
    args = ["--plain", "advocate-understanding", "--session", "a"]
    out = run_plain(args, "\n".join(typed) + "\n", private_home).stdout
    after = out.split("Words in this, in plain words:")[1]
    for phrase in ('"presents as hostile":', '"LA":', '"PLO":'):
        assert phrase in after
    assert "A worker felt someone was angry" in after


PASTED = "Mum presents as hostile and the LA will start PLO."


DANGERS = [
    "The school is worried that Lee may shout at Kai again, and Kai could be scared.",
    "Priya is worried that Lee will drive after drinking, and Kai could be badly hurt.",
]


def test_plain_lists_the_danger_statements_still_to_do_and_links_a_goal_for_d2(
    private_home: Path,
) -> None:
    """Through a pipe: before the goals question each danger statement is listed with its
    handle and "(still to do)"; a goal typed "For D2: ..." answers D2, so the map then marks
    only D1 as still to do."""
    typed = ["", "1", "Priya (social worker)", "Kai", "", "", "", ""]
    typed += [DANGERS[0], "", DANGERS[1], "", "", "", "", ""]  # each with no view of its own
    typed += ["For D2: Lee takes the bus after a drink; Bev sees this for six months.", ""]
    typed += ["map", "stop"]
    args = ["--plain", "practitioner-mapping", "--session", "g"]
    result = run_plain(args, "\n".join(typed) + "\n", private_home)
    assert result.returncode == 0, result.stderr
    before, after = result.stdout.split("For D2: Lee takes the bus", 1)[0], result.stdout
    assert f"D1 (still to do): {DANGERS[0]}" in before
    assert f"D2 (still to do): {DANGERS[1]}" in before
    page = after.rsplit("Draft map for Kai", 1)[1]  # the map, shown by the word "map"
    assert page.count("Still to do") == 1
    assert page.index(DANGERS[0][:30]) < page.index("Still to do") < page.index("drive after")
