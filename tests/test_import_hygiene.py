"""Only the TUI may import Textual: the core, the command line and plain mode never do."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "sos_assistant.model",
    "sos_assistant.dialogue",
    "sos_assistant.coach",
    "sos_assistant.render",
    "sos_assistant.store",
    "sos_assistant.content",
    "sos_assistant.check",
    "sos_assistant.safetext",
    "sos_assistant.cli",
    "sos_assistant.dates",
    "sos_assistant.opener",
    "sos_assistant.render.pdf",
]


@pytest.mark.parametrize("module", CORE)
def test_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "", f"{module} pulls in {done.stdout.strip()}"


def test_the_core_never_opens_a_socket_module_it_does_not_need() -> None:
    code = (
        "import sys, sos_assistant.cli, sos_assistant.dialogue, sos_assistant.render\n"
        "print(','.join(m for m in ('http.client', 'urllib.request', 'requests', 'httpx') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
