"""The ``credential-catalog`` command: validate, scaffold, describe and compare the catalog, or start one."""

import argparse
import datetime as dt
import functools
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import ctids, starter, versioning
from .catalog import Catalog
from .diff import diff_catalogs, markdown
from .ids import is_valid_id
from .loader import load_catalog, read_catalog, suggest
from .models import KIND_BY_FOLDER
from .printing import error, out, safe
from .problems import CatalogError
from .revision import RevisionError, catalog_at
from .scaffold import skeleton
from .schema import schema_text
from .yamlsource import DEFAULT_MAX_BYTES


def _base_catalog(revision: str, directory: str) -> Catalog:
    """The catalog at ``revision``; files that no longer load with today's models are left out."""
    with catalog_at(revision, directory) as folder:
        catalog, problems = read_catalog(folder)
    if problems:
        error(f"note: {len(problems)} problem(s) in the catalog at {revision}; "
              "what did not load there is left out of the comparison")
    return catalog


def _reporting(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Report catalog problems and an unusable git revision on stderr, with exit status 1.

    Everything the command prints goes through ``printing``: it names files and values from
    pull requests."""

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except CatalogError as exc:
            error(exc.report())
        except RevisionError as exc:
            error(f"cannot compare with {args.base}: {exc}")
        return 1

    return run


@_reporting
def _validate(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.directory, args.max_file_bytes)
    if args.base:
        problems = versioning.check(_base_catalog(args.base, args.directory), catalog, args.base)
        if problems:
            raise CatalogError(problems)
    names = {folder: (kind.singular, kind.plural) for folder, kind in KIND_BY_FOLDER.items()}
    counts = ", ".join(f"{len(items)} {names[folder][len(items) != 1]}"
                       for folder, items in catalog.entities.items())
    out(f"{args.directory}: valid ({counts})")
    return 0


@_reporting
def _diff(args: argparse.Namespace) -> int:
    head = load_catalog(args.catalog)
    base = _base_catalog(args.base, args.catalog)
    sys.stdout.write(safe(markdown(diff_catalogs(base, head), args.base)))
    return 0


def _ids(root: Path, folder: str) -> list[str]:
    return sorted(p.stem for p in (root / folder).glob("*.yml") if is_valid_id(p.stem))


def _new(args: argparse.Namespace) -> int:
    root = Path(args.directory)
    target = root / "credentials" / f"{args.id}.yml"
    issuers = _ids(root, "issuers")
    if args.issuer is None:
        choices = f"; choose one of: {', '.join(issuers)}" if issuers else ""
        args.subparser.error("the following argument is required: --issuer (the id of the "
                             f"organization that issues the credential){choices}")
    for kind, value, ids in (("category", args.category, _ids(root, "categories")),
                             ("issuer", args.issuer, issuers)):
        if ids and value not in ids:
            error(f"unknown {kind} {value!r}{suggest(value, ids)}; choose one of: {', '.join(ids)}")
            return 1
    if target.exists():
        error(f"{target} already exists")
        return 1
    try:
        text = skeleton(args.id, args.category, args.issuer, dt.date.today().isoformat(),
                        ctids.new_ctid(), _ids(root, "standards"))
    except ValueError as exc:
        error(str(exc))
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    out(f"created {target}; fill in every TODO, then run: make validate")
    return 0


def _schema(args: argparse.Namespace) -> int:
    folders = [args.kind] if args.kind else list(KIND_BY_FOLDER)
    if args.output:
        folder_out = Path(args.output)
        folder_out.mkdir(parents=True, exist_ok=True)
        for folder in folders:
            (folder_out / f"{folder}.schema.json").write_text(schema_text(folder), encoding="utf-8")
        out(f"wrote {len(folders)} schema file(s) to {folder_out}")
    else:
        sys.stdout.write(schema_text(folders[0] if args.kind else "credentials"))
    return 0


def _ctids(args: argparse.Namespace) -> int:
    if args.new:
        out(ctids.new_ctid())
        return 0
    root = Path(args.directory)
    if not root.is_dir():
        error(f"{root}: catalog folder not found")
        return 1
    try:
        changed = ctids.assign(root)
    except ctids.AssignError as exc:
        error(str(exc))
        return 1
    for path, count in changed.items():
        out(f"{path}: {count} CTID{'s' if count != 1 else ''} added")
    out(f"{root}: every credential, stack, pathway (and its components), issuer and recognizer has a "
          f"CTID ({sum(changed.values())} added; existing ones are never changed)")
    return 0


def _init(args: argparse.Namespace) -> int:
    target = Path(args.directory)
    try:
        written = starter.init(target, args.name)
    except FileExistsError as exc:
        error(str(exc))
        return 1
    out(f"created a new catalog in {target} ({len(written)} files); next:\n"
          f"  cd {target}\n  make serve    # validate, build and serve on http://127.0.0.1:8000\n"
          "  make test     # validate and build with --strict")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="credential-catalog", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check every YAML file; exit 1 listing all problems")
    v.add_argument("directory", nargs="?", default="catalog")
    v.add_argument("--base", metavar="REV", help="also check the version rule against this git "
                   "revision: a changed competency, evidence part or scoring guide needs a higher "
                   "version and a changelog entry")
    v.add_argument("--max-file-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
                   help=f"refuse any file larger than N bytes (default: {DEFAULT_MAX_BYTES:,})")
    v.set_defaults(run=_validate)
    d = sub.add_parser("diff", help="print, as Markdown, what changed in the catalog since a git "
                       "revision")
    d.add_argument("base", metavar="BASE", help="git revision to compare with, e.g. origin/main")
    d.add_argument("--catalog", default="catalog", help="the catalog folder (default: catalog)")
    d.set_defaults(run=_diff)
    n = sub.add_parser("new", help="write a commented skeleton for a new credential",
                       usage="%(prog)s [-h] --category CATEGORY --issuer ISSUER [--directory DIRECTORY] id")
    n.add_argument("id", help="the new credential's id, e.g. checking-for-understanding")
    n.add_argument("--category", required=True, help="id of its category")
    n.add_argument("--issuer", help="id of its issuer (required; no default): a file name in "
                   "catalog/issuers/")
    n.add_argument("--directory", default="catalog")
    n.set_defaults(run=_new, subparser=n)
    c = sub.add_parser("ctids", help="give every credential, stack, pathway (and its components), issuer "
                       "and recognizer that has none a CTID, written into its YAML file; existing CTIDs "
                       "are never changed")
    c.add_argument("directory", nargs="?", default="catalog")
    c.add_argument("--new", action="store_true", help="only print a new CTID (e.g. for publisher_ctid)")
    c.set_defaults(run=_ctids)
    s = sub.add_parser("schema", help="print or write the JSON Schema of the YAML files")
    s.add_argument("--kind", choices=sorted(KIND_BY_FOLDER), help="default: credentials")
    s.add_argument("--output", "-o", help="write every kind's schema into this folder")
    s.set_defaults(run=_schema)
    i = sub.add_parser("init", help="start a new catalog for another organization: mkdocs.yml, an "
                       "example catalog/ with one file of each kind, docs/, a README and a Makefile")
    i.add_argument("directory", help="the folder to create (it must not exist, or be empty)")
    i.add_argument("--name", default="Micro-credential Catalog", help="the site's name")
    i.set_defaults(run=_init)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except OSError as exc:
        error(f"credential-catalog: {exc}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
