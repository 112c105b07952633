"""Write the files the catalog adds beside MkDocs' pages: browse index, exports, embed pages."""

from collections.abc import Callable, Iterable
from pathlib import Path

Output = Callable[[], Iterable[tuple[str, str | bytes]]]
"""Something that yields (path in the site, text or bytes) pairs to write."""


def write_files(site_dir: Path, outputs: Iterable[Output]) -> int:
    """Write every (path, content) each output yields under ``site_dir``; returns how many."""
    count = 0
    made: set[Path] = set()
    for output in outputs:
        for uri, text in output():
            target = site_dir / uri
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            if isinstance(text, bytes):
                target.write_bytes(text)
            else:
                target.write_text(text, encoding="utf-8", newline="")
            count += 1
    return count
