"""Named SPARQL queries, safe parameter binding and result formats.

>>> from kg.query import load_query, run_query
"""

from __future__ import annotations

from kg.query.library import NamedQuery, library, load_query
from kg.query.params import Param, bind_params, parse_assignments
from kg.query.results import FORMATS, render
from kg.query.run import run_query

__all__ = ["FORMATS", "NamedQuery", "Param", "bind_params", "library", "load_query",
           "parse_assignments", "render", "run_query"]
