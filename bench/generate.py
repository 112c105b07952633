"""Synthetic catalogs of any size, and the same content as hand-written Markdown for plain Material.

A catalog of N credentials holds N / 40 replicas of the real catalog's credentials, stacks and
pathways (replica 0 is the real catalog itself, so N = 40 is the real catalog). Every later replica
gets new ids and titles, and one word in six of its prose is swapped for a pseudo-word of the same
length, so the text stays within every schema limit but does not compress or index as 40 repeated
pages would. Categories, standards, issuers, recognizers, resources and phases are shared.
"""

import random
import re
import shutil
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from credential_catalog.catalog import Catalog
from credential_catalog.ctids import new_ctid
from credential_catalog.forms import FORMS_DIR
from credential_catalog.glance import at_a_glance
from credential_catalog.graph import Graph, build_graph
from credential_catalog.loader import load_catalog
from credential_catalog.models import Credential, Entity
from credential_catalog.pages import entity_title, sections
from credential_catalog.render import starting_point
from credential_catalog.vocabulary import label

REPO = Path(__file__).resolve().parent.parent
REAL = REPO / "catalog"
BASE = 40
REPLICATED = ("credentials", "stacks", "pathways")
# Fields that hold ids, vocabulary values or numbers: copied as they are (ids remapped).
_KEEP = {"category", "resources", "standard", "audience", "issuer", "version", "status",
         "artifact_kinds", "passing", "word_limit", "date", "level", "requirement", "choose",
         "estimated_hours", "last_reviewed"}
_WORD = re.compile(r"\b[a-z]{4,}\b")


class _Variant:
    """Deterministic rewording for replica ``number``."""

    def __init__(self, number: int, salt: int) -> None:
        self.number = number
        self.random = random.Random(number * 1000 + salt)

    def word(self, length: int) -> str:
        while True:
            word = "".join(self.random.choices(string.ascii_lowercase, k=length))
            if "todo" not in word and "www" not in word:
                return word

    def prose(self, text: str) -> str:
        count = 0

        def swap(match: re.Match[str]) -> str:
            nonlocal count
            count += 1
            return self.word(len(match.group())) if count % 6 == 0 else match.group()

        return _WORD.sub(swap, text)

    def ref(self, value: str) -> str:
        return f"{value}-v{self.number}"

    def title(self, text: str) -> str:
        return f"{text}: {self.word(7).capitalize()} {self.word(5).capitalize()}"

    def text_tree(self, data: Any, key: str = "") -> Any:
        if key in _KEEP:
            return data
        if isinstance(data, dict):
            return {k: self.text_tree(v, k) for k, v in data.items()}
        if isinstance(data, list):
            return [self.text_tree(item, key) for item in data]
        if isinstance(data, str):
            return self.prose(data)
        return data


def _read(folder: str) -> dict[str, dict[str, Any]]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((REAL / folder).glob("*.yml"))}


def _vary_credential(data: dict[str, Any], v: _Variant) -> dict[str, Any]:
    out = v.text_tree(data)
    out["ctid"] = new_ctid()
    out["title"] = v.title(data["title"])
    out["related"] = [v.ref(c) for c in data.get("related", [])]
    if data.get("successor"):
        out["successor"] = v.ref(data["successor"])
    return out


def _vary_stack(data: dict[str, Any], v: _Variant) -> dict[str, Any]:
    out = v.text_tree(data)
    out["ctid"] = new_ctid()
    out["title"] = v.title(data["title"])
    out["credentials"] = [v.ref(c) for c in data["credentials"]]
    out["successors"] = [v.ref(s) for s in data.get("successors", [])]
    return out


def _vary_pathway(data: dict[str, Any], v: _Variant) -> dict[str, Any]:
    out = v.text_tree(data)
    out["ctid"], out["destination_ctid"] = new_ctid(), new_ctid()
    out["title"] = v.title(data["title"])
    for step, original in zip(out["steps"], data["steps"], strict=True):
        step["component_ctids"] = {v.ref(key): new_ctid() for key in original["component_ctids"]}
        if original.get("credentials"):
            step["credentials"] = [v.ref(c) for c in original["credentials"]]
        if original.get("pathway"):
            step["pathway"] = v.ref(original["pathway"])
    return out


_VARY: dict[str, Callable[[dict[str, Any], _Variant], dict[str, Any]]] = {
    "credentials": _vary_credential, "stacks": _vary_stack, "pathways": _vary_pathway}


def write_catalog(n: int, target: Path) -> None:
    """Write a valid catalog of ``n`` credentials (a multiple of 40) into ``target``."""
    if n % BASE or n <= 0:
        raise ValueError(f"N must be a positive multiple of {BASE}, not {n}")
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(REAL, target, ignore=shutil.ignore_patterns(*REPLICATED, "schemas"))
    for folder in REPLICATED:
        originals = _read(folder)
        (target / folder).mkdir()
        for entity_id in originals:
            shutil.copyfile(REAL / folder / f"{entity_id}.yml", target / folder / f"{entity_id}.yml")
        for number in range(1, n // BASE):
            v = _Variant(number, REPLICATED.index(folder))
            for entity_id, data in originals.items():
                text = yaml.safe_dump(_VARY[folder](data, v), sort_keys=False, allow_unicode=True,
                                      width=100)
                (target / folder / f"{v.ref(entity_id)}.yml").write_text(text, encoding="utf-8")


def _link(entity: Entity, here: str) -> str:
    up = "../" * here.count("/")
    return f"[{entity_title(entity)}]({up}{entity.folder}/{entity.id}.md)"


def _list(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items) + "\n"


def _card(c: Credential, catalog: Catalog, here: str) -> str:
    kinds = ", ".join(label(k) for k in c.artifact_kinds)
    return (f"### {_link(c, here)}\n\n{catalog.categories[c.category].title}\n\n{c.summary}\n\n"
            f"Evidence: {kinds}; time: about {c.estimated_hours:g} hours\n")


def _cards(credentials: list[Credential], catalog: Catalog, here: str) -> str:
    return "\n".join(_card(c, catalog, here) for c in credentials)


def _credential(c: Credential, catalog: Catalog, graph: Graph, here: str) -> str:
    links = graph.links[c.id]
    parts = [f"# {c.title}\n", c.summary + "\n", _list([
        f"Category: {_link(catalog.categories[c.category], here)}",
        f"Estimated time: {c.estimated_hours:g} hours",
        "For: " + ", ".join(label(a) for a in c.audience),
        "Evidence: " + ", ".join(label(k) for k in c.artifact_kinds),
        f"Issuer: {_link(catalog.issuers[c.issuer], here)}",
        f"Version: {c.version}, reviewed {c.last_reviewed.isoformat()}"]),
        "[Earn this credential](https://example.org/earn) on the issuer's site, where you submit "
        "your evidence\n",
        "This page describes the credential in the catalog's own words, and its time, audience and "
        "standards are the catalog's own judgements: submit through the issuer, whose requirements "
        "are the official ones.\n",
        "## At a glance\n", _list([f"**{a.question}** {a.answer} [{a.link}](#{a.anchor})"
                                   for a in at_a_glance(graph, c)])]
    if links.stacks or links.pathways:
        parts.append("## Part of\n")
        parts.append(_list([f"Stack: {_link(s, here)}" for s in links.stacks]
                           + [f"{_link(p.pathway, here)}: step {p.step} of {p.total}"
                              for p in links.pathways]))
    suggestions, starts = graph.next_up[c.id], starting_point(c, graph)
    if suggestions or starts:
        parts += ["## What to earn next\n", f"Good first credential: {starts}\n" if starts else "",
                  "In the order the catalog's pathways and stacks suggest:\n", "\n".join(
                      f"{i}. {_link(n.credential, here)}: "
                      + (f"step {n.place.step + 1} of {n.place.total} in the pathway "
                         f"{_link(n.place.pathway, here)}" if n.place
                         else f"in the stack {_link(n.stack, here)}")
                      for i, n in enumerate(suggestions, 1)) + "\n"]
    parts += ["## Competency\n", c.competency + "\n", "## Key method\n", c.key_method + "\n",
              "## Method components\n",
              "\n".join(f"{i}. **{m.name}.** {m.explanation}"
                        for i, m in enumerate(c.method_components, 1)) + "\n",
              "## Supporting rationale\n", c.rationale + "\n"]
    if c.resources:
        parts += ["## Resources\n", _list([
            f"[{catalog.resources[r].title}]({catalog.resources[r].url}). "
            f"{catalog.resources[r].summary}" for r in c.resources])]
    parts += ["## What to submit\n", "### Overview questions\n", "\n".join(
        f"{i}. {q.prompt} ({q.word_limit}-word limit)"
        for i, q in enumerate(c.submission.overview_questions, 1)) + "\n"]
    for i, part in enumerate(c.submission.evidence, 1):
        parts += [f"### Part {i}: {part.name}\n", part.instructions + "\n",
                  "Accepted evidence: " + ", ".join(label(k) for k in part.artifact_kinds) + ".\n",
                  "| Level | Outcome | What the reviewer looks for in your evidence |",
                  "|---|---|---|"]
        parts += [f"| {lv.level} | {'Earns the credential' if lv.passing else 'Revise and resubmit'}"
                  f" | {' '.join(' '.join(cr.split()) for cr in lv.criteria)} |"
                  for lv in part.scoring_guide]
        parts.append("")
    if c.submission.reflection:
        parts += ["### Reflection\n", _list(list(c.submission.reflection))]
    if links.related:
        parts += ["## Related credentials\n", _cards(links.related, catalog, here)]
    parts += ["## Standards for Professional Learning\n",
              "Which standards this credential supports, and why, is this catalog's own judgement, "
              "not the issuer's or the standards' authors'.\n",
              _list([f"{_link(catalog.standards[a.standard], here)}: {a.reason}" for a in c.standards])]
    parts += ["## Recognition and eligibility\n", _list([
        f"Eligible under the rule reported for {_link(r.recognizer, here)}; see its page for what "
        "the program offers" if r.basis == "rule" else f"Named by {_link(r.recognizer, here)}"
        for r in links.recognitions]) if links.recognitions else
        "No recognizer in this catalog names this credential or has a rule that covers it yet.\n"]
    if c.changelog:
        parts += ["## History\n", _list([f"Version {e.version} ({e.date.isoformat()}): {e.summary}"
                                         for e in c.changelog])]
    parts += ["**Embed this on your website.** Copy this snippet into a page of your district's "
              "website. The frame shows this credential in this catalog's look, resizes itself to its "
              "content, sets no cookies and loads nothing from any other site.\n",
              f'    <iframe src="https://example.org/embed/credentials/{c.id}/" title="{c.title}" '
              'width="100%" height="480"></iframe>\n']
    return "\n".join(parts)


def _entity_page(entity: Entity, catalog: Catalog, graph: Graph, here: str) -> str:
    if isinstance(entity, Credential):
        return _credential(entity, catalog, graph, here)
    data = entity.model_dump(exclude={"id"}, mode="json")
    parts = [f"# {entity_title(entity)}\n"]
    for key, value in data.items():
        if isinstance(value, str) and key not in ("title", "name"):
            parts.append(value + "\n")
    folder = entity.folder
    credentials: list[Credential] = []
    if folder == "categories":
        credentials = graph.by_category.get(entity.id, [])
    elif folder == "standards":
        credentials = graph.by_standard.get(entity.id, [])
    elif folder == "issuers":
        credentials = graph.by_issuer.get(entity.id, [])
    elif folder == "stacks":
        credentials = [catalog.credentials[c] for c in entity.credentials]  # type: ignore[attr-defined]
    elif folder == "pathways":
        for i, step in enumerate(entity.steps, 1):  # type: ignore[attr-defined]
            parts.append(f"## Step {i} ({step.requirement})\n")
            parts.append(_list([f"{_link(catalog.credentials[c], here)}: "
                                f"{catalog.credentials[c].summary}" for c in step.credentials]
                               or [_link(catalog.pathways[step.pathway], here)]))
    elif folder == "recognizers":
        parts += ["## Credentials it covers\n", "| Credential | Category | Basis |", "|---|---|---|"]
        parts += [f"| {_link(r.credential, here)} | {catalog.categories[r.credential.category].title} | "
                  f"{'Eligible under its rule' if r.basis == 'rule' else 'Listed by name'} |"
                  for r in graph.recognized[entity.id]]
        parts.append("")
    if credentials:
        parts += ["## Credentials\n", _cards(credentials, catalog, here)]
    return "\n".join(parts)


def _index_page(folder: str, catalog: Catalog, graph: Graph) -> str:
    here = f"{folder}/index.md"
    parts = [f"# {sections()[folder]}\n"]
    if folder == "credentials":
        for category in catalog.categories.values():
            parts += [f"## {category.number}. {category.title}\n",
                      _cards(graph.by_category.get(category.id, []), catalog, here)]
    else:
        parts.append(_list([f"{_link(e, here)}: {getattr(e, 'summary', '') or ''}".replace("\n", " ")
                            for e in catalog.entities[folder].values()]))
    return "\n".join(parts)


def _planning(catalog: Catalog) -> str:
    parts = ["# Planning a micro-credential pilot\n"]
    for phase in catalog.phases.values():
        parts += [f"## {phase.number}. {phase.title}\n", f"**Goal:** {phase.goal}\n",
                  phase.summary + "\n", "### Big questions\n",
                  _list([f"**{q.question}** {q.guidance}" for q in phase.big_questions]),
                  "### Tasks\n", _list([f"**{t.title}.** {t.description}" for t in phase.tasks])]
    parts += ["## Resource library\n", _list([f"[{r.title}]({r.url}): {r.summary}"
                                               for r in sorted(catalog.resources.values(),
                                                               key=lambda r: r.title)])]
    return "\n".join(parts)


def write_plain(catalog_dir: Path, docs: Path) -> None:
    """Write the pages the catalog would generate as plain Markdown files under ``docs``."""
    catalog = load_catalog(catalog_dir)
    graph = build_graph(catalog)
    for folder in sections():
        (docs / folder).mkdir(parents=True, exist_ok=True)
        (docs / folder / "index.md").write_text(_index_page(folder, catalog, graph), encoding="utf-8")
        for entity_id, entity in catalog.entities[folder].items():
            here = f"{folder}/{entity_id}.md"
            (docs / here).write_text(_entity_page(entity, catalog, graph, here), encoding="utf-8")
    (docs / "planning").mkdir(exist_ok=True)
    (docs / "planning" / "index.md").write_text(_planning(catalog), encoding="utf-8")


def _mkdocs_yml(plugin: bool) -> str:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("custom_dir: overrides", f"custom_dir: {REPO / 'overrides'}")
    if not plugin:
        text = re.sub(r"\n  - credential-catalog:\n(?:      .*\n)+", "\n", text)
    return text


def write_projects(n: int, root: Path) -> tuple[Path, Path]:
    """Two MkDocs projects for ``n`` credentials: ``root/catalog`` and ``root/plain``."""
    projects = []
    for name, plugin in (("catalog", True), ("plain", False)):
        project = root / name
        if project.exists():
            shutil.rmtree(project)
        shutil.copytree(REPO / "docs", project / "docs")
        shutil.copytree(REPO / FORMS_DIR, project / FORMS_DIR)  # the guides link to the issue forms
        (project / "mkdocs.yml").write_text(_mkdocs_yml(plugin), encoding="utf-8")
        if not plugin:  # the home page's template comes with the plugin
            home = project / "docs" / "index.md"
            home.write_text(re.sub(r"^template: .*\n", "", home.read_text(encoding="utf-8"), flags=re.M),
                            encoding="utf-8")
        projects.append(project)
    write_catalog(n, projects[0] / "catalog")
    write_plain(projects[0] / "catalog", projects[1] / "docs")
    return projects[0], projects[1]
