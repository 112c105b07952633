"""The credential-catalog command: validate, new and schema."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from credential_catalog.cli import main
from credential_catalog.loader import load_catalog
from credential_catalog.schema import schema_text

ROOT = Path(__file__).resolve().parent.parent


def test_validate_ok_and_failure_exit_codes(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tiny / "catalog")]) == 0
    assert "valid (3 credentials" in capsys.readouterr().out
    (tiny / "catalog" / "stacks" / "inquiry.yml").write_text("title: [\n")
    (tiny / "catalog" / "categories" / "talking.yml").write_text("title: Talking\n")
    assert main(["validate", str(tiny / "catalog")]) == 1
    err = capsys.readouterr().err
    assert "catalog/stacks/inquiry.yml:2:1: invalid YAML" in err
    assert "catalog/categories/talking.yml:1:1: number: required field is missing" in err


def test_validate_as_a_process_prints_no_traceback(tiny: Path) -> None:
    (tiny / "catalog" / "stacks" / "inquiry.yml").write_bytes(b"title: caf\xe9\n")
    result = subprocess.run(
        [sys.executable, "-m", "credential_catalog.cli", "validate", str(tiny / "catalog")],
        capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "catalog/stacks/inquiry.yml:1:11: not valid UTF-8 (byte 0xe9)" in result.stderr


def test_new_skeleton_validates_once_filled(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = tiny / "catalog"
    args = ["new", "taking-notes", "--category", "thinking", "--issuer", "acme-institute",
            "--directory", str(catalog)]
    assert main(args) == 0
    path = catalog / "credentials" / "taking-notes.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/credentials.schema.json")
    assert main(["validate", str(catalog)]) == 1
    assert "replace the TODO placeholder" in capsys.readouterr().err
    assert "  - standard: TODO-standard-id  # one of: data, outcomes\n" in text
    filled = re.sub(r"TODO ?", "", text.replace("TODO-standard-id", "data"))
    path.write_text(filled, encoding="utf-8")
    assert load_catalog(catalog).credentials["taking-notes"].category == "thinking"
    assert main(args) == 1  # refuses to overwrite


def test_new_rejects_unknown_category_and_bad_id(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = str(tiny / "catalog")
    issuer = ["--issuer", "acme-institute"]
    assert main(["new", "x-y", "--category", "thinkng", *issuer, "--directory", catalog]) == 1
    assert "did you mean 'thinking'" in capsys.readouterr().err
    assert main(["new", "Bad_Id", "--category", "thinking", *issuer, "--directory", catalog]) == 1


def test_new_requires_an_issuer_and_lists_the_known_ones(
        tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = tiny / "catalog"
    with pytest.raises(SystemExit) as exit_info:
        main(["new", "x-y", "--category", "thinking", "--directory", str(catalog)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "error: the following argument is required: --issuer" in err
    assert "choose one of: acme-institute" in err
    assert "usage: credential-catalog new [-h] --category CATEGORY --issuer ISSUER [" in err
    assert not (catalog / "credentials" / "x-y.yml").exists()
    assert main(["new", "x-y", "--category", "thinking", "--issuer", "acme-institut",
                 "--directory", str(catalog)]) == 1
    assert "unknown issuer 'acme-institut' (did you mean 'acme-institute'?)" in capsys.readouterr().err
    assert not (catalog / "credentials" / "x-y.yml").exists()


def test_documented_new_commands_name_an_issuer() -> None:
    found = []
    for name in ("README.md", "CONTRIBUTING.md", "docs/authoring.md", "docs/contributing.md"):
        text = (ROOT / name).read_text(encoding="utf-8")
        found += [(name, line) for line in text.splitlines() if "credential-catalog new " in line]
    assert len(found) >= 4
    assert [f for f in found if "--issuer" not in f[1]] == []


def test_schema_forbids_unknown_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["additionalProperties"] is False
    assert "id" not in schema["properties"]
    assert {"title", "competency", "submission"} <= set(schema["required"])


def test_committed_schemas_are_current() -> None:
    for path in sorted((ROOT / "catalog" / "schemas").glob("*.schema.json")):
        folder = path.name.removesuffix(".schema.json")
        assert path.read_text(encoding="utf-8") == schema_text(folder), (
            f"{path.name} is stale: run `make schema`")
