"""Links from the site's own guides to the repository's issue forms.

A guide writes ``[Add a district](issue-form:add-recognizer)``. On a site whose ``repo_url`` is a
GitHub repository the link opens that form, filled in by nobody yet; anywhere else (a local
preview, a repository on another host) the words stay, without a link. A link to a form the
repository does not have fails the build, naming the page and the line.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

FORMS_DIR = Path(".github") / "ISSUE_TEMPLATE"
_LINK = re.compile(r"\[([^\]]+)\]\(\s*issue-form:([^)\s]*)\s*\)")
_LEFT = re.compile(r"\]\(\s*issue-form:")


class FormLinkError(ValueError):
    pass


def form_names(root: Path) -> set[str]:
    """The issue forms a project has: ``.github/ISSUE_TEMPLATE/<name>.yml``."""
    folder = root / FORMS_DIR
    return {path.stem for path in folder.glob("*.yml") if path.stem != "config"} if folder.is_dir() else set()


def new_issue_url(repo_url: str | None) -> str | None:
    """Where a GitHub repository opens a new issue, or None when ``repo_url`` is not one."""
    if not repo_url:
        return None
    parts = urlsplit(repo_url)
    path = parts.path.strip("/").removesuffix(".git")
    if parts.scheme != "https" or parts.netloc.lower() != "github.com" or path.count("/") != 1:
        return None
    return f"https://github.com/{path}/issues/new"


def link_forms(markdown: str, where: str, forms: set[str], repo_url: str | None) -> str:
    """``markdown`` with its ``issue-form:`` links resolved (see the module's docstring)."""
    base = new_issue_url(repo_url)

    def resolve(match: re.Match[str]) -> str:
        text, name = match.groups()
        if name not in forms:
            line = markdown.count("\n", 0, match.start()) + 1
            known = ", ".join(sorted(forms)) or "none"
            raise FormLinkError(f"{where}:{line}: the link to issue form {name!r} names no form in "
                                f"{FORMS_DIR.as_posix()}/ (the forms there: {known})")
        return f"[{text}]({base}?template={name}.yml)" if base else text

    linked = _LINK.sub(resolve, markdown)
    left = _LEFT.search(linked)
    if left is not None:
        line = linked.count("\n", 0, left.start()) + 1
        raise FormLinkError(f"{where}:{line}: write a link to an issue form as [its words](issue-form:NAME)")
    return linked
