"""Load every YAML file under ``catalog/`` into a validated :class:`Catalog`.

All problems are collected in one pass and raised together as a :class:`CatalogError`.
"""

import gc
import multiprocessing
import os
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import messages, references
from .background import can_fork, cores
from .catalog import Catalog, Source
from .ids import id_problem
from .models import KIND_BY_FOLDER, Entity, FieldError
from .printing import shown
from .problems import CatalogError, Problem, format_path, suggest
from .yamlsource import DEFAULT_MAX_BYTES, Document, SourceError, read

YAML_SUFFIXES = (".yml", ".yaml")
PARALLEL_FILES = 500
"""From this many files on, the YAML is parsed in one worker process per core (forked: Linux)."""
_CHUNK = 200

Parsed = Document | tuple[int, int, str, str]
"""A parsed file, or the line, column, field and message of why it could not be read."""


@dataclass(frozen=True)
class _Pending:
    kind: type[Entity]
    entity_id: str
    path: Path
    display: str


def _display(path: Path, root: Path) -> str:
    return Path(os.path.relpath(path, root.parent)).as_posix()


class _Claims(dict[tuple[str, str], str]):
    """The file that claims each (folder, id); in a folder that could not be read, any id may exist,
    so references into it are not reported as unknown on top of the folder's own problem."""

    def __init__(self) -> None:
        super().__init__()
        self.unread: set[str] = set()

    def __contains__(self, key: object) -> bool:
        return super().__contains__(key) or (isinstance(key, tuple) and key[0] in self.unread)


def _catalog_files(root: Path, report: Callable[[Path, str], None]) -> Iterator[Path]:
    """The YAML files the catalog reads, in order; what looks like one but would not be read, and
    every symbolic link to a folder, is reported instead (other files are left alone)."""

    def unreadable(exc: OSError) -> None:
        report(Path(exc.filename) if exc.filename else root, f"cannot read: {exc.strerror or exc}")

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        folder = Path(dirpath)
        skipped = any(part.startswith((".", "_")) for part in folder.relative_to(root).parts)
        for name in dirnames:
            if (folder / name).is_symlink():
                report(folder / name, "symbolic links are not allowed in the catalog")
        dirnames[:] = sorted(name for name in dirnames if name != ".git")
        for name in sorted(filenames):
            why = _not_read(name, skipped)
            if why is None:
                yield folder / name
            elif why:
                report(folder / name, why)


def _not_read(name: str, skipped_folder: bool) -> str | None:
    """None for a YAML file the catalog reads; why not, for one that looks like YAML; else ""."""
    suffix = next((s for s in YAML_SUFFIXES if name.strip().lower().endswith(s)), None)
    if suffix is None:
        return ""
    if skipped_folder:
        return ("folders whose names start with '.' or '_' are not read: move the file into the "
                "catalog folder for its kind")
    if name.startswith("."):
        return "hidden files (names starting with '.') are not read: rename it without the dot"
    if not name.endswith(YAML_SUFFIXES):
        fixed = name.strip()[: -len(suffix)] + suffix
        return f"is not read: a catalog file name ends in {suffix}, in lowercase; rename it to {fixed!r}"
    return None


def _pydantic_problems(exc: ValidationError, source: Source, kind: type[Entity]) -> list[Problem]:
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        cause = error.get("ctx", {}).get("error")
        if isinstance(cause, FieldError):
            loc = (*loc, cause.field)
        message = messages.message(error, kind)
        if error["type"] == "extra_forbidden":
            message = "unknown field" + _misplaced(kind, loc)
            line, column = source.document.mark(loc, prefer_key=True)
        elif error["type"] == "missing":
            line, column = source.document.mark(loc[:-1])
            message = "required field is missing"
            if str(loc[-1]).endswith("ctid"):
                message += ": run `credential-catalog ctids` to assign the catalog's missing CTIDs"
        else:
            line, column = source.document.mark(loc)
        problems.append(Problem(source.display, line, column, format_path(loc), message))
    return problems


def _misplaced(kind: type[Any], loc: tuple[Any, ...]) -> str:
    """Where an unknown field belongs when a field of that name sits higher up, else a did-you-mean."""
    name = str(loc[-1])
    parent = loc[:-1]
    while parent:
        parent = parent[:-1]
        if parent and isinstance(parent[-1], int):
            continue
        if name in _fields_at(kind, parent):
            where = f"under `{format_path(parent)}`" if parent else "at the top of the file, not indented"
            return f"; check its indentation: `{name}` belongs {where}"
    return suggest(name, _fields_at(kind, loc[:-1]))


def _fields_at(kind: type[Any], loc: tuple[Any, ...]) -> list[str]:
    fields = getattr(messages.annotation_at(kind, loc), "model_fields", {})
    return [name for name in fields if name != "id"]


def load_catalog(root: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> Catalog:
    catalog, problems = read_catalog(root, max_bytes)
    if problems:
        raise CatalogError(problems)
    return catalog


def read_catalog(root: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Catalog, list[Problem]]:
    """Every entity that loads, and every problem found; :func:`load_catalog` refuses any problem."""
    root = Path(root)
    if not root.is_dir():
        return Catalog(root=root), [Problem(str(root), 1, 1, "", "catalog folder not found")]
    catalog = Catalog(root=root)
    claims = _Claims()
    checked: list[_Pending | list[Problem]] = []

    def not_read(path: Path, message: str) -> None:
        relative = path.relative_to(root).parts if path.is_relative_to(root) else ()
        if len(relative) == 1 and relative[0] in KIND_BY_FOLDER:
            claims.unread.add(relative[0])
        checked.append([Problem(_display(path, root), 1, 1, "", message)])

    for path in _catalog_files(root, not_read):
        checked.append(_check_file(claims, root, path))
    problems: list[Problem] = []
    paths = [item.path for item in checked if isinstance(item, _Pending)]
    with _gc_paused(), closing(_parse_all(paths, max_bytes)) as parsed:
        for item in checked:
            if isinstance(item, list):
                problems += item
                continue
            document = next(parsed)
            if isinstance(document, tuple):
                problems.append(Problem(item.display, *document))
            else:
                source = Source(path=item.path, display=item.display, document=document)
                problems += _validate(catalog, item.kind, item.entity_id, source)
        problems += references.check(catalog, known=claims)
    return catalog, problems


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Loading makes many objects and few cycles: collecting on the way only costs time.

    What was made is then moved to the oldest generation (freeze, then unfreeze), so that the next
    young collection does not walk every one of them again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _check_file(claims: _Claims, root: Path, path: Path) -> _Pending | list[Problem]:
    display = _display(path, root)
    relative = path.relative_to(root)
    if path.is_symlink():
        return [Problem(display, 1, 1, "", "symbolic links are not allowed in the catalog")]
    if not path.is_file():
        return [Problem(display, 1, 1, "", "not a regular file")]
    folder = relative.parts[0] if len(relative.parts) > 1 else ""
    kind = KIND_BY_FOLDER.get(folder)
    if kind is None:
        where = f"folder {folder!r}" if folder else "the catalog's top folder"
        expected = ", ".join(f"{name}/" for name in KIND_BY_FOLDER)
        hint = suggest(folder, KIND_BY_FOLDER) if folder else ""
        return [Problem(display, 1, 1, "", f"YAML files in {where} are not read{hint}; "
                        f"put it in one of {expected}")]
    entity_id = path.name.rsplit(".", 1)[0]
    problem = id_problem(entity_id)
    if problem is not None:
        return [Problem(display, 1, 1, "id", f"file name {shown(entity_id)} {problem}")]
    claimed_by = claims.setdefault((folder, entity_id), display)
    if claimed_by != display:
        return [Problem(display, 1, 1, "id", f"id {entity_id!r} is already used by {claimed_by}")]
    return _Pending(kind, entity_id, path, display)


def _parse(path: Path, max_bytes: int) -> Parsed:
    try:
        return read(path, max_bytes)
    except SourceError as exc:
        return (exc.line, exc.column, exc.field, exc.message)
    except OSError as exc:
        return (1, 1, "", f"cannot read the file: {exc.strerror or exc}")


def _parse_chunk(paths: list[Path], max_bytes: int) -> list[Parsed]:
    return [_parse(path, max_bytes) for path in paths]  # forked with the collector paused


def _parse_all(paths: list[Path], max_bytes: int) -> Generator[Parsed, None, None]:
    """Parsed files in the order of ``paths``; the caller validates each while workers parse on."""
    if len(paths) < PARALLEL_FILES or not can_fork():
        yield from (_parse(path, max_bytes) for path in paths)
        return
    chunks = [paths[start:start + _CHUNK] for start in range(0, len(paths), _CHUNK)]
    with ProcessPoolExecutor(cores(), mp_context=multiprocessing.get_context("fork")) as pool:
        for results in pool.map(_parse_chunk, chunks, repeat(max_bytes)):
            yield from results


def _validate(catalog: Catalog, kind: type[Entity], entity_id: str, source: Source) -> list[Problem]:
    data = source.document.data
    if not isinstance(data, dict):
        return [Problem(source.display, 1, 1, "", "the file must be a mapping of field: value")]
    if "id" in data:
        line, column = source.document.mark(("id",), prefer_key=True)
        return [Problem(source.display, line, column, "id",
                        "remove this field: the id is the file name")]
    try:
        entity = kind.model_validate({**data, "id": entity_id})
    except ValidationError as exc:
        return _pydantic_problems(exc, source, kind)
    catalog.entities[kind.folder][entity_id] = entity
    catalog.sources[(kind.folder, entity_id)] = source
    return []
