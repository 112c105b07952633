"""The catalog folder as it was at a git revision, unpacked into a temporary directory."""

import contextlib
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

# The "data" filter refuses links and paths outside the folder; Python 3.11.4+ has it, and
# git archive output never holds such members anyway.
_SAFE_EXTRACT = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}


class RevisionError(Exception):
    pass


def _git(cwd: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise RevisionError("git is not installed") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(message[-1] if message else f"git {args[0]} failed")
    return result.stdout


@contextlib.contextmanager
def catalog_at(revision: str, catalog_dir: Path | str) -> Iterator[Path]:
    """Yield a folder holding ``catalog_dir`` as committed at ``revision`` (empty if absent then).

    The folder keeps the catalog's own name, so problems read ``catalog/credentials/x.yml``.
    """
    catalog_dir = Path(catalog_dir).resolve()
    if not catalog_dir.is_dir():
        raise RevisionError(f"{catalog_dir} is not a folder")
    top = Path(_git(catalog_dir, "rev-parse", "--show-toplevel").decode().strip())
    if revision.startswith("-"):
        raise RevisionError(f"not a revision: {revision!r}")
    try:
        commit = _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except RevisionError:
        raise RevisionError(f"unknown git revision {revision!r}") from None
    commit_id = commit.decode().strip()
    relative = catalog_dir.relative_to(top).as_posix()
    with tempfile.TemporaryDirectory(prefix="catalog-at-") as tmp:
        target = Path(tmp) / catalog_dir.name
        target.mkdir()
        if _git(top, "ls-tree", commit_id, "--", relative):
            tree = commit_id if relative == "." else f"{commit_id}:{relative}"
            archive = _git(top, "archive", "--format=tar", tree)
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(target, **_SAFE_EXTRACT)
        yield target
