"""YAML reading that remembers where every value came from.

:func:`load_yaml` returns the plain data and a :class:`Lines` index from data paths
(``("steps", 3, "next")``) to 1-based line numbers, so that a schema error deep inside a file can
be reported at the line a person must fix.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sos_assistant.diagnostics import Diagnostic, display_path

PathKey = tuple[str | int, ...]


class Lines:
    """Line numbers of the values (and mapping keys) in one YAML document.

    Worked out only when first asked for (a file without problems never needs them): the
    parser's nodes are kept until then and walked beside the data they became."""

    def __init__(self, by_path: dict[PathKey, int] | None = None) -> None:
        self._by_path: dict[PathKey, int] = {} if by_path is None else by_path
        self._pending: tuple[yaml.Node, Any] | None = None

    @property
    def by_path(self) -> dict[PathKey, int]:
        if self._pending is not None:
            node, data = self._pending
            self._pending = None
            _line_index(node, data, (), self._by_path)
        return self._by_path

    def line(self, path: Sequence[str | int]) -> int:
        """The line of ``path``, or of its nearest ancestor that has one (1 for the top)."""
        by_path = self.by_path
        key = tuple(path)
        while key:
            if key in by_path:
                return by_path[key]
            key = key[:-1]
        return by_path.get((), 1)


def _path_key(key: Any) -> str | int:
    return key if isinstance(key, str | int) else str(key)


def _line_index(node: yaml.Node, data: Any, path: PathKey, by_path: dict[PathKey, int]) -> None:
    """Fill ``by_path`` for ``node`` (already read into ``data`` by :func:`_index`)."""
    by_path.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        # The keys are in the order of the (flattened) node's pairs: duplicates were refused.
        for (key_node, value_node), key in zip(node.value, data, strict=True):
            child = (*path, _path_key(key))
            by_path[child] = key_node.start_mark.line + 1
            _line_index(value_node, data[key], child, by_path)
            by_path[child] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, (item, value) in enumerate(zip(node.value, data, strict=True)):
            _line_index(item, value, (*path, i), by_path)


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


MAX_DEPTH = 100
"""Deepest nesting of lists and mappings a file may have (no real file comes near it)."""
MAX_VALUES = 200_000
"""Most values a dialogue file may hold once its aliases are expanded (an "alias bomb" that
would need gigabytes stops here)."""
MAX_BYTES = 16 * 1024 * 1024
"""Largest file read (dialogues, answers, maps); /dev/zero or a huge file stops here."""

_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class _Walk:
    """What one parse has seen so far: the nodes met, the alias policy, the value count."""

    loader: Any
    aliases: bool
    seen: set[int] = field(default_factory=set)
    count: int = 0


def _problem(message: str, node: yaml.Node) -> yaml.MarkedYAMLError:
    return yaml.constructor.ConstructorError(None, None, message, node.start_mark)


_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "null", "timestamp")
)
"""Scalar tags whose constructor returns the value at once (no generator, no bookkeeping)."""


def _scalar(node: yaml.Node, walk: _Walk) -> Any:
    tag = node.tag
    try:
        if tag == _STR_TAG:
            value = node.value  # what SafeConstructor.construct_yaml_str returns
        elif tag in _PLAIN_TAGS:
            value = walk.loader.yaml_constructors[tag](walk.loader, node)
        else:
            value = walk.loader.construct_object(node, deep=True)
    except ValueError as error:  # int() of more than 4,300 digits, a bad date, ...
        if "digits" in str(error):
            raise _problem("a number with more than 4,300 digits", node) from None
        raise _problem(f"a value that cannot be read ({error})", node) from None
    if isinstance(value, str) and _SURROGATE.search(value):
        raise _problem(
            "text with a broken character (a lone surrogate such as \\ud800)", node
        ) from None
    return value


def _index(node: yaml.Node, depth: int, walk: _Walk) -> Any:
    walk.count += 1
    if walk.count > MAX_VALUES:
        raise _problem(f"more than {MAX_VALUES:,} values once its aliases are expanded", node)
    if depth > MAX_DEPTH:
        raise _problem(f"lists or mappings nested more than {MAX_DEPTH} deep", node)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, walk)
    if id(node) in walk.seen and not walk.aliases:
        raise _problem(
            "an alias (*name) repeats a value from elsewhere; this file needs none, so "
            "write the value out",
            node,
        )
    walk.seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        walk.loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _problem("a key cannot be a list or a mapping", key_node)
            key = _scalar(key_node, walk)
            if key in result:
                raise _problem(
                    f"duplicate key '{key}' (first at line {_first_line(node, key, walk)})",
                    key_node,
                )
            result[key] = _index(value_node, depth + 1, walk)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_index(item, depth + 1, walk) for item in node.value]
    return _scalar(node, walk)


def _first_line(node: yaml.MappingNode, key: Any, walk: _Walk) -> int:
    """The line of the first ``key`` in a mapping (for the message about a duplicate)."""
    for key_node, _ in node.value:
        if _scalar(key_node, walk) == key:
            return int(key_node.start_mark.line) + 1
    return 0


def parse_yaml(text: str, file: str = "<text>", *, aliases: bool = True) -> tuple[Any, Lines]:
    """Parse one YAML document, returning its data and line index.

    Hostile text ends in a :class:`YamlProblem`, never a hang or a traceback: nesting deeper
    than :data:`MAX_DEPTH`, more than :data:`MAX_VALUES` values once aliases are expanded,
    integers over 4,300 digits, lone surrogates and duplicate keys. With ``aliases=False``
    (answers files and maps, which need none) any alias is refused.

    Raises:
        YamlProblem: the text is not valid YAML (the diagnostic names the line).
    """
    lines = Lines()
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, lines
        data = _index(node, 0, _Walk(loader, aliases))
        lines._pending = (node, data)
        return data, lines
    except RecursionError:  # the pure-Python parser, on deep nesting
        raise YamlProblem(
            Diagnostic(file, 0, "Y001", f"YAML error: nested more than {MAX_DEPTH} deep")
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 0
        problem = error.problem or error.context or "not valid YAML"
        raise YamlProblem(Diagnostic(file, line, "Y001", f"YAML error: {problem}")) from None
    except yaml.YAMLError as error:
        raise YamlProblem(Diagnostic(file, 0, "Y001", f"YAML error: {error}")) from None
    finally:
        loader.dispose()


def load_data(text: str, file: str = "<text>") -> Any:
    """The data of an answers file or a map (YAML or JSON): no aliases, and every limit of
    :func:`parse_yaml`.

    Raises:
        YamlProblem: the text is not valid, or is hostile (the diagnostic names the line)."""
    if text.lstrip()[:1] in ("{", "["):
        # JSON first: it may hold characters YAML refuses (C1 controls, U+FFFE) that a JSON
        # map legitimately carries. Text that is not JSON is read as YAML's flow style.
        import json

        try:
            return load_json(text)
        except json.JSONDecodeError:
            pass
        except ValueError as error:  # JSON, but hostile
            raise YamlProblem(Diagnostic(file, 0, "Y001", f"YAML error: {error}")) from None
    return parse_yaml(text, file, aliases=False)[0]


def read_bounded(path: Path, limit: int = MAX_BYTES) -> str:
    """A text file's contents, reading at most ``limit`` bytes (so /dev/zero cannot fill
    memory).

    Raises:
        YamlProblem: the file cannot be read, is too big, or is not UTF-8 (code Y002/Y003)."""
    name = display_path(path)
    try:
        with open(path, "rb") as stream:
            raw = stream.read(limit + 1)
    except OSError as error:
        raise YamlProblem(
            Diagnostic(name, 0, "Y003", f"cannot read the file ({error.strerror or error})")
        ) from None
    return decode_bounded(raw, name, limit)


def decode_bounded(raw: bytes, name: str, limit: int = MAX_BYTES) -> str:
    """``raw`` (read with :func:`read_bounded`'s limit + 1) as UTF-8 text."""
    if len(raw) > limit:
        raise YamlProblem(
            Diagnostic(name, 0, "Y003", f"the file is bigger than {limit // (1024 * 1024)} MB")
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise YamlProblem(Diagnostic(name, 0, "Y002", "the file is not UTF-8 text")) from None


def load_yaml(path: Path) -> tuple[Any, Lines]:
    """Read and parse a YAML file; errors name the file and line."""
    return parse_yaml(read_bounded(path), display_path(path))


def _checked_json(value: Any, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise ValueError(f"lists or mappings nested more than {MAX_DEPTH} deep")
    if isinstance(value, str):
        if _SURROGATE.search(value):
            raise ValueError("text with a broken character (a lone surrogate such as \\ud800)")
    elif isinstance(value, dict):
        for key, item in value.items():
            _checked_json(key, depth + 1)
            _checked_json(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _checked_json(item, depth + 1)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key '{key}'")
        result[key] = value
    return result


def load_json(text: str) -> Any:
    """JSON data with the limits of :func:`parse_yaml`: no duplicate keys, nesting at most
    :data:`MAX_DEPTH`, no integers over 4,300 digits, no lone surrogates.

    Raises:
        ValueError: the text is not such JSON (the message says why, with a line when known).
    """
    import json

    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise ValueError(f"lists or mappings nested more than {MAX_DEPTH} deep") from None
    except ValueError as error:
        if "digits" in str(error):
            raise ValueError("a number with more than 4,300 digits") from None
        raise
    _checked_json(data)
    return data
