"""Registry-grade data: stored CTIDs, CTDL against Credential Engine's published files, Open Badges
credentials against 1EdTech's schema, valid JSON Schemas, the feed, robots.txt and the sitemap."""

import hashlib
import json
import re
import subprocess
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from jsonschema import Draft201909Validator, Draft202012Validator
from jsonschema.validators import validator_for

from credential_catalog.cli import main
from credential_catalog.ctids import insert_ctids, refresh
from credential_catalog.loader import read_catalog
from credential_catalog.models import KIND_BY_FOLDER

from .conftest import ROOT, run_build, tiny_project
from .test_exports import CREDENTIALS, DATA, SITE_URL, assert_expands_fully

CTDL = DATA / "ctdl"
CTID = re.compile(r"^ce-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return run_build(tiny_project(tmp_path_factory.mktemp("registries")))


def read(site: Path, path: str) -> Any:
    return json.loads((site / path).read_text(encoding="utf-8"))


def ctdl_documents(site: Path) -> dict[str, dict[str, Any]]:
    return {path.relative_to(site).as_posix(): json.loads(path.read_text())
            for path in sorted((site / "ctdl").rglob("*.json"))}


def nodes(document: dict[str, Any]) -> list[dict[str, Any]]:
    return document.get("@graph", [document])


def test_vendored_files_are_unchanged() -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (`[^|]+`) \|[^|]+\| ([^|]+) \|$", readme, re.M)
    checked = 0
    for names, hashes in rows:
        for name, digest in zip(re.findall(r"`([^`]+)`", names), re.findall(r"`([0-9a-f]{64})`", hashes),
                                strict=False):
            assert hashlib.sha256((DATA / name).read_bytes()).hexdigest() == digest, name
            checked += 1
    assert checked == 9


@pytest.fixture(scope="module")
def vocabulary() -> dict[str, dict[str, Any]]:
    return {node["@id"]: node for node in json.loads((CTDL / "schema.json").read_text())["@graph"]}


def superclasses(vocabulary: dict[str, dict[str, Any]], kind: str) -> set[str]:
    found, todo = {kind}, [kind]
    while todo:
        for parent in vocabulary.get(todo.pop(), {}).get("rdfs:subClassOf", []):
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return found


def test_ctdl_uses_only_defined_terms_on_their_own_classes(
        site: Path, vocabulary: dict[str, dict[str, Any]]) -> None:
    context = json.loads((DATA / "contexts" / "ctdl.json").read_text())["@context"]
    documents = ctdl_documents(site)
    # three credentials, a stack, a pathway, an issuer, a recognizer and the publisher
    assert len(documents) == 8

    def check(node: dict[str, Any]) -> None:
        kind = node["@type"]
        assert kind in vocabulary and vocabulary[kind]["@type"] == "rdfs:Class", kind
        classes = superclasses(vocabulary, kind)
        for key, value in node.items():
            if key.startswith("@"):
                continue
            term = vocabulary.get(key)
            assert term is not None and term["@type"] == "rdf:Property", key
            assert term.get("vs:term_status") != "vs:deprecated", key
            assert classes & set(term.get("schema:domainIncludes", [])), f"{key} is not a property of {kind}"
            if context.get(key, {}).get("@container") == "@language":
                assert isinstance(value, dict) and set(value) == {"en"}, key
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict) and "@type" in item:
                    check(item)

    for document in documents.values():
        for node in nodes(document):
            check(node)


def test_ctdl_meets_credential_engines_required_properties(site: Path) -> None:
    credential_schema = json.loads((CTDL / "credentialSchema.json").read_text())["definitions"]
    micro = credential_schema["ceterms:MicroCredential"]
    rules = Draft202012Validator({"required": micro["required"], "allOf": micro["allOf"]})
    for cid in CREDENTIALS:
        document = read(site, f"ctdl/credentials/{cid}.json")
        rules.validate(document)
        assert CTID.match(document["ceterms:ctid"])
        status = document["ceterms:credentialStatusType"]
        assert status["ceterms:framework"] == "https://credreg.net/ctdl/terms/CredentialStatus"
        assert status["ceterms:targetNode"] == "credentialStat:Active"
        owner = read(site, "ctdl/issuers/acme-institute.json")
        assert document["ceterms:ownedBy"] == document["ceterms:offeredBy"] == [owner["@id"]]
        assert owner["@type"] == "ceterms:CredentialOrganization" and CTID.match(owner["ceterms:ctid"])
        assert document["@id"] in owner["ceterms:owns"]
    broken = dict(read(site, "ctdl/credentials/asking-questions.json"))
    del broken["ceterms:credentialStatusType"]
    assert not rules.is_valid(broken)

    pathway_schema = json.loads((CTDL / "pathway.json").read_text())["definitions"]
    # The 2019 schema asks for inLanguage, which today's CTDL no longer defines on a Pathway.
    required = [name for name in pathway_schema["ceterms:Pathway"]["required"]
                if name != "ceterms:inLanguage"]
    [pathway, *_] = read(site, "ctdl/pathways/starter.json")["@graph"]
    Draft202012Validator({"required": required}).validate(pathway)
    organization = json.loads((CTDL / "agentSchema.json").read_text())["definitions"]
    # Address, email and organization type are facts the catalog does not hold (see docs/api.md).
    known = {"ceterms:address", "ceterms:email", "ceterms:agentType", "ceterms:agentSectorType"}
    required = [name for name in organization["ceterms:CredentialOrganization"]["required"]
                if name not in known]
    for path in ("ctdl/issuers/acme-institute.json", "ctdl/recognizers/example-district.json",
                 "ctdl/publisher.json"):
        Draft202012Validator({"required": required}).validate(read(site, path))


def test_every_pathway_component_has_its_stored_ctid(site: Path) -> None:
    graph = read(site, "ctdl/pathways/starter.json")["@graph"]
    pathway = graph[0]
    components = graph[1:]
    assert len(components) == 4 and pathway["ceterms:hasPart"] == [c["@id"] for c in components]
    stored = (ROOT / "tests" / "fixtures" / "tiny" / "catalog" / "pathways" / "starter.yml").read_text()
    for component in components:
        assert CTID.match(component["ceterms:ctid"]) and component["ceterms:ctid"] in stored
    ctids = [node["ceterms:ctid"] for document in ctdl_documents(site).values() for node in nodes(document)]
    assert len(ctids) == len(set(ctids))


def test_choose_n_of_m_is_a_component_condition(tiny: Path, write: Any) -> None:
    write("pathways/choice.yml", "title: Choice\nsummary: c\ndescription: c\naudience: [librarian]\n"
          "steps:\n  - credentials: [asking-questions, speaking-up, weighing-evidence]\n    choose: 2\n")
    site = run_build(tiny)
    graph = read(site, "ctdl/pathways/choice.json")["@graph"]
    [condition] = graph[-1]["ceterms:hasCondition"]
    assert condition["ceterms:requiredNumber"] == 2
    assert condition["ceterms:targetComponent"] == [node["@id"] for node in graph[1:4]]
    assert "2 of 3" in condition["ceterms:name"]["en"]


def ctids_of(site: Path) -> dict[str, list[str]]:
    return {path: sorted(node["ceterms:ctid"] for node in nodes(document) if "ceterms:ctid" in node)
            for path, document in ctdl_documents(site).items()}


def test_a_rebuild_under_another_address_keeps_every_ctid(site: Path, tiny: Path) -> None:
    config = tiny / "mkdocs.yml"
    config.write_text(config.read_text().replace(SITE_URL, "https://catalog.example.org/pd/"))
    moved = run_build(tiny)
    assert read(moved, "ctdl/credentials/asking-questions.json")["@id"].startswith("https://catalog.example.org/")
    assert ctids_of(moved) == ctids_of(site)


def test_example_credential_validates_against_the_full_1edtech_schema(site: Path) -> None:
    schema = json.loads((DATA / "openbadges-3.0" / "ob_v3p0_achievementcredential_schema.json").read_text())
    validator = Draft201909Validator(schema)
    for cid in CREDENTIALS:
        example = read(site, f"openbadges/v3/examples/{cid}.json")
        validator.validate(example)
        assert example["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
        assert example["@context"][0] == "https://www.w3.org/ns/credentials/v2"
        assert example["credentialSubject"]["achievement"]["id"] == read(
            site, f"openbadges/v3/achievements/{cid}.json")["id"]
        assert_expands_fully(example)
    assert not validator.is_valid({**example, "@context": example["@context"][1:]})


def test_every_badge_has_an_image_of_its_own(site: Path) -> None:
    images = set()
    for cid in CREDENTIALS:
        achievement = read(site, f"openbadges/v3/achievements/{cid}.json")
        badge_class = read(site, f"openbadges/v2/badges/{cid}.json")
        image = SITE_URL + f"assets/catalog/badges/{cid}.svg"
        assert achievement["image"]["id"] == badge_class["image"] == image
        svg = ET.parse(site / "assets" / "catalog" / "badges" / f"{cid}.svg").getroot()
        title = svg.find("{http://www.w3.org/2000/svg}title")
        assert title is not None and read(site, f"api/v1/credentials/{cid}.json")["title"] in title.text
        images.add((site / "assets" / "catalog" / "badges" / f"{cid}.svg").read_bytes())
    assert len(images) == len(CREDENTIALS)


def test_achievement_names_its_earlier_versions(tiny: Path) -> None:
    path = tiny / "catalog" / "credentials" / "speaking-up.yml"
    text = path.read_text().replace('version: "1.0"', 'version: "1.2"')
    path.write_text(text + "changelog:\n  - version: \"1.1\"\n    date: 2026-02-01\n"
                    "    summary: Fewer words.\n  - version: \"1.2\"\n    date: 2026-03-01\n"
                    "    summary: A clearer guide.\n")
    site = run_build(tiny)
    achievement = read(site, "openbadges/v3/achievements/speaking-up.json")
    assert [r["version"] for r in achievement["related"]] == ["1.1"]
    assert achievement["related"][0]["id"] == achievement["id"] + "#version-1.1"
    feed = ET.parse(site / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert [t for t in titles if t.startswith("Speaking Up")] == [
        "Speaking Up, version 1.2", "Speaking Up, version 1.1"]
    assert feed.findtext("a:updated", namespaces=ns) == "2026-03-01T00:00:00Z"


def test_every_published_json_schema_is_valid_against_its_metaschema(site: Path) -> None:
    schemas = [read(site, "api/v1/catalog.schema.json"),
               *(json.loads(p.read_text()) for p in sorted((ROOT / "catalog" / "schemas").glob("*.json")))]
    assert len(schemas) == 1 + len(KIND_BY_FOLDER)
    for schema in schemas:
        validator_for(schema).check_schema(schema)
    credential = schemas[0]["$defs"]["Credential"]["required"]
    assert len(credential) == len(set(credential)) and "ctid" in credential


def test_feed_robots_and_sitemap(site: Path) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(site / "feed.xml").getroot()
    entries = feed.findall("a:entry", ns)
    assert {e.find("a:link", ns).get("href") for e in entries} == {
        f"{SITE_URL}credentials/{cid}/" for cid in CREDENTIALS}
    data = {cid: read(site, f"api/v1/credentials/{cid}.json") for cid in CREDENTIALS}
    reviewed = {cid: credential["last_reviewed"] for cid, credential in data.items()}
    dated = {cid: {reviewed[cid], *(entry["date"] for entry in credential["changelog"])}
             for cid, credential in data.items()}
    for entry in entries:
        cid = entry.find("a:link", ns).get("href").split("/")[-2]
        assert entry.findtext("a:updated", namespaces=ns)[:10] in dated[cid]
    assert feed.findtext("a:updated", namespaces=ns) == f"{max(set().union(*dated.values()))}T00:00:00Z"
    assert len(entries) >= len(CREDENTIALS)
    page = (site / "credentials" / "asking-questions" / "index.html").read_text()
    assert f'<link rel="alternate" type="application/atom+xml" href="{SITE_URL}feed.xml"' in page

    robots = (site / "robots.txt").read_text()
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()

    sitemap = ET.parse(site / "sitemap.xml").getroot()
    sm = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    dates = {u.findtext("s:loc", namespaces=sm): u.findtext("s:lastmod", namespaces=sm)
             for u in sitemap.findall("s:url", sm)}
    for cid in CREDENTIALS:
        assert dates[f"{SITE_URL}credentials/{cid}/"] == reviewed[cid]
    assert dates[f"{SITE_URL}stacks/inquiry/"] is None  # no review date: no lastmod rather than a made-up one


def test_oembed_publishes_no_placeholder(site: Path) -> None:
    assert not (site / "oembed" / "list.json").exists()
    template = read(site, "embed/list/snippet.json")["html"]
    assert "?ids=ID&amp;title=TITLE" in template and "<script>" in template


def test_ctids_are_inserted_without_touching_other_lines() -> None:
    text = ("# A comment that stays\ntitle: T  # and this one\n\nsteps:\n  - credentials: [a, b]\n"
            "    choose: 1  # pick one\n\n  # between steps\n  - pathway: p\n")
    made = iter(f"ce-00000000-0000-4000-8000-00000000000{n}" for n in range(9))
    out, count = insert_ctids(text, "pathways", lambda: next(made))
    assert count == 5
    kept = [line for line in out.splitlines() if "ce-" not in line and "component_ctids" not in line]
    assert kept == text.splitlines()
    assert insert_ctids(out, "pathways")[0] == out
    assert insert_ctids("name: X\n", "resources")[1] == 0


@pytest.mark.parametrize(("old", "new", "message"), [
    ("ctid: ce-", "ctid: ce-X", "is not a CTID"),
    ("4", "1", "is not a CTID"),
])
def test_malformed_ctids_are_refused(tiny: Path, old: str, new: str, message: str) -> None:
    path = tiny / "catalog" / "stacks" / "inquiry.yml"
    text = path.read_text()
    ctid = re.search(r"ctid: (ce-\S+)", text).group(1)
    broken = ctid.replace("ce-", "ce-X", 1) if old == "ctid: ce-" else ctid[:17] + "1" + ctid[18:]
    path.write_text(text.replace(ctid, broken))
    _, problems = read_catalog(tiny / "catalog")
    assert [(p.file, p.field) for p in problems] == [("catalog/stacks/inquiry.yml", "ctid")]
    assert message in problems[0].message


def test_duplicate_and_missing_ctids_are_reported(tiny: Path) -> None:
    stack = tiny / "catalog" / "stacks" / "inquiry.yml"
    issuer_ctid = re.search(r"ctid: (\S+)", (tiny / "catalog" / "issuers" / "acme-institute.yml").read_text())
    stack.write_text(re.sub(r"ctid: \S+", f"ctid: {issuer_ctid.group(1)}", stack.read_text()))
    pathway = tiny / "catalog" / "pathways" / "starter.yml"
    pathway.write_text(re.sub(r"\n    component_ctids:\n      speaking-up: \S+", "", pathway.read_text()))
    _, problems = read_catalog(tiny / "catalog")
    messages = sorted(f"{p.file}: {p.field}: {p.message}" for p in problems)
    assert len(messages) == 2, messages
    assert messages[0].startswith("catalog/pathways/starter.yml: steps[2].component_ctids: no CTID for "
                                  "'speaking-up': run `credential-catalog ctids`")
    assert "is already used by catalog/issuers/acme-institute.yml (ctid)" in messages[1]
    assert main(["ctids", str(tiny / "catalog")]) == 0
    assert read_catalog(tiny / "catalog")[1] != []  # the duplicate stays: the command adds, never changes
    assert "speaking-up: ce-" in pathway.read_text()


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                    "-c", "commit.gpgsign=false", *args], cwd=repo, check=True, capture_output=True)


def test_version_rule_refuses_a_changed_ctid(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(tiny, "init", "--quiet")
    git(tiny, "add", ".")
    git(tiny, "commit", "--quiet", "-m", "base")
    path = tiny / "catalog" / "pathways" / "starter.yml"
    path.write_text(refresh(path.read_text(), {}))
    assert main(["validate", str(tiny / "catalog"), "--base", "HEAD"]) == 1
    err = capsys.readouterr().err
    assert err.count("a CTID never changes once published") == 5
    assert "starter.yml:" in err and "steps[1].component_ctids.weighing-evidence" in err


def test_new_and_init_assign_fresh_ctids(tiny: Path, tmp_path: Path) -> None:
    assert main(["new", "fresh-one", "--category", "thinking", "--issuer", "acme-institute",
                 "--directory", str(tiny / "catalog")]) == 0
    text = (tiny / "catalog" / "credentials" / "fresh-one.yml").read_text()
    assert CTID.match(re.search(r"^ctid: (\S+)", text, re.M).group(1))
    from credential_catalog.starter import STARTER, init
    init(tmp_path / "new", "New")
    starter_ctids = set(re.findall(r"ce-[0-9a-f-]{36}", "".join(
        p.read_text() for p in (STARTER / "catalog").rglob("*.yml"))))
    new_ctids = set(re.findall(r"ce-[0-9a-f-]{36}", "".join(
        p.read_text() for p in (tmp_path / "new" / "catalog").rglob("*.yml"))))
    assert len(new_ctids) == len(starter_ctids) > 5 and not new_ctids & starter_ctids
    publisher = re.search(r"publisher_ctid: (\S+)", (tmp_path / "new" / "mkdocs.yml").read_text())
    assert CTID.match(publisher.group(1))


def test_publisher_ctid_must_be_a_ctid(tiny: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = tiny / "mkdocs.yml"
    config.write_text(re.sub(r"publisher_ctid: \S+", "publisher_ctid: ce-1", config.read_text()))
    with pytest.raises(Exception):  # noqa: B017 - MkDocs turns the plugin's error into an abort
        run_build(tiny)
    assert "publisher_ctid 'ce-1' is not a CTID" in caplog.text
