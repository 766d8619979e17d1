"""What a lesson costs on a cheap data plan: measured in a real browser, with a cold cache."""

from playwright.sync_api import expect

from .conftest import PHONE, _context, sign_in

BUDGET_BYTES = 10 * 1024


def test_a_lesson_is_under_10_kb_on_the_wire_with_a_cold_cache(site, browser):
    context = _context(browser, viewport=PHONE)
    page = context.new_page()
    sign_in(page, site.url, "learner")
    page.get_by_role("link", name="Courses").first.click()
    page.get_by_role("link", name="Sample rights course").click()
    lesson_url = page.get_by_role("link", name="Start the course").get_attribute("href")
    # Signed in, but nothing in the browser's cache: as on a phone opening its first lesson.
    context.new_cdp_session(page).send("Network.clearBrowserCache")

    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(site.url + lesson_url)
    expect(page.get_by_role("heading", name="First steps")).to_be_visible()
    page.wait_for_load_state("networkidle")

    sizes = {r.url: r.request.sizes() for r in responses}
    total = sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes.values())
    assert total <= BUDGET_BYTES, f"{total} bytes: {sizes}"
    named = {r.url.split("?")[0].rsplit("/", 1)[-1]: r for r in responses}
    assert {"pathways.css", "quick-exit.js"} <= set(named), "the cache was not cold"
    stylesheet = named["pathways.css"]
    assert stylesheet.header_value("content-encoding") in ("br", "gzip")
    assert "immutable" in stylesheet.header_value("cache-control")
    assert responses[0].header_value("content-encoding") in ("br", "gzip")
    context.close()
