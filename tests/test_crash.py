"""`kg add` killed at any moment, and a server answering while `kg add` writes under it.

Kill test: a store is built from the seeds; a new version of the seed document (same id,
one more paragraph, so more facts and more inferences) is added by a real `kg add` that
is SIGKILLed after a random delay drawn uniformly over a whole run (KG_CRASH_KILLS times,
25 by default; KG_CRASH_SEED makes a failure reproduce). Each time the store must open,
hold the old or the new document graph exactly (never half), the old or the new inferred
graph exactly, and every other graph as it was. A kill while the reasoner computes leaves
its scratch graph (graph/inferred-next, only ever new inferences); the next `kg add` must
then give exactly the store an unkilled run gives, which a crash made on purpose checks too.

Snapshot test: a real `kg serve` answers questions and SPARQL from several threads while
`kg add` replaces a document in the very store folder it serves, back and forth between
two versions; every answer must be complete and match one of the two versions, and a query
sent after `kg add` returns must see what it wrote. Last, the hand-off of idle query workers
must be fair, or under load some queries starve past the time limit.
"""

from __future__ import annotations

import http.client
import json
import os
import queue
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from kg.build import add, build
from kg.executor import _Idle
from kg.namespaces import INFERRED_GRAPH, document_graph
from kg.reason import NEXT_GRAPH
from kg.store import OxigraphStore

from .conftest import ROOT, running_server

DOC_ID = "us-pakistan-strategic-realism"
DOC_GRAPH = str(document_graph(DOC_ID))
INFERRED = str(INFERRED_GRAPH)
NEXT = str(NEXT_GRAPH)
# New facts the rules read (two agreements, one of them with the ISI as a party, so the
# evidence about the ISI changes too); the curated quotes all stay valid because the original
# text is kept as it is.
NEW_PARAGRAPH = (
    "\nPakistan’s Frontier Works Organisation (FWO) signed a memorandum of understanding with "
    "US Strategic Metals (USSM). Pakistan’s Inter-Services Intelligence (ISI) and the CIA signed "
    "an agreement on intelligence sharing.\n"
)
KG = Path(sys.executable).with_name("kg")
KILLS = int(os.environ.get("KG_CRASH_KILLS", "25"))
SEED = int(os.environ.get("KG_CRASH_SEED", "20261128"))

Snapshot = dict[str, frozenset]


def snapshot(store: Path) -> Snapshot:
    """Every quad of the store, by graph, read through the project's own store class."""
    graphs: dict[str, set] = {}
    with OxigraphStore(store) as opened:
        for quad in opened.native.quads_for_pattern(None, None, None, None):
            name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
            graphs.setdefault(name, set()).add(quad)
    return {name: frozenset(quads) for name, quads in graphs.items()}


def _triples(quads: frozenset) -> set:
    return {(q.subject, q.predicate, q.object) for q in quads}


def kg_add(document: Path, store: Path, timeout: float = 120) -> float:
    started = time.monotonic()
    subprocess.run([str(KG), "add", str(document), "--store", str(store), "-q"], check=True,
                   capture_output=True, timeout=timeout, cwd=ROOT)
    return time.monotonic() - started


@dataclass(frozen=True)
class Versions:
    store: Path           # built from the seeds: the old version
    old_doc: Path         # the seed document, as it is
    new_doc: Path         # the same id, one more paragraph
    old: Snapshot
    new: Snapshot         # the old store after a complete `kg add` of new_doc
    add_seconds: float    # wall time of one complete `kg add` (the longest of two runs)


def new_version(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in (f"{DOC_ID}.md", f"{DOC_ID}.facts.yaml"):
        shutil.copy(ROOT / "seeds" / name, folder / name)
    with (folder / f"{DOC_ID}.md").open("a", encoding="utf-8") as text:
        text.write(NEW_PARAGRAPH)
    return folder / f"{DOC_ID}.md"


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> Versions:
    root = tmp_path_factory.mktemp("crash")
    store = root / "store"
    build(ROOT / "seeds", store)
    new_doc = new_version(root / "new")
    done = root / "done"
    shutil.copytree(store, done)
    seconds = kg_add(new_doc, done)
    again = root / "again"  # a second run: the time drawn from, and a check that the result is deterministic
    shutil.copytree(store, again)
    seconds = max(seconds, kg_add(new_doc, again))
    old, new = snapshot(store), snapshot(done)
    assert snapshot(again) == new
    assert new[DOC_GRAPH] != old[DOC_GRAPH] and new[INFERRED] != old[INFERRED]
    assert NEXT not in old and NEXT not in new
    old_doc = ROOT / "seeds" / f"{DOC_ID}.md"
    return Versions(store, old_doc, new_doc, old, new, seconds)


def test_new_version_says_more(versions: Versions) -> None:
    """The new version is a real change: more statements, and the old graph is not a part of it."""
    old, new = versions.old[DOC_GRAPH], versions.new[DOC_GRAPH]
    assert len(new) > len(old) and not old <= new
    assert len(versions.new[INFERRED]) > len(versions.old[INFERRED])
    assert set(versions.old) == set(versions.new)


def test_adding_either_version_gives_its_store_back(versions: Versions, tmp_path: Path) -> None:
    """Back and forth between the versions: each `kg add` leaves exactly that version's store, so
    the kill test's two states are the only ones, and the server test's answers are known."""
    copy = tmp_path / "store"
    shutil.copytree(versions.store, copy)
    with OxigraphStore(copy) as opened:
        for doc, expected in ((versions.new_doc, versions.new), (versions.old_doc, versions.old),
                              (versions.old_doc, versions.old), (versions.new_doc, versions.new)):
            add([doc], opened)
            got = {g: frozenset(opened.native.quads_for_pattern(None, None, None, ox.NamedNode(g)))
                   for g in expected}
            assert got == expected, f"after adding {doc}: {_difference(got, expected)}"
            assert opened.graph_names() == set(map(URIRef, expected))


def _difference(got: Snapshot, expected: Snapshot) -> str:
    lines = []
    for graph in sorted(set(got) | set(expected)):
        extra, missing = got.get(graph, frozenset()) - expected.get(graph, frozenset()), \
            expected.get(graph, frozenset()) - got.get(graph, frozenset())
        if extra or missing:
            lines.append(f"{graph}: {len(extra)} more, {len(missing)} fewer, e.g. "
                         f"{sorted(map(str, extra))[:2]} / {sorted(map(str, missing))[:2]}")
    return "; ".join(lines)


def test_kill_kg_add_at_random_points(versions: Versions, tmp_path: Path) -> None:
    """SIGKILL `kg add` KILLS times, uniformly over its run: the store is always one whole version."""
    rng = random.Random(SEED)
    others = {g: q for g, q in versions.old.items() if g not in (DOC_GRAPH, INFERRED)}
    phases: Counter[str] = Counter()
    log: list[str] = []
    for n in range(KILLS):
        copy = tmp_path / f"kill{n}"
        shutil.copytree(versions.store, copy)
        delay = rng.uniform(0, versions.add_seconds)
        process = subprocess.Popen([str(KG), "add", str(versions.new_doc), "--store", str(copy), "-q"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        finished = process.wait(30) == 0  # 0: it completed before the signal came
        after = snapshot(copy)  # opens read-write, as the next `kg add` would (RocksDB recovers its log)
        doc = "old" if after.get(DOC_GRAPH) == versions.old[DOC_GRAPH] else (
            "new" if after.get(DOC_GRAPH) == versions.new[DOC_GRAPH] else "HALF")
        inferred = "old" if after.get(INFERRED) == versions.old[INFERRED] else (
            "new" if after.get(INFERRED) == versions.new[INFERRED] else "HALF")
        scratch = after.get(NEXT, frozenset())
        phase = f"document {doc}, inferred {inferred}" + (", scratch left" if scratch else "")
        phases[phase] += 1
        log.append(f"kill {n}: after {delay:.3f} s{' (had finished)' if finished else ''}: {phase}")
        where = f"kill {n} after {delay:.3f} s (seed {SEED})"
        assert doc != "HALF", f"{where}: the document graph is half written"
        assert inferred != "HALF", f"{where}: the inferred graph is half written"
        assert (doc, inferred) != ("old", "new"), f"{where}: inferences of a document not stored"
        assert not finished or (doc, inferred, scratch) == ("new", "new", frozenset()), f"{where}: finished badly"
        assert {g: q for g, q in after.items() if g not in (DOC_GRAPH, INFERRED, NEXT)} == others, \
            f"{where}: another graph changed"
        # The reasoner's scratch graph may be left by a kill while it computes; it then holds
        # only inferences of the new document (the next run drops it before starting).
        assert not scratch or (doc == "new" and _triples(scratch) <= _triples(versions.new[INFERRED])), \
            f"{where}: scratch graph left with something the new inferences do not hold"
        if not finished and (doc, inferred) != ("old", "old"):
            # Killed after writing something: the next `kg add` must give the store a run that
            # was never killed gives.
            with OxigraphStore(copy) as opened:
                add([versions.new_doc], opened)
            recovered = snapshot(copy)
            assert recovered == versions.new, f"{where}, then kg add again: {_difference(recovered, versions.new)}"
            log[-1] += "; kg add again: the new store"
        shutil.rmtree(copy)
    print(f"\n{KILLS} kills over [0, {versions.add_seconds:.2f}] s (seed {SEED}):")
    print("\n".join(log))
    for phase, count in sorted(phases.items()):
        print(f"  {count:3d}  {phase}")


class Crash(Exception):
    """Stands for the process dying between two of the reasoner's transactions."""


def test_kg_add_after_a_crash_while_reasoning_gives_the_store_a_whole_run_gives(
        versions: Versions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The state the kill test only sometimes hits, made on purpose: the new document in place, the
    old inferred graph, and a half-computed scratch graph. The scratch graph is no document: the
    next `kg add` must not read its inferred types back as entities of the documents."""
    copy = tmp_path / "store"
    shutil.copytree(versions.store, copy)
    real = OxigraphStore.update
    scratch_updates = []

    def update(self: OxigraphStore, sparql: str) -> None:
        if NEXT in sparql:
            scratch_updates.append(sparql)
            if len(scratch_updates) > 100:
                raise Crash
        real(self, sparql)

    with OxigraphStore(copy) as opened:
        monkeypatch.setattr(OxigraphStore, "update", update)
        with pytest.raises(Crash):
            add([versions.new_doc], opened)
        monkeypatch.undo()
    crashed = snapshot(copy)
    assert crashed[DOC_GRAPH] == versions.new[DOC_GRAPH] and crashed[INFERRED] == versions.old[INFERRED]
    assert crashed.get(NEXT), "the crash came before the reasoner wrote its scratch graph"
    with OxigraphStore(copy) as opened:
        add([versions.new_doc], opened)
    recovered = snapshot(copy)
    assert recovered == versions.new, _difference(recovered, versions.new)


# --- a server answering while kg add writes under it ------------------------------------------

COUNT_QUERY = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{DOC_GRAPH}> {{ ?s ?p ?o }} }}"


class Client:
    """One keep-alive HTTP connection to the server."""

    def __init__(self, url: str):
        parsed = urllib.parse.urlsplit(url)
        self.host, self.port = parsed.hostname, parsed.port
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)

    def get(self, path: str, accept: str = "application/json") -> tuple[int, bytes]:
        try:
            self.conn.request("GET", path, headers={"Accept": accept})
            response = self.conn.getresponse()
            return response.status, response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            raise

    def evidence(self) -> tuple[int, object]:
        status, body = self.get("/api/questions/evidence?entity=ISI")
        return status, (_rows(json.loads(body)) if status == 200 else body[:300])

    def count(self) -> tuple[int, object]:
        status, body = self.get("/sparql?" + urllib.parse.urlencode({"query": COUNT_QUERY}),
                                "application/sparql-results+json")
        if status != 200:
            return status, body[:300]
        return status, int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def _rows(answer: dict) -> frozenset:
    return frozenset(json.dumps(row, sort_keys=True) for row in answer["rows"])


def _wait_for(client: Client, count: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while client.count() != (200, count):
        assert time.monotonic() < deadline, f"the server never showed {count} statements"
        time.sleep(0.1)


def test_server_answers_whole_versions_while_kg_add_writes(versions: Versions, tmp_path: Path) -> None:
    """`kg add` (read-write) replaces a document in the folder `kg serve`'s workers read (read-only)."""
    old_count, new_count = len(versions.old[DOC_GRAPH]), len(versions.new[DOC_GRAPH])
    with running_server(tmp_path) as url:
        store = tmp_path / "store"
        client = Client(url)
        _wait_for(client, old_count)
        # Once back and forth, quietly, to learn both versions' answers.
        kg_add(versions.new_doc, store)
        _wait_for(client, new_count)
        status, new_evidence = client.evidence()
        assert status == 200 and new_evidence
        kg_add(versions.old_doc, store)
        _wait_for(client, old_count)
        status, old_evidence = client.evidence()
        assert status == 200 and old_evidence and new_evidence != old_evidence

        stop = threading.Event()
        errors: list[str] = []
        seen: Counter[str] = Counter()
        lock = threading.Lock()

        def ask() -> None:
            mine = Client(url)
            while not stop.is_set():
                for name, call, expected in (("evidence", mine.evidence, {"old": old_evidence, "new": new_evidence}),
                                             ("count", mine.count, {"old": old_count, "new": new_count})):
                    try:
                        status, value = call()
                    except Exception as exc:  # a refused or dropped connection is an error too
                        status, value = -1, f"{type(exc).__name__}: {exc}"
                    with lock:
                        if status != 200:
                            errors.append(f"{name}: {status} {value!r}")
                        else:
                            match = [v for v, answer in expected.items() if answer == value]
                            seen[f"{name} {match[0] if match else 'NEITHER'}"] += 1
                            if not match:
                                errors.append(f"{name}: an answer of neither version: {value!r}"[:400])

        threads = [threading.Thread(target=ask, daemon=True) for _ in range(4)]
        for thread in threads:
            thread.start()
        started = time.monotonic()
        rounds, stale = 6, []
        try:
            for n in range(rounds):
                kg_add(versions.new_doc if n % 2 == 0 else versions.old_doc, store)
                # A query sent after `kg add` returned sees what it wrote: no worker keeps an old view.
                for _ in range(3):
                    answer = client.count()
                    if answer != (200, new_count if n % 2 == 0 else old_count):
                        stale.append(f"after run {n}: {answer}")
        finally:
            stop.set()
            for thread in threads:
                thread.join(70)
        elapsed = time.monotonic() - started
    print(f"\n{rounds} kg add runs in {elapsed:.1f} s while 4 threads asked: {dict(sorted(seen.items()))}")
    assert not errors, f"{len(errors)} errors, first: {errors[:5]}"
    assert not stale, f"answers from before the last kg add: {stale}"
    assert seen["evidence new"] and seen["evidence old"] and seen["count new"] and seen["count old"]


def test_idle_workers_go_to_the_longest_waiter() -> None:
    """Under load (bench/load.py: 64 clients, 2 workers) queries must not starve: with a
    `queue.Queue` of idle workers, newcomers took workers put back while older waiters were
    being woken, and some waited past the 30 s limit (503) while the median waited nothing.
    Here 16 threads share one worker, holding it 5 ms each time, for 3 s: a fair hand-off
    makes nobody wait much more than 16 x 5 ms; the queue made one wait the whole 3 s."""
    idle = _Idle()
    idle.put("worker")
    waits: list[float] = []
    stop = time.monotonic() + 3

    def use() -> None:
        while time.monotonic() < stop:
            started = time.monotonic()
            worker = idle.get(timeout=30)
            waits.append(time.monotonic() - started)
            time.sleep(0.005)
            idle.put(worker)

    threads = [threading.Thread(target=use) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(40)
    assert len(waits) > 100 and max(waits) < 1.0, f"{len(waits)} turns, longest wait {max(waits):.2f} s"


def test_a_waiter_gives_up_after_its_timeout_and_takes_nothing_with_it() -> None:
    idle = _Idle()
    started = time.monotonic()
    with pytest.raises(queue.Empty):
        idle.get(timeout=0.2)
    assert 0.2 <= time.monotonic() - started < 2
    idle.put("worker")  # goes to the idle list, not to the waiter that left
    assert idle.get(timeout=0) == "worker"
