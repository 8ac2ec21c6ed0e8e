"""The catalogue of diagnostic codes: every code declared once, shown by a broken example, its
messages of the declared shape, and the content guide's table written from it."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sos_assistant.check import check_all
from sos_assistant.coach import validate_rules
from sos_assistant.diagnostics import CATALOGUE, Diagnostic, catalogue_table
from sos_assistant.dialogue import ScriptError, find_dialogue
from sos_assistant.resources import content_dir
from sos_assistant.yamlfile import YamlProblem, load_yaml
from tests.test_check_fixtures import FIXTURES

REPO = Path(__file__).resolve().parents[1]
COACH_BROKEN = REPO / "tests" / "coach" / "fixtures" / "broken"


def _missing_file(tmp: Path) -> list[Diagnostic]:
    return check_all([tmp / "not-there.yaml"])


def _not_utf8(tmp: Path) -> list[Diagnostic]:
    path = tmp / "latin1.yaml"
    path.write_bytes("version: 1\nid: caf\xe9\n".encode("latin-1"))
    return check_all([path])


def _unreadable(tmp: Path) -> list[Diagnostic]:
    path = tmp / "folder.yaml"
    path.mkdir()  # reading a folder as a file fails as an unreadable file does, even as root
    with pytest.raises(YamlProblem) as raised:
        load_yaml(path)
    return [raised.value.diagnostic]


def _unknown_dialogue(tmp: Path) -> list[Diagnostic]:
    with pytest.raises(ScriptError) as raised:
        find_dialogue("no-such-dialogue")
    return list(raised.value.diagnostics)


def _missing_template(tmp: Path) -> list[Diagnostic]:
    folder = tmp / "templates"
    shutil.copytree(content_dir() / "templates", folder)
    (folder / "map.txt.j2").unlink()
    return check_all([folder])


def _labels_mistyped(tmp: Path) -> list[Diagnostic]:
    folder = tmp / "templates"
    folder.mkdir()
    text = (content_dir() / "templates" / "labels.yaml").read_text(encoding="utf-8")
    (folder / "labels.yaml").write_text(text + "colour: red\n", encoding="utf-8")
    return check_all([folder / "labels.yaml"])


def _no_rules(tmp: Path) -> list[Diagnostic]:
    return validate_rules(tmp)


def _glossary_leaves_a_rule_out(tmp: Path) -> list[Diagnostic]:
    import re as regex

    from sos_assistant.explain.validate import check_glossary

    (tmp / "coach").symlink_to(content_dir() / "coach")
    text = (content_dir() / "glossary.yaml").read_text(encoding="utf-8")
    (tmp / "glossary.yaml").write_text(regex.sub(r"coach: \[[^]]*\]", "coach: []", text))
    return check_glossary(tmp / "glossary.yaml")


def _unknown_vignette(tmp: Path) -> list[Diagnostic]:
    from sos_assistant.rehearse.vignettes import VignetteError, find_vignette

    with pytest.raises(VignetteError) as raised:
        find_vignette("no-such-family")
    return list(raised.value.diagnostics)


MADE_AT_TEST_TIME: dict[str, Callable[[Path], list[Diagnostic]]] = {
    "K000": _missing_file,
    "Y002": _not_utf8,
    "Y003": _unreadable,
    "D000": _unknown_dialogue,
    "T002": _missing_template,
    "T003": _labels_mistyped,
    "C010": _no_rules,
    "V000": _unknown_vignette,
    "K011": _glossary_leaves_a_rule_out,
}
"""Codes whose broken example is a missing, unreadable or generated file, which a repository
cannot hold as it is."""


def _fixture_diagnostics() -> list[Diagnostic]:
    found = check_all(FIXTURES)
    for folder in sorted(p for p in COACH_BROKEN.iterdir() if p.is_dir()):
        found += validate_rules(folder)
    return found


def test_every_code_has_a_deliberately_broken_example(tmp_path: Path) -> None:
    shown = {d.code for d in _fixture_diagnostics()}
    for code, make in MADE_AT_TEST_TIME.items():
        folder = tmp_path / code
        folder.mkdir()
        made = {d.code for d in make(folder)}
        assert code in made, f"the example made for {code} gives {made}"
        shown |= made
    assert sorted(set(CATALOGUE) - shown) == [], "codes with no broken example"


def test_every_message_has_the_shape_its_code_declares(tmp_path: Path) -> None:
    found = _fixture_diagnostics()
    for code, make in MADE_AT_TEST_TIME.items():
        (tmp_path / code).mkdir()
        found += make(tmp_path / code)
    misfits = [str(d) for d in found if not d.descriptor.fits(d.message)]
    assert misfits == []


def test_a_code_that_is_not_declared_cannot_be_used() -> None:
    with pytest.raises(ValueError, match="not in the catalogue"):
        Diagnostic("x.yaml", 1, "Z999", "made up")


def test_every_code_in_the_code_is_declared() -> None:
    """A code written anywhere in src/ is in the catalogue (so a new check cannot skip it)."""
    used: set[str] = set()
    for path in (REPO / "src" / "sos_assistant").rglob("*.py"):
        used |= set(re.findall(r"[\"']([A-Z]\d{3})[\"']", path.read_text(encoding="utf-8")))
    assert sorted(used - set(CATALOGUE)) == []


def test_the_content_guide_lists_the_catalogue() -> None:
    guide = (REPO / "docs" / "content-guide.md").read_text(encoding="utf-8")
    table = re.search(r"<!-- codes:.*?-->\n(.*?)<!-- /codes -->", guide, re.S)
    assert table is not None, "the guide has lost its table of codes"
    assert table.group(1) == catalogue_table(), "run: python -m sos_assistant.diagnostics"
