"""A retired credential keeps its page, marked retired, linking to its successor."""

import re
from collections.abc import Callable
from pathlib import Path

from .conftest import run_build

RETIRED = """\
title: Old Questions
category: thinking
summary: Students list questions about a topic.
competency: The educator asks students to list questions.
key_method: Students brainstorm questions.
method_components:
  - name: Brainstorm
    explanation: Students list questions.
rationale: Questions start an inquiry.
submission:
  overview_questions:
    - prompt: Describe your class.
      word_limit: 100
  evidence:
    - name: Question list
      instructions: Submit one list.
      artifact_kinds: [student-work-samples]
      scoring_guide:
        - level: Passing
          passing: true
          criteria: [The list has questions.]
        - level: Not yet
          passing: false
          criteria: [No list.]
standards: [{standard: data, reason: The question lists were data about each student.}]
audience: [classroom-teacher]
estimated_hours: 4
issuer: acme-institute
version: "1.0"
last_reviewed: 2026-03-01
status: retired
successor: asking-questions
changelog:
  - version: "1.0"
    date: 2026-03-01
    summary: Retired in favour of Asking Questions.
ctid: ce-3f6d2b9a-71c4-4e0a-9b25-8c1d7e4f6a03
"""


def test_retired_credential_page_links_its_successor(
        tiny: Path, write: Callable[[str, str], Path]) -> None:
    write("credentials/old-questions.yml", RETIRED)
    site = run_build(tiny)

    html = (site / "credentials" / "old-questions" / "index.html").read_text(encoding="utf-8")
    notice = re.search(r'<div class="admonition warning cc-retired" role="note">.*?</div>', html, re.S)
    assert notice is not None
    assert "This credential is retired" in notice.group(0)
    assert 'Its successor is <a href="../asking-questions/">Asking Questions</a>.' in notice.group(0)
    assert "Version 1.0 (<time datetime=\"2026-03-01\">2026-03-01</time>): Retired in favour of" in html

    successor = (site / "credentials" / "asking-questions" / "index.html").read_text(encoding="utf-8")
    assert 'Replaces the retired credential <a href="../old-questions/">Old Questions</a>.' in successor
    active = (site / "credentials" / "speaking-up" / "index.html").read_text(encoding="utf-8")
    assert "cc-retired" not in active
