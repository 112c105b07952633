"""Integration: build the tiny fixture site with MkDocs and read the HTML it wrote."""

import json
import logging
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from credential_catalog import background, plugin
from credential_catalog.loader import load_catalog
from credential_catalog.log import log
from credential_catalog.search import INDEX_DIR, STORE_URI, sharded_search

from .conftest import TINY, run_build
from .isolated import in_fresh_process, needs_two_cores


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_every_entity_has_its_page(built: Path) -> None:
    for url in [
        "credentials/asking-questions", "credentials/weighing-evidence", "credentials/speaking-up",
        "categories/thinking", "categories/talking", "stacks/inquiry", "pathways/starter",
        "issuers/acme-institute", "recognizers/example-district", "standards/data",
        "standards/outcomes", "planning",
    ]:
        assert (built / url / "index.html").is_file(), url
    for section in ["credentials", "categories", "stacks", "pathways", "standards", "issuers",
                    "recognizers"]:
        assert (built / section / "index.html").is_file(), section



def test_credential_page_sections_in_order(built: Path) -> None:
    html = page(built, "credentials/weighing-evidence")
    headings = re.findall(r'<h2 id="([a-z-]+)"', html)
    assert headings == ["at-a-glance", "part-of", "earn-next", "competency", "key-method",
                        "method-components", "rationale", "resources", "submission", "related",
                        "standards", "recognized-by", "history"]
    assert "Students score sources against a checklist." in html
    assert "Version 1.1" in html


def test_scoring_guide_is_an_accessible_table(built: Path) -> None:
    html = page(built, "credentials/asking-questions")
    table = re.search(r'<table class="cc-scoring__table">.*?</table>', html, re.S)
    assert table is not None
    assert "<caption>Scoring guide for part 1: Question lists</caption>" in table.group(0)
    assert table.group(0).count('<th scope="col">') == 3
    assert '<th scope="row">Passing</th>' in table.group(0)
    assert "Each list has at least five questions." in table.group(0)


def test_part_of_panel_and_pathway_position(built: Path) -> None:
    html = page(built, "credentials/weighing-evidence")
    panel = re.search(r'<section class="cc-partof".*?</section>', html, re.S).group(0)
    assert 'href="../../stacks/inquiry/"' in panel
    assert "Starter Pathway</a>: step 2 of 3 (required)" in panel
    assert 'previous: <a href="../asking-questions/">Asking Questions</a>' in panel
    assert 'next: <a href="../speaking-up/">Speaking Up</a>' in panel


def test_related_links_go_both_ways_and_recognition_basis(built: Path) -> None:
    weighing = page(built, "credentials/weighing-evidence")
    assert 'data-credential="asking-questions"' in weighing  # declared only on the other side
    assert ('Named by <a href="../../recognizers/example-district/">Example District</a>: '
            '<span class="cc-worth">One salary step; 15 hours toward') in weighing
    asking = page(built, "credentials/asking-questions")
    assert ('<li>Eligible under the rule reported for <a href="../../recognizers/example-district/">'
            'Example District</a>; see its page for what the program offers</li>') in asking
    # Neither the listed credential's worth nor the program's is attributed to a merely eligible one.
    assert "One salary step" not in asking and "program credit" not in asking
    assert "program credit" not in weighing
    speaking = page(built, "credentials/speaking-up")
    assert "No recognizer in this catalog names this credential or has a rule that covers it" in speaking


def test_recognizer_page_separates_program_named_and_eligible(built: Path) -> None:
    html = page(built, "recognizers/example-district")
    assert "Reported in a test fixture (2020)</p>" in html and "As reported in" not in html
    assert html.count("Up to two days of program credit a year") == 1
    program = html.index('class="cc-program"')
    named, eligible = html.index('id="recognized"'), html.index('id="eligible"')
    assert program < named < eligible
    assert "<caption>Credentials Example District names, and what each earns there" in html
    named_part, eligible_part = html[named:eligible], html[eligible:]
    assert "Weighing Evidence" in named_part and "One salary step" in named_part
    assert "Asking Questions" in eligible_part and "Weighing Evidence" not in eligible_part
    assert "1 credential in this catalog meets this rule (besides those named above)" in eligible_part
    assert "One salary step" not in eligible_part and ">Recognized<" not in html
    assert "Speaking Up" not in html  # category Talking is outside the rule


def test_recognizer_byline_without_a_year(tiny: Path) -> None:
    path = tiny / "catalog" / "recognizers" / "example-district.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("reported_year: 2020\n", ""),
                    encoding="utf-8")
    built = run_build(tiny)
    for url in ("recognizers/example-district", "embed/recognizers/example-district"):
        html = page(built, url)
        assert "Reported in a test fixture</p>" in html and "date" not in html, url


def test_pathway_diagram_and_steps(built: Path) -> None:
    html = page(built, "pathways/starter")
    svg = re.search(r"<svg class=\"cc-diagram\".*?</svg>", html, re.S).group(0)
    assert 'role="group"' in svg and "<title" in svg
    assert svg.count("<rect") == 3 and 'stroke-dasharray="6 4"' in svg
    assert "Step 3 (recommended)" in svg


def test_standard_page_recommends_per_audience(built: Path) -> None:
    html = page(built, "standards/data")
    body = html[html.index('<h2 id="recommendations">'):html.index('<h2 id="credentials">')]
    assert re.findall(r'<h3 id="([a-z-]+)">([^<]+)</h3>', body) == [
        ("recommendations-districts", "Districts and charter management organizations"),
        ("recommendations-states", "States"),
        ("recommendations-issuers", "Micro-credential issuers")]
    districts, states, issuers = (
        re.findall(r"<li>([^<]+)</li>", section) for section in re.split(r"<h3 ", body)[1:])
    assert districts == ["Give teachers several sources of data about their students.",
                         "Evaluate what professional learning achieves."]
    assert states == ["Offer a statewide data dashboard."]
    assert issuers == ["Ask for student work as evidence."]
    toc = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>', html, re.S).group(0)
    for anchor in ["recommendations", "recommendations-districts", "recommendations-states",
                   "recommendations-issuers"]:
        assert f'href="#{anchor}"' in toc, anchor


def test_credential_pages_stay_out_of_navigation(built: Path) -> None:
    html = page(built, "credentials")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', html, re.S).group(0)
    assert "asking-questions" not in nav


def test_edit_button_opens_the_yaml_file(built: Path) -> None:
    html = page(built, "credentials/asking-questions")
    edit = "https://example.org/acme/catalog/edit/main/catalog/credentials/asking-questions.yml"
    assert f'href="{edit}"' in html


def test_site_search_indexes_credential_bodies(built: Path) -> None:
    index = (built / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Fewer than five questions per list." in index
    assert "credentials/asking-questions/" in index
    # Not the lines every credential page shares, which made every result's snippet the same.
    docs = json.loads(index)["docs"]
    page_doc = next(d for d in docs if d["location"] == "credentials/asking-questions/")
    assert "catalog's own words" not in page_doc["text"] and "Estimated time" not in page_doc["text"]


def test_print_stylesheet_is_linked(built: Path) -> None:
    css = (built / "assets" / "catalog" / "catalog.css").read_text(encoding="utf-8")
    assert "@media print" in css and ".md-sidebar" in css
    assert "assets/catalog/catalog.css" in page(built, "credentials/asking-questions")


def test_invalid_catalog_fails_and_keeps_previous_site(tiny: Path, built: Path) -> None:
    before = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    target = tiny / "catalog" / "credentials" / "asking-questions.yml"
    target.write_text(target.read_text().replace("category: thinking", "category: thnking"))
    with pytest.raises(Abort):
        run_build(tiny)
    after = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tiny.glob(".site-staging-*"))


class _Text(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _build_recording_the_writer(project: Path, strict: bool = True,
                                warn: str | None = None) -> tuple[list[bool], str, str]:
    """Build ``project`` in a fresh interpreter (see isolated.py), where the writer of the side
    files really forks; ``warn``: a warning it logs. Returns whether each writer forked (the side
    files, then the social cards), the log, the error."""
    started: list[bool] = []
    real_background, real_browse_files = plugin.Background, plugin.browse_files

    def writer(*args: Any) -> background.Background[int]:
        started.append((job := real_background(*args)).forked)
        return job

    def browse_files(*args: Any) -> dict[str, str]:
        if warn:
            log.warning(warn)
        return real_browse_files(*args)

    plugin.Background, plugin.browse_files = writer, browse_files  # type: ignore[assignment]
    text = _Text()
    logging.getLogger().addHandler(text)
    try:
        run_build(project, strict=strict)
        error = ""
    except BaseException as exc:  # Abort is a SystemExit
        error = f"{type(exc).__name__}: {exc}"
    return started, "\n".join(text.lines), error


def _overriding(tiny: Path, template: str, text: str) -> None:
    (tiny / "overrides" / template).parent.mkdir(parents=True)
    (tiny / "overrides" / template).write_text(text)
    config = (tiny / "mkdocs.yml").read_text()
    (tiny / "mkdocs.yml").write_text(
        config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"))


def test_template_error_keeps_previous_site(tiny: Path, built: Path,
                                           caplog: pytest.LogCaptureFixture) -> None:
    before = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    _overriding(tiny, "stack.html",
                '{% extends "main.html" %}{% block catalog_content %}{{ entity.nope.deeper }}{% endblock %}')
    with pytest.raises(Exception) as failure:  # any failure must leave site/ alone
        run_build(tiny)
    assert "nope" in caplog.text + str(failure.value)
    assert {p: p.read_bytes() for p in built.rglob("*") if p.is_file()} == before


@needs_two_cores
def test_a_failure_in_the_forked_writer_keeps_previous_site(tiny: Path, built: Path) -> None:
    """Embed pages are rendered by the forked writer: its failure fails the build, naming the template."""
    before = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    _overriding(tiny, "partials/catalog/embed/credentials.html", "{{ entity.nope.deeper }}")
    forked, logged, error = in_fresh_process(_build_recording_the_writer, tiny)
    assert forked == [True, True] and error
    assert "nope" in logged and "overrides/partials/catalog/embed/credentials.html" in logged
    assert {p: p.read_bytes() for p in built.rglob("*") if p.is_file()} == before


@needs_two_cores
def test_a_warning_in_the_forked_writer_counts_under_strict(tiny: Path, built: Path) -> None:
    before = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    forked, logged, error = in_fresh_process(_build_recording_the_writer, tiny, True, "odd data")
    assert forked == [True, True]
    assert error.startswith("Abort")  # MkDocs stops a strict build that logged a warning
    assert logged.count("odd data") == 1
    assert {p: p.read_bytes() for p in built.rglob("*") if p.is_file()} == before
    forked, logged, error = in_fresh_process(_build_recording_the_writer, tiny, False, "odd data")
    assert forked == [True, True] and error == "" and logged.count("odd data") == 1


def test_links_to_anchors_on_generated_pages_are_checked(tiny: Path) -> None:
    config = tiny / "mkdocs.yml"
    config.write_text(config.read_text() + "validation:\n  links:\n    anchors: warn\n")
    guide = tiny / "docs" / "guide.md"
    guide.write_text("See [the competency](credentials/asking-questions.md#competency).\n")
    site = run_build(tiny)
    assert 'href="../credentials/asking-questions/#competency"' in page(site, "guide")
    guide.write_text("See [nothing](credentials/asking-questions.md#no-such-heading).\n")
    with pytest.raises(Abort):
        run_build(tiny)


@pytest.mark.parametrize(("path", "message"), [
    ("credentials/index.md", "docs/credentials/index.md would be written to credentials/index.html, "
                             "where the catalog writes its page credentials/index.md"),
    ("credentials.md", "docs/credentials.md would be written to credentials/index.html"),
    ("stacks/inquiry/index.md", "where the catalog writes its page stacks/inquiry.md"),
    ("api/v1/catalog.json", "docs/api/v1/catalog.json would be written to api/v1/catalog.json"),
    ("embed/credentials/speaking-up/index.md", "where the catalog publishes its own files"),
])
def test_a_docs_file_where_the_catalog_writes_fails_the_build(
        tiny: Path, built: Path, path: str, message: str, caplog: pytest.LogCaptureFixture) -> None:
    before = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    clash = tiny / "docs" / path
    clash.parent.mkdir(parents=True, exist_ok=True)
    clash.write_text("{}\n" if path.endswith(".json") else "# Mine\n", encoding="utf-8")
    with pytest.raises(Abort):
        run_build(tiny)
    assert message in caplog.text
    assert {p: p.read_bytes() for p in built.rglob("*") if p.is_file()} == before


def test_a_title_outside_the_basic_plane_keeps_its_page(tiny: Path) -> None:
    source = tiny / "catalog" / "credentials" / "asking-questions.yml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("title: Asking Questions", "title: Asking Questions 🙋 \U0001d465", 1),
                      encoding="utf-8")
    html = page(run_build(tiny), "credentials/asking-questions")
    assert "<title>Asking Questions 🙋 \U0001d465" in html
    assert 'type="application/ld+json"' in html


def test_an_empty_catalog_builds_with_a_searchable_empty_index(tiny: Path) -> None:
    shutil.rmtree(tiny / "catalog")
    (tiny / "catalog").mkdir()
    site = run_build(tiny)
    assert "<h1" in page(site, "credentials")
    header = json.loads((site / STORE_URI).read_text(encoding="utf-8"))["search"]

    def load(number: int) -> dict[str, object]:
        return json.loads((site / INDEX_DIR / f"{number}.json").read_text(encoding="utf-8"))

    assert sharded_search(header, load, "listening", 0).shown == []


def test_alignments_show_their_reason_as_the_catalogs_judgement(built: Path) -> None:
    weighing = page(built, "credentials/weighing-evidence")
    section = weighing[weighing.index('<h2 id="standards">'):weighing.index('<h2 id="recognized-by">')]
    assert "is this catalog's own judgement, not the issuer's" in section
    assert re.findall(r'<li><a href="../../standards/([a-z]+)/">[^<]+</a>: ([^<]+)</li>', section) == [
        ("data", "Rated sources give the teacher a record of how each student judges evidence."),
        ("outcomes", "Judging sources is part of the course&#39;s research goals.")]
    data = page(built, "standards/data")
    part = data[data.index('<h2 id="credentials">'):]
    assert "this catalog's own judgement, not the standard's authors'" in part
    assert "Evidence from the whole class." in part
    assert "2 credentials in this catalog meet it, each with the reason:" in part
    assert re.findall(r'<li><a href="../../credentials/([a-z-]+)/">', part) == [
        "asking-questions", "weighing-evidence"]
    assert "The question lists show the teacher what each student needs to learn next." in part


def test_resources_section_says_what_the_sources_name(tiny: Path) -> None:
    (tiny / "docs" / "contributing.md").write_text("# Contributing\n\n## Suggest a resource\n\nHow.\n",
                                                   encoding="utf-8")
    site = run_build(tiny)
    asking = page(site, "credentials/asking-questions")
    resources = asking[asking.index('<h2 id="resources">'):asking.index('<h2 id="submission">')]
    assert "Resources named for this credential in the sources this catalog is built from:" in resources
    assert 'href="../../contributing/#suggest-a-resource">Suggest a resource</a>' in resources
    speaking = page(site, "credentials/speaking-up")
    assert "No resource is listed for this credential yet." in speaking
    assert "Suggest a resource" in speaking
    assert "Suggest a resource" not in page(run_build_without_contributing(tiny), "credentials/speaking-up")


def run_build_without_contributing(tiny: Path) -> Path:
    (tiny / "docs" / "contributing.md").unlink()
    return run_build(tiny)


def test_retired_stack_points_on_and_leaves_the_lists(tiny: Path, write: Callable[[str, str], Path]) -> None:
    write("stacks/old-thinking.yml", "title: Old Thinking\nsummary: Every thinking credential.\n"
          "rationale: They were a category.\ncredentials: [asking-questions, weighing-evidence]\n"
          "category: thinking\nstatus: retired\nsuccessors: [inquiry]\n")
    site = run_build(tiny)
    html = page(site, "stacks/old-thinking")
    notice = re.search(r'<div class="admonition warning cc-retired" role="note">.*?</div>', html, re.S)
    text = " ".join(re.sub(r"<[^>]+>", "", notice.group(0)).split())
    assert text == ("This stack is retired It is kept so that links to it keep working. It listed the "
                    "same credentials as the category Thinking, whose page lists them too. For a set "
                    "built around a need, see Inquiry.")
    assert 'href="../../categories/thinking/"' in notice.group(0)
    assert 'href="../inquiry/"' in notice.group(0)
    index = page(site, "stacks")
    active, retired = index.split('<h2 id="retired">')
    assert "Old Thinking" not in active and 'href="old-thinking/"' in retired
    assert "Inquiry</a>: Students ask good questions" in active
    asking = page(site, "credentials/asking-questions")
    assert "old-thinking" not in asking and 'href="../../stacks/inquiry/"' in asking
    store = json.loads((site / STORE_URI).read_text(encoding="utf-8"))
    assert store["facets"]["stack"]["values"] == [["inquiry", "Inquiry"]]


def test_issuer_without_credentials_and_what_a_report_leaves_out(
        tiny: Path, write: Callable[[str, str], Path]) -> None:
    write("issuers/other-publisher.yml", "name: Other Publisher\ndescription: Publishes elsewhere.\n")
    path = tiny / "catalog" / "recognizers" / "example-district.yml"
    path.write_text(path.read_text(encoding="utf-8") + "not_reported: Which credentials earn a step.\n",
                    encoding="utf-8")
    site = run_build(tiny)
    issuer = page(site, "issuers/other-publisher")
    assert "None of its credentials is in this catalog." in issuer and "cc-facts-inline" not in issuer
    recognizer = page(site, "recognizers/example-district")
    assert recognizer.count("Which credentials earn a step.") == 1
    assert '<h2 id="what-the-sources-do-not-say">' not in recognizer
    assert '<h2 id="not-reported">What the sources do not say</h2>' in recognizer
def test_pathway_diagram_links_each_step_and_gives_the_total_time(built: Path) -> None:
    html = page(built, "pathways/starter")
    svg = re.search(r"<svg class=\"cc-diagram\".*?</svg>", html, re.S).group(0)
    links = re.findall(r'<a href="([^"]+)"><text[^>]*>([^<]+)</text></a>', svg)
    assert [href for href, _ in links] == ["../../credentials/asking-questions/",
                                           "../../credentials/weighing-evidence/",
                                           "../../credentials/speaking-up/"]
    for href, _ in links:
        assert (built / "pathways" / "starter" / href / "index.html").resolve().is_file()
    hours = {cid: load_catalog(TINY / "catalog").credentials[cid].estimated_hours
             for cid in ("asking-questions", "weighing-evidence", "speaking-up")}
    required = hours["asking-questions"] + hours["weighing-evidence"]
    totals = re.findall(r'<text class="cc-diagram__total"[^>]*>([^<]+)</text>', svg)
    assert totals == [f"Estimated time: about {required:g} hours,",
                      f"and {hours['speaking-up']:g} hours more for the recommended steps"]
    assert f"about {required:g} hours, and" in html[:html.index('<svg class="cc-diagram"')]


def test_the_recognizers_list_invites_a_district_when_the_site_has_the_guide(tiny: Path, built: Path) -> None:
    assert "Add it to this list" not in page(built, "recognizers")
    (tiny / "docs" / "recognizers-guide.md").write_text("# Add your district\n", encoding="utf-8")
    invite = re.search(r"<p>Does your district[^\n]*</p>", page(run_build(tiny), "recognizers")).group(0)
    assert '<a href="../recognizers-guide/">Add it to this list</a>' in invite


def test_planning_guide_links_into_the_catalog_and_has_a_checklist(tiny: Path) -> None:
    phase = tiny / "catalog" / "phases" / "getting-ready.yml"
    text = phase.read_text()
    assert "tasks:\n" in text
    phase.write_text(text.replace("tasks:\n", "tasks:\n  - title: Show the list on our website\n"
                                  "    description: Put the chosen credentials on the district site.\n"
                                  "    see: [browse, plan, embedding, add-recognizer]\n", 1))
    (tiny / "docs" / "embedding.md").write_text("# Embedding\n")
    site = run_build(tiny)
    html = page(site, "planning")
    see = re.search(r'<span class="cc-see">In this catalog: (.*?)</span>', html).group(1)
    # The site has an embedding guide but no "add your district" page: that one is not linked.
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', see) == [
        ("../credentials/", "Browse the credentials"),
        ("../plan/", "My plan, which adds up the estimated hours of the credentials you pick"),
        ("../embedding/", "Embedding the catalog on your website")]
    start = html.index('<section class="cc-checklist"')
    checklist = html[start:html.index("</section>", start)]
    assert "<li>Show the list on our website</li>" in checklist


def test_pathway_diagram_list_for_phones_repeats_the_svg_lines(built: Path) -> None:
    html = page(built, "pathways/starter")
    figure = re.search(r'<figure class="cc-figure">.*?</figure>', html, re.S).group(0)
    svg = re.search(r"<svg class=\"cc-diagram\".*?</svg>", figure, re.S).group(0)
    flow = re.search(r'<div class="cc-flow" data-search-exclude>.*?</div>', figure, re.S).group(0)
    assert re.findall(r'<a href="([^"]+)"><text[^>]*>([^<]+)</text></a>', svg) == re.findall(
        r'<li><a href="([^"]+)">([^<]+)</a></li>', flow)
    heads = re.findall(r'<text[^>]*font-weight="bold">([^<]+)</text>', svg)
    assert re.findall(r"<strong>([^<]+)</strong>", flow) == [
        *[h for h in heads if not h.startswith(("Estimated time", "and "))],
        " ".join(h for h in heads if h.startswith(("Estimated time", "and ")))]
    assert flow.count('class="cc-flow__step cc-flow__step--recommended"') == 1


def test_guides_link_to_the_repositorys_issue_forms_on_github_only(
        tiny: Path, built: Path, caplog: pytest.LogCaptureFixture) -> None:
    forms = tiny / ".github" / "ISSUE_TEMPLATE"
    forms.mkdir(parents=True)
    (forms / "add-recognizer.yml").write_text("name: Add a district\n", encoding="utf-8")
    (forms / "config.yml").write_text("blank_issues_enabled: true\n", encoding="utf-8")
    (tiny / "docs" / "join.md").write_text(
        "# Join\n\nUse the [*Add a district*\n  form](issue-form:add-recognizer) to join.\n",
        encoding="utf-8")
    config = tiny / "mkdocs.yml"
    elsewhere = config.read_text(encoding="utf-8")

    # Not a GitHub repository (the tiny project's own address): the words stay, without a link.
    assert "Use the <em>Add a district</em>\n  form to join." in page(run_build(tiny), "join")

    config.write_text(elsewhere.replace("https://example.org/acme/catalog", "https://github.com/acme/catalog"),
                      encoding="utf-8")
    assert ('Use the <a href="https://github.com/acme/catalog/issues/new?template=add-recognizer.yml">'
            "<em>Add a district</em>\n  form</a> to join.") in page(run_build(tiny), "join")

    # A form the repository lacks fails the build at its page and line, and keeps the last site.
    before = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    for text, message in (
            ("See [the form](issue-form:add-district).", "docs/join.md:3: the link to issue form "
             "'add-district' names no form in .github/ISSUE_TEMPLATE/ (the forms there: add-recognizer)"),
            ('See [the form](issue-form:add-recognizer "Form").',
             "docs/join.md:3: write a link to an issue form as [its words](issue-form:NAME)")):
        (tiny / "docs" / "join.md").write_text(f"# Join\n\n{text}\n", encoding="utf-8")
        with pytest.raises(Abort):
            run_build(tiny)
        assert message in caplog.text
    assert {p: p.read_bytes() for p in built.rglob("*") if p.is_file()} == before
