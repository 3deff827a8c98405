"""Loader throughput and memory: documents per second by stage, peak memory, and the
store and reasoning stages side by side with what a user would otherwise reach for.

    .venv/bin/python bench/pipeline.py [--docs 1000] [--words 1000]

Documents are made of real sentences from tests/corpus, shuffled into texts of about
--words words each, so the rules meet the shapes they meet in use. Every figure comes
from this one run on this machine; ratios compare tools on identical input.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rdflib import Dataset, URIRef  # noqa: E402

from kg.build import collector_spared, gazetteer_from_store  # noqa: E402
from kg.documents import parse_text_document, read_document  # noqa: E402
from kg.extract import Extractor  # noqa: E402
from kg.extract.mentions import discover  # noqa: E402
from kg.namespaces import INFERRED_GRAPH, document_graph  # noqa: E402
from kg.ontology import ontology_graph, reference_graph  # noqa: E402
from kg.rdf import graph_triples  # noqa: E402
from kg.reason import compile_rules, materialize  # noqa: E402
from kg.store import OxigraphStore  # noqa: E402


def rss_mb() -> float:
    """Resident set size now, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic_texts(n: int, words: int, seed: int = 7) -> list[str]:
    sentences = []
    for path in sorted((ROOT / "tests" / "corpus").glob("*.md")):
        sentences += [s.text for s in read_document(path).sentences if len(s.text.split()) > 6]
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        chosen, count = [], 0
        while count < words:
            sentence = rng.choice(sentences)
            chosen.append(sentence)
            count += len(sentence.split())
        texts.append(" ".join(chosen))
    return texts


def run(n_docs: int, words: int) -> None:
    texts = synthetic_texts(n_docs, words)
    print(f"{n_docs} documents of ~{words} words (real corpus sentences, shuffled)")
    print(f"python {sys.version.split()[0]}, one process, one core\n")

    started = time.perf_counter()
    gazetteer = gazetteer_from_store(None)
    extractor = Extractor(gazetteer)
    startup = time.perf_counter() - started

    stages = dict(read=0.0, extract=0.0, rdf=0.0, store=0.0)
    checkpoints = {}
    triples_total = 0
    with tempfile.TemporaryDirectory() as tmp:
        store = OxigraphStore(Path(tmp) / "store")
        store.replace_graphs({URIRef("https://w3id.org/statecraft/graph/reference"): reference_graph()})
        batch: list = []
        with collector_spared():  # as kg build's second pass does
            for i, text in enumerate(texts, 1):
                t0 = time.perf_counter()
                document = parse_text_document(text, default_id=f"bench-{i:05d}")
                discover(document, gazetteer)
                t1 = time.perf_counter()
                result = extractor.extract(document)
                t2 = time.perf_counter()
                triples = graph_triples(document, result.facts, result.entities, gazetteer,
                                        mentioned=(m.slug for m in result.mentions))
                t3 = time.perf_counter()
                batch.append((document_graph(document.id), triples))
                if len(batch) == 64 or i == n_docs:  # as kg build writes: in batches, bulk
                    store.bulk_add(batch)
                    batch = []
                t4 = time.perf_counter()
                stages["read"] += t1 - t0
                stages["extract"] += t2 - t1
                stages["rdf"] += t3 - t2
                stages["store"] += t4 - t3
                triples_total += len(triples)
                if i in (100, n_docs // 2, n_docs):
                    gc.collect()
                    checkpoints[i] = rss_mb()
        loading_peak = peak_mb()
        t5 = time.perf_counter()
        inferred = materialize(store, compile_rules(ontology_graph()))
        reasoning = time.perf_counter() - t5
        quads = sum(1 for _ in store.native)

        total = sum(stages.values())
        print(f"start-up (gazetteer, matchers)  {startup:8.2f} s")
        print(f"pipeline                        {n_docs / total:8.1f} documents/s "
              f"({total / n_docs * 1000:.1f} ms each)")
        for stage, seconds in stages.items():
            print(f"  {stage:8}                      {seconds / n_docs * 1000:8.2f} ms/document "
                  f"({seconds / total:5.1%})")
        print(f"triples written                 {triples_total:8d} ({quads} quads in store)")
        print(f"reasoning (compiled rules)      {reasoning:8.2f} s -> {inferred} inferred triples")
        print("resident memory                 " + ", ".join(f"{mb:.0f} MB after {k}" for k, mb in
                                                          checkpoints.items()))
        print(f"peak resident memory            {loading_peak:8.0f} MB loading, {peak_mb():.0f} MB with reasoning\n")
        transactional_adds(store, extractor, gazetteer, texts[:50])
        store_floor(store, tmp, texts)
        compare_store(store, tmp)
        compare_reasoning(store)
        store.close()


def transactional_adds(store: OxigraphStore, extractor: Extractor, gazetteer, texts: list[str]) -> None:
    """kg add: each document replaced in its own transaction, into the full store."""
    t0 = time.perf_counter()
    for i, text in enumerate(texts):
        document = parse_text_document(text, default_id=f"bench-{i + 1:05d}")
        result = extractor.extract(document)
        triples = graph_triples(document, result.facts, result.entities, gazetteer,
                                mentioned=(m.slug for m in result.mentions))
        store.replace_graphs({document_graph(document.id): triples})
    seconds = time.perf_counter() - t0
    print(f"kg add (one transaction each, replacing {len(texts)} documents in the full store): "
          f"{len(texts) / seconds:.1f} documents/s\n")


def store_floor(store: OxigraphStore, tmp: str, texts: list[str]) -> None:
    """What Oxigraph's bulk loader and spaCy's tokenizer need by themselves: Oxigraph handed
    ready-made quads, the tokenizer the bare texts. No Python of ours can go below these."""
    from kg.extract.mentions import nlp

    documents = str(document_graph("bench-"))  # the documents' graphs, not reference or inferred
    quads = [q for q in store.native if getattr(q.graph_name, "value", "").startswith(documents)]
    other = OxigraphStore(Path(tmp) / "floor")
    t0 = time.perf_counter()
    for i in range(0, len(quads), 70_000):  # about 64 documents a call, as the pipeline writes
        other.native.bulk_extend(quads[i:i + 70_000])
    other.native.flush()
    seconds = time.perf_counter() - t0
    other.close()
    n_docs = len(texts)
    print(f"Oxigraph bulk load alone           {seconds / n_docs * 1000:8.2f} ms/document "
          f"({seconds / len(quads) * 1e6:.1f} µs a quad, {len(quads) / n_docs:.0f} quads a document)")
    make = nlp().make_doc
    t0 = time.perf_counter()
    for text in texts:
        make(text)
    print(f"spaCy tokenizer alone              {(time.perf_counter() - t0) / n_docs * 1000:8.2f} ms/document\n")


def compare_store(store: OxigraphStore, tmp: str) -> None:
    """Writing the same quads: Oxigraph on disk vs rdflib's in-memory Dataset."""
    quads = list(store.native)
    from kg.store import to_rdflib

    converted = [tuple(to_rdflib(t) for t in (q.subject, q.predicate, q.object, q.graph_name))
                 for q in quads if hasattr(q.graph_name, "value")]
    t0 = time.perf_counter()
    dataset = Dataset()
    for s, p, o, g in converted:
        dataset.graph(g).add((s, p, o))
    rdflib_seconds = time.perf_counter() - t0
    other = OxigraphStore(Path(tmp) / "copy")
    t0 = time.perf_counter()
    other.native.extend(quads)
    other.native.flush()
    oxigraph_seconds = time.perf_counter() - t0
    other.close()
    print(f"store writes, {len(quads)} quads:   Oxigraph on disk (one transaction) {oxigraph_seconds:6.2f} s, "
          f"rdflib Dataset in memory {rdflib_seconds:6.2f} s  "
          f"(time ratio Oxigraph / rdflib {oxigraph_seconds / rdflib_seconds:.2f})")


def compare_reasoning(store: OxigraphStore, sample: int = 10_000) -> None:
    """Our compiled rules vs owlrl's OWL RL closure on the same sample of facts."""
    import owlrl
    from rdflib import Graph

    from kg.store import to_rdflib

    facts = Graph()
    for q in store.native:
        if len(facts) >= sample:
            break
        if hasattr(q.graph_name, "value") and q.graph_name.value != str(INFERRED_GRAPH):
            facts.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    small = OxigraphStore(None)
    small.replace_graphs({URIRef("https://w3id.org/statecraft/graph/sample"): facts})
    t0 = time.perf_counter()
    materialize(small, compile_rules(ontology_graph()))
    ours = time.perf_counter() - t0
    merged = Graph()
    merged += facts
    merged += ontology_graph()
    t0 = time.perf_counter()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(merged)
    theirs = time.perf_counter() - t0
    print(f"reasoning on {len(facts)} triples:  compiled rules in Oxigraph {ours:6.2f} s, "
          f"owlrl OWL RL {theirs:6.2f} s  (compiled {theirs / ours:.1f}x faster)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--words", type=int, default=1000)
    args = parser.parse_args()
    run(args.docs, args.words)
