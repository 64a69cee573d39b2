"""Extraction pipeline: components that declare what they require and provide.

Like stanza's processors, each component names the annotations it needs
(``requires``) and the ones it adds (``provides``); ``Pipeline`` checks the
chain when it is built, so a misassembled pipeline fails at once with E400
instead of producing an empty graph.

Annotations: ``sentences``, ``tokens``, ``parse`` (heads and deprels),
``mentions``, ``entities``, ``events``, ``relations``, ``date``.

>>> from kg.pipeline import Pipeline
>>> p = Pipeline.default()
>>> ex = p(Document(id="t", text="Russia attacked Ukraine.", lang="en"))
>>> sorted(e.name for e in ex.entities)
['Russia', 'Ukraine']
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Iterable

from kg.errors import PipelineError, error
from kg.model import Document, Entity, Event, Extraction, Mention, Relation


@dataclass
class Work:
    """Everything the components share while one document goes through."""

    document: Document
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    done: set[str] = field(default_factory=set)
    scratch: dict[str, Any] = field(default_factory=dict)  # shared per-document intermediate results

    def extraction(self) -> Extraction:
        return Extraction(self.document, self.entities, self.events, self.relations)


class Component:
    """A pipeline step. Subclasses set ``name``, ``requires``, ``provides``."""

    name: ClassVar[str] = "component"
    requires: ClassVar[frozenset[str]] = frozenset()
    provides: ClassVar[frozenset[str]] = frozenset()
    languages: ClassVar[frozenset[str]] = frozenset({"ar", "en"})

    def __call__(self, work: Work) -> None:  # pragma: no cover - interface
        raise NotImplementedError


_REGISTRY: dict[str, Callable[[], Component]] = {}


def register(name: str) -> Callable[[Callable[[], Component]], Callable[[], Component]]:
    """Register a component factory under ``name``."""

    def deco(factory: Callable[[], Component]) -> Callable[[], Component]:
        _REGISTRY[name] = factory
        return factory

    return deco


DEFAULT_COMPONENTS: tuple[str, ...] = (
    "segment", "gazetteer", "titles", "ner", "link", "dates", "events", "relations", "finalize",
)
STANZA_COMPONENTS: tuple[str, ...] = (
    "stanza", "gazetteer", "titles", "link", "dates", "events", "relations", "finalize",
)


def _load_registry() -> None:
    # Importing the modules registers their components.
    import kg.entities.link  # noqa: F401
    import kg.events.dates  # noqa: F401
    import kg.events.extract  # noqa: F401
    import kg.mentions.gazetteer  # noqa: F401
    import kg.mentions.ner  # noqa: F401
    import kg.mentions.titles  # noqa: F401
    import kg.relations.extract  # noqa: F401
    import kg.text.segment  # noqa: F401


_GC_YOUNG = 20_000  # allocations between young-generation collections once resources are loaded


class Pipeline:
    """An ordered, checked chain of components."""

    def __init__(self, components: Iterable[Component]) -> None:
        self.components = list(components)
        have: set[str] = set()
        for c in self.components:
            missing = c.requires - have
            if missing:
                raise error(PipelineError, "E400", component=c.name, missing=", ".join(sorted(missing)))
            have |= c.provides
        self.provides = have
        self._settled: set[str] = set()  # languages whose resources are loaded (see _settle)

    @classmethod
    def from_names(cls, names: Iterable[str]) -> "Pipeline":
        _load_registry()
        comps = []
        for n in names:
            if n not in _REGISTRY:
                if n == "stanza":
                    import kg.nlp.stanza_backend  # noqa: F401  (registers "stanza")
                if n not in _REGISTRY:
                    raise error(PipelineError, "E401", component=n)
            comps.append(_REGISTRY[n]())
        return cls(comps)

    @classmethod
    def default(cls) -> "Pipeline":
        return cls.from_names(DEFAULT_COMPONENTS)

    def __call__(self, doc: Document) -> Extraction:
        work = Work(doc)
        for c in self.components:
            if doc.lang in c.languages:
                c(work)
            work.done |= c.provides
        if doc.lang not in self._settled:
            self._settle(doc.lang)
        return work.extraction()

    def _settle(self, lang: str) -> None:
        """After a language's first document: move what is alive (lexicons, tries, the KB,
        the NER model) out of the garbage collector's sight.

        They live as long as the process, yet every full collection would walk
        them again (about 100k objects): some 6% of the extraction time.
        Also makes young-generation collections rarer (see below).
        """
        self._settled.add(lang)
        gc.freeze()
        # A document makes tens of thousands of short-lived objects, nearly all
        # freed by reference counting; a young-generation collection every 700
        # allocations costs about 4% and finds nothing. A threshold someone set
        # on purpose (not CPython's default) is left alone.
        g0, g1, g2 = gc.get_threshold()
        if g0 == 700:
            gc.set_threshold(_GC_YOUNG, g1, g2)


_DEFAULT: Pipeline | None = None


def extract(doc: Document, pipeline: Pipeline | None = None) -> Extraction:
    """Run the (cached) default pipeline on one document."""
    global _DEFAULT
    if pipeline is None:
        if _DEFAULT is None:
            _DEFAULT = Pipeline.default()
        pipeline = _DEFAULT
    return pipeline(doc)
