"""Rule files: the packaged rules are valid, and every diagnostic code has a broken fixture."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from sos_assistant.coach import Coach, RuleError, load_rules, validate_rules
from sos_assistant.coach.schema import CATEGORIES
from sos_assistant.resources import content_dir

FIXTURES = Path(__file__).with_name("fixtures")
BROKEN = sorted(p for p in (FIXTURES / "broken").iterdir() if p.is_dir())


def test_packaged_rules_are_valid() -> None:
    assert validate_rules() == []
    rules = load_rules()
    assert len(rules.rules) >= 60
    assert {r.category for r in rules.rules} == set(CATEGORIES)


def test_default_rules_are_cached() -> None:
    assert load_rules() is load_rules()


def test_every_rule_explains_itself_and_suggests_something() -> None:
    for rule in load_rules().rules:
        spec = rule.spec
        assert len(spec.why) > 20, rule.id
        assert spec.replace or spec.ask or spec.suggest, rule.id


def test_every_rule_is_documented() -> None:
    docs = (content_dir().parent / "docs" / "coach.md").read_text(encoding="utf-8")
    missing = [r.id for r in load_rules().rules if f"`{r.id}`" not in docs]
    assert missing == []


@pytest.mark.parametrize("folder", BROKEN, ids=lambda p: p.name)
def test_each_broken_fixture_gives_its_code_with_a_line(folder: Path) -> None:
    problems = validate_rules(folder)
    assert problems, folder
    assert folder.name in {p.code for p in problems}, problems
    for problem in problems:
        assert problem.line >= 1 and problem.file.endswith(".yaml")
        assert str(problem).startswith(f"{problem.file}:{problem.line}: ")
    with pytest.raises(RuleError) as raised:
        load_rules(folder)
    assert raised.value.diagnostics


def test_lines_point_at_the_problem() -> None:
    (problem,) = validate_rules(FIXTURES / "broken" / "C004")
    assert problem.line == 8 and "colour" in problem.message
    (problem,) = validate_rules(FIXTURES / "broken" / "C007")
    assert problem.line == 5


def test_an_empty_folder_is_reported(tmp_path: Path) -> None:
    (problem,) = validate_rules(tmp_path)
    assert problem.code == "C010"


def test_a_small_rules_folder_works() -> None:
    coach = Coach(load_rules(FIXTURES / "good"))
    (finding,) = coach.check("Gran brought stuff.")
    assert finding.rule == "stuff" and finding.suggestion == 'Write "things" instead.'
    assert finding.message == '"stuff" leaves the reader guessing.'
    assert [f.rule for f in coach.check("The LA said no.")] == ["shouty"]
    assert coach.check("La la la.") == []
    assert coach.check("THE LA SAID NO.") == []  # shouting is not an acronym


def test_loading_is_quick() -> None:
    start = time.perf_counter()
    load_rules(content_dir() / "coach")
    assert time.perf_counter() - start < 1.0  # the benchmark holds the real target


def test_the_coach_never_imports_textual() -> None:
    code = (
        "import sys, sos_assistant.coach, sos_assistant.cli.coach;"
        "sos_assistant.coach.Coach().check('Mum is in denial');"
        "sys.exit('textual' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
