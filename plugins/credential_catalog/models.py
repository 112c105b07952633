"""The catalog's data model: one pydantic class per kind of YAML file in ``catalog/``."""

from dataclasses import dataclass
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from .colors import contrast
from .dates import NOT_FUTURE_YEAR, PastDate
from .ids import ID_PATTERN, MAX_ID_LENGTH, check_id
from .printing import shown
from .text import Line, Prose, Sentence
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
from .weburl import MAX_URL_LENGTH, URL_PATTERN, check_url

VERSION_PATTERN = r"^\d+\.\d+(?:\.\d+)?$"
COLOR_PATTERN = r"^#[0-9a-f]{6}$"
CTID_PATTERN = r"^ce-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"

Id = Annotated[str, AfterValidator(check_id),
               WithJsonSchema({"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID_LENGTH})]
"""An entity's id: its file's stem, under the one id rule (``ids.py``). A field holding one is a ``Ref``."""


@dataclass(frozen=True)
class Ref:
    """Marks a field as naming an entity of another kind (by its folder): ``Annotated[Id, Ref("stacks")]``.

    The reference checks, the graph's reverse links and the JSON Schemas all follow from this mark."""

    folder: str

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        found: dict[str, Any] = handler(schema)
        found.setdefault(
            "description", f"the id (file name without .yml) of an entity in catalog/{self.folder}/")
        return found


CredentialId = Annotated[Id, Ref("credentials")]
CategoryId = Annotated[Id, Ref("categories")]
PathwayId = Annotated[Id, Ref("pathways")]
StackId = Annotated[Id, Ref("stacks")]
StandardId = Annotated[Id, Ref("standards")]
IssuerId = Annotated[Id, Ref("issuers")]
ResourceId = Annotated[Id, Ref("resources")]

Version = Annotated[str, StringConstraints(pattern=VERSION_PATTERN)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN, max_length=MAX_URL_LENGTH),
                AfterValidator(check_url)]
"""A link, under the one URL rule (``weburl.py``)."""
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


class FieldError(ValueError):
    """A rule that spans fields, reported at the one named (or, if it is absent, its parent)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


@dataclass(frozen=True)
class Pages:
    """How a kind is published: a page per entity, and a section whose index page lists them all."""

    section: str
    """The section's title, also the index page's."""
    template: str
    """Each entity's page template (it fills the ``catalog_content`` block)."""
    listing: str = "partials/catalog/index-entities.html"
    """What the section's index page shows."""
    index: str = "catalog-index.html"
    """The index page's template."""
    embed: str | None = None
    """The partial of its minimal-chrome view, when other sites can embed it."""


class Entity(Model):
    """A catalog entity stored as ``catalog/<folder>/<id>.yml``; ``id`` is the file stem.

    Each kind declares here, once, all the catalog needs to know about it besides its fields; it is
    registered in ``KIND_BY_FOLDER``."""

    folder: ClassVar[str]
    """Where its files live (``catalog/<folder>/``) and its pages' address (``<folder>/<id>/``)."""
    singular: ClassVar[str]
    plural: ClassVar[str]
    pages: ClassVar[Pages | None] = None
    """None: its entities have no pages of their own (others' pages show them)."""
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


def _usable_levels(levels: list[ScoringLevel]) -> list[ScoringLevel]:
    if len(levels) < 2:
        rule = "needs a passing level (passing: true) and a level that is not passing (passing: false)"
        if not levels:
            raise ValueError(rule)
        only = levels[0]
        missing = "a level that is not passing" if only.passing else "the passing level"
        raise ValueError(f"{rule}: its only level, {shown(only.level)}, "
                         f"{'is' if only.passing else 'is not'} passing, so add {missing}")
    if not any(level.passing for level in levels):
        raise ValueError("needs at least one level with passing: true")
    if all(level.passing for level in levels):
        raise ValueError("needs at least one level with passing: false")
    names = [level.level for level in levels]
    if len(set(names)) != len(names):
        raise ValueError("levels must have distinct names")
    return levels


ScoringGuide = Annotated[list[ScoringLevel], AfterValidator(_usable_levels),
                         Field(json_schema_extra={"minItems": 2})]
"""At least a passing level and one that is not passing; the schema's minItems says as much."""


class EvidencePart(Model):
    name: Line
    instructions: Prose
    artifact_kinds: Annotated[list[ArtifactKind], Field(min_length=1)]
    scoring_guide: ScoringGuide


class Submission(Model):
    overview_questions: Annotated[list[OverviewQuestion], Field(min_length=1)]
    evidence: Annotated[list[EvidencePart], Field(min_length=1)]
    reflection: list[Prose] = []


class ChangelogEntry(Model):
    version: Version
    date: PastDate
    summary: Prose


class Alignment(Model):
    """A standard a credential supports, and why: the catalog's own judgement, in one sentence."""

    standard: StandardId
    reason: Sentence = Field(description="why earning this credential supports the standard, in the "
                                         "catalog's own words; shown wherever the alignment is")


SEARCH_TERM_PATTERN = r"^[a-z0-9]+(?:['-][a-z0-9]+)*(?: [a-z0-9]+(?:['-][a-z0-9]+)*){0,3}$"
SEARCH_WORD_PATTERN = r"^[a-z0-9]+(?:'[a-z0-9]+)*$"
SearchTerm = Annotated[str, StringConstraints(pattern=SEARCH_TERM_PATTERN, max_length=60)]
"""A word or a phrase of up to four words as a reader types it: lowercase, single spaces."""
SearchWord = Annotated[str, StringConstraints(pattern=SEARCH_WORD_PATTERN, max_length=30)]
NEED_PATTERN = r"^[A-Za-z0-9]+(?:['-][A-Za-z0-9]+)*(?: [A-Za-z0-9]+(?:['-][A-Za-z0-9]+)*){0,8}$"


class Credential(Entity):
    folder: ClassVar[str] = "credentials"
    singular: ClassVar[str] = "credential"
    plural: ClassVar[str] = "credentials"
    pages: ClassVar[Pages | None] = Pages(
        "Credentials", "credential.html", listing="partials/catalog/index-credentials.html",
        index="credential-browse.html", embed="partials/catalog/embed/credentials.html")

    ctid: Ctid
    title: Line
    category: CategoryId
    summary: Annotated[Line, StringConstraints(max_length=240)]
    keywords: Annotated[list[SearchTerm], Field(max_length=16)] = Field(
        default=[], description="the catalog's own choice of words a teacher might use for the need "
                                "this credential answers: searched like its summary, and published as "
                                "its Open Badges tags and CTDL keywords")
    competency: Prose
    key_method: Prose
    method_components: Annotated[list[MethodComponent], Field(min_length=1)]
    rationale: Prose
    resources: list[ResourceId] = []
    submission: Submission
    related: list[CredentialId] = []
    standards: Annotated[list[Alignment], Field(min_length=1)]
    audience: Annotated[list[Audience], Field(min_length=1)]
    estimated_hours: Annotated[float, Field(gt=0, le=200)]
    issuer: IssuerId
    version: Version
    last_reviewed: PastDate
    status: Status = "active"
    successor: CredentialId | None = None
    changelog: list[ChangelogEntry] = []

    @model_validator(mode="after")
    def _status_rules(self) -> "Credential":
        if self.successor and self.status != "retired":
            raise FieldError("successor", "only a retired credential names a successor")
        return self

    @property
    def standard_ids(self) -> list[str]:
        return [alignment.standard for alignment in self.standards]

    def reason(self, standard: str) -> str:
        return next(a.reason for a in self.standards if a.standard == standard)

    @property
    def artifact_kinds(self) -> list[str]:
        kinds: list[str] = []
        for part in self.submission.evidence:
            kinds.extend(k for k in part.artifact_kinds if k not in kinds)
        return kinds


class Category(Entity):
    folder: ClassVar[str] = "categories"
    singular: ClassVar[str] = "category"
    plural: ClassVar[str] = "categories"
    pages: ClassVar[Pages | None] = Pages(
        "Categories", "category.html", listing="partials/catalog/index-categories.html")

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
    singular: ClassVar[str] = "stack"
    plural: ClassVar[str] = "stacks"
    pages: ClassVar[Pages | None] = Pages(
        "Stacks", "stack.html", listing="partials/catalog/index-stacks.html",
        embed="partials/catalog/embed/stacks.html")

    ctid: Ctid
    title: Line
    summary: Line
    need: Line | None = Field(default=None, description="the teacher's or district's need the stack "
                                                        "answers; every active stack states one")
    rationale: Prose
    credentials: Annotated[list[CredentialId], Field(min_length=2)]
    category: CategoryId | None = None
    status: Status = "active"
    successors: list[StackId] = Field(default=[], description="active stacks to use instead of a retired one")

    @model_validator(mode="after")
    def _status_rules(self) -> "Stack":
        if self.status == "active":
            if self.need is None:
                raise FieldError("need", "an active stack states the need it answers")
            if self.successors:
                raise FieldError("successors", "only a retired stack names successors")
        elif not self.successors and self.category is None:
            raise FieldError("successors", "a retired stack points somewhere: name successors or "
                                           "the category it copied")
        return self


class PathwayStep(Model):
    title: Line | None = None
    credentials: list[CredentialId] = []
    pathway: PathwayId | None = None
    choose: Annotated[int, Field(ge=1)] | None = None
    requirement: Requirement = "required"
    note: Prose | None = None
    component_ctids: dict[str, Ctid] = Field(
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
    singular: ClassVar[str] = "pathway"
    plural: ClassVar[str] = "pathways"
    pages: ClassVar[Pages | None] = Pages(
        "Pathways", "pathway.html", listing="partials/catalog/index-pathways.html",
        embed="partials/catalog/embed/pathways.html")

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
    singular: ClassVar[str] = "issuer"
    plural: ClassVar[str] = "issuers"
    pages: ClassVar[Pages | None] = Pages(
        "Issuers", "issuer.html", listing="partials/catalog/index-issuers.html")

    ctid: Ctid
    name: Line
    kind: IssuerKind | None = Field(default=None, description="leave out when the sources do not say")
    description: Prose
    website: ResourceId | None = Field(default=None, description="id of the catalog resource for its site")
    earn_at: ResourceId | None = Field(
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

    issuers: list[IssuerId] = []
    categories: list[CategoryId] = []
    description: Prose = Field(
        description="the eligibility condition in plain words, as the source states it")

    @model_validator(mode="after")
    def _selects_something(self) -> "RecognitionRule":
        if not self.issuers and not self.categories:
            raise ValueError("a rule selects credentials by issuers, categories or both")
        return self


class RecognizedCredential(Model):
    credential: CredentialId
    worth: Worth | None = Field(
        default=None, description="what this one credential earns, when the source says so for it")


class Recognizer(Entity):
    folder: ClassVar[str] = "recognizers"
    singular: ClassVar[str] = "recognizer"
    plural: ClassVar[str] = "recognizers"
    pages: ClassVar[Pages | None] = Pages(
        "Recognizers", "recognizer.html", listing="partials/catalog/index-recognizers.html",
        embed="partials/catalog/embed/recognizers.html")

    ctid: Ctid
    name: Line
    kind: RecognizerKind
    location: Line | None = None
    summary: Prose
    reported_in: Line = Field(description='the source, as a phrase that follows "Reported in", '
                                          'e.g. "an eSchool News article on ..."')
    reported_year: Annotated[int, Field(ge=2000, le=2100), NOT_FUTURE_YEAR] | None = None
    sources: list[ResourceId] = []
    rule: RecognitionRule | None = Field(
        default=None, description="which credentials are eligible; shown as eligibility, never with a "
                                  "per-credential worth")
    credentials: list[RecognizedCredential] = Field(
        default=[], description="credentials the source names, each with its own worth if the source "
                                "gives one")
    worth: Worth | None = Field(
        default=None, description="what the program as a whole is reported to offer; shown once on the "
                                  "recognizer's page and never attributed to a single credential")

    not_reported: Prose | None = Field(
        default=None, description="what the sources leave out, said once and only here")

    @model_validator(mode="after")
    def _recognizes_something(self) -> "Recognizer":
        if self.rule is None and not self.credentials:
            raise ValueError("a recognizer needs a rule, a list of credentials, or both")
        return self


class Recommendations(Model):
    """What each audience can do so that micro-credentials meet a standard."""

    districts: Annotated[list[Prose], Field(
        min_length=1, title="Districts and charter management organizations",
        description="what districts and charter management organizations can do")]
    states: Annotated[list[Prose], Field(min_length=1, title="States", description="what states can do")]
    issuers: Annotated[list[Prose], Field(
        min_length=1, title="Micro-credential issuers", description="what micro-credential issuers can do")]


class Standard(Entity):
    folder: ClassVar[str] = "standards"
    singular: ClassVar[str] = "standard"
    plural: ClassVar[str] = "standards"
    pages: ClassVar[Pages | None] = Pages(
        "Standards for Professional Learning", "standard.html",
        listing="partials/catalog/index-standards.html")

    title: Line
    number: Annotated[int, Field(ge=1, le=99)]
    statement: Prose
    summary: Prose
    questions: Annotated[list[Prose], Field(min_length=1)]
    recommendations: Recommendations
    alignment_basis: Prose = Field(description="when this catalog aligns a credential to the standard: "
                                               "its own judgement, shown on the standard's page")


class Resource(Entity):
    folder: ClassVar[str] = "resources"
    singular: ClassVar[str] = "resource"
    plural: ClassVar[str] = "resources"

    title: Line
    authors: list[Line] = Field(default=[], description="as the resource or its source names them; "
                                                         "leave out when neither names any")
    organization: Line | None = Field(default=None, description="leave out when no source names one")
    year: Annotated[int, Field(ge=1900, le=2100), NOT_FUTURE_YEAR] | None = None
    type: ResourceType
    phase: Phase | None = None
    url: Url
    summary: Prose

    @property
    def credit(self) -> str:
        """Who made it and when, as far as the sources say: "A and B, 2016", "Org", "" ..."""
        maker = ", ".join(self.authors) if self.authors else self.organization or ""
        return ", ".join(part for part in (maker, str(self.year or "")) if part)


class PlanningTask(Model):
    title: Line
    description: Prose
    resources: list[ResourceId] = []
    see: list[CatalogPage] = Field(default=[], description="pages of the catalog the task calls for")


class BigQuestion(Model):
    question: Line
    guidance: Prose
    resources: list[ResourceId] = []
    see: list[CatalogPage] = Field(default=[], description="pages of the catalog the question calls for")


class PlanningPhase(Entity):
    folder: ClassVar[str] = "phases"
    singular: ClassVar[str] = "planning phase"
    plural: ClassVar[str] = "planning phases"

    title: Line
    number: Annotated[int, Field(ge=1, le=9)]
    phase: Phase
    goal: Prose
    summary: Prose
    big_questions: Annotated[list[BigQuestion], Field(min_length=1)]
    tasks: Annotated[list[PlanningTask], Field(min_length=1)]




class Need(Model):
    """A need as a teacher puts it, with the credentials that answer it."""

    need: Annotated[str, StringConstraints(pattern=NEED_PATTERN, max_length=80)] = Field(
        description="what a teacher would type into the search, in up to nine words: single spaces, "
                    "no punctuation but apostrophes and hyphens")
    credentials: Annotated[list[CredentialId], Field(min_length=1, max_length=4)] = Field(
        description="the credentials whose classroom work helps with it")


class SearchWords(Entity):
    """Words the browse page's search treats specially: groups of words that find each other,
    words that say what a reader needs rather than what about, and needs in teachers' words with
    the credentials that answer them."""

    folder: ClassVar[str] = "search"
    singular: ClassVar[str] = "search word list"
    plural: ClassVar[str] = "search word lists"

    title: Line
    synonyms: list[Annotated[list[SearchTerm], Field(min_length=2)]] = Field(
        default=[], description="groups of words and phrases that find each other, at index and query "
                                "time alike; each is matched in every form the search's stemmer gives "
                                "it ('collaborate' also finds 'collaborating')")
    filler: list[SearchWord] = Field(
        default=[], description="words that say what a reader needs rather than what about (\"don't\" in "
                                "\"students don't listen\"): a search leaves them out, as it does "
                                "'the' and 'of'")
    needs: list[Need] = Field(
        default=[], description="needs as teachers put them, each with the credentials that answer it: "
                                "a credential is found by the words of its needs as by its keywords")


KIND_BY_FOLDER: dict[str, type[Entity]] = {kind.folder: kind for kind in (
    Credential,
    Category,
    Stack,
    Pathway,
    Issuer,
    Recognizer,
    Standard,
    Resource,
    PlanningPhase,
    SearchWords,
)}
"""Every kind of entity, by folder, in the order the exports list them.

Everything else reads this registry when it runs: a kind added here is loaded, checked, linked,
published and given a JSON Schema with no other table to edit."""


def kinds() -> tuple[type[Entity], ...]:
    return tuple(KIND_BY_FOLDER.values())


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
