"""`kg validate`: a clean ontology passes; a broken file is named with its problem."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main
from kg.ontology import ONTOLOGY_DIR
from kg.store import OxigraphStore


@pytest.fixture
def ontology_copy(tmp_path: Path) -> Path:
    target = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY_DIR, target)
    return target


def test_validate_passes_on_the_shipped_ontology(capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    OxigraphStore(tmp_path / "empty-store").close()
    assert main(["validate", "--store", str(tmp_path / "empty-store")]) == 0
    out = capsys.readouterr().out
    assert "HermiT" in out and out.strip().endswith("0 violation(s), 0 warning(s)")


def test_validate_names_file_and_line_of_a_turtle_syntax_error(
        ontology_copy: Path, capsys: pytest.CaptureFixture) -> None:
    onto = ontology_copy / "statecraft.ttl"
    lines = onto.read_text().splitlines()
    lines += ["sc:Broken a owl:Class ;;; rdfs:label .", "sc:Fine a owl:Class ."]
    onto.write_text("\n".join(lines))
    assert main(["validate", "--ontology-dir", str(ontology_copy)]) == 1
    out = capsys.readouterr().out
    assert f"{onto}:{len(lines) - 1}: not valid Turtle" in out


def test_validate_names_the_node_a_shape_rejects(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    bad = tmp_path / "bad-tariff.ttl"
    bad.write_text("""
        @prefix sc: <https://w3id.org/statecraft/ontology#> .
        @prefix id: <https://w3id.org/statecraft/id/> .
        id:tariff a sc:TariffChange ; sc:imposedBy id:United_States ; sc:appliesTo id:Pakistan ;
            sc:fromRate 29.0 ; sc:toRate 1900.0 .
    """)
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "<https://w3id.org/statecraft/id/tariff>" in out
    assert "outside 0-1000" in out and str(bad) in out


def test_validate_reports_an_inconsistent_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    bad = tmp_path / "contradiction.ttl"
    bad.write_text("""
        @prefix sc: <https://w3id.org/statecraft/ontology#> .
        @prefix id: <https://w3id.org/statecraft/id/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        id:Pakistan a sc:Person ; rdfs:label "Pakistan" .
    """)
    assert main(["validate", str(bad)]) == 1
    assert "inconsistent" in capsys.readouterr().out


def test_kg_console_script_runs_validate(tmp_path: Path) -> None:
    kg = Path(sys.executable).with_name("kg")
    result = subprocess.run([str(kg), "validate", str(tmp_path / "missing.ttl")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert f"{tmp_path / 'missing.ttl'}: file not found" in result.stdout
