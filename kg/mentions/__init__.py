"""Mentions: spans of text that name an actor, place or treaty."""
