"""Arabic nationality adjectives (nisba) and their inflections.

A base form is the masculine singular nisba, ending in ي (أرميني). From it we
generate the forms news text uses, in ordinary spelling without diacritics;
the matcher normalises (ة/ه, ى/ي, hamza) and strips clitics (و، ب، ل، ال),
so neither variants nor clitic forms are generated here.

>>> nisba_forms("أرميني")[:4]
['أرميني', 'أرمينية', 'أرمينيان', 'أرمينيين']
>>> nisba_forms("روس")
['روس']
"""

from __future__ import annotations

# Suffixes replacing the final ي of the base, in order:
# masc sg, fem sg, dual masc nom/obl, dual fem nom/obl, plural masc nom
# (the oblique plural يين equals the oblique dual), fem plural, and the
# indefinite accusative singular (جنديا أرمينيا) with tanween stripped.
NISBA_SUFFIXES: tuple[str, ...] = ("ي", "ية", "يان", "يين", "يتان", "يتين", "يون", "يات", "يا")

_DIACRITICS = {chr(c) for c in range(0x064B, 0x0653)} | {"\u0670", "\u0640"}


def _strip_marks(word: str) -> str:
    return "".join(ch for ch in word if ch not in _DIACRITICS)


def nisba_forms(base: str) -> list[str]:
    """All inflections of a nisba base; other words (broken plurals such as
    أتراك) are returned unchanged, since they do not inflect regularly."""
    base = _strip_marks(base.strip())
    if len(base) < 3 or not base.endswith("ي"):
        return [base] if base else []
    stem = base[:-1]
    # a multi-word demonym inflects its last word only when every word is a
    # nisba (كوري جنوبي → كورية جنوبية); otherwise only the last word
    words = stem.split(" ")
    if len(words) > 1 and all(w.endswith("ي") for w in words[:-1]):
        heads = [w[:-1] for w in words[:-1]]
        return [" ".join([h + suf for h in heads] + [words[-1] + suf]) for suf in NISBA_SUFFIXES]
    return [stem + suf for suf in NISBA_SUFFIXES]


# a name ending in a vowel letter or ة takes an irregular nisba (روسيا → روسي, مالي → مالي): not derived
_VOWEL_ENDINGS = ("ا", "ى", "ة", "ه", "ي", "و", "ء")


def name_nisba(name: str) -> str | None:
    """The regular nisba of a one-word country name ending in a consonant, as spelled
    (بنغلادش → بنغلادشي, السودان → السوداني): the spelling variants of a name give
    the same variants of its adjective. None for other names.

    >>> name_nisba("بنغلادش"), name_nisba("روسيا"), name_nisba("كوريا الجنوبية")
    ('بنغلادشي', None, None)
    """
    name = _strip_marks(name.strip())
    if " " in name or len(name) < 3 or name.endswith(_VOWEL_ENDINGS) or name.startswith("ال"):
        # (a name with the article: its listed nisba already matches with the article)
        return None
    return name + "ي"
