"""Where to start and what to earn next: good first credentials (the graph, a facet, a card badge)
and each credential page's ordered suggestions from its pathways and stacks."""

import json
import re
from pathlib import Path

from credential_catalog.catalog import Catalog
from credential_catalog.graph import NEXT_SUGGESTIONS, build_graph
from credential_catalog.loader import load_catalog
from credential_catalog.search import STORE_URI

from .conftest import ROOT, TINY


def _suggested(catalog: Catalog, cid: str) -> list[tuple[str, str]]:
    return [(s.credential.id, s.place.pathway.id if s.place else s.stack.id if s.stack else "")
            for s in build_graph(catalog).next_up[cid]]


def test_pathway_steps_come_first_then_the_stacks_in_their_order() -> None:
    catalog = load_catalog(TINY / "catalog")
    # Starter Pathway and stack Inquiry: asking-questions, weighing-evidence, speaking-up.
    assert _suggested(catalog, "asking-questions") == [("weighing-evidence", "starter"),
                                                       ("speaking-up", "inquiry")]
    assert _suggested(catalog, "weighing-evidence") == [("speaking-up", "starter"),
                                                        ("asking-questions", "inquiry")]
    assert _suggested(catalog, "speaking-up") == [("asking-questions", "inquiry"),
                                                  ("weighing-evidence", "inquiry")]


def test_good_first_credentials_start_a_pathway_or_are_short_and_come_after_no_step() -> None:
    catalog = load_catalog(TINY / "catalog")
    # asking-questions starts the pathway; speaking-up is the shortest (6 hours) but is its step 3.
    assert build_graph(catalog).good_first == {"asking-questions": catalog.pathways["starter"]}
    steps = catalog.pathways["starter"].steps
    catalog.pathways["starter"] = catalog.pathways["starter"].model_copy(update={"steps": steps[:2]})
    first = build_graph(catalog).good_first
    assert set(first) == {"asking-questions", "speaking-up"} and first["speaking-up"] is None


def test_retired_credentials_are_neither_first_nor_next() -> None:
    catalog = load_catalog(TINY / "catalog")
    for cid in ("asking-questions", "speaking-up"):
        catalog.credentials[cid] = catalog.credentials[cid].model_copy(update={"status": "retired"})
    graph = build_graph(catalog)
    assert graph.good_first == {}
    assert _suggested(catalog, "weighing-evidence") == []


def test_real_catalog_suggestions_are_few_active_and_never_the_credential_itself() -> None:
    catalog = load_catalog(ROOT / "catalog")
    graph = build_graph(catalog)
    for cid, suggestions in graph.next_up.items():
        ids = [s.credential.id for s in suggestions]
        assert cid not in ids and len(set(ids)) == len(ids) <= NEXT_SUGGESTIONS, cid
        places = [s for s in suggestions if s.place]
        assert suggestions[:len(places)] == places, cid  # pathway steps before stacks
    assert graph.next_up["belonging-and-caring"][0].credential.id == "active-listening"
    assert 3 <= len(graph.good_first) < len(catalog.credentials) / 2


def test_the_pages_show_both(built: Path) -> None:
    page = (built / "credentials" / "weighing-evidence" / "index.html").read_text(encoding="utf-8")
    start = page.index('<section class="cc-next"')
    section = page[start:page.index("</section>", start)]
    items = [" ".join(re.sub(r"<[^>]+>", " ", item).split())
             for item in re.findall(r"<li>(.*?)</li>", section, re.DOTALL)]
    assert items == ["Speaking Up : step 3 of 3 in the pathway Starter Pathway",
                     "Asking Questions : in the stack Inquiry"]
    assert "Good first credential" not in section
    first = (built / "credentials" / "asking-questions" / "index.html").read_text(encoding="utf-8")
    assert "It is the first step of the pathway Starter Pathway." in first
    listing = (built / "credentials" / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r'<article class="cc-card[^"]*" data-credential="([a-z-]+)">(.*?)</article>',
                       listing, re.DOTALL)
    assert [cid for cid, card in cards if "cc-badge--first" in card] == ["asking-questions"]
    store = json.loads((built / STORE_URI).read_text(encoding="utf-8"))
    start = store["facets"]["start"]
    assert start["values"] == [["good-first", "Good first credential"]]
    assert [store["ids"][i] for i, slots in enumerate(start["docs"]) if slots] == ["asking-questions"]
    assert store["hours"] == [8, 6, 10]
