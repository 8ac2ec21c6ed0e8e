"""The words of the full-screen app and of plain mode (``content/ui.yaml``), as pydantic models.

Kept outside ``tui/`` so plain mode and ``sos-assistant check`` can read them without Textual.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sos_assistant.resources import content_dir
from sos_assistant.yamlfile import load_yaml


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FirstRun(_Strict):
    title: str
    body: str
    help_now: str
    quick_exit: str
    start: str


class Audiences(_Strict):
    family: str
    practitioner: str
    advocate: str


class Home(_Strict):
    title: str
    continue_: str = Field(alias="continue")
    no_sessions: str
    new: str
    progress: str
    finished: str
    changed: str
    who_title: str
    audiences: Audiences
    framework_title: str
    no_dialogue: str


class Question(_Strict):
    progress: str
    reading: str
    examples: str
    examples_hidden: str
    saved: str
    edited: str
    not_saved: str
    list_add: str
    list_view: str
    list_empty: str
    people_name: str
    people_role: str
    people_add: str
    scale_help: str
    scale_why: str
    scale_none: str
    yes: str
    no: str
    info_continue: str
    tip: str
    coach_title: str
    coach_apply: str
    coach_ignore: str
    finished_title: str
    finished_body: str


class Keys(_Strict):
    help: str
    map: str
    danger: str
    stop: str
    quick_exit: str
    examples: str
    back: str
    skip: str
    next: str
    use_tip: str
    ignore_tip: str


class Buttons(_Strict):
    back: str
    skip: str
    next: str
    stop: str
    map: str
    export: str
    history: str
    edit: str
    close: str
    help: str
    danger: str
    quick_exit: str
    add: str
    remove: str
    up: str
    down: str
    save: str
    cancel: str


class MapText(_Strict):
    title: str
    readiness: str
    no_ratings: str
    export_title: str
    export_folder: str
    export_formats: str
    format_names: dict[str, str]
    """How each file format is named: pdf, html, docx, md, txt."""
    export_done: str
    export_failed: str
    history_title: str
    history_empty: str
    edit_title: str
    edit_empty: str


class HelpText(_Strict):
    title: str
    search: str
    none: str
    ask: str
    also: str


class CrisisText(_Strict):
    close: str


class PlainText(_Strict):
    intro: str
    choose_dialogue: str
    choose_session: str
    choose_audience: str
    choose_framework: str
    question: str
    help_line: str
    examples: str
    choices: str
    list: str
    list_view: str
    people: str
    scale: str
    scale_why: str
    confirm: str
    info: str
    previous: str
    saved: str
    not_understood: str
    finished: str
    export: str
    exported: str
    stopped: str
    session: str
    help_prompt: str


class PassphraseText(_Strict):
    title: str
    explain: str
    placeholder: str
    open: str
    wrong: str
    cannot_open: str
    """Shown when the saved sessions cannot be opened at all; ``{problem}`` is the reason."""


class UiText(_Strict):
    """Everything in ``content/ui.yaml``."""

    version: Literal[1]
    about: str
    """One line on every screen: what the tool is and is not, and where help is."""
    first_run: FirstRun
    home: Home
    question: Question
    keys: Keys
    buttons: Buttons
    map: MapText
    help: HelpText
    crisis: CrisisText
    passphrase: PassphraseText
    stopped: str
    plain: PlainText


@cache
def ui_text(folder: Path | None = None) -> UiText:
    """The app's words, validated (cached)."""
    data, _ = load_yaml((folder or content_dir()) / "ui.yaml")
    return UiText.model_validate(data)
