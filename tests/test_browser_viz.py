"""The network page in a real headless Chromium: drawn, offline, no injection, controls work.

Skips when Chromium is missing, unless KG_REQUIRE_BROWSER=1 (set by .ci/run).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kg.viz.headless import Browser, external_requests, find_chromium, non_white_pixels
from kg.viz.model import load_network
from kg.viz.page import render_network_html, write_network_html
from kg.viz.synthetic import synthetic_nquads

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    binary = find_chromium()
    if binary is None:
        if os.environ.get("KG_REQUIRE_BROWSER") == "1":
            pytest.fail("chromium is required (KG_REQUIRE_BROWSER=1) but not installed: apt-get install chromium")
        pytest.skip("chromium not installed")
    with Browser(binary) as b:
        yield b


@pytest.fixture()
def small_page(viz_store, tmp_path: Path) -> Path:
    return write_network_html(viz_store, tmp_path / "net.html")


def actor_id(b: Browser, name: str) -> int:
    return b.evaluate(f"kg.data.actors.find(a => a.name === {json.dumps(name)}).id")


def test_page_draws_offline(browser: Browser, small_page: Path) -> None:
    r = browser.render(small_page)
    assert r.state.get("kgState") == "drawn", r.state
    assert r.state["kgNodes"] == "6" and r.state["kgEdges"] == "6"
    assert r.console_errors == []
    # Every request stayed on the machine (the page itself, data: URIs of built-in widgets).
    assert r.requests and r.requests[0].startswith("file://")
    assert external_requests(r.requests) == []
    # The network canvas is drawn: many non-white pixels inside #mynetwork.
    box = browser.evaluate("(() => { const r = document.querySelector('#mynetwork canvas').getBoundingClientRect();"
                           " return [r.left, r.top, r.right, r.bottom].map(Math.round); })()")
    drawn = non_white_pixels(r.screenshot, tuple(box))
    area = (box[2] - box[0]) * (box[3] - box[1])
    assert drawn > 2000 and drawn < area * 0.9, (drawn, area)


def test_no_script_injection(browser: Browser, small_page: Path) -> None:
    browser.render(small_page, screenshot=False)
    assert browser.evaluate("typeof window.__kgPwned") == "undefined"
    assert browser.evaluate("document.querySelectorAll('script').length") == 3
    assert browser.evaluate("document.querySelectorAll('img, iframe, object').length") == 0
    evil = actor_id(browser, "<script>window.__kgPwned=1</script>\"O'Brien\" & Co")
    tip = browser.evaluate(f"(() => {{ const t = kg.nodeTooltip({evil});"
                           " return [t.textContent, t.querySelectorAll('script').length]; })()")
    assert tip[0].startswith("<script>window.__kgPwned=1</script>\"O'Brien\" & Co") and tip[1] == 0
    army, southia = actor_id(browser, "Norland Armed Forces"), actor_id(browser, "Southia")
    edges = browser.evaluate("kg.data.edges.map(e => [e.id, e.from, e.to])")
    evil_edge = next(i for i, f, t in edges if f == evil and t == southia)
    html = browser.evaluate(f"kg.edgeTooltip({evil_edge}).innerHTML")
    assert "<img" not in html and "&lt;img src=x onerror=" in html
    assert army != evil
    assert browser.evaluate("typeof window.__kgPwned") == "undefined"


def test_tooltips_rtl_positions_evidence(browser: Browser, small_page: Path) -> None:
    browser.render(small_page, screenshot=False)
    jane = actor_id(browser, "Jane Doe")
    node = browser.evaluate(f"(() => {{ const t = document.body.appendChild(kg.nodeTooltip({jane})); const ar = t.querySelector('[dir=rtl]');"
                            " return {text: t.textContent, ar: ar && ar.textContent, lang: ar && ar.lang,"
                            " dir: ar && getComputedStyle(ar).direction}; })()")
    assert node["ar"] == "جين دو" and node["lang"] == "ar" and node["dir"] == "rtl"
    assert "Country: Norland" in node["text"] and "Minister of Defence / وزير الدفاع" in node["text"]
    army, southia = actor_id(browser, "Norland Armed Forces"), actor_id(browser, "Southia")
    eid = browser.evaluate(f"kg.data.edges.find(e => e.from === {army} && e.to === {southia}).id")
    edge = browser.evaluate(f"(() => {{ const t = kg.edgeTooltip({eid});"
                            " return {text: t.textContent, quotes: t.querySelectorAll('blockquote').length,"
                            " cites: Array.from(t.querySelectorAll('cite')).map(c => c.textContent)}; })()")
    assert "ASSAULT × 3" in edge["text"] and "2021-11-16, 2021-11-17" in edge["text"]
    assert 1 <= edge["quotes"] <= 3 and set(edge["cites"]) <= {"alpha.txt", "beta.txt"}


def test_hover_shows_tooltip(browser: Browser, small_page: Path) -> None:
    browser.render(small_page, screenshot=False)
    browser.evaluate("new Promise(r => setTimeout(r, 300))")
    jane = actor_id(browser, "Jane Doe")
    x, y = browser.evaluate(
        f"(() => {{ const p = kg.network.canvasToDOM(kg.network.getPositions([{jane}])[{jane}]);"
        " const r = document.getElementById('mynetwork').getBoundingClientRect();"
        " return [r.left + p.x, r.top + p.y]; })()")
    for kind in ("mouseMoved", "mouseMoved"):
        browser.call("Input.dispatchMouseEvent", type=kind, x=x + 1, y=y + 1)
        browser.evaluate("new Promise(r => setTimeout(r, 250))")
    tip = browser.evaluate("(() => { const t = document.getElementById('kg-tooltip');"
                           " return [t.hidden, t.textContent]; })()")
    assert tip[0] is False and "Jane Doe" in tip[1]


def test_language_switch_and_filter_controls(browser: Browser, small_page: Path) -> None:
    browser.render(small_page, screenshot=False)
    jane = actor_id(browser, "Jane Doe")

    def click_lang(lang: str) -> str:
        browser.evaluate(f"document.querySelector('input[name=kg-lang][value={lang}]').click()")
        return browser.evaluate(f"nodes.get({jane}).label")

    assert click_lang("ar") == "جين دو"
    assert click_lang("en") == "Jane Doe"
    assert click_lang("both") == "Jane Doe\nجين دو"

    def visible() -> tuple[int, int]:
        s = browser.evaluate("Object.assign({}, document.body.dataset)")
        return int(s["kgVisibleNodes"]), int(s["kgVisibleEdges"])

    assert visible() == (6, 6)
    browser.evaluate("document.querySelector('#kg-event-types input[value=ASSAULT]').click()")
    assert visible() == (5, 5)
    assert browser.evaluate("edges.get().filter(e => !e.hidden).length") == 5
    browser.evaluate("document.getElementById('kg-reset').click()")
    assert visible() == (6, 6)

    def set_value(element: str, value: str) -> None:
        browser.evaluate(f"(() => {{ const i = document.getElementById('{element}'); i.value = {json.dumps(value)};"
                         " i.dispatchEvent(new Event('change', {bubbles: true})); })()")

    set_value("kg-min-weight", "2")
    assert visible() == (2, 1)
    set_value("kg-min-weight", "1")
    set_value("kg-focus", "Jane Doe")
    assert visible() == (2, 1)
    set_value("kg-hops", "2")
    assert visible() == (3, 2)
    set_value("kg-focus", "")
    set_value("kg-date-from", "2021-11-19")
    set_value("kg-date-to", "2021-11-20")
    assert visible() == (4, 3)    # REQUEST, THREATEN on the 19th; AGREE on the 20th
    browser.evaluate("document.querySelector('#kg-actor-types input[value=Country]').click()")
    assert visible() == (0, 0)    # every remaining edge touches a country


def test_large_graph_drawn_with_physics_off(browser: Browser, tmp_path: Path) -> None:
    import pyoxigraph as ox

    from kg.store.oxigraph import OxigraphStore

    store = OxigraphStore(None)
    store.raw.load(input=synthetic_nquads(nodes=600, dyads=1800, seed=5).encode(), format=ox.RdfFormat.N_QUADS)
    page = render_network_html(load_network(store), tmp_path / "big.html")
    r = browser.render(page, timeout=120)
    assert r.state.get("kgState") == "drawn" and r.state["kgNodes"] == "600" and r.state["kgEdges"] == "1800"
    assert browser.evaluate("kg.data.physics") is False
    assert browser.evaluate("kg.network.physics.options.enabled") is False
    assert external_requests(r.requests) == []
