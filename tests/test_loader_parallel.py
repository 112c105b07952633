"""Large catalogs are parsed on every core: the result must not depend on that."""

import re
import shutil
from pathlib import Path
from typing import Any

from credential_catalog import loader

from .isolated import in_fresh_process, needs_two_cores

ROOT = Path(__file__).resolve().parents[1]

BROKEN = {
    "credentials/unclosed.yml": "title: [Asking\n",
    "credentials/aliased.yml": "title: &t Asking\nsummary: *t\n",
    "credentials/Bad_Name.yml": "title: Asking\n",
    "stacks/twice.yml": "title: A\ntitle: B\n",
    "extras/stray.yml": "title: A\n",
}


def _broken_catalog(tmp_path: Path) -> Path:
    root = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog", root, ignore=shutil.ignore_patterns("schemas"))
    first = sorted((root / "credentials").glob("*.yml"))[0]
    text = first.read_text(encoding="utf-8")
    (root / "credentials" / "unknown-field.yml").write_text(
        text.replace("category:", "colour: red\ncategory:", 1), encoding="utf-8")
    (root / "credentials" / "unknown-category.yml").write_text(
        re.sub(r"^category: .*$", "category: nowhere", text, count=1, flags=re.MULTILINE),
        encoding="utf-8")
    (root / "credentials" / f"{first.stem}.yaml").write_text(text, encoding="utf-8")
    for relative, body in BROKEN.items():
        (root / relative).parent.mkdir(exist_ok=True)
        (root / relative).write_text(body, encoding="utf-8")
    return root


def _serial_and_parallel(root: Path) -> dict[str, Any]:
    """Load ``root`` serially and on worker processes; in a fresh interpreter (see isolated.py)."""
    loader.PARALLEL_FILES = 10**9
    serial, serial_problems = loader.read_catalog(root)
    loader.PARALLEL_FILES = 1
    pools: list[object] = []
    real_pool = loader.ProcessPoolExecutor
    loader.ProcessPoolExecutor = lambda *args, **kwargs: pools.append(args) or real_pool(*args, **kwargs)
    parallel, parallel_problems = loader.read_catalog(root)
    return {
        "pools": len(pools), "credentials": len(serial.credentials),
        "problems": ([str(p) for p in serial_problems], [str(p) for p in parallel_problems]),
        "entities": [list(c.entities[f].items()) for c in (serial, parallel) for f in sorted(c.entities)],
        "sources": [{key: (s.display, s.document.data) for key, s in c.sources.items()}
                    for c in (serial, parallel)],
    }


@needs_two_cores
def test_parallel_load_matches_serial(tmp_path: Path) -> None:
    found = in_fresh_process(_serial_and_parallel, _broken_catalog(tmp_path))
    assert found["pools"], "the parallel path was not taken"
    serial_problems, parallel_problems = found["problems"]
    assert len(serial_problems) >= len(BROKEN) + 3
    assert parallel_problems == serial_problems
    assert found["credentials"] >= 40
    half = len(found["entities"]) // 2
    assert found["entities"][half:] == found["entities"][:half]
    assert found["sources"][1] == found["sources"][0]
