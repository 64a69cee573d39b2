"""Adapter and dependency-role tests on REAL stanza Document objects built without models.

The parses live in tests/data/stanza/parses.conllu; each block becomes a
``stanza.models.common.doc.Document`` from token dictionaries, as stanza's
own pipeline would build it, then goes through kg.nlp.adapter and kg.nlp.roles.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.model import Sentence
from kg.nlp.adapter import adapt, decode_tags
from kg.nlp.roles import conjuncts, dependency_roles, has_parse, mention_for, speech_claimant

pytestmark = pytest.mark.stanza

PARSES = Path(__file__).resolve().parent / "data" / "stanza" / "parses.conllu"


def _blocks() -> dict[str, tuple[str, list[list[str]]]]:
    out: dict[str, tuple[str, list[list[str]]]] = {}
    name = text = ""
    rows: list[list[str]] = []
    for line in PARSES.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("# name = "):
            name = line[9:]
        elif line.startswith("# text = "):
            text = line[9:]
        elif line.startswith("#"):
            continue
        elif not line.strip():
            if rows:
                out[name] = (text, rows)
            rows = []
        else:
            rows.append(line.split("\t"))
    return out


BLOCKS = _blocks()


def _dicts(text: str, rows: list[list[str]], base: int, offsets: str) -> list[dict[str, Any]]:
    """Token dictionaries as stanza's tokenizer+MWT would give them.

    offsets: "fields" (start_char/end_char keys), "misc" (start_char=..|end_char=..)
    or "none" (no offsets at all: the adapter must find them).
    """
    out: list[dict[str, Any]] = []
    cursor = 0
    mwt_end = 0
    for cols in rows:
        ident, form, lemma, upos, head, deprel, ner = cols
        if "-" in ident:
            a, b = (int(x) for x in ident.split("-"))
            entry: dict[str, Any] = {"id": (a, b), "text": form, "ner": ner}
            mwt_end = b
        else:
            i = int(ident)
            entry = {"id": i, "text": form, "lemma": lemma, "upos": upos, "head": int(head), "deprel": deprel}
            if i <= mwt_end:  # a word inside a multi-word token: no offsets, no NER of its own
                out.append(entry)
                continue
            entry["ner"] = ner
        start = text.index(form, cursor)
        cursor = start + len(form)
        if offsets == "fields":
            entry["start_char"], entry["end_char"] = base + start, base + cursor
        elif offsets == "misc":
            entry["misc"] = f"start_char={base + start}|end_char={base + cursor}"
        out.append(entry)
    return out


def stanza_doc(stanza_module: Any, names: list[str], offsets: str = "fields", sep: str = " ") -> tuple[Any, str]:
    from stanza.models.common.doc import Document as SDoc

    text = ""
    sentences = []
    for n in names:
        if text:
            text += sep
        stext, rows = BLOCKS[n]
        sentences.append(_dicts(stext, rows, len(text), offsets))
        text += stext
    return SDoc(sentences, text=text if offsets != "none" else None), text


def one(stanza_module: Any, name: str) -> tuple[Sentence, list, str]:
    sdoc, text = stanza_doc(stanza_module, [name])
    lang = "ar" if name.startswith("ar") else "en"
    out = adapt(sdoc, text, lang)
    assert len(out.sentences) == 1
    return out.sentences[0], out.mentions, text


def idx(sentence: Sentence, word: str) -> int:
    hits = [i for i, t in enumerate(sentence.tokens) if t.norm == word or t.text == word]
    assert hits, f"{word!r} not in {[t.text for t in sentence.tokens]}"
    return hits[0]


# ---------------------------------------------------------------- adapter


def test_every_block_is_a_real_stanza_document(stanza_module: Any) -> None:
    sdoc, _ = stanza_doc(stanza_module, list(BLOCKS))
    assert type(sdoc).__module__ == "stanza.models.common.doc"
    assert len(sdoc.sentences) == len(BLOCKS) == 14
    # stanza itself sees the MWTs as tokens with several words
    mwt = [t for s in sdoc.sentences for t in s.tokens if len(t.words) > 1]
    assert [t.text for t in mwt][:2] == ["وهاجمت", "وانحازت"]


@pytest.mark.parametrize("offsets", ["fields", "misc", "none"])
def test_offsets_on_original_text_whatever_stanza_gives(stanza_module: Any, offsets: str) -> None:
    names = list(BLOCKS)
    sdoc, text = stanza_doc(stanza_module, names, offsets=offsets, sep="\n\n  ")
    out = adapt(sdoc, text, "ar")
    assert [s.text for s in out.sentences] == [BLOCKS[n][0] for n in names]
    for s in out.sentences:
        assert text[s.start:s.end] == s.text
        for t in s.tokens:
            assert text[t.start:t.end] == t.text and t.start < t.end
            assert s.start <= t.start and t.end <= s.end
    for m in out.mentions:
        assert text[m.start:m.end] == m.text


def test_arabic_mwt_gives_one_token_per_word_with_clitic_offsets(stanza_module: Any) -> None:
    s, _, text = one(stanza_module, "ar_vso_mwt")
    assert [t.text for t in s.tokens] == ["و", "هاجمت", "مالي", "المتمردين", "على", "الحدود", "."]
    assert (s.tokens[0].start, s.tokens[0].end, s.tokens[1].start, s.tokens[1].end) == (0, 1, 1, 6)
    # heads are indexes into our token list (stanza word ids - 1)
    assert s.tokens[0].head == 1 and s.tokens[1].head is None and s.tokens[2].head == 1
    assert [t.deprel for t in s.tokens[:4]] == ["cc", "root", "nsubj", "obj"]
    assert s.tokens[1].lemma == "هاجم" and s.tokens[1].upos == "VERB"


def test_clitic_preposition_word_inside_token(stanza_module: Any) -> None:
    s, mentions, text = one(stanza_module, "ar_clitic_target")
    tok = text.index("لمالي")
    lam, mali = s.tokens[3], s.tokens[4]
    assert (lam.text, lam.start, lam.end) == ("ل", tok, tok + 1)
    assert (mali.text, mali.start, mali.end) == ("مالي", tok + 1, tok + 5)
    # the NER tag sat on the token; its words get tags that decode to the same span
    assert (lam.ner, mali.ner) == ("B-LOC", "E-LOC")
    # the mention keeps the whole surface token, clitic included, like the gold mentions
    assert [(m.text, m.type, m.found_by) for m in mentions] == [("تشاد", "Place", "stanza"), ("لمالي", "Place", "stanza")]


def test_word_not_written_verbatim_gets_rest_of_token(stanza_module: Any) -> None:
    s, _, text = one(stanza_module, "ar_nonverbatim")
    tok = text.index("للمدينة")
    lam, city = s.tokens[2], s.tokens[3]
    assert (lam.start, lam.end) == (tok, tok + 1)
    assert (city.start, city.end, city.text) == (tok + 1, tok + 7, "لمدينة")
    assert city.norm == "المدينه"  # the word form stanza produced, normalised for matching
    assert city.head == 0 and city.deprel == "obl"


def test_bioes_mwt_mention_starts_at_the_clitic(stanza_module: Any) -> None:
    s, mentions, text = one(stanza_module, "ar_bioes_mwt")
    assert [(m.text, m.type) for m in mentions] == [("تشاد", "Place"), ("ووزارة خارجية مالي", "Organization")]
    # word-level tags of the MWT decode to the same entity as the token tags
    word_spans = decode_tags([t.ner for t in s.tokens])
    first, last, label = word_spans[1]
    assert (s.tokens[first].start, s.tokens[last].end, label) == (mentions[1].start, mentions[1].end, "ORG")


def test_bio_tags_and_type_mapping(stanza_module: Any) -> None:
    _, mentions, _ = one(stanza_module, "en_passive_agent")
    assert [(m.text, m.type, m.attrs["ner_type"]) for m in mentions] == [("the Sahel Front", "Organization", "ORG")]
    _, mentions, _ = one(stanza_module, "en_with_date")
    # GPE → Place flagged gpe (the linker may make it a Country); NORP and DATE are dropped
    assert [(m.text, m.type, m.attrs.get("gpe")) for m in mentions] == [("Chad", "Place", True)]
    _, mentions, _ = one(stanza_module, "ar_speech")
    assert [(m.text, m.type) for m in mentions] == [("وزارة الدفاع النيجرية", "Organization"), ("مالي", "Place")]


def test_mentions_match_stanzas_own_entities(stanza_module: Any) -> None:
    sdoc, text = stanza_doc(stanza_module, list(BLOCKS))
    out = adapt(sdoc, text, "ar")
    kept = [e for e in sdoc.ents if e.type in ("PER", "LOC", "GPE", "ORG")]
    assert [(e.start_char, e.end_char) for e in kept] == [(m.start, m.end) for m in out.mentions]


def test_decode_tags_is_lenient() -> None:
    assert decode_tags(["I-PER", "I-PER", "B-LOC", "I-ORG", "E-ORG", "O", "S-PER"]) == [
        (0, 1, "PER"), (2, 2, "LOC"), (3, 4, "ORG"), (6, 6, "PER")]
    assert decode_tags(["B-PER", "B-PER", "O", None, "_"]) == [(0, 0, "PER"), (1, 1, "PER")]


# ---------------------------------------------------------------- roles


def roles(stanza_module: Any, name: str, trigger: str, **kw: Any) -> tuple[str | None, str | None, str | None]:
    s, _, _ = one(stanza_module, name)
    assert has_parse(s)
    t = idx(s, trigger)
    src, tgt = dependency_roles(s, t, **kw)
    who = speech_claimant(s, t)
    word = lambda i: None if i is None else s.tokens[i].text  # noqa: E731
    return word(src), word(tgt), word(who)


@pytest.mark.parametrize("name, trigger, expected", [
    ("en_active", "attacked", ("Mali", "rebels", None)),
    ("en_passive_agent", "attacked", ("fighters", "convoy", None)),
    ("en_passive_obl", "shelled", ("Niger", "villages", None)),
    ("en_speech", "attacked", ("Mali", "rebels", "Niger")),
    ("en_speech", "shelled", ("Mali", "camp", "Niger")),          # subject shared along conj
    ("en_speech", "said", ("Niger", None, None)),
    ("en_parataxis", "attacked", ("Mali", "rebels", "army")),
    ("en_xcomp_light", "attack", ("Sudan", "Chad", None)),        # light verb under xcomp
    ("en_xcomp_light", "launch", ("Sudan", "attack", None)),
    ("en_xcomp_light", "threatened", ("Sudan", "Chad", None)),     # target inside the xcomp
    ("en_with_date", "clashed", ("Chad", "troops", None)),         # "on Monday" is no target
    ("en_fire_on", "opened", ("Rebels", "fire", None)),
    ("ar_vso_mwt", "هاجمت", ("مالي", "المتمردين", None)),
    ("ar_clitic_target", "انحازت", ("تشاد", "مالي", None)),        # ل split off by MWT
    ("ar_passive", "هوجمت", ("المسلحين", "القافلة", None)),        # من قبل agent
    ("ar_speech", "هاجمت", ("مالي", "المتمردين", "وزارة")),
    ("ar_bioes_mwt", "رحبت", ("تشاد", None, None)),                # ب is no role
])
def test_dependency_roles(stanza_module: Any, name: str, trigger: str, expected: tuple) -> None:
    assert roles(stanza_module, name, trigger) == expected


def test_multiword_trigger_parts_are_excluded(stanza_module: Any) -> None:
    s, _, _ = one(stanza_module, "en_fire_on")
    src, tgt = dependency_roles(s, idx(s, "opened"), exclude=[idx(s, "fire")])
    assert (s.tokens[src].text, s.tokens[tgt].text) == ("Rebels", "base")


def test_role_heads_map_to_mentions(stanza_module: Any) -> None:
    s, mentions, _ = one(stanza_module, "en_passive_agent")
    src, tgt = dependency_roles(s, idx(s, "attacked"))
    assert mention_for(s, src, mentions).text == "the Sahel Front"   # inside the agent phrase
    assert mention_for(s, tgt, mentions) is None
    s, mentions, _ = one(stanza_module, "ar_speech")
    assert mention_for(s, speech_claimant(s, idx(s, "هاجمت")), mentions).text == "وزارة الدفاع النيجرية"
    s, mentions, _ = one(stanza_module, "ar_bioes_mwt")
    assert [s.tokens[i].text for i in conjuncts(s, idx(s, "تشاد"))] == ["تشاد", "وزارة"]


def test_no_parse_means_no_roles(stanza_module: Any) -> None:
    s, _, _ = one(stanza_module, "en_active")
    for t in s.tokens:
        t.head, t.deprel = None, None
    assert not has_parse(s)
    assert dependency_roles(s, 1) == (None, None) and speech_claimant(s, 1) is None
