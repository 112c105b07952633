"""The GitHub workflows and templates: valid YAML that runs the same Makefile targets as local work."""

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml

from credential_catalog.vocabulary import RecognizerKind

from .conftest import ROOT

GITHUB = ROOT / ".github"
FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M))


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    return workflow.get("on", workflow.get(True))  # PyYAML reads the bare key `on` as True


def make_calls(run: list[dict[str, Any]]) -> list[tuple[str, dict[str, str], list[str]]]:
    """Each ``make`` command the steps run: its target, its variables and what follows it
    (redirections), as the shell would split the line."""
    calls = []
    for step in run:
        for line in step.get("run", "").splitlines():
            words = shlex.split(line)
            if words[:1] == ["make"]:
                args = [w for w in words[1:] if not w.startswith("-")]
                variables = dict(w.split("=", 1) for w in args if "=" in w)
                targets = [w for w in args if "=" not in w]
                calls.append((targets[0], variables, targets[1:]))
    return calls


def test_pull_request_workflow_runs_the_makefile_targets() -> None:
    workflow = load(GITHUB / "workflows" / "pull-request.yml")
    assert "pull_request" in triggers(workflow)
    calls = {target: (variables, rest) for target, variables, rest in make_calls(steps(workflow))}
    assert [t for t, _, _ in make_calls(steps(workflow)) if t in ("validate", "build", "test")] == [
        "validate", "build", "test"]
    base = {name: value for job in workflow["jobs"].values() for name, value in job.get("env", {}).items()
            if "pull_request.base.sha" in value}
    assert len(base) == 1  # the version rule and the diff compare with the pull request's base
    for target in ("validate", "diff"):
        assert calls[target][0] == {"BASE": f"${next(iter(base))}"}, target
    assert calls["diff"][1] == [">>", "$GITHUB_STEP_SUMMARY"]  # reviewers read it in the summary
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    checkout = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the diff needs the base commit


def test_deploy_workflow_builds_main_for_pages() -> None:
    workflow = load(GITHUB / "workflows" / "deploy.yml")
    assert triggers(workflow)["push"]["branches"] == ["main"]
    assert workflow["permissions"]["pages"] == "write"
    build = next(s for s in steps(workflow) if [call[0] for call in make_calls([s])] == ["build"])
    assert set(build["env"]) == {"CATALOG_SITE_URL", "CATALOG_REPO_URL", "CATALOG_EDIT_URI"}
    uses = [s["uses"].split("@")[0] for s in steps(workflow) if "uses" in s]
    assert "actions/upload-pages-artifact" in uses
    assert "actions/deploy-pages" in uses


@pytest.mark.parametrize("name", ["pull-request.yml", "deploy.yml"])
def test_workflows_call_only_existing_make_targets(name: str) -> None:
    runs = "\n".join(s.get("run", "") for s in steps(load(GITHUB / "workflows" / name)))
    called = set(re.findall(r"^make (?:--\S+ )*([a-z][a-z-]*)", runs, re.M))
    assert called
    assert called <= make_targets()


def test_issue_forms_are_well_formed() -> None:
    forms = sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml"))
    names = {p.name for p in forms}
    assert {"propose-credential.yml", "scoring-guide-problem.yml", "add-recognizer.yml"} <= names
    for path in forms:
        if path.name == "config.yml":
            continue
        form = load(path)
        assert form["name"] and form["description"], path
        ids = []
        for item in form["body"]:
            assert item["type"] in FORM_TYPES, path
            if item["type"] != "markdown":
                ids.append(item["id"])
                assert item["attributes"]["label"], path
        assert len(ids) == len(set(ids)), path


def test_the_recognizer_form_offers_the_kinds_the_catalog_accepts() -> None:
    form = load(GITHUB / "ISSUE_TEMPLATE" / "add-recognizer.yml")
    kind = next(item for item in form["body"] if item.get("id") == "kind")
    offered = [re.search(r"\((\w+)\)$", option).group(1) for option in kind["attributes"]["options"]]
    assert offered == list(get_args(RecognizerKind))


def test_pull_request_checklist_asks_the_proposal_forms_questions() -> None:
    form = load(GITHUB / "ISSUE_TEMPLATE" / "propose-credential.yml")
    questions = [item["id"] for item in form["body"]
                 if re.match(r"\d+\. ", item.get("attributes", {}).get("label", ""))]
    assert len(questions) == 5
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    checked = re.findall(r"^- \[ \] \*\*([A-Za-z ]+)\.\*\*", template, re.M)
    assert [item.split()[0].lower() for item in checked] == questions


LOCKS = {"uv": ("/", "uv.lock"), "pip": ("/requirements", "uv.txt"), "npm": ("/", "package-lock.json")}


def test_dependabot_watches_every_lock() -> None:
    updates = {u["package-ecosystem"]: u["directory"] for u in load(GITHUB / "dependabot.yml")["updates"]}
    for ecosystem, (directory, lock) in LOCKS.items():
        assert updates.get(ecosystem) == directory, ecosystem
        assert (ROOT / directory.lstrip("/") / lock).is_file(), lock


def test_setup_installs_only_from_the_locks() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^\$\(STAMP\):.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe is not None
    installs = [line for line in recipe.group(1).splitlines() if "install" in line or " sync" in line]
    assert installs and all("--require-hashes" in line or "--locked" in line for line in installs), installs
    assert re.search(r"^\t.*npm ci\b", makefile, re.M), "node tools must come from package-lock.json"


def test_the_installed_uv_is_the_pinned_one() -> None:
    pinned = re.search(r"^uv==(\S+)", (ROOT / "requirements" / "uv.txt").read_text(), re.M)
    assert pinned is not None
    uv = Path(sys.executable).parent / "uv"
    version = subprocess.run([uv, "--version"], capture_output=True, text=True, check=True).stdout
    assert version.split()[1] == pinned.group(1)
