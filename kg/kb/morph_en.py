"""English demonym forms: the adjective and its regular plural.

>>> demonym_forms("Armenian")
['Armenian', 'Armenians']
>>> demonym_forms("Chinese")
['Chinese']
>>> demonym_forms("Frenchman")
['Frenchman']
"""

from __future__ import annotations

# Demonyms with no -s plural: the Chinese, the Swiss, the British, the Dutch;
# "-man" compounds (Frenchman) have irregular plurals given as data (Frenchmen).
# German is not a compound, so only "-hman"/"-sman" count.
_NO_PLURAL = ("ese", "s", "sh", "ch", "x", "z", "men", "hman", "sman")


def demonym_forms(base: str) -> list[str]:
    base = base.strip()
    if not base:
        return []
    if base.endswith(_NO_PLURAL):
        return [base]
    return [base, base + "s"]
