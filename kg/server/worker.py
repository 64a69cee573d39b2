"""Query workers: separate processes, so that a query over its time limit can be killed.

pyoxigraph cannot cancel a running query from Python; a thread would keep
running after its HTTP request gave up. Each worker process opens the store
read-only once and answers queries sent over a pipe; a query that overruns
the timeout gets its worker killed and replaced.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any


@dataclass
class Outcome:
    """What a worker answers: a result, or an error kind and message."""

    status: str                      # "ok", "syntax", "limit", "timeout", "error"
    result: Any = None               # QueryResult when ok
    message: str = ""


def _serve(path: str, conn: Connection) -> None:
    # Imports happen in the child: spawned processes start from scratch.
    import pyoxigraph as ox

    from kg.store.base import QueryResult
    from kg.store.oxigraph import OxigraphStore, from_ox

    store = OxigraphStore(path, read_only=True, create=False).raw
    while True:
        try:
            sparql, max_rows = conn.recv()
        except (EOFError, OSError):
            return
        try:
            res = store.query(sparql, use_default_graph_as_union=True)
            if isinstance(res, ox.QueryBoolean):
                out = Outcome("ok", QueryResult.ask(bool(res)))
            elif isinstance(res, ox.QuerySolutions):
                names = [v.value for v in res.variables]
                rows = []
                for sol in res:
                    if len(rows) >= max_rows:
                        raise OverflowError
                    rows.append({n: from_ox(sol[n]) for n in names})
                out = Outcome("ok", QueryResult.select(names, rows))
            else:
                triples = []
                for t in res:
                    if len(triples) >= max_rows:
                        raise OverflowError
                    triples.append((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
                out = Outcome("ok", QueryResult.graph_result(triples))
        except OverflowError:
            out = Outcome("limit", message=f"result size limit exceeded ({max_rows} rows or triples); add a LIMIT")
        except SyntaxError as exc:
            out = Outcome("syntax", message=" ".join(str(exc).split()))
        except Exception as exc:  # noqa: BLE001 - reported to the client as a query error
            out = Outcome("error", message=" ".join(str(exc).split()) or type(exc).__name__)
        try:
            conn.send(out)
        except (OSError, ValueError):
            return


class _Worker:
    def __init__(self, ctx: Any, path: str) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(path, child), daemon=True)
        self.proc.start()
        child.close()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class WorkerPool:
    """``size`` worker processes over the store at ``path``."""

    def __init__(self, path: str, size: int = 2, timeout: float = 30.0, max_rows: int = 100_000) -> None:
        self.path, self.timeout, self.max_rows = path, timeout, max_rows
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        for _ in range(max(1, size)):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        w = _Worker(self._ctx, self.path)
        with self._lock:
            self._all.append(w)
        return w

    def _replace(self, w: _Worker) -> None:
        w.kill()
        with self._lock:
            if w in self._all:
                self._all.remove(w)
        self._idle.put(self._spawn())

    def run(self, sparql: str) -> Outcome:
        """Run one query; ``timeout`` covers waiting for a free worker and running."""
        try:
            w = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Outcome("timeout", message=f"no free worker within {self.timeout:g}s")
        try:
            w.conn.send((sparql, self.max_rows))
            if not w.conn.poll(self.timeout):
                self._replace(w)
                return Outcome("timeout", message=f"query timed out after {self.timeout:g}s")
            out = w.conn.recv()
        except (EOFError, OSError, ValueError) as exc:
            self._replace(w)
            return Outcome("error", message=f"query worker failed: {exc or type(exc).__name__}")
        self._idle.put(w)
        return out

    def close(self) -> None:
        with self._lock:
            workers, self._all = list(self._all), []
        for w in workers:
            w.kill()
