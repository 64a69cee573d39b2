"""kg: a bilingual knowledge-graph builder for conflict news.

Data flow (one package per step)::

    text → kg.text (Document, sentences, tokens) → kg.mentions → kg.entities
         → kg.events / kg.relations → kg.rdf → kg.store → kg.query / kg.viz / export
"""

__version__ = "0.1.0"

# The mypyc-compiled rule modules, or their sources when pure Python is asked for or a source changed
# since the build (kg/_native/__init__.py); decided before any of them is imported.
from kg._native import use_compiled_rules as _use_compiled_rules

_use_compiled_rules()
