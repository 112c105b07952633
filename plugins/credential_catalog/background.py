"""Run a function in a forked process while the caller goes on with other work.

Where forking is not safe (other threads running, as under `mkdocs serve`), on one core, or off
Linux, the function runs at once in the caller instead; the result is the same either way, and so
is what it logs: the forked process sends its log records back, and the caller logs them when it
takes the result, so a warning counts under ``--strict`` wherever it was raised.
"""

import logging
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


class _Keep(logging.Handler):
    """Keeps every record, made ready to travel to the parent process."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args, record.exc_info = record.getMessage(), None, None
        self.records.append(record)


def _keep_logs() -> _Keep:
    """In the forked process: every logger's records go to one handler, none to the inherited ones."""
    keep = _Keep()
    for logger in logging.Logger.manager.loggerDict.values():
        if isinstance(logger, logging.Logger):
            logger.handlers, logger.propagate = [], True
    logging.getLogger().handlers = [keep]
    return keep


def _replay(records: list[logging.LogRecord]) -> None:
    for record in records:
        logging.getLogger(record.name).handle(record)


def _child(send: Connection, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    keep = _keep_logs()
    try:
        send.send((True, function(*args), keep.records))
    except BaseException:  # reported to the parent, which raises it
        send.send((False, traceback.format_exc(), keep.records))
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
                ok, value, records = self._receive.recv()  # before join: a large result fills the pipe
            except EOFError:
                ok, value, records = False, f"the process ended without a result (exit code " \
                                            f"{self._process.exitcode})", []
            finally:
                self._receive.close()
                self._process.join()
                self._process = None
            _replay(records)
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
