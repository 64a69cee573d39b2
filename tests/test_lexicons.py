"""Strict format checks for the language data in kg/lang/<lang>/data (spec: kg/lang/README.md).

The validator lives here (not in the package) because it is a data test: it
reports every problem with file and line so that a bad edit fails CI with a
message that says where to look.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

LANG_ROOT = Path(__file__).resolve().parents[1] / "kg" / "lang"
LANGS = ("ar", "en")

PLOVER = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
FREQUENT = ("ASSAULT", "ACCUSE", "REQUEST", "CONSULT", "AGREE", "SUPPORT", "THREATEN", "COERCE", "SANCTION", "RETREAT")
MIN_FREQUENT, MIN_RARE = 40, 10

# Allowed modes per type: PLOVER's mode tables plus the project's conventions
# (dev README "PLOVER guidance used"). Documented in docs/lexicons.md.
MODES: dict[str, set[str]] = {
    "AGREE": {"sign agreement", "ceasefire"},
    "CONSULT": {"phone", "visit", "third-party", "multilateral"},
    "SUPPORT": set(),
    "CONCEDE": {"ceasefire"},
    "COOPERATE": set(),
    "AID": {"economic", "military", "humanitarian", "asylum"},
    "RETREAT": {"withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"summon ambassador", "investigate", "sue"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "THREATEN": {"restrict", "ban", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike-gen", "strike-lim", "strike-hun", "boycott", "obstruct"},
    "SANCTION": {"convict", "cancel", "expel", "withdraw", "sever"},
    "MOBILIZE": {"troops", "weapons", "police"},
    "COERCE": {"confiscate", "restrict", "ban", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "intercept", "airspace violation"},
    "ASSAULT": {"abduct", "beat", "torture", "execute", "sexual", "assassinate", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "heavy-weapons", "aerial",
                "occupy territory (annexation)"},
}
FLAGS = {"noun", "passive", "recip", "self", "weak", "verbal", "agent"}
ROLES = {"head_of_state", "head_of_government", "minister", "spokesperson", "secretary_general", "commander",
         "envoy", "monarch", "official", "diplomat", "leader", "counterpart"}
SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "IGO", "OPP", "PTY", "REB", "PRM", "ELI", "JRN", "REL", "SOC", ""}
BODY_TYPES = {"GovernmentBody", "MilitaryForce", "ArmedGroup"}
CAS_FIELDS = {"dead", "injured", "captured"}
PLACE_KINDS = {"region", "city", "town", "village", "province", "district", "corridor", "border", "strait", "sea",
               "gulf", "river", "lake", "mountain", "valley", "island", "peninsula", "desert", "base", "enclave", "front"}
SPEECH_KINDS = {"say", "according", "quote"}
NEG_KINDS = {"neg", "deny", "modal"}
NEG_FRAME_KINDS = {"frame", "anaphor", "cond", "future"}  # background frames and anaphoric demonstratives (Arabic so far); conditions (English)
DATE_KINDS = {"weekday": range(0, 7), "month": range(1, 13), "relative": range(-7, 8)}

# The files this suite owns, with their column counts.
FILES = {"triggers": 4, "titles": 4, "bodies": 4, "numbers": 2, "casualties": 2, "place_cues": 2,
         "treaty_cues": 2, "speech": 2, "negation": 2, "dates": 3, "stopnames": 1,
         "title_cues": 2, "media_cues": 2, "org_cues": 2, "locatives": 1, "treaty_vague": 1}
KINDS = {"title_cues": {"former", "apposition", "honorific", "joiner", "age"},
         "media_cues": {"newspaper", "agency", "broadcaster", "website", "after"},
         "org_cues": {"party", "quoted", "head", "armed_head", "type"}}

_AR_DIAC = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
_AR_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_AR_LETTER = re.compile("[\u0621-\u064a]")
_LATIN = re.compile("[A-Za-z]")


def norm(pattern: str) -> str:
    """The matching form of a pattern, as the README defines it (for duplicate checks)."""
    return " ".join(_AR_DIAC.sub("", t).translate(_AR_MAP).lower() for t in pattern.split())


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    cols: tuple[str, ...]

    def where(self) -> str:
        return f"{self.file}:{self.line}"


def read_rows(path: Path, ncols: int) -> tuple[list[Row], list[str]]:
    """Parse one TSV; return rows and format errors (each naming file:line)."""
    rows: list[Row] = []
    errors: list[str] = []
    raw = path.read_bytes()
    name = f"{path.parent.parent.name}/{path.name}"
    if raw.startswith(b"\xef\xbb\xbf"):
        errors.append(f"{name}: starts with a BOM")
    if b"\r" in raw:
        errors.append(f"{name}: contains CR characters (use LF line ends)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return [], [f"{name}: not UTF-8 ({e})"]
    if text and not text.endswith("\n"):
        errors.append(f"{name}: no newline at end of file")
    for i, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = tuple(line.split("\t"))
        if len(cols) != ncols:
            errors.append(f"{name}:{i}: {len(cols)} columns, expected {ncols}: {line!r}")
            continue
        for c in cols:
            if c != c.strip() or "  " in c:
                errors.append(f"{name}:{i}: stray whitespace in {c!r}")
            if unicodedata.normalize("NFC", c) != c:
                errors.append(f"{name}:{i}: not NFC: {c!r}")
        if not cols[0]:
            errors.append(f"{name}:{i}: empty first column")
            continue
        rows.append(Row(name, i, cols))
    return rows, errors


def check_pattern(row: Row, lang: str) -> list[str]:
    """Token rules: `*` only at a token's end after a stem of 3+ letters; script matches the language."""
    errs: list[str] = []
    pat = row.cols[0]
    for tok in pat.split():
        if "*" in tok[:-1]:
            errs.append(f"{row.where()}: '*' inside a token: {pat!r}")
        if tok.endswith("*") and len(norm(tok[:-1])) < (4 if lang == "ar" else 3):
            errs.append(f"{row.where()}: stem before '*' too short (over-matches): {pat!r}")
    if lang == "ar" and not _AR_LETTER.search(pat):
        errs.append(f"{row.where()}: Arabic file, no Arabic letters: {pat!r}")
    if lang == "en":
        if _AR_LETTER.search(pat):
            errs.append(f"{row.where()}: English file holds Arabic: {pat!r}")
        if pat != pat.lower():
            errs.append(f"{row.where()}: English patterns are lower case: {pat!r}")
    if lang == "ar" and _LATIN.search(pat):
        errs.append(f"{row.where()}: Arabic pattern holds Latin letters: {pat!r}")
    return errs


def check_int(row: Row, col: int, allowed: range | None = None) -> list[str]:
    v = row.cols[col]
    if not re.fullmatch(r"-?\d+", v):
        return [f"{row.where()}: not an integer: {v!r}"]
    if allowed is not None and int(v) not in allowed:
        return [f"{row.where()}: {v} out of range {allowed.start}..{allowed.stop - 1}"]
    return []


def validate_file(kind: str, path: Path, lang: str) -> tuple[list[Row], list[str]]:
    """All checks for one lexicon file."""
    rows, errors = read_rows(path, FILES[kind])
    seen: dict[str, Row] = {}
    for r in rows:
        errors += check_pattern(r, lang)
        key = norm(r.cols[0])
        if key in seen:
            errors.append(f"{r.where()}: duplicate of line {seen[key].line} ({r.cols[0]!r})")
        else:
            seen[key] = r
        c = r.cols
        if kind == "triggers":
            typ, mode, flags = c[1], c[2], c[3]
            if typ not in MODES:
                errors.append(f"{r.where()}: unknown PLOVER type {typ!r}")
            elif mode and mode not in MODES[typ]:
                errors.append(f"{r.where()}: mode {mode!r} not allowed for {typ}")
            fl = [f for f in flags.split(",") if f] if flags else []
            if flags and (len(fl) != len(flags.split(",")) or len(set(fl)) != len(fl)):
                errors.append(f"{r.where()}: malformed flags {flags!r}")
            for f in fl:
                if f not in FLAGS:
                    errors.append(f"{r.where()}: unknown flag {f!r}")
        elif kind == "titles":
            if not c[1] or _AR_LETTER.search(c[1]):
                errors.append(f"{r.where()}: title_en must be English: {c[1]!r}")
            if c[2] not in ROLES:
                errors.append(f"{r.where()}: unknown role {c[2]!r}")
            if c[3] not in SECTORS:
                errors.append(f"{r.where()}: unknown sector {c[3]!r}")
        elif kind == "bodies":
            if not c[1] or _AR_LETTER.search(c[1]):
                errors.append(f"{r.where()}: name_en must be English: {c[1]!r}")
            if c[2] not in BODY_TYPES:
                errors.append(f"{r.where()}: unknown body type {c[2]!r}")
            if c[3] not in SECTORS - {""}:
                errors.append(f"{r.where()}: unknown sector {c[3]!r}")
        elif kind == "numbers":
            errors += check_int(r, 1, range(1, 10**12))
        elif kind == "casualties" and c[1] not in CAS_FIELDS:
            errors.append(f"{r.where()}: unknown field {c[1]!r}")
        elif kind == "place_cues" and c[1] not in PLACE_KINDS:
            errors.append(f"{r.where()}: unknown place kind {c[1]!r}")
        elif kind == "treaty_cues" and (not c[1] or c[1] != c[1].lower() or _AR_LETTER.search(c[1])):
            errors.append(f"{r.where()}: name_en must be lower-case English: {c[1]!r}")
        elif kind == "speech" and c[1] not in SPEECH_KINDS:
            errors.append(f"{r.where()}: unknown speech kind {c[1]!r}")
        elif kind == "negation" and c[1] not in NEG_KINDS | NEG_FRAME_KINDS:
            errors.append(f"{r.where()}: unknown negation kind {c[1]!r}")
        elif kind == "dates":
            if c[1] not in DATE_KINDS:
                errors.append(f"{r.where()}: unknown date kind {c[1]!r}")
            else:
                errors += check_int(r, 2, DATE_KINDS[c[1]])
        elif kind in KINDS and c[1] not in KINDS[kind]:
            errors.append(f"{r.where()}: unknown {kind} kind {c[1]!r}")
        elif kind in ("stopnames", "locatives", "treaty_vague") and len(c[0].split()) != 1:
            errors.append(f"{r.where()}: stopnames hold single tokens: {c[0]!r}")
    return rows, errors


def load(kind: str, lang: str) -> list[Row]:
    path = LANG_ROOT / lang / "data" / f"{kind}.tsv"
    assert path.is_file(), f"missing {path}"
    rows, errors = validate_file(kind, path, lang)
    assert not errors, "\n".join(errors[:50])
    return rows


# ---------------------------------------------------------------- the shipped data

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", sorted(FILES))
def test_file_is_well_formed(kind: str, lang: str) -> None:
    assert load(kind, lang), f"{lang}/{kind}.tsv has no entries"


@pytest.mark.parametrize("lang", LANGS)
def test_every_plover_type_is_covered(lang: str) -> None:
    counts = Counter(r.cols[1] for r in load("triggers", lang))
    short = {t: counts[t] for t in PLOVER
             if counts[t] < (MIN_FREQUENT if t in FREQUENT else MIN_RARE)}
    assert not short, f"{lang}: too few triggers for {short}"


@pytest.mark.parametrize("lang", LANGS)
def test_modes_asked_for_by_the_guidance_exist(lang: str) -> None:
    have = {(r.cols[1], r.cols[2]) for r in load("triggers", lang)}
    needed = {("CONSULT", "phone"), ("CONSULT", "visit"), ("CONSULT", "third-party"), ("ASSAULT", "abduct"),
              ("ASSAULT", "aerial"), ("ASSAULT", "occupy territory (annexation)"), ("AGREE", "ceasefire"),
              ("RETREAT", "ceasefire"), ("RETREAT", "release"), ("RETREAT", "withdraw"), ("COERCE", "intercept"),
              ("COERCE", "airspace violation"), ("ACCUSE", "summon ambassador"), ("AID", "military")}
    assert not needed - have, f"{lang}: missing modes {sorted(needed - have)}"


@pytest.mark.parametrize("lang", LANGS)
def test_flags_used(lang: str) -> None:
    flags = Counter(f for r in load("triggers", lang) for f in r.cols[3].split(",") if f)
    for f in ("noun", "passive", "recip", "weak"):
        assert flags[f] >= 5, f"{lang}: flag {f} used only {flags[f]} times"


def test_core_entries_present() -> None:
    """Spot checks that the entries named in the brief are there with the right type/mode."""
    ar = {norm(r.cols[0]): r.cols[1:] for r in load("triggers", "ar")}
    en = {norm(r.cols[0]): r.cols[1:] for r in load("triggers", "en")}
    assert ar[norm("هاجمت")][0] == "ASSAULT"
    assert ar[norm("يهاجم")][0] == "ASSAULT"
    assert ar[norm("اشتباكات")][0] == "ASSAULT" and "recip" in ar[norm("اشتباكات")][2]
    assert ar[norm("تبادلت الاتهامات")][:1] == ("ACCUSE",) and "recip" in ar[norm("تبادلت الاتهامات")][2]
    assert ar[norm("تعرضت هجوم")][2] == "passive"
    assert ar[norm("اتصالا هاتفيا")][:2] == ("CONSULT", "phone")
    assert ar[norm("وساطة")][:2] == ("CONSULT", "third-party")
    assert ar[norm("استدعت السفير")][:2] == ("ACCUSE", "summon ambassador")
    assert ar[norm("فرضت عقوبات")][0] == "SANCTION"
    assert ar[norm("أطلق سراح")][:2] == ("RETREAT", "release")
    assert ar[norm("غارة جوية")][:2] == ("ASSAULT", "aerial")
    assert ar[norm("انسحبت")][0] == "RETREAT"
    assert en[norm("exchanged fire")][0] == "ASSAULT" and "recip" in en[norm("exchanged fire")][2]
    assert en[norm("came under fire")][2] == "passive"
    assert en[norm("phone call*")][:2] == ("CONSULT", "phone")
    assert en[norm("impose sanctions")][0] == "SANCTION"
    assert en[norm("annex*")][:2] == ("ASSAULT", "occupy territory (annexation)")
    assert en[norm("called for")][0] == "REQUEST"
    # the bare ceasefire noun is context, not an event
    assert norm("وقف إطلاق النار") not in ar and norm("ceasefire") not in en


def test_numbers_values() -> None:
    ar = {norm(r.cols[0]): int(r.cols[1]) for r in load("numbers", "ar")}
    en = {norm(r.cols[0]): int(r.cols[1]) for r in load("numbers", "en")}
    assert ar[norm("ثلاثة")] == 3 and ar[norm("ثلاث")] == 3 and ar[norm("ألف")] == 1000
    assert ar[norm("مائة")] == ar[norm("مئة")] == 100 and ar[norm("عشرات")] == 10
    assert en["two"] == 2 and en["twenty-one"] == 21 and en["dozens"] == 12 and en["thousand"] == 1000


def test_dates_cover_week_and_year() -> None:
    for lang in LANGS:
        rows = load("dates", lang)
        assert {int(r.cols[2]) for r in rows if r.cols[1] == "weekday"} == set(range(7))
        assert {int(r.cols[2]) for r in rows if r.cols[1] == "month"} == set(range(1, 13))
    ar = {norm(r.cols[0]): (r.cols[1], int(r.cols[2])) for r in load("dates", "ar")}
    assert ar[norm("الإثنين")] == ("weekday", 0) and ar[norm("كانون الثاني")] == ("month", 1)
    assert ar[norm("يناير")] == ("month", 1) and ar[norm("أمس")] == ("relative", -1)


def test_small_files_cover_their_kinds() -> None:
    for lang in LANGS:
        assert {r.cols[1] for r in load("casualties", lang)} == CAS_FIELDS
        assert {r.cols[1] for r in load("speech", lang)} == SPEECH_KINDS
        assert NEG_KINDS <= {r.cols[1] for r in load("negation", lang)} <= NEG_KINDS | NEG_FRAME_KINDS
        assert {r.cols[2] for r in load("bodies", lang)} == BODY_TYPES


# ---------------------------------------------------------------- the validator itself

BAD_TRIGGERS = "\n".join([
    "# comment",
    "هاجم\tASSAULT\t\t",
    "هاجم\tASSAULT\t\t",            # duplicate
    "أطلق\tFIGHT\t\t",              # unknown type
    "قصف\tASSAULT\tphone\t",        # mode not allowed for the type
    "زار\tCONSULT\tvisit\tnoun,loud",  # unknown flag
    "قص*\tASSAULT\t\t",             # stem too short
    "attack\tASSAULT\t",            # 3 columns
    "attack\tASSAULT\t\t",          # English in the Arabic file
]) + "\n"


def test_validator_rejects_bad_lines(tmp_path: Path) -> None:
    d = tmp_path / "ar" / "data"
    d.mkdir(parents=True)
    p = d / "triggers.tsv"
    p.write_text(BAD_TRIGGERS, encoding="utf-8")
    _, errors = validate_file("triggers", p, "ar")
    text = "\n".join(errors)
    assert "ar/triggers.tsv:3: duplicate of line 2" in text
    assert "ar/triggers.tsv:4: unknown PLOVER type 'FIGHT'" in text
    assert "ar/triggers.tsv:5: mode 'phone' not allowed for ASSAULT" in text
    assert "ar/triggers.tsv:6: unknown flag 'loud'" in text
    assert "ar/triggers.tsv:7: stem before '*' too short" in text
    assert "ar/triggers.tsv:8: 3 columns, expected 4" in text
    assert "ar/triggers.tsv:9: Arabic file, no Arabic letters" in text


def test_validator_accepts_good_lines(tmp_path: Path) -> None:
    d = tmp_path / "en" / "data"
    d.mkdir(parents=True)
    p = d / "dates.tsv"
    p.write_text("monday\tweekday\t0\nyesterday\trelative\t-1\n", encoding="utf-8")
    rows, errors = validate_file("dates", p, "en")
    assert errors == [] and len(rows) == 2
    p.write_text("monday\tweekday\t7\n", encoding="utf-8")
    assert validate_file("dates", p, "en")[1] == ["en/dates.tsv:1: 7 out of range 0..6"]


# Common given names: a stop list or a cue's first word must not swallow them (the
# name finder treats both as "never part of a name"). على normalises to علي (Ali).
COMMON_NAMES_AR = ("علي محمد أحمد حسن حسين عمر خالد سعيد صالح إبراهيم يوسف مصطفى محمود عادل سامي كمال "
                   "طارق فيصل ناصر سلطان أمين باسم صباح عودة جمال نبيل هشام وليد").split()


def test_no_common_name_is_a_stop_word() -> None:
    names = {norm(n) for n in COMMON_NAMES_AR}
    bad = [r.cols[0] for r in load("stopnames", "ar") if norm(r.cols[0]) in names]
    for kind in ("speech", "negation", "casualties", "dates", "place_cues", "treaty_cues"):
        bad += [f"{kind}: {r.cols[0]}" for r in load(kind, "ar") if norm(r.cols[0].split()[0]) in names]
    assert not bad, bad


@pytest.mark.parametrize("lang", LANGS)
def test_no_prefix_ties(lang: str) -> None:
    """A one-token `x*` entry and an explicit one-token entry it covers would tie at the
    same length, and the matcher's choice between them would be arbitrary."""
    rows = load("triggers", lang)
    stars = [r for r in rows if r.cols[0].endswith("*") and " " not in r.cols[0]]
    singles = [r for r in rows if " " not in r.cols[0] and not r.cols[0].endswith("*")]
    ties = [f"{s.where()} {s.cols[0]!r} covers {r.where()} {r.cols[0]!r}" for s in stars for r in singles
            if norm(r.cols[0]).startswith(norm(s.cols[0][:-1]))]
    assert not ties, "\n".join(ties)
