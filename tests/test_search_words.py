"""The catalog's search word lists (catalog/search/): validated at file:line:col like every file,
and applied alike to the index (a group's term beside each entry) and to what a visitor types."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from credential_catalog.graph import build_graph
from credential_catalog.loader import load_catalog
from credential_catalog.models import SearchWords
from credential_catalog.problems import CatalogError
from credential_catalog.search import INDEX_DIR, STORE_URI, build_index, ordered, sharded_search
from credential_catalog.terms import vocabulary

from .conftest import run_build

Write = Callable[[str, str], Path]

WORDS = """\
title: Test words
synonyms:
  - [inquiry, investigation, ask questions]
  - [claim, thesis]
filler: [don't]
"""


def problems(tiny: Path) -> list[str]:
    with pytest.raises(CatalogError) as info:
        load_catalog(tiny / "catalog")
    return [str(p) for p in info.value.problems]


def test_a_valid_list_loads(tiny: Path, write: Write) -> None:
    write("search/words.yml", WORDS)
    [words] = load_catalog(tiny / "catalog").of(SearchWords).values()
    assert words.synonyms[0] == ["inquiry", "investigation", "ask questions"]


def test_entries_are_checked_where_they_are(tiny: Path, write: Write) -> None:
    write("search/words.yml", """\
title: Test words
synonyms:
  - [inquiry, investigation]
  - [Inquiry Based, x]
  - [alone]
filler: [don't, well-being]
""")
    assert problems(tiny) == [
        "catalog/search/words.yml:4:6: synonyms[1][0]: 'Inquiry Based' is not a word or phrase as "
        "search reads it: up to four lowercase words (letters and digits, joined inside by ' or -) "
        "with single spaces",
        "catalog/search/words.yml:5:5: synonyms[2]: needs at least 2 items",
        "catalog/search/words.yml:6:17: filler[1]: 'well-being' is not a single word as search "
        "reads it: lowercase letters and digits, joined inside by ' (like don't)",
    ]


def test_entries_search_could_not_tell_apart_are_refused(tiny: Path, write: Write) -> None:
    write("search/words.yml", """\
title: Test words
synonyms:
  - [inquiry, investigation, investigate]
  - [questions, investigations]
  - [of the, solo]
filler: [struggle, struggling]
""")
    assert problems(tiny) == [
        "catalog/search/words.yml:3:30: synonyms[0][2]: 'investigate' is searched as "
        "'investigation', already in this group: every form of a word is found, leave this one out",
        "catalog/search/words.yml:4:17: synonyms[1][1]: 'investigations' is searched as "
        "'investigation', which is in group 1: merge the groups or leave one out",
        "catalog/search/words.yml:5:6: synonyms[2][0]: 'of the' is only stop words, which search "
        "leaves out",
        "catalog/search/words.yml:6:20: filler[1]: 'struggling' is left out as 'struggle' already is",
    ]


def test_keywords_search_could_not_find_are_refused(tiny: Path) -> None:
    path = tiny / "catalog" / "credentials" / "asking-questions.yml"
    path.write_text(path.read_text().replace("keywords: [student curiosity, inquiry]",
                                             "keywords: [student curiosity, not yet, inquiry, inquiries]"))
    assert problems(tiny) == [
        "catalog/credentials/asking-questions.yml:40:31: keywords[1]: 'not yet' is only stop words, "
        "which search leaves out: say it another way",
        "catalog/credentials/asking-questions.yml:40:49: keywords[3]: 'inquiries' is searched as an "
        "earlier keyword"]


def test_filler_words_are_checked_against_the_synonyms(tiny: Path, write: Write) -> None:
    write("search/words.yml", WORDS.replace("filler: [don't]", "filler: [inquiries, the, it's, don't]"))
    assert problems(tiny) == [
        "catalog/search/words.yml:5:10: filler[0]: 'inquiries' is also a synonym: a filler word is "
        "left out of every query",
        "catalog/search/words.yml:5:21: filler[1]: 'the' is already a stop word",
        "catalog/search/words.yml:5:26: filler[2]: \"it's\" is already a stop word",
    ]


def test_two_lists_cannot_share_an_entry(tiny: Path, write: Write) -> None:
    write("search/a.yml", WORDS)
    write("search/b.yml", "title: More words\nsynonyms:\n  - [thesis, argument]\n")
    assert problems(tiny) == [
        "catalog/search/b.yml:3:6: synonyms[0][0]: 'thesis' is searched as 'thesis', which is in "
        "group 2 of 'a': merge the groups or leave one out"]


def test_each_entry_adds_its_groups_term_to_the_index(tiny: Path) -> None:
    catalog = load_catalog(tiny / "catalog")
    words = vocabulary([SearchWords(id="words", title="Words", synonyms=[
        ["investigate", "probe"], ["present a claim", "make a case"]])])
    credentials = ordered(catalog)
    inverted = dict(build_index(credentials, words)["invertedIndex"])
    titles = [c.title for c in credentials]

    def documents(term: str) -> set[str]:
        return {titles[int(ref)] for field in ("title", "summary", "body") for ref in inverted[term][field]}

    # "investigated", "investigate": every form of an entry; "present a claim": a phrase, its stop
    # word left out as the text's are.
    assert documents("~investig") == documents("investig") == {"Asking Questions"}
    assert documents("~present_claim") == {"Speaking Up"}
    assert "~probe" not in inverted and "~make_case" not in inverted  # a group has one term


def test_synonyms_and_filler_words_reach_the_browse_page(tiny: Path, write: Write) -> None:
    write("search/words.yml", WORDS)
    site = run_build(tiny)
    store = json.loads((site / STORE_URI).read_text(encoding="utf-8"))
    header = store["search"]
    assert header["filler"] == ["don't"]
    assert {"inquiri", "ask question"} <= set(header["synonyms"]["~inquiri"])

    def found(text: str) -> list[str]:
        return _found(site, store, text)

    assert found("thesis") == found("claim") == ["speaking-up"]  # the fixture says "claim"
    assert "asking-questions" in found("inquiry")  # which says "investigated"
    assert found("students don't investigate") == found("investigate")


NEEDS = """\
title: Test needs
needs:
  - need: kids bluff their answers
    credentials: [weighing-evidence, speaking-up]
"""


def test_a_need_finds_the_credentials_it_names(tiny: Path, write: Write) -> None:
    site = run_build(tiny)
    store = json.loads((site / STORE_URI).read_text(encoding="utf-8"))
    assert not _found(site, store, "bluffing")  # no credential of the fixture says it
    write("search/needs.yml", NEEDS)
    site = run_build(tiny)
    store = json.loads((site / STORE_URI).read_text(encoding="utf-8"))
    assert sorted(_found(site, store, "bluffing")) == ["speaking-up", "weighing-evidence"]
    assert "~" not in json.dumps(store["search"])  # needs are in the index, not in the store


def _found(site: Path, store: dict[str, Any], text: str) -> list[str]:
    ranking = sharded_search(store["search"], lambda n: json.loads(
        (site / INDEX_DIR / f"{n}.json").read_text(encoding="utf-8")), text, len(store["ids"]))
    return [store["ids"][int(hit.ref)] for hit in ranking.shown]


def test_needs_are_checked_where_they_are(tiny: Path, write: Write) -> None:
    write("search/needs.yml", """\
title: Test needs
needs:
  - need: why? nobody knows
    credentials: []
""")
    assert problems(tiny) == [
        "catalog/search/needs.yml:3:11: needs[0].need: 'why? nobody knows' is not a need as search "
        "reads it: up to nine words (letters and digits, joined inside by ' or -) with single "
        "spaces and no other punctuation",
        "catalog/search/needs.yml:4:18: needs[0].credentials: needs at least 1 item",
    ]
    write("search/needs.yml", """\
title: Test needs
needs:
  - need: kids bluff their answers
    credentials: [weighing-evidence, weighting-evidence]
  - need: Kids bluff the answers
    credentials: [speaking-up]
  - need: what is it
    credentials: [speaking-up, speaking-up]
""")
    assert problems(tiny) == [
        "catalog/search/needs.yml:4:38: needs[0].credentials[1]: unknown credential "
        "'weighting-evidence' (did you mean 'weighing-evidence'?)",
        "catalog/search/needs.yml:5:11: needs[1].need: 'Kids bluff the answers' is searched as "
        "'kids bluff their answers': add its credentials there instead",
        "catalog/search/needs.yml:7:11: needs[2].need: 'what is it' is only stop words, which "
        "search leaves out: say it another way",
        "catalog/search/needs.yml:8:32: needs[2].credentials[1]: 'speaking-up' is listed twice",
    ]


def test_the_graph_and_pages_need_no_word_list(tiny: Path) -> None:
    catalog = load_catalog(tiny / "catalog")
    assert not catalog.of(SearchWords)
    assert build_graph(catalog).next_up
