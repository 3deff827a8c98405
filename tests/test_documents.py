"""kg.documents: document files -> text, metadata and sentences with exact offsets."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kg.documents import (
    DOCUMENT_SUFFIXES,
    Document,
    line_of,
    parse_text_document,
    read_document,
    split_sentences,
)
from kg.errors import KGError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "us-pakistan-strategic-realism.md"
WIRE = ROOT / "tests" / "data" / "documents" / "wire-nsa-visit.md"


@pytest.fixture(scope="module")
def seed() -> Document:
    return read_document(SEED)


@pytest.fixture(scope="module")
def wire() -> Document:
    return read_document(WIRE)


def texts(document: Document) -> list[str]:
    return [s.text for s in document.sentences]


def fails(path: Path, *, line: int | None = None) -> KGError:
    """The KGError reading `path` raises, checked to name the file (and line)."""
    with pytest.raises(KGError) as caught:
        read_document(path)
    error = caught.value
    assert error.path == str(path) and str(path) in str(error)
    assert error.line == line
    if line is not None:
        assert f"{path}:{line}:" in str(error)
    return error


# --- the real seed ---------------------------------------------------------------------------

def test_seed_id_comes_from_front_matter(seed: Document) -> None:
    assert seed.id == "us-pakistan-strategic-realism"


def test_seed_front_matter_becomes_meta_without_the_id(seed: Document) -> None:
    assert seed.meta == {
        "title": "From rhetoric to realism: the US–Pakistan partnership in Trump's second term",
        "language": "en",
    }
    assert seed.path == SEED


def test_seed_text_is_the_file_after_the_front_matter_exactly(seed: Document) -> None:
    raw = SEED.read_text(encoding="utf-8")
    front_matter_end = raw.index("\n---\n") + len("\n---\n")
    assert seed.text == raw[front_matter_end:]
    assert seed.body_line == raw[:front_matter_end].count("\n") + 1 == 6


def test_every_sentence_text_is_its_span_of_the_text(seed: Document, wire: Document) -> None:
    for document in (seed, wire):
        assert document.sentences
        for s in document.sentences:
            assert s.text == document.text[s.start:s.end]
            assert s.text == s.text.strip() and s.text


def test_sentences_are_in_order_and_do_not_overlap(seed: Document) -> None:
    ends = [0, *(x for s in seed.sentences for x in (s.start, s.end))]
    assert ends == sorted(ends)


def test_seed_first_sentence(seed: Document) -> None:
    assert seed.sentences[0].text == (
        "Shared interests have long been a factor in international relations, "
        "drawing countries closer together."
    )
    assert seed.sentences[0].start == 0


def test_line_of_gives_the_line_in_the_file(seed: Document) -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for s in (seed.sentences[0], seed.sentences[-1], seed.sentences[len(seed.sentences) // 2]):
        assert s.text in lines[line_of(seed, s.start) - 1]
    assert line_of(seed, 0) == 6


# --- sentence splitting ----------------------------------------------------------------------

def test_abbreviations_and_ranks_do_not_end_sentences(wire: Document) -> None:
    assert ("Pakistan's national security adviser, Lt. Gen. Asim Malik, met senior U.S. officials on "
            "Thursday to discuss counterterrorism cooperation, two days after the handover of an ISIS-K "
            "commander.") in texts(wire)
    assert ("A U.N. report in Jan. 2025 had warned that ISIS-K remained able to plan attacks "
            "abroad.") in texts(wire)
    assert "It cost Rs. 12 million, according to a reply in the Senate." in texts(wire)


def test_headline_and_byline_are_sentences_of_their_own(wire: Document) -> None:
    assert texts(wire)[:2] == [
        "Pakistan's security adviser meets U.S. officials in Washington",
        "By a Statecraft Wire staff reporter",
    ]


def test_dateline_up_to_the_dash_is_a_sentence_of_its_own(wire: Document) -> None:
    sentences = texts(wire)
    assert sentences[2:4] == [
        "WASHINGTON, March 7 (Statecraft Wire) —",
        sentences[3],
    ]
    assert sentences[3].startswith("Pakistan's national security adviser")
    assert sentences[sentences.index("ISLAMABAD —") + 1].startswith("The Foreign Office said")


@pytest.mark.parametrize(("text", "expected"), [
    ("John F. Kennedy met Dr. A.Q. Khan. They spoke.", ["John F. Kennedy met Dr. A.Q. Khan.", "They spoke."]),
    ("Gen. Munir met Mr. Trump on Oct. 7 in the U.S. capital.", None),
    ("Barrick Gold Corp. and Co. Ltd. vs. Tethyan Inc. signed.", None),
    ("Prices rose, e.g. Food and fuel, i.e. Most goods.", None),
    ("Exports rose 4 p.c. in Sept. after the deal.", None),
])
def test_no_split_after_abbreviations_and_initials(text: str, expected: list[str] | None) -> None:
    assert [s.text for s in split_sentences(text)] == (expected or [text])


def test_sentence_ends_before_capital_digit_or_opening_quote() -> None:
    assert [s.text for s in split_sentences(
        'It was "productive." Talks resume. 2025 was hard! “Why?” he asked. ‘Soon,’ she said.'
    )] == ['It was "productive."', "Talks resume.", "2025 was hard!", "“Why?” he asked.", "‘Soon,’ she said."]


def test_no_sentence_end_before_a_lowercase_word() -> None:
    assert len(split_sentences("The deal, worth $3.5 bn. in all, etc. was signed.")) == 1


def test_every_line_break_ends_a_sentence() -> None:
    text = "POLICY BRIEF\nLunch is not a strategy\r\n\r\nWhat happened"
    assert [s.text for s in split_sentences(text)] == [
        "POLICY BRIEF", "Lunch is not a strategy", "What happened"]


def test_wire_dateline_without_agency() -> None:
    assert [s.text for s in split_sentences("WASHINGTON — The U.S. said it would act.")] == [
        "WASHINGTON —", "The U.S. said it would act."]


def test_markdown_markers_and_rules_are_not_sentences() -> None:
    text = "# Headline\n\n---\n\n- First point.\n* * *\n"
    assert [s.text for s in split_sentences(text)] == ["Headline", "First point."]


def test_whitespace_only_text_has_no_sentences() -> None:
    assert split_sentences(" \n\t\r\n ") == []


def test_splitting_a_thousand_words_takes_well_under_a_millisecond(seed: Document) -> None:
    text = " ".join(seed.text.split()[:1000])
    split_sentences(text)
    best = min(_timed(split_sentences, text) for _ in range(20))
    assert best < 0.001


def _timed(function, argument) -> float:
    start = time.perf_counter()
    function(argument)
    return time.perf_counter() - start


# --- text files ------------------------------------------------------------------------------

def test_txt_without_front_matter_takes_its_id_from_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "000_2e8cf8e2eaedbabd.txt"
    path.write_text("Pakistan and the US signed a trade deal. Tariffs fell to 19%.\n", encoding="utf-8")
    document = read_document(path)
    assert document.id == "000_2e8cf8e2eaedbabd"
    assert document.meta == {}
    assert document.body_line == 1
    assert texts(document) == ["Pakistan and the US signed a trade deal.", "Tariffs fell to 19%."]


def test_unsafe_file_name_characters_become_dashes(tmp_path: Path) -> None:
    path = tmp_path / "Dawn op-ed (June 2025).txt"
    path.write_text("Text.", encoding="utf-8")
    assert read_document(path).id == "Dawn-op-ed--June-2025-"


def test_published_becomes_an_iso_string_from_a_yaml_date_or_a_string() -> None:
    for value in ("2025-08-08", '"2025-08-08"', "2025-08-08 10:30:00", "'2025-08-08T10:30:00+05:00'"):
        document = parse_text_document(f"---\nid: x\npublished: {value}\n---\nText.")
        assert document.meta["published"] == "2025-08-08"


def test_unknown_front_matter_keys_are_kept(wire: Document) -> None:
    assert wire.meta["desk"] == "South Asia"
    assert wire.meta["source"] == "https://wire.example.org/2025/03/07/nsa-visit"


def test_crlf_is_kept_and_a_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "windows.md"
    path.write_bytes("\ufeff---\r\nid: windows\r\n---\r\nHeadline\r\n\r\nFirst line. Second.\r\n".encode())
    document = read_document(path)
    assert document.id == "windows"
    assert document.text == "Headline\r\n\r\nFirst line. Second.\r\n"
    assert document.body_line == 4
    assert [(s.text, line_of(document, s.start)) for s in document.sentences] == [
        ("Headline", 4), ("First line.", 6), ("Second.", 6)]


def test_parse_text_document_uses_default_id_when_front_matter_has_none() -> None:
    assert parse_text_document("Text.", default_id="given").id == "given"
    assert parse_text_document("---\nid: own\n---\nText.", default_id="given").id == "own"


def test_supported_suffixes() -> None:
    assert DOCUMENT_SUFFIXES == (".md", ".markdown", ".txt", ".html", ".htm", ".pdf")


# --- HTML --------------------------------------------------------------------------------

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Pakistan ships first critical minerals to US | Statecraft Wire</title>
  <meta property="og:title" content="Pakistan ships first critical-mineral samples to US">
  <meta name="author" content="Staff reporter">
  <meta property="article:published_time" content="2025-10-07T09:30:00+05:00">
  <link rel="canonical" href="https://wire.example.org/2025/10/07/ussm-fwo-minerals">
</head>
<body>
  <header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
    <li><a href="/business">Business</a></li>
    <li><a href="/subscribe">Subscribe now</a></li></ul></nav></header>
  <main><article>
    <h1>Pakistan ships first critical-mineral samples to US</h1>
    <p>ISLAMABAD, Oct. 7 (Statecraft Wire) — Pakistan has sent its first consignment of critical minerals
    to the United States under a memorandum of understanding signed last month between an American
    company and an engineering arm of the Pakistani military, officials said.</p>
    <p>The shipment, dispatched in early October, contained antimony, copper concentrate and rare earth
    elements, according to US Strategic Metals (USSM), a Missouri-based company. USSM described the
    consignment as a first step in its partnership with the Frontier Works Organisation (FWO).</p>
    <p>USSM and FWO signed the MoU in Islamabad in September 2025. The agreement, valued at about
    $500 million, covers the exploration and development of minerals in Pakistan.</p>
  </article></main>
  <aside><h2>Most read</h2><ul><li><a href="/a">Markets slide as oil jumps</a></li>
    <li><a href="/b">Cricket: five things we learned</a></li></ul></aside>
  <footer><p>© 2025 Statecraft Wire. All rights reserved.</p>
    <p><a href="/privacy">Privacy policy</a> · <a href="/terms">Terms of use</a></p></footer>
</body>
</html>
"""


@pytest.fixture
def article_page(tmp_path: Path) -> Document:
    path = tmp_path / "ussm-fwo-minerals.html"
    path.write_text(ARTICLE_PAGE, encoding="utf-8")
    return read_document(path)


def test_html_yields_the_article_text_without_boilerplate(article_page: Document) -> None:
    text = article_page.text
    assert "Pakistan has sent its first consignment of critical minerals" in text
    assert "USSM and FWO signed the MoU in Islamabad in September 2025." in text
    for boilerplate in ("Subscribe now", "Most read", "Cricket", "All rights reserved", "Privacy policy"):
        assert boilerplate not in text


def test_html_paragraphs_are_lines_and_sentences(article_page: Document) -> None:
    sentences = texts(article_page)
    assert "ISLAMABAD, Oct. 7 (Statecraft Wire) —" in sentences
    assert "USSM and FWO signed the MoU in Islamabad in September 2025." in sentences
    assert all(article_page.text[s.start:s.end] == s.text for s in article_page.sentences)


def test_html_id_and_metadata(article_page: Document) -> None:
    assert article_page.id == "ussm-fwo-minerals"
    assert article_page.meta["title"] == "Pakistan ships first critical-mineral samples to US"
    assert article_page.meta["published"] == "2025-10-07"
    assert article_page.meta["author"] == "Staff reporter"
    assert article_page.meta["language"] == "en"


# --- PDF ---------------------------------------------------------------------------------

def minimal_pdf(lines: list[str], *, title: str | None = None) -> bytes:
    """A one-page PDF whose text layer holds `lines` in Helvetica, written by hand."""
    ops = ["BT", "/F1 11 Tf", "14 TL", "72 720 Td"]
    for line in lines:
        ops.append("(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*")
    stream = "\n".join([*ops, "ET"]).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if title:
        objects.append(b"<< /Title (%s) /Author (Staff reporter) >>" % title.encode("latin-1"))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    info = b" /Info %d 0 R" % len(objects) if title else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, info, xref)
    return bytes(out)


REPORT_LINES = [
    "Pakistan ships first minerals to US",
    "",
    "ISLAMABAD, Oct. 7 (Statecraft Wire) - Pakistan has sent its first consignment of critical",
    "minerals to the United States under a memorandum of understanding signed last month, officials",
    "said. The shipment contained antimony, copper concentrate and rare earth elements.",
]


def test_pdf_text_layer_is_read_with_metadata(tmp_path: Path) -> None:
    path = tmp_path / "minerals-report.pdf"
    path.write_bytes(minimal_pdf(REPORT_LINES, title="Critical minerals"))
    document = read_document(path)
    assert document.id == "minerals-report"
    assert document.meta == {"title": "Critical minerals", "author": "Staff reporter"}
    assert "Pakistan has sent its first consignment" in document.text


def test_pdf_lines_wrapped_at_the_margin_are_joined_into_sentences(tmp_path: Path) -> None:
    path = tmp_path / "minerals-report.pdf"
    path.write_bytes(minimal_pdf(REPORT_LINES))
    assert texts(read_document(path)) == [
        "Pakistan ships first minerals to US",
        "ISLAMABAD, Oct. 7 (Statecraft Wire) -",
        "Pakistan has sent its first consignment of critical minerals to the United States under a "
        "memorandum of understanding signed last month, officials said.",
        "The shipment contained antimony, copper concentrate and rare earth elements.",
    ]


# --- bad input: one clear KGError naming the file (and line) ------------------------------------

def test_missing_file(tmp_path: Path) -> None:
    assert "file not found" in str(fails(tmp_path / "absent.md"))


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "empty file" in str(fails(path))


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.md"
    path.write_text(" \n\n\t\n", encoding="utf-8")
    assert "empty file" in str(fails(path))


def test_front_matter_without_text(tmp_path: Path) -> None:
    path = tmp_path / "only-front-matter.md"
    path.write_text("---\nid: x\ntitle: Nothing here\n---\n\n  \n", encoding="utf-8")
    assert "no text after the front matter" in str(fails(path, line=5))


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "image.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    assert "binary file, not a text document" in str(fails(path))


def test_binary_file_of_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(1, 9)) * 50 + b"some text")
    assert "binary file, not a text document" in str(fails(path))


def test_non_utf8_file_names_line_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.md"
    path.write_bytes("---\nid: latin1\n---\nHeadline\nPezeshkian visited Lahore café.\n".encode("latin-1"))
    message = str(fails(path, line=5))
    assert "not valid UTF-8" in message and "0xe9" in message and "line 5, byte 30" in message
    assert "re-save the file as UTF-8" in message


def test_front_matter_never_closed(tmp_path: Path) -> None:
    path = tmp_path / "truncated.md"
    path.write_text("---\nid: truncated\ntitle: Half a header\n", encoding="utf-8")
    assert "never closed" in str(fails(path, line=1))


def test_yaml_error_names_the_line_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad-yaml.md"
    path.write_text('---\nid: bad-yaml\ntitle: "unterminated\nlanguage: en\n---\nText.\n', encoding="utf-8")
    error = fails(path, line=5)
    assert "invalid YAML in the front matter" in str(error)


def test_yaml_mapping_error_names_the_line_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad-yaml.md"
    path.write_text("---\nid: x\ntitle: a: b\n---\nText.\n", encoding="utf-8")
    assert "invalid YAML" in str(fails(path, line=3))


def test_front_matter_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "list.md"
    path.write_text("---\n- id\n- title\n---\nText.\n", encoding="utf-8")
    assert "front matter must be a mapping" in str(fails(path, line=2))


def test_id_with_illegal_characters(tmp_path: Path) -> None:
    path = tmp_path / "spaces.md"
    path.write_text("---\ntitle: T\nid: has spaces/and slash\n---\nText.\n", encoding="utf-8")
    assert "'has spaces/and slash' may only contain" in str(fails(path, line=3))


def test_published_that_is_not_an_iso_date(tmp_path: Path) -> None:
    path = tmp_path / "dated.md"
    path.write_text("---\nid: dated\npublished: 7 March 2025\n---\nText.\n", encoding="utf-8")
    assert "not an ISO date" in str(fails(path, line=3))


def test_unsupported_suffix_lists_the_supported_ones(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04")
    message = str(fails(path))
    assert "unsupported file type '.docx'" in message
    assert ".md, .markdown, .txt, .html, .htm, .pdf" in message


def test_utf16_text_is_asked_to_be_resaved(tmp_path: Path) -> None:
    path = tmp_path / "notepad.txt"
    path.write_bytes("Text saved by Notepad.".encode("utf-16"))
    assert "UTF-16" in str(fails(path))


@pytest.mark.parametrize("cut", [0.5, 0.1])
def test_truncated_pdf(tmp_path: Path, cut: float) -> None:
    data = minimal_pdf(REPORT_LINES)
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: int(len(data) * cut)])
    assert "corrupt or truncated PDF" in str(fails(path))


def test_file_named_pdf_that_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.pdf"
    path.write_text("<html><body>Not a PDF</body></html>", encoding="utf-8")
    assert "corrupt or truncated PDF" in str(fails(path))


def test_pdf_without_a_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "scanned.pdf"
    path.write_bytes(minimal_pdf([]))
    assert "no text layer" in str(fails(path))


def test_html_without_main_text(tmp_path: Path) -> None:
    path = tmp_path / "app-shell.html"
    path.write_text('<!DOCTYPE html><html><head><title>App</title><script>var x = 1;</script></head>'
                    '<body><div id="root"></div><script src="app.js"></script></body></html>')
    assert "no main text" in str(fails(path))
