"""`kg network` analytics: centralities, communities, dyad scores, weights file, exports."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.errors import DataError
from kg.model import PLOVER_TYPES
from kg.network.analytics import actor_graph, analyse, format_report
from kg.network.export import write_gexf, write_graphml
from kg.network.weights import WEIGHTS_PATH, load_weights
from kg.viz.model import load_network

ID = "https://w3id.org/kg-conflict/id/"


@pytest.fixture()
def model(viz_store):
    return load_network(viz_store)


def test_weights_cover_plover_and_order_hostility() -> None:
    w = load_weights()
    assert set(w) == set(PLOVER_TYPES)
    assert w["ASSAULT"] == -10.0 and w["ASSAULT"] == min(w.values())
    assert w["AID"] > w["CONSULT"] > 0 > w["ACCUSE"] > w["THREATEN"]


def test_malformed_weights_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "w.tsv"
    lines = WEIGHTS_PATH.read_text(encoding="utf-8").splitlines()
    lines[lines.index(next(x for x in lines if x.startswith("AID\t")))] = "AID\tlots"
    bad.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_weights(bad)
    assert str(bad) in str(exc.value) and "'lots'" in str(exc.value)
    assert f"line {lines.index('AID' + chr(9) + 'lots') + 1}" in str(exc.value)


def test_centralities(model) -> None:
    r = analyse(model, top=3)
    assert (r.actors, r.dyads, r.events) == (6, 6, 8)
    assert [x.name for x in r.degree][:1] == ["Southia"] and r.degree[0].value == 3
    assert r.betweenness[0].name == "Southia" and r.betweenness[0].value == pytest.approx(0.7)
    assert r.eigenvector[0].name == "Southia"
    assert len(r.degree) == 3


def test_communities_are_deterministic_and_partition(model) -> None:
    a, b = analyse(model, seed=42), analyse(model, seed=42)
    assert [[m.iri for m in c] for c in a.communities] == [[m.iri for m in c] for c in b.communities]
    members = [m.iri for c in a.communities for m in c]
    assert sorted(members) == sorted(model.active_actors())
    # Jane Doe and the UN only talk to each other and Norland: same community.
    home = {m.iri: k for k, c in enumerate(a.communities) for m in c}
    assert home[ID + "jane-doe"] == home[ID + "united-nations"]


def test_hostile_and_cooperative_dyads(model) -> None:
    r = analyse(model)
    worst = r.hostile[0]
    assert {worst.name_a, worst.name_b} == {"Norland Armed Forces", "Southia"}
    assert worst.score == -30.0 and worst.events == 3 and worst.types == (("ASSAULT", 3),)
    best = r.cooperative[0]
    # Norland↔Southia: AGREE (+4) and ACCUSE (-2), both directions merged.
    assert {best.name_a, best.name_b} == {"Norland", "Southia"} and best.score == 2.0
    assert all(d.score < 0 for d in r.hostile) and all(d.score > 0 for d in r.cooperative)


def test_report_text(model) -> None:
    text = format_report(analyse(model, top=2), top=2)
    assert "Network: 6 actors, 6 directed dyads, 8 events" in text
    assert "Norland Armed Forces – Southia  -30.0  (3 events, mean -10.0: ASSAULT×3)" in text
    assert "Communities (Louvain, fixed seed): 2" in text


def test_graphml_and_gexf_round_trip(model, tmp_path: Path) -> None:
    g = actor_graph(model)
    gm = nx.read_graphml(write_graphml(g, tmp_path / "a.graphml"))
    assert gm.number_of_nodes() == 6 and gm.number_of_edges() == 6 and gm.is_directed()
    jane = gm.nodes[ID + "jane-doe"]
    assert jane["label_ar"] == "جين دو" and jane["type"] == "Person"
    edge = gm.edges[ID + "norland-army", ID + "southia"]
    assert edge["weight"] == 3 and edge["types"] == "ASSAULT:3" and edge["score"] == -30.0
    gx = nx.read_gexf(write_gexf(g, tmp_path / "a.gexf"))
    assert gx.number_of_nodes() == 6 and gx.number_of_edges() == 6
    assert gx.nodes[ID + "southia"]["label"] == "Southia"


def test_empty_model() -> None:
    from kg.viz.model import NetworkModel

    r = analyse(NetworkModel({}, []))
    assert r.actors == 0 and "(none)" in format_report(r)
