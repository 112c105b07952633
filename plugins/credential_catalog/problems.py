"""Validation problems, each pinned to a file, line and column."""

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .printing import safe_line


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        """One line, safe to print: file names, fields and values may come from anyone."""
        where = f"{self.file}:{self.line}:{self.column}"
        field = f"{self.field}: " if self.field else ""
        return safe_line(f"{where}: {field}{self.message}")


class CatalogError(Exception):
    """The catalog has problems; ``problems`` lists every one found in a single pass."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [f"The catalog has {count} problem{'s' if count != 1 else ''}:"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


def format_path(path: Iterable[str | int]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def suggest(value: str, choices: Any) -> str:
    """A " (did you mean 'x'?)" hint for a misspelt name, or nothing."""
    match = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""
