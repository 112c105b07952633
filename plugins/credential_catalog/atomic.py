"""Build into a staging folder and swap it in only when the whole build succeeded."""

import os
import shutil
import tempfile
from pathlib import Path


class AtomicOutput:
    def __init__(self, target: str | os.PathLike[str]) -> None:
        self.target = Path(target).resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._sweep()
        self.staging = Path(tempfile.mkdtemp(
            prefix=f".{self.target.name}-staging-{os.getpid()}-", dir=self.target.parent))

    def commit(self) -> None:
        """Replace the target with the staging folder; the old output is removed afterwards.

        If the staging folder cannot be moved in, the old output is put back.
        """
        retired: Path | None = None
        if self.target.exists():
            retired = Path(tempfile.mkdtemp(
                prefix=f".{self.target.name}-previous-{os.getpid()}-", dir=self.target.parent))
            os.replace(self.target, retired / "site")
        try:
            os.replace(self.staging, self.target)
        except OSError:
            if retired is not None:
                os.replace(retired / "site", self.target)
                shutil.rmtree(retired, ignore_errors=True)
            raise
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def _sweep(self) -> None:
        """Tidy up after a build that was interrupted (Ctrl-C, a killed process).

        A last good site caught between the two renames of a commit is put back; staging and
        retired folders whose process is gone are removed. Another build running into the same
        folder keeps its own.
        """
        leftovers = {prefix: [folder for folder in self.target.parent.glob(
            f".{self.target.name}-{prefix}-*") if folder.is_dir() and not _owner_alive(folder)]
            for prefix in ("previous", "staging")}
        if not self.target.exists():
            kept = [folder / "site" for folder in leftovers["previous"] if (folder / "site").is_dir()]
            if kept:
                os.replace(max(kept, key=lambda site: site.stat().st_mtime), self.target)
        for folder in leftovers["previous"] + leftovers["staging"]:
            shutil.rmtree(folder, ignore_errors=True)


def _owner_alive(folder: Path) -> bool:
    pid = folder.name.split("-")[-2]
    if os.name != "posix":
        return True  # signal 0 would end the process on Windows; leave the folder
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
