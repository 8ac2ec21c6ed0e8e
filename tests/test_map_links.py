"""Safety goals linked to the danger statements they answer, from the handles people type.

The practitioner dialogue asks for danger statements numbered "D1: ..." and goals saying
"For D1: ...". Typed like that (in the app, plain mode or an answers file), the map links them,
so the coach can tell which danger statement still has no goal.
"""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path
from typing import Any

from sos_assistant.cli import coach as command
from sos_assistant.coach import Coach
from sos_assistant.dialogue import Engine, build_map, find_dialogue, run_answers
from sos_assistant.model import Map

BASE: dict[str, Any] = {
    "framework": "safety",
    "practitioner-name": "Priya (social worker)",
    "child-name": "Kai",
    "own-number": 4,
    "second-person": "Dani",
    "second-number": 6,
    "more-numbers": False,
}


def practitioner_map(dangers: list[Any], goals: list[Any]) -> Map:
    engine = Engine(find_dialogue("practitioner-mapping"))
    run_answers(engine, {**BASE, "danger-statements": dangers, "safety-goals": goals})
    return build_map(engine)


def test_typed_handles_become_ids_and_links_and_the_words_stay_as_typed() -> None:
    the_map = practitioner_map(
        [
            "D1: Priya is worried that if the adults fight at night, Kai could be hurt.",
            "d2. The school is worried that Kai will keep missing breakfast.",
        ],
        [
            "For D1: the adults talk away from Kai, or one leaves until calm, for six months.",
            "for d1 and D2, Nan checks in each morning.",
            "For 6 months, Kai eats breakfast at home.",
        ],
    )
    dangers = the_map.worries.danger_statements
    goals = the_map.needs_to_happen.safety_goals
    assert [d.id for d in dangers] == ["D1", "D2"]
    assert dangers[1].text.startswith("d2. The school")  # verbatim
    assert [g.addresses for g in goals] == [["D1"], ["D1", "D2"], None]


def test_given_ids_win_and_a_repeated_handle_is_not_taken_twice() -> None:
    the_map = practitioner_map(
        [
            {"id": "A", "text": "D1: given an id already"},
            "D1: first typed",
            "D1: typed again by mistake",
        ],
        [{"text": "For D1: typed", "addresses": ["A"]}],
    )
    assert [d.id for d in the_map.worries.danger_statements] == ["A", "D1", None]
    assert the_map.needs_to_happen.safety_goals[0].addresses == ["A"]


def test_the_coach_names_the_danger_statement_that_has_no_goal() -> None:
    the_map = practitioner_map(
        [
            "D1: Priya is worried that if the adults fight at night, Kai could be hurt.",
            "D2: The school is worried that Kai will keep missing breakfast and fall behind.",
        ],
        ["For D1: the adults talk away from Kai, or one leaves until calm, for six months."],
    )
    missing = [f for f in Coach().check_map(the_map) if f.rule == "map-danger-without-goal"]
    assert [(f.slot, f.advice) for f in missing] == [("worries.danger_statements[1]", False)]


def test_coach_map_quotes_the_danger_statement_still_to_do(tmp_path: Path) -> None:
    """A person running ``coach --map`` reads which statement has no goal, not only its place;
    the words are shown inert, and the JSON keeps the contract's keys only."""
    the_map = practitioner_map(
        ["D1: The school is worried Lee may shout at Kai.\x1b[2J", "D2: Lee may drive drunk."],
        ["For D2: Lee takes the bus after a drink, and Bev sees it, for six months."],
    )
    path = tmp_path / "map.yaml"
    path.write_text(the_map.to_yaml(), encoding="utf-8")

    def run(*args: str) -> str:
        parser = argparse.ArgumentParser()
        command.configure(parser)
        out = io.StringIO()
        command.run(parser.parse_args(["--map", str(path), *args]), io.StringIO(""), out)
        return out.getvalue()

    text = run()
    place = text.index("worries.danger_statements[0] [structure: map-danger-without-goal]")
    assert text.index("“D1: The school is worried Lee may shout at Kai.�[2J”") > place
    assert "\x1b" not in text
    assert "Lee may drive drunk" not in text  # D2 has its goal
    assert all("text" not in finding for finding in json.loads(run("--json")))
