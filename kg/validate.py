"""SHACL validation of a store with ``ontology/shapes.ttl`` (pyshacl).

The data graph is the union of all named graphs (what queries see).
Violations are grouped by shape message so a report on a large store stays
readable: one line per problem kind, with a count and a few examples.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.term import Node
from rdflib.namespace import RDF, SH

from kg.errors import UsageError
from kg.resources import ontology_dir
from kg.store.base import Store


@dataclass
class Violation:
    focus: str
    path: str | None
    value: str | None
    message: str
    severity: str


@dataclass
class ValidationReport:
    conforms: bool
    triples: int
    violations: list[Violation] = field(default_factory=list)

    def grouped(self) -> dict[str, list[Violation]]:
        out: dict[str, list[Violation]] = defaultdict(list)
        for v in self.violations:
            out[v.message].append(v)
        return dict(sorted(out.items(), key=lambda kv: -len(kv[1])))

    def text(self, examples: int = 3) -> str:
        """Human-readable report: a verdict, then one block per kind of violation."""
        if self.conforms:
            return f"conforms: {self.triples} triples checked, 0 violations"
        lines = [f"does NOT conform: {len(self.violations)} violations in {self.triples} triples"]
        for msg, vs in self.grouped().items():
            lines.append(f"- {len(vs)} × {msg}")
            for v in vs[:examples]:
                where = f" {_short(v.path)}" if v.path else ""
                val = f" = {v.value}" if v.value else ""
                lines.append(f"    {_short(v.focus)}{where}{val}")
            if len(vs) > examples:
                lines.append(f"    … and {len(vs) - examples} more")
        return "\n".join(lines)


_SHORT = {
    "https://w3id.org/kg-conflict/ontology#": "cn:",
    "https://w3id.org/kg-conflict/id/": "id:",
    "https://w3id.org/kg-conflict/vocab/": "vocab:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
}


def _short(iri: str) -> str:
    for long, pre in _SHORT.items():
        if iri.startswith(long):
            return pre + iri[len(long):]
    return iri


def shapes_path() -> Path:
    return ontology_dir() / "shapes.ttl"


@dataclass
class _SparqlConstraint:
    shape: Node
    select: str
    message: str
    targets: list[tuple[URIRef, Node]]   # (sh:targetClass | sh:targetSubjectsOf | sh:targetNode, value)


_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetNode)


def _take_sparql_constraints(sg: Graph) -> list[_SparqlConstraint]:
    """Remove the SPARQL constraints from the shapes graph and return them.

    pyshacl runs a SPARQL constraint once per focus node (seconds per
    thousand nodes); we run each once over the whole graph instead.
    """
    out: list[_SparqlConstraint] = []
    for shape, c in list(sg.subject_objects(SH.sparql)):
        select = sg.value(c, SH.select)
        if select is None:
            continue
        msg = sg.value(c, SH.message) or sg.value(shape, SH.message) or "SPARQL constraint violated"
        targets = [(t, v) for t in _TARGETS for v in sg.objects(shape, t)]
        out.append(_SparqlConstraint(shape, str(select), str(msg), targets))
        sg.remove((shape, SH.sparql, c))
    return out


def _target_pattern(targets: list[tuple[URIRef, Node]]) -> str:
    alts = []
    for kind, v in targets:
        if kind == SH.targetClass:
            alts.append(f"{{ ?this a {v.n3()} }}")
        elif kind == SH.targetSubjectsOf:
            alts.append(f"{{ ?this {v.n3()} ?kgTargetValue }}")
        else:
            alts.append(f"{{ BIND({v.n3()} AS ?this) }}")
    return "{ " + " UNION ".join(alts) + " }" if alts else ""


def _run_sparql_constraint(data: Graph, c: _SparqlConstraint) -> list[Violation]:
    from kg.store.base import _where_brace

    q = c.select.replace("$this", "?this")
    at = _where_brace(q)
    if at < 0 or not c.targets:
        return []
    q = q[:at + 1] + " " + _target_pattern(c.targets) + q[at + 1:]
    out = []
    for row in data.query(q):
        get = row.asdict()
        out.append(Violation(focus=str(get.get("this", "?")), path=_opt(get.get("path")),
                             value=_opt(get.get("value")), message=c.message, severity="Violation"))
    return out


def _opt(v: object) -> str | None:
    return None if v is None else str(v)


def validate_graph(data: Graph, shapes: Path | None = None) -> ValidationReport:
    """Validate an rdflib graph against the SHACL shapes."""
    try:
        from pyshacl import validate as shacl_validate
    except ImportError:  # pragma: no cover - pyshacl is a main dependency
        raise UsageError("pyshacl is not installed: pip install pyshacl") from None
    sg = Graph().parse(str(shapes or shapes_path()), format="turtle")
    sparql = _take_sparql_constraints(sg)
    conforms, results, text = shacl_validate(data, shacl_graph=sg, inference="none", advanced=True,
                                             allow_warnings=True)
    if not isinstance(results, Graph):  # the shapes themselves are broken
        raise UsageError(f"SHACL shapes {shapes or shapes_path()} are invalid: {text}")
    report = ValidationReport(bool(conforms), len(data))
    for r in results.subjects(RDF.type, SH.ValidationResult):
        def one(p: URIRef) -> str | None:
            v = results.value(r, p)
            return None if v is None else str(v)
        report.violations.append(Violation(
            focus=one(SH.focusNode) or "?", path=one(SH.resultPath), value=one(SH.value),
            message=one(SH.resultMessage) or "constraint violated",
            severity=_short(one(SH.resultSeverity) or "").replace("http://www.w3.org/ns/shacl#", ""),
        ))
    for c in sparql:
        report.violations += _run_sparql_constraint(data, c)
    # One problem reached through two shapes is reported once.
    uniq = {(v.focus, v.path, v.value, v.message): v for v in report.violations}
    report.violations = list(uniq.values())
    report.conforms = not report.violations
    report.violations.sort(key=lambda v: (v.message, v.focus, v.path or ""))
    return report


def store_graph(store: Store) -> Graph:
    """The union of every named graph as one rdflib graph."""
    g = Graph()
    for s, p, o, _ in store.quads():
        g.add((s, p, o))
    return g


def validate_store(store: Store, shapes: Path | None = None) -> ValidationReport:
    return validate_graph(store_graph(store), shapes)
