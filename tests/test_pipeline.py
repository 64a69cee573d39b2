"""kg.pipeline: components are checked when the pipeline is built."""

from __future__ import annotations

import pytest

from kg.errors import KgError, PipelineError
from kg.model import Document
from kg.pipeline import DEFAULT_COMPONENTS, Pipeline, extract


def test_default_pipeline_chain_is_complete() -> None:
    p = Pipeline.default()
    assert [c.name for c in p.components] == list(DEFAULT_COMPONENTS)
    assert {"sentences", "tokens", "mentions", "entities", "events", "relations", "date"} <= p.provides


def test_missing_requirement_is_E400() -> None:
    # the gazetteer needs tokens, which only "segment" provides
    with pytest.raises(PipelineError) as ei:
        Pipeline.from_names(["gazetteer", "link"])
    assert ei.value.code == "E400"
    assert "gazetteer" in str(ei.value) and "tokens" in str(ei.value)
    assert isinstance(ei.value, KgError)


def test_order_matters_E400() -> None:
    with pytest.raises(PipelineError) as ei:
        Pipeline.from_names(["segment", "link", "gazetteer"])  # link before any mentions
    assert ei.value.code == "E400"
    assert "link" in str(ei.value) and "mentions" in str(ei.value)


def test_unknown_component_is_E401() -> None:
    with pytest.raises(PipelineError) as ei:
        Pipeline.from_names(["segment", "no-such-step"])
    assert ei.value.code == "E401"
    assert "no-such-step" in str(ei.value)


def test_subset_pipeline_runs_only_its_components() -> None:
    p = Pipeline.from_names(["segment", "gazetteer", "link"])
    ex = p(Document(id="s", text="Russia attacked Ukraine.", lang="en"))
    assert sorted(e.name for e in ex.entities) == ["Russia", "Ukraine"]
    assert ex.events == [] and ex.relations == []
    assert [s.text for s in ex.document.sentences] == ["Russia attacked Ukraine."]


def test_extract_follows_the_contract() -> None:
    doc = Document(id="c1", text="Russia attacked Ukraine on Monday.", lang="en", date="2023-03-15")
    d = extract(doc).to_dict()
    assert d["document"] == {"id": "c1", "source": "", "lang": "en", "date": "2023-03-15"}
    ids = {e["id"] for e in d["entities"]}
    for e in d["entities"]:
        assert set(e) == {"id", "name", "type", "labels", "country", "sector", "mentions", "sameAs"}
        for m in e["mentions"]:
            assert doc.text[m["start"]:m["end"]] == m["text"]
    (ev,) = d["events"]
    assert ev["type"] == "ASSAULT" and ev["source"] in ids and ev["target"] in ids
    assert doc.text[ev["start"]:ev["end"]] == ev["trigger"] == "attacked"
    assert ev["id"].startswith("c1#")


def test_same_document_twice_gives_same_output() -> None:
    text = "وقال وزير الخارجية الروسي سيرغي لافروف إن موسكو لن تتراجع."
    a = extract(Document(id="r", text=text, lang="ar", date="2023-03-15")).to_dict()
    b = extract(Document(id="r", text=text, lang="ar", date="2023-03-15")).to_dict()
    assert a == b
