"""The network model read from a store by SPARQL, and the filters."""

from __future__ import annotations

import pytest

from kg.errors import UsageError
from kg.viz.filters import Filters, apply_filters, neighbourhood
from kg.viz.model import load_network

ID = "https://w3id.org/kg-conflict/id/"


@pytest.fixture()
def model(viz_store):
    return load_network(viz_store)


def test_actors_types_labels_positions(model) -> None:
    assert len(model.active_actors()) == 6
    jane = model.actors[ID + "jane-doe"]
    assert jane.type == "Person"
    assert (jane.label_en, jane.label_ar) == ("Jane Doe", "جين دو")
    assert jane.country == "Norland"
    assert jane.positions == ["Minister of Defence / وزير الدفاع"]
    assert model.actors[ID + "united-nations"].type == "IGO"
    assert model.actors[ID + "norland-army"].type == "MilitaryForce"
    assert model.actors[ID + "norland-army"].country == "Norland"


def test_events_types_dates_quads(model) -> None:
    assert len(model.events) == 8
    by_iri = {e.iri.rsplit("/", 1)[-1]: e for e in model.events}
    assert by_iri["ev1"].type == "ASSAULT" and by_iri["ev1"].date == "2021-11-16"
    assert by_iri["ev1"].quad == "material-conflict"          # from cn:quadClass
    assert by_iri["ev2"].quad == "material-conflict"          # fallback from the type
    assert by_iri["ev4"].quad == "verbal-cooperation"
    assert by_iri["ev3"].source == ID + "southia" and by_iri["ev3"].target == ID + "norland"
    assert by_iri["ev7"].date == "2021-11-16"                 # no cn:date: the document's datePublished
    assert "interaction-1" not in by_iri                      # dyad summaries are not events


def test_dyads_aggregate_events_with_direction(model) -> None:
    dyads = {(d.source.rsplit("/", 1)[-1], d.target.rsplit("/", 1)[-1]): d for d in model.dyads()}
    army = dyads[("norland-army", "southia")]
    assert army.count == 3 and army.type_counts() == {"ASSAULT": 3}
    assert army.dates() == ["2021-11-16", "2021-11-17"]
    assert ("southia", "norland") in dyads and ("norland", "southia") in dyads   # both directions kept
    assert dyads[("norland", "southia")].quad() == "verbal-cooperation"


def test_evidence_with_document(model) -> None:
    ev = model.evidence[ID + "ev4"]
    assert [(e.sentence, e.document) for e in ev] == [("Jane Doe held talks with the United Nations.", "beta.txt")]


def test_filter_dates_and_types(model) -> None:
    m = apply_filters(model, Filters.build(date_from="2021-11-17", date_to="2021-11-19"))
    assert sorted(e.iri.rsplit("/", 1)[-1] for e in m.events) == ["ev2", "ev4", "ev5", "ev8"]
    m = apply_filters(model, Filters.build(event_types=["assault,accuse"]))
    assert {e.type for e in m.events} == {"ASSAULT", "ACCUSE"}
    assert set(m.actors) == {ID + "norland-army", ID + "southia", ID + "norland"}


def test_filter_actor_types_and_min_weight(model) -> None:
    m = apply_filters(model, Filters.build(actor_types=["country"]))
    assert {(e.source, e.target) for e in m.events} == {(ID + "southia", ID + "norland"), (ID + "norland", ID + "southia")}
    m = apply_filters(model, Filters.build(min_weight=2))
    assert {e.iri.rsplit("/", 1)[-1] for e in m.events} == {"ev1", "ev2", "ev7"}


def test_filter_focus_hops(model) -> None:
    one = apply_filters(model, Filters.build(focus="Jane Doe", hops=1))
    assert set(one.active_actors()) == {ID + "jane-doe", ID + "united-nations"}
    two = apply_filters(model, Filters.build(focus="جين دو", hops=2))
    assert set(two.active_actors()) == {ID + "jane-doe", ID + "united-nations", ID + "norland"}
    assert neighbourhood("a", [("a", "b"), ("b", "c")], 0) == {"a"}


@pytest.mark.parametrize("kwargs", [
    {"date_from": "16/11/2021"}, {"event_types": ["BOMB"]}, {"actor_types": ["Alien"]}, {"min_weight": 0}, {"hops": -1},
])
def test_bad_filters_are_usage_errors(kwargs) -> None:
    with pytest.raises(UsageError):
        Filters.build(**kwargs)


def test_unknown_focus_is_usage_error(model) -> None:
    with pytest.raises(UsageError, match="nobody"):
        apply_filters(model, Filters.build(focus="nobody"))
