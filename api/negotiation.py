"""HTTP content negotiation: which of the media types we can produce does the client want most?

Small pure functions, shared by every view that answers in more than one format (the SPARQL
endpoint, the entity and document pages, the questions API):

    >>> choose("application/sparql-results+json,application/sparql-results+xml;q=0.9,*/*;q=0.1",
    ...        ["application/sparql-results+xml", "application/sparql-results+json"])
    'application/sparql-results+json'

The rules are RFC 9110 §12.5.1: each media range carries a quality `q` (default 1); an offer
takes the quality of the most specific range that matches it (`text/turtle` before `text/*`
before `*/*`); `q=0` means "not acceptable"; among offers of equal quality the server's order
of preference (the order of `offers`) decides. No header at all means anything is acceptable.
"""

from __future__ import annotations

from collections.abc import Sequence

# Specificity of a media range, from least to most specific.
ANY, TYPE_WILDCARD, EXACT, EXACT_WITH_PARAMS = 0, 1, 2, 3


def parse_accept(header: str | None) -> list[tuple[str, float, int]]:
    """The media ranges of an Accept header as `(media, q, specificity)`, best first.

    Media types are lower-cased without parameters; a malformed `q` counts as 0 (the range is
    ignored rather than trusted), and a range without a `/` is skipped. Ties keep header order.

    >>> parse_accept("text/*;q=0.5, text/turtle, */*;q=0.1")
    [('text/turtle', 1.0, 2), ('text/*', 0.5, 1), ('*/*', 0.1, 0)]
    """
    ranges: list[tuple[str, float, int]] = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        kind, _, subtype = media.partition("/")
        if not kind or not subtype:
            continue
        q, params = 1.0, 0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            name = name.strip().lower()
            if name == "q":
                q = _quality(value.strip().strip('"'))
                break  # what follows q are accept-extensions, not media type parameters
            if name:
                params += 1
        if media == "*/*":
            specificity = ANY
        elif subtype == "*":
            specificity = TYPE_WILDCARD
        else:
            specificity = EXACT_WITH_PARAMS if params else EXACT
        ranges.append((media, q, specificity))
    return sorted(ranges, key=lambda r: (-r[1], -r[2]))


def _quality(text: str) -> float:
    try:
        q = float(text)
    except ValueError:
        return 0.0
    return q if 0.0 <= q <= 1.0 else 0.0


def quality(ranges: Sequence[tuple[str, float, int]], offer: str) -> float:
    """The quality the parsed `ranges` give `offer`: that of the most specific matching range."""
    offer = offer.lower()
    kind = offer.split("/", 1)[0]
    best: tuple[int, float] | None = None
    for media, q, specificity in ranges:
        matches = media in (offer, "*/*", f"{kind}/*")
        if matches and (best is None or specificity > best[0]):
            best = (specificity, q)
    return best[1] if best else 0.0


def choose(header: str | None, offers: Sequence[str]) -> str | None:
    """The offer the client prefers, ties going to the earlier offer; None when none is acceptable.

    An absent or blank header accepts anything, so the first offer wins.

    >>> choose("text/csv;q=0.5, application/sparql-results+json;q=0.5", ["text/csv", "text/plain"])
    'text/csv'
    >>> choose("application/xml", ["text/turtle"]) is None
    True
    """
    if not offers:
        return None
    if header is None or not header.strip():
        return offers[0]
    ranges = parse_accept(header)
    if not ranges:  # nothing parseable: ignore the header rather than refuse (RFC 9110 §12.5.1)
        return offers[0]
    best, best_q = None, 0.0
    for offer in offers:
        q = quality(ranges, offer)
        if q > best_q:
            best, best_q = offer, q
    return best
