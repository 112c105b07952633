"""Read one YAML file safely, remembering where every key and value sits.

A first pass over the parser's events refuses aliases (catalog files never need them, and they
are how "billion laughs" documents explode) and nesting deeper than ``MAX_DEPTH`` (which would
exhaust the stack) before any node is built. Duplicate keys are errors, and tags other than the
YAML core schema's are rejected by the safe loader.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Path_ = tuple[str | int, ...]

DEFAULT_MAX_BYTES = 1_000_000
MAX_DEPTH = 64


class SourceError(Exception):
    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Document:
    data: Any
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def mark(self, path: Path_, prefer_key: bool = False) -> tuple[int, int]:
        """The closest known position for ``path``, walking up to its parents if needed."""
        marks = (self.key_marks, self.value_marks) if prefer_key else (
            self.value_marks, self.key_marks)
        current = tuple(path)
        while True:
            for table in marks:
                if current in table:
                    return table[current]
            if not current:
                return (1, 1)
            current = current[:-1]


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _pos(node: Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _build(loader: Any, node: Node, path: Path_, doc: Document) -> Any:
    doc.value_marks[path] = _pos(node)
    if isinstance(node, MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise SourceError("YAML merge keys (<<) are not allowed", *_pos(key_node))
            key = _scalar(loader, key_node)
            if not isinstance(key, str):
                raise SourceError(f"keys must be text, not {key!r}", *_pos(key_node))
            if key in out:
                first = doc.key_marks[(*path, key)]
                raise SourceError(
                    f"duplicate key {key!r} (first defined on line {first[0]}); "
                    "the earlier value would be lost",
                    *_pos(key_node),
                )
            doc.key_marks[(*path, key)] = _pos(key_node)
            out[key] = _build(loader, value_node, (*path, key), doc)
        return out
    if isinstance(node, SequenceNode):
        return [_build(loader, item, (*path, i), doc) for i, item in enumerate(node.value)]
    return _scalar(loader, node)


def _scalar(loader: Any, node: Node) -> Any:
    if not isinstance(node, ScalarNode):
        raise SourceError("keys must be text, not a list or mapping", *_pos(node))
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, TypeError, OverflowError) as exc:
        raise SourceError(f"invalid value {node.value!r}: {exc}", *_pos(node)) from None


def _check_events(text: str) -> None:
    """Refuse aliases and deep nesting while only the parser's flat event stream exists."""
    loader = _Loader(text)
    try:
        depth = 0
        while loader.check_event():
            event = loader.get_event()
            mark = (event.start_mark.line + 1, event.start_mark.column + 1)
            if isinstance(event, AliasEvent):
                raise SourceError(
                    "YAML aliases (*name) are not allowed in catalog files; write the value out",
                    *mark)
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise SourceError(f"nested more than {MAX_DEPTH} levels deep", *mark)
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


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
        _check_events(text)
        node = loader.get_single_node()
        if node is None:
            raise SourceError("the file is empty")
        doc = Document(data=None)
        doc.data = _build(loader, node, (), doc)
        return doc
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
