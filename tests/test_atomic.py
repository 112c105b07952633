"""The staging folder: swapped in whole, and tidied up after an interrupted build."""

import os
from pathlib import Path

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


def test_a_site_caught_between_the_two_renames_is_put_back(tmp_path: Path) -> None:
    retired = tmp_path / f".site-previous-{GONE}-abc" / "site"
    retired.mkdir(parents=True)
    (retired / "index.html").write_text("last good")
    output = AtomicOutput(tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text() == "last good"
    assert not retired.parent.exists()
    output.abort()
