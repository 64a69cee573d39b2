"""Arabic normalisation, clitic stripping, features and gazetteer lookup of the NER model."""

from __future__ import annotations

from kg.ner.arabic import normalize, shape, strip_clitics
from kg.ner.features import Featurizer
from kg.ner.gazetteer import Gazetteer


def test_normalize_strips_diacritics_tatweel_and_unifies_letters() -> None:
    assert normalize("الرِّئاسَة") == "الرياسه"
    assert normalize("مـــصر") == "مصر"
    assert normalize("إسرائيل أمريكا آسيا مستشفى") == "اسراييل امريكا اسيا مستشفي"
    assert normalize("Paris 2021") == "Paris 2021"


def test_strip_clitics_on_clitic_forms() -> None:
    assert strip_clitics(normalize("والأردن")) == ("وال", "اردن")
    assert strip_clitics(normalize("بالعاصمة")) == ("بال", "عاصمه")
    assert strip_clitics(normalize("للحكومة")) == ("لل", "حكومه")
    assert strip_clitics(normalize("وبغداد")) == ("وب", "غداد")
    assert strip_clitics(normalize("فالجيش")) == ("فال", "جيش")
    assert strip_clitics(normalize("كالعادة")) == ("كال", "عاده")
    # Too short to strip without leaving a stub.
    assert strip_clitics("ولد") == ("", "ولد")
    assert strip_clitics("الى") == ("", "الى")


def test_shape() -> None:
    assert [shape(w) for w in ("مصر", "2021", "،", "Paris", "nato", "A1")] == ["ar", "num", "punct", "Lat", "lat", "mix"]


def test_features_of_a_clitic_form_share_the_stem_with_the_bare_form() -> None:
    f = Featurizer(Gazetteer([("الأردن", "LOC")]))
    clitic = f.sentence(["زار", "والأردن"])[1]
    bare = f.sentence(["زار", "الأردن"])[1]
    assert "s=اردن" in clitic and "s=اردن" in bare
    assert "p=وال" in clitic and "p=ال" in bare
    assert "w=والاردن" in clitic
    assert "g=B-LOC" in clitic and "g=B-LOC" in bare       # gazetteer matched through the clitic
    assert "w-1=زار" in clitic and "bos" not in clitic and "eos" in clitic
    assert "e2=دن" in clitic and "s3=ارد" in clitic


def test_neighbour_features_window() -> None:
    f = Featurizer(Gazetteer([]))
    feats = f.sentence(["a", "b", "c", "d", "e"])
    mid = feats[2]
    for x in ("w-2=a", "w-1=b", "w+1=d", "w+2=e", "bw-1=b|c", "bw+1=c|d"):
        assert x in mid
    assert "bos" in feats[0] and "bos2" in feats[1] and "eos2" in feats[3] and "eos" in feats[4]


def test_gazetteer_longest_match_over_stems() -> None:
    g = Gazetteer([("الأمم المتحدة", "ORG"), ("الأمم", "MISC"), ("القاهرة", "LOC")])
    stems = [strip_clitics(normalize(w))[1] for w in "قالت والأمم المتحدة في القاهرة".split()]
    assert g.tags(stems) == ["", "B-ORG", "I-ORG", "", "B-LOC"]
