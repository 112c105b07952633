"""Controlled vocabularies: the allowed values, in display order, with their labels."""

from collections.abc import Iterable
from typing import Literal, get_args

ArtifactKind = Literal[
    "lesson-plan",
    "unit-plan",
    "project-plan",
    "student-work-samples",
    "student-reflections",
    "classroom-video",
    "audio-recording",
    "photographs",
    "observation-notes",
    "teacher-reflection",
    "peer-review",
    "self-assessment",
    "survey-results",
    "assessment-data",
]

Audience = Literal[
    "classroom-teacher",
    "special-educator",
    "instructional-coach",
    "librarian",
    "school-leader",
    "district-leader",
]

Status = Literal["active", "retired"]

Requirement = Literal["required", "recommended"]

ResourceType = Literal[
    "paper",
    "research",
    "case-study",
    "report",
    "guide",
    "tool",
    "video",
    "podcast",
    "slides",
    "sample",
    "website",
]

Phase = Literal["ready-to-plan", "ready-to-launch", "ready-to-implement"]

RecognizerKind = Literal["district", "state", "association", "union", "university"]

IssuerKind = Literal["nonprofit", "association", "university", "district", "state", "company"]

CatalogPage = Literal["browse", "stacks", "pathways", "recognizers", "plan", "embedding", "add-recognizer"]
"""Pages of the catalog a planning step can point to."""

Mark = Literal["book", "bulb", "people", "speech", "steps", "star", "compass", "leaf"]
"""The shapes a category's badges can carry; ``badges.MARKS`` draws each."""

LABELS: dict[str, str] = {
    "lesson-plan": "Lesson plan",
    "unit-plan": "Unit plan",
    "project-plan": "Project plan",
    "student-work-samples": "Student work samples",
    "student-reflections": "Student reflections",
    "classroom-video": "Classroom video",
    "audio-recording": "Audio recording",
    "photographs": "Photographs",
    "observation-notes": "Observation notes",
    "teacher-reflection": "Teacher reflection",
    "peer-review": "Peer review",
    "self-assessment": "Self-assessment",
    "survey-results": "Survey results",
    "assessment-data": "Assessment data",
    "classroom-teacher": "Classroom teacher",
    "special-educator": "Special educator",
    "instructional-coach": "Instructional coach",
    "librarian": "Librarian",
    "school-leader": "School leader",
    "district-leader": "District leader",
    "active": "Active",
    "retired": "Retired",
    "required": "Required",
    "recommended": "Recommended",
    "paper": "Paper",
    "research": "Research",
    "case-study": "Case study",
    "report": "Report",
    "guide": "Guide",
    "tool": "Tool",
    "video": "Video",
    "podcast": "Podcast",
    "slides": "Slide deck",
    "sample": "Sample",
    "website": "Website",
    "ready-to-plan": "Ready to plan",
    "ready-to-launch": "Ready to launch",
    "ready-to-implement": "Ready to implement",
    "district": "School district",
    "state": "State",
    "association": "Association",
    "union": "Education association",
    "university": "University",
    "nonprofit": "Nonprofit",
    "company": "Company",
    "browse": "Browse the credentials",
    "stacks": "Stacks",
    "pathways": "Pathways",
    "recognizers": "Recognizers",
    "plan": "My plan, which adds up the estimated hours of the credentials you pick",
    "embedding": "Embedding the catalog on your website",
    "add-recognizer": "Add your district as a recognizer",
}


def label(value: str) -> str:
    return LABELS.get(value, value.replace("-", " ").capitalize())


def labels(values: Iterable[str]) -> str:
    """``Lesson plan, Peer review``: the labels of ``values``, in their order."""
    return ", ".join(label(value) for value in values)


def count(value: float, noun: str) -> str:
    """``3 credentials``, ``1 credential``, ``0 credentials``, ``1.5 hours``."""
    number = f"{value:g}"
    return f"{number} {noun}" if number == "1" else f"{number} {noun}s"


def hours(value: float) -> str:
    return count(value, "hour")


def values(vocabulary: object) -> tuple[str, ...]:
    return get_args(vocabulary)
