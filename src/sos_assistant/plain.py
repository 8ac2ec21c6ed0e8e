"""Plain mode: the same conversation, line by line on standard input and output.

For screen-reader and braille users and for pipes: no full-screen UI, no colours, no cursor
movement; one short line per thing said; numbered choices; words for moving around (``skip``,
``back``, ``map``, ``help``, ``danger``, ``stop``). It drives the same session layer
(:mod:`sos_assistant.session`) as the full-screen app: the same saving, danger-now check and
coach's tips. It never imports Textual, and the app never imports it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from sos_assistant import content, names
from sos_assistant.dialogue.answers import as_var
from sos_assistant.model import ROLES
from sos_assistant.safetext import inert, one_line, reflow
from sos_assistant.tui_text import ui_text

if TYPE_CHECKING:
    from sos_assistant.dialogue import Prompt
    from sos_assistant.session import Given, Session

AUDIENCES = names.AUDIENCES


# -- plain mode --------------------------------------------------------------------------------

COMMANDS = ("skip", "back", "map", "help", "danger", "stop", "examples")


class _Stop(Exception):
    """The person typed ``stop`` or the input ended: everything is saved; leave."""


class _Command(Exception):
    def __init__(self, word: str) -> None:
        super().__init__(word)
        self.word = word


class Plain:
    """One plain-mode conversation over a pair of text streams."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.words = ui_text().plain

    # -- talking ---------------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        self.stdout.write(inert(text).rstrip() + "\n")
        self.stdout.flush()

    def read(self, *, commands: bool = True) -> str:
        """One line (without its line break). Raises _Stop at the end of input."""
        line = self.stdin.readline()
        if not line:
            raise _Stop
        text = line.rstrip("\r\n").strip()
        word = text.lower()
        if word == "stop":
            raise _Stop
        if commands and word in COMMANDS:
            raise _Command(word)
        return text

    def pick(self, title: str, options: list[str], *, default: int | None = None) -> int | None:
        """A numbered list; the number chosen (0-based), or ``default`` on a blank line."""
        self.say(title)
        for i, option in enumerate(options, 1):
            self.say(f"{i}. {one_line(option)}")
        while True:
            text = self.read(commands=False)
            if not text:
                return default
            if text.isdigit() and 1 <= int(text) <= len(options):
                return int(text) - 1
            lowered = [one_line(o).lower() for o in options]
            if text.lower() in lowered:
                return lowered.index(text.lower())
            self.say(self.words.not_understood.format(problem=title))

    # -- starting --------------------------------------------------------------------------

    def open(self, ns: argparse.Namespace) -> Session:
        from sos_assistant.session import (
            Session,
            asks_framework,
            dialogues_for,
            find_script,
            new_session_name,
        )
        from sos_assistant.store import open_store

        store = open_store()
        for notice in store.notices:
            self.say(notice)
        if store.is_locked:
            self.say("This store is protected. Type the passphrase:")
            store.unlock(self.read(commands=False))
        name: str | None = getattr(ns, "session", None)
        dialogue = ns.plain or None
        audience = getattr(ns, "audience", None)
        framework = getattr(ns, "framework", None)
        if name is None and not dialogue:
            sessions = [s for s in store.list_sessions() if not s.finished]
            if sessions:
                labels = [
                    f"{s.name} ({s.answered} of {s.total}, {s.updated:%d %b %Y})" for s in sessions
                ]
                chosen = self.pick(self.words.choose_session, labels)
                if chosen is not None:
                    name = sessions[chosen].name
        if name is not None and store.exists(name):
            return Session.open(store, name, find_script(dialogue) if dialogue else None)
        if not dialogue:
            scripts = [s for a in AUDIENCES for s in dialogues_for(a)]
            if audience:
                scripts = [s for s in scripts if audience in s.audience] or scripts
            ids = [s.id for s in scripts]
            default = ids.index("family-conference") if "family-conference" in ids else 0
            chosen = self.pick(
                self.words.choose_dialogue,
                [f"{s.title} ({s.id})" for s in scripts],
                default=default,
            )
            dialogue = ids[default if chosen is None else chosen]
        script = find_script(dialogue)
        if framework is None and asks_framework(script):
            fws = content.frameworks().frameworks
            keys = list(fws)
            chosen = self.pick(
                self.words.choose_framework,
                [f"{fws[k].name}: {fws[k].summary}" for k in keys],
                default=0,
            )
            framework = keys[chosen or 0]
        if name is None:
            name = new_session_name(script, (s.name for s in store.list_sessions()))
        return Session.start(store, script, name, framework=framework, audience=audience)

    # -- the conversation ------------------------------------------------------------------

    def run(self, ns: argparse.Namespace) -> int:
        from sos_assistant.dialogue import ScriptError
        from sos_assistant.store import StoreError

        self.say(self.words.intro)
        name = ""
        try:
            try:
                session = self.open(ns)
            except (StoreError, ScriptError) as error:
                self.say(str(error))
                return 1
            name = session.name
            self.say(self.words.session.format(name=name))
            for line in session.damaged:  # the rest is carried on as usual
                self.say(line)
            self.converse(session)
            self.finish(session)
        except _Stop:
            self.say(self.words.stopped.format(name=name) if name else ui_text().stopped)
        return 0

    def converse(self, session: Session) -> None:
        from sos_assistant.dialogue import AnswerError, EngineError
        from sos_assistant.session import SessionError

        while (step := session.engine.current) is not None:
            prompt = session.prompt()
            self.say()
            if step.is_question:
                self.say(self.words.question.format(number=prompt.number, total=prompt.total))
            # One line per paragraph or list item: a screen reader or braille display does
            # its own wrapping, and the file's line breaks fell mid-sentence.
            self.say(reflow(prompt.ask))
            if prompt.help:
                self.say(self.words.help_line.format(help=reflow(prompt.help)))
            if prompt.previous is not None:
                self.say(self.words.previous.format(answer=as_var(step, prompt.previous)))
            try:
                value = self.ask(prompt)
                given = session.give(value)
                if step.is_question and value is not None:
                    self.say(self.words.saved)
                if given.crisis:
                    self.crisis()
                self.tips(given)
            except _Command as command:
                self.command(command.word, session, prompt)
            except (AnswerError, EngineError) as error:
                self.say(self.words.not_understood.format(problem=error))
            except SessionError as error:  # the coach could not be loaded: the answer is saved
                self.say(str(error))

    def tips(self, given: Given) -> None:
        """The coach's tips on the answer just saved, one line each."""
        for tip in given.tips:
            finding = tip.finding
            found = tip.text[finding.start : finding.end]
            about = f"“{one_line(found)}”: " if found and len(found) < len(tip.text) else ""
            line = self.words.tip.format(tip=about + finding.message)
            if finding.suggestion:
                line += " " + finding.suggestion
            self.say(line)
        if given.tips:
            self.say(self.words.tip_change)

    def command(self, word: str, session: Session, prompt: Prompt) -> None:
        from sos_assistant.dialogue import EngineError
        from sos_assistant.render import render_text

        if word == "skip":
            if prompt.step.skippable:
                session.skip()
        elif word == "back":
            try:
                session.back()
            except EngineError as error:
                self.say(str(error))
        elif word == "map":
            self.say(render_text(session.map(), "txt"))
        elif word == "help":
            self.glossary()
        elif word == "danger":
            self.crisis()
        elif word == "examples":
            self.say(self.words.examples.format(examples=" / ".join(prompt.examples) or "-"))

    def ask(self, prompt: Prompt) -> Any:
        """Read one answer in the shape the engine takes (None: skip)."""
        kind = prompt.step.kind
        words = self.words
        if kind == "info":
            self.say(words.info)
            self.read()
            return None
        if prompt.examples:
            self.say(words.examples.format(examples=" / ".join(e.strip() for e in prompt.examples)))
        if kind == "text":
            return self.read() or None
        if kind in ("choice", "confirm"):
            if kind == "choice":
                options = [label for _, label, _ in prompt.choices]
                values: list[Any] = [value for value, _, _ in prompt.choices]
            else:
                options = [ui_text().question.yes, ui_text().question.no]
                values = [True, False]
            self.say(words.choices if kind == "choice" else words.confirm)
            for i, (option, (_, _, explain)) in enumerate(
                zip(options, prompt.choices or [("", "", "")] * 2, strict=False), 1
            ):
                self.say(
                    f"{i}. {one_line(option)}" + (f" ({one_line(explain)})" if explain else "")
                )
            while True:
                text = self.read()
                if not text:
                    return None
                lowered = [one_line(o).lower() for o in options]
                if text.isdigit() and 1 <= int(text) <= len(options):
                    return values[int(text) - 1]
                if text.lower() in lowered:
                    return values[lowered.index(text.lower())]
                if kind == "confirm" and text.lower() in ("y", "n"):
                    return text.lower() == "y"
                self.say(words.not_understood.format(problem=words.choices))
        if kind == "scale":
            self.say(words.scale)
            while True:
                text = self.read()
                if not text:
                    return None
                try:
                    score = float(text)
                except ValueError:
                    self.say(words.not_understood.format(problem=words.scale))
                    continue
                if 0 <= score <= 10:
                    break
                self.say(words.not_understood.format(problem=words.scale))
            self.say(words.scale_why)
            why = self.read(commands=False)
            number: int | float = int(score) if score.is_integer() else score
            return {"score": number, "why": why} if why else {"score": number}
        if kind == "list":
            self.say(words.list)
            items: list[Any] = []
            while True:
                text = self.read(commands=not items)
                if not text:
                    return items or None
                if prompt.step.views:
                    self.say(words.list_view)
                    view = self.read(commands=False)
                    items.append({"text": text, "dispute": view} if view else text)
                else:
                    items.append(text)
        if kind == "people":
            self.say(words.people.format(roles=", ".join(ROLES)))
            people: list[dict[str, str]] = []
            while True:
                text = self.read(commands=not people)
                if not text:
                    return people or None
                person_name, _, role = text.partition(",")
                row = {"name": person_name.strip()}
                if role.strip():
                    row["role"] = role.strip().lower()
                people.append(row)
        raise ValueError(f"unknown step kind {kind}")

    def crisis(self) -> None:
        info = content.crisis()
        self.say()
        self.say(info.title.upper())
        self.say(info.intro)
        for contact in info.contacts:
            self.say(f"{contact.name}: {contact.number}. {contact.when}")
        if info.after:
            self.say(info.after)
        self.say()

    def glossary(self) -> None:
        words = ui_text().help
        while True:
            self.say(self.words.help_prompt)
            query = self.read(commands=False)
            if not query:
                return
            found = content.glossary().search(query)
            if not found:
                self.say(words.none)
            for term in found:
                self.say(f"{term.term}: {term.plain}")
                if term.ask:
                    self.say(f"{words.ask} {term.ask}")

    def finish(self, session: Session) -> None:
        from sos_assistant.render import render_text
        from sos_assistant.session import DEFAULT_EXPORT_FORMATS, default_export_folder

        session.finish()
        the_map = session.map()
        self.say()
        self.say(self.words.finished)
        self.say()
        self.say(render_text(the_map, "txt"))
        for finding in session.map_checks():
            line = self.words.map_check.format(problem=finding.message)
            self.say(line + (" " + finding.suggestion if finding.suggestion else ""))
        folder = default_export_folder()
        self.say(self.words.export.format(folder=folder))
        try:
            text = self.read(commands=False)
        except _Stop:
            return
        if text.lower() in ("no", "n", "skip"):
            return
        try:
            files = session.export(Path(text) if text else folder, DEFAULT_EXPORT_FORMATS)
        except OSError as error:
            self.say(ui_text().map.export_failed.format(problem=error.strerror or error))
            return
        self.say(self.words.exported.format(files=", ".join(str(f) for f in files)))


def run(ns: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """Plain mode (``sos-assistant --plain [DIALOGUE]``); 0 when it ends or is stopped."""
    return Plain(stdin, stdout).run(ns)
