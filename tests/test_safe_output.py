"""Nothing from a pull request reaches a terminal or a CI log raw: no control characters, no
line a GitHub runner would read as a workflow command."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from credential_catalog.printing import safe

from .conftest import ROOT

FORGED = "\n::error file=README.md,line=1::forged"
HOSTILE_KEYS = [
    "bad\x1b[2J\x1b[31m",
    "x" + FORGED,
    "x\r::warning::overwritten",
    "x\u2028::notice::line separator",
    "x\u202e\u2066reversed",
    "x ##[error]legacy command",
    "\t  ::error::indented",
]


def workflow_commands(output: str) -> list[str]:
    """Lines a GitHub runner would act on: "::" after leading blanks, or "##[" anywhere."""
    return [line for line in re.split(r"\r\n|\r|\n", output)
            if line.lstrip().startswith("::") or "##[" in line]


def assert_safe(output: str) -> None:
    assert workflow_commands(output) == []
    unprintable = {char for char in output if not char.isprintable() and char != "\n"}
    assert unprintable == set()


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    # Without Material's end-of-life banner, whose colours are its own, not the catalog's.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120, env=env)


@pytest.mark.parametrize("text", [*HOSTILE_KEYS, "::error::at the start", "a\n  ::b::c\n##[x]"])
def test_safe_escapes_control_characters_and_workflow_commands(text: str) -> None:
    out = safe(text)
    assert_safe(out)
    assert safe(out) == out


def test_safe_keeps_ordinary_text_and_its_lines() -> None:
    text = "The catalog has 2 problems:\n  catalog/x.yml:1:2: title: 'caf\u00e9' \u2014 \u201cok\u201d"
    assert safe(text) == text


def hostile_project(tiny: Path) -> None:
    category = tiny / "catalog" / "categories" / "talking.yml"
    keys = "".join(f"{json.dumps(key)}: 1\n" for key in HOSTILE_KEYS)
    category.write_text(category.read_text(encoding="utf-8") + keys, encoding="utf-8")
    for name in ("x\x1b[31m", "x" + FORGED, "y\r::error::z"):
        (tiny / "catalog" / "stacks" / f"{name}.yml").write_text("title: x\n", encoding="utf-8")


def test_validate_prints_hostile_keys_and_file_names_safely(tiny: Path) -> None:
    hostile_project(tiny)
    result = run([sys.executable, "-m", "credential_catalog.cli", "validate", "catalog"], tiny)
    assert result.returncode == 1
    assert_safe(result.stderr + result.stdout)
    lines = result.stderr.splitlines()
    assert lines[0] == f"The catalog has {len(HOSTILE_KEYS) + 3} problems:"
    assert all(line.startswith("  catalog/") for line in lines[1:])
    assert "  catalog/categories/talking.yml:7:1: bad\\x1b[2J\\x1b[31m: unknown field" in lines
    assert any(line.startswith("  catalog/stacks/x\\n::error file=README.md") for line in lines)


def test_the_build_prints_hostile_keys_and_file_names_safely(tiny: Path) -> None:
    hostile_project(tiny)
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict"], tiny)
    assert result.returncode == 1
    assert "unknown field" in result.stderr
    assert_safe(result.stderr + result.stdout)


def test_new_lists_file_names_safely(tiny: Path) -> None:
    (tiny / "catalog" / "issuers" / ("evil" + FORGED + ".yml")).write_text("name: x\n")
    result = run([sys.executable, "-m", "credential_catalog.cli", "new", "a-b", "--category",
                  "thinking", "--issuer", "nope"], tiny)
    assert result.returncode != 0
    assert "acme-institute" in result.stderr
    assert_safe(result.stderr + result.stdout)


def test_the_workflow_stops_command_processing_around_validate() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text())
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    [script] = [run for run in runs if "make validate" in run]
    lines = [line.strip() for line in script.splitlines() if line.strip()]
    stop = next(i for i, line in enumerate(lines) if "::stop-commands::" in line)
    validate = next(i for i, line in enumerate(lines) if line.startswith("make validate"))
    resume = next(i for i, line in enumerate(lines) if re.fullmatch(r'echo "::\$\{?\w+\}?::"', line))
    assert stop < validate < resume
    token = re.search(r"::stop-commands::\$\{?(\w+)\}?", lines[stop])
    assert token and token.group(1) in lines[resume]
    assert any(token.group(1) in line and "urandom" in line for line in lines[:stop])
