"""The docs a newcomer reads cite nothing outside the repository and list every command."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from sos_assistant.cli.commands import build_parser

ROOT = Path(__file__).parent.parent


def _subcommands() -> list[str]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    raise AssertionError("no subcommands")


def test_docs_and_help_never_cite_a_design_file_outside_the_repo(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        assert "DESIGN.md" not in path.read_text(encoding="utf-8"), path
    parser = build_parser()
    texts = [parser.format_help()]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            texts += [p.format_help() for p in action.choices.values()]
    assert not [t for t in texts if "DESIGN" in t]


def test_the_readme_lists_every_subcommand_and_what_it_needs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in _subcommands():
        assert f"`sos-assistant {name}" in readme, name
    assert "Python 3.11 or newer" in readme and "python3-venv" in readme
    assert "SOS_ASSISTANT_CONTENT" in readme
