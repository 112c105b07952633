"""Read one YAML file safely, remembering where every key and value sits.

Aliases are refused as soon as a node is reached twice (catalog files never need them, and
they are how "billion laughs" documents explode), duplicate keys are errors, and tags other than the YAML core
schema's are rejected by the safe loader.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Path_ = tuple[str | int, ...]

DEFAULT_MAX_BYTES = 1_000_000


class SourceError(Exception):
    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Document:
    """Parsed data and the text it came from; positions are worked out only when asked for
    (on an error), by composing the text again, which keeps loading large catalogs fast."""

    data: Any
    text: str = ""
    _tables: tuple[dict[Path_, tuple[int, int]], dict[Path_, tuple[int, int]]] | None = field(
        default=None, repr=False)

    def mark(self, path: Path_, prefer_key: bool = False) -> tuple[int, int]:
        """The closest known position for ``path``, walking up to its parents if needed."""
        if self._tables is None:
            self._tables = ({}, {})
            if self.text:
                _record(_compose(self.text), (), *self._tables)
        keys, values = self._tables
        marks = (keys, values) if prefer_key else (values, keys)
        current = tuple(path)
        while True:
            for table in marks:
                if current in table:
                    return table[current]
            if not current:
                return (1, 1)
            current = current[:-1]


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"


def _compose(text: str) -> Node:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _pos(node: Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _record(node: Node, path: Path_, keys: dict[Path_, tuple[int, int]],
            values: dict[Path_, tuple[int, int]]) -> None:
    values[path] = _pos(node)
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            key = (*path, key_node.value)
            keys[key] = _pos(key_node)
            _record(value_node, key, keys, values)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            _record(item, (*path, index), keys, values)


def _build(loader: Any, node: Node, seen: set[int]) -> Any:
    if id(node) in seen:
        raise SourceError(
            "YAML aliases (*name) are not allowed in catalog files; write the value out",
            *_pos(node))
    seen.add(id(node))
    if isinstance(node, MappingNode):
        out: dict[Any, Any] = {}
        firsts: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise SourceError("YAML merge keys (<<) are not allowed", *_pos(key_node))
            key = key_node.value if key_node.tag == _STR else loader.construct_object(
                key_node, deep=True)
            if not isinstance(key, str):
                raise SourceError(f"keys must be text, not {key!r}", *_pos(key_node))
            if key in out:
                raise SourceError(
                    f"duplicate key {key!r} (first defined on line {_pos(firsts[key])[0]}); "
                    "the earlier value would be lost",
                    *_pos(key_node),
                )
            firsts[key] = key_node
            if id(value_node) in seen:
                raise SourceError(f"{key}: YAML aliases (*name) are not allowed in catalog files",
                                  *_pos(key_node))
            out[key] = _build(loader, value_node, seen)
        return out
    if isinstance(node, SequenceNode):
        return [_build(loader, item, seen) for item in node.value]
    assert isinstance(node, ScalarNode)
    return node.value if node.tag == _STR else loader.construct_object(node, deep=True)


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise SourceError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
            line, column) from None


def parse(text: str) -> Document:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise SourceError("the file is empty")
        return Document(data=_build(loader, node, set()), text=text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise SourceError(f"invalid YAML: {problem}", line, column) from None
    except yaml.YAMLError as exc:
        raise SourceError(f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()


def read(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    size = path.stat().st_size
    if size > max_bytes:
        raise SourceError(f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit")
    return parse(_decode(path.read_bytes()))
