"""Running SPARQL for a server: in worker processes that can be stopped.

pyoxigraph computes a query to the end once it starts and holds its thread meanwhile,
so a runaway query cannot be cancelled in-process. A server therefore runs queries in
a small pool of worker processes, each with its own read-only view of the store; a
query past its time limit gets its worker killed (and replaced) and its client an
error, while the other workers keep answering.

Workers reopen their view when the store changes (`generation()`: the store folder is
replaced by `kg build`, or written by `kg add` or an update), so they answer from a
consistent snapshot while a load runs and from the new data after it.
"""

from __future__ import annotations

import collections
import itertools
import json
import multiprocessing as mp
import os
import queue
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from .errors import KGError

DEFAULT_TIMEOUT = 30.0

# Result serialisations the workers produce (pyoxigraph names them by media type).
RESULT_FORMATS = {
    "application/sparql-results+json": "JSON",
    "application/sparql-results+xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_FORMATS = {
    "text/turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "application/rdf+xml": "RDF_XML",
    "application/ld+json": "JSON_LD",
    "application/n-quads": "N_QUADS",
    "application/trig": "TRIG",
}


class QueryTimeout(KGError):
    """The query ran past the time limit and was stopped."""


class QueryFailed(KGError):
    """The store refused the query (syntax, or an error while evaluating)."""


@dataclass(frozen=True)
class Result:
    kind: str            # "solutions", "boolean" or "graph"
    body: bytes
    media_type: str
    truncated: bool = False  # more rows (solutions or triples) than `max_rows`; only the first are in body


def generation(location: str | Path) -> tuple[int, int, int]:
    """Changes whenever the store does: the folder swapped in by `kg build` (a new inode)
    or any of its files written (`kg add`, an update). Sizes count too, as modification
    times can be coarser than two writes."""
    try:
        folder = os.stat(location).st_ino
        stats = [e.stat() for e in os.scandir(location) if e.is_file()]
    except OSError:
        return (-1, -1, -1)
    return folder, max((s.st_mtime_ns for s in stats), default=0), sum(s.st_size for s in stats)


# --- the worker process -------------------------------------------------------------------

# Pauses before each new attempt at a query whose view the store changed under; None: give up.
_RETRY_PAUSES = (0.0, 0.05, 0.1, 0.2, 0.4, None)

CLONE_NEWNET = 0x40000000


def isolate() -> str:
    """Cut this process off the network, as a second line behind the SERVICE/LOAD refusal.

    Oxigraph evaluates SERVICE and LOAD by fetching over HTTP from Rust code, which no
    Python audit hook sees. So a worker first moves into a network namespace of its own
    (no interfaces but a down loopback: every connection fails), where the kernel allows
    it (root, or unprivileged user namespaces); and an audit hook refuses Python-level
    connections in any case. Returns how it was isolated, for /health and the logs.
    """
    import ctypes
    import sys

    def refuse_network(event: str, args: tuple) -> None:
        if event in ("socket.connect", "socket.getaddrinfo", "urllib.Request"):
            raise PermissionError(f"query workers do not use the network ({event})")

    sys.addaudithook(refuse_network)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(CLONE_NEWNET) == 0:
            return "network namespace and audit hook"
    except (OSError, AttributeError):
        pass
    return "audit hook only (no permission for a network namespace)"


def _worker(location: str, conn: Connection) -> None:
    """Answer queries from `conn` until it closes. Runs in its own process, off the network."""
    import pyoxigraph as ox

    isolation = isolate()

    store, seen, updates = None, None, None

    def open_view(request: dict) -> Any:
        nonlocal store, seen, updates
        seen, updates = generation(location), request.get("updates")
        store = ox.Store.read_only(location)
        return store

    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request == "isolation?":
            conn.send(("ok", isolation))
            continue
        try:
            for pause in _RETRY_PAUSES:
                try:
                    # The parent counts its own updates, so one is seen by the very next query even
                    # when the files' timestamps have not ticked yet.
                    if store is None or generation(location) != seen or request.get("updates") != updates:
                        open_view(request)
                    result = evaluate(store, request)
                    break
                except (OSError, RuntimeError):
                    # A read-only view does not follow a writer in another process (`kg add`, an
                    # update): files it still lists are compacted away and reading them fails
                    # ("IO error: No such file or directory: …sst"). Changed files show it; the
                    # query then runs again on a fresh view (reads have no effect to undo).
                    store = None  # never reused: the next query opens another
                    if pause is None or generation(location) == seen:
                        raise
                    time.sleep(pause)
            conn.send(("ok", result))
        except SyntaxError as exc:
            conn.send(("syntax", str(exc)))
        except Exception as exc:  # report, never die silently: the parent decides
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


def _updater(location: str, sparql: str, base_iri: str | None, conn: Connection) -> None:
    """Run one update on the store and report how it went. A process of its own, off the
    network, so that the parent can stop it at the time limit."""
    from .store import OxigraphStore

    isolate()
    try:
        store = OxigraphStore(location)
    except KGError as exc:
        conn.send(("busy", f"the store is busy (another process is writing): {exc.message}"))
        return
    try:
        store.native.update(sparql, base_iri=base_iri)
        outcome = ("ok", None)
    except SyntaxError as exc:
        outcome = ("syntax", str(exc))
    except (OSError, ValueError) as exc:  # evaluation errors: the transaction is rolled back
        outcome = ("error", f"the update failed: {exc}")
    finally:
        store.close()
    conn.send(outcome)


def answer(store: Any, request: dict) -> tuple[str, bytes, str]:
    """Run `request` (as `QueryExecutor.query` builds it) on `store`: (kind, body, media type)."""
    return evaluate(store, request)[:3]


def evaluate(store: Any, request: dict) -> tuple[str, bytes, str, bool]:
    """`answer`, and whether the result was cut at `request["max_rows"]`."""
    import pyoxigraph as ox

    default = request.get("default_graphs")
    named = request.get("named_graphs")
    kwargs: dict[str, Any] = {"base_iri": request.get("base_iri")}
    # A dataset given as lists (even empty ones) is used as it is; with none, the default
    # graph is the union of all graphs, unless the caller lets the query's FROM decide.
    if default is not None:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default]
    elif request.get("union_default_graph", True):
        kwargs["use_default_graph_as_union"] = True
    if named is not None:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named]
    results = store.query(request["query"], **kwargs)
    limit = request.get("max_rows")
    if isinstance(results, ox.QueryBoolean):
        media = request["boolean_format"]
        fmt = getattr(ox.QueryResultsFormat, RESULT_FORMATS.get(media, "JSON"))
        return "boolean", results.serialize(format=fmt), media, False
    if isinstance(results, ox.QuerySolutions):
        media = request["solutions_format"]
        fmt = getattr(ox.QueryResultsFormat, RESULT_FORMATS[media])
        if limit is None:
            return "solutions", results.serialize(format=fmt), media, False
        variables = results.variables
        rows = list(itertools.islice(results, limit + 1))  # stops the evaluation there
        truncated = len(rows) > limit
        # pyoxigraph serialises only its own iterators: read the kept rows back as TSV results.
        tsv = "\t".join(str(v) for v in variables) + "\n" + "".join(
            "\t".join(_tsv_term(row[v]) for v in variables) + "\n" for row in rows[:limit])
        kept = ox.parse_query_results(tsv.encode(), format=ox.QueryResultsFormat.TSV)
        return "solutions", kept.serialize(format=fmt), media, truncated
    media = request["graph_format"]
    fmt = getattr(ox.RdfFormat, GRAPH_FORMATS[media])
    if limit is None:
        return "graph", results.serialize(format=fmt), media, False
    triples = list(itertools.islice(results, limit + 1))
    return "graph", ox.serialize(triples[:limit], format=fmt), media, len(triples) > limit


def _tsv_term(term: Any) -> str:
    """A term as SPARQL TSV writes it (N-Triples syntax; RDF 1.2 triple terms as `<<( s p o )>>`)."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.Triple):
        return f"<<( {_tsv_term(term.subject)} {_tsv_term(term.predicate)} {_tsv_term(term.object)} )>>"
    return str(term)


# --- the pool -----------------------------------------------------------------------------

class _Worker:
    def __init__(self, context: Any, location: str):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(location, child), daemon=True)
        self.process.start()
        child.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class _Idle:
    """The idle workers, handed to waiting queries first come, first served.

    With a `queue.Queue`, a query arriving just as a worker is put back takes it before the
    waiter being woken, which then waits again at the back of the line: under load some
    queries waited past the time limit (503 "no worker free") while others never waited.
    Here a worker put back goes straight to the longest waiter.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._workers: collections.deque[_Worker] = collections.deque()
        self._waiters: collections.deque[list] = collections.deque()  # [event, worker handed over]

    def get(self, timeout: float) -> _Worker:
        """An idle worker, waiting at most `timeout` seconds; `queue.Empty` if none came."""
        with self._lock:
            if self._workers:  # none idle while someone waits: `put` hands them over
                return self._workers.popleft()
            slot: list = [threading.Event(), None]
            self._waiters.append(slot)
        slot[0].wait(timeout)
        with self._lock:
            if slot[1] is None:
                self._waiters.remove(slot)
                raise queue.Empty
            return slot[1]

    def put(self, worker: _Worker) -> None:
        with self._lock:
            if self._waiters:
                slot = self._waiters.popleft()
                slot[1] = worker
                slot[0].set()
            else:
                self._workers.append(worker)


class QueryExecutor:
    """A pool of worker processes answering read queries with a time limit each."""

    def __init__(self, location: str | Path, *, workers: int = 2, timeout: float = DEFAULT_TIMEOUT):
        self.location = str(location)
        if not Path(self.location).exists():
            raise KGError("no store here yet; run `kg build` first", path=self.location)
        self.timeout = timeout
        self._context = mp.get_context("spawn")  # no fork: the server has threads
        self._idle = _Idle()
        self._lock = threading.Lock()
        self._updates = 0  # updates run through this executor; workers reopen their view when it moves
        self._isolation: str | None = None
        self._workers = [_Worker(self._context, self.location) for _ in range(max(1, workers))]
        for worker in self._workers:
            self._idle.put(worker)

    def query(self, sparql: str, *, solutions_format: str = "application/sparql-results+json",
              boolean_format: str = "application/sparql-results+json",
              graph_format: str = "text/turtle", default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None, timeout: float | None = None,
              base_iri: str | None = None, union_default_graph: bool = True,
              max_rows: int | None = None) -> Result:
        """Run a read query in a worker and return its serialised results.

        `default_graphs`/`named_graphs` given as lists (empty ones included) make the dataset;
        without them the default graph is the union of all graphs, or, with
        `union_default_graph=False`, whatever the query's FROM / FROM NAMED say. `base_iri`
        resolves relative IRIs. With `max_rows`, evaluation stops after that many solutions
        (or triples) and `Result.truncated` says whether there were more.
        """
        limit = self.timeout if timeout is None else timeout
        started = time.monotonic()
        try:
            worker = self._idle.get(timeout=limit)
        except queue.Empty:
            raise QueryTimeout(f"no worker free within {limit:g} s; the server is busy") from None
        request = dict(query=sparql, solutions_format=solutions_format, boolean_format=boolean_format,
                       graph_format=graph_format, default_graphs=default_graphs, named_graphs=named_graphs,
                       base_iri=base_iri, union_default_graph=union_default_graph, max_rows=max_rows,
                       updates=self._updates)
        try:
            worker.conn.send(request)
            remaining = max(0.0, limit - (time.monotonic() - started))
            if not worker.conn.poll(remaining):
                self._replace(worker)
                worker = None
                raise QueryTimeout(f"query stopped after {limit:g} s (the time limit)")
            status, payload = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            if worker is not None:
                self._replace(worker)
                worker = None
            raise QueryFailed("the query worker died; try again") from None
        finally:
            if worker is not None:
                self._idle.put(worker)
        if status == "ok":
            kind, body, media, truncated = payload
            return Result(kind, body, media, truncated)
        if status == "syntax":
            raise QueryFailed(f"malformed SPARQL: {payload}")
        raise QueryFailed(payload)

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        """Run a SPARQL Update in one transaction, within the time limit; the workers see it
        on their next query.

        The update runs in a process of its own, opened for writing only for the update, so
        `kg add` and the server take turns rather than fight over RocksDB's lock, and an
        update past the limit is killed before it commits: the store stays as it was
        (`QueryTimeout`). `base_iri` resolves relative IRIs.
        """
        with self._lock:
            conn, child = self._context.Pipe()
            process = self._context.Process(target=_updater, args=(self.location, sparql, base_iri, child),
                                            daemon=True)
            process.start()
            child.close()
            try:
                if not conn.poll(self.timeout):
                    process.kill()
                    raise QueryTimeout(f"update stopped after {self.timeout:g} s (the time limit); nothing "
                                       "was written: narrow its WHERE, split it, or start the server with a "
                                       "larger --query-timeout")
                status, payload = conn.recv()
            except EOFError:
                raise QueryFailed("the update process died; nothing was written") from None
            finally:
                process.join(5)
                conn.close()
                self._updates += 1
        if status == "syntax":
            raise QueryFailed(f"malformed SPARQL: {payload}")
        if status != "ok":
            raise QueryFailed(payload)

    def select(self, sparql: str, timeout: float | None = None) -> list[dict[str, dict]]:
        """SELECT solutions as SPARQL JSON bindings (for the questions API)."""
        result = self.query(sparql, timeout=timeout)
        return json.loads(result.body)["results"]["bindings"]

    def _replace(self, worker: _Worker) -> None:
        """Kill a stuck worker and start another in its place, off the request's path."""
        def swap() -> None:
            worker.kill()
            fresh = _Worker(self._context, self.location)
            with self._lock:
                self._workers = [w for w in self._workers if w is not worker] + [fresh]
            self._idle.put(fresh)
        threading.Thread(target=swap, daemon=True).start()

    def close(self) -> None:
        with self._lock:
            for worker in self._workers:
                worker.kill()
            self._workers = []

    def isolation(self) -> str:
        """How the workers are cut off the network. Asked of one worker once: every worker
        runs the same `isolate()`, so the answer does not change while the pool lives."""
        if self._isolation is None:
            worker = self._idle.get(timeout=self.timeout)
            worker.conn.send("isolation?")
            if not worker.conn.poll(5):
                self._replace(worker)  # its late answer must not reach the next query
                return "unknown"
            self._isolation = worker.conn.recv()[1]
            self._idle.put(worker)
        return self._isolation

    def pids(self) -> list[int]:
        return [w.process.pid for w in self._workers if w.process.pid is not None]


def default_workers() -> int:
    return max(2, min(4, os.cpu_count() or 2))
