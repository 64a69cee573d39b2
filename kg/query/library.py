"""The query library: named SPARQL files in ``queries/`` with a self-describing header.

Header format (comment lines before the query)::

    # Who attacked whom: ASSAULT events with their source and target.
    # Longer description lines...
    # @param actor: iri? only events where this actor is source or target
    # @example: kg query who-attacked-whom --store out/store

The first comment line is the title; ``@param NAME: KIND[?] text`` declares a
parameter (kinds in :mod:`kg.query.params`, ``?`` marks it optional);
``@example:`` gives a call.

>>> q = load_query("SELECT ?s WHERE { ?s ?p ?o }")
>>> q.name, q.params
('<inline>', {})
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DataError, QueryNotFoundError, error
from kg.query.params import KINDS, PREFIXES, Param
from kg.resources import queries_dir

_PARAM = re.compile(r"^@param\s+([A-Za-z_]\w*)\s*:\s*([a-z]+)(\?)?\s*(.*)$")
#: Prefixes prepended to a query that uses them without declaring them.
STANDARD_PREFIXES: dict[str, str] = {**PREFIXES, "owl": "http://www.w3.org/2002/07/owl#"}
# Text that cannot hold a prefixed name: IRIs, string literals, comments.
_OPAQUE = re.compile("|".join((
    r'<[^<>"{}|^`\\\s]*>',          # IRI
    r"'''.*?'''", r'""".*?"""',  # long strings
    r'"(?:[^"\\\n]|\\.)*"', r"'(?:[^'\\\n]|\\.)*'",  # short strings
    r"#[^\n]*",                      # comment
)), re.DOTALL)
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
_FORMS = re.compile(r"^\s*(PREFIX|BASE|SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_QUERY_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


@dataclass
class NamedQuery:
    """A SPARQL query with its documentation and declared parameters."""

    name: str
    text: str
    title: str = ""
    description: str = ""
    params: dict[str, Param] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)
    path: Path | None = None
    added_lines: int = 0  # PREFIX lines prepended by with_prefixes (error positions are shifted back)


def parse_header(text: str, path: Path | None = None) -> tuple[str, str, dict[str, Param], list[str]]:
    """Title, description, parameters and examples from the leading comment block."""
    title, desc, params, examples = "", [], {}, []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if body.startswith("@param"):
            m = _PARAM.match(body)
            if not m or m.group(2) not in KINDS:
                raise error(DataError, "E600", path=str(path or "<query>"), line=lineno,
                            detail=f"bad @param (expected '@param NAME: KIND[?] text', KIND in {', '.join(KINDS)})")
            params[m.group(1)] = Param(m.group(1), m.group(2), m.group(3) is None, m.group(4).strip())
        elif body.startswith("@example:"):
            examples.append(body[len("@example:"):].strip())
        elif not title:
            title = body
        elif body:
            desc.append(body)
    return title, " ".join(desc), params, examples


def with_prefixes(text: str) -> str:
    """``text`` with a PREFIX line for each standard prefix it uses but does not declare.

    >>> with_prefixes("SELECT * WHERE { ?e a cn:Event }").splitlines()[0]
    'PREFIX cn: <https://w3id.org/kg-conflict/ontology#>'
    >>> with_prefixes("SELECT * WHERE { ?s <urn:x> 'cn:x' }").startswith("SELECT")
    True
    """
    bare = _OPAQUE.sub(" ", text)
    declared = set(_DECLARED.findall(bare))
    missing = [p for p in STANDARD_PREFIXES
               if p not in declared and re.search(rf"(?<![\w.:?$-]){re.escape(p)}:", bare)]
    if not missing:
        return text
    return "".join(f"PREFIX {p}: <{STANDARD_PREFIXES[p]}>\n" for p in missing) + text


def from_file(path: Path) -> NamedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise error(DataError, "E600", path=str(path), line=0, detail="query file is not UTF-8") from None
    title, desc, params, examples = parse_header(text, path)
    full = with_prefixes(text)
    return NamedQuery(path.stem, full, title, desc, params, examples, path, full.count("\n") - text.count("\n"))


def library() -> list[NamedQuery]:
    """Every query in ``queries/``, sorted by name."""
    return [from_file(p) for p in sorted(queries_dir().glob("*.rq"))]


def query_form(text: str) -> str | None:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``: the first such keyword outside IRIs,
    strings and comments; ``None`` when there is none (an update).

    SPARQLWrapper guesses the form from the raw text, comments included: a comment saying
    "dropped" made it send a SELECT as an update (DROP).

    >>> query_form("# names dropped, asked\\nPREFIX a: <urn:select#>\\nSELECT * WHERE { ?s ?p 'ask' }")
    'SELECT'
    >>> query_form("DROP SILENT GRAPH <urn:g>") is None
    True
    """
    m = _QUERY_FORM.search(_OPAQUE.sub(" ", text))
    return m.group(1).upper() if m else None


def looks_like_sparql(spec: str) -> bool:
    """True when ``spec`` is query text rather than a name or a path."""
    body = "\n".join(l for l in spec.splitlines() if not l.strip().startswith("#"))
    return bool(_FORMS.match(body)) and ("{" in body)


def load_query(spec: str) -> NamedQuery:
    """Resolve ``spec``: a ``.rq`` path, a name in ``queries/`` (with or without ``.rq``) or literal SPARQL."""
    if looks_like_sparql(spec):
        title, desc, params, examples = parse_header(spec)
        full = with_prefixes(spec)
        return NamedQuery("<inline>", full, title, desc, params, examples, None, full.count("\n") - spec.count("\n"))
    p = Path(spec)
    if p.is_file():
        return from_file(p)
    lib = queries_dir()
    for cand in (lib / spec, lib / f"{spec}.rq"):
        if "/" not in spec and cand.is_file():
            return from_file(cand)
    raise error(QueryNotFoundError, "E300", name=spec)
