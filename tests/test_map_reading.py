"""Reading map files through the fast parsers gives the same maps and the same errors."""

from __future__ import annotations

import json

import pytest
import yaml

from sos_assistant.model import Map, MapError, Statement, load_map


def _a_map() -> Map:
    the_map = Map(title="Kai's map")
    the_map.worries.harm.append(Statement(text='On Friday there was shouting: é, 漢字, "quotes".'))
    the_map.working_well.strengths.append(Statement(text="Bev visits on Sundays.", said_by="Bev"))
    return the_map


def test_json_and_yaml_files_give_the_same_map() -> None:
    the_map = _a_map()
    assert load_map(the_map.to_json()) == the_map
    assert load_map(the_map.to_yaml()) == the_map


def test_yaml_written_in_flow_style_is_still_read() -> None:
    assert load_map("{schema: sos-map/1, title: Flow}").title == "Flow"


def test_a_broken_yaml_file_names_its_line() -> None:
    with pytest.raises(MapError, match=r"line 3: not valid YAML or JSON"):
        load_map("schema: sos-map/1\ntitle: A\n  - oops: [\n")


def test_a_broken_json_file_names_its_line() -> None:
    text = json.dumps({"schema": "sos-map/1", "title": "A"}, indent=1)[:-2] + ",,\n}"
    with pytest.raises(MapError, match=r"line \d+: not valid YAML or JSON"):
        load_map(text)


@pytest.mark.parametrize("bad", ["\x07", "\x00", "\ufffe"])
def test_characters_the_yaml_reader_refuses_are_still_refused(bad: str) -> None:
    with pytest.raises(MapError, match="not valid YAML or JSON"):
        load_map(f"schema: sos-map/1\ntitle: a{bad}b\n")


def test_json_nan_is_not_taken_as_a_number() -> None:
    text = '{"schema": "sos-map/1", "scaling": {"ratings": [{"who": "Mum", "score": NaN}]}}'
    with pytest.raises(MapError):
        load_map(text)


def test_a_valid_map_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The slow line-numbering loader is kept for reporting errors only."""

    def slow(text: str) -> None:
        raise AssertionError("the pure-Python loader read a valid map")

    monkeypatch.setattr(yaml, "safe_load", slow)
    the_map = _a_map()
    if hasattr(yaml, "CSafeLoader"):
        assert load_map(the_map.to_yaml()) == the_map
    assert load_map(the_map.to_json()) == the_map
