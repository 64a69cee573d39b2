"""Generate the Country entries of ``ontology/kb.jsonl`` (dev-time tool).

Names come from CLDR through babel (English and Arabic short territory
names), corrected by ``NAME_OVERRIDES`` where CLDR's form is not the one news
uses. Everything CLDR lacks (ISO alpha-3, Wikidata id, demonyms, capitals,
aliases, historical states) comes from ``kg/kb/data/countries.tsv``.

The run replaces the Country entries named in that table and keeps every
other line of the KB (header, IGOs, persons...) as it is::

    python -m kg.kb.build_countries            # rewrite ontology/kb.jsonl
    python -m kg.kb.build_countries --check    # exit 1 if the file is stale

Labels added later by ``kg kb import`` to country entries are kept: the
generated aliases are merged with the ones already in the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from babel import Locale

from kg.kb.generator import read_kb_lines, run

TABLE = Path(__file__).resolve().parent / "data" / "countries.tsv"

# CLDR short names that differ from the form news and Wikidata use.
# iso2 -> (English, Arabic); None keeps CLDR's form.
NAME_OVERRIDES: dict[str, tuple[str | None, str | None]] = {
    "CD": ("Democratic Republic of the Congo", "جمهورية الكونغو الديمقراطية"),  # CLDR: "Congo - Kinshasa"
    "CG": ("Republic of the Congo", "جمهورية الكونغو"),                          # CLDR: "Congo - Brazzaville"
    "CI": ("Côte d'Ivoire", None),                                               # typographic apostrophe
    "CZ": ("Czech Republic", None),                                              # Wikidata's label; Czechia is an alias
    "DK": (None, "الدنمارك"),                                                   # CLDR: الدانمرك (rare in news)
    "HU": (None, "المجر"),                                                       # news use المجر; CLDR هنغاريا is an alias
    "MM": ("Myanmar", "ميانمار"),                                                # CLDR adds "(Burma)"
    "PS": ("Palestine", "فلسطين"),                                               # CLDR: "Palestinian Territories"
    "TL": (None, "تيمور الشرقية"),                                               # CLDR: "تيمور - ليشتي"
    "TR": ("Turkey", None),                                                      # Wikidata's label; Türkiye is an alias
    "UY": (None, "الأوروغواي"),                                                  # CLDR: أورغواي (unusual spelling)
    "VA": ("Holy See", "الكرسي الرسولي"),                                        # the UN observer is the Holy See
    "VC": ("Saint Vincent and the Grenadines", None),
}


# Arab League members: their Arabic names are Arabic words, not transliterations.
NATIVE_ARABIC = frozenset("DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE YEM".split())


def g_variants(forms: list[str]) -> list[str]:
    """Foreign g is written غ in most Arabic news and ج in Egyptian usage
    (أنغولا / أنجولا); normalisation does not merge them, so list both."""
    return [f.replace("غ", "ج") for f in forms if "غ" in f]


def _split(cell: str) -> list[str]:
    return [s.strip() for s in cell.split(";") if s.strip()]


def read_table(path: Path = TABLE) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            raise SystemExit(f"{path}:{lineno}: expected {len(header)} columns, got {len(cells)}")
        rows.append(dict(zip(header, cells)))
    return rows


def _cldr_name(iso2: str, locale: Locale) -> str | None:
    name = locale.territories.get(iso2)
    if name is None:
        return None
    if locale.language == "en":
        name = name.replace(" & ", " and ").replace("St. ", "Saint ")
    return name


def country_entry(row: dict[str, str], en: Locale, ar: Locale) -> dict[str, Any]:
    iso2, iso3 = row["iso2"], row["iso3"]
    name_en = row["name_en"] or (_cldr_name(iso2, en) if iso2 else None)
    name_ar = row["name_ar"] or (_cldr_name(iso2, ar) if iso2 else None)
    over_en, over_ar = NAME_OVERRIDES.get(iso2, (None, None))
    name_en, name_ar = over_en or name_en, over_ar or name_ar
    if not name_en or not name_ar:
        raise SystemExit(f"{TABLE}: {iso3}: no English or Arabic name (not in CLDR and none given)")
    aliases: dict[str, list[str]] = {}
    for lang, cldr, label in (("en", _cldr_name(iso2, en) if iso2 else None, name_en),
                              ("ar", _cldr_name(iso2, ar) if iso2 else None, name_ar)):
        forms = _split(row[f"aliases_{lang}"])
        # an overridden CLDR name stays findable as an alias
        if cldr and cldr != label and cldr not in forms and "(" not in cldr and " - " not in cldr:
            forms.append(cldr)
        if lang == "ar" and iso3 not in NATIVE_ARABIC and row["status"] != "historical":
            forms += g_variants([label] + forms)
        forms = [f for f in dict.fromkeys(forms) if f != label]
        if forms:
            aliases[lang] = forms
    demonyms = {lang: _split(row[f"demonyms_{lang}"]) for lang in ("en", "ar") if _split(row[f"demonyms_{lang}"])}
    if "ar" in demonyms and iso3 not in NATIVE_ARABIC and row["status"] != "historical":
        demonyms["ar"] = list(dict.fromkeys(demonyms["ar"] + g_variants(demonyms["ar"])))
    capital = {lang: row[f"capital_{lang}"] for lang in ("en", "ar") if row[f"capital_{lang}"]}
    entry: dict[str, Any] = {
        "key": iso3, "type": "Country", "name": name_en, "wikidata": row["wikidata"] or None,
        "iso3": iso3, "country": iso3, "sector": None,
        "labels": {"en": name_en, "ar": name_ar},
    }
    if aliases:
        entry["aliases"] = aliases
    if demonyms:
        entry["demonyms"] = demonyms
    if capital:
        entry["capital"] = capital
    if iso2:
        entry["iso2"] = iso2
    entry["status"] = row["status"]
    return entry


def generate(table: Path = TABLE) -> list[dict[str, Any]]:
    en, ar = Locale("en"), Locale("ar")
    return [country_entry(row, en, ar) for row in read_table(table)]


def _merge_existing(new: dict[str, Any], old: dict[str, Any] | None) -> dict[str, Any]:
    """Keep aliases that an earlier `kg kb import` added to this country."""
    if not old:
        return new
    for lang, forms in (old.get("aliases") or {}).items():
        have = new.setdefault("aliases", {}).setdefault(lang, [])
        label = new["labels"].get(lang)
        have.extend(f for f in forms if f not in have and f != label)
    return new


def render(kb_path: Path, entries: list[dict[str, Any]]) -> str:
    """The new file text: header, generated countries (table order), then
    every other existing entry in its original order."""
    header, lines = read_kb_lines(kb_path)
    keys = {e["key"] for e in entries}
    others: list[str] = []
    old: dict[str, dict[str, Any]] = {}
    for line, obj in lines:
        if obj.get("key") in keys and obj.get("type") == "Country":
            old[obj["key"]] = obj
        else:
            others.append(line)
    body = [json.dumps(_merge_existing(e, old.get(e["key"])), ensure_ascii=False) for e in entries]
    return "\n".join(header + body + others) + "\n"


def main(argv: list[str] | None = None) -> int:
    return run(argv, __doc__, "kg.kb.build_countries", "country", generate, render)


if __name__ == "__main__":
    raise SystemExit(main())
