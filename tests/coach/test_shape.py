"""Issue 14: the coach sees the shape of a sentence, vague praise and plans, what danger
statements and goals leave out, dates and doers, quotes, ordering and the map checks."""

from __future__ import annotations

import argparse
import io
import json
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from sos_assistant.cli import coach as command
from sos_assistant.coach import Coach, lexicon
from sos_assistant.coach.findings import MAP_FINDING_KEYS
from sos_assistant.coach.mapcheck import map_checks, still_to_do
from sos_assistant.model import Person, StatementKind, map_from_data
from sos_assistant.render import render_bytes, render_text


@pytest.fixture(scope="module")
def coach() -> Coach:
    return Coach()


def rules(coach: Coach, text: str, kind: str = "general", **kwargs: object) -> set[str]:
    return {f.rule for f in coach.check(text, kind, **kwargs)}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Dad is immature and impulsive", "impulsive"),
        ("Mum is a hoarder", "hoarder"),
        ("Jade is promiscuous", "promiscuous"),
        ("The family is dysfunctional and enmeshed", "enmeshed"),
        ("Grandad is a heavy drinker.", "drinker"),
        ("Tomas appears emotionally unavailable.", "unavailable"),
        ("Gran is overbearing.", "overbearing"),
    ],
)
def test_a_person_is_a_describing_word_is_asked_what_they_did(
    coach: Coach, text: str, word: str
) -> None:
    found = [f for f in coach.check(text) if text[f.start : f.end] == word]
    assert found, coach.check(text)
    (finding,) = found
    assert finding.category == "judgement"
    assert word in finding.message  # it says what it saw
    person = text.split()[0] if text.split()[0] != "The" else "the family"
    assert person in finding.suggestion and word in finding.suggestion
    assert "do or say" in finding.suggestion and finding.suggestion.endswith("?")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Sam displays sexualised behaviour", "displays"),
        ("Mum presents with low mood", "presents with"),
        ("Mum comes across as cold and uncaring.", "comes across as"),
    ],
)
def test_displays_and_presents_with_are_asked_what_was_seen(
    coach: Coach, text: str, found: str
) -> None:
    (finding,) = [f for f in coach.check(text) if f.rule == "person-displays"]
    assert text[finding.start : finding.end] == found
    assert "see" in finding.suggestion


def test_a_name_from_the_map_counts_as_a_person(coach: Coach) -> None:
    text = "we think zuri is a fantasist"
    assert "person-is-label" not in rules(coach, "zuri seems grandiose")
    people = [Person(name="Zuri Okafor", role="parent")]
    assert "person-is-label" in rules(coach, "zuri seems grandiose", people=people)
    assert "person-is-label" in rules(coach, text, people=people)


@pytest.mark.parametrize(
    "text",
    [
        "Mum is tired after her night shifts.",
        "Dad is a bus driver and works nights.",
        "Mum is pregnant and due in June.",
        "Leo is autistic and goes to a special school.",
        "Kai was quiet at nursery and did not eat his lunch on Monday.",
        "Mum is worried that the children will be taken away.",
        "Gran looked after the children every Sunday in March.",
        "Dad demonstrated how he makes up Ava's bottle.",
    ],
)
def test_plain_states_and_facts_are_left_alone(coach: Coach, text: str) -> None:
    assert not {"person-is-label", "person-displays"} & rules(coach, text)


def test_an_uncertain_describing_word_is_a_tip_not_a_finding(coach: Coach) -> None:
    (finding,) = [f for f in coach.check("Mum is very stern.") if f.rule == "person-is-label"]
    assert finding.advice


def test_praise_beside_what_was_done_is_clean_and_praise_alone_is_a_tip(coach: Coach) -> None:
    assert coach.check("Dad is gentle and patient with Kai at bath time.", "strength") == []
    (tip,) = coach.check("Dad is very attentive.", "strength")
    assert tip.rule == "person-is-label" and tip.advice
    # Outside the columns of good things the same ending is a label.
    (label,) = coach.check("Dad was belligerent on the phone on Monday.")
    assert not label.advice


def test_the_word_list_is_read_offline_from_the_installed_wheel() -> None:
    assert lexicon.available()
    assert lexicon.is_adjective("promiscuous") and not lexicon.is_adjective("hoarder")
    assert lexicon.is_noun("hoarder")


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("Mum has engaged well and is motivated to change.", "strength", "engaged well"),
        ("Dad is a good dad.", "strength", "good dad"),
        ("The children are happy.", "strength", "happy"),
    ],
)
def test_vague_praise_is_asked_what_people_see(
    coach: Coach, text: str, kind: StatementKind, found: str
) -> None:
    hits = [f for f in coach.check(text, kind) if f.rule == "vague-quality"]
    assert found in [text[f.start : f.end] for f in hits]
    assert "see" in hits[0].suggestion


def test_specific_praise_is_clean(coach: Coach) -> None:
    text = "Mum walks Kai to nursery every morning and staff say he arrives happy."
    assert coach.check(text, "strength") == []


def test_a_danger_statement_needs_the_adult_behaviour(coach: Coach) -> None:
    assert "danger-behaviour" in rules(
        coach, "Sam is worried that Kai could be badly hurt", "danger"
    )
    clean = "The police are worried that Lee may throw things at Dani again and Kai could be hit."
    assert coach.check(clean, "danger") == []
    # where the child is, after "when", is not what an adult does
    at_home = "Kai's teacher is worried that Kai might get hurt when he is at home."
    assert "danger-behaviour" in rules(coach, at_home, "danger")
    drunk = "The nurse is worried that when he is drunk he could drop the baby."
    assert "danger-behaviour" not in rules(coach, drunk, "danger")


def test_a_goal_that_is_only_a_state_is_asked_what_people_will_see(coach: Coach) -> None:
    text = "Dani will be happy and Kai will be safe for six months"
    found = {text[f.start : f.end] for f in coach.check(text, "goal") if f.rule == "goal-what-seen"}
    assert found == {"be happy", "be safe"}
    assert "goal-who-sees" in rules(
        coach, "Dad will stay sober when he has Kai, every day for a year.", "goal"
    )
    seen = (
        "Nursery staff will see Kai arrive clean and fed every morning for the next three months."
    )
    assert coach.check(seen, "goal") == []


@pytest.mark.parametrize(
    "text",
    [
        "Mum will ring the school by 30 May.",
        "Priya will book the meeting for 2027-05-30.",
        "Gran will visit on 30/5 with the children.",
        "Bev will call Mum next week.",
        "Dad will send the form by Friday.",
        "The worker will write to the housing office by the end of June.",
        "Mum will ring the school on weekdays.",
        "Dad will ring the nursery on Tues.",
        "Mum will bring the form to the next meeting, at the review.",
        "Gran will bring the form at the next visit.",
    ],
)
def test_every_way_of_writing_a_date_counts_as_when(coach: Coach, text: str) -> None:
    assert coach.check(text, "next_step") == []


def test_a_step_with_no_time_is_still_asked_when(coach: Coach) -> None:
    assert "next-step-when" in rules(coach, "Mum will go to the doctor.", "next_step")


def test_a_passive_next_step_is_asked_who(coach: Coach) -> None:
    assert "next-step-who" in rules(coach, "Parenting course to be arranged", "next_step")
    assert "next-step-who" in rules(coach, "A referral will be made on Monday.", "next_step")
    assert (
        rules(coach, "A referral will be made by the social worker on Monday.", "next_step")
        == set()
    )


def test_single_quotes_are_someones_words_but_apostrophes_are_not(coach: Coach) -> None:
    assert rules(coach, "The worker wrote that Mum 'lacks insight', and Mum disagrees.") == set()
    assert rules(coach, "She said \u2018I\u2019m not in denial\u2019 today.") == set()
    assert "lacks-insight" in rules(coach, "Mum's partner lacks insight.")
    assert "chaotic" in rules(coach, "The kids' bedroom is 'tidy' but the flat is chaotic.")


def test_family_tips_put_the_most_serious_first(coach: Coach) -> None:
    text = "There are issues and concerns and it is chaotic, the LA says, and Mum is a liar."
    in_order = coach.check(text, "general", "practitioner")
    assert in_order[0].rule == "issues"
    family = coach.check(text, "general", "family")
    assert len(family) == 3
    assert family[0].rule == "liar-label"  # the label comes first, though it is written last
    assert all(f.advice for f in family)


def test_a_long_statement_in_everyday_words_is_asked_to_split(coach: Coach) -> None:
    text = (
        "Every evening after dinner Daddy and Mummy argue about money, and Jacob and Amelia hide"
        " together under the covers upstairs until everything is quiet. Another family living"
        " opposite heard the shouting nearly every evening in October, and they telephoned the"
        " police because the arguing went on after midnight."
    )
    found = rules(coach, text, "harm")
    assert "reading-split" in found and "reading-age" not in found


def test_the_tips_speak_the_frameworks_words(coach: Coach) -> None:
    text = "Kai is safe with Gran."
    safety = {f.rule: f for f in coach.check(text, "safety")}
    wellbeing = {f.rule: f for f in coach.check(text, "safety", framework="wellbeing")}
    assert "safety" in safety["safety-over-time"].message.lower()
    assert "what already helps" in wellbeing["safety-over-time"].message.lower()
    # The person's own words in a message are never swapped.
    assert '"is safe"' in wellbeing["vague-quality"].message


MAP = {
    "schema": "sos-map/1",
    "people": [{"name": "Kai", "role": "child"}, {"name": "Lee", "role": "parent"}],
    "worries": {
        "danger_statements": [
            {"id": "D1", "text": "The school is worried that Lee may shout at Kai again."},
            {"id": "D2", "text": "Priya is worried that Lee will drive after drinking."},
        ]
    },
    "needs_to_happen": {
        "safety_goals": [{"text": "Lee talks calmly; staff see it.", "addresses": ["D1"]}],
        "next_steps": ["Parenting course to be arranged"],
    },
    "scaling": {"ratings": [{"who": "Lee", "score": 5}]},
}


def test_map_checks_give_paths_and_the_contract_keys() -> None:
    findings = map_checks(map_from_data(MAP))
    paths = {(f.rule, f.path) for f in findings}
    assert ("map-danger-without-goal", "worries.danger_statements[1]") in paths
    assert ("map-next-step-who", "needs_to_happen.next_steps[0]") in paths
    assert ("map-scaling-people", "scaling.ratings") in paths
    assert all(tuple(f.to_dict()) == MAP_FINDING_KEYS for f in findings)
    assert still_to_do(map_from_data(MAP)) == [1]


def _run(*args: str) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    command.configure(parser)
    out = io.StringIO()
    code = command.run(parser.parse_args(list(args)), io.StringIO(""), out)
    return code, out.getvalue()


def test_coach_map_command_prints_json_and_text(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text(json.dumps(MAP), encoding="utf-8")
    code, out = _run("--map", str(path), "--json")
    data = json.loads(out)
    assert code == 1
    assert all(list(d) == list(MAP_FINDING_KEYS) for d in data)
    assert {"path": "worries.danger_statements[1]"}.items() <= data[0].items()
    code, out = _run("--map", str(path))
    assert code == 1 and "worries.danger_statements[1] [structure: map-danger-without-goal]" in out
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema: sos-map/1\nworries: {harm: 3}\n", encoding="utf-8")
    assert _run("--map", str(broken))[0] == 1


def test_every_format_marks_a_danger_statement_with_no_goal_and_renders_anyway() -> None:
    the_map = map_from_data(MAP)
    for fmt in ("md", "html", "txt"):
        page = render_text(the_map, fmt)
        assert page.count("Still to do") == 1, fmt
        # It sits under D2, not under D1.
        assert page.index("Still to do") > page.index("drive after drinking")
    with zipfile.ZipFile(io.BytesIO(render_bytes(the_map, "docx"))) as word:
        assert word.read("word/document.xml").decode("utf-8").count("Still to do") == 1
    pdf = PdfReader(io.BytesIO(render_bytes(the_map, "pdf")))
    assert "Still to do" in "".join(page.extract_text() for page in pdf.pages)


def test_a_long_plain_danger_statement_or_goal_is_not_asked_to_split(coach: Coach) -> None:
    danger = (
        "The school and the social worker are worried that Dad may hit Sam again when he is"
        " angry, and Sam could be badly hurt, as he was in March last year."
    )
    goal = (
        "For the next six months, whenever Dad sees Sam, Gran will be with them the whole time"
        " and will tell the social worker after each visit."
    )
    assert "sentence-too-long" not in rules(coach, danger, "danger")
    assert "sentence-too-long" not in rules(coach, goal, "goal")
    # The same length is asked to split where one idea per sentence is expected ...
    assert "sentence-too-long" in rules(coach, danger, "general")
    # ... and in a danger statement written in hard words.
    hard = (
        "The multi-agency professionals are concerned that Dad's continuing alcohol consumption"
        " while supervising Sam at weekends could result in significant neglect of his physical"
        " requirements and his emotional development over the coming months."
    )
    assert "sentence-too-long" in rules(coach, hard, "danger")


def test_where_someone_is_is_not_a_label(coach: Coach) -> None:
    assert "person-is-label" not in rules(coach, "Dad is with Sam on Saturdays.", "general")


def test_a_harm_word_inside_disbelief_is_not_harm_in_complicating(coach: Coach) -> None:
    doubt = "Mum told the worker in May that she does not believe Dad hit Sam."
    assert "complicating-as-harm" not in rules(coach, doubt, "complicating")
    assert "complicating-as-harm" in rules(coach, "Dad hit Sam in front of Mum.", "complicating")


def test_praise_after_has_been_is_still_asked_about_in_strengths(coach: Coach) -> None:
    assert "person-is-label" in rules(coach, "Dad has been receptive and proactive.", "strength")


@pytest.mark.parametrize(
    "text",
    [
        "Dad has made real progress.",
        "There is a warm relationship between Gran and the boys.",
        "Mum has been open and honest with the school.",
    ],
)
def test_praise_that_only_names_a_quality_is_asked_about(coach: Coach, text: str) -> None:
    assert coach.check(text, "strength"), text


def test_a_phrase_judging_what_a_person_can_do_is_a_label(coach: Coach) -> None:
    assert "person-is-label" in rules(coach, "Dad is out of control.", "general")
    assert "person-is-label" in rules(coach, "Mum is unable to manage her temper.", "general")
    assert "person-is-label" not in rules(coach, "Dad is unable to work after his fall.", "general")


# --- classes found on the opened set B, tested with other words ------------------------------


def test_an_impression_is_a_finding_even_beside_when(coach: Coach) -> None:
    # "seems", "appears": the writer's reading given as what the person is
    found = [f for f in coach.check("Dad seems prickly when asked about money.")]
    assert [(f.rule, f.found, f.advice) for f in found] == [("person-is-label", "prickly", False)]


@pytest.mark.parametrize(
    ("text", "kind", "word"),
    [
        ("Mr Adeyemi is a doting father.", "strength", "doting"),
        ("Zara is a runaway.", "complicating", "runaway"),
        ("Mum is a doormat.", "general", "doormat"),
        ("Grandad is the glue of the family.", "strength", "glue"),
        ("Ellis is precocious for his age.", "general", "precocious"),
        ("Mum has been receptive to advice.", "strength", "receptive"),
    ],
)
def test_kinds_of_person_and_parts_in_a_family_are_asked_about(
    coach: Coach, text: str, kind: StatementKind, word: str
) -> None:
    found = [f for f in coach.check(text, kind) if f.rule == "person-is-label"]
    assert [f.found for f in found] == [word]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Gran is a retired nurse.", "general"),
        ("Dad is a bus driver.", "complicating"),
        ("Mum is a teaching assistant at the primary school.", "general"),
        ("Dad is a stay-at-home dad.", "general"),
        ("Mum is the main carer for her mother.", "complicating"),
        ("Dad is good at fixing bikes.", "strength"),
        ("Mum is keen to help at the school fair.", "strength"),
        ("Dad is a former soldier.", "general"),
        ("The school is worried that Kai could be sexually abused by men Mum meets.", "danger"),
    ],
)
def test_jobs_roles_skills_and_harm_done_to_a_person_are_not_labels(
    coach: Coach, text: str, kind: StatementKind
) -> None:
    assert "person-is-label" not in rules(coach, text, kind)


def test_a_state_is_found_by_its_form_in_goals_and_plans(coach: Coach) -> None:
    assert "goal-what-seen" in rules(coach, "Kai will feel secure for six months.", "goal")
    assert "goal-what-seen" in rules(coach, "The family will be coping better by Easter.", "goal")
    assert "vague-quality" in rules(coach, "From now on Leah will be contented.", "safety")
    # what people can see, and something to be done, are not states
    assert "goal-what-seen" not in rules(coach, "Dad will be sober at every visit.", "goal")
    assert "vague-quality" not in rules(coach, "Parenting assessment to be completed.", "next_step")


def test_how_often_is_not_how_long(coach: Coach) -> None:
    assert "goal-time" in rules(coach, "Dad will walk Kai to school every day.", "goal")
    assert "goal-time" in rules(coach, "Gran will ring Mum each night.", "goal")
    for text in (
        "By the end of July, Dad will walk Kai to school every day.",
        "Dad will walk Kai to school every day for a whole term.",
        "Until Christmas, Gran will ring Mum each night.",
    ):
        assert "goal-time" not in rules(coach, text, "goal"), text


def test_a_plan_in_the_safety_column_says_for_how_long(coach: Coach) -> None:
    plan = "Uncle Ray will sit with the twins every Saturday while Mum works."
    assert "safety-over-time" in rules(coach, plan, "safety")
    longer = plan.replace(".", " for the next year.")
    assert "safety-over-time" not in rules(coach, longer, "safety")
    done = "Since May, Uncle Ray has sat with the twins every Saturday, and he will carry on."
    assert "safety-over-time" not in rules(coach, done, "safety")


def test_a_future_that_only_carries_on_the_behaviour_is_not_an_outcome(coach: Coach) -> None:
    text = "The school is worried that Dad will keep leaving Kai at the gate late at night."
    assert "danger-outcome" in rules(coach, text, "danger")
    assert "danger-outcome" not in rules(coach, text[:-1] + " and Kai could be hurt.", "danger")


def test_vague_engagement_is_found_by_its_form(coach: Coach) -> None:
    assert "vague-quality" in rules(coach, "Dad has cooperated wonderfully.", "strength")
    shifts = "Dad has worked nightly shifts since May."
    assert "vague-quality" not in rules(coach, shifts, "strength")


def test_what_the_child_witnessed_is_asked_about(coach: Coach) -> None:
    assert "vague-neglect" in rules(coach, "Ivy witnessed arguing between the adults.", "harm")
    assert "vague-neglect" not in rules(coach, "Ivy witnessed Dad push Mum into the door.", "harm")


def test_a_harm_word_said_of_a_thing_is_not_harm(coach: Coach) -> None:
    assert not rules(coach, "The boiler has been broken since May.", "complicating")
    assert "complicating-as-harm" in rules(coach, "Kai was hurt at home in May.", "complicating")


@pytest.mark.parametrize(
    ("text", "kind", "word"),
    [
        ("Grandad is a bit of a hothead.", "general", "hothead"),
        ("Mum is something of a loner.", "general", "loner"),
        ("The stepfather is a bad influence.", "complicating", "bad influence"),
        ("Dad's parenting is haphazard.", "general", "haphazard"),
        ("Her attitude is dismissive.", "general", "dismissive"),
        ("Gran is fully dedicated.", "strength", "dedicated"),
    ],
)
def test_hedges_verdicts_conduct_and_praise_participles_are_asked_about(
    coach: Coach, text: str, kind: StatementKind, word: str
) -> None:
    found = [f.found for f in coach.check(text, kind) if f.rule == "person-is-label"]
    assert found == [word]


def test_conduct_of_a_thing_and_participles_outside_praise_are_left_alone(coach: Coach) -> None:
    assert "person-is-label" not in rules(coach, "The flat's heating is broken.", "complicating")
    assert "person-is-label" not in rules(coach, "Mum is qualified as a nurse.", "general")
    assert "person-is-label" not in rules(coach, "Dad is a good cook and makes tea.", "strength")


def test_improvement_idioms_are_vague_praise(coach: Coach) -> None:
    assert "vague-quality" in rules(coach, "Mum has really stepped up.", "strength")
    specific = "Mum has stepped up: she has walked Kai to school every day since May."
    assert "vague-quality" not in rules(coach, specific, "strength")


def test_what_a_child_loves_is_a_fact_and_a_parent_loving_them_is_praise(coach: Coach) -> None:
    assert "vague-quality" not in rules(coach, "Kayla loves swimming and her cat.", "strength")
    assert "vague-quality" in rules(coach, "Mum loves her children.", "strength")


def test_a_job_said_as_a_job_is_not_a_label(coach: Coach) -> None:
    assert "person-is-label" not in rules(coach, "Dad is a tiler and works away.", "complicating")
    assert "person-is-label" in rules(coach, "Dad is a gambler.", "complicating")


def test_plural_family_words_and_having_a_state(coach: Coach) -> None:
    assert "person-is-label" in rules(coach, "The girls are feral.", "general")
    assert "goal-what-seen" in rules(coach, "Kai will have a settled home for a year.", "goal")
    assert "vague-quality" in rules(coach, "Dad has shown great resilience.", "strength")


@pytest.mark.parametrize(
    ("text", "kind", "word", "advice"),
    [
        ("Dad appeared unfazed by the bruise.", "general", "unfazed", False),
        ("Mum is short-tempered.", "general", "short-tempered", False),
        ("Gran is very family-minded.", "strength", "family-minded", True),
        ("Dad is a role model to the boys.", "strength", "role model", True),
        ("Kai is out of parental control.", "complicating", "out of parental control", False),
    ],
)
def test_impressions_compounds_and_noun_pairs_are_found_by_form(
    coach: Coach, text: str, kind: StatementKind, word: str, advice: bool
) -> None:
    found = [(f.found, f.advice) for f in coach.check(text, kind) if f.rule == "person-is-label"]
    assert found == [(word, advice)]


@pytest.mark.parametrize(
    "text",
    [
        "Kai is a two-year-old.",
        "Dad is self-employed.",
        "Mum is a full-time carer.",
        "Mum is non-verbal.",
        "Dad is a bus driver and works nights.",
        "Dad seemed tired after his shift.",
    ],
)
def test_plain_compounds_jobs_and_states_stay_clean(coach: Coach, text: str) -> None:
    assert "person-is-label" not in rules(coach, text, "general")


def test_doing_really_well_and_carrying_on(coach: Coach) -> None:
    assert "vague-quality" in rules(coach, "Dad is doing really well.", "strength")
    carry = "The police are worried that Dad will carry on driving after drinking."
    assert "danger-outcome" in rules(coach, carry, "danger")


def test_hard_to_work_with_is_a_label_and_keen_to_work_with_is_not(coach: Coach) -> None:
    assert "person-is-label" in rules(coach, "Mum is impossible to work with.")
    assert "person-is-label" not in rules(coach, "Mum is keen to work with the school.")
    found = [f.found for f in coach.check("Dad is a known danger to children.", "complicating")]
    assert found == ["danger"]
    assert [f.found for f in coach.check("Dad is a known risk to children.")] == ["risk"]


def test_an_impression_of_a_state_and_praise_beside_what_others_do(coach: Coach) -> None:
    found = [f.found for f in coach.check("Mum seems overwhelmed.") if f.rule == "person-is-label"]
    assert found == ["overwhelmed"]
    praise = "Dad is a good listener and Aaron talks to him about football and school."
    assert rules(coach, praise, "strength") == set()
    assert "person-is-label" in rules(coach, "Dad is a good listener.", "strength")
