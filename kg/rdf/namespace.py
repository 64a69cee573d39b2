"""Vocabulary of the conflict ontology (``ontology/conflict.ttl``) and IRI bases.

``CN`` is a closed ``DefinedNamespace``: a misspelt term raises at import
time instead of silently minting a new IRI.

>>> str(CN.Event)
'https://w3id.org/kg-conflict/ontology#Event'
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/kg-conflict/ontology#"
ID_BASE = "https://w3id.org/kg-conflict/id/"

ID = Namespace(ID_BASE)
WD = Namespace("http://www.wikidata.org/entity/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
# SKOS concepts of the ontology (event types, modes, contexts, quad classes):
# VOCAB["eventType/ASSAULT"], VOCAB["mode/phone"], VOCAB["context/military"],
# VOCAB["quadClass/material-conflict"]; schemes are VOCAB["eventType"] etc.
VOCAB = Namespace("https://w3id.org/kg-conflict/vocab/")


class CN(DefinedNamespace):
    """Terms of the conflict ontology."""

    _fail = True
    _NS = Namespace(ONTOLOGY_IRI)

    # Actor and thing classes
    Actor: object
    Person: object
    Country: object
    GovernmentBody: object
    MilitaryForce: object
    Organization: object
    IGO: object
    Media: object
    ArmedGroup: object
    Place: object
    Treaty: object
    Position: object
    Document: object
    Evidence: object
    Interaction: object          # materialised dyad summary (source, target, type)
    Tie: object                  # materialised dyad summary (source, target, quad class)
    EventList: object            # materialised: the events of one type an actor takes part in
    Event: object
    EventType: object            # SKOS concept scheme members
    Mode: object
    Context: object
    QuadClass: object

    # PLOVER event classes (subclasses of Event)
    AGREE: object
    CONSULT: object
    SUPPORT: object
    CONCEDE: object
    COOPERATE: object
    AID: object
    RETREAT: object
    REQUEST: object
    ACCUSE: object
    REJECT: object
    THREATEN: object
    PROTEST: object
    SANCTION: object
    MOBILIZE: object
    COERCE: object
    ASSAULT: object

    # Event properties
    eventType: object            # → skos:Concept of the PLOVER scheme
    source: object
    target: object
    date: object
    location: object
    dead: object
    injured: object
    captured: object
    claimedBy: object
    mode: object
    context: object
    quadClass: object
    trigger: object
    triggerStart: object         # trigger offsets in the document text
    triggerEnd: object
    confidence: object
    evidence: object

    # Evidence properties
    document: object
    sentenceText: object
    sentenceIndex: object
    start: object
    end: object

    # Entity properties
    country: object
    iso3: object
    sector: object
    actorCode: object
    mentionedIn: object
    year: object                 # treaties

    # Relations
    holdsPosition: object
    leaderOf: object
    ministryOf: object
    memberOf: object
    partyTo: object
    locatedIn: object
    hasMilitaryBaseIn: object

    # Position properties
    title: object
    positionOf: object           # organisation or country the post belongs to

    # Document properties
    lang: object
    sourcePath: object
    contentHash: object

    # Interaction (dyad summary) properties
    eventCount: object
    firstDate: object
    lastDate: object

    # Tie (dyad summary per quad class) properties; cn:quadClass, cn:firstDate, cn:lastDate too
    tieSource: object
    tieTarget: object
    tieEvents: object

    # Summary graph: labels and the search index
    displayLabel: object         # the label queries show for an entity: its smallest skos:prefLabel
    searchKey: object            # a name folded for search (kg.query.params.search_key)
    entityClass: object          # an entity's class (kg.model.ENTITY_TYPES)

    # Summary graph: event lists (actor → its events of one type)
    eventList: object            # actor → cn:EventList
    event: object                # cn:EventList → each of its events
