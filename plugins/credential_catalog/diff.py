"""What a change does to the catalog, as Markdown a reviewer reads instead of the YAML diff."""

import re
from dataclasses import dataclass, field
from typing import Any

from .catalog import Catalog
from .models import KIND_BY_FOLDER, Entity, kinds

GROUPED = re.compile(r"^submission\.evidence\[\d+\]\.scoring_guide")
"""Leaves under a scoring guide are shown together, as the guide before and after."""


@dataclass(frozen=True)
class Change:
    path: str
    before: Any
    after: Any


@dataclass
class KindDiff:
    folder: str
    added: list[Entity] = field(default_factory=list)
    removed: list[Entity] = field(default_factory=list)
    retired: list[tuple[Entity, Entity]] = field(default_factory=list)
    changed: list[tuple[Entity, Entity]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.retired or self.changed)


def diff_catalogs(base: Catalog, head: Catalog) -> list[KindDiff]:
    """Per kind of entity, what was added, removed, retired or changed from ``base`` to ``head``."""
    diffs = []
    for kind in kinds():
        before, after = base.entities[kind.folder], head.entities[kind.folder]
        diff = KindDiff(kind.folder)
        diff.added = [after[i] for i in sorted(after.keys() - before.keys())]
        diff.removed = [before[i] for i in sorted(before.keys() - after.keys())]
        for entity_id in sorted(before.keys() & after.keys()):
            old, new = before[entity_id], after[entity_id]
            if old == new:
                continue
            if _status(new) == "retired" and _status(old) != "retired":
                diff.retired.append((old, new))
            else:
                diff.changed.append((old, new))
        if diff:
            diffs.append(diff)
    return diffs


def changes(before: Entity, after: Entity) -> list[Change]:
    """Every changed field, as its path and the values before and after."""
    old = _leaves(before.model_dump(mode="json", exclude={"id"}))
    new = _leaves(after.model_dump(mode="json", exclude={"id"}))
    found: list[Change] = []
    grouped: set[str] = set()
    for path in [*new, *(p for p in old if p not in new)]:
        if old.get(path) == new.get(path):
            continue
        group = GROUPED.match(path)
        if group is None:
            found.append(Change(path, old.get(path), new.get(path)))
        elif group.group(0) not in grouped:
            grouped.add(group.group(0))
            found.append(Change(group.group(0), _lookup(before, group.group(0)),
                                _lookup(after, group.group(0))))
    return found


def _status(entity: Entity) -> str | None:
    return getattr(entity, "status", None)


def _leaves(value: Any, path: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out |= _leaves(item, f"{path}.{key}" if path else key)
        return out
    if isinstance(value, list) and any(isinstance(item, dict) for item in value):
        out = {}
        for index, item in enumerate(value):
            out |= _leaves(item, f"{path}[{index}]")
        return out
    return {path: value}


def _lookup(entity: Entity, path: str) -> Any:
    value: Any = entity.model_dump(mode="json")
    for part in re.findall(r"[^.\[\]]+", path):
        if isinstance(value, list):
            index = int(part)
            if index >= len(value):
                return None
            value = value[index]
        else:
            value = value.get(part)
    return value


def markdown(diffs: list[KindDiff], base_label: str) -> str:
    lines = [f"## Catalog changes since `{base_label}`", ""]
    if not diffs:
        return "\n".join([*lines, "No entity in the catalog changed.", ""])
    for diff in diffs:
        lines += _kind_section(diff)
    return "\n".join(lines)


def _kind_section(diff: KindDiff) -> list[str]:
    counts = [f"{len(items)} {label}" for label, items in (
        ("added", diff.added), ("removed", diff.removed), ("retired", diff.retired),
        ("changed", diff.changed)) if items]
    lines = [f"### {diff.folder.capitalize()}: {', '.join(counts)}", ""]
    if diff.added:
        lines += ["#### Added", ""]
        lines += [f"- {_name(entity)}{_version(None, entity)}" for entity in diff.added]
        lines.append("")
    if diff.removed:
        lines += ["#### Removed", ""]
        lines += [f"- {_name(entity)}" for entity in diff.removed]
        lines.append("")
        if "status" in KIND_BY_FOLDER[diff.folder].model_fields:
            lines += [f"> A removed {KIND_BY_FOLDER[diff.folder].singular} breaks links earners have shared; "
                      "retiring it keeps its page.", ""]
    if diff.retired:
        lines += ["#### Retired", ""]
        for old, new in diff.retired:
            successor = getattr(new, "successor", None)
            lines += [f"##### {_name(new)}{_version(old, new)}", ""]
            lines += [f"Successor: `{successor}`." if successor else "No successor named.", ""]
            lines += _changes(old, new)
    if diff.changed:
        lines += ["#### Changed", ""]
        for old, new in diff.changed:
            lines += [f"##### {_name(new)}{_version(old, new)}", ""]
            lines += _changes(old, new)
    return lines


def _name(entity: Entity) -> str:
    title = getattr(entity, "title", None) or getattr(entity, "name", None) or entity.id
    return f"{_inline(title)} (`{entity.id}`)"


def _version(old: Entity | None, new: Entity) -> str:
    after = getattr(new, "version", None)
    if after is None:
        return ""
    before = getattr(old, "version", None)
    if before is None:
        return f", version {after}"
    return f", version {before} → {after}" if before != after else f", version {after} (unchanged)"


def _changes(old: Entity, new: Entity) -> list[str]:
    lines: list[str] = []
    for change in changes(old, new):
        if GROUPED.match(change.path):
            lines += _scoring_guide(change)
        elif isinstance(change.before, list) or isinstance(change.after, list):
            lines += _list_change(change)
        else:
            lines += _value_change(change)
    return lines


def _list_change(change: Change) -> list[str]:
    before, after = change.before or [], change.after or []
    added = [str(item) for item in after if item not in before]
    removed = [str(item) for item in before if item not in after]
    parts = []
    if added:
        parts.append("added " + ", ".join(f"`{item}`" for item in added))
    if removed:
        parts.append("removed " + ", ".join(f"`{item}`" for item in removed))
    return [f"- `{change.path}`: {'; '.join(parts) or 'reordered'}", ""]


def _value_change(change: Change) -> list[str]:
    before, after = _text(change.before), _text(change.after)
    if len(before) + len(after) <= 100 and "\n" not in before + after:
        return [f"- `{change.path}`: {_inline(before)} → {_inline(after)}", ""]
    return [f"- `{change.path}`", "", "  Before:", "", *_quote(before), "", "  After:", "",
            *_quote(after), ""]


def _scoring_guide(change: Change) -> list[str]:
    part = int(re.findall(r"\d+", change.path)[0]) + 1
    before = {level["level"]: level for level in change.before or []}
    after = {level["level"]: level for level in change.after or []}
    names = [*after, *(name for name in before if name not in after)]
    lines = [f"- Scoring guide of evidence part {part} (`{change.path}`):", "",
             "  | Level | Before | After |", "  |---|---|---|"]
    for name in names:
        lines.append(f"  | {_cell(name)} | {_level(before.get(name))} | {_level(after.get(name))} |")
    return [*lines, ""]


def _level(level: dict[str, Any] | None) -> str:
    if level is None:
        return "(none)"
    verdict = "passing" if level["passing"] else "not passing"
    return f"*{verdict}*<br>" + "<br>".join(f"• {_cell(c)}" for c in level["criteria"])


def _text(value: Any) -> str:
    return "(none)" if value is None else str(value).strip()


def _inline(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|")


def _quote(text: str) -> list[str]:
    return [f"  > {line}".rstrip() for line in text.splitlines()]
