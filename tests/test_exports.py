"""Exports of the tiny site: data API, Open Badges, CTDL, schema.org, oEmbed and embeddable pages."""

import csv
import html
import json
import logging
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft201909Validator, Draft202012Validator
from pyld import jsonld

from credential_catalog.exports import FOLDERS
from credential_catalog.exports.schemaorg import script_json
from credential_catalog.exports.urls import Urls
from credential_catalog.loader import load_catalog

from .conftest import ROOT, run_build, tiny_project

DATA = Path(__file__).parent / "data"
SITE_URL = "http://127.0.0.1:8000/"
VC2_CONTEXT = (Path(__file__).parent.parent / "node_modules" / "@digitalbazaar" / "credentials-context"
               / "contexts" / "v2.jsonld")
CONTEXTS = {
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json":
        DATA / "openbadges-3.0" / "context-3.0.3.json",
    "https://w3id.org/openbadges/v2": DATA / "contexts" / "openbadges-v2.json",
    "https://credreg.net/ctdl/schema/context/json": DATA / "contexts" / "ctdl.json",
    "https://schema.org": DATA / "contexts" / "schemaorg-30.0.jsonld",
    "https://www.w3.org/ns/credentials/v2": VC2_CONTEXT,
}
CREDENTIALS = ["asking-questions", "speaking-up", "weighing-evidence"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return run_build(tiny_project(tmp_path_factory.mktemp("exports")))


def read_json(site: Path, path: str) -> Any:
    return json.loads((site / path).read_text(encoding="utf-8"))


def local_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Serve JSON-LD contexts from tests/data only; any other URL fails the test."""
    if url not in CONTEXTS:
        raise AssertionError(f"the expansion asked for {url}, which has no local copy")
    document = json.loads(CONTEXTS[url].read_text(encoding="utf-8"))
    return {"contextUrl": None, "documentUrl": url, "document": document}


def leaves(value: Any) -> int:
    """Scalar values in a JSON-LD document, not counting contexts and language tags."""
    if isinstance(value, list):
        return sum(leaves(item) for item in value)
    if isinstance(value, dict):
        return sum(leaves(item) for key, item in value.items()
                   if key not in ("@context", "@language")
                   and not (key == "@type" and "@value" in value))
    return 1


def keys(value: Any) -> set[str]:
    if isinstance(value, list):
        return set().union(*(keys(item) for item in value)) if value else set()
    if isinstance(value, dict):
        return set(value).union(*(keys(item) for item in value.values()))
    return set()


def assert_expands_fully(document: dict[str, Any]) -> list[Any]:
    expanded = jsonld.expand(document, {"documentLoader": local_loader})
    assert expanded, "expansion produced nothing"
    assert leaves(expanded) == leaves(document), "a term was dropped in expansion"
    for key in keys(expanded) - {"@id", "@type", "@value", "@language", "@graph", "@list"}:
        assert re.match(r"https?://", key), key
    return expanded


def test_site_without_site_url_builds_a_local_preview(tiny: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = tiny / "mkdocs.yml"
    config.write_text(re.sub(r"site_url: .*\n", "", config.read_text()).replace(
        "http://127.0.0.1:8000/", "https://unused.example/"))
    with caplog.at_level(logging.INFO):
        site = run_build(tiny)
    assert "site_url is not set" in caplog.text
    achievement = site / "openbadges" / "v3" / "achievements" / "asking-questions.json"
    achievement = json.loads(achievement.read_text())
    assert achievement["id"].startswith("http://127.0.0.1:8000/")


def test_exports_can_be_turned_off(tiny: Path) -> None:
    config = tiny / "mkdocs.yml"
    text = re.sub(r"site_url: .*\n", "", config.read_text())
    config.write_text(text.replace(
        "  - credential-catalog:\n", "  - credential-catalog:\n      exports: false\n"))
    site = run_build(tiny)
    assert (site / "credentials" / "asking-questions" / "index.html").is_file()
    assert not (site / "api").exists() and not (site / "embed").exists()


def test_every_achievement_validates_against_the_official_schema(site: Path) -> None:
    schema = json.loads((DATA / "openbadges-3.0" / "ob_v3p0_achievementcredential_schema.json").read_text())
    validator = Draft201909Validator({"$ref": "#/$defs/Achievement", "$defs": schema["$defs"]})
    files = sorted((site / "openbadges" / "v3" / "achievements").glob("*.json"))
    assert [f.stem for f in files] == CREDENTIALS
    for file in files:
        achievement = json.loads(file.read_text())
        validator.validate(achievement)
        broken = {**achievement, "achievementType": "Micro credential"}
        assert not validator.is_valid(broken)


def test_achievement_content(site: Path) -> None:
    achievement = read_json(site, "openbadges/v3/achievements/asking-questions.json")
    assert achievement["id"] == SITE_URL + "openbadges/v3/achievements/asking-questions.json"
    assert achievement["achievementType"] == "MicroCredential"
    assert achievement["criteria"]["id"] == SITE_URL + "credentials/asking-questions/"
    assert "Submit two students' question lists." in achievement["criteria"]["narrative"]
    frameworks = {(a["targetFramework"], a["targetName"]) for a in achievement["alignment"]}
    assert ("Deeper Learning framework", "Thinking") in frameworks
    [standard] = [a for a in achievement["alignment"]
                  if a["targetFramework"] == "Standards for Professional Learning"]
    assert standard["targetName"] == "Data" and standard["targetCode"] == "data"
    assert standard["targetDescription"] == (
        "Aligned in this catalog's own judgement, not the issuer's: The question lists show the "
        "teacher what each student needs to learn next. The standard: Learning uses evidence about "
        "students.")
    badge = read_json(site, "openbadges/v2/badges/asking-questions.json")
    assert standard["targetDescription"] in [a["targetDescription"] for a in badge["alignment"]]
    [part] = achievement["resultDescription"]
    assert part["resultType"] == "RubricCriterionLevel"
    levels = {level["name"]: level for level in part["rubricCriterionLevel"]}
    assert set(levels) == {"Passing", "Not yet"}
    assert part["requiredLevel"] == levels["Passing"]["id"]
    assert levels["Not yet"]["description"] == "Fewer than five questions per list."
    assert achievement["creator"]["id"] == SITE_URL + "openbadges/v3/issuers/acme-institute.json"
    assert read_json(site, "openbadges/v3/issuers/acme-institute.json")["type"] == ["Profile"]
    assert achievement["version"] == "1.0" and achievement["inLanguage"] == "en"
    assert "Thinking" in achievement["tag"] and "student curiosity" in achievement["tag"]
    assert "inquiry" in read_json(site, "openbadges/v2/badges/asking-questions.json")["tags"]
    keywords = read_json(site, "ctdl/credentials/asking-questions.json")["ceterms:keyword"]
    assert keywords == {"en": ["Thinking", "student curiosity", "inquiry"]}


def test_a_retired_stack_is_ceased_in_ctdl(real_site: Path) -> None:
    stacks = load_catalog(ROOT / "catalog").stacks.values()
    retired = [s.id for s in stacks if s.status == "retired"]
    assert retired
    for stack in stacks:
        status = read_json(real_site, f"ctdl/stacks/{stack.id}.json")["ceterms:lifeCycleStatusType"]
        assert status["ceterms:targetNode"] == ("lifeCycle:Ceased" if stack.id in retired
                                                 else "lifeCycle:Active"), stack.id


def test_json_ld_exports_expand_without_dropping_terms(site: Path) -> None:
    for cid in CREDENTIALS:
        assert_expands_fully(read_json(site, f"openbadges/v3/achievements/{cid}.json"))
        assert_expands_fully(read_json(site, f"openbadges/v2/badges/{cid}.json"))
        assert_expands_fully(read_json(site, f"ctdl/credentials/{cid}.json"))
    assert_expands_fully(read_json(site, "openbadges/v2/issuers/acme-institute.json"))
    for path in ("ctdl/stacks/inquiry.json", "ctdl/pathways/starter.json", "ctdl/publisher.json",
                 "ctdl/issuers/acme-institute.json", "ctdl/recognizers/example-district.json"):
        assert_expands_fully(read_json(site, path))


def test_ctdl_collection_and_pathway_order(site: Path) -> None:
    credential = read_json(site, "ctdl/credentials/weighing-evidence.json")
    stack = read_json(site, "ctdl/stacks/inquiry.json")
    assert credential["@type"] == "ceterms:MicroCredential"
    assert stack["@type"] == "ceterms:Collection" and credential["@id"] in stack["ceterms:hasMember"]
    assert stack["ceterms:ownedBy"] == [SITE_URL + "ctdl/publisher.json"]
    assert stack["ceterms:lifeCycleStatusType"]["ceterms:targetNode"] == "lifeCycle:Active"
    graph = read_json(site, "ctdl/pathways/starter.json")["@graph"]
    pathway = graph[0]
    assert pathway["@type"] == "ceterms:Pathway"
    assert pathway["ceterms:lifeCycleStatusType"]["ceterms:targetNode"] == "lifeCycle:Active"
    assert pathway["ceterms:ownedBy"] == [SITE_URL + "ctdl/publisher.json"]
    nodes = {node["@id"]: node for node in graph}
    by_proxy = {node.get("ceterms:proxyFor"): node for node in graph}
    first = by_proxy[SITE_URL + "ctdl/credentials/asking-questions.json"]
    second = by_proxy[SITE_URL + "ctdl/credentials/weighing-evidence.json"]
    assert first["@type"] == "ceterms:CredentialComponent"
    assert first["ceterms:precedes"] == [second["@id"]]
    [destination] = pathway["ceterms:hasDestinationComponent"]
    assert nodes[destination]["ceterms:isDestinationComponentOf"] == pathway["@id"]
    conditions = nodes[destination]["ceterms:hasCondition"]
    assert [c["ceterms:requiredNumber"] for c in conditions] == [1, 1, 0]  # step 3 is recommended
    assert conditions[1]["ceterms:targetComponent"] == [second["@id"]]


def test_catalog_json_matches_its_schema_and_credentials_have_files(site: Path) -> None:
    catalog = read_json(site, "api/v1/catalog.json")
    schema = read_json(site, "api/v1/catalog.schema.json")
    assert catalog["$schema"] == schema["$id"] == SITE_URL + "api/v1/catalog.schema.json"
    Draft202012Validator(schema).validate(catalog)
    assert not Draft202012Validator(schema).is_valid({**catalog, "credentials": [{"id": "x"}]})
    assert [c["id"] for c in catalog["credentials"]] == CREDENTIALS
    assert {"credentials", "categories", "stacks", "pathways", "standards", "issuers",
            "recognizers", "resources", "phases"} <= set(catalog)
    one = read_json(site, "api/v1/credentials/weighing-evidence.json")
    assert one["url"] == SITE_URL + "credentials/weighing-evidence/"
    assert one["links"]["stacks"] == ["inquiry"]
    assert one["links"]["pathways"] == [{"pathway": "starter", "step": 2, "requirement": "required"}]


def test_standard_recommendations_are_in_the_catalog_data_only(site: Path) -> None:
    catalog = read_json(site, "api/v1/catalog.json")
    schema = read_json(site, "api/v1/catalog.schema.json")
    data = next(s for s in catalog["standards"] if s["id"] == "data")
    assert data["recommendations"] == {
        "districts": ["Give teachers several sources of data about their students.",
                      "Evaluate what professional learning achieves."],
        "states": ["Offer a statewide data dashboard."],
        "issuers": ["Ask for student work as evidence."]}
    assert "recommendations" in schema["$defs"]["Standard"]["required"]
    del data["recommendations"]["states"]
    assert not Draft202012Validator(schema).is_valid(catalog)
    one = (site / "api" / "v1" / "credentials" / "weighing-evidence.json").read_text()
    assert "recommendations" not in one


def test_api_keeps_eligibility_apart_from_worth(site: Path) -> None:
    catalog = read_json(site, "api/v1/catalog.json")
    links = {c["id"]: c["links"] for c in catalog["credentials"]}
    assert links["weighing-evidence"]["recognizers"] == ["example-district"]
    assert links["weighing-evidence"]["recognitions"] == [{
        "recognizer": "example-district", "basis": "listed",
        "worth": {"salary": "One salary step", "relicensure_hours": 15.0, "pd_credit": None, "note": None}}]
    assert links["asking-questions"]["recognitions"] == [
        {"recognizer": "example-district", "basis": "rule", "worth": None}]
    assert links["speaking-up"]["recognitions"] == []
    [district] = catalog["recognizers"]
    assert district["worth"]["pd_credit"] == "Up to two days of program credit a year"
    schema = read_json(site, "api/v1/catalog.schema.json")
    recognition = schema["$defs"]["Credential"]["properties"]["links"]["properties"]["recognitions"]
    assert recognition["items"]["properties"]["basis"]["enum"] == ["listed", "rule"]
    described = schema["$defs"]["Recognizer"]["properties"]["worth"]["description"]
    assert "program as a whole" in described and "never attributed to a single credential" in described
    wrong = [{"recognizer": "x", "basis": "worth", "worth": None}]
    bad = {**catalog, "credentials": [{**catalog["credentials"][0], "links": {
        **links["asking-questions"], "recognitions": wrong}}]}
    assert not Draft202012Validator(schema).is_valid(bad)


def test_csv_has_one_row_per_credential(site: Path) -> None:
    with (site / "api" / "v1" / "catalog.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [row["id"] for row in rows] == CREDENTIALS
    row = rows[2]
    assert row["title"] == "Weighing Evidence" and row["category"] == "Thinking"
    assert row["stacks"] == "Inquiry" and row["pathways"] == "Starter Pathway"
    assert row["url"] == SITE_URL + "credentials/weighing-evidence/"
    assert float(row["estimated_hours"]) > 0 and row["standards"]


def test_credential_page_has_schema_org_json_ld(site: Path) -> None:
    page = (site / "credentials" / "asking-questions" / "index.html").read_text()
    head = page.split("</head>")[0]
    [script] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    data = json.loads(script)
    assert data["@type"] == "EducationalOccupationalCredential"
    assert data["url"] == SITE_URL + "credentials/asking-questions/"
    assert "recognizedBy" not in data  # only eligible under the district's rule
    assert_expands_fully(data)
    named = (site / "credentials" / "weighing-evidence" / "index.html").read_text().split("</head>")[0]
    [script] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', named, re.S)
    assert [r["name"] for r in json.loads(script)["recognizedBy"]] == ["Example District"]


def test_json_in_script_cannot_close_the_element() -> None:
    text = script_json({"name": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & <!--"


@pytest.mark.parametrize("url", ["credentials/asking-questions", "stacks/inquiry", "pathways/starter",
                                 "recognizers/example-district"])
def test_embeddable_pages_have_panel_oembed_and_embed(site: Path, url: str) -> None:
    folder, ident = url.split("/")
    page = (site / url / "index.html").read_text()
    oembed_url = f"{SITE_URL}oembed/{folder}/{ident}.json"
    assert f'<link rel="alternate" type="application/json+oembed" href="{oembed_url}"' in page
    panel = re.search(r'<details class="cc-embed-panel.*?</details>', page, re.S).group(0)
    snippet = html.unescape(re.search(r'__code" data-cc-copy><code>(.*?)</code>', panel, re.S).group(1))
    assert f'<iframe src="{SITE_URL}embed/{url}/"' in snippet
    title = re.search(r'<h1 id="[^"]*">(.*?)</h1>', page).group(1)
    assert f'title="{title} (Tiny catalog)"' in snippet  # the frame names the page and the catalog
    assert 'var origin = "http://127.0.0.1:8000";' in snippet and "event.origin !== origin" in snippet
    oembed = read_json(site, f"oembed/{folder}/{ident}.json")
    assert oembed["type"] == "rich" and oembed["version"] == "1.0"
    # The oEmbed answer is the frame alone, as sized as the snippet's: it works where scripts are dropped.
    assert oembed["html"] == snippet.split("\n")[0] and "<script" not in oembed["html"]
    assert f'height="{oembed["height"]}"' in oembed["html"] and oembed["height"] >= 480
    embed = (site / "embed" / url / "index.html").read_text()
    assert '<base target="_top">' in embed and 'name="robots" content="noindex"' in embed
    assert 'class="md-header' not in embed and "md-sidebar" not in embed and "md-footer" not in embed
    assert "bundle." not in embed and "assets/catalog/embed.js" in embed
    assert f'href="../../../{url}/"' in embed


def test_embed_pages_stay_out_of_search(site: Path) -> None:
    locations = [doc["location"] for doc in read_json(site, "search/search_index.json")["docs"]]
    assert "credentials/asking-questions/" in locations
    assert not [location for location in locations if location.startswith("embed/")]


def test_recognizer_embed_is_compact_and_keeps_worth_apart(site: Path) -> None:
    embed = (site / "embed" / "recognizers" / "example-district" / "index.html").read_text()
    assert embed.count("Up to two days of program credit a year") == 1
    assert "Reported in a test fixture (2020)" in embed
    named = re.search(r'<ul class="cc-recognized-list">(.*?)</ul>', embed, re.S).group(1)
    assert "Weighing Evidence</a>: <span class=\"cc-worth\">One salary step" in named
    compact = re.search(r'<ul class="cc-compact-list" role="list">(.*?)</ul>', embed, re.S).group(1)
    assert re.findall(r">([^<]+)</a>", compact) == ["Asking Questions"]
    assert "<table" not in embed and "Speaking Up" not in embed


def test_every_published_data_file_lies_in_a_reserved_folder(site: Path) -> None:
    data = [path.relative_to(site).as_posix() for path in site.rglob("*")
            if path.is_file() and path.suffix in (".json", ".csv")]
    outside = [path for path in data
               if not path.startswith((*FOLDERS, "assets/", "search/"))]
    assert outside == []
    assert all(any(path.startswith(folder) for path in data) for folder in FOLDERS
               if folder.endswith("/") and folder not in ("embed/", "assets/catalog/badges/"))
    assert all((site / folder).exists() for folder in FOLDERS)
    assert (site / "embed" / "credentials" / "asking-questions" / "index.html").is_file()


@pytest.mark.parametrize(("site_url", "origin"), [
    ("http://127.0.0.1:8000/", "http://127.0.0.1:8000"),
    ("https://Example.org:443/catalog/", "https://example.org"),
    ("HTTP://example.org:80/", "http://example.org"),
    ("https://example.org:8443/x/", "https://example.org:8443"),
    ("http://[::1]:8000/", "http://[::1]:8000"),
])
def test_origin_is_written_as_browsers_report_it(site_url: str, origin: str) -> None:
    assert Urls.from_site_url(site_url).origin == origin


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_csv_cells_never_start_a_formula_after_any_separator(tmp_path: Path) -> None:
    project = tiny_project(tmp_path)
    path = project / "catalog" / "credentials" / "asking-questions.yml"
    hostile = "Asking;=1+1,@SUM(A1)|-2\t=3 \"=4\"; +5"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Asking Questions", f"title: {json.dumps(hostile)}"), encoding="utf-8")
    with (run_build(project) / "api" / "v1" / "catalog.csv").open(encoding="utf-8-sig",
                                                                   newline="") as file:
        rows = list(csv.DictReader(file))
    [row] = [row for row in rows if row["id"] == "asking-questions"]
    # A spreadsheet may split a cell again on any of these; no piece may start a formula.
    pieces = re.split(r"[,;|\t\"]", row["title"])
    assert [piece for piece in pieces if piece.lstrip(" ").startswith(FORMULA_STARTS)] == []
    assert re.sub(r"'(?=[=+\-@])", "", row["title"]) == hostile


@pytest.mark.parametrize("site_url", ["https://user@example.org/", "https://example.org\\x/",
                                      "https://exa\u200bmple.org/", "javascript://example.org/",
                                      "ftp://example.org/"])
def test_site_url_follows_the_url_rule(site_url: str) -> None:
    with pytest.raises(ValueError):
        Urls.from_site_url(site_url)
