"""Every page carries a Content-Security-Policy and a referrer policy, and in Chromium no page kind,
embed page or interaction breaks the policy."""

import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from .browser import PAGE_KINDS
from .conftest import watch_errors

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""
EMBEDS = ["embed/credentials/mapping-facts/", "embed/stacks/healthy-teams/",
          "embed/pathways/first-year-teacher-induction/", "embed/recognizers/nea/",
          "embed/list/?ids=mapping-facts,growth-mindset&title=Ours&theme=dark"]


def directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in policy.split(";"))}


def test_every_page_has_the_policies_before_any_script_or_style(real_site: Path) -> None:
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        html = path.read_text(encoding="utf-8")
        head = html.split("</head>")[0]
        match = POLICY.search(head)
        assert match, path
        before = head[: match.start()]
        assert "<script" not in before and "<link rel=\"stylesheet\"" not in before, path
        assert '<meta name="referrer" content="no-referrer">' in head, path
        policy = directives(unescape(match.group(1)))
        assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
        assert policy["style-src"] == ["'self'"], path
        assert policy["script-src"][0] == "'self'", path
        assert all(value.startswith("'sha256-") for value in policy["script-src"][1:]), path
        assert "'unsafe-inline'" not in match.group(1) and "'unsafe-eval'" not in match.group(1)


def test_no_inline_style_attribute_or_element_in_any_page(real_site: Path) -> None:
    # With style-src 'self', the browser would refuse them; the catalog's styles live in files.
    for path in sorted(real_site.rglob("*.html")):
        html = re.sub(r"<(textarea|code|pre)\b.*?</\1>", "", path.read_text(encoding="utf-8"), flags=re.S)
        assert not re.search(r"<style\b|\sstyle=", html), path


@pytest.mark.browser
def test_no_page_breaks_the_policy_in_chromium(browser: Any, real_site_url: str) -> None:
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    watch_errors(page, errors)
    violations: list[str] = []

    def record(path: str) -> None:
        for frame in page.frames:
            violations.extend(f"{path} ({frame.url}): {v}"
                              for v in frame.evaluate("window.__violations || []"))

    def visit(path: str) -> None:
        page.goto(real_site_url + path, wait_until="networkidle")
        record(path)

    for path in [*PAGE_KINDS.values(), *EMBEDS, "no-such-page/", "404.html"]:
        visit(path)
        if path.startswith("embed/list/"):
            page.wait_for_selector(".cc-embed-list li")

    visit("")
    page.click(".cc-scheme-button")  # the dark scheme
    page.keyboard.press("/")
    page.keyboard.type("feedback")
    page.wait_for_selector(".md-search-result__item")
    record("search")

    visit("credentials/")
    page.fill("#cc-query", "mapping")
    page.locator(".cc-results .cc-card").first.wait_for()  # not wait_for_function: it needs eval
    record("browse")

    visit("credentials/mapping-facts/")
    page.locator(".cc-plan-actions .cc-plan-toggle").click()
    visit("plan/")
    page.locator('[data-credential="mapping-facts"]').first.wait_for()
    with page.expect_download():
        page.click(".cc-plan__export")
    record("plan")
    visit("compare/?ids=mapping-facts,growth-mindset")
    page.locator('[data-credential="growth-mindset"]').first.wait_for()
    record("compare")

    visit("embedding/")
    page.wait_for_selector(".cc-embed-builder fieldset input")
    page.locator(".cc-embed-builder fieldset input").nth(1).check()
    page.frame_locator(".cc-embed-builder iframe").locator(".cc-embed-list li").first.wait_for()
    record("embed builder")
    reported = list(errors)

    # The policy is in force: a script the page did not ship is refused, and reported.
    ran = page.evaluate("""() => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.body.append(script);
      return window.__injected === true;
    }""")
    refused = page.evaluate("new Promise(done => setTimeout(() => done(window.__violations), 100))")
    context.close()
    assert not ran and any(v.startswith("script-src") for v in refused)

    assert violations == []
    assert [error for error in reported if "404" not in error] == []
