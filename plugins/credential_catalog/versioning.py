"""The version rule: what an earner was assessed on never changes under the same version.

A change to a credential's competency, evidence parts or scoring guides needs a higher ``version``
and a changelog entry for it; a version never goes down.
"""

from .catalog import Catalog, Source
from .models import Credential, version_key
from .problems import Problem


def _problem(source: Source, field: str, message: str) -> Problem:
    line, column = source.document.mark((field,), prefer_key=field == "changelog")
    return Problem(source.display, line, column, field, message)


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
    problems = []
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
