"""Write the files the catalog adds beside MkDocs' pages: browse index, exports, embed pages."""

from collections.abc import Callable, Iterable
from pathlib import Path

Source = Callable[[], Iterable[tuple[str, str]]]


def write_files(site_dir: Path, sources: Iterable[Source]) -> int:
    """Write every (path, text) each source yields under ``site_dir``; returns how many."""
    count = 0
    made: set[Path] = set()
    for source in sources:
        for uri, text in source():
            target = site_dir / uri
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_text(text, encoding="utf-8", newline="")
            count += 1
    return count
