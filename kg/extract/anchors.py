"""Finding a pattern's matches without running it at every position of a document.

Rule triggers are alternations of cue words (`\\bagreements?\\b|\\bMoUs?\\b|…`), and Python's
`re` tries every alternative at every position of the text: scanning a document for the
triggers was the slowest step of extraction. Most alternatives start with a literal word,
though, and `str.find` locates words far faster than `re` can.

`anchors` reads a compiled pattern (with `re`'s own parser) and derives the literals every
match must contain at a fixed distance from its start; `AnchoredText.finditer` finds those
literals and tries the pattern only where a match could start. It yields exactly the
matches `pattern.finditer(text)` yields; a pattern whose matches cannot be pinned to
literals (one starting with `\\d+`, say) is simply run over the whole text as before.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache
from re import _constants as c  # re's own parser and opcodes (stable within a Python version)
from re import _parser

__all__ = ["AnchoredText", "SentenceFilter", "anchors"]

# (lead, literal, ignorecase): `literal` occurs `lead` characters after the match starts.
Anchor = tuple[int, str, bool]

_MAX_ANCHORS = 200   # past this, the pattern is no cheaper to find by its literals
_SMALL_SET = 4       # a class such as [’'] is tried as that many literals
_STOP = object()     # marks the end of the part of a pattern whose anchors are wanted
_ZERO_WIDTH = (c.AT, c.ASSERT, c.ASSERT_NOT)
_ONE_CHAR = (c.ANY, c.IN, c.LITERAL, c.NOT_LITERAL)
_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)


@cache
def anchors(pattern: re.Pattern[str]) -> frozenset[Anchor] | None:
    """The literals one of which every match of `pattern` contains at a fixed offset from
    its start, or None when some match may contain none (or too many would be needed)."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    try:
        found = _anchors(_items(parsed, parsed.state.flags))
    except _TooMany:
        return None
    return frozenset(found) if found else None


class _TooMany(Exception):
    pass


def _items(subpattern: _parser.SubPattern, flags: int) -> list:
    return [(op, av, flags) for op, av in subpattern.data]


def _anchors(items: list) -> set[Anchor] | None:
    """Anchors of a sequence of (opcode, argument, flags), or None if a match can do without."""
    lead = 0
    for i, (op, av, flags) in enumerate(items):
        rest = items[i + 1:]
        if op is c.LITERAL and (run := _literal_run(items[i:])):
            return {(lead, run, bool(flags & re.IGNORECASE))}
        if op in _ZERO_WIDTH:
            continue  # boundaries and lookarounds constrain a match without consuming text
        if op is c.SUBPATTERN:
            _, add, remove, inner = av
            return _shifted(_anchors(_items(inner, (flags | add) & ~remove) + rest), lead)
        if op is c.ATOMIC_GROUP:
            return _shifted(_anchors(_items(av, flags) + rest), lead)
        if op is c.BRANCH:
            return _shifted(_union(_items(alt, flags) + rest for alt in av[1]), lead)
        if op is c.IN and _small_literal_set(av):
            return _shifted(_union([(c.LITERAL, v, flags), *rest] for _, v in av), lead)
        if op in _REPEATS:
            low, high, body = av
            once = _items(body, flags) + (rest if high == 1 else [(_STOP, None, flags)])
            return _shifted(_union([once, rest] if low == 0 else [once]), lead)
        if op in _ONE_CHAR:
            lead += 1
            continue
        return None  # _STOP, group references, conditionals: nothing fixed to anchor on
    return None  # the sequence can end before any literal


def _literal_run(items: list) -> str:
    """The literal characters at the head of `items` that share one case mode ('' for a
    letter such as 'é' matched in any case, which `str.find` cannot stand in for)."""
    flags = items[0][2] & re.IGNORECASE
    run = []
    for op, av, item_flags in items:
        char = chr(av) if op is c.LITERAL else ""
        if not char or item_flags & re.IGNORECASE != flags or (flags and _cased_non_ascii(char)):
            break
        run.append(char)
    return "".join(run)


def _cased_non_ascii(char: str) -> bool:
    return not char.isascii() and char.lower() != char.upper()


def _small_literal_set(av: list) -> bool:
    return len(av) <= _SMALL_SET and all(op is c.LITERAL for op, _ in av)


def _union(alternatives: Iterator[list] | list[list]) -> set[Anchor] | None:
    found: set[Anchor] = set()
    for items in alternatives:
        some = _anchors(items)
        if some is None:
            return None
        found |= some
        if len(found) > _MAX_ANCHORS:
            raise _TooMany
    return found


def _shifted(found: set[Anchor] | None, lead: int) -> set[Anchor] | None:
    if found is None or lead == 0:
        return found
    return {(lead + at, literal, folded) for at, literal, folded in found}


class AnchoredText:
    """A document's text, searched by patterns' anchors (see the module docstring)."""

    def __init__(self, text: str):
        self.text = text
        folded = text.lower()
        # Case-insensitive anchors are looked up in the lower-cased text; that finds what
        # `re` would only if lowering kept every offset and no character folds to an ASCII
        # letter without lowering to it (dotless ı and long ſ match i and s in `re`).
        self._folded = folded if len(folded) == len(text) and "ı" not in text and "ſ" not in text else None

    def finditer(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Exactly the matches of `pattern.finditer(self.text)`."""
        starts = self.candidates(pattern)
        if starts is None:
            yield from pattern.finditer(self.text)
            return
        end = 0
        for start in starts:
            if start < end:
                continue  # inside the previous match: finditer does not look there
            match = pattern.match(self.text, start)
            if match:
                yield match
                end = match.end()

    def candidates(self, pattern: re.Pattern[str]) -> list[int] | None:
        """Every offset where a match could start, in order; None: search everywhere.

        Also true of any slice of the text: a match of `pattern` in a sentence starts at one
        of these offsets, for it holds the same literal at the same distance."""
        found = anchors(pattern)
        if found is None or (self._folded is None and any(folded for _, _, folded in found)):
            return None
        starts: set[int] = set()
        for lead, literal, folded in found:
            haystack, needle = (self._folded, literal.lower()) if folded else (self.text, literal)
            at = haystack.find(needle)
            while at != -1:
                if at >= lead:
                    starts.add(at - lead)
                at = haystack.find(needle, at + 1)
        return sorted(starts)


class SentenceFilter:
    """Which sentences of a document a pattern could match at all, asked once per document.

    Rules search each sentence with many patterns (one per kind of event, say); most
    sentences hold none of a pattern's literals, and a set lookup is far cheaper than a
    search that fails. A sentence is ruled out only when no match can start in it.
    """

    def __init__(self, text: AnchoredText, starts: list[int]):
        self._text = text
        self._starts = starts  # each sentence's first offset, in order
        self._hits: dict[re.Pattern[str], frozenset[int] | None] = {}

    def may_match(self, pattern: re.Pattern[str], sentence: int) -> bool:
        if pattern not in self._hits:
            starts = self._text.candidates(pattern)
            self._hits[pattern] = None if starts is None else frozenset(
                bisect_right(self._starts, at) - 1 for at in starts)
        hits = self._hits[pattern]
        return hits is None or sentence in hits
