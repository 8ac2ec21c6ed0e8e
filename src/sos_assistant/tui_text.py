"""The words of the full-screen app and of plain mode (``content/ui.yaml``).

Kept outside ``tui/`` so plain mode and ``sos-assistant check`` can read them without Textual.

PyYAML itself takes ~10 ms to import, so the words are also kept as JSON in the cache folder
(:func:`sos_assistant.resources.cache_dir`), named by a hash of ``ui.yaml`` and this version:
an edited file or a new version is simply read again. The copy holds only the app's words.

The words are typed named tuples, not pydantic models, because they are needed before the
first screen can show: defining and filling them costs about 3 ms, where importing pydantic and
building its validators cost ~80 ms and 12 MB (named tuples are also several times quicker to
define than dataclasses). pydantic is still the one judge of a wrong file:
:func:`validate_ui_text` (used by ``check``, and by :func:`ui_text` when the file does not fit)
validates the same classes and says exactly what is wrong and where.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal, NamedTuple, TypeVar, get_args, get_origin, get_type_hints

from sos_assistant.errors import CommandError
from sos_assistant.resources import content_dir

_T = TypeVar("_T")


class FirstRun(NamedTuple):
    title: str
    body: str
    help_now: str
    quick_exit: str
    start: str


class Audiences(NamedTuple):
    family: str
    practitioner: str
    advocate: str


class Home(NamedTuple):
    title: str
    carry_on: str
    no_sessions: str
    more: str
    find: str
    none_found: str
    new: str
    progress: str
    finished: str
    changed: str
    who_title: str
    audiences: Audiences
    framework_title: str
    dialogue_title: str
    no_dialogue: str
    who_child: str
    who_story: str
    contrast_hint: str
    opening: str
    """Shown while a session opens (a second or two): answer keys wait until it is open."""


class Question(NamedTuple):
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
    goals_title: str
    goals_hint: str
    goals_still_to_do: str
    goals_answers: str
    suggest_hint: str
    """On a screen of questions the person could ask: how to add them to their own."""
    suggest_added: str
    scale_zero: str
    """``{means}``: what 0 means on the scaling question, restated beside the number line."""
    scale_ten: str


class Keys(NamedTuple):
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
    edit: str
    remove: str
    up: str
    down: str
    close: str
    lower: str
    higher: str
    start_again: str
    add_questions: str
    contrast: str


class Buttons(NamedTuple):
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


class MapText(NamedTuple):
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
    history_failed: str
    """The saved maps could not be read; ``{problem}`` says why."""
    edit_title: str
    edit_empty: str
    export_where: str
    """After saving: ``{folder}`` is the full path of the folder the files are in."""
    open_folder: str
    open_file: str
    cannot_open: str


class HelpText(NamedTuple):
    title: str
    search: str
    none: str
    ask: str
    also: str
    more: str
    """Under the first words found, when there are more: ``{more}`` is how many."""


class CrisisText(NamedTuple):
    close: str
    more: str
    """Under the numbers: how to reach them all on a small screen."""
    safe_title: str
    """Asked gently after the panel closes, when an answer opened it."""
    safe_explain: str
    safe_keep: str
    safe_remove: str
    safe_again: str


class PlainText(NamedTuple):
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
    tip: str
    """One of the coach's tips on the answer just saved; ``{tip}`` is what it says."""
    tip_change: str
    map_check: str
    """A map-level check (a danger statement with no goal, ...); ``{problem}`` says what."""
    goals_dangers: str
    goals_still_to_do: str
    suggest: str
    suggest_added: str
    scale_means: str
    """``{zero}`` and ``{ten}``: what 0 and 10 mean, said again before the number is asked."""
    export_where: str
    text_again: str
    added: str
    """A list item was added; ``{item}`` is it."""
    person_added: str
    people_how: str
    scale_again: str
    carry_on: str
    """An unfinished session of the same dialogue; ``{name}``, ``{answered}``, ``{total}``."""
    start_afresh_word: str
    passphrase: str
    number_words: str
    """The numbers 0 to 10 as words, split by spaces, so "five" is read as 5."""
    relation_starts: str
    """Words (split by spaces) that start "who they are" rather than a name: "my mum, Pat"
    is Pat, my mum."""


class PassphraseText(NamedTuple):
    title: str
    explain: str
    placeholder: str
    open: str
    wrong: str
    cannot_open: str
    """Shown when the saved sessions cannot be opened at all; ``{problem}`` is the reason."""


class PlanWords(NamedTuple):
    """The network and review questions (the safety plan), in the app and in plain mode."""

    helper_name: str
    helper_relationship: str
    helper_knows: str
    helper_helps: str
    helper_reach: str
    helper_add: str
    knows_unsure: str
    none_know: str
    review_by: str
    review_mark: str
    review_note: str
    review_none: str
    review_before: str
    review_button: str
    status_skip: str
    plain_helper: str
    plain_relationship: str
    plain_knows: str
    plain_helps: str
    plain_reach: str
    plain_review_by: str
    plain_review_rule: str
    plain_review_status: str
    plain_review_note: str
    plain_review_offer: str


class RehearseParts(NamedTuple):
    harm: str
    danger_statements: str
    safety_goals: str
    scaling: str


class RehearseText(NamedTuple):
    """Practising questions with a fictional family, in the app and in plain mode."""

    home_option: str
    reflect_option: str
    pick_title: str
    card_title: str
    start: str
    placeholder: str
    you: str
    tally_title: str
    tally_open: str
    tally_closed: str
    tally_poor: str
    tally_other: str
    tally_three: str
    three_worries: str
    three_working_well: str
    three_next_steps: str
    saved_as: str
    plain_intro: str
    not_saved: str
    summary_title: str
    write_map: str
    close: str
    map_title: str
    map_intro: str
    map_intro_plain: str
    coach_ok: str
    coach_line: str
    compare: str
    compare_title: str
    yours: str
    model: str
    nothing: str
    map_skipped: str
    map_saved: str
    key_end: str
    key_compare: str
    key_home: str
    transcript_title: str
    note_title: str
    note_nothing: str
    note_empty: str
    note_footer: str
    not_a_reflection: str
    parts: RehearseParts
    parts_short: RehearseParts


class UiText(NamedTuple):
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
    plan: PlanWords
    rehearse: RehearseText


class UiTextError(CommandError):
    """``ui.yaml`` does not fit :class:`UiText`; the message gives file, line and problem."""


class _Misfit(Exception):
    """Raised inside :func:`_build`; pydantic then finds the words for what is wrong."""


def _build(cls: type[_T], data: Any) -> _T:
    """``cls`` from YAML data, or :class:`_Misfit` at the first thing that does not fit."""
    if not isinstance(data, dict):
        raise _Misfit
    hints = _hints(cls)  # type: ignore[arg-type]
    names: tuple[str, ...] = cls._fields  # type: ignore[attr-defined]
    if set(data) != set(names):
        raise _Misfit
    values: dict[str, Any] = {}
    for name in names:
        hint, value = hints[name], data[name]
        if isinstance(hint, type) and issubclass(hint, tuple):
            value = _build(hint, value)
        elif hint is str:
            if not isinstance(value, str):
                raise _Misfit
        elif get_origin(hint) is Literal:
            if value not in get_args(hint):
                raise _Misfit
        elif not (isinstance(value, dict) and all(isinstance(v, str) for v in value.values())):
            raise _Misfit  # the only other shape is dict[str, str]
        values[name] = value
    return cls(**values)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def validate_ui_text(data: Any) -> UiText:
    """Validate with pydantic: raises :class:`pydantic.ValidationError` naming each problem."""
    from pydantic import TypeAdapter

    return TypeAdapter(UiText).validate_python(data)


@cache
def ui_text(folder: Path | None = None) -> UiText:
    """The app's words (cached). A file that does not fit raises :class:`UiTextError`."""
    from sos_assistant.jsoncopy import load_with_copy

    def read_file(path: Path) -> tuple[Any, UiText]:
        from sos_assistant.yamlfile import load_yaml

        data, _ = load_yaml(path)
        try:
            return data, _build(UiText, data)
        except _Misfit:
            from sos_assistant.check import check_model_file

            problems = check_model_file(path, validate_ui_text, "K001")
            message = "\n".join(str(p) for p in problems) or f"{path}: does not fit"
            raise UiTextError(message) from None

    # a copy made by a different version of the classes does not fit: the file is read again
    path = (folder or content_dir()) / "ui.yaml"
    return load_with_copy(
        path, "ui-words-", (), lambda data: _build(UiText, data), _Misfit, read_file
    )
