"""The network page as written to disk: offline, escaped, styled, filtered, laid out."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kg.errors import UsageError
from kg.viz.model import load_network
from kg.viz.page import external_references, render_network_html, script_json, write_network_html
from kg.viz.style import QUAD_COLOURS, TYPE_COLOURS
from kg.viz.synthetic import synthetic_nquads
from kg.viz.timeline import timeline_svg

VENDOR = re.compile(r"/\*KG-VENDOR-START.*?/\*KG-VENDOR-END\*/", re.S)


class Tags(HTMLParser):
    """Every start tag with its attributes, as the browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    p = Tags()
    p.feed(html)
    return p.tags


def payload(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert m
    return json.loads(m.group(1))


def pyvis_nodes(html: str) -> list[dict]:
    m = re.search(r"var nodes = new vis\.DataSet\((.*?)\);\n", html, re.S)
    assert m
    return json.loads(m.group(1))


def pyvis_edges(html: str) -> list[dict]:
    m = re.search(r"var edges = new vis\.DataSet\((.*?)\);\n", html, re.S)
    assert m
    return json.loads(m.group(1))


@pytest.fixture()
def page(viz_store, tmp_path: Path) -> str:
    out = write_network_html(viz_store, tmp_path / "net.html")
    return out.read_text(encoding="utf-8")


def test_page_is_self_contained(page: str) -> None:
    assert "vis.Network" in page and "KG-VENDOR-START vis-network.min.js" in page
    assert external_references(page) == []
    # Outside the vendored vis-network bundle (licence comments), no URL at all.
    assert not re.search(r"https?:|//cdn|bootstrap", VENDOR.sub("", page), re.I)
    assert "sourceMappingURL" not in page
    for tag, attrs in tags(page):
        assert not (tag == "script" and "src" in attrs), attrs
        assert not (tag == "link" and attrs.get("href")), attrs


def test_article_text_cannot_inject_markup(page: str) -> None:
    # Exactly our three scripts: vis bundle, JSON payload, page logic.
    assert [t for t, _ in tags(page)].count("script") == 3
    assert [t for t, _ in tags(page)].count("img") == 0
    assert "<script>window.__kgPwned" not in page
    assert "</script><script>window" not in page
    # ...and the hostile text is still there, intact, for the page to show as text.
    data = payload(page)
    evil = next(a for a in data["actors"] if a["type"] == "ArmedGroup")
    assert evil["en"] == "<script>window.__kgPwned=1</script>\"O'Brien\" & Co"
    sentences = [s for e in data["edges"] for s, _doc in e["evid"]]
    assert any("onerror='window.__kgPwned=2'" in s for s in sentences)
    docs = [d for e in data["edges"] for _s, d in e["evid"]]
    assert 'evil"<script>window.__kgPwned=4</script>.txt' in docs


def test_script_json_escapes_closing_tags() -> None:
    text = script_json({"x": "</script><!-- \u2028 & '"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": "</script><!-- \u2028 & '"}


def test_nodes_coloured_by_type_sized_by_centrality(page: str) -> None:
    data = payload(page)
    nodes = {n["id"]: n for n in pyvis_nodes(page)}
    by_name = {a["name"]: nodes[a["id"]] for a in data["actors"]}
    assert by_name["Jane Doe"]["color"] == TYPE_COLOURS["Person"]
    assert by_name["United Nations"]["color"] == TYPE_COLOURS["IGO"]
    assert by_name["Southia"]["color"] == TYPE_COLOURS["Country"]
    # Southia takes part in most events, Jane Doe in one.
    assert by_name["Southia"]["size"] == max(n["size"] for n in nodes.values())
    assert by_name["Jane Doe"]["size"] < by_name["Southia"]["size"]


def test_labels_bilingual_and_language_switch(viz_store, tmp_path: Path) -> None:
    both = pyvis_nodes(write_network_html(viz_store, tmp_path / "b.html").read_text(encoding="utf-8"))
    assert "Jane Doe\nجين دو" in {n["label"] for n in both}
    ar = pyvis_nodes(write_network_html(viz_store, tmp_path / "a.html", lang="ar").read_text(encoding="utf-8"))
    assert "جين دو" in {n["label"] for n in ar} and "Jane Doe" not in {n["label"] for n in ar}
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert 'value="ar" checked' in page
    with pytest.raises(UsageError):
        write_network_html(viz_store, tmp_path / "x.html", lang="fr")


def test_edges_coloured_by_quad_width_by_count_with_arrows(page: str) -> None:
    data = payload(page)
    names = {a["id"]: a["name"] for a in data["actors"]}
    edges = {(names[e["from"]], names[e["to"]]): e for e in pyvis_edges(page)}
    army = edges[("Norland Armed Forces", "Southia")]
    assert army["color"] == QUAD_COLOURS["material-conflict"]
    assert army["arrows"] == "to"
    assert edges[("Jane Doe", "United Nations")]["color"] == QUAD_COLOURS["verbal-cooperation"]
    assert army["width"] > edges[("Jane Doe", "United Nations")]["width"]


def test_hover_data_types_dates_evidence(page: str) -> None:
    data = payload(page)
    names = {a["id"]: a["name"] for a in data["actors"]}
    e = next(e for e in data["edges"] if (names[e["from"]], names[e["to"]]) == ("Norland Armed Forces", "Southia"))
    counts = {}
    for t, day, n in e["ev"]:
        counts[data["types"][t]] = counts.get(data["types"][t], 0) + n
    assert counts == {"ASSAULT": 3}
    assert {data["days"][day] for _t, day, _n in e["ev"]} == {"2021-11-16", "2021-11-17"}
    assert 1 <= len(e["evid"]) <= 3
    assert {d for _s, d in e["evid"]} <= {"alpha.txt", "beta.txt"}
    jane = next(a for a in data["actors"] if a["name"] == "Jane Doe")
    assert jane["positions"] == ["Minister of Defence / وزير الدفاع"] and jane["country"] == "Norland"


def test_filters_as_options(viz_store, tmp_path: Path) -> None:
    html = write_network_html(viz_store, tmp_path / "f.html", event_types=["ASSAULT"], min_weight=2).read_text(encoding="utf-8")
    data = payload(html)
    assert data["types"] == ["ASSAULT"]
    assert sorted(a["name"] for a in data["actors"]) == ["Norland Armed Forces", "Southia"]
    assert len(pyvis_edges(html)) == 1
    assert data["filters"]["minWeight"] == 2


def test_small_graph_uses_physics_large_graph_is_laid_out(viz_store, tmp_path: Path) -> None:
    small = (write_network_html(viz_store, tmp_path / "s.html")).read_text(encoding="utf-8")
    assert payload(small)["physics"] is True
    assert all("x" not in n for n in pyvis_nodes(small))

    import pyoxigraph as ox

    from kg.store.oxigraph import OxigraphStore

    big = OxigraphStore(None)
    big.raw.load(input=synthetic_nquads(nodes=400, dyads=900, seed=3).encode(), format=ox.RdfFormat.N_QUADS)
    html = render_network_html(load_network(big), tmp_path / "big.html", physics_limit=300).read_text(encoding="utf-8")
    assert payload(html)["physics"] is False
    nodes = pyvis_nodes(html)
    assert len(nodes) == 400
    assert all(isinstance(n["x"], float) and n["physics"] is False for n in nodes)
    assert len({(n["x"], n["y"]) for n in nodes}) == 400          # no two dots on top of each other
    assert '"physics": {"enabled": false}' in html


def test_timeline_svg(viz_store) -> None:
    model = load_network(viz_store)
    svg = timeline_svg(model, {iri: a.name for iri, a in model.actors.items()})
    assert svg.startswith("<svg") and "http" not in svg
    # 5 days (16..20 Nov): bars on the 4 days with events; ASSAULT on the 16th has 2 events.
    assert "2021-11-16 ASSAULT: 2" in svg
    assert svg.count("<rect") >= 6
    assert "Norland Armed Forces → Southia" in svg
    assert "<script>" not in svg and "&lt;script&gt;window.__kgPwned=1" in svg


def test_empty_store_still_writes_a_page(tmp_path: Path) -> None:
    from kg.store.oxigraph import OxigraphStore

    html = write_network_html(OxigraphStore(None), tmp_path / "e.html").read_text(encoding="utf-8")
    assert "<b>0</b> actors" in html and "No dated events" in html
