"""Run a function in a forked process while the caller goes on with other work.

Where forking is not safe (other threads running, as under `mkdocs serve`), on one core, or off
Linux, the function runs at once in the caller instead; the result is the same either way.
"""

import multiprocessing
import os
import sys
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class BackgroundError(RuntimeError):
    """The function failed in the forked process; the message holds the child's traceback."""


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    """Forking is safe only without other threads (`mkdocs serve` runs some), and only pays on
    more than one core."""
    return sys.platform.startswith("linux") and cores() > 1 and threading.active_count() == 1


def _child(send: Connection, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        send.send((True, function(*args)))
    except BaseException:  # reported to the parent, which raises it
        send.send((False, traceback.format_exc()))
    finally:
        send.close()


class Background(Generic[T]):
    def __init__(self, function: Callable[..., T], *args: Any) -> None:
        self._process: Any = None
        if can_fork():
            context = multiprocessing.get_context("fork")
            self._receive, send = context.Pipe(duplex=False)
            self._process = context.Process(target=_child, args=(send, function, args), daemon=True)
            self._process.start()
            send.close()
        else:
            self._value = function(*args)

    @property
    def forked(self) -> bool:
        return self._process is not None

    def result(self) -> T:
        if self._process is not None:
            try:
                ok, value = self._receive.recv()  # before join: a large result fills the pipe
            except EOFError:
                ok, value = False, f"the process ended without a result (exit code {self._process.exitcode})"
            finally:
                self._receive.close()
                self._process.join()
                self._process = None
            if not ok:
                raise BackgroundError(value)
            self._value = value
        return self._value

    def cancel(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._receive.close()
            self._process = None
