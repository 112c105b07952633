"""The staging folder: switched in whole, and tidied up after an interrupted build."""

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from credential_catalog import atomic
from credential_catalog.atomic import AtomicOutput

GONE = 2**22 + 12345  # above Linux's default pid_max, so no process has it


def test_commit_replaces_the_site_whole(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.html").write_text("old")
    output = AtomicOutput(tmp_path / "site")
    (output.staging / "new.html").write_text("new")
    output.commit()
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_leftovers_of_a_dead_build_are_removed_and_a_live_one_is_kept(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    dead = tmp_path / f".site-staging-{GONE}-abc"
    live = tmp_path / f".site-staging-{os.getpid()}-xyz"
    old_style = tmp_path / ".site-staging-abc"
    for folder in (dead, live, old_style):
        folder.mkdir()
    output = AtomicOutput(tmp_path / "site")
    assert not dead.exists() and not old_style.exists()
    assert live.exists()
    output.abort()


KILLER = """
import os, signal, sys
from pathlib import Path
from credential_catalog import atomic

target, kill_at, exchange = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
if not exchange:
    atomic.exchange = lambda first, second: False
output = atomic.AtomicOutput(target)
for n in range(20):
    (output.staging / f"new-{n}.html").write_text("new")
(output.staging / "index.html").write_text("new")
(output.staging / "sub").mkdir()
(output.staging / "sub" / "page.html").write_text("new")
count = 0

def hook(event, args):
    global count
    if event in ("os.rename", "os.remove", "os.rmdir", "os.mkdir", "shutil.rmtree",
                 "shutil.move", "ctypes.call_function", "os.link", "os.symlink"):
        count += 1
        if count == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

sys.addaudithook(hook)
output.commit()
"""
OLD = {"index.html", "old-1.html", "old-2.html", "sub/page.html", "sub/old.html"}
NEW = {"index.html", "sub/page.html", *(f"new-{n}.html" for n in range(20))}


def old_site(site: Path) -> None:
    (site / "sub").mkdir(parents=True)
    for name in OLD:
        (site / name).write_text("old")


def files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "fallback"])
def test_killed_at_any_step_of_the_switch_a_site_is_always_there(tmp_path: Path,
                                                                 exchange: bool) -> None:
    site = tmp_path / "site"
    for kill_at in range(1, 200):
        shutil.rmtree(tmp_path)
        old_site(site)
        command = [sys.executable, "-c", KILLER, str(site), str(kill_at), "1" if exchange else "0"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
        assert result.returncode in (0, -signal.SIGKILL), result.stderr
        assert site.is_dir(), f"no site/ after a kill at step {kill_at}"
        if exchange:
            assert files(site) in (OLD, NEW), kill_at
            assert (site / "index.html").read_text() == (site / "sub" / "page.html").read_text()
        else:
            assert files(site) & (OLD | NEW), kill_at
        AtomicOutput(site).abort()  # the next build tidies up
        assert [p.name for p in tmp_path.iterdir()] == ["site"]
        if result.returncode == 0:
            assert files(site) == NEW
            break
    else:
        raise AssertionError("the commit never finished")


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "fallback"])
def test_a_reader_never_sees_the_site_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              exchange: bool) -> None:
    if not exchange:
        monkeypatch.setattr(atomic, "exchange", lambda first, second: False)
    site = tmp_path / "site"
    old_site(site)
    missing: list[int] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            if not (site / "index.html").is_file():
                missing.append(1)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for n in range(30):
            output = AtomicOutput(site)
            (output.staging / "index.html").write_text(str(n))
            output.commit()
    finally:
        done.set()
        reader.join()
    assert missing == []
    assert (site / "index.html").read_text() == "29"
