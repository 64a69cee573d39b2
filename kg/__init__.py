"""kg: a bilingual knowledge-graph builder for conflict news.

Data flow (one package per step)::

    text → kg.text (Document, sentences, tokens) → kg.mentions → kg.entities
         → kg.events / kg.relations → kg.rdf → kg.store → kg.query / kg.viz / export
"""

__version__ = "0.1.0"
