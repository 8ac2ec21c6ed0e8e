"""Variations of a known term are found whole: a lead-in before it ("subject to a CP plan"), a
tail after it ("DV incident"), the rest of its clause ("capacity to provide ..."), brackets
inside a name, and two overlapping finds of one term. Never letters inside a word."""

from __future__ import annotations

import re

from sos_assistant.content import GlossaryFile
from sos_assistant.explain import Explainer, explain


def found(text: str) -> dict[str, str]:
    """Each phrase found, with the term that explains it."""
    return {t.phrase: t.term for t in explain(text)}


def small(**extra: object) -> Explainer:
    data = {
        "version": 1,
        "terms": [
            {"term": "CP plan", "plain": "A plan.", "ask": "Why?"},
            {"term": "DV", "plain": "Hurt at home.", "ask": "Why?"},
            {"term": "capacity to", "plain": "Able to.", "ask": "Why?", "runs_on": 3},
            {"term": "hostile", "plain": "Angry.", "ask": "Why?", "kind": "label"},
            {"term": "boundaries", "plain": "Rules.", "ask": "Why?"},
        ],
        **extra,
    }
    return Explainer(GlossaryFile.model_validate(data), coach=False)


def test_a_lead_in_and_a_tail_go_with_the_term_they_touch() -> None:
    words = small(lead_ins=["subject to a"], tails=["incident"])
    got = {
        t.phrase: t.term for t in words.explain("Jo is subject to a CP plan after a DV incident.")
    }
    assert got == {"subject to a CP plan": "CP plan", "DV incident": "DV"}
    # plurals of a tail count; a tail or lead-in alone is not a term
    alone = {t.phrase for t in words.explain("Two DV incidents. An incident. Subject to a review.")}
    assert alone == {"DV incidents"}


def test_lead_ins_and_tails_are_whole_words_and_stop_at_a_full_stop() -> None:
    words = small(lead_ins=["to a"], tails=["incident"])
    got = {
        t.phrase for t in words.explain("Pluto a CP plan. DV. Incident. DVincident DV incidentally")
    }
    assert got == {"CP plan", "DV"}


def test_without_lead_ins_or_tails_only_the_term_is_found() -> None:
    got = {t.phrase for t in small().explain("Jo is subject to a CP plan after a DV incident.")}
    assert got == {"CP plan", "DV"}


def test_a_term_that_runs_on_takes_in_its_clause_up_to_punctuation_or_another_term() -> None:
    words = small()
    text = "Dad's capacity to keep them safe all day, and more."
    assert [t.phrase for t in words.explain(text)] == ["capacity to keep them safe"]
    text = "Her capacity to be hostile worries us."
    assert sorted(t.phrase for t in words.explain(text)) == ["capacity to be", "hostile"]
    text = "Her capacity to keep them safe is limited."
    assert [t.phrase for t in words.explain(text)] == ["capacity to keep them safe"]
    # an everyday report word (kind "word") is taken into the clause
    text = "His capacity to set boundaries, at times."
    assert [t.phrase for t in words.explain(text)] == ["capacity to set boundaries"]


def test_the_packaged_glossary_finds_common_variations_whole() -> None:
    assert found("Both children are subject to a child protection plan.") == {
        "subject to a child protection plan": "child protection plan"
    }
    got = found("Rhiannon is accommodated under section 20. Police attended a DV incident.")
    assert got["accommodated under section 20"] == "section 20"
    assert got["DV incident"] == "domestic abuse"
    got = found("He is open to CAMHS and waiting for an ASD assessment.")
    assert got["open to CAMHS"] == "CAMHS"
    assert got["ASD assessment"] == "ASD"


def test_brackets_inside_a_name_do_not_stop_it() -> None:
    text = "Support under the Social Services and Well-being (Wales) Act 2014 continues."
    assert "Social Services and Well-being (Wales) Act 2014" in found(text)


def test_a_name_with_brackets_takes_its_closing_bracket() -> None:
    assert "section 91(14)" in found("The court made a section 91(14) order? No: a section 91(14).")
    assert "section 91(14) order" in found("The court made a section 91(14) order.")


def test_two_overlapping_finds_of_one_term_become_one() -> None:
    text = "There is a history of non-engagement with the CMHT."
    spans = [t.phrase for t in explain(text) if t.term == "engagement"]
    assert len(spans) == 1 and "non-engagement" in spans[0]


def test_report_phrasing_is_explained() -> None:
    text = (
        "Mum presents well but the risk remains high; this is impacting on Ava. Should "
        "concerns escalate, the case will be stepped back up. Consideration should be given "
        "to respite provision."
    )
    got = found(text)
    for phrase in ["presents well", "impacting on", "escalate", "stepped back up", "respite"]:
        assert any(phrase in p for p in got), phrase
    assert found(text)["impacting on"] == "impacting on"


def test_the_forms_a_name_is_written_in_are_found() -> None:
    # verb forms, hyphens as spaces or left out, possessives with or without the apostrophe
    for text, term in [
        ("She was safeguarded.", "safeguarding"),
        ("He minimises it.", "in denial"),
        ("They neglected the baby.", "neglect"),
        ("A pre proceedings letter.", "Public Law Outline"),
        ("The preproceedings stage.", "Public Law Outline"),
        ("The childs plan.", "child's plan"),
        ("The children's plan.", "child's plan"),
        ("Two assessments.", "assessment"),
    ]:
        assert term in found(text).values(), text


def test_acronyms_are_found_with_dots_and_only_in_their_capitals() -> None:
    assert found("The I.R.O. chaired it.") == {"I.R.O.": "independent reviewing officer"}
    assert found("A C.I.N. plan.") == {"C.I.N. plan": "child in need plan"}
    got = found("Under s. 47 and S47.")
    assert got == {"s. 47": "section 47 enquiry", "S47": "section 47 enquiry"}
    # lower case is not the acronym; a full stop before a number still ends a sentence
    assert found("Cin cin. Lac.") == {}
    assert "section 47 enquiry" not in found("It ends. 47 people came.").values()


def test_a_name_with_a_comma_is_found_as_written() -> None:
    got = found("She has an education, health and care plan.")
    assert got == {"education, health and care plan": "education, health and care plan"}


def test_verb_forms_are_not_found_where_they_mean_something_else() -> None:
    # "contacted" is not family time, "judged" is not a judge, "issued" is not "issues"
    got = found("Police contacted Mum. It was judged safe. A letter was issued.")
    assert not {"contact", "family time", "judge", "issues"} & set(got.values())


def test_contact_alone_is_not_read_as_family_time() -> None:
    """ "Made contact with the duty team" is getting in touch; "direct contact" is family
    time. The bare word says it has both uses, so a parent is never told the wrong one."""
    bare = explain("Mum made contact with the duty team on Monday.")
    contact = next(t for t in bare if t.phrase == "contact")
    assert "got in touch" in contact.meaning and "family time" in contact.meaning
    assert found("Direct contact will be twice weekly.") == {"Direct contact": "family time"}


def test_a_framing_term_is_found_with_the_term_it_frames() -> None:
    data = {
        "version": 1,
        "terms": [
            {"term": "presents as", "plain": "Seems.", "ask": "Why?", "frames": True},
            {"term": "hostile", "plain": "Angry.", "ask": "What?", "kind": "label"},
        ],
    }
    words = Explainer(GlossaryFile.model_validate(data), coach=False)
    got = [(t.phrase, t.meaning, t.ask) for t in words.explain("Mum presents as hostile.")]
    assert got == [("presents as hostile", "Angry.", "What?")]
    # alone, or not right before another term, it keeps its own meaning
    alone = [(t.phrase, t.meaning) for t in words.explain("Mum presents as tired, not hostile.")]
    assert alone == [("hostile", "Angry."), ("presents as", "Seems.")]


def test_everyday_words_that_share_a_spelling_with_jargon_are_left_alone() -> None:
    text = (
        "The home was clean and warm. There is a crack in the wall. She was finding it hard. "
        "We have permission to park. It is for the benefit of the child. He served dinner. "
        "She went to nursery, and her faith matters to her. I recall she left with a driving "
        "licence. She targeted the top grades."
    )
    assert found(text) == {}


def test_a_number_or_a_word_like_the_may_come_between_a_lead_in_and_its_term() -> None:
    assert found("She is 32 weeks gestation.") == {"32 weeks gestation": "gestation"}
    text = "The case was escalated to an initial child protection conference."
    assert found(text)["escalated to an initial child protection conference"] == (
        "initial child protection conference"
    )


def test_a_term_whose_longer_phrase_loses_to_another_is_still_found_on_its_own() -> None:
    # "engagement with the CMHT" (a lead-in) runs into "a history of non-engagement with"
    got = found("There is a history of non-engagement with the CMHT.")
    assert got["CMHT"] == "adult mental health services"
    assert got["a history of non-engagement with"] == "engagement"


def test_verb_forms_of_the_first_word_of_a_name_are_found_too() -> None:
    got = found("He deflected blame onto the school. Dad can present well.")
    assert got == {"deflected blame": "deflects", "present well": "presents well"}


def test_a_framing_term_reaches_past_a_word_like_the_and_lead_ins_may_stack() -> None:
    got = found("The explanation is not consistent with the injury.")
    assert got["is not consistent with the injury"] == "injury"
    got = found("It shows a pattern of repeated referrals.")
    assert got["a pattern of repeated referrals"] == "referral"


def test_long_acronyms_and_acronyms_in_a_name_are_found_in_small_letters_too() -> None:
    # minutes are often typed in small letters: "rcpc", "cp plan", "Camhs"
    got = found("The next rcpc is in May. She is on a cp plan and open to Camhs.")
    assert got["next rcpc"] == "review child protection conference"
    assert got["cp plan"] == "child protection plan"
    assert got["open to Camhs"] == "CAMHS"
    # but never where the small letters are an everyday word or a name
    assert found("Mash the potatoes. Send it. Elsa came. Dash off.") == {}
    assert found("The plo was dropped. Oh la la.") == {}


def test_a_section_is_found_as_s_and_its_number() -> None:
    for text in ("Powers under s.46 were used.", "Under s 46.", "Under S46.", "Under sec. 46."):
        assert "police protection" in found(text).values(), text
    # an apostrophe's s before a number is not a section
    assert found("Mum's 8 children and Dad's 38 years.") == {}


def test_a_hyphenated_word_is_one_word_to_a_term_that_runs_on() -> None:
    got = found("In the notes Mum is described as over-tired.")
    assert got == {"is described as over-tired": "described as"}


def test_a_name_that_is_also_an_everyday_word_is_found_only_as_a_name() -> None:
    got = found("She was offered a place with Pause. Staff follow Working Together.")
    assert got["Pause"] == "Pause"
    assert got["Working Together"] == "Working Together to Safeguard Children"
    # in small letters, or first in a sentence, it is the everyday word
    everyday = "Pause for a moment. We are working together. I can relate to that. I came with you."
    assert found(everyday) == {}
    assert "Working Together to Safeguard Children" in found("Working Together says so.").values()


def test_everyday_words_near_the_new_labels_are_left_alone() -> None:
    # labels such as "callous", "needy" or "domineering" have everyday neighbours that are not
    text = (
        "It was a cold day and work was demanding. The kids were wild at the park. My son is "
        "obsessed with trains and we got stuck in traffic. The team was dominant in the match. "
        "My keys went missing. She is mature for her age. I was unreliable with texting back. "
        "Things got out of hand at the party. Home maintenance is costly."
    )
    assert found(text) == {}


def test_names_are_found_in_the_other_spellings_papers_use() -> None:
    got = found("He showed sexualized behavior and Mum minimized it.")
    assert got["sexualized behavior"] == "sexualised behaviour"
    assert got["minimized it"] == "in denial"


def test_a_short_form_ending_in_a_mark_is_found_only_with_its_mark() -> None:
    words = small(
        terms=[
            {"term": "re:", "plain": "About.", "ask": "Why?"},
            {"term": "w/", "plain": "With.", "ask": "Why?"},
        ]
    )
    got = [(t.phrase, t.term) for t in words.explain("Call re: school. Seen w/ Mum.")]
    assert got == [("re:", "re:"), ("w/", "w/")]
    # the same letters without the mark are other words: "re-refer", "w" in a list
    assert words.explain("We will re-refer. Rows a, b and w are done.") == []


def test_a_pattern_finds_written_forms_no_list_of_names_holds() -> None:
    weeks = {"term": "weeks", "plain": "Weeks.", "ask": "Why?", "patterns": [r"\b\d{1,2}/52\b"]}
    words = small(terms=[weeks])
    got = [t.phrase for t in words.explain("Review in 2/52, then 12/52; seen on 3/5/2026.")]
    assert got == ["2/52", "12/52"]


def test_time_written_short_in_health_notes_is_explained_but_a_full_date_is_not() -> None:
    got = found("Baby (3/12) DNA 8/52 imms; r/v 2/52. Next visit 03/12/2026.")
    assert [p for p, term in got.items() if term == "time in short"] == ["3/12", "8/52", "2/52"]


def test_a_short_form_starting_with_a_sign_is_found_only_with_its_sign() -> None:
    words = small(terms=[{"term": "+ve", "also": ["-ve"], "plain": "Found.", "ask": "Why?"}])
    got = [t.phrase for t in words.explain("Urine +ve for opiates, -ve for cocaine.")]
    assert got == ["+ve", "-ve"]
    assert words.explain("I've said we've tried. A five-ve tile.") == []


def test_case_note_forms_no_name_list_holds() -> None:
    got = found("RAG: amber. Oliver's voice is clear. Booked at 10+3, now 26/40; 12+3=15.")
    assert got["RAG: amber"] == "rated amber"
    assert got["Oliver's voice"] == "voice of the child"
    assert got["10+3"] == got["26/40"] == "weeks pregnant in short"
    assert "12+3" not in got  # a sum, not a pregnancy


def test_a_term_that_runs_on_takes_the_word_after_an_article() -> None:
    """ "presents as a happy child": the phrase is "presents as a happy", never "presents as
    a", and it never ends on "a" or "the"."""
    assert "presents as a happy" in found("Kai presents as a happy child.")
    assert "presents as" in found("He presents as the.")


def test_a_number_is_not_read_as_a_name_written_with_a_hyphen() -> None:
    # "1-1" (one-to-one) may be written "1:1", never "11": that is an age or a date
    assert found("Tom (11) was seen on 11/08.") == {}
    assert "1-1" in found("She has 1-1 time with her worker.")


def test_everyday_phrases_found_by_helpers_are_left_alone() -> None:
    # each of these was once read as professional words: a legal "save as", a criminal
    # "charge of", "battery" as an assault, a "bare" home as neglect
    text = "Save as a PDF. She is in charge of the shop. The phone battery died. A bare floor."
    assert found(text) == {}


def test_a_pattern_is_searched_only_in_a_text_holding_its_letters() -> None:
    from sos_assistant.explain.core import _required_text

    assert _required_text(re.compile(r"(?<![\w/.])\d{1,2}/52(?![\w/])")) == "/52"
    assert _required_text(re.compile(r"\bRAG rating: (?:red|amber)")) == "rag rating: "
    assert _required_text(re.compile(r"red|amber")) == ""  # an alternation: always searched
    # and the forms a pattern finds are still found, in any capitals the pattern allows
    assert "2/52" in found("Seen 2/52 ago.")
