"""Serving speed and memory: `kg serve` beside `oxigraph serve` and rdflib-endpoint, on one dataset.

    .venv/bin/python bench/http.py [--triples 100000] [--seconds 15] [--clients 8]

What is measured, in one run, on one generated dataset and the same queries:

1. Canned questions (agencies?state=Pakistan, cooperation, events, evidence?entity=ISI): latency
   of `kg.questions.ask` over an opened `OxigraphStore` (in-process) and of
   `GET /api/questions/<id>?…` against `kg serve` (one keep-alive client), median and p95.
2. SPARQL throughput: --clients threads, each with its own keep-alive HTTP connection, loop
   `GET <endpoint>?query=…` (SPARQL JSON results) for --seconds against
   - `kg serve` (default query workers) on a store `kg build` made from generated documents
     (real corpus sentences shuffled into ~1,000-word texts, as bench/pipeline.py makes them,
     enough of them to reach --triples quads);
   - `oxigraph serve --union-default-graph` on the `kg export --format nq` of that store,
     loaded with `oxigraph load`;
   - `rdflib-endpoint serve` on the same N-Quads file (rdflib's in-memory `Dataset` with
     `default_union=True`, so its default graph is the union of the named graphs too).
   Every server must return the same number of rows before it is timed. Reported: requests/s,
   p50/p99 latency, and the CPU the server processes and this client used (2 cores in all).
3. `kg serve` memory: the VmRSS (and PSS, which counts shared pages once) of the server process
   and all its descendants (query workers, multiprocessing's tracker), found through
   /proc/<pid>/task/*/children: idle after start, peak while loaded, after the load; the same for
   a store built from seeds/ alone under the same client load.

Servers run as subprocesses on free ports on 127.0.0.1 and are stopped (their whole process
group) whatever happens. Every figure comes from this one run on this machine.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

# This file shares its name with the standard library's `http`: take bench/ off the path
# (Python puts a script's folder first) before anything imports http.client.
ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import http.client  # noqa: E402

from bench.pipeline import synthetic_texts  # noqa: E402
from kg.questions import ask, load_catalogue  # noqa: E402
from kg.store import OxigraphStore  # noqa: E402

BIN = Path(sys.executable).parent
PREFIXES = """PREFIX sc: <https://w3id.org/statecraft/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
QUERIES = {
    # agency -> state -> label
    "two-hop": PREFIXES + "SELECT ?agency ?state ?label WHERE { ?agency sc:agencyOf ?state . "
                          "?state rdfs:label ?label }",
    # reified statement -> assertion -> modality -> label, over every statement, grouped
    "reified": PREFIXES + """SELECT ?predicate ?modality (COUNT(*) AS ?n) WHERE {
  ?statement rdf:predicate ?predicate ; sc:assertion ?assertion .
  ?assertion sc:modality ?m . ?m rdfs:label ?modality
} GROUP BY ?predicate ?modality""",
}
QUESTIONS = [("agencies", {"state": "Pakistan"}), ("cooperation", {}), ("events", {}), ("evidence", {"entity": "ISI"})]
COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
JSON_RESULTS = "application/sparql-results+json"


# --- processes and /proc ------------------------------------------------------------------

def descendants(pid: int) -> list[int]:
    """`pid` and every process below it, from /proc/<pid>/task/*/children."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            with contextlib.suppress(OSError):
                todo += [int(c) for c in (task / "children").read_text().split()]
    return found


def _status_kb(path: str, key: str) -> int:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def memory_mb(pid: int) -> tuple[float, float, int]:
    """(RSS, PSS, processes) summed over the process tree of `pid`."""
    pids = descendants(pid)
    rss = sum(_status_kb(f"/proc/{p}/status", "VmRSS:") for p in pids)
    pss = sum(_status_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
    return rss / 1024, pss / 1024, len(pids)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process tree of `pid` (live processes)."""
    total = 0
    for p in descendants(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    name: str
    proc: subprocess.Popen
    port: int
    path: str                      # where SPARQL queries go
    note: str = ""
    rows: dict[str, int] = field(default_factory=dict)

    def url(self, query: str) -> str:
        return f"{self.path}?{urllib.parse.urlencode({'query': query})}"


def start(name: str, argv: list[str], path: str, port: int, log: Path, timeout: float = 300) -> Server:
    """Start a server in its own process group and wait until it answers `ASK {}`."""
    proc = subprocess.Popen(argv, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
                            cwd=ROOT)
    server = Server(name, proc, port, path)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with {proc.returncode}; see {log}")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        with contextlib.suppress(OSError, http.client.HTTPException):
            if get(conn, server.url("ASK {}"))[0] == 200:
                conn.close()
                return server
        conn.close()
        time.sleep(0.2)
    stop(server)
    raise RuntimeError(f"{name} did not answer within {timeout:g} s; see {log}")


def stop(server: Server) -> None:
    """SIGTERM the server's process group (server and workers), then SIGKILL what is left of it."""
    try:
        os.killpg(server.proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.proc.wait(5)
        os.killpg(server.proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    server.proc.wait()


def run(argv: list[str]) -> str:
    return subprocess.run(argv, check=True, capture_output=True, text=True, cwd=ROOT).stdout


# --- HTTP ---------------------------------------------------------------------------------

def get(conn: http.client.HTTPConnection, path: str, accept: str = JSON_RESULTS) -> tuple[int, bytes, dict]:
    conn.request("GET", path, headers={"Accept": accept})
    response = conn.getresponse()
    body = response.read()
    if response.will_close:
        conn.close()
    return response.status, body, dict(response.getheaders())


def count_rows(server: Server, query: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=300)
    status, body, headers = get(conn, server.url(query))
    conn.close()
    if status != 200:
        raise RuntimeError(f"{server.name}: HTTP {status}: {body[:300]!r}")
    if headers.get("X-Statecraft-Truncated"):
        raise RuntimeError(f"{server.name}: result truncated at the row limit")
    return len(json.loads(body)["results"]["bindings"])


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile, in milliseconds."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))] * 1000


@dataclass
class Load:
    requests: int
    errors: int
    seconds: float
    latencies: list[float]
    server_cpu: float      # CPU seconds of the server's process tree over the run
    client_cpu: float      # CPU seconds of this process over the run
    peak_rss: float = 0.0  # MB, process tree of the server, sampled every 0.25 s

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def load(server: Server, query: str, clients: int, seconds: float) -> Load:
    """`clients` threads, a keep-alive connection each, looping GETs of `query` for `seconds`."""
    path = server.url(query)
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    stop_at = time.perf_counter() + seconds
    peak = [0.0]

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        while (t0 := time.perf_counter()) < stop_at:
            try:
                status, _, _ = get(conn, path)
            except (OSError, http.client.HTTPException):
                status = 0
                conn.close()
            if status == 200:
                latencies[i].append(time.perf_counter() - t0)
            else:
                errors[i] += 1
        conn.close()

    def sample() -> None:
        while time.perf_counter() < stop_at:
            peak[0] = max(peak[0], memory_mb(server.proc.pid)[0])
            time.sleep(0.25)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)] + [threading.Thread(target=sample)]
    cpu0, own0, t0 = cpu_seconds(server.proc.pid), time.process_time(), time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    every = [x for per in latencies for x in per]
    return Load(len(every), sum(errors), elapsed, every, cpu_seconds(server.proc.pid) - cpu0,
                time.process_time() - own0, peak[0])


# --- data and servers ---------------------------------------------------------------------

def write_documents(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.md"):
        old.unlink()
    for i, text in enumerate(synthetic_texts(n, 1000), 1):
        (folder / f"bench-{i:05d}.md").write_text(text + "\n", encoding="utf-8")


def count_quads(store: Path) -> int:
    with OxigraphStore(store, read_only=True) as opened:
        return int(opened.select(COUNT_QUADS)[0]["n"])


def build_store(tmp: Path, triples: int) -> tuple[Path, int, int]:
    """`kg build` from generated documents, enough to reach `triples` quads (one correction)."""
    docs, store = tmp / "docs", tmp / "store"
    n = max(1, round(triples / 870))  # ~870 quads a document, measured; corrected below
    for _ in range(2):
        write_documents(docs, n)
        run([str(BIN / "kg"), "build", "--docs", str(docs), "--store", str(store), "-q"])
        quads = count_quads(store)
        if abs(quads - triples) <= 0.05 * triples:
            break
        n = max(1, math.ceil(n * triples / quads))
    return store, n, quads


def kg_server(store: Path, log: Path) -> Server:
    port = free_port()
    return start("kg serve", [str(BIN / "kg"), "serve", "--store", str(store), "--host", "127.0.0.1",
                              "--port", str(port)], "/sparql", port, log)


def oxigraph_server(nquads: Path, location: Path, log: Path) -> Server:
    run([str(BIN / "oxigraph"), "load", "--location", str(location), "--file", str(nquads)])
    port = free_port()
    server = start("oxigraph serve", [str(BIN / "oxigraph"), "serve", "--location", str(location),
                                      "--bind", f"127.0.0.1:{port}", "--union-default-graph"], "/query", port, log)
    server.note = "N-Quads loaded with `oxigraph load`, --union-default-graph"
    return server


def rdflib_server(nquads: Path, log: Path) -> Server:
    port = free_port()
    server = start("rdflib-endpoint", [str(BIN / "rdflib-endpoint"), "serve", "--host", "127.0.0.1",
                                       "--port", str(port), str(nquads)], "/", port, log)
    server.note = "the same N-Quads in rdflib's Dataset(default_union=True), default in-memory store"
    return server


# --- measurements -------------------------------------------------------------------------

def question_latency(store: Path, server: Server, calls: int) -> list[tuple[str, int, list[float], list[float]]]:
    """Each question `calls` times in-process and over HTTP (after 3 warm-up calls each)."""
    catalogue = load_catalogue()
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    results = []
    with OxigraphStore(store, read_only=True) as opened:
        for qid, params in QUESTIONS:
            question = catalogue[qid]
            path = f"/api/questions/{qid}" + (f"?{urllib.parse.urlencode(params)}" if params else "")
            local, remote = [], []
            for i in range(calls + 3):
                t0 = time.perf_counter()
                answer = ask(question, params, opened.select)
                t1 = time.perf_counter()
                status, body, _ = get(conn, path, accept="application/json")
                t2 = time.perf_counter()
                if status != 200:
                    raise RuntimeError(f"{path}: HTTP {status}: {body[:300]!r}")
                if i >= 3:
                    local.append(t1 - t0)
                    remote.append(t2 - t1)
            served = len(json.loads(body)["rows"])
            if served != len(answer.rows):
                print(f"  ! {qid}: {len(answer.rows)} rows in-process, {served} over HTTP")
            results.append((f"{qid}{'?' + urllib.parse.urlencode(params) if params else ''}", served, local, remote))
    return results


def seed_memory(tmp: Path, clients: int, seconds: float) -> tuple[tuple[float, float, int], Load, tuple]:
    store = tmp / "seed-store"
    run([str(BIN / "kg"), "build", "--docs", str(ROOT / "seeds"), "--store", str(store), "-q"])
    server = kg_server(store, tmp / "kg-seeds.log")
    try:
        time.sleep(1)
        idle = memory_mb(server.proc.pid)
        loaded = load(server, QUERIES["two-hop"], clients, seconds)
        return idle, loaded, memory_mb(server.proc.pid)
    finally:
        stop(server)


def main(triples: int, seconds: float, clients: int) -> None:
    command = " ".join([".venv/bin/python", "bench/http.py", *map(shlex.quote, sys.argv[1:])])
    print(f"$ {command}")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; clients, servers and load all on 127.0.0.1\n")
    servers: list[Server] = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-http-") as name:
        tmp = Path(name)
        try:
            t0 = time.perf_counter()
            store, n_docs, quads = build_store(tmp, triples)
            print(f"kg build: {n_docs} generated documents of ~1,000 words -> {quads} quads "
                  f"({time.perf_counter() - t0:.1f} s)")
            nquads = tmp / "store.nq"
            run([str(BIN / "kg"), "export", "--format", "nq", "--out", str(nquads), "--store", str(store)])
            print(f"kg export --format nq: {sum(1 for line in nquads.open() if line.strip())} lines")

            kg = kg_server(store, tmp / "kg.log")
            servers.append(kg)
            time.sleep(1)
            kg_idle = memory_mb(kg.proc.pid)
            servers.append(oxigraph_server(nquads, tmp / "oxigraph", tmp / "oxigraph.log"))
            t0 = time.perf_counter()
            servers.append(rdflib_server(nquads, tmp / "rdflib.log"))
            print(f"rdflib-endpoint ready (parsing the N-Quads) in {time.perf_counter() - t0:.1f} s")
            for server in servers[1:]:
                print(f"  {server.name}: {server.note}")

            print("\nrows per query (must agree before timing):")
            for qname, query in QUERIES.items():
                for server in servers:
                    server.rows[qname] = count_rows(server, query)
                counts = {s.name: s.rows[qname] for s in servers}
                agree = len(set(counts.values())) == 1
                print(f"  {qname:8} " + ", ".join(f"{k} {v}" for k, v in counts.items())
                      + ("" if agree else "  <-- DIFFER"))

            print(f"\ncanned questions ({50} calls each after 3 warm-ups, one client):")
            latencies = question_latency(store, kg, 50)

            runs: dict[tuple[str, str], Load] = {}
            for qname, query in QUERIES.items():
                for server in servers:
                    load(server, query, clients, 1.0)  # warm-up: connections, caches, workers
                    runs[server.name, qname] = load(server, query, clients, seconds)
                    r = runs[server.name, qname]
                    print(f"  loaded {server.name:16} {qname:8} {r.rps:8.1f} req/s", flush=True)
            kg_after = memory_mb(kg.proc.pid)
        finally:
            for server in servers:
                stop(server)
        seed_idle, seed_load, seed_after = seed_memory(tmp, clients, min(seconds, 5.0))

    report(command, quads, latencies, runs, servers, clients, seconds, kg_idle, kg_after, seed_idle, seed_load,
           seed_after)


def report(command, quads, latencies, runs, servers, clients, seconds, kg_idle, kg_after, seed_idle, seed_load,
           seed_after) -> None:
    print(f"\n== canned questions, {quads} quads (ms)")
    print(f"{'question':28} {'rows':>6} {'in-process p50':>15} {'p95':>7} {'HTTP p50':>9} {'p95':>7}")
    for label, rows, local, remote in latencies:
        print(f"{label:28} {rows:6d} {pct(local, 50):15.2f} {pct(local, 95):7.2f} "
              f"{pct(remote, 50):9.2f} {pct(remote, 95):7.2f}")

    print(f"\n== SPARQL GET, JSON results, {clients} keep-alive clients x {seconds:g} s, {quads} quads")
    print(f"{'query':8} {'server':16} {'rows':>5} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} "
          f"{'server CPU':>10} {'client CPU':>10}")
    for (name, qname), r in runs.items():
        rows = next(s.rows[qname] for s in servers if s.name == name)
        print(f"{qname:8} {name:16} {rows:5d} {r.rps:9.1f} {pct(r.latencies, 50):8.2f} {pct(r.latencies, 99):8.2f} "
              f"{r.errors:6d} {r.server_cpu / r.seconds:9.0%} {r.client_cpu / r.seconds:9.0%}")
    for qname in QUERIES:
        kg, ox, rl = (runs[n, qname].rps for n in ("kg serve", "oxigraph serve", "rdflib-endpoint"))
        print(f"{qname:8} kg / rdflib-endpoint {kg / rl:7.1f}x (target >= 10x: {'met' if kg / rl >= 10 else 'NOT MET'})"
              f"   kg / oxigraph {kg / ox:5.2f}x (target >= 0.5x: {'met' if kg / ox >= 0.5 else 'NOT MET'})")

    print("\n== kg serve memory, server + workers (MB; target under load < 300)")
    print(f"{'store':22} {'procs':>5} {'idle RSS':>9} {'PSS':>6} {'peak RSS loaded':>16} {'after RSS':>10} {'PSS':>6}")
    peak = max(r.peak_rss for (name, _), r in runs.items() if name == "kg serve")
    print(f"{f'{quads} quads':22} {kg_idle[2]:5d} {kg_idle[0]:9.0f} {kg_idle[1]:6.0f} {peak:16.0f} "
          f"{kg_after[0]:10.0f} {kg_after[1]:6.0f}")
    print(f"{'seeds/ only':22} {seed_idle[2]:5d} {seed_idle[0]:9.0f} {seed_idle[1]:6.0f} {seed_load.peak_rss:16.0f} "
          f"{seed_after[0]:10.0f} {seed_after[1]:6.0f}   ({seed_load.rps:.0f} req/s two-hop, "
          f"{seed_load.seconds:.0f} s, {clients} clients)")
    print(f"\n$ {command}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000, help="quads to build (about)")
    parser.add_argument("--seconds", type=float, default=15.0, help="length of each throughput run")
    parser.add_argument("--clients", type=int, default=8, help="concurrent HTTP clients")
    args = parser.parse_args()
    main(args.triples, args.seconds, args.clients)
