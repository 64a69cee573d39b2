"""Events: PLOVER-typed interactions with roles, figures, dates and places."""
