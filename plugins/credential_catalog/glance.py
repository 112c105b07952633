"""A credential "at a glance": the five questions an issuer answers before drafting a
micro-credential, each answered from the credential's data, with the part of its page that says more."""

import re
from dataclasses import dataclass

from .graph import Graph
from .models import Credential
from .vocabulary import count, label

SECTIONS = {"related": "Related credentials", "part-of": "Part of", "standards": "Standards"}
_MARKUP = re.compile(r"[*_`]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    anchor: str
    link: str


def _first_sentence(text: str, limit: int = 180) -> str:
    plain = " ".join(_MARKUP.sub("", text).split())
    first = _SENTENCE.split(plain, maxsplit=1)[0]
    return first if len(first) <= limit else first[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def at_a_glance(graph: Graph, credential: Credential) -> list[Answer]:
    links = graph.links[credential.id]
    submission = credential.submission
    kinds = _join([label(kind).lower() for kind in credential.artifact_kinds])
    passing = sorted({level.level for part in submission.evidence for level in part.scoring_guide
                      if level.passing})
    amounts = [count(len(submission.overview_questions), "overview question"),
               count(len(submission.evidence), "evidence part")]
    if submission.reflection:
        amounts.append(count(len(submission.reflection), "reflection prompt"))
    research = "The supporting rationale explains why the method works"
    if credential.resources:
        research += f", with {count(len(credential.resources), 'resource')} to read"
    related = [count(len(links.related), "related credential"), count(len(links.stacks), "stack"),
               count(len(links.pathways), "pathway")]
    where = "related" if links.related else "part-of" if links.stacks or links.pathways else "standards"
    return [
        Answer("What skill does it recognize?", _first_sentence(credential.competency),
               "competency", "Competency"),
        Answer("Can the skill be shown in evidence?",
               f"Yes: {kinds}, checked against a scoring guide.", "submission", "What to submit"),
        Answer("What supports the method?", research + ".", "rationale", "Supporting rationale"),
        Answer("How much evidence is enough?",
               f"{_join(amounts)}; a part passes at its {_join(passing)} level.", "evidence-1",
               "Scoring guides"),
        Answer("What goes with it?", f"{_join(related)}.", where, SECTIONS[where]),
    ]
