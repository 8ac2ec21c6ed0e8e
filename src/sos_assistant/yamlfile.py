"""YAML reading that remembers where every value came from.

:func:`load_yaml` returns the plain data and a :class:`Lines` index from data paths
(``("steps", 3, "next")``) to 1-based line numbers, so that a schema error deep inside a file can
be reported at the line a person must fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sos_assistant.diagnostics import Diagnostic, display_path

PathKey = tuple[str | int, ...]


@dataclass
class Lines:
    """Line numbers of the values (and mapping keys) in one YAML document."""

    by_path: dict[PathKey, int] = field(default_factory=dict)

    def line(self, path: Sequence[str | int]) -> int:
        """The line of ``path``, or of its nearest ancestor that has one (1 for the top)."""
        key = tuple(path)
        while key:
            if key in self.by_path:
                return self.by_path[key]
            key = key[:-1]
        return self.by_path.get((), 1)


class YamlProblem(Exception):
    """A file that is not readable YAML; carries a ready-made diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


# libyaml's parser (when PyYAML was built with it) is many times faster; the constructor that
# turns nodes into values is the same Python code either way.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_Base):  # type: ignore[valid-type,misc]
    pass


def _index(node: yaml.Node, path: PathKey, lines: Lines, loader: _LineLoader) -> Any:
    lines.by_path.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, list | dict):
                raise yaml.constructor.ConstructorError(
                    None, None, "a key cannot be a list or a mapping", key_node.start_mark
                )
            child = (*path, key if isinstance(key, str | int) else str(key))
            lines.by_path[child] = key_node.start_mark.line + 1
            if key in result:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key}'", key_node.start_mark
                )
            result[key] = _index(value_node, child, lines, loader)
            lines.by_path[child] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_index(item, (*path, i), lines, loader) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def parse_yaml(text: str, file: str = "<text>") -> tuple[Any, Lines]:
    """Parse one YAML document, returning its data and line index.

    Raises:
        YamlProblem: the text is not valid YAML (the diagnostic names the line).
    """
    lines = Lines()
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, lines
        return _index(node, (), lines, loader), lines
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 0
        problem = error.problem or error.context or "not valid YAML"
        raise YamlProblem(Diagnostic(file, line, "Y001", f"YAML error: {problem}")) from None
    except yaml.YAMLError as error:
        raise YamlProblem(Diagnostic(file, 0, "Y001", f"YAML error: {error}")) from None
    finally:
        loader.dispose()


def load_yaml(path: Path) -> tuple[Any, Lines]:
    """Read and parse a YAML file; errors name the file and line."""
    name = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise YamlProblem(Diagnostic(name, 0, "Y002", "the file is not UTF-8 text")) from None
    except OSError as error:
        raise YamlProblem(
            Diagnostic(name, 0, "Y003", f"cannot read the file ({error.strerror})")
        ) from None
    return parse_yaml(text, name)
