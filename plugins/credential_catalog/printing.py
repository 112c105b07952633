"""The one path from the catalog's messages to a terminal or a CI log.

File names, keys and values come from pull requests. Whatever is printed has every unprintable
character written as an escape (so no terminal sequence, no carriage return and no line break of
its own), and no line a GitHub runner would act on: ``::`` at the start of a line, after any
blanks, or the older ``##[`` anywhere in it.
"""

import logging
import sys
from typing import Any, TextIO

SHOWN_LENGTH = 40


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def safe_line(line: str) -> str:
    """``line`` made safe to print as one line: a line break in it is written as ``\\n``."""
    if not line.isprintable():
        line = "".join(char if char.isprintable() else _escape(char) for char in line)
    body = line.lstrip()
    if body.startswith("::"):
        line = line[: len(line) - len(body)] + "\\x3a" + body[1:]
    return line.replace("##[", "#\\x23[")


def safe(text: str) -> str:
    """``text`` made safe to print; its own line breaks are kept."""
    return "\n".join(safe_line(line) for line in text.split("\n"))


def shown(value: Any) -> str:
    """A value a contributor wrote, quoted and cut short for a message."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 3] + "..."


def out(text: str, stream: TextIO | None = None) -> None:
    print(safe(text), file=stream or sys.stdout)


def error(text: str) -> None:
    out(text, sys.stderr)


class SafeFilter(logging.Filter):
    """Makes every record a handler prints safe (MkDocs' messages name docs files, too)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = safe(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def guard(logger: logging.Logger) -> None:
    """Put a :class:`SafeFilter` on each of ``logger``'s handlers, once."""
    for handler in logger.handlers:
        if not any(isinstance(item, SafeFilter) for item in handler.filters):
            handler.addFilter(SafeFilter())
