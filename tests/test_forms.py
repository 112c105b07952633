"""Links from guides to issue forms: which repository addresses open a new issue."""

import pytest

from credential_catalog.forms import new_issue_url


@pytest.mark.parametrize(("repo_url", "expected"), [
    ("https://github.com/acme/catalog", "https://github.com/acme/catalog/issues/new"),
    ("https://github.com/acme/catalog/", "https://github.com/acme/catalog/issues/new"),
    ("https://github.com/acme/catalog.git", "https://github.com/acme/catalog/issues/new"),
    ("https://GitHub.com/acme/catalog", "https://github.com/acme/catalog/issues/new"),
    ("https://github.com/acme", None),
    ("https://github.com/acme/catalog/tree/main", None),
    ("http://github.com/acme/catalog", None),
    ("https://gitlab.com/acme/catalog", None),
    ("", None),
    (None, None),
])
def test_only_a_github_repository_opens_a_new_issue(repo_url: str | None, expected: str | None) -> None:
    assert new_issue_url(repo_url) == expected
