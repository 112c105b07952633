"""The loaded catalog: every entity by kind and id, and where each came from."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from .models import (
    Category,
    Credential,
    Entity,
    Issuer,
    Pathway,
    PlanningPhase,
    Recognizer,
    Resource,
    Stack,
    Standard,
    kinds,
)
from .yamlsource import Document

E = TypeVar("E", bound=Entity)


@dataclass
class Source:
    path: Path
    display: str
    document: Document


@dataclass
class Catalog:
    root: Path
    entities: dict[str, dict[str, Entity]] = field(
        default_factory=lambda: {kind.folder: {} for kind in kinds()})
    sources: dict[tuple[str, str], Source] = field(default_factory=dict)

    def of(self, kind: type[E]) -> dict[str, E]:
        return self.entities[kind.folder]  # type: ignore[return-value]

    @property
    def credentials(self) -> dict[str, Credential]:
        return self.of(Credential)

    @property
    def categories(self) -> dict[str, Category]:
        return dict(sorted(self.of(Category).items(), key=lambda item: item[1].number))

    @property
    def stacks(self) -> dict[str, Stack]:
        return self.of(Stack)

    @property
    def pathways(self) -> dict[str, Pathway]:
        return self.of(Pathway)

    @property
    def issuers(self) -> dict[str, Issuer]:
        return self.of(Issuer)

    @property
    def recognizers(self) -> dict[str, Recognizer]:
        return self.of(Recognizer)

    @property
    def standards(self) -> dict[str, Standard]:
        return dict(sorted(self.of(Standard).items(), key=lambda item: item[1].number))

    @property
    def resources(self) -> dict[str, Resource]:
        return self.of(Resource)

    @property
    def phases(self) -> dict[str, PlanningPhase]:
        return dict(sorted(self.of(PlanningPhase).items(), key=lambda item: item[1].number))

    def source(self, entity: Entity) -> Source:
        return self.sources[(entity.folder, entity.id)]

    def earn_url(self, credential: Credential) -> str | None:
        """Where an educator starts earning an active credential: its issuer's ``earn_at`` page."""
        issuer = self.issuers[credential.issuer]
        if credential.status != "active" or issuer.earn_at is None:
            return None
        return self.resources[issuer.earn_at].url
