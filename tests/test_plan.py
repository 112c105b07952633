"""The plan and compare pages' data and pages, as the build writes them (no browser)."""

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from credential_catalog.loader import load_catalog
from credential_catalog.plan import (
    INDEX_URI,
    checklist,
    credential_path,
    criteria_to_meet,
    index_data,
    plan_group,
)

from .conftest import TINY, run_build


def read(site: Path, uri: str) -> dict:
    return json.loads((site / uri).read_text(encoding="utf-8"))


def test_every_credential_has_its_file_with_the_facts_compare_shows(built: Path) -> None:
    catalog = load_catalog(TINY / "catalog")
    assert read(built, INDEX_URI)["credentials"] == {cid: c.title for cid, c in catalog.credentials.items()}
    weighing = read(built, credential_path("weighing-evidence"))
    assert (weighing["title"], weighing["url"], weighing["hours"]) == (
        "Weighing Evidence", "credentials/weighing-evidence/", 10)
    assert weighing["category"] == {"title": "Thinking", "url": "categories/thinking/"}
    assert weighing["evidence"] == ["Student work samples", "Lesson plan"]
    assert (weighing["parts"], weighing["criteria"]) == (1, 1)
    assert weighing["stacks"] == [{"title": "Inquiry", "url": "stacks/inquiry/"}]
    assert weighing["pathways"] == [{"title": "Starter Pathway", "url": "pathways/starter/",
                                     "place": "step 2 of 3, required"}]
    assert [s["title"] for s in weighing["standards"]] == ["Data", "Outcomes"]
    assert weighing["recognitions"] == [{"name": "Example District", "url": "recognizers/example-district/",
                                         "basis": "named"}]
    asking = read(built, credential_path("asking-questions"))
    assert asking["recognitions"][0]["basis"] == "eligible"


def test_the_checklist_names_each_thing_to_collect() -> None:
    catalog = load_catalog(TINY / "catalog")
    assert checklist(catalog.credentials["asking-questions"]) == [
        {"key": "overview", "text": "Answer to the overview question"},
        {"key": "part-1", "text": "Part 1: Question lists (student work samples)"},
        {"key": "reflection", "text": "Answer to the reflection prompt"},
    ]
    assert [item["key"] for item in checklist(catalog.credentials["weighing-evidence"])] == [
        "overview", "part-1"]


def test_criteria_to_meet_counts_only_passing_levels(write: Callable[[str, str], Path], tiny: Path) -> None:
    source = tiny / "catalog" / "credentials" / "asking-questions.yml"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "            - Each list has at least five questions.\n",
        "            - Each list has at least five questions.\n            - Each list is dated.\n"),
        encoding="utf-8")
    credential = load_catalog(tiny / "catalog").credentials["asking-questions"]
    assert criteria_to_meet(credential) == 2


def test_a_credential_page_holds_its_whole_submission_in_one_section(built: Path) -> None:
    """The printed plan copies what follows a credential page's "submission" heading up to the
    next h2: every scoring guide must be in there."""
    html = (built / "credentials" / "asking-questions" / "index.html").read_text(encoding="utf-8")
    start = html.index('<h2 id="submission">')
    section = html[start:html.index("<h2", start + 1)]
    assert "Describe your class." in section
    assert "<caption>Scoring guide for part 1: Question lists</caption>" in section
    assert "What surprised you?" in section


def test_pathways_come_after_the_pathways_their_steps_name(write: Callable[[str, str], Path],
                                                         tiny: Path) -> None:
    write("pathways/advanced.yml", "title: Advanced Pathway\nsummary: After the starter.\n"
          "description: The next year.\naudience: [classroom-teacher]\nsteps:\n"
          "  - pathway: starter\n  - credentials: [speaking-up, weighing-evidence]\n    choose: 1\n")
    index = index_data(load_catalog(tiny / "catalog"))
    assert [p["id"] for p in index["pathways"]] == ["starter", "advanced"]
    advanced = index["pathways"][1]
    assert advanced["steps"] == [
        {"title": "Starter Pathway", "credentials": [], "needed": 1, "pathway": "starter", "required": True},
        {"title": None, "credentials": ["speaking-up", "weighing-evidence"], "needed": 1, "pathway": None,
         "required": True}]
    assert index["stacks"] == [{"title": "Inquiry", "url": "stacks/inquiry/",
                                "credentials": ["asking-questions", "weighing-evidence", "speaking-up"]}]


def test_plan_and_compare_pages_say_what_they_need_without_javascript(built: Path) -> None:
    for url in ("plan", "compare"):
        html = (built / url / "index.html").read_text(encoding="utf-8")
        assert 'class="cc-needs-script"' in html
        assert "This page needs JavaScript" in html
        assert 'href="../credentials/"' in html
        assert 'data-plan="../assets/catalog/plan/"' in html
    plan = (built / "plan" / "index.html").read_text(encoding="utf-8")
    assert "nothing is sent anywhere" in plan and "catalog's estimates" in plan
    assert 'src="../assets/catalog/plan.js"' in plan
    compare = (built / "compare" / "index.html").read_text(encoding="utf-8")
    for sidebar in ("navigation", "toc"):  # the table gets the page's whole width
        assert f'data-md-type="{sidebar}" hidden>' in compare


def test_the_plan_scripts_load_on_every_page(built: Path) -> None:
    html = (built / "categories" / "thinking" / "index.html").read_text(encoding="utf-8")
    for asset in ("plan-store.js", "plan-buttons.js", "plan.css"):
        assert f"../../assets/catalog/{asset}" in html, asset
    assert (built / "assets" / "catalog" / "plan-store.js").is_file()


def test_a_docs_file_in_the_plan_folder_fails_the_build(tiny: Path, caplog: pytest.LogCaptureFixture) -> None:
    clash = tiny / "docs" / "assets" / "catalog" / "plan" / "index.json"
    clash.parent.mkdir(parents=True)
    clash.write_text("{}\n", encoding="utf-8")
    with pytest.raises(Abort):
        run_build(tiny)
    assert "where the catalog publishes its own files" in caplog.text


RETIRED_STACK = ("title: Aardvark Inquiry\nsummary: The old inquiry set.\nrationale: Replaced.\n"
                 "credentials: [asking-questions, weighing-evidence]\nstatus: retired\n"
                 "successors: [inquiry]\n")


def test_the_plan_never_offers_a_retired_stack(write: Callable[[str, str], Path], tiny: Path) -> None:
    """A plan's "Started:" list names every stack in the index that shares a credential with it."""
    write("stacks/aardvark-inquiry.yml", RETIRED_STACK)
    site = run_build(tiny)
    assert [stack["title"] for stack in read(site, INDEX_URI)["stacks"]] == ["Inquiry"]
    asking = read(site, credential_path("asking-questions"))  # still listed, with its active stack only
    assert read(site, INDEX_URI)["credentials"]["asking-questions"] == "Asking Questions"
    assert asking["stacks"] == [{"title": "Inquiry", "url": "stacks/inquiry/"}]


ADVANCED = ("title: Advanced Pathway\nsummary: After the starter.\ndescription: The next year.\n"
            "audience: [classroom-teacher]\nsteps:\n  - credentials: [speaking-up, weighing-evidence]\n"
            "    choose: 1\n  - pathway: starter\n")


def group_row(site: Path, url: str) -> str | None:
    html = (site / url / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<div class="cc-plan-group" data-plan-ids="([^"]*)" hidden>', html)
    return found.group(1) if found else None


def test_a_stack_or_pathway_page_offers_its_credentials_to_the_plan_in_its_order(
        write: Callable[[str, str], Path], tiny: Path) -> None:
    write("pathways/advanced.yml", ADVANCED)
    write("stacks/aardvark-inquiry.yml", RETIRED_STACK)
    catalog = load_catalog(tiny / "catalog")
    inquiry = plan_group(catalog, catalog.stacks["inquiry"])
    assert inquiry is not None
    assert inquiry.ids == ["asking-questions", "weighing-evidence", "speaking-up"]
    assert (inquiry.add, inquiry.remove_name) == ("Add this stack's credentials to my plan",
                                                  ": this stack's credentials")
    assert not inquiry.choices
    starter = plan_group(catalog, catalog.pathways["starter"])
    assert starter is not None and starter.ids == ["asking-questions", "weighing-evidence", "speaking-up"]
    assert not starter.choices
    # Step by step, a named pathway's credentials in its place, each once.
    advanced = plan_group(catalog, catalog.pathways["advanced"])
    assert advanced is not None
    assert advanced.ids == ["speaking-up", "weighing-evidence", "asking-questions"]
    assert advanced.choices and advanced.add == "Add this pathway's credentials to my plan"
    assert plan_group(catalog, catalog.stacks["aardvark-inquiry"]) is None

    site = run_build(tiny)
    assert group_row(site, "stacks/inquiry") == "asking-questions,weighing-evidence,speaking-up"
    assert group_row(site, "pathways/advanced") == "speaking-up,weighing-evidence,asking-questions"
    assert group_row(site, "stacks/aardvark-inquiry") is None
    pathway = (site / "pathways" / "advanced" / "index.html").read_text(encoding="utf-8")
    assert "Where a step lets you choose, every option is added" in pathway
    starter_page = (site / "pathways" / "starter" / "index.html").read_text(encoding="utf-8")
    assert "every option is added" not in starter_page


def test_retired_credentials_and_pathways_are_not_offered(write: Callable[[str, str], Path],
                                                          tiny: Path) -> None:
    source = tiny / "catalog" / "credentials" / "speaking-up.yml"
    source.write_text(source.read_text(encoding="utf-8") + "status: retired\nsuccessor: asking-questions\n",
                      encoding="utf-8")
    write("pathways/advanced.yml", ADVANCED + "status: retired\n")
    catalog = load_catalog(tiny / "catalog")
    inquiry = plan_group(catalog, catalog.stacks["inquiry"])
    assert inquiry is not None and inquiry.ids == ["asking-questions", "weighing-evidence"]
    assert plan_group(catalog, catalog.pathways["advanced"]) is None
    site = run_build(tiny)
    assert group_row(site, "pathways/starter") == "asking-questions,weighing-evidence"
    assert group_row(site, "pathways/advanced") is None
