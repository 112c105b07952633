"""Build into a staging folder and switch it in only when the whole build succeeded.

The switch is one atomic exchange of the two folders where the system has one (Linux's
``renameat2`` and macOS's ``renamex_np``): a reader, or a build killed at any moment, sees the old
site or the new one, never none. Elsewhere (Windows, or a file system without the exchange), the
new files are moved over the old ones one by one and what the new build no longer has is removed
after: a reader may meet a mix of old and new pages during the switch, but never a missing site.
"""

import ctypes
import errno
import os
import shutil
import sys
import tempfile
from pathlib import Path

_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV}


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except (OSError, TypeError):
        return None


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step; False where the system or the file system cannot."""
    libc = _libc() if sys.platform in ("linux", "darwin") else None
    if libc is None:
        return False
    a, b = os.fsencode(first), os.fsencode(second)
    if sys.platform == "linux" and hasattr(libc, "renameat2"):
        at_fdcwd, rename_exchange = -100, 2
        result = libc.renameat2(at_fdcwd, a, at_fdcwd, b, ctypes.c_uint(rename_exchange))
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        rename_swap = 2
        result = libc.renamex_np(a, b, ctypes.c_uint(rename_swap))
    else:
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def _move_over(source: Path, target: Path) -> None:
    """Move ``source``'s files over ``target``'s one by one, then remove what ``source`` lacked."""
    kept: set[Path] = {Path(".")}
    for dirpath, _dirnames, filenames in os.walk(source):
        relative = Path(dirpath).relative_to(source)
        folder = target / relative
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            folder.unlink()
        folder.mkdir(exist_ok=True)
        kept.add(relative)
        for name in filenames:
            destination = folder / name
            if destination.is_dir() and not destination.is_symlink():
                shutil.rmtree(destination)
            os.replace(Path(dirpath) / name, destination)
            kept.add(relative / name)
    for dirpath, dirnames, filenames in os.walk(target, topdown=False):
        relative = Path(dirpath).relative_to(target)
        for name in [*filenames, *dirnames]:
            path = Path(dirpath) / name
            if relative / name in kept:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()


class AtomicOutput:
    def __init__(self, target: str | os.PathLike[str]) -> None:
        self.target = Path(target).resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._sweep()
        self.staging = Path(tempfile.mkdtemp(
            prefix=f".{self.target.name}-staging-{os.getpid()}-", dir=self.target.parent))

    def commit(self) -> None:
        """Put the staging folder's contents in place of the target's; the old ones are removed."""
        if not self.target.exists():
            os.replace(self.staging, self.target)
        elif not exchange(self.staging, self.target):
            _move_over(self.staging, self.target)
        shutil.rmtree(self.staging, ignore_errors=True)  # now the old site, or what is left of it

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def _sweep(self) -> None:
        """Remove the staging folders of builds that were interrupted (Ctrl-C, a killed process).

        Another build running into the same folder keeps its own.
        """
        for folder in self.target.parent.glob(f".{self.target.name}-staging-*"):
            if folder.is_dir() and not _owner_alive(folder):
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
