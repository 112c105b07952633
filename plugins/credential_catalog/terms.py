"""Words as the browse page's search sees them, the same at index time (search.py, with lunr.py) and
at query time (search.py, and browse.js, which mirrors each function here).

A text is split where lunr splits it (spaces and hyphens), each word loses its leading and trailing
punctuation (ASCII punctuation, as JavaScript's ``\\W`` sees it) and a possessive 's, stop words go
and the rest are stemmed. The catalog's search word lists (``catalog/search/``) add two things:
each synonym group is one more index term, ``~`` and its first entry's stems, added wherever an
entry of the group occurs in a text and searched for whenever a reader types one; and filler words
are left out of queries. Needs in teachers' words are indexed with each credential they name, in a
field of their own.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from lunr.stemmer import PorterStemmer
from lunr.stop_word_filter import WORDS as STOP_WORDS

from .models import Credential, SearchWords

SYNONYM_MARK = "~"
_APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'"})
_EDGES = re.compile(r"^\W+|\W+$", re.ASCII)
_SEPARATORS = re.compile(r"[ \t\n\r\f\v\xa0-]+")
"""Where lunr.py's tokenizer splits a text."""

Path_ = tuple[str | int, ...]


def trim(word: str) -> str:
    """A word without its leading and trailing punctuation, and without a possessive 's
    ("student's" is "student")."""
    word = _EDGES.sub("", word)
    return word[:-2] if word.endswith("'s") else word


class _Stemmer(PorterStemmer):  # type: ignore[misc]
    """lunr.py's Porter stemmer with lunr.js's step 1c, so that an index built here answers the
    stems browse.js looks up: a final y becomes i exactly when it follows a consonant that is not
    the word's first letter ("try" to "tri", while "survey" and "play" stay); lunr.py's rule made
    "survei" and kept "try"."""

    def step1c(self) -> None:
        if self.ends("y") and self.j > self.k0 and self.b[self.j] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1:]


_STEMMER = _Stemmer()


@cache
def stem(word: str) -> str:
    return str(_STEMMER.stem(word))


def words(text: str) -> list[tuple[str, str]]:
    """Each word of ``text`` that search keeps, as typed (trimmed, lowercase) and stemmed."""
    trimmed = (trim(piece) for piece in _SEPARATORS.split(text.lower().translate(_APOSTROPHES)))
    return [(word, stem(word)) for word in trimmed if word and word not in STOP_WORDS]


def stems(text: str) -> tuple[str, ...]:
    return tuple(s for _, s in words(text))


@dataclass(frozen=True)
class Vocabulary:
    """The search word lists, ready to apply: each synonym entry's stems with its group's index term,
    the stems of the filler words, and the needs that name each credential."""

    phrases: dict[tuple[str, ...], str]
    filler: frozenset[str]
    needs: dict[str, list[str]] = field(default_factory=dict)

    @cached_property
    def _starts(self) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        starts: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key, term in self.phrases.items():
            starts.setdefault(key[0], []).append((key, term))
        return starts

    def index_terms(self, text: str) -> list[str]:
        """What the index holds for ``text``: the stem of each word search keeps, each followed by
        the term of every synonym group with an entry starting there."""
        found = [stemmed for _, stemmed in words(text)]
        terms: list[str] = []
        for i, stemmed in enumerate(found):
            terms.append(stemmed)
            for key, term in self._starts.get(stemmed, ()):
                if len(key) == 1 or tuple(found[i:i + len(key)]) == key:
                    terms.append(term)
        return terms

    def rules(self) -> dict[str, Any]:
        """What browse.js needs of it, in the store's header: each group's index term with its
        entries, each entry's stems joined by spaces."""
        groups: dict[str, list[str]] = {}
        for key, term in self.phrases.items():
            groups.setdefault(term, []).append(" ".join(key))
        return {"synonyms": groups, "filler": sorted(self.filler)}


def group_term(entries: list[str]) -> str:
    return SYNONYM_MARK + "_".join(stems(entries[0]))


def vocabulary(lists: list[SearchWords]) -> Vocabulary:
    phrases: dict[tuple[str, ...], str] = {}
    filler: set[str] = set()
    needs: dict[str, list[str]] = {}
    for words_list in sorted(lists, key=lambda w: w.id):
        for group in words_list.synonyms:
            term = group_term(group)
            for entry in group:
                phrases.setdefault(stems(entry), term)
        filler.update(stemmed for word in words_list.filler for stemmed in stems(word))
        for need in words_list.needs:
            for credential in need.credentials:
                needs.setdefault(credential, []).append(need.need)
    return Vocabulary(phrases, frozenset(filler), needs)


def problems(lists: list[SearchWords]) -> Iterator[tuple[SearchWords, Path_, str]]:
    """Entries search could never match, entries it reads as another (two forms of one word, or
    the same word in two groups), filler words it could not leave out, and needs search reads as
    nothing or as an earlier one."""
    ordered = sorted(lists, key=lambda w: w.id)
    seen: dict[tuple[str, ...], tuple[str, int, str]] = {}
    for words_list in ordered:
        for g, group in enumerate(words_list.synonyms):
            for e, entry in enumerate(group):
                key = stems(entry)
                if not key:
                    yield words_list, ("synonyms", g, e), (
                        f"{entry!r} is only stop words, which search leaves out")
                    continue
                first = seen.setdefault(key, (words_list.id, g, entry))
                if first == (words_list.id, g, entry):
                    continue
                if first[:2] == (words_list.id, g):
                    yield words_list, ("synonyms", g, e), (
                        f"{entry!r} is searched as {first[2]!r}, already in this group: every form "
                        "of a word is found, leave this one out")
                else:
                    where = "" if first[0] == words_list.id else f" of {first[0]!r}"
                    yield words_list, ("synonyms", g, e), (
                        f"{entry!r} is searched as {first[2]!r}, which is in group {first[1] + 1}"
                        f"{where}: merge the groups or leave one out")
    left_out: dict[str, str] = {}
    for words_list in ordered:
        for f, word in enumerate(words_list.filler):
            key = stems(word)
            if not key:
                yield words_list, ("filler", f), f"{word!r} is already a stop word"
                continue
            if key[0] in left_out:
                yield words_list, ("filler", f), (
                    f"{word!r} is left out as {left_out[key[0]]!r} already is")
                continue
            left_out[key[0]] = word
            if key in seen:
                yield words_list, ("filler", f), (
                    f"{word!r} is also a synonym: a filler word is left out of every query")
    needs: dict[tuple[str, ...], str] = {}
    for words_list in ordered:
        texts = [need.need for need in words_list.needs]
        for n, earlier in _unreadable_or_repeated(texts, needs):
            yield words_list, ("needs", n, "need"), (
                f"{texts[n]!r} {ONLY_STOP_WORDS}" if earlier is None
                else f"{texts[n]!r} is searched as {earlier!r}: add its credentials there instead")


def keyword_problems(credentials: list[Credential]) -> Iterator[tuple[Credential, Path_, str]]:
    """Keywords search could never match, and a keyword listed twice."""
    for credential in credentials:
        for k, earlier in _unreadable_or_repeated(credential.keywords, {}):
            keyword = credential.keywords[k]
            yield credential, ("keywords", k), (
                f"{keyword!r} {ONLY_STOP_WORDS}" if earlier is None
                else f"{keyword!r} is searched as an earlier keyword")


ONLY_STOP_WORDS = "is only stop words, which search leaves out: say it another way"


def _unreadable_or_repeated(texts: list[str], seen: dict[tuple[str, ...], str]
                            ) -> Iterator[tuple[int, str | None]]:
    """The texts search reads as nothing (with None) or as one already in ``seen`` (with that
    one); each other text joins ``seen``."""
    for i, text in enumerate(texts):
        key = stems(text)
        if not key:
            yield i, None
        elif key in seen:
            yield i, seen[key]
        else:
            seen[key] = text
