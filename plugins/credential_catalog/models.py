"""The catalog's data model: one pydantic class per kind of YAML file in ``catalog/``."""

import datetime as dt
import re
from typing import Annotated, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from .colors import contrast
from .text import Line, Prose
from .vocabulary import (
    ArtifactKind,
    Audience,
    CatalogPage,
    IssuerKind,
    Mark,
    Phase,
    RecognizerKind,
    Requirement,
    ResourceType,
    Status,
)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
VERSION_PATTERN = r"^\d+\.\d+(?:\.\d+)?$"
URL_PATTERN = r"^https?://[^\s<>\"'`]+$"
COLOR_PATTERN = r"^#[0-9a-f]{6}$"
CTID_PATTERN = r"^ce-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
"""A reference to another entity: lowercase kebab-case ASCII, the target file's stem."""

Version = Annotated[str, StringConstraints(pattern=VERSION_PATTERN)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN, max_length=500)]
Ctid = Annotated[str, StringConstraints(pattern=CTID_PATTERN), Field(
    description="Credential Transparency Identifier: 'ce-' and a lowercase UUID version 4, assigned "
                "once (credential-catalog ctids) and never changed")]


def _dark_enough(value: str) -> str:
    if contrast(value, "#ffffff") < 4.5:
        raise ValueError(f"{value} is too light: white text on it needs a contrast of at least 4.5:1 "
                         f"(it has {contrast(value, '#ffffff'):.1f}:1)")
    return value


Color = Annotated[str, StringConstraints(pattern=COLOR_PATTERN), AfterValidator(_dark_enough)]
"""A badge colour, ``#rrggbb`` in lowercase, dark enough for white text."""


def version_key(version: str) -> tuple[int, ...]:
    parts = tuple(int(p) for p in version.split("."))
    return parts + (0,) * (3 - len(parts))


def is_valid_id(value: str) -> bool:
    return re.fullmatch(ID_PATTERN, value) is not None



class FieldError(ValueError):
    """A rule that spans fields, reported at the one named (or, if it is absent, its parent)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Entity(Model):
    """A catalog entity stored as ``catalog/<folder>/<id>.yml``; ``id`` is the file stem."""

    folder: ClassVar[str]
    id: str = Field(default="", exclude=True, json_schema_extra={"readOnly": True})


class MethodComponent(Model):
    name: Line
    explanation: Prose


class OverviewQuestion(Model):
    prompt: Prose
    word_limit: Annotated[int, Field(ge=25, le=2000)]


class ScoringLevel(Model):
    level: Line
    passing: bool
    criteria: Annotated[list[Prose], Field(min_length=1)]


class EvidencePart(Model):
    name: Line
    instructions: Prose
    artifact_kinds: Annotated[list[ArtifactKind], Field(min_length=1)]
    scoring_guide: Annotated[list[ScoringLevel], Field(min_length=2)]

    @model_validator(mode="after")
    def _levels_are_usable(self) -> "EvidencePart":
        if not any(level.passing for level in self.scoring_guide):
            raise FieldError("scoring_guide", "needs at least one level with passing: true")
        if all(level.passing for level in self.scoring_guide):
            raise FieldError("scoring_guide", "needs at least one level with passing: false")
        names = [level.level for level in self.scoring_guide]
        if len(set(names)) != len(names):
            raise FieldError("scoring_guide", "levels must have distinct names")
        return self


class Submission(Model):
    overview_questions: Annotated[list[OverviewQuestion], Field(min_length=1)]
    evidence: Annotated[list[EvidencePart], Field(min_length=1)]
    reflection: list[Prose] = []


class ChangelogEntry(Model):
    version: Version
    date: dt.date
    summary: Prose


class Credential(Entity):
    folder: ClassVar[str] = "credentials"

    ctid: Ctid
    title: Line
    category: Id
    summary: Annotated[Line, StringConstraints(max_length=240)]
    competency: Prose
    key_method: Prose
    method_components: Annotated[list[MethodComponent], Field(min_length=1)]
    rationale: Prose
    resources: list[Id] = []
    submission: Submission
    related: list[Id] = []
    standards: Annotated[list[Id], Field(min_length=1)]
    audience: Annotated[list[Audience], Field(min_length=1)]
    estimated_hours: Annotated[float, Field(gt=0, le=200)]
    issuer: Id
    version: Version
    last_reviewed: dt.date
    status: Status = "active"
    successor: Id | None = None
    changelog: list[ChangelogEntry] = []

    @model_validator(mode="after")
    def _status_rules(self) -> "Credential":
        if self.successor and self.status != "retired":
            raise FieldError("successor", "only a retired credential names a successor")
        return self

    @property
    def artifact_kinds(self) -> list[str]:
        kinds: list[str] = []
        for part in self.submission.evidence:
            kinds.extend(k for k in part.artifact_kinds if k not in kinds)
        return kinds


class Category(Entity):
    folder: ClassVar[str] = "categories"

    title: Line
    number: Annotated[int, Field(ge=1, le=99)]
    summary: Prose
    description: Prose
    indicators: Annotated[list[Prose], Field(min_length=1)]
    color: Color | None = Field(default=None, description="its badges' colour; by default one "
                                                           "picked by its number")
    mark: Mark | None = Field(default=None, description="the shape on its badges; by default one "
                                                        "picked by its number")


class Stack(Entity):
    folder: ClassVar[str] = "stacks"

    ctid: Ctid
    title: Line
    summary: Line
    rationale: Prose
    credentials: Annotated[list[Id], Field(min_length=2)]
    category: Id | None = None


class PathwayStep(Model):
    title: Line | None = None
    credentials: list[Id] = []
    pathway: Id | None = None
    choose: Annotated[int, Field(ge=1)] | None = None
    requirement: Requirement = "required"
    note: Prose | None = None
    component_ctids: dict[Id, Ctid] = Field(
        default={}, description="the CTID of each credential's (or the nested pathway's) component in "
                                "this step, by its id")

    @model_validator(mode="after")
    def _one_target(self) -> "PathwayStep":
        if bool(self.credentials) == bool(self.pathway):
            raise ValueError("a step names either credentials or a pathway, not both or neither")
        targets = self.targets
        missing = [t for t in targets if t not in self.component_ctids]
        extra = [k for k in self.component_ctids if k not in targets]
        if missing:
            raise FieldError("component_ctids", f"no CTID for {', '.join(map(repr, missing))}: run "
                             "`credential-catalog ctids` to assign one")
        if extra:
            raise FieldError("component_ctids", f"{', '.join(map(repr, extra))} is not in this step")
        if self.choose is not None:
            if not self.credentials:
                raise FieldError("choose", "choose applies to a list of credentials")
            if self.choose > len(self.credentials):
                listed = len(self.credentials)
                raise FieldError("choose", f"choose is {self.choose} but the step lists {listed} credentials")
        if len(set(self.credentials)) != len(self.credentials):
            raise FieldError("credentials", "a step lists the same credential twice")
        return self

    @property
    def targets(self) -> list[str]:
        """The ids this step's components stand for: its credentials, or its nested pathway."""
        return list(self.credentials) if self.credentials else [self.pathway] if self.pathway else []

    @property
    def needed(self) -> int:
        return self.choose if self.choose is not None else max(len(self.credentials), 1)


class Pathway(Entity):
    folder: ClassVar[str] = "pathways"

    ctid: Ctid
    destination_ctid: Ctid = Field(description="the CTID of the pathway's goal: its completion")
    title: Line
    summary: Line
    description: Prose
    audience: Annotated[list[Audience], Field(min_length=1)]
    steps: Annotated[list[PathwayStep], Field(min_length=1)]
    status: Status = "active"


class Issuer(Entity):
    folder: ClassVar[str] = "issuers"

    ctid: Ctid
    name: Line
    kind: IssuerKind
    description: Prose
    website: Id | None = Field(default=None, description="id of the catalog resource for its site")
    earn_at: Id | None = Field(
        default=None, description="id of the catalog resource for the page where educators start "
                                  "earning its credentials")


class Worth(Model):
    salary: Line | None = None
    relicensure_hours: Annotated[float, Field(ge=0)] | None = None
    pd_credit: Line | None = None
    note: Prose | None = None

    @model_validator(mode="after")
    def _says_something(self) -> "Worth":
        if not self.model_fields_set:
            raise ValueError("say what it is worth: salary, relicensure_hours, pd_credit or note")
        return self


class RecognitionRule(Model):
    """Which credentials are eligible: a condition, not a statement of what any one is worth."""

    issuers: list[Id] = []
    categories: list[Id] = []
    description: Prose = Field(
        description="the eligibility condition in plain words, as the source states it")

    @model_validator(mode="after")
    def _selects_something(self) -> "RecognitionRule":
        if not self.issuers and not self.categories:
            raise ValueError("a rule selects credentials by issuers, categories or both")
        return self


class RecognizedCredential(Model):
    credential: Id
    worth: Worth | None = Field(
        default=None, description="what this one credential earns, when the source says so for it")


class Recognizer(Entity):
    folder: ClassVar[str] = "recognizers"

    ctid: Ctid
    name: Line
    kind: RecognizerKind
    location: Line | None = None
    summary: Prose
    reported_in: Line = Field(description='the source, as a phrase that follows "Reported in", '
                                          'e.g. "an eSchool News article on ..."')
    reported_year: Annotated[int, Field(ge=2000, le=2100)] | None = None
    sources: list[Id] = []
    rule: RecognitionRule | None = Field(
        default=None, description="which credentials are eligible; shown as eligibility, never with a "
                                  "per-credential worth")
    credentials: list[RecognizedCredential] = Field(
        default=[], description="credentials the source names, each with its own worth if the source "
                                "gives one")
    worth: Worth | None = Field(
        default=None, description="what the program as a whole is reported to offer; shown once on the "
                                  "recognizer's page and never attributed to a single credential")

    @model_validator(mode="after")
    def _recognizes_something(self) -> "Recognizer":
        if self.rule is None and not self.credentials and self.kind != "publisher":
            raise ValueError("a recognizer needs a rule, a list of credentials, or both")
        return self


class Recommendations(Model):
    """What each audience can do so that micro-credentials meet a standard."""

    districts: Annotated[list[Prose], Field(
        min_length=1, description="what districts and charter management organizations can do")]
    states: Annotated[list[Prose], Field(min_length=1, description="what states can do")]
    issuers: Annotated[list[Prose], Field(min_length=1, description="what micro-credential issuers can do")]


class Standard(Entity):
    folder: ClassVar[str] = "standards"

    title: Line
    number: Annotated[int, Field(ge=1, le=99)]
    statement: Prose
    summary: Prose
    questions: Annotated[list[Prose], Field(min_length=1)]
    recommendations: Recommendations


class Resource(Entity):
    folder: ClassVar[str] = "resources"

    title: Line
    authors: list[Line] = []
    organization: Line | None = None
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    type: ResourceType
    phase: Phase | None = None
    url: Url
    summary: Prose

    @model_validator(mode="after")
    def _has_author(self) -> "Resource":
        if not self.authors and not self.organization:
            raise FieldError("authors", "name its authors or its organization")
        return self


class PlanningTask(Model):
    title: Line
    description: Prose
    resources: list[Id] = []
    see: list[CatalogPage] = Field(default=[], description="pages of the catalog the task calls for")


class BigQuestion(Model):
    question: Line
    guidance: Prose
    resources: list[Id] = []
    see: list[CatalogPage] = Field(default=[], description="pages of the catalog the question calls for")


class PlanningPhase(Entity):
    folder: ClassVar[str] = "phases"

    title: Line
    number: Annotated[int, Field(ge=1, le=9)]
    phase: Phase
    goal: Prose
    summary: Prose
    big_questions: Annotated[list[BigQuestion], Field(min_length=1)]
    tasks: Annotated[list[PlanningTask], Field(min_length=1)]


KINDS: tuple[type[Entity], ...] = (
    Credential,
    Category,
    Stack,
    Pathway,
    Issuer,
    Recognizer,
    Standard,
    Resource,
    PlanningPhase,
)
KIND_BY_FOLDER: dict[str, type[Entity]] = {kind.folder: kind for kind in KINDS}


def ctids(entity: Entity) -> list[tuple[tuple[str | int, ...], str]]:
    """Every CTID an entity stores, with the field path it is stored at."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    ctid = getattr(entity, "ctid", None)
    if ctid:
        found.append((("ctid",), ctid))
    if isinstance(entity, Pathway):
        found.append((("destination_ctid",), entity.destination_ctid))
        for s, step in enumerate(entity.steps):
            found += [(("steps", s, "component_ctids", key), value)
                      for key, value in step.component_ctids.items()]
    return found
