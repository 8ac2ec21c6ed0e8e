"""The sos-map/1 format: validation messages with paths, round trips, the committed schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sos_assistant.model import MapError, load_map, map_json_schema

DOCS_SCHEMA = Path(__file__).parent.parent / "docs" / "sos-map-1.schema.json"

GOOD = """\
schema: sos-map/1
framework: safety
title: "Ruby's map"
date: 2026-11-20
people:
  - {name: Ruby, role: child, age: 1}
worries:
  harm: [She fell from the window in May.]
  danger_statements:
    - {text: Ruby could fall again., id: D1, said_by: the worker, dispute: The window lock is on.}
needs_to_happen:
  safety_goals: [{text: The window stays locked., addresses: [D1]}]
  next_steps: [{text: Fit the lock., who: Sam, by_when: Friday}]
scaling:
  question: How safe?
  ratings: [{who: Sam, score: 6, why: Lock is on.}, {who: Jo, score: 4.5}]
preparation:
  readiness: {prepared: yes, can_take_part: not_sure}
"""


def test_a_good_map_loads_and_writes_back_the_same() -> None:
    the_map = load_map(GOOD)
    again = load_map(the_map.to_yaml())
    assert again == the_map
    assert the_map.worries.harm[0].text == "She fell from the window in May."
    assert the_map.scaling.ratings[1].score == 4.5
    assert the_map.preparation is not None and the_map.preparation.readiness.prepared == "yes"
    assert load_map(the_map.to_json()) == the_map  # JSON is a map file too


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("score: 6", "score: 11"), "scaling.ratings[0].score: must be 0-10"),
        (("score: 4.5", "score: -1"), "scaling.ratings[1].score: must be 0-10"),
        (("score: 6", "score: six"), "scaling.ratings[0].score: must be a number from 0 to 10"),
        (
            ("role: child", "role: uncle"),
            "people[0].role: must be 'child', 'parent', 'carer', 'network', 'worker' or 'other'",
        ),
        (("id: D1,", "id: D1, colour: red,"), "worries.danger_statements[0].colour: unknown key"),
        (
            ("framework: safety", "framework: danger"),
            "framework: must be 'safety', 'wellbeing' or 'success'",
        ),
        (
            ("prepared: yes", "prepared: maybe"),
            "preparation.readiness.prepared: must be 'yes', 'not_sure' or 'no'",
        ),
        (("schema: sos-map/1", "schema: sos-map/2"), "schema: must be 'sos-map/1'"),
        (("title:", "titel:"), "titel: unknown key"),
    ],
)
def test_bad_maps_name_the_field_path(change: tuple[str, str], problem: str) -> None:
    with pytest.raises(MapError) as error:
        load_map(GOOD.replace(*change, 1))
    assert error.value.problems == [problem]


def test_not_yaml_is_reported_with_its_line() -> None:
    with pytest.raises(MapError, match="line 3: not valid YAML"):
        load_map("schema: sos-map/1\npeople: [\n")


def test_committed_schema_matches_the_models() -> None:
    assert json.loads(DOCS_SCHEMA.read_text(encoding="utf-8")) == map_json_schema()
