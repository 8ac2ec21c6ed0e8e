"""``explain``: professional words found as whole words, longest first, the most hurtful
first, each with a plain meaning and a question; the text itself never changed."""

from __future__ import annotations

import io
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sos_assistant.cli import main
from sos_assistant.coach import Coach
from sos_assistant.content import glossary
from sos_assistant.explain import Explainer, explain
from sos_assistant.explain.core import COACH_CATEGORIES
from sos_assistant.explain.validate import check_glossary
from sos_assistant.resources import content_dir

ISSUE = (
    "There are significant concerns regarding Mum's capacity to safeguard due to DV and "
    "substance misuse; Mum presents as hostile and lacks insight"
)


def phrases(text: str) -> list[str]:
    return [t.phrase for t in explain(text)]


def test_the_issue_paragraph_has_every_worry_word_explained_labels_first() -> None:
    found = explain(ISSUE)
    words = [t.phrase for t in found]
    for phrase in [
        "DV",
        "substance misuse",
        "presents as hostile",
        "lacks insight",
        "significant concerns",
        "regarding",
        "capacity to safeguard",
    ]:
        assert phrase in words
    # "presents as" frames "hostile": one phrase, explained by what "hostile" means
    hostile = next(t for t in found if t.phrase == "presents as hostile")
    assert hostile.term == "hostile" and "angry" in hostile.meaning
    # the labels come before everything else; the rest in text order
    assert set(words[:2]) == {"presents as hostile", "lacks insight"}
    dv = next(t for t in found if t.phrase == "DV")
    assert "partner" in dv.meaning and dv.ask.endswith("?")


def test_acronyms_are_whole_words_never_letters_inside_words() -> None:
    assert phrases("We will give advice about the DVD.") == []
    assert "DV" in phrases("There was DV in the home.")
    # a tail goes with the acronym it follows: found whole, explained by the acronym's term
    found = {t.phrase: t.term for t in explain("DV-related incidents")}
    assert found == {"DV-related incidents": "domestic abuse"}


def test_acronyms_are_matched_only_in_capitals() -> None:
    assert phrases("Oh la la, she sang.") == []
    assert "LA" in phrases("The LA will write to you.")
    assert phrases("The plo was dropped.") == []
    assert "PLO" in phrases("You are in PLO.")


def test_plurals_and_capitals_of_ordinary_words_count() -> None:
    assert "core groups" in phrases("She missed two core groups.")
    assert "IROs" in phrases("Both IROs agreed.")
    assert "Section 47 enquiries" in phrases("Section 47 enquiries were made.")
    assert "SECTION 20" in phrases("AGREEMENT UNDER SECTION 20")


def test_longest_match_wins_and_a_name_inside_it_is_not_found_again() -> None:
    text = "The court made an interim care order, not a care order."
    found = sorted(explain(text), key=lambda t: t.start)
    assert [t.phrase for t in found] == ["The court", "interim care order", "care order"]
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start


def test_a_phrase_that_crosses_the_edge_of_a_longer_one_is_found_too() -> None:
    # "Risk assessed" loses to the longer "assessed as low", but "Risk" would be left with no
    # meaning: both are listed, each with its own
    found = sorted(explain("Risk assessed as low."), key=lambda t: t.start)
    assert [(t.phrase, t.term) for t in found] == [
        ("Risk assessed", "risk assessment"),
        ("assessed as low", "risk rating"),
    ]
    assert "Pre-charge bail" in phrases("Pre-charge bail was refused by the Inspector.")
    # a phrase wholly inside a longer one is still found once
    assert phrases("An interim care order was made.") == ["interim care order"]


def test_a_name_never_runs_across_a_full_stop() -> None:
    assert "care order" not in phrases("She was in care. Order was restored.")


def test_the_text_is_never_changed_and_offsets_point_into_it() -> None:
    text = "Mum  presents\nas hostile; the ICPC is on 3 May."
    before = text
    for term in explain(text):
        assert text[term.start : term.end] == term.phrase
    assert text == before


def test_legal_steps_come_after_labels_and_before_the_rest() -> None:
    kinds = [
        t.kind for t in explain("The social worker says Dad is in denial. A care order was made.")
    ]
    assert kinds.index("label") < kinds.index("legal") < kinds.index("role")


def test_every_coach_finding_about_words_is_explained() -> None:
    coach = Coach()
    texts = [
        "Mum was evasive and deceitful; the flat was squalid.",
        "Dad is a junkie and a narcissist who utilises threats.",
        "The children's needs are not being met; there are issues etc.",
        "She's bipolar and uncooperative.",
    ]
    for text in texts:
        spans = [(t.start, t.end) for t in explain(text)]
        for finding in coach.check(text, "general", "practitioner"):
            if finding.category not in COACH_CATEGORIES:
                continue
            assert any(s < finding.end and e > finding.start for s, e in spans), text[
                finding.start : finding.end
            ]


def test_glossary_only_without_the_coach() -> None:
    only = Explainer(coach=False)
    assert [t.phrase for t in only.explain("She is very cunning.")] == []
    found = explain("She is very cunning.")
    assert [(t.phrase, t.term, t.rule) for t in found] == [
        ("cunning", "manipulative", "manipulative")
    ]


def test_search_matches_whole_words_and_word_starts() -> None:
    names = [t.term for t in glossary().search("DV")]
    assert names[0] == "domestic abuse"
    assert all("advice" not in t.plain.split() or "DV" in t.names for t in glossary().search("DV"))
    assert [t.term for t in glossary().search("adv")] != []  # "advocate" starts with it
    assert "Public Law Outline" in [t.term for t in glossary().search("plo")]
    assert glossary().search("xqz") == []


def test_the_glossary_is_big_and_every_entry_has_a_question() -> None:
    terms = glossary().terms
    assert len(terms) >= 200
    assert all(t.ask.strip().endswith("?") for t in terms)


def test_check_reports_a_coach_rule_no_term_explains(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "coach").symlink_to(content_dir() / "coach")
    text = (content_dir() / "glossary.yaml").read_text(encoding="utf-8")
    (folder / "glossary.yaml").write_text(
        text.replace("coach: [in-denial]", "coach: []"), encoding="utf-8"
    )
    problems = [str(d) for d in check_glossary(folder / "glossary.yaml")]
    assert problems == [
        f"{folder / 'glossary.yaml'}:0: coach rule 'in-denial' (judgement) "
        "is explained by no term [K011]"
    ]


def test_check_reports_a_term_written_twice(tmp_path: Path) -> None:
    """Two entries with the same name: the second would never be found, so its meaning is
    lost without a word. (Two helpers each wrote "question mark before a word".)"""
    (tmp_path / "glossary.yaml").write_text(
        "version: 1\nterms:\n"
        "  - {term: query, plain: Not sure., ask: Why?}\n"
        "  - {term: query, plain: Maybe., ask: What?}\n",
        encoding="utf-8",
    )
    problems = [str(d) for d in check_glossary(tmp_path / "glossary.yaml")]
    assert problems == [f"{tmp_path / 'glossary.yaml'}:4: the term 'query' is written twice [K014]"]


def run_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str = ""
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["explain", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_json_is_the_contract_shape(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run_cli(capsys, monkeypatch, "--json", ISSUE, "No hard words here.")
    assert code == 0
    data = json.loads(out)
    assert [d["text"] for d in data] == [ISSUE, "No hard words here."]
    assert data[1]["terms"] == []
    for term in data[0]["terms"]:
        assert list(term) == ["phrase", "start", "end", "meaning", "ask"]
        assert ISSUE[term["start"] : term["end"]] == term["phrase"]


def test_cli_reads_paragraphs_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, out, _ = run_cli(
        capsys, monkeypatch, "--json", stdin="Mum has DV\nissues.\n\nThe IRO will visit.\n"
    )
    assert [d["text"] for d in json.loads(out)] == ["Mum has DV\nissues.", "The IRO will visit."]
    _, out, _ = run_cli(capsys, monkeypatch, stdin="The LADO was told.\n")
    assert '"LADO"' in out and "Means:" in out


def test_cli_with_no_text_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run_cli(capsys, monkeypatch, stdin="  \n")
    assert code == 2
    assert err.strip()


def test_the_command_runs_through_a_pipe() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from sos_assistant.cli import main; sys.exit(main())",
            "explain",
            "--json",
        ],
        input="The ICPC is on Monday.",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert json.loads(done.stdout)[0]["terms"][0]["phrase"] == "ICPC"
