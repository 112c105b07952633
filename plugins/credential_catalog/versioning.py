"""The version rule: what an earner was assessed on never changes under the same version.

A change to a credential's competency, evidence parts or scoring guides needs a higher ``version``
and a changelog entry for it; a version never goes down. A stored CTID never changes at all: a
registry takes a new CTID for a new credential.
"""

from .catalog import Catalog, Source
from .models import Credential, ctids, version_key
from .problems import Problem, format_path

Path_ = tuple[str | int, ...]


def _problem(source: Source, field: str | Path_, message: str) -> Problem:
    path = (field,) if isinstance(field, str) else field
    line, column = source.document.mark(path, prefer_key=path == ("changelog",))
    return Problem(source.display, line, column, format_path(path), message)


def _stable_key(path: Path_) -> tuple[str, ...]:
    """Where a CTID is stored, without step numbers: a component keeps its CTID if steps move."""
    return tuple(str(part) for part in path if not isinstance(part, int))


def changed_ctids(base: Catalog, head: Catalog, revision: str) -> list[Problem]:
    problems = []
    for folder, entities in head.entities.items():
        for entity_id, after in sorted(entities.items()):
            before = base.entities[folder].get(entity_id)
            if before is None:
                continue
            old = {_stable_key(path): ctid for path, ctid in ctids(before)}
            for path, ctid in ctids(after):
                previous = old.get(_stable_key(path))
                if previous is not None and previous != ctid:
                    problems.append(_problem(head.source(after), path, (
                        f"the CTID was {previous} at {revision}; a CTID never changes once published "
                        "(a registry would take a new one for a new credential): put it back")))
    return problems


def assessed_changes(before: Credential, after: Credential) -> list[str]:
    """What changed in what an earner is assessed on, in words."""
    found = ["the competency"] if before.competency != after.competency else []
    old, new = before.submission.evidence, after.submission.evidence
    if len(old) != len(new):
        found.append(f"the number of evidence parts ({len(old)} → {len(new)})")
    for number, (part_before, part_after) in enumerate(zip(old, new, strict=False), start=1):
        if part_before.scoring_guide != part_after.scoring_guide:
            found.append(f"the scoring guide of evidence part {number}")
        if part_before.model_copy(update={"scoring_guide": []}) != \
                part_after.model_copy(update={"scoring_guide": []}):
            found.append(f"evidence part {number}")
    return found


def check(base: Catalog, head: Catalog, revision: str) -> list[Problem]:
    """Problems in ``head``'s credentials against the same credentials at ``revision`` (``base``)."""
    problems = changed_ctids(base, head, revision)
    for credential_id, after in sorted(head.credentials.items()):
        before = base.credentials.get(credential_id)
        if before is None:
            continue
        source = head.source(after)
        changed = assessed_changes(before, after)
        old, new = version_key(before.version), version_key(after.version)
        if new < old:
            message = (f"version {after.version} is lower than {before.version} at {revision}; "
                       "versions only go up")
            problems.append(_problem(source, "version", message))
        elif changed and new == old:
            message = (f"{', '.join(changed)} changed since {revision}: raise the version above "
                       f"{before.version}, with a changelog entry for the new version, so that earners "
                       "can tell what they earned")
            problems.append(_problem(source, "version", message))
        if new > old and all(e.version != after.version for e in after.changelog):
            message = (f"add a changelog entry for version {after.version} "
                       "(version, date, summary of what changed)")
            problems.append(_problem(source, "changelog" if after.changelog else "version", message))
    return problems
