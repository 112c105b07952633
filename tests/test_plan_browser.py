"""My plan and compare in Debian's Chromium: made on credential pages, kept in the browser, shared by
link, moved as a file, compared and printed; nothing leaves the browser."""

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

from credential_catalog.ctids import assign
from credential_catalog.loader import load_catalog
from credential_catalog.plan import checklist, criteria_to_meet

from .browser import serve
from .conftest import ROOT, TINY, run_build, tiny_project, watch_errors
from .test_accessibility import AXE, HARNESS, violations

pytestmark = pytest.mark.browser

FIRST, SECOND = "mapping-facts", "active-listening"
READY = ".cc-plan[data-ready]"


@pytest.fixture(scope="module")
def catalog() -> Any:
    return load_catalog(ROOT / "catalog")


def hours(catalog: Any, *ids: str) -> str:
    total = round(sum(catalog.credentials[cid].estimated_hours for cid in ids), 1)
    return f"about {total:g} hour{'' if total == 1 else 's'}"


class Requests:
    """Every request a browser context makes; any to another origin is refused and kept."""

    def __init__(self, context: Any, site_url: str) -> None:
        self.origin = urlsplit(site_url).netloc
        self.urls: list[str] = []
        context.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        self.urls.append(url)
        if self._ours(url):
            route.continue_()
        else:
            route.abort()

    def _ours(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.netloc == self.origin or parts.scheme in {"data", "blob", "about"}

    def foreign(self) -> list[str]:
        return [url for url in self.urls if not self._ours(url)]


@pytest.fixture
def context(browser: Any, real_site_url: str) -> Iterator[tuple[Any, Requests, list[str]]]:
    """A fresh browser context whose requests are recorded and whose pages must not fail."""
    context = browser.new_context(accept_downloads=True)
    requests = Requests(context, real_site_url)
    errors: list[str] = []

    context.on("page", lambda page: watch_errors(page, errors))
    yield context, requests, errors
    context.close()
    assert requests.foreign() == []
    assert errors == []


def open_plan(page: Any, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_selector(READY)
    return page.locator(".cc-plan__item").evaluate_all("items => items.map(item => item.dataset.credential)")


def wait_order(page: Any, ids: list[str]) -> None:
    page.wait_for_selector(f'.cc-plan[data-ready="{",".join(ids)}"]')


def status(page: Any, text: str) -> None:
    page.wait_for_function("t => document.querySelector('.cc-plan__status').textContent.includes(t)",
                           arg=text)


def pdf_pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_a_plan_made_on_credential_pages_is_kept_reordered_shared_compared_and_printed(
        browser: Any, context: Any, real_site_url: str, catalog: Any) -> None:
    ctx, requests, _ = context
    page = ctx.new_page()
    for cid in (FIRST, SECOND):
        page.goto(f"{real_site_url}credentials/{cid}/")
        toggle = page.locator(".cc-plan-actions .cc-plan-toggle")
        assert toggle.locator(".cc-plan-toggle__text").inner_text() == "Add to my plan"
        assert toggle.evaluate("b => b.textContent") == f"Add to my plan: {catalog.credentials[cid].title}"
        toggle.click()
        assert toggle.locator(".cc-plan-toggle__text").inner_text() == "In my plan \u2014 remove"
    page.reload()
    assert page.locator(".cc-plan-actions .cc-plan-toggle__text").inner_text() == "In my plan \u2014 remove"
    assert page.locator(".cc-plan-actions .cc-plan-link__count").inner_text() == " (2 credentials)"

    assert open_plan(page, real_site_url + "plan/") == [FIRST, SECOND]
    assert page.inner_text(".cc-plan__hours") == hours(catalog, FIRST, SECOND)
    assert "(the catalog's estimates)" in page.inner_text(".cc-plan__totals")
    assert not page.locator(".cc-needs-script").first.is_visible()

    # Reorder from the keyboard: focus stays on the moved credential, and the move is announced.
    page.focus(f'[data-credential="{SECOND}"] [data-action="up"]')
    page.keyboard.press("Enter")
    wait_order(page, [SECOND, FIRST])
    status(page, f"{catalog.credentials[SECOND].title} moved to position 1 of 2.")
    assert page.evaluate("document.activeElement.closest('[data-credential]').dataset.credential") == SECOND
    assert page.evaluate("document.activeElement.dataset.action") == "down"
    assert open_plan(page, real_site_url + "plan/") == [SECOND, FIRST]

    # Progress on the evidence checklist is kept.
    box = page.locator(f'[data-credential="{FIRST}"] .cc-plan__checklist input').first
    box.check()
    page.reload()
    page.wait_for_selector(READY)
    assert page.locator(f'[data-credential="{FIRST}"] .cc-plan__checklist input').first.is_checked()
    legend = page.inner_text(f'[data-credential="{FIRST}"] .cc-plan__checklist legend')
    assert legend == f"Evidence to collect: 1 of {len(checklist(catalog.credentials[FIRST]))} ready"

    # Each credential says where to earn it: its issuer's site.
    issuer = catalog.issuers[catalog.credentials[FIRST].issuer]
    earn = page.locator(f'[data-credential="{FIRST}"] .cc-plan__earn')
    assert earn.locator("a").get_attribute("href") == catalog.earn_url(catalog.credentials[FIRST])
    said = f"Earn it: {catalog.credentials[FIRST].title} on {issuer.name}\u2019s site, where you submit"
    assert earn.evaluate("p => p.textContent") == f"{said} your evidence"

    link = page.input_value("#cc-plan-link")
    assert link == f"{real_site_url}plan/?ids={SECOND},{FIRST}"

    # Printing gives a cover, then each credential from a new page with all its scoring guides.
    page.wait_for_selector(f'.cc-packet[data-ready="{SECOND},{FIRST}"]', state="attached")
    page.emulate_media(media="print")
    assert not page.locator(".cc-plan__tools").is_visible()
    printed = pdf_pages(page.pdf(format="Letter"))
    starts = {cid: [n for n, text in enumerate(printed)
                    if text.startswith(f"{number}. {catalog.credentials[cid].title} ")]
              for number, cid in enumerate((SECOND, FIRST), 1)}
    assert all(len(found) == 1 for found in starts.values()), [text[:60] for text in printed]
    assert 0 < starts[SECOND][0] < starts[FIRST][0]
    cover = " ".join(printed[:starts[SECOND][0]])
    # A printed page opens with the site's name and the page's address, then the plan's title.
    assert re.match(r"[^·]+ · http\S+/plan/ My plan ", cover), cover[:120]
    assert hours(catalog, FIRST, SECOND) in cover
    first, second = (catalog.credentials[cid].title for cid in (FIRST, SECOND))
    assert cover.index(f"1. {second}") < cover.index(f"2. {first}")
    for cid in (SECOND, FIRST):
        credential = catalog.credentials[cid]
        own = " ".join(printed[starts[cid][0]:])
        assert "written for this catalog from the credential's published description" in own, cid
        assert f"Submit on {issuer.name}\u2019s site: {catalog.earn_url(credential)}" in own, cid
        for index, part in enumerate(credential.submission.evidence, 1):
            assert f"Scoring guide for part {index}: {part.name}" in own, (cid, index)
            assert " ".join(part.scoring_guide[0].criteria[0].split()).replace("*", "") in own

    # The link opens the same plan in another browser, which can keep it.
    other = browser.new_context()
    elsewhere = Requests(other, real_site_url)
    fresh = other.new_page()
    assert open_plan(fresh, link) == [SECOND, FIRST]
    assert fresh.inner_text(".cc-plan__hours") == hours(catalog, FIRST, SECOND)
    assert "not saved in this browser" in fresh.inner_text(".cc-plan__shared")
    assert fresh.locator(".cc-plan__moves").count() == 0
    fresh.get_by_role("button", name="Save as my plan").click()
    fresh.wait_for_url(f"{real_site_url}plan/")
    fresh.wait_for_function("document.activeElement.id === 'plan-credentials'")
    assert open_plan(fresh, real_site_url + "plan/") == [SECOND, FIRST]
    other.close()
    assert elsewhere.foreign() == []

    # Compare the two side by side.
    page.emulate_media(media="screen")
    page.goto(f"{real_site_url}compare/?ids={FIRST},{SECOND}")
    page.wait_for_selector(".cc-compare[data-ready]")
    heads = page.locator(".cc-compare__grid thead th").all_inner_texts()
    assert [text.splitlines()[0] for text in heads] == [catalog.credentials[FIRST].title,
                                                         catalog.credentials[SECOND].title]
    rows = {row.locator("th").inner_text(): row.locator("td").all_inner_texts()
            for row in page.locator(".cc-compare__grid tbody tr").all()}
    both = [catalog.credentials[cid] for cid in (FIRST, SECOND)]
    assert rows["Criteria to meet"] == [str(criteria_to_meet(c)) for c in both]
    assert rows["Evidence parts"] == [str(len(c.submission.evidence)) for c in both]
    assert rows["Estimated time (the catalog's estimate)"] == [hours(catalog, FIRST), hours(catalog, SECOND)]
    assert rows["Category"] == [catalog.categories[c.category].title for c in both]
    assert set(rows) >= {"Summary", "Evidence you submit", "Stacks", "Pathways",
                         "Standards for Professional Learning", "Recognition and eligibility"}
    assert any(url.endswith(f"assets/catalog/plan/{FIRST}.json") for url in requests.urls)


def test_compare_boxes_on_the_credentials_page_lead_to_the_comparison(context: Any, real_site_url: str,
                                                                       catalog: Any) -> None:
    ctx, _, _ = context
    page = ctx.new_page()
    page.goto(real_site_url + "credentials/")
    page.wait_for_selector(".cc-browse-all .cc-card__compare")
    bar = page.locator(".cc-compare-bar")
    assert not bar.is_visible()
    page.locator(f'.cc-browse-all [data-credential="{FIRST}"] .cc-card__compare input').check()
    assert "choose at least one more" in bar.inner_text()
    page.fill("#cc-query", "listening")
    page.wait_for_selector('.cc-status[data-query="listening"]', state="attached")
    page.wait_for_selector(f'.cc-results [data-credential="{SECOND}"] .cc-card__compare input')
    result = page.locator(f'.cc-results [data-credential="{SECOND}"]')
    assert result.locator(".cc-plan-toggle__text").inner_text() == "Add to my plan"
    result.locator(".cc-card__compare input").check()
    page.fill("#cc-query", "")
    page.wait_for_selector('.cc-status[data-query=""]', state="attached")
    # The grouped list was out of the page meanwhile; it comes back showing the choice made.
    page.wait_for_selector(f'.cc-browse-all [data-credential="{SECOND}"] .cc-card__compare input:checked',
                           timeout=5000)
    for extra in ("kind-critiquing", "mapping-concepts"):
        page.locator(f'.cc-browse-all [data-credential="{extra}"] .cc-card__compare input').check()
    page.locator('.cc-browse-all [data-credential="growth-mindset"] .cc-card__compare input').click()
    chosen = page.locator(".cc-browse-all .cc-card__compare input:checked").evaluate_all(
        "boxes => boxes.map(box => box.dataset.compareId)")
    assert len(chosen) == 4 and "growth-mindset" not in chosen  # a fifth is refused
    assert "up to 4" in page.inner_text("body > .cc-sr-only[role=status]")
    page.locator(".cc-compare-bar a", has_text="Compare them").click()
    page.wait_for_selector(".cc-compare[data-ready]")
    assert page.get_attribute(".cc-compare", "data-ready") == \
        f"{FIRST},{SECOND},kind-critiquing,mapping-concepts"
    critiquing = catalog.credentials["kind-critiquing"].title
    page.get_by_role("button", name=f"Remove {critiquing} from the comparison").click()
    page.wait_for_selector(f'.cc-compare[data-ready="{FIRST},{SECOND},mapping-concepts"]')
    assert page.url.endswith(f"compare/?ids={FIRST},{SECOND},mapping-concepts")


def test_a_plan_saved_as_a_file_opens_in_another_browser(browser: Any, context: Any, real_site_url: str,
                                                         tmp_path: Path) -> None:
    ctx, _, _ = context
    page = ctx.new_page()
    page.goto(real_site_url + "plan/")
    page.evaluate("ids => ids.forEach(id => window.CredentialPlan.add(id))", [FIRST, SECOND])
    page.evaluate("() => window.CredentialPlan.setDone('mapping-facts', 'part-1', true)")
    assert open_plan(page, real_site_url + "plan/") == [FIRST, SECOND]
    with page.expect_download() as download:
        page.click(".cc-plan__export")
    saved = tmp_path / "my-plan.json"
    download.value.save_as(saved)
    body = json.loads(saved.read_text(encoding="utf-8"))
    assert body["format"] == "credential-catalog-plan"
    assert body["credentials"] == [FIRST, SECOND]
    assert body["collected"] == {FIRST: ["part-1"]}

    other = browser.new_context()
    fresh = other.new_page()
    fresh.goto(real_site_url + "plan/")
    fresh.wait_for_selector(READY)
    fresh.evaluate("() => window.CredentialPlan.add('kind-critiquing')")
    assert open_plan(fresh, real_site_url + "plan/") == ["kind-critiquing"]
    fresh.set_input_files("#cc-plan-file", str(saved))
    fresh.get_by_role("button", name="Add the file's credentials to my plan").click()
    wait_order(fresh, ["kind-critiquing", FIRST, SECOND])
    assert fresh.locator(f'[data-credential="{FIRST}"] input[data-key="part-1"]').is_checked()

    bad = tmp_path / "not-a-plan.json"
    bad.write_text('{"credentials": ["mapping-facts"]}', encoding="utf-8")
    fresh.set_input_files("#cc-plan-file", str(bad))
    status(fresh, "That file is not a plan saved from this catalog; nothing changed.")
    assert open_plan(fresh, real_site_url + "plan/") == ["kind-critiquing", FIRST, SECOND]
    other.close()


def focused(page: Any) -> dict[str, Any]:
    return page.evaluate("""() => {
      const node = document.activeElement;
      const item = node.closest('[data-credential]');
      return {credential: item && item.dataset.credential, action: node.dataset.action || null,
              undo: node.classList.contains('cc-plan__undo'), name: node.textContent, id: node.id};
    }""")


def ticks(page: Any, cid: str) -> list[str]:
    return page.locator(f'[data-credential="{cid}"] .cc-plan__checklist input:checked').evaluate_all(
        "boxes => boxes.map(box => box.dataset.key)")


PLAN = [FIRST, SECOND, "belonging-and-caring", "kind-critiquing"]


def test_removing_offers_undo_which_puts_it_back_with_its_ticks(browser: Any, real_site_url: str,
                                                               catalog: Any) -> None:
    """At phone width with the keyboard, Enter twice on Remove removes one credential, then puts it
    back where it was with the evidence ticked on it: the focus goes to Undo, never to another Remove."""
    ctx = browser.new_context(viewport={"width": 390, "height": 800})
    page = ctx.new_page()
    page.goto(real_site_url + "plan/")
    page.evaluate("ids => ids.forEach(id => window.CredentialPlan.add(id))", PLAN)
    open_plan(page, real_site_url + "plan/")
    for key in ("overview", "part-2"):
        page.focus(f'[data-credential="{SECOND}"] input[data-key="{key}"]')
        page.keyboard.press("Space")
    title = catalog.credentials[SECOND].title
    assert ticks(page, SECOND) == ["overview", "part-2"]

    press(page, f'[data-credential="{SECOND}"] [data-action="remove"]')
    wait_order(page, [FIRST, *PLAN[2:]])
    status(page, f"{title} removed from your plan; 3 credentials left. Its ticks are kept")
    assert focused(page)["undo"] and focused(page)["name"] == f"Undo removing {title}"
    undo = page.get_by_role("button", name=f"Undo removing {title}")
    assert undo.is_visible()
    page.keyboard.press("Enter")  # the second Enter undoes the removal and removes nothing else
    wait_order(page, PLAN)
    status(page, f"{title} is back in your plan, at position 2 of 4.")
    assert ticks(page, SECOND) == ["overview", "part-2"]
    assert page.inner_text(f'[data-credential="{SECOND}"] .cc-plan__checklist legend') == \
        "Evidence to collect: 2 of 4 ready"
    now = focused(page)
    assert (now["credential"], now["action"]) == (SECOND, "remove")
    assert not undo.is_visible()

    # Undo lasts until the next change: a tick, a move or another removal ends it.
    press(page, f'[data-credential="{FIRST}"] [data-action="remove"]')
    wait_order(page, PLAN[1:])
    assert undo.count() == 0 and page.locator(".cc-plan__undo").is_visible()
    press(page, f'[data-credential="{SECOND}"] [data-action="down"]')
    wait_order(page, [PLAN[2], SECOND, PLAN[3]])
    assert not page.locator(".cc-plan__undo").is_visible()
    assert focused(page)["credential"] == SECOND

    # Removing the last one leaves the focus on Undo, which brings the plan back.
    for cid in (PLAN[2], SECOND, PLAN[3]):
        press(page, f'[data-credential="{cid}"] [data-action="remove"]')
        page.wait_for_function("() => document.activeElement.classList.contains('cc-plan__undo')")
    wait_order(page, [])
    assert page.locator(".cc-plan__empty").is_visible()
    assert not page.locator(".cc-plan__print").is_visible()
    assert not page.locator(".cc-plan__totals").is_visible()  # no screen of zeros
    page.keyboard.press("Enter")
    wait_order(page, [PLAN[3]])
    assert page.locator(".cc-plan__totals").is_visible()
    ctx.close()


def test_a_removed_credential_comes_back_with_its_ticks_but_is_not_shared_meanwhile(
        context: Any, real_site_url: str, tmp_path: Path) -> None:
    ctx, _, _ = context
    page = ctx.new_page()
    page.goto(real_site_url + "plan/")
    page.evaluate("ids => ids.forEach(id => window.CredentialPlan.add(id))", PLAN)
    open_plan(page, real_site_url + "plan/")
    for cid, key in ((SECOND, "overview"), (SECOND, "part-1"), (FIRST, "part-1")):
        page.locator(f'[data-credential="{cid}"] input[data-key="{key}"]').check()
    press(page, f'[data-credential="{SECOND}"] [data-action="remove"]')
    rest = [FIRST, *PLAN[2:]]
    wait_order(page, rest)

    # The link, the file and the printed plan hold only what is in the plan.
    assert page.input_value("#cc-plan-link") == f"{real_site_url}plan/?ids={','.join(rest)}"
    with page.expect_download() as download:
        page.click(".cc-plan__export")
    download.value.save_as(tmp_path / "plan.json")
    body = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert body["credentials"] == rest
    assert body["collected"] == {FIRST: ["part-1"]}
    page.wait_for_selector(f'.cc-packet[data-ready="{",".join(rest)}"]', state="attached")
    assert page.locator(f'.cc-packet [data-credential="{SECOND}"]').count() == 0
    assert page.evaluate("() => window.CredentialPlan.load()") == {"ids": rest, "done": {FIRST: ["part-1"]}}

    # Added again from its own page, it comes back (at the end) with its ticks.
    page.goto(f"{real_site_url}credentials/{SECOND}/")
    page.locator(".cc-plan-actions .cc-plan-toggle").click()
    assert open_plan(page, real_site_url + "plan/") == [*rest, SECOND]
    assert ticks(page, SECOND) == ["overview", "part-1"]
    assert page.inner_text(f'[data-credential="{SECOND}"] .cc-plan__checklist legend') == \
        "Evidence to collect: 2 of 4 ready"


def test_a_card_taken_out_of_the_plan_and_added_again_goes_back_in_place(context: Any,
                                                                         real_site_url: str) -> None:
    ctx, _, _ = context
    page = ctx.new_page()
    page.goto(real_site_url + "plan/")
    page.evaluate("ids => ids.forEach(id => window.CredentialPlan.add(id))", PLAN)
    page.evaluate(f"() => window.CredentialPlan.setDone('{SECOND}', 'part-2', true)")
    page.goto(real_site_url + "credentials/")
    toggle = f'.cc-browse-all [data-credential="{SECOND}"] .cc-plan-toggle'
    press(page, toggle)
    assert saved(page) == [FIRST, *PLAN[2:]]
    assert "Its ticked evidence is kept" in page.inner_text("body > .cc-sr-only[role=status]")
    assert page.evaluate("document.activeElement.textContent").startswith("Add to my plan")
    page.keyboard.press("Enter")
    assert saved(page) == PLAN
    assert page.evaluate("() => window.CredentialPlan.load().done") == {SECOND: ["part-2"]}


def test_the_ticks_kept_for_removed_credentials_are_bounded(tab: Any, tiny_site: str) -> None:
    tab.goto(f"{tiny_site}plan/")
    tab.wait_for_selector(READY)
    stored = tab.evaluate("""() => {
      const plan = window.CredentialPlan;
      for (let round = 0; round < 3; round++) {
        const ids = Array.from({length: 100}, (_, n) => `made-up-${round}-${n}`);
        ids.forEach(id => { plan.add(id); plan.setDone(id, 'part-1', true); });
        plan.removeAll(ids);
      }
      const key = Object.keys(localStorage).find(name => name.startsWith('credential-catalog:plan:'));
      return JSON.parse(localStorage.getItem(key));
    }""")
    assert stored["ids"] == []
    assert stored["kept"] == [f"made-up-2-{n}" for n in range(100)]
    assert sorted(stored["done"]) == sorted(stored["kept"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_plan_and_compare_have_no_wcag_violations(browser: Any, real_site_url: str, scheme: str,
                                                  width: int) -> None:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make test`, which installs axe-core from npm")
    ctx = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 800}, **HARNESS)
    page = ctx.new_page()
    found = {}
    page.goto(real_site_url + "credentials/")
    page.wait_for_selector(".cc-card__compare")
    page.locator(f'.cc-browse-all [data-credential="{FIRST}"] .cc-card__compare input').check()
    page.locator(f'.cc-browse-all [data-credential="{FIRST}"] .cc-plan-toggle').click()
    page.locator(f'.cc-browse-all [data-credential="{SECOND}"] .cc-plan-toggle').click()
    found["credentials with the compare bar"] = violations(page)
    open_plan(page, real_site_url + "plan/")
    found["plan"] = violations(page)
    page.click(f'[data-credential="{FIRST}"] [data-action="remove"]')
    page.wait_for_selector(".cc-plan__undo", state="visible")
    page.wait_for_timeout(300)  # Material's buttons fade to their hover colours
    found["plan, a credential just removed"] = violations(page)
    page.goto(f"{real_site_url}plan/?ids={SECOND},kind-critiquing")
    page.wait_for_selector(READY)
    found["shared plan"] = violations(page)
    page.goto(f"{real_site_url}compare/?ids={FIRST},{SECOND},kind-critiquing,mapping-concepts")
    page.wait_for_selector(".cc-compare[data-ready] .cc-plan-toggle")
    found["compare"] = violations(page)
    page.goto(f"{real_site_url}credentials/{FIRST}/")
    page.wait_for_selector(".cc-plan-actions .cc-plan-toggle")
    found["credential"] = violations(page)
    for path in ("stacks/healthy-teams/", "pathways/first-year-teacher-induction/"):
        page.goto(real_site_url + path)
        page.locator(".cc-plan-group__toggle").click()
        page.wait_for_selector(".cc-plan-group__undo", state="visible")
        page.wait_for_timeout(300)  # Material's buttons fade to their hover colours
        found[f"{path}, its credentials added"] = violations(page)
    ctx.close()
    assert found == {name: [] for name in found}


def test_without_javascript_the_pages_say_what_they_need(browser: Any, real_site_url: str) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    for path in ("plan/", "compare/?ids=mapping-facts,active-listening"):
        page.goto(real_site_url + path)
        note = page.locator(".cc-needs-script")
        assert note.is_visible()
        assert "needs JavaScript" in note.inner_text()
        assert note.locator("a").get_attribute("href") == "../credentials/"
        assert not page.locator(".cc-plan, .cc-compare").first.is_visible()
    page.goto(real_site_url + f"credentials/{FIRST}/")
    assert not page.locator(".cc-plan-actions").is_visible()
    ctx.close()


@pytest.fixture(scope="module")
def nested_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The tiny site with a pathway whose first step is the whole starter pathway."""
    project = tiny_project(tmp_path_factory.mktemp("nested"))
    (project / "catalog" / "pathways" / "advanced.yml").write_text(
        "title: Advanced Pathway\nsummary: After the starter.\ndescription: The next year.\n"
        "audience: [classroom-teacher]\nsteps:\n  - pathway: starter\n"
        "  - credentials: [speaking-up, weighing-evidence]\n    choose: 1\n", encoding="utf-8")
    assign(project / "catalog")
    with serve(run_build(project)) as url:
        yield url


@pytest.mark.parametrize(("ids", "stacks", "pathways"), [
    (["asking-questions"], [], ["Starter Pathway: 1 of 3 steps covered"]),
    (["weighing-evidence", "asking-questions"], [],
     ["Starter Pathway: 2 of 3 steps covered", "Advanced Pathway: 2 of 2 steps covered"]),
    (["weighing-evidence", "asking-questions", "speaking-up"], ["Inquiry"],
     ["Starter Pathway: 3 of 3 steps covered", "Advanced Pathway: 2 of 2 steps covered"]),
    (["speaking-up"], [],
     ["Starter Pathway: 1 of 3 steps covered", "Advanced Pathway: 1 of 2 steps covered"]),
])
def test_totals_count_completed_stacks_and_covered_steps(tab: Any, nested_site: str, ids: list[str],
                                                         stacks: list[str], pathways: list[str]) -> None:
    open_plan(tab, f"{nested_site}plan/?ids={','.join(ids)}")
    assert tab.locator(".cc-plan__stacks > li").all_inner_texts() == stacks
    covered = [text.splitlines()[0] for text in tab.locator(".cc-plan__pathways > li").all_inner_texts()]
    assert covered == pathways
    catalog = load_catalog(TINY / "catalog")
    assert tab.inner_text(".cc-plan__hours") == hours(catalog, *ids)


def test_a_link_naming_unknown_credentials_shows_the_known_ones(tab: Any, tiny_site: str) -> None:
    assert open_plan(tab, f"{tiny_site}plan/?ids=constructor,asking-questions,no-such-one") == [
        "asking-questions"]
    assert "2 credentials in the link are not in this catalog" in tab.inner_text(".cc-plan__shared")
    tab.goto(f"{tiny_site}compare/?ids=constructor,asking-questions,speaking-up")
    tab.wait_for_selector(".cc-compare[data-ready]")
    assert tab.get_attribute(".cc-compare", "data-ready") == "asking-questions,speaking-up"
    tab.wait_for_function(
        "document.querySelector('.cc-compare__status').textContent.startsWith('1 credential in the address')")


INQUIRY = ["asking-questions", "weighing-evidence", "speaking-up"]
TOGGLE = ".cc-plan-group__toggle"
LABEL = ".cc-plan-group__text"


def group_says(page: Any, text: str) -> None:
    page.wait_for_function("t => document.querySelector('.cc-plan-group__status').textContent === t",
                           arg=text)


def saved(page: Any) -> list[str]:
    return page.evaluate("() => window.CredentialPlan.load().ids")


def press(page: Any, selector: str) -> None:
    page.focus(selector)
    page.keyboard.press("Enter")


def test_a_stack_page_adds_its_credentials_to_the_plan_and_takes_them_back(tab: Any,
                                                                           nested_site: str) -> None:
    catalog = load_catalog(TINY / "catalog")
    mine = tab.context.new_page()
    mine.goto(f"{nested_site}plan/")  # open meanwhile in another tab, where the totals follow
    mine.wait_for_selector(READY)
    tab.goto(f"{nested_site}stacks/inquiry/")
    tab.evaluate("() => window.CredentialPlan.add('weighing-evidence')")
    tab.reload()
    toggle = tab.locator(TOGGLE)
    label = toggle.locator(LABEL)
    assert label.inner_text() == "Add this stack's credentials to my plan"
    press(tab, TOGGLE)
    group_says(tab, "Added 2 credentials to your plan; 1 was already in it. It now has 3 credentials.")
    assert saved(tab) == ["weighing-evidence", "asking-questions", "speaking-up"]
    assert label.inner_text() == "All in my plan \u2014 remove them"
    assert toggle.evaluate("b => b.textContent") == \
        "All in my plan \u2014 remove them: this stack's credentials"
    assert tab.locator(".cc-card .cc-plan-toggle__text").all_inner_texts() == ["In my plan \u2014 remove"] * 3
    assert tab.locator(".cc-plan-group .cc-plan-link__count").inner_text() == " (3 credentials)"
    wait_order(mine, ["weighing-evidence", "asking-questions", "speaking-up"])
    assert mine.inner_text(".cc-plan__hours") == hours(catalog, *INQUIRY)
    assert "Inquiry" in mine.locator(".cc-plan__stacks").inner_text()

    # Undo takes back what was just added, and only that; the focus goes back to the button.
    press(tab, ".cc-plan-group__undo")
    group_says(tab, "Undone: 2 credentials taken out of your plan again. It now has 1 credential.")
    assert saved(tab) == ["weighing-evidence"]
    assert tab.evaluate("document.activeElement.classList.contains('cc-plan-group__toggle')")
    assert not tab.locator(".cc-plan-group__undo").is_visible()
    assert label.inner_text() == "Add this stack's credentials to my plan"
    wait_order(mine, ["weighing-evidence"])
    assert mine.inner_text(".cc-plan__hours") == hours(catalog, "weighing-evidence")

    # Once all are in, the button takes them all out, keeping what was ticked for when they come
    # back; Undo puts them back in their places.
    press(tab, TOGGLE)
    tab.evaluate("() => window.CredentialPlan.add('from-elsewhere')")
    tab.evaluate("() => window.CredentialPlan.setDone('asking-questions', 'overview', true)")
    press(tab, TOGGLE)
    group_says(tab, "Removed 3 credentials from your plan; the evidence you ticked as collected is kept for "
                    "when you add them again. It now has 1 credential.")
    assert saved(tab) == ["from-elsewhere"]
    assert tab.evaluate("document.activeElement.classList.contains('cc-plan-group__toggle')")
    wait_order(mine, [])  # a credential of another catalog is kept in the plan, not shown
    press(tab, ".cc-plan-group__undo")
    group_says(tab, "Undone: 3 credentials put back in your plan. It now has 4 credentials.")
    back = ["weighing-evidence", "asking-questions", "speaking-up", "from-elsewhere"]
    assert saved(tab) == back
    assert tab.evaluate("() => window.CredentialPlan.load().done") == {"asking-questions": ["overview"]}
    wait_order(mine, back[:3])


def test_a_pathway_page_adds_its_credentials_step_by_step(tab: Any, nested_site: str) -> None:
    tab.goto(f"{nested_site}pathways/advanced/")
    assert "every option is added" in tab.inner_text(".cc-plan-group__note")
    press(tab, TOGGLE)
    group_says(tab, "Added 3 credentials to your plan. It now has 3 credentials.")
    # The starter pathway's credentials come first, as the advanced pathway's first step names it.
    assert saved(tab) == INQUIRY
    assert tab.locator(f"{TOGGLE} {LABEL}").inner_text() == "All in my plan \u2014 remove them"
    open_plan(tab, f"{nested_site}plan/")
    covered = [text.splitlines()[0] for text in tab.locator(".cc-plan__pathways > li").all_inner_texts()]
    assert "Advanced Pathway: 2 of 2 steps covered" in covered


def test_the_stack_row_takes_its_place_before_it_shows_and_is_absent_without_javascript(
        browser: Any, nested_site: str) -> None:
    """The row keeps its space from the first paint, so showing it moves nothing below it."""
    def measure(page: Any) -> dict[str, float]:
        return page.evaluate("""() => {
          const row = document.querySelector('.cc-plan-group');
          return {row: row.getBoundingClientRect().height,
                  next: row.nextElementSibling.getBoundingClientRect().top + window.scrollY,
                  shown: row.checkVisibility({visibilityProperty: true})};
        }""")

    url = f"{nested_site}stacks/inquiry/"
    found = {}
    runs = (("before the script", {}), ("drawn", {}), ("no javascript", {"java_script_enabled": False}))
    for name, options in runs:
        context = browser.new_context(viewport={"width": 390, "height": 800}, **options)
        if name == "before the script":
            context.route("**/plan-buttons.js",
                          lambda route: route.fulfill(body="", content_type="text/javascript"))
        page = context.new_page()
        page.goto(url)
        if name == "drawn":
            page.wait_for_selector(".cc-plan-group[data-plan-ready]")
        found[name] = measure(page)
        context.close()
    assert found["drawn"]["shown"] and not found["before the script"]["shown"]
    assert found["drawn"]["row"] > 0
    assert found["before the script"] == {**found["drawn"], "shown": False}
    assert found["no javascript"]["row"] == 0 and not found["no javascript"]["shown"]


def test_adding_a_credential_on_a_phone_moves_nothing_below_the_button(browser: Any,
                                                                        nested_site: str) -> None:
    """The button's wording grows ("In my plan \u2014 remove") and the plan link gains a count, yet
    the page under them stays where it was."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(nested_site + "credentials/weighing-evidence/")
    page.wait_for_selector(".cc-plan-actions[data-plan-ready]")
    below = ("() => document.querySelector('.cc-plan-actions').nextElementSibling"
             ".getBoundingClientRect().top + window.scrollY")
    before = page.evaluate(below)
    press(page, ".cc-plan-actions .cc-plan-toggle")
    page.wait_for_selector(".cc-plan-actions .cc-plan-link__count:not(:empty)")
    assert page.evaluate(below) == before
    context.close()


def started_stacks(catalog: Any, ids: list[str]) -> list[str]:
    return [stack.title for stack in catalog.stacks.values() if stack.status == "active"
            and 0 < len(set(stack.credentials) & set(ids)) < len(stack.credentials)]


def test_a_long_started_list_folds_and_the_printed_plan_keeps_its_summary(
        context: Any, real_site_url: str, catalog: Any) -> None:
    ctx, _, _ = context
    page = ctx.new_page()
    ids = ["belonging-and-caring", "kind-critiquing", "mapping-facts", "productive-teamwork"]
    started = started_stacks(catalog, ids)
    assert len(started) > 3
    page.goto(real_site_url + "plan/")
    page.evaluate("ids => ids.forEach(id => window.CredentialPlan.add(id))", ids)
    open_plan(page, real_site_url + "plan/")
    fold = page.locator("details.cc-plan__started")
    summary = fold.locator("summary")
    assert summary.inner_text() == f"Started: {len(started)} stacks with credentials still to add"
    assert not fold.locator("ul").is_visible()
    press(page, "details.cc-plan__started summary")
    assert sorted(fold.locator("ul > li > a").all_inner_texts()) == sorted(started)
    assert fold.locator("ul").is_visible()
    # Drawn again after a move, it stays open.
    press(page, f'[data-credential="{ids[1]}"] [data-action="up"]')
    wait_order(page, [ids[1], ids[0], *ids[2:]])
    assert page.locator("details.cc-plan__started ul").is_visible()

    # Printed, the summary keeps the stacks completed and every pathway's covered steps.
    moved = ",".join([ids[1], ids[0], *ids[2:]])
    page.wait_for_selector(f'.cc-packet[data-ready="{moved}"]', state="attached")
    covered = [text.splitlines()[0] for text in page.locator(".cc-plan__pathways > li").all_inner_texts()]
    page.emulate_media(media="print")
    assert page.locator(".cc-plan__pathways").is_visible()
    cover = pdf_pages(page.pdf(format="Letter"))[0]
    for line in covered:
        assert line in cover, line

    # A short list stays a plain list.
    page.emulate_media(media="screen")
    few = ["mapping-facts"]
    open_plan(page, f"{real_site_url}plan/?ids={','.join(few)}")
    assert 0 < len(started_stacks(catalog, few)) <= 3
    assert page.locator("details.cc-plan__started").count() == 0
    assert page.locator("div.cc-plan__started > p").inner_text() == "Started:"


def test_compare_on_a_phone_keeps_the_labels_in_view_and_a_whole_column_readable(
        browser: Any, real_site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(f"{real_site_url}compare/?ids={FIRST},{SECOND},evidence-backed-positions")
    page.wait_for_selector(".cc-compare[data-ready]")
    measure = """() => {
      const box = el => el.getBoundingClientRect();
      const label = box(document.querySelector('.cc-compare__grid tbody th'));
      const first = box(document.querySelector('.cc-compare__grid tbody td'));
      const caption = box(document.querySelector('.cc-compare__grid caption'));
      return {label: label.left, first: [first.left, first.right], caption: caption.right, width: innerWidth};
    }"""
    before = page.evaluate(measure)
    assert before["first"][1] <= before["width"] and before["caption"] <= before["width"]
    page.evaluate("document.querySelector('.cc-compare__scroll').scrollLeft = 300")
    after = page.evaluate(measure)
    assert after["label"] == before["label"] and after["first"][0] < before["first"][0]
    context.close()
