"""Measurements of one built site or one command: wall time, peak memory, bytes, search cost."""

import gzip
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

MATERIAL_SEARCH = "search/search_index.json"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float
    peak_mb: float


def timed(command: list[str], cwd: Path) -> Run:
    """Run ``command`` to completion; its wall time and the peak resident memory of that child."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{errors.decode()[-3000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def build(project: Path) -> Run:
    """A build as in a fresh clone: no site/ and no social cards cached by an earlier build."""
    shutil.rmtree(project / "site", ignore_errors=True)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    return timed([sys.executable, "-m", "mkdocs", "build", "--quiet"], project)


def validate(project: Path) -> Run:
    cli = Path(sys.executable).with_name("credential-catalog")
    return timed([str(cli), "validate", "catalog"], project)


def tree_bytes(site: Path) -> tuple[int, int]:
    """Total bytes and number of files under ``site``."""
    files = [p for p in site.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def search_bytes(site: Path) -> dict[str, int]:
    """Gzipped bytes of Material's search index."""
    material = site / MATERIAL_SEARCH
    return {
        "material_raw": material.stat().st_size if material.is_file() else 0,
        "material_gzip": gzip_size(material) if material.is_file() else 0,
    }
