"""`credential-catalog diff` and `validate --base` on revisions of a real git repository."""

import subprocess
from pathlib import Path

import pytest

from credential_catalog.cli import main
from credential_catalog.ctids import refresh

SPEAKING = "credentials/speaking-up.yml"
ASKING = "credentials/asking-questions.yml"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                    "-c", "commit.gpgsign=false", *args], cwd=repo, check=True, capture_output=True)


def edit(repo: Path, relative: str, old: str, new: str) -> None:
    path = repo / "catalog" / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def copy_credential(repo: Path, new_id: str, title: str) -> None:
    text = (repo / "catalog" / SPEAKING).read_text(encoding="utf-8")
    (repo / "catalog" / "credentials" / f"{new_id}.yml").write_text(refresh(
        text.replace("title: Speaking Up", f"title: {title}").replace("related: [asking-questions]\n", "")
        .replace("Each talk states a claim", f"Each talk in {title} states a claim"),
        {}), encoding="utf-8")


@pytest.fixture
def repo(tiny: Path) -> Path:
    """The tiny project as a git repository whose first commit, tagged ``base``, adds two
    credentials the working tree later removes and retires."""
    copy_credential(tiny, "drafting-claims", "Drafting Claims")
    copy_credential(tiny, "old-questions", "Old Questions")
    git(tiny, "init", "--quiet")
    git(tiny, "add", ".")
    git(tiny, "commit", "--quiet", "-m", "base")
    git(tiny, "tag", "base")
    return tiny


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_diff_reports_every_kind_of_change(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy_credential(repo, "listening-well", "Listening Well")
    (repo / "catalog" / "credentials" / "drafting-claims.yml").unlink()
    edit(repo, "credentials/old-questions.yml", "last_reviewed: 2026-03-01",
         "last_reviewed: 2026-03-01\nstatus: retired\nsuccessor: asking-questions")
    edit(repo, SPEAKING, "summary: Students present a claim to an audience.",
         "summary: Students present a claim to a real audience.")
    edit(repo, SPEAKING, "audience: [classroom-teacher]", "audience: [classroom-teacher, librarian]")
    edit(repo, ASKING, "- Each list has at least five questions.",
         "- Each list has at least eight questions.\n            - Questions are numbered.")
    edit(repo, ASKING, 'version: "1.0"', 'version: "1.1"\nchangelog:\n  - version: "1.1"\n'
         "    date: 2026-04-01\n    summary: Lists need eight questions.")

    edit(repo, "stacks/inquiry.yml", "[asking-questions, ", "[")
    (repo / "catalog" / "resources" / "acme-site.yml").unlink()
    edit(repo, "issuers/acme-institute.yml", "website: acme-site\n", "")

    code, out, _ = run(capsys, "diff", "base", "--catalog", str(repo / "catalog"))

    assert code == 0
    assert out.startswith("## Catalog changes since `base`\n")
    assert "### Credentials: 1 added, 1 removed, 1 retired, 2 changed" in out
    assert "#### Added\n\n- Listening Well (`listening-well`), version 1.0\n" in out
    assert "#### Removed\n\n- Drafting Claims (`drafting-claims`)\n" in out
    retired = out.split("#### Retired")[1].split("#### Changed")[0]
    assert "##### Old Questions (`old-questions`), version 1.0 (unchanged)" in retired
    assert "Successor: `asking-questions`." in retired
    assert "- `status`: active → retired" in retired
    changed = out.split("#### Changed")[1]
    assert "##### Asking Questions (`asking-questions`), version 1.0 → 1.1" in changed
    assert ("  | Passing | *passing*<br>• Each list has at least five questions. "
            "| *passing*<br>• Each list has at least eight questions.<br>• Questions are numbered. |"
            ) in changed
    assert ("  | Not yet | *not passing*<br>• Fewer than five questions per list. "
            "| *not passing*<br>• Fewer than five questions per list. |") in changed
    assert "- `changelog[0].summary`: (none) → Lists need eight questions." in changed
    speaking = changed.split("##### Speaking Up")[1]
    assert ("- `summary`: Students present a claim to an audience. → "
            "Students present a claim to a real audience.") in speaking
    assert "- `audience`: added `librarian`" in speaking
    assert "Weighing Evidence" not in out
    assert "> A removed credential breaks links earners have shared" in out
    assert "### Stacks: 1 changed" in out
    assert "- `credentials`: removed `asking-questions`" in out.split("### Stacks")[1]
    resources = out.split("### Resources: 1 removed")[1]
    assert "- Acme Institute website (`acme-site`)" in resources
    assert "breaks links" not in resources


def test_diff_reads_the_revision_not_the_working_tree(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, SPEAKING, "estimated_hours: 6", "estimated_hours: 7")
    git(repo, "commit", "--quiet", "-am", "more time")

    code, out, _ = run(capsys, "diff", "HEAD", "--catalog", str(repo / "catalog"))
    assert (code, out) == (0, "## Catalog changes since `HEAD`\n\nNo entity in the catalog changed.\n")

    code, out, _ = run(capsys, "diff", "HEAD~1", "--catalog", str(repo / "catalog"))
    assert "- `estimated_hours`: 6.0 → 7.0" in out


def test_diff_from_a_revision_without_a_catalog(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tiny / "README.md").write_text("Empty\n", encoding="utf-8")
    git(tiny, "init", "--quiet")
    git(tiny, "add", "README.md")
    git(tiny, "commit", "--quiet", "-m", "start")
    code, out, _ = run(capsys, "diff", "HEAD", "--catalog", str(tiny / "catalog"))
    assert code == 0
    assert "### Credentials: 3 added" in out
    assert "### Stacks: 1 added" in out


def test_diff_unknown_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "diff", "no-such-branch", "--catalog", str(repo / "catalog"))
    assert (code, out) == (1, "")
    assert err == "cannot compare with no-such-branch: unknown git revision 'no-such-branch'\n"


def test_scoring_guide_change_needs_a_new_version(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, ASKING, "at least five questions", "at least eight questions")

    code, _, err = run(capsys, "validate", str(repo / "catalog"), "--base", "base")

    assert code == 1
    assert err.splitlines()[1:] == [
        "  catalog/credentials/asking-questions.yml:37:10: version: the scoring guide of evidence "
        "part 1 changed since base: raise the version above 1.0, with a changelog entry for the "
        "new version, so that earners can tell what they earned"]


def test_scoring_guide_change_with_a_new_version_passes(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, ASKING, "at least five questions", "at least eight questions")
    edit(repo, ASKING, 'version: "1.0"', 'version: "1.1"')

    code, _, err = run(capsys, "validate", str(repo / "catalog"), "--base", "base")
    assert code == 1
    assert err.splitlines()[1:] == [
        "  catalog/credentials/asking-questions.yml:37:10: version: add a changelog entry for "
        "version 1.1 (version, date, summary of what changed)"]

    edit(repo, ASKING, 'version: "1.1"', 'version: "1.1"\nchangelog:\n  - version: "1.1"\n'
         "    date: 2026-04-01\n    summary: Lists need eight questions.")
    code, out, err = run(capsys, "validate", str(repo / "catalog"), "--base", "base")
    assert (code, err) == (0, "")
    assert out.startswith(f"{repo / 'catalog'}: valid")


def test_competency_and_evidence_changes_are_named(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, ASKING, "competency: The educator teaches", "competency: The educator coaches")
    edit(repo, ASKING, "Submit two students' question lists.", "Submit three students' lists.")
    edit(repo, ASKING, 'version: "1.0"', 'version: "0.9"')

    code, _, err = run(capsys, "validate", str(repo / "catalog"), "--base", "base")

    assert code == 1
    assert ("asking-questions.yml:37:10: version: version 0.9 is lower than 1.0 at base; versions "
            "only go up") in err
    edit(repo, ASKING, 'version: "0.9"', 'version: "1.0"')
    code, _, err = run(capsys, "validate", str(repo / "catalog"), "--base", "base")
    assert "version: the competency, evidence part 1 changed since base" in err


def test_other_fields_change_without_a_new_version(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, SPEAKING, "estimated_hours: 6", "estimated_hours: 7")
    edit(repo, ASKING, "rationale: Questions give", "rationale: Good questions give")
    code, _, err = run(capsys, "validate", str(repo / "catalog"), "--base", "base")
    assert (code, err) == (0, "")


def test_base_files_that_no_longer_load_are_left_out(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, SPEAKING, "estimated_hours: 6", "estimated_hours: 6\nold_field: gone")
    git(repo, "commit", "--quiet", "-am", "a field the models no longer know")
    edit(repo, SPEAKING, "estimated_hours: 6\nold_field: gone", "estimated_hours: 6")
    edit(repo, SPEAKING, "The talk states a claim", "The talk states one claim")
    edit(repo, ASKING, "at least five questions", "at least eight questions")

    code, _, err = run(capsys, "validate", str(repo / "catalog"), "--base", "HEAD")

    assert code == 1
    note, *problems = err.splitlines()
    assert note == ("note: 1 problem(s) in the catalog at HEAD; what did not load there is left "
                    "out of the comparison")
    assert problems[1:] == [
        "  catalog/credentials/asking-questions.yml:37:10: version: the scoring guide of evidence "
        "part 1 changed since HEAD: raise the version above 1.0, with a changelog entry for the "
        "new version, so that earners can tell what they earned"]
