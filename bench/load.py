"""`kg serve` under load: many concurrent clients asking canned questions and SPARQL for a while.

    .venv/bin/python bench/load.py [--clients 64] [--seconds 60] [--workers N]

What it does:

1. Copies the documents of seeds/ and tests/corpus/ (each `.md` with its `.facts.yaml`) into one
   temporary folder (`kg build --docs` reads one folder) and builds a store from it with `kg build`.
2. Starts `kg serve` over that store on a free port of 127.0.0.1, in a process group of its own,
   with `--max-client-requests 100`: every client here comes from 127.0.0.1, and the default
   per-address limit (16) would answer most of them 429.
3. Checks every request of the mix once (status 200 and a non-empty answer), then runs --clients
   threads for --seconds, each with one keep-alive HTTP connection, looping over the mix from its
   own starting point:
   - canned questions: agencies?state=Pakistan, cooperation, events?actor=Pakistan, tariffs,
     evidence?entity=ISI, leaders, recommendations (`GET /api/questions/<id>`, JSON);
   - SPARQL (`GET /sparql`): a two-hop SELECT (agency -> state -> label), a CONSTRUCT of one
     entity (the ISI, as N-Triples), an ASK (Pakistan has the ISI as agency: an inferred triple).
4. Reports total requests, requests/s, errors (any non-2xx answer or exception; the script exits 1
   if there is one), p50/p99/max latency overall, per kind (questions, SPARQL) and per request,
   and the server's resident memory: the sum of VmRSS of `kg serve` and all its descendants (query
   workers, multiprocessing's resource tracker), idle before the load, peak while it ran (sampled
   every 0.5 s) and at the end.

Latency is measured by the clients from sending the request to reading the last byte of the answer,
so it includes waiting for a free HTTP thread and query worker. The clients are Python threads on the
same machine as the server: on a small machine they compete with it for the CPU, and the figures are
those of the pair. The server's process group is killed on the way out, whatever happens.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import shutil
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

BIN = Path(sys.executable).parent
CORPORA = [ROOT / "seeds", ROOT / "tests" / "corpus"]
PREFIXES = (
    "PREFIX sc: <https://w3id.org/statecraft/ontology#>\n"
    "PREFIX id: <https://w3id.org/statecraft/id/>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
)
SPARQL = {
    "two-hop": "SELECT DISTINCT ?agency ?state ?label WHERE { ?agency sc:agencyOf ?state . ?state rdfs:label ?label }",
    "construct": "CONSTRUCT { id:ISI ?p ?o } WHERE { id:ISI ?p ?o }",
    "ask": "ASK { id:Pakistan sc:hasAgency id:ISI }",
}
QUESTIONS = {
    "agencies": {"state": "Pakistan"},
    "cooperation": {},
    "events": {"actor": "Pakistan"},
    "tariffs": {},
    "evidence": {"entity": "ISI"},
    "leaders": {},
    "recommendations": {},
}
JSON, SPARQL_JSON, NTRIPLES = "application/json", "application/sparql-results+json", "application/n-triples"


@dataclass(frozen=True)
class Request:
    name: str
    kind: str      # "question" or "sparql"
    path: str
    accept: str


def mix() -> list[Request]:
    requests = [Request(q, "question", f"/api/questions/{q}" + (f"?{urllib.parse.urlencode(p)}" if p else ""), JSON)
                for q, p in QUESTIONS.items()]
    for name, query in SPARQL.items():
        accept = NTRIPLES if name == "construct" else SPARQL_JSON
        requests.append(Request(name, "sparql", "/sparql?" + urllib.parse.urlencode({"query": PREFIXES + query}),
                                accept))
    return requests


# --- the store and the server ---------------------------------------------------------------

def build_store(tmp: Path) -> tuple[Path, int, int]:
    """Both folders' documents in one, built into a store: (store, documents, quads)."""
    docs = tmp / "docs"
    docs.mkdir()
    for folder in CORPORA:
        for path in sorted(folder.iterdir()):
            if path.suffix == ".md" or path.name.endswith(".facts.yaml"):
                if (docs / path.name).exists():
                    raise SystemExit(f"{path.name} is in two of {', '.join(map(str, CORPORA))}")
                shutil.copy(path, docs / path.name)
    store = tmp / "store"
    subprocess.run([str(BIN / "kg"), "build", "--docs", str(docs), "--store", str(store), "-q"],
                   check=True, capture_output=True, cwd=ROOT, timeout=600)
    import pyoxigraph as ox

    quads = len(ox.Store.read_only(str(store)))  # dropped at once: the server opens its own views
    return store, len(list(docs.glob("*.md"))), quads

def start_server(store: Path, port: int, log: Path, workers: int) -> subprocess.Popen:
    """`kg serve` in a process group of its own; returns once /health answers (2 min at most)."""
    argv = [str(BIN / "kg"), "serve", "--store", str(store), "--host", "127.0.0.1", "--port", str(port),
            "--max-client-requests", "100"]
    if workers:
        argv += ["--workers", str(workers)]
    process = subprocess.Popen(argv, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
                               cwd=ROOT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        with contextlib.suppress(OSError, http.client.HTTPException):
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                conn.close()
                return process
        conn.close()
        time.sleep(0.2)
    stop_server(process)
    raise SystemExit(f"kg serve did not start (exit code {process.returncode}); see {log}")


def stop_server(process: subprocess.Popen) -> None:
    """SIGTERM the server's process group (server and workers), then SIGKILL what is left of it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(10)
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()

def rss_mb(pid: int) -> tuple[float, int]:
    """Sum of VmRSS of `pid` and its descendants, in MB, and how many processes that is."""
    total, pids = 0, descendants(pid)
    for p in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024, len(pids)


# --- the load --------------------------------------------------------------------------------

@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)   # request name -> seconds
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def fetch(conn: http.client.HTTPConnection, request: Request) -> tuple[int, bytes]:
    conn.request("GET", request.path, headers={"Accept": request.accept})
    response = conn.getresponse()
    return response.status, response.read()


def check(port: int, requests: list[Request]) -> None:
    """Every request once, before the clock starts: a broken mix is no benchmark."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        for request in requests:
            status, body = fetch(conn, request)
            empty = not body.strip() or b'"rows":[]' in body.replace(b" ", b"") or b'"bindings":[]' in body.replace(
                b" ", b"") or b'"boolean":false' in body.replace(b" ", b"")
            if status != 200 or empty:
                raise SystemExit(f"{request.name}: {status} {body[:300]!r} (expected 200 and an answer)")
    finally:
        conn.close()


def client(port: int, requests: list[Request], start: int, begin: threading.Barrier, deadline: list[float],
           tally: Tally) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    mine: dict[str, list[float]] = {r.name: [] for r in requests}
    errors: list[str] = []
    begin.wait()
    n = start
    while time.monotonic() < deadline[0]:
        request = requests[n % len(requests)]
        n += 1
        started = time.perf_counter()
        try:
            status, body = fetch(conn, request)
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{request.name}: {type(exc).__name__}: {exc}")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            continue
        elapsed = time.perf_counter() - started
        if not 200 <= status < 300:
            errors.append(f"{request.name}: HTTP {status}: {body[:200]!r}")
            continue
        mine[request.name].append(elapsed)
    conn.close()
    with tally.lock:
        for name, values in mine.items():
            tally.latencies.setdefault(name, []).extend(values)
        tally.errors.extend(errors)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile of a sorted list."""
    if not values:
        return float("nan")
    rank = max(1, min(len(values), math.ceil(q / 100 * len(values))))
    return values[rank - 1]


def row(label: str, values: list[float], seconds: float) -> str:
    values = sorted(values)
    ms = [1000 * percentile(values, 50), 1000 * percentile(values, 99), 1000 * values[-1] if values else float("nan")]
    return f"  {label:<26} {len(values):>8} {len(values) / seconds:>8.1f} {ms[0]:>9.1f} {ms[1]:>9.1f} {ms[2]:>9.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=0, help="kg serve --workers (default: the server's own)")
    args = parser.parse_args()
    requests = mix()
    with tempfile.TemporaryDirectory(prefix="kg-load-") as folder:
        tmp = Path(folder)
        started = time.monotonic()
        store, documents, quads = build_store(tmp)
        built = time.monotonic() - started
        port = free_port()
        server = start_server(store, port, tmp / "serve.log", args.workers)
        try:
            check(port, requests)
            idle, processes = rss_mb(server.pid)
            tally, peak = Tally(), [idle]
            begin = threading.Barrier(args.clients + 1)
            deadline = [0.0]
            threads = [threading.Thread(target=client, args=(port, requests, i, begin, deadline, tally), daemon=True)
                       for i in range(args.clients)]
            for thread in threads:
                thread.start()
            deadline[0] = time.monotonic() + args.seconds
            begin.wait()
            t0 = time.monotonic()
            while any(t.is_alive() for t in threads):
                peak[0] = max(peak[0], rss_mb(server.pid)[0])
                for thread in threads:
                    thread.join(0.5 / len(threads))
                if time.monotonic() > deadline[0] + 180:
                    tally.errors.append("clients still waiting 180 s after the end")
                    break
            elapsed = time.monotonic() - t0
            end, processes = rss_mb(server.pid)
            alive = server.poll() is None
        finally:
            stop_server(server)
    total = sum(len(v) for v in tally.latencies.values())
    errors = len(tally.errors)
    print(f"kg serve under load: {args.clients} clients (threads, keep-alive HTTP) for {args.seconds:g} s on "
          f"127.0.0.1, --max-client-requests 100, {args.workers or 'default'} query workers")
    print(f"store: seeds/ + tests/corpus/, {documents} documents, {quads} quads (kg build: {built:.1f} s); "
          f"{os.cpu_count()} CPUs; Python {sys.version.split()[0]}")
    print(f"requests: {total + errors} in {elapsed:.1f} s ({args.seconds:g} s of new requests, then the last answers) "
          f"= {(total + errors) / elapsed:.1f}/s; errors: {errors}; server still running at the end: "
          f"{'yes' if alive else 'NO'}")
    print(f"  {'latency':<26} {'n':>8} {'per s':>8} {'p50 ms':>9} {'p99 ms':>9} {'max ms':>9}")
    everything = [v for values in tally.latencies.values() for v in values]
    print(row("all", everything, elapsed))
    for kind, label in (("question", "canned questions"), ("sparql", "SPARQL")):
        print(row(label, [v for r in requests if r.kind == kind for v in tally.latencies.get(r.name, [])], elapsed))
    for request in requests:
        print(row(f"{'question' if request.kind == 'question' else 'sparql'} {request.name}",
                  tally.latencies.get(request.name, []), elapsed))
    print(f"server memory (sum of VmRSS over {processes} processes: kg serve and its descendants): "
          f"{idle:.0f} MB idle before, {peak[0]:.0f} MB peak during, {end:.0f} MB at the end")
    for line in tally.errors[:10]:
        print(f"  error: {line}")
    return 1 if errors or not alive else 0


if __name__ == "__main__":
    sys.exit(main())
