"""Run a function in a forked process while the caller goes on with other work.

Where forking is not safe (other threads running, as under `mkdocs serve`), on one core, or off
Linux, the function runs at once in the caller instead; the result is the same either way.
"""

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def _child(send: Connection, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        send.send((True, function(*args)))
    except BaseException as exc:  # reported to the parent, which raises it
        send.send((False, f"{type(exc).__name__}: {exc}"))
    finally:
        send.close()


class Background(Generic[T]):
    def __init__(self, function: Callable[..., T], *args: Any) -> None:
        self._process: Any = None
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        if sys.platform.startswith("linux") and cores > 1 and threading.active_count() == 1:
            context = multiprocessing.get_context("fork")
            self._receive, send = context.Pipe(duplex=False)
            self._process = context.Process(target=_child, args=(send, function, args), daemon=True)
            self._process.start()
            send.close()
        else:
            self._value = function(*args)

    def result(self) -> T:
        if self._process is not None:
            ok, value = self._receive.recv()  # before join: a large result fills the pipe
            self._process.join()
            self._process = None
            if not ok:
                raise RuntimeError(f"background work failed: {value}")
            self._value = value
        return self._value

    def cancel(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._process = None
