"""Anchored search must find exactly what `re.finditer` finds, for every trigger."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.documents import read_document
from kg.extract import mentions
from kg.extract.anchors import AnchoredText, SentenceFilter, anchors
from kg.extract.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = [r.trigger for r in RULES if r.trigger is not None] + [
    p for name, p in vars(mentions).items() if name.startswith("_") and isinstance(p, re.Pattern)]
TEXTS = [read_document(p).text for p in sorted([*ROOT.glob("tests/corpus/*.md"), *ROOT.glob("tests/dev/*.md"),
                                                  *ROOT.glob("seeds/*.md")])]
# Pieces of trigger words, in odd cases and with the characters that fold unusually.
PIECES = ["agreement", "AGREEMENT", "Agreements", "trade deal", "MoU", "mou", "should", "SHOULD", "must wait",
          "attack", "strikes", "air strikes", "airstrikes", "’s", "'s", " province", "capital", "-based",
          "stake", "51% stake", "joint venture", ", a joint venture of ", "ı", "ſ", "İ", "K", "é", "É",
          "shou", "ld", "met", "Operation Sindoor", "claimed responsibility", " ", "  ", ".", ",", "\n",
          "Ministry of Foreign Affairs", "the Sharif family", "its", "and its", "visit", "war with"]


def _plain(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _anchored(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in AnchoredText(text).finditer(pattern)]


def test_most_triggers_have_anchors() -> None:
    anchored = [r.apply.__name__ for r in RULES if r.trigger is not None and anchors(r.trigger)]
    assert len(anchored) >= 9, anchored


def test_titled_people_are_found_by_their_titles_literals() -> None:
    """The costliest discovery pattern: run at every position it took 1.5 ms a document."""
    assert anchors(mentions._TITLED_PERSON) is not None


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:30])
def test_same_matches_on_the_corpus(pattern: re.Pattern[str]) -> None:
    for text in TEXTS:
        assert _anchored(pattern, text) == _plain(pattern, text)


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_same_matches_on_odd_texts(pieces: list[str]) -> None:
    text = "".join(pieces)
    for pattern in PATTERNS:
        assert _anchored(pattern, text) == _plain(pattern, text), pattern.pattern


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\bfoo\b|\bbar", {(0, "foo", False), (0, "bar", False)}),
    (r"(?i:\bx?yz)", {(0, "xyz", True), (0, "yz", True)}),
    (r"[’']s\s+[A-Z]", {(0, "’s", False), (0, "'s", False)}),
    (r"(?:air)?\s?strikes", {(0, "air", False), (1, "strikes", False), (0, "strikes", False)}),
    (r"\d+ percent", None),      # no literal at a fixed distance from the start
    (r"a?", None),               # can match without any literal
    (r"(?i)\bécole", {(1, "cole", True)}),  # a cased non-ASCII letter is stepped over
])
def test_anchors_derived(pattern: str, expected: set | None) -> None:
    found = anchors(re.compile(pattern))
    assert (set(found) if found is not None else None) == expected


def test_a_sentence_is_ruled_out_only_where_no_match_can_start() -> None:
    text = "Pakistan signed an agreement. Talks stalled. Both sides signed MoUs later."
    starts = [0, 30, 44]
    scan = SentenceFilter(AnchoredText(text), starts)
    pattern = re.compile(r"\b(?:agreements?|MoUs?)\b")
    assert [scan.may_match(pattern, n) for n in range(3)] == [True, False, True]
    unanchored = re.compile(r"\d+")
    assert all(scan.may_match(unanchored, n) for n in range(3))
