"""The explainer: professional words in professional text, each with a plain meaning and a
question the parent could ask (``sos-assistant explain``).

It never changes the text, and never imports Textual::

    from sos_assistant.explain import explain
    for term in explain("Mum lacks insight into the impact of DV"):
        print(term.phrase, term.start, term.end, term.meaning, term.ask)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sos_assistant.explain.core import Explained, Explainer, explain, explainer


def __getattr__(name: str) -> Any:
    """Loaded on first use, so building the command line does not load the glossary."""
    if name in __all__:
        value = getattr(importlib.import_module(f"{__name__}.core"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Explained", "Explainer", "explain", "explainer"]
