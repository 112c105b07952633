"""Whatever `validate` accepts builds: generated catalogs that pass validation build with --strict.

Each example is a real build, so there are few of them; the explicit ones sit on the limits the
validator enforces (nesting, id length, odd text), the generated ones mix Markdown, Unicode,
numbers, ids and addresses."""

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from credential_catalog.ctids import new_ctid
from credential_catalog.ids import MAX_ID_LENGTH
from credential_catalog.loader import read_catalog
from credential_catalog.nesting import MAX_NESTING

from .conftest import TINY, run_build, tiny_project

WORDS = st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"],
                              exclude_characters="<\\`[]"), min_size=1, max_size=12)
MARKERS = st.sampled_from(["- ", "* ", "+ ", "1. ", "> ", "    ", "\t"])
INLINE = st.sampled_from(["*", "**", "_", "__", "`", "\\*", "&amp;", "&", "#", "|", ";=1+1", ":: ", "##["])


@st.composite
def prose(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        prefix = "".join(draw(st.lists(MARKERS, max_size=MAX_NESTING + 2)))
        parts = draw(st.lists(WORDS | INLINE, min_size=1, max_size=8))
        lines.append(prefix + " ".join(parts))
    return draw(st.sampled_from(["\n", "\n\n"])).join(lines)


ids = st.from_regex(rf"[a-z0-9]{{1,{MAX_ID_LENGTH // 2}}}(-[a-z0-9]{{1,8}}){{0,4}}", fullmatch=True)
lines = st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"],
                              exclude_characters="<\\`[]"), min_size=1, max_size=60)
urls = st.builds("{}://{}.example{}/{}".format, st.sampled_from(["http", "https"]),
                 st.from_regex(r"[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?", fullmatch=True),
                 st.sampled_from(["", ":8080", ":443"]),
                 st.text(st.characters(codec="utf-8", categories=["L", "N"]), max_size=20))
hours = st.floats(min_value=0.01, max_value=200, allow_nan=False) | st.integers(1, 200)
past = st.dates(dt.date(2000, 1, 1), dt.date.today() - dt.timedelta(days=1))


def load(relative: str) -> dict[str, Any]:
    return yaml.safe_load((TINY / "catalog" / relative).read_text(encoding="utf-8"))


def dump(project: Path, relative: str, data: dict[str, Any]) -> None:
    path = project / "catalog" / relative
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


DEEPEST = "- " * MAX_NESTING + "x\n\n" + "> " * MAX_NESTING + "y\n\n" + "*a " * MAX_NESTING + "z"
EDGES = {
    "at every limit": (DEEPEST, "=cmd|' /C calc'!A0; @SUM(1) \"&lt;/title&gt;\" 1<2 \u00e9\u00df\u4e2d",
                       "a" * MAX_ID_LENGTH, "https://x.example/", 200, dt.date(2000, 1, 1)),
    "smallest values": ("1. " * MAX_NESTING + "`**` \\* _x_", "0", "0", "http://a.example:80/", 0.01,
                        dt.date(2024, 2, 29)),
}


def write_catalog(project: Path, text: str, title: str, new_id: str, url: str, estimate: float,
                  reviewed: dt.date) -> None:
    """The tiny catalog with a new credential ``new_id`` and generated values in many fields."""
    credential = load("credentials/asking-questions.yml")
    credential.update(title=title, rationale=text, competency=text, estimated_hours=estimate,
                      last_reviewed=reviewed, ctid=new_ctid(),
                      standards=[{"standard": "data", "reason": "Its evidence is generated for this test."}])
    credential["submission"]["evidence"][0]["scoring_guide"][0]["criteria"] = [text]
    dump(project, f"credentials/{new_id}.yml", credential)
    stack = load("stacks/inquiry.yml")
    stack.update(rationale=text, credentials=[*stack["credentials"], new_id])
    dump(project, "stacks/inquiry.yml", stack)
    resource = load("resources/acme-site.yml")
    resource.update(url=url, summary=text)
    dump(project, "resources/acme-site.yml", resource)


def builds(project: Path, new_id: str) -> None:
    site = run_build(project)
    assert (site / "credentials" / new_id / "index.html").is_file()
    assert (site / "embed" / "credentials" / new_id / "index.html").is_file()


@pytest.mark.parametrize("values", list(EDGES.values()), ids=list(EDGES))
def test_catalogs_at_the_validators_limits_validate_and_build(tmp_path: Path, values: Any) -> None:
    project = tiny_project(tmp_path)
    write_catalog(project, *values)
    assert read_catalog(project / "catalog")[1] == []
    builds(project, values[2])


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(text=prose(), title=lines, new_id=ids, url=urls, estimate=hours, reviewed=past)
def test_what_validation_accepts_builds(text: str, title: str, new_id: str, url: str,
                                        estimate: float, reviewed: dt.date) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = tiny_project(Path(folder))
        write_catalog(project, text, title, new_id, url, estimate, reviewed)
        assume(read_catalog(project / "catalog")[1] == [])
        builds(project, new_id)
