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
    assert "catalog/categories/tags.yml:2:9: YAML tags (!!int) are not allowed in catalog files; " \
           "write the plain value" in found


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


def build_fails_cleanly(tiny: Path) -> str:
    """`mkdocs build` of the project: it must stop with the catalog's report, never a traceback."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    result = subprocess.run(command, cwd=tiny, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    return result.stderr


CREDENTIAL = "credentials/asking-questions.yml"


def edit(tiny: Path, relative: str, old: str, new: str) -> None:
    path = tiny / "catalog" / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("text", [
    "- " * 600 + "x",
    "1. " * 600 + "x",
    "> " * 40 + "x",
    "".join("    " * level + "- x\n" for level in range(30)),
    "*a " * 40 + "x" + " b*" * 40,
])
def test_markdown_nesting_is_bounded_by_validation(tiny: Path, text: str) -> None:
    # A prose field the renderer would recurse on past Python's limit: refused with its place.
    block = "rationale: |\n" + "".join(f"  {line}\n" for line in text.splitlines())
    edit(tiny, CREDENTIAL, "rationale: Questions give students ownership of an inquiry.\n", block)
    result = validate("catalog", cwd=tiny)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [problem] = result.stderr.splitlines()[1:]
    assert problem.startswith(f"  catalog/{CREDENTIAL}:11:12: rationale: ")
    assert "levels deep" in problem
    assert "levels deep" in build_fails_cleanly(tiny)


def test_markdown_nesting_at_the_limit_builds(tiny: Path) -> None:
    text = "- " * 8 + "x\n\n" + "> " * 8 + "x\n\n" + "*a " * 8 + "x" + " b*" * 8
    block = "rationale: |\n" + "".join(f"  {line}\n" for line in text.splitlines())
    edit(tiny, CREDENTIAL, "rationale: Questions give students ownership of an inquiry.\n", block)
    page = run_build(tiny) / "credentials" / "asking-questions" / "index.html"
    assert page.read_text(encoding="utf-8").count("<ul>") >= 8


@pytest.mark.parametrize("name", ["a" * 81, "s" * 251, "con", "aux", "nul", "prn", "com1", "lpt9"])
def test_one_id_rule_for_file_names(tiny: Path, write: Write, name: str) -> None:
    write(f"categories/{name}.yml", CATEGORY)
    [problem] = problems(tiny)
    assert problem.startswith(f"catalog/categories/{name[:40]}")
    assert ":1:1: id: file name " in problem
    assert ("at most 80 characters" in problem) == (len(name) > 80)
    assert ("Windows" in problem) == (len(name) <= 80)


@pytest.mark.parametrize("name", ["a" * 81, "con", "lpt1"])
def test_one_id_rule_for_references(tiny: Path, name: str) -> None:
    edit(tiny, CREDENTIAL, "category: thinking", f"category: {name}")
    found = problems(tiny)
    assert any(p.startswith(f"catalog/{CREDENTIAL}:2:11: category: ") and
               ("at most 80 characters" in p or "Windows" in p) for p in found), found


def test_a_long_stack_id_is_refused_before_the_build(tiny: Path) -> None:
    stack = tiny / "catalog" / "stacks" / "inquiry.yml"
    stack.rename(stack.with_name("s" * 251 + ".yml"))
    assert "at most 80 characters" in build_fails_cleanly(tiny)


@pytest.mark.parametrize(("value", "where"), [
    ("!!python/object/new:os.system [echo]", "1:13"),
    ("!!python/object/new:os.system\n  - Speak up.", "1:13"),
    ("!!seq [a]", "1:13"),
    ("!custom\n  - Speak up.", "1:13"),
    ("[!!str a]", "1:14"),
    ("\n  - !!binary YQ==", "2:5"),
])
def test_yaml_tags_are_refused_on_every_node_kind(tiny: Path, write: Write, value: str,
                                                  where: str) -> None:
    write("categories/tagged.yml", f"indicators: {value}\n" + CATEGORY.replace("indicators: [a]\n", ""))
    [problem] = problems(tiny)
    assert problem.startswith(f"catalog/categories/tagged.yml:{where}: YAML tags")


def test_a_tag_on_the_whole_document_is_refused(tiny: Path, write: Write) -> None:
    write("categories/tagged.yml", "--- !!python/object:argparse.Namespace\n" + CATEGORY)
    [problem] = problems(tiny)
    assert problem.startswith("catalog/categories/tagged.yml:1:5: YAML tags")


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("estimated_hours: 8", "estimated_hours: 1:30", "estimated_hours: expected a number, not '1:30'"),
    ("estimated_hours: 8", "estimated_hours: 010", "estimated_hours: expected a number, not '010'"),
    ("estimated_hours: 8", "estimated_hours: 0x10", "estimated_hours: expected a number, not '0x10'"),
    ("estimated_hours: 8", "estimated_hours: 1_0", "estimated_hours: expected a number, not '1_0'"),
    ("estimated_hours: 8", "estimated_hours: .inf", "estimated_hours: expected a number, not '.inf'"),
    ("passing: true", "passing: yes", "passing: expected true or false, not 'yes'"),
    ("passing: true", "passing: on", "passing: expected true or false, not 'on'"),
    ("last_reviewed: 2026-01-15", "last_reviewed: 2026-1-5",
     "last_reviewed: expected a date written as YYYY-MM-DD, not '2026-1-5'"),
])
def test_numbers_booleans_and_dates_follow_strict_rules(tiny: Path, old: str, new: str,
                                                        expected: str) -> None:
    edit(tiny, CREDENTIAL, old, new)
    [problem] = problems(tiny)
    assert problem.endswith(expected)


def test_strict_rules_still_read_plain_values(tiny: Path) -> None:
    edit(tiny, CREDENTIAL, "title: Asking Questions", "title: no")
    edit(tiny, CREDENTIAL, "estimated_hours: 8", "estimated_hours: 2.5e0")
    credential = load_catalog(tiny / "catalog").credentials["asking-questions"]
    assert (credential.title, credential.estimated_hours) == ("no", 2.5)


@pytest.mark.parametrize(("relative", "old", "new", "field"), [
    (CREDENTIAL, "last_reviewed: 2026-01-15", "last_reviewed: 2999-01-15", "last_reviewed"),
    ("recognizers/example-district.yml", "reported_year: 2020", "reported_year: 2099",
     "reported_year"),
    ("resources/pilot-guide.yml", "year: 2018", "year: 2099", "year"),
])
def test_dates_of_things_already_done_cannot_be_in_the_future(
        tiny: Path, relative: str, old: str, new: str, field: str) -> None:
    edit(tiny, relative, old, new)
    [problem] = problems(tiny)
    assert f": {field}: " in problem and "is in the future" in problem


def test_a_nul_byte_is_reported_at_its_place_on_one_line(tiny: Path, write: Write) -> None:
    write("categories/zero.yml", CATEGORY.replace("summary: s", "summary: caf\u00e9 s\x00s"))
    assert problems(tiny) == [
        "catalog/categories/zero.yml:3:16: the character U+0000 (a control character) is not "
        "allowed in a YAML file"]


@pytest.mark.parametrize("digits", [30, 5_000])
def test_a_long_number_is_not_echoed_whole(tiny: Path, write: Write, digits: int) -> None:
    write("categories/big.yml", CATEGORY.replace("number: 3", "number: " + "9" * digits))
    [problem] = problems(tiny)
    assert problem.startswith("catalog/categories/big.yml:2:9: number: expected a whole number")
    assert len(problem) < 200


def test_a_symlinked_folder_is_reported(tiny: Path) -> None:
    real = tiny / "elsewhere"
    (tiny / "catalog" / "categories").rename(real)
    (tiny / "catalog" / "categories").symlink_to(real, target_is_directory=True)
    found = problems(tiny)
    assert "catalog/categories:1:1: symbolic links are not allowed in the catalog" in found
    assert all("unknown category" not in problem for problem in found)


@pytest.mark.parametrize(("name", "hint"), [
    ("x.YML", "rename it to 'x.yml'"),
    ("x.Yaml", "rename it to 'x.yaml'"),
    (".hidden.yml", "hidden"),
    ("trailing.yml ", "rename it to 'trailing.yml'"),
])
def test_oddly_named_files_are_reported(tiny: Path, write: Write, name: str, hint: str) -> None:
    write(f"categories/{name}", CATEGORY)
    [problem] = problems(tiny)
    assert problem.startswith(f"catalog/categories/{name}:1:1: ") and hint in problem


def test_yaml_in_a_skipped_folder_is_reported(tiny: Path, write: Write) -> None:
    write("categories/.drafts/extra.yml", CATEGORY)
    [problem] = problems(tiny)
    assert problem.startswith("catalog/categories/.drafts/extra.yml:1:1: ")


def test_other_files_beside_the_yaml_are_left_alone(tiny: Path, write: Write) -> None:
    write("categories/README.md", "notes\n")
    write("categories/.talking.yml.swp", "swap")
    write("categories/talking.yml~", "backup")
    assert sorted(load_catalog(tiny / "catalog").categories) == ["talking", "thinking"]


@pytest.mark.parametrize(("url", "reason"), [
    ("https://good.example@evil.example/", "user"),
    ("https://good.example:x@evil.example/", "user"),
    ("https://example.org\\@evil.example/", "backslash"),
    ("https://exa\u200bmple.org/", "invisible"),
    ("https://example.org/\u202egnp.exe", "invisible"),
    ("https://example.org/a\u2066b", "invisible"),
    ("ftp://example.org/", "http"),
    ("https:///path-only", "host"),
    ("https://ex ample.org/", "http"),
    ("https://exämple.org/", "xn--"),
    ("https://example.org:99999/", "port"),
])
def test_one_url_rule_for_every_link(tiny: Path, url: str, reason: str) -> None:
    edit(tiny, "resources/acme-site.yml", "url: https://example.org/acme", f"url: '{url}'")
    [problem] = problems(tiny)
    assert problem.startswith("catalog/resources/acme-site.yml:4:6: url: ") and reason in problem, problem


@pytest.mark.parametrize("url", ["https://example.org/path?q=1#frag", "http://127.0.0.1:8000/a",
                                 "https://xn--exmple-cua.org/caf\u00e9"])
def test_the_url_rule_accepts_ordinary_addresses(tiny: Path, url: str) -> None:
    edit(tiny, "resources/acme-site.yml", "url: https://example.org/acme", f"url: '{url}'")
    assert load_catalog(tiny / "catalog").resources["acme-site"].url == url
