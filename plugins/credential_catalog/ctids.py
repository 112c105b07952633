"""Credential Transparency Identifiers: made once, written into the YAML, never changed.

``assign`` adds the CTIDs a catalog file lacks as new lines, leaving every other line, comment and
blank line as it was; a CTID already in a file is never touched.
"""

import re
import uuid
from collections.abc import Callable
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .models import KIND_BY_FOLDER, Pathway

CTID_FOLDERS = tuple(folder for folder, kind in KIND_BY_FOLDER.items() if "ctid" in kind.model_fields)
_CTID = re.compile(r"\bce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")


def new_ctid() -> str:
    return f"ce-{uuid.uuid4()}"


class AssignError(ValueError):
    """A file whose layout the assigner will not edit; the message says what to do by hand."""


def _key(mapping: MappingNode, name: str) -> tuple[ScalarNode, Node] | None:
    for key, value in mapping.value:
        if isinstance(key, ScalarNode) and key.value == name:
            return key, value
    return None


def _first_key_line(lines: list[str]) -> int:
    for number, line in enumerate(lines):
        if line.strip() and not line.lstrip().startswith("#") and line.strip() != "---":
            return number
    return len(lines)


def _content_end(lines: list[str], start: int, boundary: int) -> int:
    """The line after the last line before ``boundary`` that is neither blank nor a comment."""
    end = boundary
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end


def _next_start(nodes: list[Node], index: int, fallback: int) -> int:
    return nodes[index + 1].start_mark.line if index + 1 < len(nodes) else fallback


def insert_ctids(text: str, folder: str, make: Callable[[], str] = new_ctid,
                 at_end: bool = False) -> tuple[str, int]:
    """``text`` with the CTIDs its kind needs and it lacks; returns the text and how many were added.

    Top-level CTIDs go before the first field (or, ``at_end``, after the last line)."""
    if folder not in CTID_FOLDERS:
        return text, 0
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, MappingNode):
        raise AssignError("the file is not a mapping of field: value")
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    inserts: list[tuple[int, list[str]]] = []
    top = len(lines) if at_end else _first_key_line(lines)
    heading = [f"ctid: {make()}{newline}"] if _key(root, "ctid") is None else []
    if KIND_BY_FOLDER[folder] is Pathway:
        if _key(root, "destination_ctid") is None:
            heading.append(f"destination_ctid: {make()}{newline}")
        inserts += _step_inserts(root, lines, newline, make)
    if heading:
        inserts.append((top, heading))
    # From the bottom up; of two inserts at one line, the one listed first ends up first.
    for _, at, new in sorted(((n, at, new) for n, (at, new) in enumerate(inserts)),
                             key=lambda item: (item[1], item[0]), reverse=True):
        lines[at:at] = new
    return "".join(lines), sum(1 for _, new in inserts for line in new if _CTID.search(line))


def _step_inserts(root: MappingNode, lines: list[str], newline: str,
                  make: Callable[[], str]) -> list[tuple[int, list[str]]]:
    found = _key(root, "steps")
    if found is None or not isinstance(found[1], SequenceNode):
        return []
    keys = [key for key, _ in root.value]
    after_steps = _next_start(keys, keys.index(found[0]), len(lines))
    steps = found[1].value
    inserts = []
    for index, step in enumerate(steps):
        step_end = _content_end(lines, step.start_mark.line, _next_start(steps, index, after_steps))
        if not isinstance(step, MappingNode) or step.flow_style:
            raise AssignError(f"line {step.start_mark.line + 1}: write this step as a block mapping "
                              "(one field per line) so that its CTIDs can be added")
        targets: list[str] = []
        for field in ("credentials", "pathway"):
            item = _key(step, field)
            if item and isinstance(item[1], SequenceNode):
                targets += [n.value for n in item[1].value if isinstance(n, ScalarNode)]
            elif item and isinstance(item[1], ScalarNode) and item[1].value:
                targets.append(item[1].value)
        indent = " " * step.start_mark.column
        existing = _key(step, "component_ctids")
        if existing is None:
            if targets:
                block = [f"{indent}component_ctids:{newline}"]
                block += [f"{indent}  {target}: {make()}{newline}" for target in targets]
                inserts.append((step_end, block))
            continue
        mapping = existing[1]
        have = {k.value for k, _ in mapping.value} if isinstance(mapping, MappingNode) else set()
        missing = [target for target in targets if target not in have]
        if not missing:
            continue
        if not isinstance(mapping, MappingNode) or mapping.flow_style or not mapping.value:
            raise AssignError(f"line {existing[0].start_mark.line + 1}: write component_ctids as a "
                              "block mapping (one `id: ctid` per line) so that CTIDs can be added")
        inner = " " * mapping.start_mark.column
        step_keys = [key for key, _ in step.value]
        boundary = _next_start(step_keys, step_keys.index(existing[0]), step_end)
        inserts.append((_content_end(lines, mapping.start_mark.line, boundary),
                        [f"{inner}{target}: {make()}{newline}" for target in missing]))
    return inserts


def assign(root: Path) -> dict[Path, int]:
    """Add every missing CTID under the catalog folder ``root``; returns the files changed."""
    changed: dict[Path, int] = {}
    for folder in CTID_FOLDERS:
        for path in sorted((root / folder).glob("*.y*ml")):
            text = path.read_text(encoding="utf-8-sig")
            try:
                updated, count = insert_ctids(text, folder)
            except (AssignError, yaml.YAMLError) as exc:
                raise AssignError(f"{path}: {exc}") from None
            if count:
                path.write_bytes(updated.encode("utf-8"))
                changed[path] = count
    return changed


def refresh(text: str, fresh: dict[str, str]) -> str:
    """``text`` with every CTID replaced by a new one (the same new one wherever it recurs)."""
    return _CTID.sub(lambda match: fresh.setdefault(match.group(0), new_ctid()), text)
