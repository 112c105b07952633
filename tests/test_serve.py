"""``mkdocs serve`` keeps serving the last good build after a bad edit, and picks up the fix."""

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def test_serve_keeps_last_good_build_after_a_bad_edit(tiny: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/credentials/asking-questions/"
    log = tiny / "serve.log"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=tiny, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: "Asking Questions" in fetch(url), "the first build")
        # The live-reload script MkDocs adds changes with each request: no hash could allow it.
        served = fetch(url)
        assert "livereload(" in served and "script-src 'self' 'unsafe-inline';" in served
        source = tiny / "catalog" / "credentials" / "asking-questions.yml"
        good = source.read_text(encoding="utf-8")

        source.write_text(good.replace("category: thinking", "category: thnking"), encoding="utf-8")
        wait_for(lambda: "unknown category 'thnking'" in log.read_text(), "the failed rebuild")
        time.sleep(0.5)
        page = fetch(url)
        assert "<h1 id=\"credential-title\">Asking Questions</h1>" in page

        source.write_text(good.replace("title: Asking Questions", "title: Asking Better Questions"),
                          encoding="utf-8")
        wait_for(lambda: "Asking Better Questions</h1>" in fetch(url), "the fixed rebuild")
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "still serving the last good build" in log.read_text()
    assert "Traceback" not in log.read_text()
