"""Benchmark: the embedded store (pyoxigraph) against rdflib's in-memory Dataset, side by side.

Builds a synthetic event graph shaped like `kg build` output (kg/rdf/mapping.py):
one named graph per document holding its entities (labels in English and
Arabic, alternative names, country, sector), events (type, quad class,
source, target, date, place, casualty figures, claimant, mode, trigger,
confidence) each with an evidence node (document, sentence, offsets),
relations as direct triples plus rdf:Statement with evidence. The summary graph
(id:graph/summary: dyads, labels, search index) is then built by the code
`kg build` runs, kg.rdf.summary.refresh_summaries, on the loaded store; its
cost is reported part by part.

Both stores run in memory (the comparison is rdflib's in-memory Dataset); the
on-disk bulk load of pyoxigraph is reported too.

Part A — full size (default 200k events, 5k actors, about 6.7M quads), embedded store only:
  load (triples/s), summary build, export (N-Quads, TriG), every query in queries/.
  Targets: every library query under 1 s.
Part B — side by side on a subset (default 1/100 of the documents: rdflib needs
  minutes and gigabytes for the full graph): load, export and every library query
  on pyoxigraph and on rdflib, medians and ratios. Target: loading ≥ 10× faster.

Usage: python bench/bench_store.py [--events 200000] [--actors 5000] [--subset 0.01] [--repeat 5]
                                   [--only QUERY[,QUERY...]] [--no-rdflib]
"""

from __future__ import annotations

import argparse
import atexit
import gc
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Mapping

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402
from rdflib import Dataset  # noqa: E402

from kg.model import QUAD_CLASS  # noqa: E402
from kg.query import library, run_query  # noqa: E402
from kg.rdf.summary import refresh_summaries  # noqa: E402
from kg.store.base import Binding, QueryResult, Store, bind_values  # noqa: E402
from kg.store.oxigraph import OxigraphStore  # noqa: E402

CN = "https://w3id.org/kg-conflict/ontology#"
ID = "https://w3id.org/kg-conflict/id/"
VOCAB = "https://w3id.org/kg-conflict/vocab/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"

ACTOR_TYPES = [("Person", 40), ("GovernmentBody", 15), ("MilitaryForce", 12), ("Organization", 10),
               ("ArmedGroup", 10), ("Media", 5), ("IGO", 3)]
# PLOVER types weighted roughly as in news coverage of conflicts.
TYPE_WEIGHTS = {"ASSAULT": 20, "ACCUSE": 10, "CONSULT": 10, "REQUEST": 8, "THREATEN": 6, "AGREE": 6, "SUPPORT": 6,
                "REJECT": 5, "COERCE": 5, "PROTEST": 4, "MOBILIZE": 4, "SANCTION": 4, "COOPERATE": 4, "AID": 3,
                "CONCEDE": 2, "RETREAT": 2}
# Arabic letters with their approximate frequency in news text (per mille), hamza forms included.
AR_FREQ = {"ا": 124, "ل": 111, "ي": 73, "م": 62, "و": 59, "ن": 56, "ر": 48, "ت": 45, "ب": 43, "ه": 40, "ع": 39,
           "د": 35, "س": 31, "ف": 30, "ك": 27, "ق": 26, "ة": 25, "ح": 23, "ج": 15, "أ": 15, "ش": 14, "ص": 13,
           "ط": 12, "ى": 10, "إ": 9, "ز": 9, "خ": 9, "ض": 7, "ذ": 7, "ث": 6, "غ": 5, "ظ": 3, "ئ": 3, "ؤ": 1, "آ": 1}
EN_SYL = ["ka", "ra", "mi", "to", "sa", "lu", "ne", "bo", "di", "fe", "go", "ha", "zi", "vo", "pe"]
MODES = ["phone", "visit", "third-party", "multilateral"]


def lit(v: str) -> str:
    return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'


def typed(v: object, dt: str) -> str:
    return f'"{v}"^^<{XSD}{dt}>'


class Synth:
    """Deterministic synthetic graph, written as N-Quads lines per document."""

    def __init__(self, events: int, actors: int, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.n_events = events
        self.n_docs = max(1, events // 10)
        r = self.rng
        self.countries = [f"C{i:03d}" for i in range(150)]
        self.actors: list[tuple[str, str, str, str, str]] = []   # iri, type, en, ar, country
        for i in range(150):
            self.actors.append((f"{ID}entity/{self.countries[i]}", "Country", self.name_en(), self.name_ar(), self.countries[i]))
        kinds = [k for k, w in ACTOR_TYPES for _ in range(w)]
        for i in range(actors - 150):
            k = r.choice(kinds)
            self.actors.append((f"{ID}entity/{k.lower()}/a{i}", k, self.name_en(), self.name_ar(), r.choice(self.countries)))
        self.places = [(f"{ID}entity/place/p{i}", self.name_en(), self.name_ar(), r.choice(self.countries)) for i in range(1000)]
        self.treaties = [(f"{ID}entity/treaty/t{i}", f"Treaty of {self.name_en()}", "اتفاقية " + self.name_ar()) for i in range(50)]
        # Popularity: a few actors appear in most events (Zipf-like).
        self.weights = [1.0 / (i + 1) ** 0.9 for i in range(len(self.actors))]
        self.types = [t for t, w in TYPE_WEIGHTS.items() for _ in range(w)]

    def name_en(self) -> str:
        r = self.rng
        return " ".join("".join(r.choice(EN_SYL) for _ in range(r.randint(2, 3))).capitalize() for _ in range(2))

    def name_ar(self) -> str:
        r = self.rng
        letters, weights = list(AR_FREQ), list(AR_FREQ.values())
        return " ".join("".join(r.choices(letters, weights, k=r.randint(4, 6))) for _ in range(2))

    def documents(self, fraction: float = 1.0) -> tuple[list[str], int]:
        """N-Quads lines of the first ``fraction`` of the documents (the summary is built in the store)."""
        r = random.Random(11)
        out: list[str] = []
        n_docs = max(1, int(self.n_docs * fraction))
        ev_no = 0
        for d in range(n_docs):
            g = f"<{ID}doc/d{d}>"
            doc = f"<{ID}doc/d{d}>"
            day = 1 + (d * 3650) // self.n_docs
            y, rest = 2015 + day // 365, day % 365
            date = f"{min(y, 2024)}-{1 + rest // 31 % 12:02d}-{1 + rest % 28:02d}"
            q = out.append
            q(f"{doc} <{RDF}type> <{CN}Document> {g} .")
            q(f"{doc} <{RDFS}label> {lit(f'Article {d}')} {g} .")
            q(f"{doc} <{SCHEMA}identifier> {lit(f'd{d}')} {g} .")
            q(f"{doc} <{SCHEMA}datePublished> {typed(date, 'date')} {g} .")
            q(f"{doc} <{CN}lang> {lit('ar' if d % 2 else 'en')} {g} .")
            cast = list({a for a in r.choices(range(len(self.actors)), weights=self.weights, k=6)})
            place = self.places[r.randrange(len(self.places))]
            for a in cast:
                iri, typ, en, ar, ctry = self.actors[a]
                s = f"<{iri}>"
                q(f"{s} <{RDF}type> <{CN}{typ}> {g} .")
                q(f"{s} <{RDF}type> <{CN}Actor> {g} .")
                q(f"{s} <{RDFS}label> {lit(en)}@en {g} .")
                q(f"{s} <{RDFS}label> {lit(ar)}@ar {g} .")
                q(f"{s} <{SKOS}altLabel> {lit('ال' + ar)}@ar {g} .")
                q(f"{s} <{CN}mentionedIn> {doc} {g} .")
                if typ == "Country":
                    q(f"{s} <{CN}iso3> {lit(ctry)} {g} .")
                else:
                    q(f"{s} <{CN}country> <{ID}entity/{ctry}> {g} .")
                    q(f"{s} <{CN}sector> {lit('GOV')} {g} .")
            ps = f"<{place[0]}>"
            q(f"{ps} <{RDF}type> <{CN}Place> {g} .")
            q(f"{ps} <{RDFS}label> {lit(place[1])}@en {g} .")
            q(f"{ps} <{RDFS}label> {lit(place[2])}@ar {g} .")
            q(f"{ps} <{CN}locatedIn> <{ID}entity/{place[3]}> {g} .")
            q(f"{ps} <{CN}mentionedIn> {doc} {g} .")
            offset = 0
            for k in range(10):
                if len(cast) < 2:
                    break
                a, b = r.sample(cast, 2)
                etype = r.choice(self.types)
                ev = f"<{ID}event/e{ev_no}>"
                evd = f"<{ID}evidence/e{ev_no}>"
                ev_no += 1
                src, tgt = self.actors[a][0], self.actors[b][0]
                q(f"{ev} <{RDF}type> <{CN}Event> {g} .")
                q(f"{ev} <{RDF}type> <{CN}{etype}> {g} .")
                q(f"{ev} <{CN}eventType> <{VOCAB}eventType/{etype}> {g} .")
                q(f"{ev} <{CN}quadClass> <{VOCAB}quadClass/{QUAD_CLASS[etype]}> {g} .")
                q(f"{ev} <{CN}source> <{src}> {g} .")
                q(f"{ev} <{CN}target> <{tgt}> {g} .")
                q(f"{ev} <{CN}date> {typed(date, 'date')} {g} .")
                q(f"{ev} <{CN}trigger> {lit('هاجمت' if d % 2 else 'attacked')}@{'ar' if d % 2 else 'en'} {g} .")
                q(f"{ev} <{CN}triggerStart> {typed(offset + 10, 'integer')} {g} .")
                q(f"{ev} <{CN}triggerEnd> {typed(offset + 16, 'integer')} {g} .")
                q(f"{ev} <{CN}confidence> {typed('0.700', 'decimal')} {g} .")
                if r.random() < 0.5:
                    q(f"{ev} <{CN}location> {ps} {g} .")
                if etype == "ASSAULT" and r.random() < 0.4:
                    q(f"{ev} <{CN}dead> {typed(r.randint(1, 60), 'integer')} {g} .")
                    q(f"{ev} <{CN}claimedBy> <{self.actors[r.choice(cast)][0]}> {g} .")
                    if r.random() < 0.5:
                        q(f"{ev} <{CN}injured> {typed(r.randint(1, 90), 'integer')} {g} .")
                if etype == "CONSULT":
                    q(f"{ev} <{CN}mode> <{VOCAB}mode/{r.choice(MODES)}> {g} .")
                sentence = f"{self.actors[a][2]} and {self.actors[b][2]}: sentence {k} of article {d} about a {etype.lower()} event."
                q(f"{ev} <{CN}evidence> {evd} {g} .")
                q(f"{evd} <{RDF}type> <{CN}Evidence> {g} .")
                q(f"{evd} <{CN}document> {doc} {g} .")
                q(f"{evd} <{PROV}wasDerivedFrom> {doc} {g} .")
                q(f"{evd} <{CN}sentenceText> {lit(sentence)} {g} .")
                q(f"{evd} <{CN}sentenceIndex> {typed(k, 'integer')} {g} .")
                q(f"{evd} <{CN}start> {typed(offset, 'integer')} {g} .")
                q(f"{evd} <{CN}end> {typed(offset + len(sentence), 'integer')} {g} .")
                offset += len(sentence) + 1
            # Relations, one or two per document, each also reified with evidence.
            for j, (s, p, o) in enumerate(self.relations(r, cast, d)):
                q(f"<{s}> <{CN}{p}> <{o}> {g} .")
                st = f"<{ID}statement/d{d}r{j}>"
                sev = f"<{ID}evidence/d{d}r{j}>"
                q(f"{st} <{RDF}type> <{RDF}Statement> {g} .")
                q(f"{st} <{RDF}subject> <{s}> {g} .")
                q(f"{st} <{RDF}predicate> <{CN}{p}> {g} .")
                q(f"{st} <{RDF}object> <{o}> {g} .")
                q(f"{st} <{CN}evidence> {sev} {g} .")
                q(f"{sev} <{RDF}type> <{CN}Evidence> {g} .")
                q(f"{sev} <{CN}document> {doc} {g} .")
                q(f"{sev} <{CN}sentenceText> {lit(f'Relation sentence {j} of article {d}.')} {g} .")
                q(f"{sev} <{CN}start> {typed(0, 'integer')} {g} .")
                q(f"{sev} <{CN}end> {typed(30, 'integer')} {g} .")
            for s, p, o in self.position(r, cast, d):
                q(f"{s} {p} {o} {g} .")
        return out, ev_no

    def relations(self, r: random.Random, cast: list[int], d: int) -> list[tuple[str, str, str]]:
        rel = []
        for a in cast:
            iri, typ, _, _, ctry = self.actors[a]
            if typ == "GovernmentBody" and r.random() < 0.5:
                rel.append((iri, "ministryOf", f"{ID}entity/{ctry}"))
            if typ == "Country" and r.random() < 0.05:
                rel.append((iri, "partyTo", self.treaties[r.randrange(len(self.treaties))][0]))
        return rel

    def position(self, r: random.Random, cast: list[int], d: int) -> list[tuple[str, str, str]]:
        out = []
        for a in cast:
            iri, typ, _, _, ctry = self.actors[a]
            if typ == "Person" and r.random() < 0.3:
                pos = f"<{ID}position/p{a % 300}>"
                out += [(f"<{iri}>", f"<{CN}holdsPosition>", pos), (pos, f"<{RDF}type>", f"<{CN}Position>"),
                        (pos, f"<{CN}title>", lit(f"Minister {a % 300}") + "@en"),
                        (pos, f"<{CN}country>", f"<{ID}entity/{ctry}>")]
        for t, en, ar in self.treaties[d % 50: d % 50 + 1] if d % 40 == 0 else []:
            out += [(f"<{t}>", f"<{RDF}type>", f"<{CN}Treaty>"), (f"<{t}>", f"<{RDFS}label>", lit(en) + "@en"),
                    (f"<{t}>", f"<{RDFS}label>", lit(ar) + "@ar"), (f"<{t}>", f"<{CN}mentionedIn>", f"<{ID}doc/d{d}>")]
        return out

    def params(self) -> dict[str, dict[str, str]]:
        """Realistic parameters: a busy actor, a country, one month, an Arabic search text."""
        hub = self.actors[0]
        return {
            "events-in-range": {"from": "2019-03-01", "to": "2019-03-31"},
            "events-at-place": {"place": f"<{ID}entity/{self.places[0][3]}>"},
            "entity-search": {"q": self.actors[5][3].split()[0]},
            "evidence": {"actor": f"<{self.actors[40][0]}>"},
            "who-attacked-whom": {"actor": f"<{hub[0]}>"},
            "actor-network": {"actor": f"<{hub[0]}>"},
            "consultations": {"actor": f"<{hub[0]}>"},
            "requests": {"actor": f"<{hub[0]}>"},
            "accusations": {"actor": f"<{hub[0]}>"},
            "casualty-claims": {"from": "2019-01-01", "to": "2019-12-31"},
        }


class RdflibStore(Store):
    """rdflib's in-memory Dataset behind the Store API (union default graph), for comparison only."""

    def __init__(self, ds: Dataset) -> None:
        super().__init__(read_only=True)
        self.ds = ds

    def query(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> QueryResult:
        res = self.ds.query(bind_values(sparql, bindings))
        if res.type == "ASK":
            return QueryResult.ask(bool(res.askAnswer))
        if res.type == "SELECT":
            names = [str(v) for v in res.vars]
            return QueryResult.select(names, [{n: row[n] for n in names} for row in res])  # type: ignore[index]
        return QueryResult.graph_result(iter(res))  # type: ignore[arg-type]

    def quads(self, graph=None):  # pragma: no cover - not used
        raise NotImplementedError

    def replace_graph(self, graph, triples):  # pragma: no cover
        raise NotImplementedError

    def remove_graph(self, graph):  # pragma: no cover
        raise NotImplementedError


def timed(fn: Callable[[], object], repeat: int, patience: float = 5.0) -> tuple[float, object]:
    """Median of ``repeat`` runs (a single run when the first one takes over ``patience`` s)."""
    times, out = [], None
    for i in range(repeat):
        if i and times[0] > patience:
            break
        gc.collect()
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def load_oxigraph(path: Path, where: Path | None) -> OxigraphStore:
    """In memory (``where=None``, like rdflib's Dataset) or on disk with the bulk loader."""
    st = OxigraphStore(where)
    if where is None:
        st.raw.load(path=str(path), format=ox.RdfFormat.N_QUADS)
    else:
        st.raw.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    return st


def build_summary(st: OxigraphStore) -> str:
    """Build the summary graph as `kg build` does; one line: seconds per part, triples written."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    n = refresh_summaries(st, timings)
    parts = ", ".join(f"{k} {v:.1f}" for k, v in timings.items())
    return f"{time.perf_counter() - t0:8.2f} s   {n:12,} triples     ({parts} s)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--actors", type=int, default=5_000)
    ap.add_argument("--subset", type=float, default=0.01, help="fraction of the documents given to rdflib (part B)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per measurement on pyoxigraph (median)")
    ap.add_argument("--rdflib-repeat", type=int, default=1)
    ap.add_argument("--only", default="", help="comma-separated library queries to time (default: all)")
    ap.add_argument("--no-rdflib", action="store_true", help="skip part B (the side-by-side with rdflib)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    atexit.register(shutil.rmtree, tmp, True)  # GBs of N-Quads and stores: never left behind
    syn = Synth(args.events, args.actors)
    queries = library()
    if args.only:
        wanted = {q.strip() for q in args.only.split(",") if q.strip()}
        unknown = wanted - {q.name for q in queries}
        if unknown:
            ap.error(f"unknown queries: {', '.join(sorted(unknown))}")
        queries = [q for q in queries if q.name in wanted]
    params = syn.params()

    # ---------- Part A: full size, embedded store ----------
    t0 = time.perf_counter()
    lines, n_ev = syn.documents(1.0)
    full = tmp / "full.nq"
    full.write_text("\n".join(lines) + "\n", encoding="utf-8")
    n_full = len(lines)
    del lines
    print(f"synthetic graph: {n_ev} events, {len(syn.actors)} actors, {syn.n_docs} documents, "
          f"{n_full:,} document quads ({full.stat().st_size / 1e6:.0f} MB N-Quads), generated in {time.perf_counter() - t0:.1f}s")
    print(f"python {sys.version.split()[0]}, pyoxigraph {ox.__version__}, rdflib {__import__('rdflib').__version__}\n")

    print("== Part A: full graph, embedded store (pyoxigraph, in memory) ==")
    t0 = time.perf_counter()
    st = load_oxigraph(full, None)
    load_s = time.perf_counter() - t0
    print(f"load     {load_s:8.2f} s   {n_full / load_s:12,.0f} triples/s   ({len(st.raw):,} quads)")
    print(f"summary  {build_summary(st)}")
    n_all = len(st.raw)
    for fmt, name in ((ox.RdfFormat.N_QUADS, "nq"), (ox.RdfFormat.TRIG, "trig")):
        dt, _ = timed(lambda: st.raw.dump(str(tmp / f"out.{name}"), fmt), 1)
        print(f"export   {dt:8.2f} s   {n_all / dt:12,.0f} triples/s   ({name}, {n_all:,} quads)")
    print(f"\n{'query':22} {'median s':>9} {'rows':>7}  target < 1 s")
    worst = 0.0
    for q in queries:
        dt, res = timed(lambda: run_query(st, q, params.get(q.name, {})), args.repeat)
        worst = max(worst, dt)
        print(f"{q.name:22} {dt:9.3f} {len(res):7}  {'ok' if dt < 1 else 'SLOW'}")
    if not args.only or "actor-network" in args.only:
        for label, q, p in (("actor-network (all)", "actor-network", {}),
                            ("actor-network min=5", "actor-network", {"min": "5"})):
            dt, res = timed(lambda: run_query(st, q, p), args.repeat)
            print(f"{label:22} {dt:9.3f} {len(res):7}  (no actor filter)")
    print(f"slowest library query: {worst:.3f} s -> {'target met' if worst < 1 else 'TARGET MISSED'}")
    st.close()
    del st
    gc.collect()
    if args.no_rdflib:
        return

    # ---------- Part B: side by side on a subset ----------
    lines, n_ev_sub = syn.documents(args.subset)
    docs = tmp / "subset-docs.nq"
    docs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    del lines
    # Documents plus the summary kg builds for them: what both stores load.
    with load_oxigraph(docs, None) as built:
        refresh_summaries(built)
        sub = tmp / "subset.nq"
        built.raw.dump(str(sub), ox.RdfFormat.N_QUADS)
        n_sub = len(built.raw)
    sub_params = syn.params()
    print(f"\n== Part B: side by side on {args.subset:.0%} of the documents ({n_ev_sub} events, {n_sub:,} quads) ==")
    t0 = time.perf_counter()
    ost = load_oxigraph(sub, None)
    o_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    load_oxigraph(sub, tmp / "store-sub").close()
    d_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(str(sub), format="nquads")
    r_load = time.perf_counter() - t0
    rst = RdflibStore(ds)
    print(f"{'step':22} {'pyoxigraph s':>12} {'rdflib s':>10} {'ratio':>8}")
    print(f"{'load (triples/s)':22} {n_sub / o_load:12,.0f} {n_sub / r_load:10,.0f} {r_load / o_load:7.1f}x")
    print(f"{'load on disk (bulk)':22} {n_sub / d_load:12,.0f} {'':>10} {r_load / d_load:7.1f}x")
    o_exp, _ = timed(lambda: ost.raw.dump(str(tmp / "o.nq"), ox.RdfFormat.N_QUADS), 1)
    r_exp, _ = timed(lambda: ds.serialize(destination=str(tmp / "r.nq"), format="nquads"), 1)
    print(f"{'export n-quads':22} {o_exp:12.3f} {r_exp:10.3f} {r_exp / o_exp:7.1f}x")
    ratios = []
    for q in queries:
        p = sub_params.get(q.name, {})
        o_dt, o_res = timed(lambda: run_query(ost, q, p), args.repeat)
        r_dt, r_res = timed(lambda: run_query(rst, q, p), args.rdflib_repeat)
        ratio = r_dt / max(o_dt, 1e-6)
        ratios.append(ratio)
        same = "" if len(o_res) == len(r_res) else f"  (rows differ: {len(o_res)} vs {len(r_res)})"
        print(f"{q.name:22} {o_dt:12.3f} {r_dt:10.3f} {ratio:7.1f}x{same}")
    print(f"\nload ratio {r_load / o_load:.1f}x (target >= 10x: {'met' if r_load / o_load >= 10 else 'MISSED'}); "
          f"query ratios: median {statistics.median(ratios):.0f}x, min {min(ratios):.0f}x, max {max(ratios):.0f}x")


if __name__ == "__main__":
    main()
