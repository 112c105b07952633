"""``credential-catalog init``: a new catalog for another organization, from the package's starter."""

import importlib.metadata
import json
import shutil
from pathlib import Path
from string import Template

from .ctids import new_ctid, refresh
from .models import KIND_BY_FOLDER
from .schema import schema_text

STARTER = Path(__file__).parent / "starter"
TEMPLATED = ("mkdocs.yml", "README.md", "docs/index.md")
RENAMED = {"gitignore": ".gitignore"}
DISTRIBUTION = "credential-catalog"


def requirement() -> str:
    """How the new catalog's requirements.txt names this plugin: where it was installed from."""
    try:
        dist = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return DISTRIBUTION
    direct = dist.read_text("direct_url.json")
    if direct:
        url = json.loads(direct).get("url", "")
        if url.startswith(("file://", "https://")):
            return f"{DISTRIBUTION} @ {url}"
    return f"{DISTRIBUTION}=={dist.version}"


def init(target: Path, site_name: str) -> list[Path]:
    """Write the starter project into ``target`` (new or empty); returns the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FileExistsError(f"{target} already exists and is not an empty folder")
    shutil.copytree(STARTER, target, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for old, new in RENAMED.items():
        (target / old).rename(target / new)
    for name in TEMPLATED:
        path = target / name
        path.write_text(Template(path.read_text(encoding="utf-8")).safe_substitute(
            site_name=site_name, publisher_ctid=new_ctid()), encoding="utf-8")
    fresh: dict[str, str] = {}
    for path in sorted((target / "catalog").rglob("*.yml")):  # a new catalog's own CTIDs
        path.write_text(refresh(path.read_text(encoding="utf-8"), fresh), encoding="utf-8")
    named = requirement()
    local = ("# This is where the plugin was installed from on the machine that made this catalog:\n"
             "# replace it with a released version or a git address before others install it.\n"
             if named.startswith(f"{DISTRIBUTION} @ file:") else "")
    (target / "requirements.txt").write_text(
        f"# The catalog plugin; it brings MkDocs and Material for MkDocs.\n{local}{named}\n",
        encoding="utf-8")
    schemas = target / "catalog" / "schemas"
    schemas.mkdir()
    for folder in KIND_BY_FOLDER:
        (schemas / f"{folder}.schema.json").write_text(schema_text(folder), encoding="utf-8")
    return sorted(path for path in target.rglob("*") if path.is_file())
