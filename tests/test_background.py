"""Background work gives the same result whether it ran in a forked process or in place."""

import os

import pytest

from credential_catalog import background
from credential_catalog.background import Background


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="forks only with two cores")
def test_forked_and_in_place_results_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background.threading, "active_count", lambda: 1)
    forked = Background(sorted, [3, 1, 2])
    assert forked._process is not None
    monkeypatch.setattr(background.threading, "active_count", lambda: 2)
    in_place = Background(sorted, [3, 1, 2])
    assert in_place._process is None
    assert forked.result() == in_place.result() == [1, 2, 3]


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="forks only with two cores")
def test_a_failure_in_the_child_is_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background.threading, "active_count", lambda: 1)
    with pytest.raises(RuntimeError, match="ValueError"):
        Background(int, "not a number").result()
