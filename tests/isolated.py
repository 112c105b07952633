"""Run a test's work in a new interpreter, where no other thread runs.

Forking is safe only in a process with one thread, and the code forks only then; the tests' HTTP
servers keep threads running in the test process. So a test of the forked path runs its work
here: a spawned process (not a fork of the test process) that starts with its main thread alone.
"""

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

import pytest

T = TypeVar("T")

needs_two_cores = pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2,
                                     reason="the code forks only with two cores or more")


def in_fresh_process(function: Callable[..., T], *args: Any) -> T:
    """``function(*args)`` run in a spawned interpreter; ``function`` must be importable."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()
