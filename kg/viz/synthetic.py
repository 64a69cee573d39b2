"""Synthetic actor graphs in our vocabulary, for the viz benchmark and the scale tests.

Fictional actors ("Actor 17" / "فاعل 17"); a few hubs get most dyads, like
news graphs where a handful of states and armies dominate.

>>> text = synthetic_nquads(nodes=5, dyads=4, seed=1)
>>> text.count("ontology#source>") >= 4
True
"""

from __future__ import annotations

import datetime as dt
import random

from kg.model import ENTITY_TYPES, PLOVER_TYPES

CN = "https://w3id.org/kg-conflict/ontology#"
ID = "https://w3id.org/kg-conflict/id/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
XSD_DATE = "<http://www.w3.org/2001/XMLSchema#date>"
ACTOR_TYPES = tuple(t for t in ENTITY_TYPES if t not in ("Place", "Treaty"))


def synthetic_nquads(nodes: int, dyads: int, seed: int = 7, max_events: int = 3, days: int = 60,
                     documents: int = 50) -> str:
    """N-Quads for ``nodes`` actors and ``dyads`` distinct directed pairs (1..max_events events each)."""
    if nodes < 2:
        raise ValueError("need at least 2 nodes")
    dyads = min(dyads, nodes * (nodes - 1))
    rng = random.Random(seed)
    out: list[str] = []
    start = dt.date(2021, 1, 1)
    graph = [f"<{ID}doc/synthetic-{d}>" for d in range(documents)]
    for i in range(nodes):
        s = f"<{ID}actor/a{i}>"
        g = graph[i % documents]
        out.append(f"{s} {RDF_TYPE} <{CN}{ACTOR_TYPES[i % len(ACTOR_TYPES)]}> {g} .")
        out.append(f'{s} {LABEL} "Actor {i}"@en {g} .')
        out.append(f'{s} {LABEL} "فاعل {i}"@ar {g} .')
    # Preferential attachment: low ids are hubs.
    weights = [1.0 / (i + 1) ** 0.8 for i in range(nodes)]
    pairs: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    # First every actor gets one partner (so all `nodes` appear), then random dyads.
    for i in range(nodes):
        if len(pairs) >= dyads:
            break
        j = rng.choices(range(nodes), weights=weights)[0]
        j = (i + 1) % nodes if j == i else j
        pair = (i, j) if rng.random() < 0.5 else (j, i)
        if pair not in seen:
            seen.add(pair)
            pairs.append(pair)
    while len(pairs) < dyads:
        a, b = rng.choices(range(nodes), weights=weights, k=2)
        if a == b or (a, b) in seen:
            a, b = rng.randrange(nodes), rng.randrange(nodes)
            if a == b or (a, b) in seen:
                continue
        seen.add((a, b))
        pairs.append((a, b))
    n_event = 0
    for a, b in pairs:
        for _ in range(rng.randint(1, max_events)):
            etype = rng.choice(PLOVER_TYPES)
            e = f"<{ID}event/e{n_event}>"
            ev = f"<{ID}evidence/e{n_event}>"
            g = graph[n_event % documents]
            date = (start + dt.timedelta(days=rng.randrange(days))).isoformat()
            out.append(f"{e} {RDF_TYPE} <{CN}Event> {g} .")
            out.append(f"{e} <{CN}eventType> <{ID}vocab/eventType/{etype}> {g} .")
            out.append(f"{e} <{CN}source> <{ID}actor/a{a}> {g} .")
            out.append(f"{e} <{CN}target> <{ID}actor/a{b}> {g} .")
            out.append(f'{e} <{CN}date> "{date}"^^{XSD_DATE} {g} .')
            out.append(f"{e} <{CN}evidence> {ev} {g} .")
            out.append(f'{ev} <{CN}sentenceText> "Actor {a} and actor {b}: {etype.lower()} ({n_event})." {g} .')
            out.append(f"{ev} <{CN}document> {g} {g} .")
            n_event += 1
    return "\n".join(out) + "\n"
