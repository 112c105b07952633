"""Build into a staging folder and swap it in only when the whole build succeeded."""

import os
import shutil
import tempfile
from pathlib import Path


class AtomicOutput:
    def __init__(self, target: str | os.PathLike[str]) -> None:
        self.target = Path(target).resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(
            prefix=f".{self.target.name}-staging-", dir=self.target.parent))

    def commit(self) -> None:
        """Replace the target with the staging folder; the old output is removed afterwards."""
        retired: Path | None = None
        if self.target.exists():
            retired = Path(tempfile.mkdtemp(
                prefix=f".{self.target.name}-previous-", dir=self.target.parent))
            os.replace(self.target, retired / "site")
        os.replace(self.staging, self.target)
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
