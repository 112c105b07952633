"""Background work gives the same result, and logs the same, whether it ran in a forked process
or in place. The forked cases run in a fresh interpreter, where forking is really safe."""

import logging
import threading

from credential_catalog.background import Background, BackgroundError
from credential_catalog.log import log

from .isolated import in_fresh_process, needs_two_cores


def _forked_and_in_place() -> tuple[bool, bool, list[int], list[int]]:
    forked = Background(sorted, [3, 1, 2])
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        in_place = Background(sorted, [3, 1, 2])  # another thread runs: no fork
    finally:
        release.set()
        other.join()
    return forked.forked, in_place.forked, forked.result(), in_place.result()


@needs_two_cores
def test_forked_and_in_place_results_agree() -> None:
    forked, in_place, from_child, from_caller = in_fresh_process(_forked_and_in_place)
    assert forked and not in_place
    assert from_child == from_caller == [1, 2, 3]


def _fails() -> tuple[bool, str]:
    job = Background(int, "not a number")
    forked = job.forked
    try:
        job.result()
    except BackgroundError as exc:
        return forked, str(exc)
    return forked, ""


@needs_two_cores
def test_a_failure_in_the_child_is_raised() -> None:
    forked, message = in_fresh_process(_fails)
    assert forked and "ValueError" in message and "not a number" in message


def _warn(text: str) -> int:
    log.warning("careful: %s", text)
    return len(text)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append((record.name, record.levelno, record.getMessage()))


def _logs_of_the_child() -> tuple[bool, list[tuple[str, int, str]], list[tuple[str, int, str]], int]:
    handler = _Records()
    logging.getLogger().addHandler(handler)
    job = Background(_warn, "from the child")
    forked, before = job.forked, list(handler.seen)
    value = job.result()
    return forked, before, handler.seen, value


@needs_two_cores
def test_the_childs_log_records_are_logged_by_the_caller_once() -> None:
    forked, before, after, value = in_fresh_process(_logs_of_the_child)
    assert forked and value == len("from the child")
    assert before == []  # nothing reached the caller's handlers from the child itself
    [(name, level, message)] = after
    assert (name, level) == (log.name, logging.WARNING) and message.endswith("careful: from the child")
