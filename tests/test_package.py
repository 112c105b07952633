"""The plugin travels: a wheel holds its templates and assets, and `init` starts a catalog that builds."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from credential_catalog.loader import load_catalog
from credential_catalog.models import KIND_BY_FOLDER
from credential_catalog.starter import init

from .conftest import ROOT, run_build

UV = Path(sys.executable).parent / "uv"
CLEAN_ENV = {key: value for key, value in os.environ.items()
             if not key.startswith(("CATALOG_", "VIRTUAL_ENV", "PYTHON"))}


def run(*command: str | Path, cwd: Path) -> str:
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=CLEAN_ENV, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def test_init_writes_a_catalog_with_every_kind_that_builds(tmp_path: Path) -> None:
    project = tmp_path / "new"
    init(project, "Example Catalog")
    catalog = load_catalog(project / "catalog")
    assert all(catalog.entities[folder] for folder in KIND_BY_FOLDER), "a kind has no example"
    assert sorted(p.name for p in (project / "catalog" / "schemas").iterdir()) == sorted(
        f"{folder}.schema.json" for folder in KIND_BY_FOLDER)
    for name in ("README.md", "Makefile", ".gitignore", "requirements.txt", "mkdocs.yml"):
        assert (project / name).is_file(), name
    named = (project / "requirements.txt").read_text()
    assert ("credential-catalog @ file:" in named) == ("before others install it" in named)
    readme = (project / "README.md").read_text()
    assert "make serve" in readme and "make test" in readme and "Example Catalog" in readme
    settings = project / "mkdocs.yml"
    assert "\n  font: false\n" in settings.read_text()
    settings.write_text(settings.read_text().replace("\n  font: false\n", "\n"))  # the plugin's own guard
    site = run_build(project)
    home = (site / "index.html").read_text()
    assert "<title>Example Catalog</title>" in home
    assert 'data-md-color-media="(prefers-color-scheme: dark)"' in home and "cc-scheme-button" in home
    fetched = re.findall(r'<link\b[^>]*\brel="(?:preconnect|dns-prefetch|preload|stylesheet|icon)"[^>]*>'
                         r'|\bsrc="[^"]*"', home)
    assert fetched and not [tag for tag in fetched if re.search(r'(?:href|src)="(?:https?:)?//', tag)]
    assert (site / "credentials" / "writing-learning-goals" / "index.html").is_file()
    # The navigation names each section's list once, in an order a reader expects.
    primary = home[home.index("md-nav--primary"):home.index("md-sidebar--secondary")]
    labels = re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', primary)
    assert labels[labels.index("Find a credential"):] == [
        "Find a credential", "Credentials", "Categories", "Stacks", "Pathways", "Standards", "My plan",
        "For districts", "Recognizers", "Planning a pilot", "Issuers"]


def test_init_refuses_a_folder_that_has_files(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        init(tmp_path, "Example")
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_wheel_in_a_clean_virtualenv_starts_and_builds_a_new_catalog(tmp_path: Path) -> None:
    source = tmp_path / "source"
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        _mkdir(source)
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "plugins", source / "plugins",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    output = run(UV, "build", "--wheel", "--out-dir", tmp_path / "dist", cwd=source)
    assert "deprecat" not in output.lower(), output
    [wheel] = (tmp_path / "dist").glob("*.whl")

    locked = tmp_path / "requirements.txt"
    run(UV, "export", "--locked", "--no-emit-project", "--format", "requirements-txt",
        "--output-file", locked, cwd=ROOT)
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    pip = [venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    run(*pip, "--require-hashes", "-r", locked, cwd=tmp_path)
    run(*pip, "--no-deps", wheel, cwd=tmp_path)

    run(venv / "bin" / "credential-catalog", "init", "newcat", "--name", "Elsewhere Catalog", cwd=tmp_path)
    project = tmp_path / "newcat"
    assert wheel.name in (project / "requirements.txt").read_text()
    run(venv / "bin" / "credential-catalog", "validate", "catalog", cwd=project)
    run(venv / "bin" / "mkdocs", "build", "--strict", cwd=project)
    page = (project / "site" / "credentials" / "checking-for-understanding" / "index.html").read_text()
    assert "assets/catalog/catalog.css" in page
    assert (project / "site" / "assets" / "catalog" / "catalog.css").is_file()
    assert (project / "site" / "credentials" / "index.html").is_file()
    assert (project / "site" / "api" / "v1" / "catalog.json").is_file()


def _mkdir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
