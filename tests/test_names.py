"""The parsers' plain vocabularies match the model's ``Literal`` types."""

from __future__ import annotations

import sos_assistant.model as model
import sos_assistant.names as names


def test_names_match_the_model() -> None:
    assert names.FRAMEWORKS == model.FRAMEWORKS
    assert names.AUDIENCES == model.AUDIENCES
    assert names.STATEMENT_KINDS == model.STATEMENT_KINDS
