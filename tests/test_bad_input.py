"""Bad input through `kg add`: one clear error naming the file (and line), a non-zero exit,
and the store exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build
from kg.cli import main
from kg.store import OxigraphStore

from .conftest import ROOT

GOOD = "---\nid: good-report\ntitle: A good report\n---\nPakistan and China signed a memorandum of understanding.\n"

# name -> (file name, bytes, what the message must say, the line it must name or None)
CASES = {
    "empty file": ("empty.md", b"", "empty", None),
    "only front matter": ("bare.md", b"---\nid: bare\n---\n\n", "no text", None),
    "binary file": ("blob.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary", None),
    "not UTF-8": ("latin.md", "---\nid: latin\n---\nPakistan’s caf\xe9 diplomacy.\n".encode("latin-1",
                  errors="replace"), "UTF-8", 4),
    "front matter never closed": ("open.md", b"---\nid: open\ntitle: Truncated\nPakistan and", "front matter", 1),
    # YAML notices the unclosed bracket where the front matter ends.
    "broken YAML": ("yaml.md", b"---\nid: y\ntitle: [unclosed\n---\nText here.\n", "YAML", 4),
    "truncated PDF": ("report.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog", "PDF", None),
}


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    build(ROOT / "seeds", tmp_path / "store")
    return tmp_path / "store"


def _quads(path: Path) -> set:
    with OxigraphStore(path) as store:
        return {str(q) for q in store.native}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_document_is_named_and_changes_nothing(case: str, tmp_path: Path, store_path: Path,
                                                   capsys: pytest.CaptureFixture) -> None:
    name, content, expected, line = CASES[case]
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.md"
    good.write_text(GOOD)
    before = _quads(store_path)
    status = main(["add", str(good), str(bad), "--store", str(store_path), "-q"])
    err = capsys.readouterr().err
    assert status != 0
    assert str(bad) in err and expected.lower() in err.lower(), err
    if line is not None:
        assert f"{bad}:{line}" in err, err
    assert len(err.strip().splitlines()) == 1  # one clear error, no traceback
    assert _quads(store_path) == before


def test_duplicate_ids_are_refused(tmp_path: Path, store_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "one.md").write_text(GOOD)
    (tmp_path / "two.md").write_text(GOOD)
    before = _quads(store_path)
    assert main(["add", str(tmp_path / "one.md"), str(tmp_path / "two.md"), "--store", str(store_path)]) != 0
    assert "also used by" in capsys.readouterr().err
    assert _quads(store_path) == before


def test_a_good_document_is_added(tmp_path: Path, store_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "good.md").write_text(GOOD)
    assert main(["add", str(tmp_path / "good.md"), "--store", str(store_path), "-q"]) == 0
    with OxigraphStore(store_path) as store:
        assert store.ask("ASK { GRAPH <https://w3id.org/statecraft/graph/good-report> { ?s ?p ?o } }")
