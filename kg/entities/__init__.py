"""Entities: mentions grouped and linked to the knowledge base."""
