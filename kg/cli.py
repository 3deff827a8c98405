"""The `kg` command line: a thin layer over the package, one function per command."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from rdflib.namespace import OWL, RDF, RDFS

from .errors import KGError
from .namespaces import SC
from .ontology import ontology_graph, reference_graph
from .store import DEFAULT_STORE, open_store


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate

    store = None
    if args.store is not None or Path(DEFAULT_STORE).exists():
        store = open_store(args.store or DEFAULT_STORE, read_only=True)
    report = validate(ontology_dir=args.ontology_dir, files=args.files, store=store,
                      reasoner=args.reasoner)
    print(report.format())
    return 0 if report.ok else 1


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    summary = build(Path(args.docs), args.store, progress=_progress(args))
    print(f"built {args.store}: {summary}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from .build import add

    with open_store(args.store) as store:
        summary = add([Path(f) for f in args.files], store, progress=_progress(args))
    print(f"added to {args.store}: {summary}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from .build import remove

    with open_store(args.store) as store:
        n = remove(args.doc_ids, store)
    print(f"removed {n} document(s) from {args.store}")
    return 0


def _progress(args: argparse.Namespace) -> Callable[[int, int, str], None] | None:
    """A progress bar on a terminal, a line per tenth of the work otherwise; none with -q."""
    if args.quiet:
        return None
    tty = sys.stderr.isatty()

    def show(done: int, total: int, doc_id: str) -> None:
        if tty:
            filled = int(30 * done / total)
            print(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} {doc_id[:40]:40}",
                  end="\n" if done == total else "", file=sys.stderr, flush=True)
        elif done == total or done % max(1, total // 10) == 0:
            print(f"{done}/{total} documents ({doc_id})", file=sys.stderr)

    return show


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, format_scores

    for folder in args.docs or ["seeds", "tests/corpus", "tests/heldout"]:
        total, per_document = evaluate(Path(folder))
        print(format_scores(total, f"== {folder} ({len(per_document)} documents, rules alone)"))
        if args.errors:
            for doc_id, scores in per_document.items():
                for relation, score in scores.items():
                    for fact in score.misses:
                        print(f"  MISSED {doc_id} {relation} {dict(fact.roles)} | {fact.evidence.quote[:90]}")
                    for fact in score.false:
                        print(f"  FALSE  {doc_id} {relation} {dict(fact.roles)} | {fact.evidence.quote[:90]}")
        print()
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    """Print what the ontology and the reference data hold."""
    onto = ontology_graph()
    classes = sorted(c for c in onto.subjects(RDF.type, OWL.Class) if str(c).startswith(str(SC)))
    props = sorted(p for kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
                   for p in onto.subjects(RDF.type, kind) if str(p).startswith(str(SC)))
    print(f"ontology: {len(onto)} triples, {len(classes)} classes, {len(props)} properties")
    print("  classes:   " + ", ".join(c.removeprefix(str(SC)) for c in classes))
    print("  properties: " + ", ".join(p.removeprefix(str(SC)) for p in props))
    ref = reference_graph()
    kinds = Counter(str(onto.value(t, RDFS.label) or t) for s, t in ref.subject_objects(RDF.type)
                    if str(t).startswith(str(SC)))
    print(f"reference data: {len(ref)} triples, {sum(kinds.values())} entities")
    for kind, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
        print(f"  {n:4d} {kind}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Statecraft KG: evidence-backed "
                                     "knowledge graphs from geopolitical analysis.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="OWL consistency and SHACL report for the ontology "
                       "and a built graph")
    p.add_argument("files", nargs="*", type=Path, metavar="FILE",
                   help="extra RDF files to check with the ontology (Turtle, N-Triples, RDF/XML…)")
    p.add_argument("--store", default=None, help=f"store to check (default: {DEFAULT_STORE} if built)")
    p.add_argument("--ontology-dir", type=Path, default=None,
                   help="folder holding statecraft.ttl, reference.ttl and shapes.ttl")
    p.add_argument("--reasoner", choices=["auto", "hermit", "owlrl"], default="auto",
                   help="HermiT needs Java; auto falls back to OWL RL without it")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("build", help="documents -> graph (rebuilds the store from a folder)")
    p.add_argument("--docs", default="seeds", help="folder of documents (default: seeds)")
    p.add_argument("--store", default=DEFAULT_STORE, help=f"store (default: {DEFAULT_STORE})")
    p.add_argument("-q", "--quiet", action="store_true", help="no per-document progress")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("add", help="add or replace documents, atomically, by id")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--store", default=DEFAULT_STORE)
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("remove", help="remove documents and what they alone said")
    p.add_argument("doc_ids", nargs="+", metavar="DOC-ID")
    p.add_argument("--store", default=DEFAULT_STORE)
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("eval", help="precision and recall of the rules against gold facts")
    p.add_argument("--docs", action="append", help="folder with documents and *.facts.yaml gold "
                   "(repeatable; default: seeds, tests/corpus and tests/heldout)")
    p.add_argument("--errors", action="store_true", help="list every missed and false fact")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("info", help="what the ontology and reference data hold")
    p.set_defaults(func=cmd_info)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KGError as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
