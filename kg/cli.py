"""The `kg` command line: a thin layer over the package, one function per command."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from rdflib.namespace import OWL, RDF, RDFS

from .errors import KGError
from .namespaces import PREFIXES, SC
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

    for folder in args.docs or ["seeds", "tests/corpus", "tests/dev", "tests/heldout"]:
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


def cmd_ask(args: argparse.Namespace) -> int:
    from .questions import ask as run
    from .questions import load_catalogue

    catalogue = load_catalogue()
    question = catalogue.get(args.id)
    if question is None:
        raise KGError(f"no question {args.id!r}; questions: {', '.join(catalogue)}")
    params = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep:
            raise KGError(f"--param {item!r}: expected NAME=VALUE")
        params[name] = value
    with open_store(args.store, read_only=not str(args.store).startswith("sparql+")) as store:
        answer = run(question, params, store.select)
    if args.format == "json":
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
    elif args.format == "csv":
        sys.stdout.write(answer.to_csv())
    else:
        print(format_table(list(answer.columns), answer.rows))
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    text = args.sparql
    if text.startswith("@"):
        path = Path(text[1:])
        if not path.is_file():
            raise KGError("no such query file", path=path)
        text = path.read_text(encoding="utf-8")
    with open_store(args.store, read_only=not str(args.store).startswith("sparql+")) as store:
        kind, body = store.run(text, args.format)
    if kind == "solutions" and args.format == "table":
        results = json.loads(body)
        columns = results["head"]["vars"]
        rows = [{k: v["value"] for k, v in b.items()} for b in results["results"]["bindings"]]
        print(format_table(columns, rows))
    else:
        sys.stdout.buffer.write(body if body.endswith(b"\n") else body + b"\n")
    return 0


def format_table(columns: list[str], rows: list[dict[str, str]], width: int = 48) -> str:
    """Rows as an aligned text table; long values cut, IRIs shortened to prefixed names."""
    def short(value: str) -> str:
        for prefix, namespace in PREFIXES.items():
            if value.startswith(namespace):
                value = f"{prefix}:{value[len(namespace):]}"
                break
        value = " ".join(value.split())
        return value if len(value) <= width else value[: width - 1] + "…"

    cells = [[short(str(row.get(c, ""))) for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export

    with open_store(args.store, read_only=not str(args.store).startswith("sparql+")) as store:
        written = export(store, args.format, Path(args.out) if args.out else None)
    if args.out:
        print(f"exported {args.store} as {args.format} to {written}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import waitress

    from api.app import Config, create_app

    config = Config(store=args.store, update_token=args.update_token, query_timeout=args.query_timeout,
                    max_client_requests=args.max_client_requests)
    if args.workers:
        config.workers = args.workers
    app = create_app(config)
    print(f"serving {args.store} on http://{args.host}:{args.port}/ "
          f"({config.workers} query workers, {config.query_timeout:g} s limit"
          f"{', updates with token' if args.update_token else ', read-only'})", file=sys.stderr)
    waitress.serve(app, host=args.host, port=args.port, threads=args.threads, ident="statecraft-kg")
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
                   "(repeatable; default: seeds, tests/corpus, tests/dev, tests/heldout)")
    p.add_argument("--errors", action="store_true", help="list every missed and false fact")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("ask", help="answer a canned question (queries/<ID>.rq)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.add_argument("--store", default=DEFAULT_STORE)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("query", help="run SPARQL (text, or @FILE) against the store")
    p.add_argument("sparql", metavar="SPARQL|@FILE")
    p.add_argument("--format", default="table",
                   choices=["table", "json", "xml", "csv", "tsv", "ttl", "nt", "jsonld", "rdfxml"])
    p.add_argument("--store", default=DEFAULT_STORE)
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("export", help="write the graph in a format other tools load")
    p.add_argument("--format", required=True,
                   choices=["ttl", "nt", "nq", "trig", "jsonld", "xml", "graphml", "csv"])
    p.add_argument("--out", default=None, help="file (or folder, for csv); default: standard output")
    p.add_argument("--store", default=DEFAULT_STORE)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("serve", help="SPARQL endpoint, canned questions and UI over HTTP")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--store", default=DEFAULT_STORE)
    p.add_argument("--query-timeout", type=float, default=30.0, metavar="SECONDS")
    p.add_argument("--update-token", default=None, metavar="TOKEN",
                   help="accept SPARQL Update from requests bearing 'Authorization: Bearer TOKEN'")
    p.add_argument("--workers", type=int, default=0, help="query worker processes (default: 2-4)")
    p.add_argument("--threads", type=int, default=32, help="HTTP threads")
    p.add_argument("--max-client-requests", type=int, default=16, metavar="N",
                   help="requests one client address may have in flight (more get 429)")
    p.set_defaults(func=cmd_serve)

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
