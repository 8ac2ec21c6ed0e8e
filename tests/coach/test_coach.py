"""The coach API as the TUI and the command line use it: findings, audiences, maps."""

from __future__ import annotations

import argparse
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sos_assistant.cli import coach as command
from sos_assistant.coach import FINDING_KEYS, Coach, Finding
from sos_assistant.model import STATEMENT_KINDS, map_from_data


@pytest.fixture(scope="module")
def coach() -> Coach:
    return Coach()


def test_in_denial_is_pointed_at_explained_and_answered(coach: Coach) -> None:
    (finding,) = coach.check("Mum is in denial")
    assert (finding.rule, finding.category) == ("in-denial", "judgement")
    assert "Mum is in denial"[finding.start : finding.end] == "in denial"
    assert finding.message and finding.suggestion.endswith("?")
    assert not finding.can_apply
    with pytest.raises(ValueError):
        finding.apply("Mum is in denial")


def test_json_dict_has_exactly_the_contract_keys(coach: Coach) -> None:
    (finding,) = coach.check("Mum is in denial")
    assert tuple(finding.to_dict()) == FINDING_KEYS


def test_findings_are_sorted_by_start(coach: Coach) -> None:
    findings = coach.check("Prior to the visit Mum was hostile and the LA was concerned.")
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    assert [f.rule for f in findings] == ["plain-prior-to", "hostile", "la", "concerns"]


def test_a_replacement_can_be_applied_keeping_capitals(coach: Coach) -> None:
    text = "Utilise the nursery and ensure Leo goes."
    findings = coach.check(text)
    assert [f.replacement for f in findings] == ["use", "make sure"]
    assert findings[0].apply(text) == "Use the nursery and ensure Leo goes."
    # Apply from the end so earlier offsets stay right.
    for finding in reversed(findings):
        text = finding.apply(text)
    assert text == "Use the nursery and make sure Leo goes."
    assert coach.check(text) == []


def test_apply_refuses_a_changed_statement(coach: Coach) -> None:
    (finding,) = coach.check("We will utilise it.")
    with pytest.raises(ValueError):
        finding.apply("We will use it.")


def test_replacement_follows_the_word_form(coach: Coach) -> None:
    (finding,) = coach.check("Dad utilised the money.")
    assert finding.replacement == "used"


def test_inflections_and_hyphens(coach: Coach) -> None:
    for text in ("Mum is non-compliant.", "Mum is non compliant.", "Mum is not compliant."):
        assert [f.rule for f in coach.check(text)] == ["non-compliant"], text
    assert [f.rule for f in coach.check("Mum’s presentation was flat.")] == ["presents-as"]


def test_word_boundaries(coach: Coach) -> None:
    assert coach.check("She poured the juice and issued the tickets.") == []
    assert coach.check("La la la, sang Ava.") == []


def test_quoted_words_are_left_alone(coach: Coach) -> None:
    assert coach.check('Zoe said "Dad has issues".') == []
    assert [f.rule for f in coach.check("Dad has issues.")] == ["issues"]


def test_family_hears_a_few_gentle_tips_about_words_only(coach: Coach) -> None:
    text = "The LA says I am in denial, hostile, chaotic and non-compliant and it is poor."
    findings = coach.check(text, "danger", "family")
    assert len(findings) == 3
    assert all(f.advice for f in findings)
    assert all(f.category in {"judgement", "jargon", "vague"} for f in findings)
    practitioner = coach.check(text, "danger", "practitioner")
    assert len(practitioner) > 3
    assert any(f.category == "structure" for f in practitioner)
    assert findings[1].message != practitioner[1].message


def test_advocates_are_offered_a_question_to_ask(coach: Coach) -> None:
    (finding,) = coach.check("Dad presents as low.", audience="advocate")
    assert finding.suggestion.startswith("You could ask")


def test_structure_findings_span_the_statement_and_advice_is_marked(coach: Coach) -> None:
    text = "Dad will stop drinking."
    findings = {f.rule: f for f in coach.check(text, "goal")}
    assert findings["goal-time"].start == 0 and findings["goal-time"].end == len(text)
    assert findings["goal-only-stop"].advice
    assert not findings["goal-time"].advice


def test_sentence_length_points_at_the_sentence(coach: Coach) -> None:
    long = " ".join(["word"] * 34) + "."
    text = "Short one. " + long
    (finding,) = [f for f in coach.check(text) if f.rule == "sentence-too-long"]
    assert text[finding.start : finding.end] == long
    assert "34 words" in finding.message


def test_a_plain_sentence_a_little_over_the_limit_is_left_alone(coach: Coach) -> None:
    # 26 everyday words that say what was done and how often: easier whole than in halves.
    plain = (
        "Since January Mum has walked Chidi to school every morning, and the school says he "
        "has been on time on 58 of the last 60 days."
    )
    assert not [f for f in coach.check(plain, "strength") if f.rule == "sentence-too-long"]
    hard = (
        "Professionals are concerned that Mum's continuing alcohol consumption, inconsistent "
        "engagement and deteriorating presentation mean Chidi's developmental needs are not "
        "met and he remains vulnerable at home."
    )
    assert [f for f in coach.check(hard) if f.rule == "sentence-too-long"]


def test_blank_text_has_no_findings(coach: Coach) -> None:
    assert coach.check("") == [] and coach.check("   \n") == []


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=200), kind=st.sampled_from(STATEMENT_KINDS))
def test_any_text_gives_well_formed_findings(text: str, kind: str) -> None:
    findings = Coach().check(text, kind)  # type: ignore[arg-type]
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    for f in findings:
        assert isinstance(f, Finding)
        assert 0 <= f.start <= f.end <= len(text)
        json.dumps(f.to_dict())


# --- maps ---------------------------------------------------------------------------------


def _map(**parts: object) -> dict[str, object]:
    return {"schema": "sos-map/1", **parts}


def test_a_good_map_has_no_map_findings(coach: Coach) -> None:
    data = _map(
        worries={
            "danger_statements": [
                {
                    "id": "d1",
                    "text": "The social worker is worried that Leo could be hurt.",
                }
            ]
        },
        needs_to_happen={
            "safety_goals": [
                {"text": "Leo will be cared for by a sober adult.", "addresses": ["d1"]}
            ],
            "next_steps": [
                {"text": "Plan the network meeting.", "who": "Gran", "by_when": "Friday"},
                "Mum will ring the school on Monday.",
            ],
        },
        scaling={"ratings": [{"who": "Mum", "score": 6}, {"who": "Social worker", "score": 4}]},
    )
    assert coach.check_map(map_from_data(data)) == []


def test_map_level_findings(coach: Coach) -> None:
    dangers = [{"id": f"d{i}", "text": f"Worry number {i} could harm Leo."} for i in range(4)]
    data = _map(
        worries={"danger_statements": dangers},
        needs_to_happen={
            "safety_goals": [{"text": "Leo will be safe.", "addresses": ["d0", "d9"]}],
            "next_steps": ["Book the course."],
        },
        scaling={"ratings": [{"who": "Mum", "score": 6}, {"who": "mum", "score": 5}]},
    )
    found = {(f.rule, f.slot) for f in coach.check_map(map_from_data(data))}
    assert ("map-too-many-dangers", "worries.danger_statements") in found
    assert ("map-danger-without-goal", "worries.danger_statements[1]") in found
    assert ("map-danger-without-goal", "worries.danger_statements[0]") not in found
    assert ("map-goal-unknown-danger", "needs_to_happen.safety_goals[0]") in found
    assert ("map-scaling-people", "scaling.ratings") in found
    assert ("map-next-step-who", "needs_to_happen.next_steps[0]") in found
    assert ("map-next-step-when", "needs_to_happen.next_steps[0]") in found


def test_without_ids_goals_are_matched_by_words_as_advice(coach: Coach) -> None:
    data = _map(
        worries={"danger_statements": ["Gran is worried Leo could be hurt when Dad drinks."]},
        needs_to_happen={"safety_goals": ["Mum will keep the kitchen tidy for six months."]},
    )
    (finding,) = [f for f in coach.check_map(map_from_data(data)) if "danger" in f.rule]
    assert finding.advice and finding.slot == "worries.danger_statements[0]"


def test_review_checks_every_statement_by_its_kind(coach: Coach) -> None:
    data = _map(
        worries={"harm": ["Leo could be hurt."]},
        needs_to_happen={"next_steps": [{"text": "Book it.", "who": "Mum", "by_when": "Monday"}]},
    )
    review = coach.review(map_from_data(data))
    slots = {s.slot: [f.rule for f in s.findings] for s in review.statements}
    assert slots["worries.harm[0]"] == ["harm-prediction"]
    assert slots["needs_to_happen.next_steps[0]"] == []


# --- command line -------------------------------------------------------------------------


def _run(*args: str, stdin: str = "") -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    command.configure(parser)
    out = io.StringIO()
    code = command.run(parser.parse_args(list(args)), io.StringIO(stdin), out)
    return code, out.getvalue()


def test_command_points_at_in_denial() -> None:
    code, out = _run("Mum is in denial")
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == "Mum is in denial"
    assert lines[1] == "       ^^^^^^^^^"
    assert "in-denial" in out and "Why:" in out and "Try:" in out


def test_command_clean_statement_exits_0() -> None:
    code, out = _run("Dad shouted at the worker and slammed the door.")
    assert code == 0 and "Nothing to change" in out


def test_command_reads_stdin_and_prints_json() -> None:
    code, out = _run("--json", "--kind", "harm", stdin="Mum is in denial\n\nDad hit Leo.\n")
    data = json.loads(out)
    assert code == 1
    assert [d["text"] for d in data] == ["Mum is in denial", "Dad hit Leo."]
    assert {d["kind"] for d in data} == {"harm"}
    assert set(data[0]["findings"][0]) == set(FINDING_KEYS)


def test_command_without_statements_is_a_usage_error() -> None:
    assert _run(stdin="")[0] == 2


def test_command_output_is_inert() -> None:
    _, out = _run("Mum \x1b[2J is \u202e chaotic\x07")
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    _, out = _run("--json", "Mum \x1b[2J \u202e chaotic")
    assert "\x1b" not in out and "\u202e" not in out
    assert json.loads(out)[0]["text"] == "Mum \x1b[2J \u202e chaotic"


def test_command_underlines_under_wide_characters() -> None:
    _, out = _run("中文 chaotic")
    lines = out.splitlines()
    assert lines[1] == "     ^^^^^^^"  # two columns for each wide character


def test_two_long_words_do_not_make_a_sentence_hard(coach: Coach) -> None:
    # The name of a condition and of who treats it are long words, but the sentence is plain.
    plain = "Mum was diagnosed with bipolar disorder in 2021 and sees a psychiatrist every month."
    assert "reading-age" not in {f.rule for f in coach.check(plain, "complicating")}
    hard = (
        "The assessment identified significant deficiencies in environmental conditions, "
        "nutritional provision and supervision."
    )
    assert "reading-age" in {f.rule for f in coach.check(hard)}
