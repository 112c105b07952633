"""A commented YAML skeleton for a new credential."""

from collections.abc import Sequence

from .ids import id_problem
from .printing import shown

SKELETON = """\
# yaml-language-server: $schema=../schemas/credentials.schema.json
# A new micro-credential. Replace every TODO; `make validate` lists what is left.
# Text fields take plain sentences with *emphasis*, **strong**, `code` and lists; no HTML or links
# (add a file to catalog/resources/ and list its id under `resources` instead).

ctid: {ctid}  # assigned once; never edit it (registries know the credential by it)
title: TODO Title as it appears on the badge
category: {category}
summary: TODO One line that says what the educator does and why it matters.
keywords: []  # up to 16 lowercase words or short phrases a teacher would search for (authoring guide)
competency: >-
  TODO The one skill the educator demonstrates, observable in classroom evidence.
key_method: >-
  TODO The method the educator uses to show the competency.
method_components:  # in the order an educator would do them
  - name: TODO First component
    explanation: >-
      TODO What this step involves in a real classroom.
rationale: >-
  TODO Why this method helps students learn, in plain words.
resources: []  # ids from catalog/resources/
submission:
  overview_questions:
    - prompt: TODO A question about the context the educator works in.
      word_limit: 300
  evidence:
    - name: TODO Name of the evidence part
      instructions: >-
        TODO Exactly what to submit.
      artifact_kinds: [student-work-samples]  # lesson-plan, classroom-video, observation-notes ...
      scoring_guide:  # highest level first; criteria a reviewer can check in the artifact
        - level: Passing
          passing: true
          criteria:
            - TODO Something a reviewer can see in the artifact.
        - level: Not yet
          passing: false
          criteria:
            - TODO What is missing or unclear when the evidence does not pass.
  reflection:
    - TODO A prompt that asks what changed for students.
related: []  # ids of credentials an educator would earn alongside this one
standards:  # which standards this credential's work supports, and why: the catalog's own judgement
  - standard: TODO-standard-id  # {standards}
    reason: TODO One sentence in the catalog's words on why earning it supports that standard.
audience: [classroom-teacher]
estimated_hours: 10
issuer: {issuer}
version: "1.0"
last_reviewed: {today}
status: active
"""


def skeleton(credential_id: str, category: str, issuer: str, today: str, ctid: str,
             standards: Sequence[str] = ()) -> str:
    problem = id_problem(credential_id)
    if problem is not None:
        raise ValueError(f"{shown(credential_id)} {problem}")
    choices = (f"one of: {', '.join(standards)}" if standards
               else "an id from catalog/standards/")
    return SKELETON.format(category=category, issuer=issuer, today=today, ctid=ctid, standards=choices)
