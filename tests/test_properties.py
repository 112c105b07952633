"""Property tests: whatever a file holds, loading returns a catalog or raises CatalogError."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credential_catalog.loader import load_catalog
from credential_catalog.problems import CatalogError
from credential_catalog.yamlsource import SourceError, parse

from .conftest import TINY

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
CREDENTIAL = (TINY / "catalog" / "credentials" / "asking-questions.yml").read_text(encoding="utf-8")

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=20), st.dates())
trees = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(max_size=12) | st.sampled_from(["title", "summary", "category", "steps", "status"]),
    inner, max_size=5), max_leaves=20)
yaml_ish = st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#,?%@` \n\t.0123456789")),
                   max_size=120)


@pytest.fixture(scope="module")
def catalog_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("fuzz") / "catalog"
    shutil.copytree(TINY / "catalog", root)
    yield root


def loads_or_reports(root: Path, relative: str, content: bytes) -> None:
    target = root / relative
    target.write_bytes(content)
    try:
        catalog = load_catalog(root)
    except CatalogError as exc:
        assert exc.problems
        assert all(p.file.startswith("catalog/") and p.line >= 1 and p.column >= 1
                   for p in exc.problems)
    else:  # no problem reported: the file was read, not passed over
        folder, name = relative.split("/")
        assert name.removesuffix(".yml") in catalog.entities[folder]
    finally:
        target.unlink()


@SETTINGS
@given(st.text(max_size=300) | yaml_ish)
def test_parse_returns_a_document_or_a_source_error(text: str) -> None:
    try:
        parse(text)
    except SourceError as exc:
        assert exc.line >= 1 and exc.column >= 1


@SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes(catalog_dir: Path, content: bytes) -> None:
    loads_or_reports(catalog_dir, "categories/fuzz.yml", content)


@SETTINGS
@given(trees, st.sampled_from(["credentials", "categories", "stacks", "pathways", "recognizers",
                               "phases", "issuers", "resources", "standards"]))
def test_arbitrary_yaml_documents(catalog_dir: Path, tree: object, folder: str) -> None:
    content = yaml.safe_dump(tree, allow_unicode=True).encode("utf-8")
    loads_or_reports(catalog_dir, f"{folder}/fuzz.yml", content)


@SETTINGS
@given(st.integers(0, len(CREDENTIAL)), st.integers(0, 40), yaml_ish | st.text(max_size=40))
def test_edits_to_a_valid_credential(catalog_dir: Path, start: int, length: int,
                                     insert: str) -> None:
    text = CREDENTIAL[:start] + insert + CREDENTIAL[start + length:]
    loads_or_reports(catalog_dir, "credentials/fuzz.yml", text.encode("utf-8"))
