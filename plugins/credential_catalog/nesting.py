"""How deep prose may nest: the bound that keeps every text validation accepts renderable.

Python-Markdown parses each nested list, quote or emphasis by recursing, so a few hundred list
markers in a row (``- - - … x``) exhaust Python's stack. Validation measures nesting from the
text itself, generously (every marker and every four columns of indentation count as a level),
and refuses more than ``MAX_NESTING`` levels; the renderer is then never asked for more.
"""

import re

MAX_NESTING = 8

_MARKER = re.compile(r">|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)")
# More than MAX_NESTING levels take at least one character each at the start of a line, and as
# many emphasis delimiters: texts without either (nearly all) are not measured at all.
_LONG_PREFIX = re.compile(rf"[ \t>*+\-.)0-9]{{{MAX_NESTING + 1}}}")
_LONG_PREFIX_LINE = re.compile(rf"\n[ \t>*+\-.)0-9]{{{MAX_NESTING + 1}}}")
_CODE_SPAN = re.compile(r"(`+).*?\1", re.DOTALL)
_DELIMITER = re.compile(r"\\.|[*_]+")


def _block_depth(line: str) -> int:
    """Lists and quotes open at the start of ``line``, counting each four columns of indentation."""
    line = line.expandtabs(4)
    depth = 0
    while True:
        text = line.lstrip(" ")
        depth += (len(line) - len(text)) // 4
        marker = _MARKER.match(text)
        if marker is None:
            return depth
        depth += 1
        line = text[marker.end():]


def _emphasis_depth(paragraph: str) -> int:
    """The most emphasis delimiters open at once: a run that only opens adds its length, one that
    only closes takes it away (code spans and escaped characters aside)."""
    text = _CODE_SPAN.sub("``", paragraph)
    depth = deepest = 0
    for match in _DELIMITER.finditer(text):
        run = match.group()
        if run.startswith("\\"):
            continue
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        opens, closes = not after.isspace(), not before.isspace()
        if opens and not closes:
            depth += len(run)
            deepest = max(deepest, depth)
        elif closes and not opens:
            depth = max(0, depth - len(run))
    return deepest


def nesting_problem(text: str) -> str | None:
    """Why ``text`` nests too deeply to render (a phrase about the text), or None."""
    if _LONG_PREFIX.match(text) or ("\n" in text and _LONG_PREFIX_LINE.search(text)):
        for number, line in enumerate(text.split("\n"), 1):
            depth = _block_depth(line)
            if depth > MAX_NESTING:
                return (f"nests lists, quotes or indentation {depth} levels deep on line {number} "
                        f"of the text; at most {MAX_NESTING} levels are allowed")
    if ("*" in text or "_" in text) and text.count("*") + text.count("_") > MAX_NESTING:
        return _emphasis_problem(text.split("\n"))
    return None


def _emphasis_problem(lines: list[str]) -> str | None:
    start = 0
    for number, line in enumerate([*lines, ""], 1):
        if line.strip():
            continue
        depth = _emphasis_depth("\n".join(lines[start:number - 1]))
        if depth > MAX_NESTING:
            return (f"nests emphasis (* or _) {depth} levels deep in the paragraph on line {start + 1} "
                    f"of the text; at most {MAX_NESTING} levels are allowed")
        start = number
    return None
