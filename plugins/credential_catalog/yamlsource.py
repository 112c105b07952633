"""Read one YAML file safely; work out where a key or value sits only when an error needs it.

Aliases are refused (catalog files never need them, and they are how "billion laughs" documents
explode), and so is nesting deeper than ``MAX_DEPTH``, which would exhaust the stack: a text that
could nest that deep is first checked on the parser's flat event stream, before any node is
built. Duplicate keys are errors, and so is a tag (``!!python/...``, ``!!str``) on any node.

Plain values are read under strict rules, close to YAML 1.2's core schema and stricter: ``true``
and ``false`` are the only booleans, numbers are decimal (no ``1:30`` read as 90, no octal, hex or
``_``, no ``.inf``), and a date is ``YYYY-MM-DD``. Anything else is text, which the models then
refuse where a number, a boolean or a date belongs.
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

from .printing import shown
from .problems import format_path

Path_ = tuple[str | int, ...]
Marks = dict[Path_, tuple[int, int]]

DEFAULT_MAX_BYTES = 1_000_000
MAX_DEPTH = 64
ALIAS_MESSAGE = "YAML aliases (*name) are not allowed in catalog files; write the value out"

_CORE = "tag:yaml.org,2002:"
_STR = _CORE + "str"
_DEFAULT_TAGS = {MappingNode: _CORE + "map", SequenceNode: _CORE + "seq"}
_IMMUTABLE = (bool, int, float, type(None), dt.date, dt.datetime)
_CONSTRUCTED: dict[tuple[str, str], Any] = {}
_CONSTRUCTED_MAX = 50_000


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader with the strict plain values of this module's docstring, and the resolver's
    common case inlined: it runs for every node."""

    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                table = self.yaml_implicit_resolvers
                for tag, regexp in table.get(value[0] if value else "", []) + table.get(None, []):
                    if regexp.match(value):
                        return tag
            return _STR
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]


_PLAIN_VALUES = (
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
    ("bool", r"true|True|TRUE|false|False|FALSE", list("tTfF")),
    ("int", r"[-+]?(?:0|[1-9][0-9]{0,17})", list("-+0123456789")),
    ("float", r"(?=.{1,40}$)[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(?=[eE]))(?:[eE][-+]?[0-9]+)?",
     list("-+0123456789.")),
    ("timestamp", r"[0-9]{4}-[0-9]{2}-[0-9]{2}", list("0123456789")),
    ("merge", r"<<", ["<"]),  # resolved, so that a merge key is refused by name
)
for _name, _pattern, _first in _PLAIN_VALUES:
    _Loader.add_implicit_resolver(_CORE + _name, re.compile(f"^(?:{_pattern})$"), _first)

# A tag is written where a node starts: at the start of the text, after a blank or a flow indicator.
_TAG = re.compile(r"(?:^|[\s\[{,])!")
_NOT_YAML = re.compile(r"[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters a YAML stream may not hold at all (YAML 1.1's printable set)."""

# Only flow brackets or long runs of indentation and dashes can nest deeper than MAX_DEPTH.
# Searched as "\n" + run, which is much faster than a MULTILINE "^"; the first line is checked apart.
_DEEP_INDENT = re.compile(rf"[ \t-]{{{2 * MAX_DEPTH}}}")
_DEEP_INDENT_LINE = re.compile(rf"\n[ \t-]{{{2 * MAX_DEPTH}}}")
_DASH_LINE = re.compile(r"\n[ \t]*- ")
"""A line of a plain value that starts with "- ": it looks like a list item but is read as text."""


class SourceError(Exception):
    def __init__(self, message: str, line: int = 1, column: int = 1, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.field = field


class _AliasFound(Exception):
    pass


class _DashInText(Exception):
    def __init__(self, node: ScalarNode, line: int) -> None:
        super().__init__()
        self.node = node
        self.line = line


@dataclass
class Document:
    """Parsed data and the text it came from; positions are worked out only when asked for
    (on an error), by composing the text again, which keeps loading large catalogs fast."""

    data: Any
    text: str = ""
    _tables: tuple[Marks, Marks] | None = field(default=None, repr=False)

    def __reduce__(self) -> tuple[type["Document"], tuple[Any, str]]:
        return (Document, (self.data, self.text))

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


def _compose(text: str) -> Node:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _pos(node: Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _record(node: Node, path: Path_, keys: Marks, values: Marks) -> None:
    values[path] = _pos(node)
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            key = (*path, key_node.value)
            keys[key] = _pos(key_node)
            _record(value_node, key, keys, values)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            _record(item, (*path, index), keys, values)


def _text(node: ScalarNode, source: str) -> str:
    """The value of a text node, once it is sure no line of it was meant as a list item.

    Called only for values holding "- ", so the common case costs one substring test."""
    if not node.style and node.start_mark.line != node.end_mark.line:
        found = _DASH_LINE.search(source, node.start_mark.index, node.end_mark.index)
        if found:
            raise _DashInText(node, source.count("\n", 0, found.start()) + 2)
    return node.value  # type: ignore[no-any-return]


def _build(loader: Any, node: Node, seen: set[int] | None, source: str) -> Any:
    if seen is not None:
        if id(node) in seen:
            raise _AliasFound
        seen.add(id(node))
    cls = type(node)
    if cls is ScalarNode:
        if node.tag != _STR:
            return _scalar(loader, node)
        return _text(node, source) if "- " in node.value else node.value
    if node.tag != _DEFAULT_TAGS.get(cls):
        raise SourceError(_tag_message(node.tag), *_pos(node))
    if cls is MappingNode:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _STR and type(key_node) is ScalarNode:
                key = key_node.value
            else:
                key = _key(loader, key_node)
            if key in out:
                first = next(k for k, _ in node.value if k.tag == _STR and k.value == key)
                raise SourceError(
                    f"duplicate key {shown(key)} (first defined on line {_pos(first)[0]}); "
                    "the earlier value would be lost",
                    *_pos(key_node),
                )
            if seen is None and value_node.tag == _STR and type(value_node) is ScalarNode:
                value = out[key] = value_node.value
                if "- " in value:
                    _text(value_node, source)
            else:
                out[key] = _build(loader, value_node, seen, source)
        return out
    if cls is SequenceNode:
        if seen is None:
            return [(text if "- " not in (text := item.value) else _text(item, source))
                    if item.tag == _STR and type(item) is ScalarNode
                    else _build(loader, item, None, source) for item in node.value]
        return [_build(loader, item, seen, source) for item in node.value]
    return _scalar(loader, node)


def _dash_error(root: Node, found: _DashInText) -> SourceError:
    """Where a plain value swallowed a line starting with "- ", named by its field, and the fix."""
    path: Path_ = ()
    in_list = False
    stack: list[tuple[Node, Path_, bool]] = [(root, (), False)]
    while stack:
        node, here, item = stack.pop()
        if node is found.node:
            path, in_list = here, item
            break
        if isinstance(node, MappingNode):
            stack += [(value, (*here, key.value), False) for key, value in node.value]
        elif isinstance(node, SequenceNode):
            block = not node.flow_style
            stack += [(value, (*here, index), block) for index, value in enumerate(node.value)]
    fix = ('line it up with the "-" above to make it a separate item' if in_list else
           "to write a list inside the text, start the text with | on the line of its field")
    return SourceError(f'line {found.line} starts with "- " but is read as part of this text; '
                       f"{fix}, or quote the text if the dash belongs to it",
                       *_pos(found.node), field=format_path(path))


def _key(loader: Any, node: Node) -> str:
    if node.tag == "tag:yaml.org,2002:merge":
        raise SourceError("YAML merge keys (<<) are not allowed", *_pos(node))
    key = _scalar(loader, node)
    if not isinstance(key, str):
        raise SourceError(f"keys must be text, not {shown(key)}", *_pos(node))
    return key


def _scalar(loader: Any, node: Node) -> Any:
    if not isinstance(node, ScalarNode):
        raise SourceError("keys must be text, not a list or mapping", *_pos(node))
    if node.tag == _STR:
        return node.value
    cache_key = (node.tag, node.value)
    if cache_key in _CONSTRUCTED:
        return _CONSTRUCTED[cache_key]
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, TypeError, OverflowError) as exc:
        raise SourceError(f"invalid value {shown(node.value)}: {exc}", *_pos(node)) from None
    if type(value) in _IMMUTABLE and len(_CONSTRUCTED) < _CONSTRUCTED_MAX:
        _CONSTRUCTED[cache_key] = value
    return value


def _tag_message(tag: str) -> str:
    written = "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag
    return (f"YAML tags ({shown(written)[1:-1]}) are not allowed in catalog files; "
            "write the plain value")


def _check_events(text: str) -> None:
    """Refuse aliases, tags and deep nesting while only the parser's flat event stream exists.

    The pure-Python parser is used here: it hands out each event as soon as it is scanned, so the
    catalog's own limit applies before any limit of libyaml's (which scans far ahead in flow
    collections and has a depth limit of its own)."""
    loader = yaml.SafeLoader(text)
    try:
        depth = 0
        while loader.check_event():
            event = loader.get_event()
            mark = (event.start_mark.line + 1, event.start_mark.column + 1)
            if isinstance(event, AliasEvent):
                raise SourceError(ALIAS_MESSAGE, *mark)
            if isinstance(event, ScalarEvent | CollectionStartEvent) and event.tag is not None:
                raise SourceError(_tag_message(event.tag), *mark)
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise SourceError(f"nested more than {MAX_DEPTH} levels deep", *mark)
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


def _unreadable_character(text: str) -> SourceError:
    found = _NOT_YAML.search(text)
    if found is None:
        return SourceError("invalid YAML: a character YAML does not allow")
    before = text[: found.start()]
    line, column = before.count("\n") + 1, found.start() - (before.rfind("\n") + 1) + 1
    char = found.group()
    kind = "a control character" if unicodedata.category(char) == "Cc" else "not a printable character"
    return SourceError(f"the character U+{ord(char):04X} ({kind}) is not allowed in a YAML file",
                       line, column)


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


_KEY_AT = re.compile(r"([ \t]*(?:-[ \t]+)*)([A-Za-z0-9_][\w-]*)[ \t]*:(?:[ \t]|$)")
_QUOTES = "'\""


def _key_on(line: str) -> tuple[str, int] | None:
    """The field name a line starts with (after any "- "), and its column; None if it has none."""
    found = _KEY_AT.match(line)
    return (found.group(2), len(found.group(1)) + 1) if found else None


def _structure_error(exc: yaml.MarkedYAMLError, text: str) -> SourceError:
    """PyYAML's common structure errors in plain words, at the place that needs the fix."""
    problem, at, start = exc.problem or "", exc.problem_mark, exc.context_mark
    context = exc.context or "" if start is not None else ""
    if at is None:
        return SourceError(f"invalid YAML: {problem or exc.context or 'not readable'}")
    here = (at.line + 1, at.column + 1)
    opening = (start.line + 1, start.column + 1) if start is not None else here
    lines = text.splitlines()  # the line breaks YAML reads, in a text the reader has accepted
    lines += [""] * (max(here[0], opening[0]) - len(lines))
    fix = None
    if "tab" in problem or "'\\t'" in problem:
        fix = "a tab is used for indentation here: indent with spaces"
    elif context.startswith("while scanning a quoted scalar") and "end of stream" in problem:
        here, fix = opening, "this quote is never closed: end the value with the same quote"
    elif context.startswith("while parsing a flow"):
        opened = lines[opening[0] - 1][opening[1] - 1:opening[1]]
        closing = "}" if opened == "{" else "]"
        where = f"on line {opening[0]} (column {opening[1]})"
        if not text[at.index:].strip():
            here, where = opening, "here"
        fix = (f'the "{opened}" {where} is never closed with "{closing}", or two of its items have '
               "no comma between them")
    elif context.startswith("while scanning a simple key"):
        here = opening
        fix = (f"line {opening[0]} is not a field: write it as `name: value`, with a space after "
               "the colon; if it continues the text above, indent it more than that field's name")
    elif problem.startswith("mapping values are not allowed"):
        fix, column = _colon_fix(lines, at.line, at.column)
        here = (at.line + 1, column)
    elif context == "while parsing a block collection":
        fix = _item_fix(lines, at.line, opening[1] - 1, _key_on(lines[at.line]))
    elif context == "while parsing a block mapping":
        fix = _mapping_fix(lines, at.line, at.column, opening[0] - 1, opening[1] - 1)
    if fix is None:
        return SourceError(f"invalid YAML: {problem or exc.context}", *here)
    return SourceError(f"invalid YAML: {fix}", *here)


def _colon_fix(lines: list[str], number: int, column: int) -> tuple[str, int]:
    """A ": " where no field can start: a field indented too far, or a colon inside a value."""
    key = _key_on(lines[number])
    if key is None or lines[number].find(":", key[1] - 1) != column:
        return ('this value holds ": " (a colon and a space), which YAML reads as the start of a '
                "field: put the whole value in quotes", column + 1)
    for above in reversed(lines[:number]):
        owner = _key_on(above)
        if owner is not None and owner[1] < key[1]:
            return (f"`{key[0]}` is indented more than `{owner[0]}` above it, so it is read as part "
                    f"of that field's text: line up `{key[0]}` with `{owner[0]}` (column {owner[1]})",
                    key[1])
    return f"`{key[0]}` is indented more than the line above it: line it up with the other fields", key[1]


def _item_fix(lines: list[str], number: int, dash: int, key: tuple[str, int] | None) -> str:
    """A line inside a list that is neither a new "- " item nor lined up with the item above."""
    what = f"line up `{key[0]}`" if key else "line it up"
    for above in reversed(lines[:number]):
        if above[dash:dash + 2] == "- " and not above[:dash].strip():
            first = _key_on(above)
            if first is not None:
                return (f"this line is indented differently from the line above it: {what} with "
                        f"`{first[0]}` of the same item (column {first[1]}), or start a new item "
                        'with "- "')
            break
    return ('this line is indented differently from the list item above it: line it up with the '
            'item\'s text, or start a new item with "- "')


def _mapping_fix(lines: list[str], number: int, column: int, first_line: int,
                 first_column: int) -> str | None:
    """Something inside a mapping that is not one of its fields."""
    line = lines[number]
    content = len(line) - len(line.lstrip(" "))
    if column > content:
        before = line[:column].rstrip()
        if before and before[-1] in _QUOTES:
            return ("text after a quoted value: a value that starts with a quote ends at the closing "
                    "quote, so put the whole value in the quotes")
        return None
    if line[content:content + 2] == "- ":
        opener = lines[first_line]
        dash = first_column - 2
        if dash >= 0 and opener[dash:dash + 2] == "- ":
            return (f'this line is indented differently from the list above it: line up its "-" with '
                    f'the "-" on line {first_line + 1} (column {dash + 1})')
        return ('this "- " item is not under a field that holds a list: indent it under its field, '
                "or line it up with the items of the list above")
    key, first = _key_on(line), _key_on(lines[first_line])
    if key and first:
        return (f"this line is indented differently from the line above it: line up `{key[0]}` with "
                f"`{first[0]}` (column {first[1]})")
    return None


def parse(text: str) -> Document:
    loader = _Loader(text)
    try:
        if (text.count("[") + text.count("{") > MAX_DEPTH or _DEEP_INDENT.match(text)
                or _DEEP_INDENT_LINE.search(text) or ("!" in text and _TAG.search(text))):
            _check_events(text)
        node = loader.get_single_node()
        if node is None:
            raise SourceError("the file is empty")
        # Without an anchor (&name) no node can be reached twice: no alias to look for.
        seen = set() if "&" in text else None
        return Document(data=_build(loader, node, seen, text), text=text)
    except _DashInText as found:
        raise _dash_error(node, found) from None
    except _AliasFound:
        _check_events(text)  # raises with the position of the first alias
        raise SourceError(ALIAS_MESSAGE) from None
    except ReaderError:
        raise _unreadable_character(text) from None
    except yaml.MarkedYAMLError as exc:
        raise _structure_error(exc, text) from None
    except yaml.YAMLError as exc:
        raise SourceError(f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()


def read(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    size = path.stat().st_size
    if size > max_bytes:
        raise SourceError(f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit")
    return parse(_decode(path.read_bytes()))
