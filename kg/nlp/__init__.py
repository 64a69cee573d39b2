"""Optional neural NLP backend (stanza): pipeline component, adapter, dependency roles, models.

Importing this package never imports stanza or torch; only building a
stanza pipeline does (see :mod:`kg.nlp.stanza_backend`).
"""
