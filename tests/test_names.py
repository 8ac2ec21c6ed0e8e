"""The parsers' plain vocabularies match the model's ``Literal`` types."""

from __future__ import annotations

from sos_assistant import model, names


def test_names_match_the_model() -> None:
    assert names.FRAMEWORKS == model.FRAMEWORKS
    assert names.AUDIENCES == model.AUDIENCES
    assert names.STATEMENT_KINDS == model.STATEMENT_KINDS
