"""Hostile and broken files: each is refused with its place, and the command lists all at once."""

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from credential_catalog.loader import load_catalog
from credential_catalog.problems import CatalogError

from .conftest import run_build

Write = Callable[[str, str], Path]
CATEGORY = "title: Extra\nnumber: 3\nsummary: s\ndescription: d\nindicators: [a]\n"


def problems(tiny: Path, **options: int) -> list[str]:
    with pytest.raises(CatalogError) as info:
        load_catalog(tiny / "catalog", **options)
    return [str(p) for p in info.value.problems]


def validate(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "credential_catalog.cli", "validate", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60)


def test_non_utf8_bytes_point_at_the_byte(tiny: Path) -> None:
    (tiny / "catalog" / "categories" / "latin.yml").write_bytes(CATEGORY.replace(
        "summary: s", "summary: caf\xe9").encode("latin-1"))
    assert problems(tiny) == [
        "catalog/categories/latin.yml:3:13: not valid UTF-8 (byte 0xe9); save the file as UTF-8"]


def test_byte_order_mark_is_accepted(tiny: Path) -> None:
    (tiny / "catalog" / "categories" / "bom.yml").write_bytes(b"\xef\xbb\xbf" + CATEGORY.encode())
    assert load_catalog(tiny / "catalog").categories["bom"].title == "Extra"


def test_size_limit_default_option_and_flag(tiny: Path, write: Write) -> None:
    write("categories/big.yml", CATEGORY + "# padding\n" * 110_000)
    assert problems(tiny) == [
        "catalog/categories/big.yml:1:1: the file is 1,100,065 bytes, over the 1,000,000-byte limit"]
    found = problems(tiny, max_bytes=500)
    size = (tiny / "catalog" / "credentials" / "asking-questions.yml").stat().st_size
    assert f"catalog/credentials/asking-questions.yml:1:1: the file is {size:,} bytes, " \
           "over the 500-byte limit" in found

    config = tiny / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "  - credential-catalog:\n", "  - credential-catalog:\n      max_file_bytes: 2000000\n"))
    assert (run_build(tiny) / "categories" / "big" / "index.html").is_file()

    result = validate("catalog", "--max-file-bytes", "2000000", cwd=tiny)
    assert result.returncode == 0, result.stderr
    assert validate("catalog", cwd=tiny).returncode == 1


def test_billion_laughs_is_refused_at_the_first_alias(tiny: Path, write: Write) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    write("categories/laughs.yml", "\n".join(lines) + "\n")
    # Expanded, this document holds 9**10 strings; a guard timeout keeps a regression from hanging.
    result = validate("catalog", cwd=tiny)
    assert result.returncode == 1
    assert "catalog/categories/laughs.yml:2:10: YAML aliases (*name) are not allowed" in result.stderr


@pytest.mark.parametrize("depth", [65, 1_100, 100_000])
def test_deep_nesting_is_refused_by_the_catalogs_own_limit(tiny: Path, write: Write, depth: int) -> None:
    # The catalog's limit (64) applies before any the YAML parser may have, wherever that lies.
    write("categories/deep.yml", "indicators: " + "[" * depth + "]" * depth + "\n")
    result = validate("catalog", cwd=tiny)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    # The file's mapping is level 1, so the 64th bracket (column 12 + 64) is the first too deep.
    assert "catalog/categories/deep.yml:1:76: nested more than 64 levels deep" in result.stderr


def test_deep_block_nesting_is_refused_too(tiny: Path, write: Write) -> None:
    text = "indicators:\n" + "".join("  " * level + "- \n" for level in range(1, 70)) + "  " * 70 + "- x\n"
    write("categories/deep.yml", text)
    [problem] = problems(tiny)
    assert problem.startswith("catalog/categories/deep.yml:") and problem.endswith(
        "nested more than 64 levels deep")


def test_nesting_at_the_limit_is_read(tiny: Path, write: Write) -> None:
    nested = "[" * 63 + "a" + "]" * 63
    write("categories/deep.yml", CATEGORY.replace("indicators: [a]", f"indicators: {nested}"))
    found = problems(tiny)
    assert all("nested" not in problem for problem in found)
    assert any(problem.startswith("catalog/categories/deep.yml:5:") for problem in found)


@pytest.mark.parametrize("name", ["a..b", "a.b", "Mapping-Facts", "mapping facts", "-lead",
                                  "trail-", "double--hyphen", "m\u0430pping", "caf\u00e9"])
def test_bad_ids_in_file_names(tiny: Path, write: Write, name: str) -> None:
    write(f"categories/{name}.yml", CATEGORY)
    [problem] = problems(tiny)
    assert problem.startswith(f"catalog/categories/{name}.yml:1:1: id: file name {name!r} "
                              "is not a valid id")


def test_slash_in_a_referenced_id(tiny: Path) -> None:
    path = tiny / "catalog" / "credentials" / "asking-questions.yml"
    path.write_text(path.read_text().replace("category: thinking", "category: ../thinking"))
    found = problems(tiny)
    assert any(p.startswith("catalog/credentials/asking-questions.yml:2:11: category: ")
               for p in found), found


def test_id_field_in_a_file_is_refused(tiny: Path, write: Write) -> None:
    write("categories/extra.yml", "id: ../../etc\n" + CATEGORY)
    assert problems(tiny) == [
        "catalog/categories/extra.yml:1:1: id: remove this field: the id is the file name"]


def test_missing_required_fields_and_empty_file(tiny: Path, write: Write) -> None:
    write("categories/partial.yml", "title: Partial\nnumber: 3\n")
    write("categories/blank.yml", "   \n# only a comment\n")
    write("categories/list.yml", "- a\n- b\n")
    found = problems(tiny)
    assert found == [
        "catalog/categories/blank.yml:1:1: the file is empty",
        "catalog/categories/list.yml:1:1: the file must be a mapping of field: value",
        "catalog/categories/partial.yml:1:1: description: required field is missing",
        "catalog/categories/partial.yml:1:1: indicators: required field is missing",
        "catalog/categories/partial.yml:1:1: summary: required field is missing",
    ]


def test_bad_scalar_values_are_problems_not_crashes(tiny: Path, write: Write) -> None:
    write("categories/dates.yml", CATEGORY + "when: 2026-13-45\n")
    write("categories/tags.yml", CATEGORY.replace("number: 3", "number: !!int 0x"))
    found = problems(tiny)
    assert "catalog/categories/dates.yml:6:7: invalid value '2026-13-45': month must be in 1..12" \
        in found
    assert any(p.startswith("catalog/categories/tags.yml:2:9: invalid value '0x'") for p in found)


def test_special_files_are_refused(tiny: Path) -> None:
    os.mkfifo(tiny / "catalog" / "categories" / "pipe.yml")
    assert problems(tiny) == ["catalog/categories/pipe.yml:1:1: not a regular file"]


def test_retired_credential_in_active_pathway_with_successor(tiny: Path) -> None:
    path = tiny / "catalog" / "credentials" / "weighing-evidence.yml"
    path.write_text(path.read_text() + "status: retired\nsuccessor: speaking-up\n")
    assert problems(tiny) == [
        "catalog/pathways/starter.yml:10:19: steps[1].credentials[0]: retired credential "
        "'weighing-evidence' is still required by this active pathway; its successor is "
        "'speaking-up'"]


def test_validate_lists_every_problem_exits_1_without_traceback(tiny: Path, write: Write) -> None:
    write("categories/broken.yml", "title: [unclosed\n")
    write("categories/empty.yml", "")
    (tiny / "catalog" / "categories" / "latin.yml").write_bytes(b"title: caf\xe9\n")
    path = tiny / "catalog" / "credentials" / "asking-questions.yml"
    path.write_text(path.read_text().replace("related: [weighing-evidence]", "related: [nope]"))
    result = validate("catalog", cwd=tiny)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == "The catalog has 4 problems:"
    assert [line.split(":")[0].strip() for line in lines[1:]] == [
        "catalog/categories/broken.yml", "catalog/categories/empty.yml",
        "catalog/categories/latin.yml", "catalog/credentials/asking-questions.yml"]
    assert result.stdout == ""


def test_missing_folder_and_bad_build_exit_cleanly(tiny: Path, write: Write) -> None:
    result = validate("no-such-folder", cwd=tiny)
    assert (result.returncode, result.stderr) == (
        1, "The catalog has 1 problem:\n  no-such-folder:1:1: catalog folder not found\n")
    write("categories/empty.yml", "")
    with pytest.raises(Abort):
        run_build(tiny)
