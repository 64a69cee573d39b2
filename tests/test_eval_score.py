"""Scorer unit tests on tiny hand-made gold and predictions."""

from __future__ import annotations

from typing import Any

import pytest

from kg.eval.gold import parse_gold
from kg.eval.match import max_matching
from kg.eval.normalize import key, same
from kg.eval.score import PRF, same_sentence, score_extraction

S1 = "قصفت القوات الروسية مدينة خاركيف."
S2 = "واتهمت أوكرانيا روسيا بانتهاك الهدنة."
S3 = "وقال الرئيس الأوكراني فولوديمير زيلينسكي إن بلاده لن تتراجع."


def gold(**over: Any):
    data = {
        "source": "t.txt", "lang": "ar", "date": None,
        "entities": [
            {"name": "Russia", "type": "Country", "mentions": ["روسيا"], "aliases": ["Russian Federation"]},
            {"name": "Ukraine", "type": "Country", "mentions": ["أوكرانيا", "وأوكرانيا"], "aliases": []},
            {"name": "Armed Forces of Russia", "type": "MilitaryForce", "mentions": ["القوات الروسية"], "aliases": []},
            {"name": "Volodymyr Zelensky", "type": "Person", "mentions": ["فولوديمير زيلينسكي"], "aliases": []},
        ],
        "events": [
            {"type": "ASSAULT", "source": "Armed Forces of Russia", "target": "Ukraine", "sentence": S1},
            {"type": "ACCUSE", "source": "Ukraine", "target": "Russia", "sentence": S2},
        ],
        "relations": [
            {"subject": "Volodymyr Zelensky", "predicate": "holdsPosition", "object": "President of Ukraine", "evidence": S3},
            {"subject": "Volodymyr Zelensky", "predicate": "leaderOf", "object": "Ukraine", "evidence": S3},
        ],
    }
    data.update(over)
    return parse_gold(data, "t.json")


def ent(i: str, name: str, typ: str, *mentions: str, ar: str = "") -> dict[str, Any]:
    return {"id": i, "name": name, "type": typ, "labels": {"ar": ar, "en": name},
            "mentions": [{"text": m, "start": 0, "end": len(m)} for m in mentions], "sameAs": []}


def ev(typ: str, src: str | None, tgt: str | None, sentence: str) -> dict[str, Any]:
    return {"id": "v", "type": typ, "source": src, "target": tgt, "sentence": sentence, "trigger": ""}


def perfect() -> dict[str, Any]:
    return {
        "document": {"id": "t"},
        "entities": [ent("r", "Russia", "Country", "روسيا"), ent("u", "Ukraine", "Country", "أوكرانيا"),
                     ent("f", "Armed Forces of Russia", "MilitaryForce", "القوات الروسية"),
                     ent("z", "Volodymyr Zelensky", "Person", "فولوديمير زيلينسكي")],
        "events": [ev("ASSAULT", "f", "u", S1), ev("ACCUSE", "u", "r", S2)],
        "relations": [{"subject": "z", "predicate": "holdsPosition", "object": "President of Ukraine"},
                      {"subject": "z", "predicate": "leaderOf", "object": "u"}],
    }


def f1s(pred: dict[str, Any], g=None) -> dict[str, float]:
    s = score_extraction(pred, g or gold())
    return {k: round(v.f1, 4) for k, v in s.scores.items()}


def test_perfect_match_scores_one_everywhere() -> None:
    s = score_extraction(perfect(), gold())
    for name, prf in s.scores.items():
        assert (prf.precision, prf.recall, prf.f1) == (1.0, 1.0, 1.0), name
    assert s.scores["entity"].tp == 4 and s.scores["event"].tp == 2 and s.scores["relation"].tp == 2


def test_wrong_type_counts_only_in_typed_score() -> None:
    p = perfect()
    p["entities"][3]["type"] = "Place"  # Zelensky as a place
    s = score_extraction(p, gold())
    assert s.scores["entity"].f1 == 1.0
    typed = s.scores["entity_typed"]
    assert (typed.tp, typed.fp, typed.fn) == (3, 1, 1)


def test_organisation_like_types_count_as_one() -> None:
    p = perfect()
    p["entities"][2]["type"] = "ArmedGroup"  # MilitaryForce vs ArmedGroup: both organisation-like
    assert f1s(p)["entity_typed"] == 1.0


def test_clitic_prefixed_mention_matches() -> None:
    # Only a clitic-prefixed, differently spelt mention links these entities to gold.
    p = perfect()
    p["entities"][0] = ent("r", "روسيا", "Country", "وروسيا")
    p["entities"][2] = ent("f", "x", "MilitaryForce", "بالقوات الروسيه")
    s = score_extraction(p, gold())
    assert s.scores["entity"].tp == 4
    assert s.scores["event_roles"].tp == 2  # actors resolve through the same matching


def test_name_matches_gold_alias_and_case() -> None:
    p = perfect()
    p["entities"][0] = ent("r", "the russian federation", "Country")  # no mentions at all
    assert f1s(p)["entity"] == 1.0


def test_unrelated_entity_is_a_false_positive() -> None:
    p = perfect()
    p["entities"].append(ent("x", "Kharkiv", "Place", "خاركيف"))
    s = score_extraction(p, gold())
    assert (s.scores["entity"].tp, s.scores["entity"].fp, s.scores["entity"].fn) == (4, 1, 0)
    assert s.false_positives["entity"] and "Kharkiv" in s.false_positives["entity"][0]


def test_one_to_one_entity_matching() -> None:
    # Two predicted entities for Russia: only one can be credited.
    p = perfect()
    p["entities"].append(ent("r2", "Russia", "Country", "روسيا"))
    prf = score_extraction(p, gold()).scores["entity"]
    assert (prf.tp, prf.fp, prf.fn) == (4, 1, 0)


def test_swapped_roles_allowed_for_symmetric_types_only() -> None:
    p = perfect()
    p["events"] = [ev("ASSAULT", "u", "f", S1), ev("ACCUSE", "r", "u", S2)]  # both swapped
    s = score_extraction(p, gold())
    assert s.scores["event"].f1 == 1.0
    roles = s.scores["event_roles"]
    assert (roles.tp, roles.fp, roles.fn) == (1, 1, 1)  # ASSAULT symmetric, ACCUSE not
    assert "ACCUSE" in s.false_negatives["event_roles"][0]


def test_null_role_matches_only_null() -> None:
    p = perfect()
    p["events"][0]["target"] = None
    assert score_extraction(p, gold()).scores["event_roles"].tp == 1
    g = gold(events=[{"type": "ASSAULT", "source": "Armed Forces of Russia", "target": None, "sentence": S1}])
    p["events"] = [ev("ASSAULT", "f", None, S1)]
    assert f1s(p, g)["event_roles"] == 1.0


def test_missing_event_lowers_recall_not_precision() -> None:
    p = perfect()
    p["events"] = p["events"][:1]
    prf = score_extraction(p, gold()).scores["event"]
    assert prf.precision == 1.0 and prf.recall == 0.5
    assert prf.f1 == pytest.approx(2 / 3)


def test_event_needs_same_type_and_sentence() -> None:
    p = perfect()
    p["events"] = [ev("THREATEN", "f", "u", S1), ev("ACCUSE", "u", "r", S1)]
    prf = score_extraction(p, gold()).scores["event"]
    assert (prf.tp, prf.fp, prf.fn) == (0, 2, 2)


def test_holds_position_needs_only_the_subject() -> None:
    p = perfect()
    p["relations"][0]["object"] = "Head of State"
    assert f1s(p)["relation"] == 1.0
    p["relations"][1]["object"] = "r"  # leaderOf Russia: the object matters here
    prf = score_extraction(p, gold()).scores["relation"]
    assert (prf.tp, prf.fp, prf.fn) == (1, 1, 1)


def test_relation_object_may_be_a_bare_name() -> None:
    p = perfect()
    p["relations"][1]["object"] = "Ukraine"  # not an entity id: compared as a name
    assert f1s(p)["relation"] == 1.0


def test_extraction_objects_are_accepted() -> None:
    from kg.model import Document, Entity, Extraction, Mention

    doc = Document(id="t", text="روسيا", lang="ar")
    ex = Extraction(doc, [Entity("r", "Russia", "Country", mentions=[Mention(0, 5, "روسيا", "Country")])])
    prf = score_extraction(ex, gold(events=[], relations=[])).scores["entity"]
    assert (prf.tp, prf.fp, prf.fn) == (1, 0, 3)


@pytest.mark.parametrize("a,b,expected", [
    (S1, "  " + S1.replace(" ", "  ") + "\n", True),                      # whitespace only
    (S1, S1[:-1], True),                                                   # trailing dot lost
    (S1, S1 + " وأضافت:", True),                                           # merged with a short fragment
    (S1, S1 + " " + S2, False),                                            # two full sentences
    (S1[:12], S1, False),                                                  # a fragment is not the sentence
    (S1, S2, False),
])
def test_same_sentence_rule(a: str, b: str, expected: bool) -> None:
    assert same_sentence(a, b) is expected


def test_normalisation() -> None:
    assert key("أُوكْرانِيا") == key("اوكرانيا")
    assert key("القاعدة") == key("القاعده") and key("مصطفى") == key("مصطفي")
    assert same("لوزارة الخارجية", "وزارة الخارجية")
    assert same("للوزارة", "الوزارة") and same("وبالجيش", "الجيش") and same("فالجيش", "جيش")
    assert same("U.S.", "us") and same("The Pentagon", "pentagon")
    assert not same("Iran", "Iraq") and not same("و", "") and not same("ليبيا", "بيا")


def test_prf_edge_cases() -> None:
    assert PRF().f1 == 1.0  # nothing to find, nothing found
    assert PRF(0, 3, 0).precision == 0.0 and PRF(0, 3, 0).recall == 0.0
    assert PRF(0, 0, 2).precision == 0.0 and PRF(0, 0, 2).f1 == 0.0
    assert (PRF(1, 2, 3) + PRF(1, 0, 0)).to_dict()["tp"] == 2


def test_maximum_matching_beats_greedy() -> None:
    # Greedy would give left 0 the right node 0 and leave left 1 unmatched.
    assert sorted(max_matching([[0, 1], [0]], 2)) == [(0, 1), (1, 0)]
    assert max_matching([[], []], 3) == []
