"""Only the TUI may import Textual or rich; the store never loads the dialogues; the app never
loads plain mode. Each check imports modules in a fresh process and looks at ``sys.modules``.
The same rules are import contracts in ``pyproject.toml`` (``lint-imports``, run by CI)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import sos_assistant


def _modules(prefix: str = "sos_assistant.") -> list[str]:
    found = [m.name for m in pkgutil.walk_packages(sos_assistant.__path__, "sos_assistant.")]
    return sorted(m for m in found if m.startswith(prefix) and not m.endswith("__main__"))


BELOW_THE_FACES = [m for m in _modules() if not m.startswith("sos_assistant.tui.")]
"""Every module but the app's: the core, the session layer, plain mode and the command line."""

_FIRST_TO_LOAD = """
import importlib, sys
for name in sys.argv[2:]:
    importlib.import_module(name)
    bad = sorted(m for m in sys.modules if m.split('.')[0] in sys.argv[1].split(','))
    if bad:
        print(name, 'loads', ', '.join(bad[:3]))
        break
"""


def _first_loader(forbidden: str, modules: list[str]) -> str:
    """The first of ``modules`` that, imported in order in a fresh process, loads one of the
    ``forbidden`` top-level packages (comma-separated); empty when none does."""
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_TO_LOAD, forbidden, *modules],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_the_list_of_modules_is_complete() -> None:
    expected = {"sos_assistant.session.core", "sos_assistant.store.core", "sos_assistant.cli"}
    assert expected <= set(BELOW_THE_FACES)
    assert len(BELOW_THE_FACES) >= 40
    assert not any(m.startswith("sos_assistant.tui.") for m in BELOW_THE_FACES)


def test_no_module_below_the_faces_loads_textual_or_rich() -> None:
    assert _first_loader("textual,rich", BELOW_THE_FACES) == ""


@pytest.mark.parametrize("module", ["sos_assistant.store", *_modules("sos_assistant.store.")])
def test_the_store_never_loads_the_dialogues_or_the_session_layer(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = [m for m in ('sos_assistant.dialogue', 'sos_assistant.session') "
        "if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "", f"{module} loads {done.stdout.strip()}"


def test_the_app_never_loads_plain_mode() -> None:
    app_modules = ["sos_assistant.tui", *_modules("sos_assistant.tui.")]
    code = (
        "import importlib, sys\n"
        f"for m in {app_modules!r}: importlib.import_module(m)\n"
        "print('sos_assistant.plain' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_the_core_never_opens_a_socket_module_it_does_not_need() -> None:
    code = (
        "import sys, sos_assistant.cli, sos_assistant.dialogue, sos_assistant.render\n"
        "print(','.join(m for m in ('http.client', 'urllib.request', 'requests', 'httpx') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


_RUN_AND_LIST = """
import sys
from sos_assistant.cli import main
sys.argv = ['sos-assistant', *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
heavy = ('textual', 'rich', 'docx', 'fpdf', 'uharfbuzz', 'cryptography', 'sqlite3')
print('LOADED', ','.join(sorted({m.split('.')[0] for m in sys.modules} & set(heavy))))
"""


@pytest.mark.parametrize(
    "argv",
    [
        ["coach", "Mum is in denial."],
        ["steps", "family-conference"],
        ["check"],
        ["explain", "The ICPC will decide on a CP plan."],
    ],
    ids=lambda argv: argv[0],
)
def test_small_commands_load_only_what_they_use(argv: list[str], tmp_path: object) -> None:
    """The commands that read words and files never load the app, the exporters, the crypto
    or the store, however they end."""
    done = subprocess.run(
        [sys.executable, "-c", _RUN_AND_LIST, *argv],
        capture_output=True,
        text=True,
        check=True,
        env={**__import__("os").environ, "SOS_ASSISTANT_HOME": str(tmp_path)},
    )
    loaded = done.stdout.rsplit("LOADED", 1)[1].strip()
    assert loaded == "", f"sos-assistant {argv[0]} loads {loaded}"


_RESUME = """
import sys
from sos_assistant.dialogue import find_dialogue
from sos_assistant.session import Session
from sos_assistant.store import open_store
with open_store() as store:
    if not store.exists('resumed'):
        engine = Session.start(store, find_dialogue('family-conference'), 'resumed').engine
        engine.answer(None)
        engine.answer('Dani')
        engine.answer('Kai')
        engine.skip()
    assert Session.open(store, 'resumed').prompt().ask == 'Who else lives with you and Kai?'

print('LOADED', ','.join(sorted({m.split('.')[0] for m in sys.modules} & {'yaml', 'jinja2'})))
"""


def test_resuming_a_session_reads_no_yaml_and_renders_names_without_jinja(
    tmp_path: object,
) -> None:
    """Once the dialogue and content copies are made, carrying on a session (the app's
    ``--session NAME``) neither imports PyYAML nor jinja2 for a question that names the child."""
    env = {**__import__("os").environ, "SOS_ASSISTANT_HOME": str(tmp_path)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", _RESUME], capture_output=True, text=True, check=True, env=env
        )
        for _ in range(2)
    ]
    assert runs[1].stdout.rsplit("LOADED", 1)[1].strip() == ""
