"""Serving speed and memory: `kg serve` beside `oxigraph serve` and rdflib-endpoint, on one dataset.

    .venv/bin/python bench/endpoint.py [--triples 100000] [--seconds 15] [--clients 8]

Measured in one run, on one generated dataset, with the same queries:

1. Canned questions (agencies?state=Pakistan, cooperation, events, evidence?entity=ISI): latency of
   `kg.questions.ask` over an opened `OxigraphStore` (in a child process of this script, so a
   question that runs away can be stopped) and of `GET /api/questions/<id>?…` against `kg serve`,
   one client: median and p95 of up to 50 calls, or of what fits in 15 s, after one warm-up call.
2. SPARQL throughput: --clients threads, a keep-alive HTTP connection each, loop
   `GET <endpoint>?query=…` (SPARQL JSON results) for --seconds per server (in three slices, the
   servers taking turns, so that other work on the machine weighs on all three alike), against
   - `kg serve` (default query workers) on a store `kg build` made from generated documents (real
     corpus sentences shuffled into ~1,000-word texts by bench/pipeline.py, enough to reach --triples);
   - `oxigraph serve --union-default-graph` on that store's `kg export --format nq`, `oxigraph load`ed;
   - `rdflib-endpoint serve` on the same N-Quads (rdflib's in-memory `Dataset(default_union=True)`).
   The queries are DISTINCT (or count DISTINCT) because Oxigraph 0.5's union default graph yields a
   triple once per graph holding it, where rdflib's is the RDF merge (a set); every server must
   return the same rows before it is timed. Reported: requests/s, p50/p99 latency, and the CPU used
   meanwhile by the server's processes, by this client and by everything else on the machine.
3. `kg serve` memory: VmRSS (and PSS, which counts shared pages once) of the server and all its
   descendants (query workers, multiprocessing's tracker; /proc/<pid>/task/*/children), idle after
   start, peak under the load, after it; the same for a store built from seeds/ alone.

Servers run on free ports on 127.0.0.1; their process groups are killed whatever happens (SIGTERM
too). `kg serve` and the in-process questions run with a 4 GiB address-space cap per process: on
repetitive data some canned questions grow by about 1 GB/s, and the 30 s query limit alone would
let them exhaust the machine first.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import resource
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import http.client  # noqa: E402

from bench.common import descendants, free_port  # noqa: E402
from bench.pipeline import synthetic_texts  # noqa: E402
from kg.questions import ask, load_catalogue  # noqa: E402
from kg.store import OxigraphStore  # noqa: E402

BIN = Path(sys.executable).parent
PREFIXES = """PREFIX sc: <https://w3id.org/statecraft/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
TWO_HOP = "SELECT ?agency ?state ?label WHERE { ?agency sc:agencyOf ?state . ?state rdfs:label ?label }"
QUERIES = {  # timed
    "two-hop": PREFIXES + TWO_HOP.replace("SELECT", "SELECT DISTINCT"),  # agency -> state -> label
    "reified": PREFIXES + """SELECT ?predicate ?modality (COUNT(DISTINCT ?statement) AS ?n) WHERE {
  ?statement rdf:predicate ?predicate ; sc:assertion ?assertion .
  ?assertion sc:modality ?m . ?m rdfs:label ?modality
} GROUP BY ?predicate ?modality""",  # every statement -> its assertion -> modality -> label
}
QUESTIONS = [("agencies", {"state": "Pakistan"}), ("cooperation", {}), ("events", {}), ("evidence", {"entity": "ISI"})]
ROUNDS = 3                 # throughput: servers take turns, each run split into this many slices
CALLS, BUDGET = 50, 15.0   # per canned question and side: at most CALLS calls, or what fits in BUDGET s
QUERY_LIMIT = 30.0         # kg serve's default query time limit
CAP = 4 << 30              # address space per process for kg serve and the in-process questions
JSON_RESULTS = "application/sparql-results+json"


# --- processes and /proc ------------------------------------------------------------------
def _kb(path: str, key: str) -> int:
    with contextlib.suppress(OSError):
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    return 0


@dataclass
class Memory:
    rss: float          # MB, summed over the process tree
    pss: float          # MB, shared pages divided among the processes sharing them
    parts: list[float]  # RSS of each process, the server first

    def __str__(self) -> str:
        return "+".join(f"{mb:.0f}" for mb in self.parts)


def memory(pid: int) -> Memory:
    """Memory of the process tree of `pid`."""
    pids = descendants(pid)
    parts = [_kb(f"/proc/{p}/status", "VmRSS:") / 1024 for p in pids]
    return Memory(sum(parts), sum(_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids) / 1024, parts)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the live process tree of `pid`."""
    ticks = 0
    for p in descendants(pid):
        with contextlib.suppress(OSError, IndexError):
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def machine_cpu_seconds() -> float:
    """CPU time all processes on the machine used so far (busy = total - idle - iowait)."""
    ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))

def run(argv: list[str]) -> str:
    return subprocess.run(argv, check=True, capture_output=True, text=True, cwd=ROOT).stdout


# --- servers ------------------------------------------------------------------------------

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

    def connect(self, timeout: float = 120) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)


def start(name: str, argv: list[str], path: str, port: int, log: Path, capped: bool = False) -> Server:
    """Start a server in its own process group and wait (5 min at most) until it answers `ASK {}`."""
    proc = subprocess.Popen(argv, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
                            cwd=ROOT, preexec_fn=cap_memory if capped else None)
    server = Server(name, proc, port, path)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        conn = server.connect(5)
        with contextlib.suppress(OSError, http.client.HTTPException):
            if get(conn, server.url("ASK {}"))[0] == 200:
                return server
        conn.close()
        time.sleep(0.2)
    stop(server)
    raise RuntimeError(f"{name} did not start (exit code {proc.returncode}); see {log}")


def stop(server: Server) -> None:
    """SIGTERM the server's process group (server and workers), then SIGKILL what is left of it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.proc.wait(5)
        os.killpg(server.proc.pid, signal.SIGKILL)
    server.proc.wait()


def kg_server(store: Path, log: Path) -> Server:
    port = free_port()
    return start("kg serve", [str(BIN / "kg"), "serve", "--store", str(store), "--host", "127.0.0.1",
                              "--port", str(port)], "/sparql", port, log, capped=True)


def oxigraph_server(nquads: Path, location: Path, log: Path) -> Server:
    run([str(BIN / "oxigraph"), "load", "--location", str(location), "--file", str(nquads)])
    port = free_port()
    server = start("oxigraph serve", [str(BIN / "oxigraph"), "serve", "--location", str(location),
                                      "--bind", f"127.0.0.1:{port}", "--union-default-graph"], "/query", port, log)
    server.note = "the N-Quads export, `oxigraph load`ed, served with --union-default-graph"
    return server


def rdflib_server(nquads: Path, log: Path) -> Server:
    port = free_port()
    server = start("rdflib-endpoint", [str(BIN / "rdflib-endpoint"), "serve", "--host", "127.0.0.1",
                                       "--port", str(port), str(nquads)], "/", port, log)
    server.note = "the same N-Quads (not an N-Triples union): rdflib Dataset(default_union=True), in memory"
    return server


# --- HTTP ---------------------------------------------------------------------------------

def get(conn: http.client.HTTPConnection, path: str, accept: str = JSON_RESULTS) -> tuple[int, bytes, dict]:
    conn.request("GET", path, headers={"Accept": accept})
    response = conn.getresponse()
    body = response.read()
    if response.will_close:
        conn.close()
    return response.status, body, dict(response.getheaders())


def solutions(server: Server, query: str) -> list[tuple]:
    """The query's rows, as sorted (variable, value) tuples: comparable across servers."""
    conn = server.connect(300)
    status, body, headers = get(conn, server.url(query))
    conn.close()
    if status != 200 or headers.get("X-Statecraft-Truncated"):
        raise RuntimeError(f"{server.name}: HTTP {status}, truncated={headers.get('X-Statecraft-Truncated')}")
    return sorted(tuple(sorted((k, v["value"]) for k, v in b.items())) for b in json.loads(body)["results"]["bindings"])


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile of seconds, in milliseconds."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))] * 1000


@dataclass
class Load:
    seconds: float
    latencies: list[float]
    errors: int
    server_cpu: float      # CPU seconds of the server's process tree during the run
    client_cpu: float      # CPU seconds of this process during the run
    other_cpu: float       # CPU seconds every other process on the machine used meanwhile
    peak_rss: float        # MB, server's process tree, sampled every 0.25 s

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds

    def __add__(self, other: Load) -> Load:
        return Load(self.seconds + other.seconds, self.latencies + other.latencies, self.errors + other.errors,
                    self.server_cpu + other.server_cpu, self.client_cpu + other.client_cpu,
                    self.other_cpu + other.other_cpu, max(self.peak_rss, other.peak_rss))


def load(server: Server, query: str, clients: int, seconds: float) -> Load:
    """`clients` threads, a keep-alive connection each, looping GETs of `query` for `seconds`."""
    path = server.url(query)
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    peak = [0.0]
    stop_at = time.perf_counter() + seconds

    def client(i: int) -> None:
        conn = server.connect()
        while (t0 := time.perf_counter()) < stop_at:
            try:
                ok = get(conn, path)[0] == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
            if ok:
                latencies[i].append(time.perf_counter() - t0)
            else:
                errors[i] += 1
        conn.close()

    def sample() -> None:
        while time.perf_counter() < stop_at:
            peak[0] = max(peak[0], memory(server.proc.pid).rss)
            time.sleep(0.25)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)] + [threading.Thread(target=sample)]
    cpu, own, machine = cpu_seconds(server.proc.pid), time.process_time(), machine_cpu_seconds()
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    server_cpu, client_cpu = cpu_seconds(server.proc.pid) - cpu, time.process_time() - own
    return Load(time.perf_counter() - t0, [x for per in latencies for x in per], sum(errors), server_cpu,
                client_cpu, machine_cpu_seconds() - machine - server_cpu - client_cpu, peak[0])


# --- canned questions ---------------------------------------------------------------------

def timed_calls(call) -> tuple[list[float], str]:
    """One warm-up call, then up to CALLS calls within BUDGET seconds; `call` returns an error or ''."""
    latencies: list[float] = []
    started = time.perf_counter()
    for i in range(CALLS + 1):
        t0 = time.perf_counter()
        if error := call():
            return latencies, f"{error} in {time.perf_counter() - t0:.1f} s"
        if i:
            latencies.append(time.perf_counter() - t0)
        if time.perf_counter() - started > BUDGET:
            break
    return latencies, ""


def ask_child(store: str, qid: str, pairs: list[str]) -> None:
    """The in-process side, run by `--ask` in a child process: prints rows and latencies as JSON."""
    params = dict(p.split("=", 1) for p in pairs)
    question = load_catalogue()[qid]
    rows = []
    with OxigraphStore(store, read_only=True) as opened:
        def call() -> str:
            rows[:] = ask(question, params, opened.select).rows
            return ""
        latencies, _ = timed_calls(call)
    print(json.dumps({"rows": len(rows), "latencies": latencies}))


def ask_in_process(store: Path, qid: str, params: dict) -> tuple[int, list[float], str]:
    argv = [sys.executable, __file__, "--ask", str(store), qid, *(f"{k}={v}" for k, v in params.items())]
    t0 = time.perf_counter()
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=QUERY_LIMIT + BUDGET, preexec_fn=cap_memory)
    except subprocess.TimeoutExpired:
        return 0, [], f"no answer in {time.perf_counter() - t0:.0f} s"
    if done.returncode:
        why = signal.Signals(-done.returncode).name if done.returncode < 0 else f"exit {done.returncode}"
        oom = " at 4 GiB cap" if "bad_alloc" in done.stderr or "memory" in done.stderr else ""
        return 0, [], f"{why}{oom} in {time.perf_counter() - t0:.1f} s"
    result = json.loads(done.stdout.splitlines()[-1])
    return result["rows"], result["latencies"], ""


def ask_http(server: Server, qid: str, params: dict) -> tuple[int, list[float], str]:
    path = f"/api/questions/{qid}" + (f"?{urllib.parse.urlencode(params)}" if params else "")
    conn = server.connect(QUERY_LIMIT + 30)
    rows = [0]
    detail = [""]

    def call() -> str:
        try:
            status, body, _ = get(conn, path, accept="application/json")
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            return type(exc).__name__
        if status != 200:
            detail[0] = f" ({json.loads(body).get('detail', '')})"
            return f"HTTP {status}"
        rows[0] = len(json.loads(body)["rows"])
        return ""

    latencies, error = timed_calls(call)
    conn.close()
    if error:
        print(f"  {path}: {error}{detail[0]}")
    return rows[0], latencies, error


def question_latency(store: Path, server: Server) -> list[tuple]:
    results = []
    for qid, params in QUESTIONS:
        label = qid + (f"?{urllib.parse.urlencode(params)}" if params else "")
        local = ask_in_process(store, qid, params)
        remote = ask_http(server, qid, params)
        print(f"  {label:28} in-process: {local[2] or f'{len(local[1])} calls'}; "
              f"HTTP: {remote[2] or f'{len(remote[1])} calls'}", flush=True)
        results.append((label, local, remote))
    return results


# --- data ---------------------------------------------------------------------------------

def build_store(tmp: Path, triples: int) -> tuple[Path, int, int]:
    """`kg build` from generated documents, enough to come within 5% of `triples` quads."""
    docs, store = tmp / "docs", tmp / "store"
    docs.mkdir()
    n = max(1, round(triples / 870))  # ~870 quads a document, measured; corrected once below
    for _ in range(2):
        for old in docs.glob("*.md"):
            old.unlink()
        for i, text in enumerate(synthetic_texts(n, 1000), 1):
            (docs / f"bench-{i:05d}.md").write_text(text + "\n", encoding="utf-8")
        run([str(BIN / "kg"), "build", "--docs", str(docs), "--store", str(store), "-q"])
        with OxigraphStore(store, read_only=True) as opened:
            quads = int(opened.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"])
        if abs(quads - triples) <= 0.05 * triples:
            break
        n = max(1, math.ceil(n * triples / quads))
    return store, n, quads


def seed_memory(tmp: Path, clients: int, seconds: float) -> tuple[Memory, Load, Memory]:
    """kg serve on the seeds-only store: memory idle, under the two-hop load, after it."""
    store = tmp / "seed-store"
    run([str(BIN / "kg"), "build", "--docs", str(ROOT / "seeds"), "--store", str(store), "-q"])
    server = kg_server(store, tmp / "kg-seeds.log")
    try:
        time.sleep(1)
        idle = memory(server.proc.pid)
        loaded = load(server, QUERIES["two-hop"], clients, seconds)
        return idle, loaded, memory(server.proc.pid)
    finally:
        stop(server)


# --- the run ------------------------------------------------------------------------------

def main(triples: int, seconds: float, clients: int) -> None:
    command = " ".join([".venv/bin/python", "bench/endpoint.py", *map(shlex.quote, sys.argv[1:])])
    started = time.perf_counter()
    print(f"$ {command}\npython {sys.version.split()[0]}, {os.cpu_count()} cores, servers and clients on 127.0.0.1, "
          f"load average {Path('/proc/loadavg').read_text().split()[0]} at the start")
    print(f"oxigraph {run([str(BIN / 'oxigraph'), '--version']).split()[-1]}, "
          f"rdflib-endpoint {_version('rdflib-endpoint')}, rdflib {_version('rdflib')}\n")
    servers: list[Server] = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-http-") as name:
        tmp = Path(name)
        try:
            t0 = time.perf_counter()
            store, n_docs, quads = build_store(tmp, triples)
            print(f"kg build: {n_docs} generated documents -> {quads} quads ({time.perf_counter() - t0:.0f} s)")
            nquads = tmp / "store.nq"
            run([str(BIN / "kg"), "export", "--format", "nq", "--out", str(nquads), "--store", str(store)])

            kg = kg_server(store, tmp / "kg.log")
            servers.append(kg)
            time.sleep(1)
            kg_idle = memory(kg.proc.pid)
            servers.append(oxigraph_server(nquads, tmp / "oxigraph", tmp / "oxigraph.log"))
            servers.append(rdflib_server(nquads, tmp / "rdflib.log"))
            for server in servers[1:]:
                print(f"{server.name}: {server.note}")

            print("\nrows per query (the same rows from every server before timing):")
            for qname, query in {"two-hop as written, no DISTINCT (not timed)": PREFIXES + TWO_HOP, **QUERIES}.items():
                answers = {s.name: solutions(s, query) for s in servers}
                for s in servers:
                    s.rows[qname] = len(answers[s.name])
                same = all(a == answers["kg serve"] for a in answers.values())
                print(f"  {qname:44} " + ", ".join(f"{k} {len(v)}" for k, v in answers.items())
                      + ("  (same rows)" if same else "  <-- DIFFER"))

            print(f"\ncanned questions, one client, up to {CALLS} calls or {BUDGET:g} s each:")
            latencies = question_latency(store, kg)

            print(f"\nthroughput, {clients} clients, {ROUNDS} rounds of {seconds / ROUNDS:g} s per server "
                  "(servers take turns, so a neighbour's load falls on all of them; 1 s warm-up first):")
            runs: dict[tuple[str, str], Load] = {}
            for qname, query in QUERIES.items():
                for server in servers:
                    load(server, query, clients, 1.0)
                for _ in range(ROUNDS):
                    for server in servers:
                        r = load(server, query, clients, seconds / ROUNDS)
                        runs[server.name, qname] = runs[server.name, qname] + r if (server.name, qname) in runs else r
                for server in servers:
                    print(f"  {qname:8} {server.name:16} {runs[server.name, qname].rps:8.1f} req/s", flush=True)
            kg_after = memory(kg.proc.pid)
        finally:
            for server in servers:
                stop(server)
        seeds = seed_memory(tmp, clients, min(seconds, 5.0))
    report(command, quads, latencies, runs, servers, clients, seconds, (kg_idle, kg_after), seeds)
    print(f"({time.perf_counter() - started:.0f} s in all)")


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def report(command: str, quads: int, latencies: list, runs: dict, servers: list[Server], clients: int,
           seconds: float, kg_memory: tuple, seeds: tuple) -> None:
    print(f"\n== canned questions, {quads} quads, ms (n = calls timed)")
    print(f"{'question':28} {'rows':>5} {'in-process p50':>15} {'p95':>8} {'n':>3}   "
          f"{'HTTP p50':>15} {'p95':>8} {'n':>3}")
    for label, local, remote in latencies:
        cells = [f"{pct(lat, 50):15.1f} {pct(lat, 95):8.1f} {len(lat):3d}" if not error else f"{error:>29}"
                 for _, lat, error in (local, remote)]
        print(f"{label:28} {max(local[0], remote[0]):5d} {cells[0]}   {cells[1]}")

    print(f"\n== SPARQL GET, JSON results, {clients} keep-alive clients x {seconds:g} s, {quads} quads "
          "(CPU: share of one core; the machine has 2)")
    print(f"{'query':8} {'server':16} {'rows':>5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} "
          f"{'server CPU':>10} {'client CPU':>10} {'others CPU':>10}")
    for (name, qname), r in runs.items():
        rows = next(s.rows[qname] for s in servers if s.name == name)
        print(f"{qname:8} {name:16} {rows:5d} {r.rps:8.1f} {pct(r.latencies, 50):8.1f} {pct(r.latencies, 99):8.1f} "
              f"{r.errors:6d} {r.server_cpu / r.seconds:10.0%} {r.client_cpu / r.seconds:10.0%} "
              f"{max(0.0, r.other_cpu) / r.seconds:10.0%}")
    for qname in QUERIES:
        kg, ox, rl = (runs[n, qname].rps for n in ("kg serve", "oxigraph serve", "rdflib-endpoint"))
        print(f"{qname:8} kg / rdflib-endpoint {kg / rl:6.1f}x (target >= 10x: {'met' if kg / rl >= 10 else 'NOT MET'})"
              f"   kg / oxigraph {kg / ox:5.2f}x (target >= 0.5x: {'met' if kg / ox >= 0.5 else 'NOT MET'})")

    (idle, after), (seed_idle, seed_load, seed_after) = kg_memory, seeds
    peak = max(r.peak_rss for (name, _), r in runs.items() if name == "kg serve")
    print("\n== kg serve memory, MB: RSS summed over the server and its descendants (target: under 300 MB)")
    print(f"{'store':12} {'idle RSS':>8} {'PSS':>5} {'per process':>16} {'loaded peak':>11} {'after RSS':>9} "
          f"{'PSS':>5} per process")
    for label, before, top, later in ((f"{quads} quads", idle, peak, after),
                                      ("seeds/ only", seed_idle, seed_load.peak_rss, seed_after)):
        print(f"{label:12} {before.rss:8.0f} {before.pss:5.0f} {before!s:>16} {top:11.0f} {later.rss:9.0f} "
              f"{later.pss:5.0f} {later}")
    print(f"(per process: the server first, then its descendants; seeds/ only loaded with two-hop, {clients} clients "
          f"x {seed_load.seconds:.0f} s: {seed_load.rps:.0f} req/s, {seed_load.errors} errors)")
    print(f"\n$ {command}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000, help="quads to build (about)")
    parser.add_argument("--seconds", type=float, default=15.0, help="length of each throughput run")
    parser.add_argument("--clients", type=int, default=8, help="concurrent HTTP clients")
    parser.add_argument("--ask", nargs="+", help=argparse.SUPPRESS)  # STORE ID [NAME=VALUE…]: the child side
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that `finally` stops the servers
    if args.ask:
        ask_child(args.ask[0], args.ask[1], args.ask[2:])
    else:
        main(args.triples, args.seconds, args.clients)
