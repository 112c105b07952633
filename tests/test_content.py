"""The real catalog: the 40 Deeper Learning credentials, their shape, and the site built from them."""

import json
import re
import shutil
import types
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Annotated, Any, Literal, Union, cast, get_args, get_origin

import pytest
from markupsafe import escape
from pydantic import BaseModel

from credential_catalog import references
from credential_catalog.catalog import Catalog
from credential_catalog.ctids import assign
from credential_catalog.graph import build_graph
from credential_catalog.loader import load_catalog
from credential_catalog.messages import annotation_at
from credential_catalog.models import KIND_BY_FOLDER, Entity, Id, kinds
from credential_catalog.problems import format_path
from credential_catalog.references import Pattern, reference_fields

from .conftest import ROOT

CATEGORY_OF: dict[str, str] = {
    # Titles and categories exactly as in seed 000 (Digital Promise, 2017).
    "Making Projects Real": "master-core-academic-content",
    "Mapping Concepts": "master-core-academic-content",
    "Mapping Processes": "master-core-academic-content",
    "Mapping Facts": "master-core-academic-content",
    "Idea Generating": "think-critically-and-solve-complex-problems",
    "Sound Decision-making": "think-critically-and-solve-complex-problems",
    "Analyzing Media Impacts": "think-critically-and-solve-complex-problems",
    "Productive Researching": "think-critically-and-solve-complex-problems",
    "Effective Reasoning": "think-critically-and-solve-complex-problems",
    "Systems Thinking": "think-critically-and-solve-complex-problems",
    "Practicing Reflection": "think-critically-and-solve-complex-problems",
    "Creative Problem Solving": "think-critically-and-solve-complex-problems",
    "Designing Effective Solutions": "think-critically-and-solve-complex-problems",
    "Evaluating Online Information": "think-critically-and-solve-complex-problems",
    "Evidence-backed Positions": "think-critically-and-solve-complex-problems",
    "Kind Critiquing": "think-critically-and-solve-complex-problems",
    "Managing Project Cycles": "work-collaboratively",
    "Collaborative Problem Solving": "work-collaboratively",
    "Productive Teamwork": "work-collaboratively",
    "Getting Help & Support": "work-collaboratively",
    "Belonging & Caring": "work-collaboratively",
    "Effective Leadership": "work-collaboratively",
    "Resolving Conflicts": "work-collaboratively",
    "Practicing Open-mindedness": "work-collaboratively",
    "Clear Thinking & Writing": "communicate-effectively",
    "Personal Purpose": "communicate-effectively",
    "Choosing Technology Tools": "communicate-effectively",
    "Cultural Competence": "communicate-effectively",
    "Persuasive Presenting": "communicate-effectively",
    "Active Listening": "communicate-effectively",
    "Design Thinking & Doing": "learn-how-to-learn",
    "Crafting Driving Questions": "learn-how-to-learn",
    "Choosing Learning Strategies": "learn-how-to-learn",
    "Self-reliance & Autonomy": "learn-how-to-learn",
    "Grit & Resilience": "develop-academic-mindsets",
    "Ethical Behavior": "develop-academic-mindsets",
    "Mindfulness": "develop-academic-mindsets",
    "Seeking Well-being": "develop-academic-mindsets",
    "Expressing Personal Perspectives": "develop-academic-mindsets",
    "Growth Mindset": "develop-academic-mindsets",
}
COUNTS = {
    "master-core-academic-content": 4,
    "think-critically-and-solve-complex-problems": 12,
    "work-collaboratively": 8,
    "communicate-effectively": 6,
    "learn-how-to-learn": 4,
    "develop-academic-mindsets": 6,
}
PLACEHOLDER = re.compile(r"\b(todo|tbd|fixme|xxx|lorem|ipsum|placeholder)\b|\?\?", re.I)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "catalog")  # raises, listing every problem, if anything is invalid


def _strings(value: Any, path: str) -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in _strings(item, f"{path}.{key}")]
    if isinstance(value, list):
        return [s for index, item in enumerate(value) for s in _strings(item, f"{path}[{index}]")]
    return []


def test_all_forty_titles_in_their_categories(catalog: Catalog) -> None:
    found = {c.title: c.category for c in catalog.credentials.values()}
    assert found == CATEGORY_OF


def test_category_counts(catalog: Catalog) -> None:
    assert list(catalog.categories) == list(COUNTS)
    assert Counter(c.category for c in catalog.credentials.values()) == COUNTS


def test_no_field_is_empty_or_a_placeholder(catalog: Catalog) -> None:
    bad = []
    for folder, entities in catalog.entities.items():
        for entity in entities.values():
            for path, text in _strings(entity.model_dump(exclude={"id"}), f"{folder}/{entity.id}"):
                if not text.strip() or PLACEHOLDER.search(text):
                    bad.append(f"{path}: {text!r}")
    assert bad == []


ID_MARKS = get_args(Id)[1:]
"""What makes a type an id (its constraints), whether or not the field is marked as a reference."""


def id_fields(model: type[BaseModel], pattern: Pattern = ()) -> Iterator[Pattern]:
    """Every place in ``model`` whose type is an id, found from the types alone ("*": any item)."""
    for name, field in model.model_fields.items():
        yield from _ids(field.annotation, tuple(field.metadata), (*pattern, name))


def _ids(annotation: Any, metadata: tuple[Any, ...], pattern: Pattern) -> Iterator[Pattern]:
    if all(mark in metadata for mark in ID_MARKS):
        yield pattern
    elif get_origin(annotation) is Annotated:
        yield from _ids(get_args(annotation)[0], get_args(annotation)[1:], pattern)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield from id_fields(annotation, pattern)
    elif get_origin(annotation) is not Literal:
        container = get_origin(annotation) not in (None, Union, types.UnionType)
        for arg in get_args(annotation):
            yield from _ids(arg, (), (*pattern, "*") if container else pattern)


def plant(model: BaseModel, pattern: Pattern, value: str) -> tuple[BaseModel, tuple[str | int, ...]]:
    """A copy of ``model`` holding ``value`` at the first place ``pattern`` names (made if missing)."""
    head, rest = pattern[0], pattern[1:]
    new, inner = _plant(getattr(model, head, None), annotation_at(type(model), (head,)), rest, value)
    return model.model_copy(update={head: new}), (head, *inner)


def _plant(current: Any, declared: Any, pattern: Pattern, value: str) -> tuple[Any, tuple[str | int, ...]]:
    if not pattern:
        return value, ()
    if pattern[0] != "*":
        return plant(current if current is not None else declared.model_construct(), pattern, value)
    items = list(current or [])
    if len(pattern) == 1:
        return [value, *items], (0,)
    item_type = annotation_at(declared, (0,))
    new, inner = _plant(items[0] if items else item_type.model_construct(), item_type, pattern[1:], value)
    return [new, *items[1:]], (0, *inner)


def test_every_field_holding_an_id_is_checked(catalog: Catalog) -> None:
    """An unknown id in any field whose type is an id (found from the models' types, not from
    the checks' own list) is reported at that field."""
    planted = 0
    for folder, entities in catalog.entities.items():
        entity = entities[sorted(entities)[0]]
        for pattern in id_fields(type(entity)):
            changed, path = plant(entity, pattern, "no-such-entity")
            copy = Catalog(catalog.root, {f: dict(e) for f, e in catalog.entities.items()}, catalog.sources)
            copy.entities[folder][entity.id] = cast(Entity, changed)
            problems = [p for p in references.check(copy) if p.field == format_path(path)]
            assert any(p.message.startswith("unknown ") for p in problems), (folder, path, problems)
            planted += 1
    assert planted >= 17


def test_every_reference_names_a_kind_of_the_catalog() -> None:
    for kind in kinds():
        fields = reference_fields(kind)
        assert {pattern for pattern, _ in fields} == set(id_fields(kind)), kind.folder
        assert {folder for _, folder in fields} <= set(KIND_BY_FOLDER), kind.folder


def test_every_credential_is_complete(catalog: Catalog) -> None:
    for c in catalog.credentials.values():
        submission = c.submission
        assert 3 <= len(c.method_components) <= 5, c.id
        assert 2 <= len(submission.overview_questions) <= 3, c.id
        assert 2 <= len(submission.evidence) <= 3, c.id
        assert 1 <= len(submission.reflection) <= 3, c.id
        assert len(set(c.related)) >= 2 and len(c.standards) >= 1, c.id
        assert 6 <= c.estimated_hours <= 20, c.id
        for part in submission.evidence:
            levels = {level.level: level for level in part.scoring_guide}
            assert levels["Passing"].passing and not levels["Not yet"].passing, (c.id, part.name)
            assert all(2 <= len(level.criteria) <= 4 for level in part.scoring_guide), c.id


def test_stacks_answer_needs_and_category_copies_are_retired(catalog: Catalog) -> None:
    members = {category: {c.id for c in catalog.credentials.values() if c.category == category}
               for category in COUNTS}
    copies = {s.id: s for s in catalog.stacks.values() if set(s.credentials) in members.values()}
    assert set(copies) == set(COUNTS)  # the six kept at their addresses, named like their category
    assert all(s.status == "retired" and s.category == s.id and s.successors for s in copies.values())
    active = [s for s in catalog.stacks.values() if s.status == "active"]
    assert len(active) >= 8 and all(s.need for s in active)
    assert [s.id for s in active if set(s.credentials) in members.values()] == []
    titles = {p.title for p in catalog.pathways.values()}
    assert [s.title for s in active if s.title in titles] == []
    for stack in active:
        mentioned = [c for c in stack.credentials if catalog.credentials[c].title in stack.rationale]
        assert mentioned == stack.credentials, stack.id  # the rationale says what each one adds


def test_retired_stacks_keep_their_pages_and_leave_the_lists(real_site: Path, catalog: Catalog) -> None:
    retired = {s.id for s in catalog.stacks.values() if s.status == "retired"}
    index = (real_site / "stacks" / "index.html").read_text(encoding="utf-8")
    active_part, retired_part = index.split('<h2 id="retired">')
    for sid in retired:
        html = (real_site / "stacks" / sid / "index.html").read_text(encoding="utf-8")
        notice = re.search(r'<div class="admonition warning cc-retired".*?</div>', html, re.S).group(0)
        assert "This stack is retired" in notice, sid
        for successor in catalog.stacks[sid].successors:
            assert f'href="../{successor}/"' in notice, (sid, successor)
        assert f'href="{sid}/"' in retired_part and f'href="{sid}/"' not in active_part
    for path in (real_site / "credentials").glob("*/index.html"):
        part_of = path.read_text(encoding="utf-8").split('<h2 id="competency">')[0]
        assert [sid for sid in retired if f"stacks/{sid}/" in part_of] == [], path
    store = json.loads((real_site / "assets" / "catalog" / "credentials-store.json").read_text())
    assert {key for key, _ in store["facets"]["stack"]["values"]}.isdisjoint(retired)


def test_standards_alignments_discriminate_and_give_reasons(real_site: Path, catalog: Catalog) -> None:
    active = [c for c in catalog.credentials.values() if c.status == "active"]
    counts = Counter(s for c in active for s in c.standard_ids)
    assert max(counts.values()) <= len(active) * 3 / 4, counts
    assert counts["learning-communities"] <= 5 and "leadership" not in counts
    for credential in active:
        html = (real_site / "credentials" / credential.id / "index.html").read_text(encoding="utf-8")
        section = html[html.index('<h2 id="standards">'):html.index('<h2 id="recognized-by">')]
        assert "this catalog's own judgement" in section, credential.id
        for alignment in credential.standards:
            assert escape(alignment.reason) in section, (credential.id, alignment.standard)
    for standard in catalog.standards.values():
        html = (real_site / "standards" / standard.id / "index.html").read_text(encoding="utf-8")
        part = html[html.index('<h2 id="credentials">'):]
        assert "this catalog's own judgement" in part and "This is when the catalog aligns one" in part
        for credential in active:
            if standard.id in credential.standard_ids:
                assert escape(credential.reason(standard.id)) in part, (standard.id, credential.id)
        if standard.id not in counts:
            assert "No credential in this catalog is aligned to this standard." in part
            assert "none of the forty" in standard.alignment_basis.casefold()
    lede = (real_site / "standards" / "index.html").read_text(encoding="utf-8")
    assert "is this catalog's own judgement, not Learning Forward's" in lede
    achievement = json.loads((real_site / "openbadges" / "v3" / "achievements" / "kind-critiquing.json")
                             .read_text(encoding="utf-8"))
    [alignment] = [a for a in achievement["alignment"] if a.get("targetCode") == "learning-designs"]
    assert alignment["targetDescription"].startswith("Aligned in this catalog's own judgement")
    assert catalog.credentials["kind-critiquing"].reason("learning-designs") in alignment["targetDescription"]


def test_pathways_have_required_and_recommended_steps(catalog: Catalog) -> None:
    assert len(catalog.pathways) >= 4
    for pathway in catalog.pathways.values():
        kinds = {step.requirement for step in pathway.steps}
        assert kinds == {"required", "recommended"}, pathway.id


class _MainLinks(HTMLParser):
    """External hrefs inside the page's <article>, leaving out the theme's edit button."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        attributes = dict(attrs)
        href = attributes.get("href") or ""
        if (self.depth and tag == "a" and re.match(r"(https?:)?//", href)
                and "md-content__button" not in (attributes.get("class") or "")):
            self.hrefs.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1


def external_links(html: str) -> list[str]:
    parser = _MainLinks()
    parser.feed(html)
    return parser.hrefs


def test_site_builds_strict_with_every_page(real_site: Path, catalog: Catalog) -> None:
    for folder, entities in catalog.entities.items():
        if folder in {"resources", "phases", "search"}:
            continue
        for ident in entities:
            assert (real_site / folder / ident / "index.html").is_file(), (folder, ident)
    for page in ["index.html", "about/index.html", "recognizers-guide/index.html",
                 "planning/index.html", "standards/index.html"]:
        assert (real_site / page).is_file(), page


def test_the_resource_library_names_phases_as_the_planning_page_heads_them(real_site: Path) -> None:
    page = (real_site / "planning" / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h2 id="[^"]+">(\d\. [^<]+)</h2>', page)
    library = page[page.index('id="library-phase"'):]
    assert len(headings) == 3 and "Ready to" not in library
    for heading in headings:
        assert f">{heading}</option>" in library and f"· {heading}" in library, heading


def test_every_external_link_is_a_catalog_resource(real_site: Path, catalog: Catalog) -> None:
    allowed = {r.url for r in catalog.resources.values()}
    seen: set[str] = set()
    for page in real_site.rglob("*.html"):
        links = external_links(page.read_text(encoding="utf-8"))
        assert set(links) <= allowed, (page, set(links) - allowed)
        seen.update(links)
    planning = external_links((real_site / "planning" / "index.html").read_text(encoding="utf-8"))
    assert set(planning) == allowed == seen


class _Matrix(HTMLParser):
    """Rows of the standards matrix: (row header text, row header href, cell texts)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.rows: list[list[tuple[str, str, str | None]]] = []
        self.caption = ""
        self._cell: list[Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table" and a.get("class") == "cc-matrix__table":
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in {"th", "td", "caption"}:
            self._cell = [tag, a.get("scope") or "", "", None]
        elif self._cell is not None and tag == "a":
            self._cell[3] = a.get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.inside = False
        elif self._cell is not None and tag in {"th", "td", "caption"}:
            kind, scope, text, href = self._cell
            text = " ".join(text.split())
            if tag == "caption":
                self.caption = text
            else:
                self.rows[-1].append((f"{kind}:{scope}", text, href))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell[2] += data


def test_standards_matrix_marks_each_alignment_in_text(real_site: Path, catalog: Catalog) -> None:
    parser = _Matrix()
    parser.feed((real_site / "standards" / "index.html").read_text(encoding="utf-8"))
    assert parser.caption == "Standards for Professional Learning each credential is aligned to"
    header, *body = parser.rows
    standards = list(catalog.standards.values())
    assert [cell[0] for cell in header] == ["th:col"] * (len(standards) + 1)
    assert [cell[1] for cell in header[1:]] == [s.title for s in standards]
    groups = [row[0][1] for row in body if row[0][0] == "th:rowgroup"]
    assert groups == [f"{c.number}. {c.title}" for c in catalog.categories.values()]
    rows = {row[0][1]: row for row in body if row[0][0] == "th:row"}
    by_title = {c.title: c for c in catalog.credentials.values()}
    assert set(rows) == set(by_title) | {"Credentials aligned"}
    for title, credential in by_title.items():
        head, *cells = rows[title]
        assert head[2] == f"../credentials/{credential.id}/"
        marks = [text for _, text, _ in cells]
        expected = ["✓ Yes" if s.id in credential.standard_ids else "Not aligned" for s in standards]
        assert marks == expected, title
    totals = [int(text) for _, text, _ in rows["Credentials aligned"][1:]]
    assert totals == [sum(s.id in c.standard_ids for c in by_title.values()) for s in standards]


def _guide_files() -> dict[str, str]:
    guide = (ROOT / "docs" / "recognizers-guide.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^`(catalog/[a-z-]+/[a-z0-9-]+\.yml)`:\n\n```yaml\n(.*?)^```", guide,
                           re.M | re.S))


def test_recognizer_guide_example_validates(tmp_path: Path) -> None:
    files = _guide_files()
    assert sorted(files) == ["catalog/recognizers/example-unified.yml",
                             "catalog/resources/example-unified-handbook.yml"]
    shutil.copytree(ROOT / "catalog", tmp_path / "catalog")
    for relative, text in files.items():
        (tmp_path / relative).write_text(text, encoding="utf-8")
    assert "credential-catalog ctids" in (ROOT / "docs" / "recognizers-guide.md").read_text()
    assign(tmp_path / "catalog")  # the guide's step before validating
    catalog = load_catalog(tmp_path / "catalog")
    recognized = {r.credential.id: r for r in build_graph(catalog).recognized["example-unified"]}
    by_rule = {c.id for c in catalog.credentials.values()
               if c.category in {"think-critically-and-solve-complex-problems", "work-collaboratively"}}
    assert set(recognized) == by_rule | {"growth-mindset"}
    growth, kind = recognized["growth-mindset"], recognized["kind-critiquing"]
    assert growth.basis == kind.basis == "listed" and kind.worth.relicensure_hours == 15
    assert growth.worth.pd_credit and growth.worth.relicensure_hours == 15
    eligible = [r for r in recognized.values() if r.basis == "rule"]
    assert len(eligible) == len(by_rule) - 1 and all(r.worth is None for r in eligible)


def test_counts_agree_with_their_nouns(real_site: Path, catalog: Catalog) -> None:
    pages = {path: path.read_text(encoding="utf-8") for path in real_site.rglob("*.html")}
    mismatch = re.compile(r"\b1 (?:credentials|steps|hours)\b"
                          r"|\b(?:[02-9]|\d\d+) (?:credential|step|hour)\b(?!-)")
    wrong = [(path.relative_to(real_site).as_posix(), match.group(0))
             for path, html in pages.items() for match in mismatch.finditer(html)]
    assert wrong == []
    graph = build_graph(catalog)
    standards = pages[real_site / "standards" / "index.html"]
    for standard in catalog.standards.values():
        count = len(graph.by_standard.get(standard.id, []))
        noun = "credential" if count == 1 else "credentials"
        assert f"{standard.title}</a>" in standards
        assert re.search(rf"{re.escape(standard.title)}</a>.*?\({count} {noun}\)", standards, re.S)
