"""Large catalogs are parsed on every core: the result must not depend on that."""

import os
import re
import shutil
from pathlib import Path

import pytest

from credential_catalog import background, loader

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


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two cores to run workers")
def test_parallel_load_matches_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _broken_catalog(tmp_path)
    monkeypatch.setattr(loader, "PARALLEL_FILES", 10**9)
    serial, serial_problems = loader.read_catalog(root)
    monkeypatch.setattr(loader, "PARALLEL_FILES", 1)
    # Other tests' servers may leave threads running; this run must still take the worker path.
    monkeypatch.setattr(background.threading, "active_count", lambda: 1)
    pools: list[object] = []
    real_pool = loader.ProcessPoolExecutor
    monkeypatch.setattr(loader, "ProcessPoolExecutor",
                        lambda *args, **kwargs: pools.append(args) or real_pool(*args, **kwargs))
    parallel, parallel_problems = loader.read_catalog(root)
    assert pools, "the parallel path was not taken"

    assert len(serial_problems) >= len(BROKEN) + 3
    assert [str(p) for p in parallel_problems] == [str(p) for p in serial_problems]
    assert len(serial.credentials) >= 40
    for folder, entities in serial.entities.items():
        assert list(parallel.entities[folder].items()) == list(entities.items())
    assert {key: (s.display, s.document.data) for key, s in parallel.sources.items()} == \
        {key: (s.display, s.document.data) for key, s in serial.sources.items()}
