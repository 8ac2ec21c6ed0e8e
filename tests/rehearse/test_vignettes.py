"""The packaged vignettes: enough, varied, replies that fit the question, a model map."""

from __future__ import annotations

import json
from statistics import mean

import pytest

from sos_assistant.cli import main
from sos_assistant.rehearse import QUESTION_TYPES
from sos_assistant.rehearse.session import Rehearsal
from sos_assistant.rehearse.vignettes import Vignette, all_vignettes

VIGNETTES = all_vignettes()
HELPFUL = ("worries", "working_well", "next_steps", "exception", "coping", "preferred_future",
           "relationship", "amplify")  # fmt: skip
GUARDED = ("why", "leading", "stacked")


def test_six_or_more_across_the_three_frameworks() -> None:
    assert len(VIGNETTES) >= 6
    assert {v.framework for v in VIGNETTES} == {"safety", "wellbeing", "success"}
    assert len({v.id for v in VIGNETTES}) == len(VIGNETTES)


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v.id)
def test_every_member_answers_every_type(vignette: Vignette) -> None:
    for member in vignette.members:
        assert set(member.replies) == set(QUESTION_TYPES)


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v.id)
def test_helpful_questions_get_fuller_answers_than_why_leading_or_stacked(
    vignette: Vignette,
) -> None:
    main_member = vignette.members[0]

    def words(types: tuple[str, ...]) -> float:
        return mean(len(r.say.split()) for t in types for r in main_member.replies[t])

    assert words(HELPFUL) > 1.5 * words(GUARDED)


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v.id)
def test_a_detail_told_earlier_can_be_amplified_later(vignette: Vignette) -> None:
    cold = Rehearsal(vignette)
    before = cold.ask("How did you do that?").reply
    warm = Rehearsal(vignette)
    exception = warm.ask("Tell me about a time when things went better.")
    assert exception.revealed, "an exception question brings something out"
    after = warm.ask("How did you do that?")
    assert after.reply != before
    assert len(after.reply.split()) > len(before.split())


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda v: v.id)
def test_the_model_map_has_every_part(vignette: Vignette) -> None:
    model = vignette.model_map
    for part in ("harm", "danger_statements", "safety_goals", "scaling"):
        assert model.part(part)
    assert all(" worried " in d or d.startswith("If ") for d in model.danger_statements)


def test_list_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rehearse", "--list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == [{"id": v.id, "title": v.title, "framework": v.framework} for v in VIGNETTES]


def test_an_unknown_vignette_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rehearse", "--plain", "no-such-family"]) == 1
    assert "no vignette called 'no-such-family'" in capsys.readouterr().err
