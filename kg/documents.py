"""Document files -> text, metadata and sentences with exact character offsets.

The first pipeline stage. Offsets are Unicode code points into `Document.text`, so for
`.md`/`.txt` the text is kept exactly as written after the front matter (no stripping, no
newline normalisation): every later span can be traced back to the file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

from kg.errors import KGError

__all__ = [
    "DOCUMENT_SUFFIXES", "Document", "Sentence", "line_of", "parse_text_document", "read_document",
    "split_sentences",
]

TEXT_SUFFIXES = (".md", ".markdown", ".txt")
HTML_SUFFIXES = (".html", ".htm")
DOCUMENT_SUFFIXES: tuple[str, ...] = (*TEXT_SUFFIXES, *HTML_SUFFIXES, ".pdf")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    sentences: tuple[Sentence, ...]
    meta: dict[str, Any]
    path: Path | None = None
    body_line: int = 1


# --- sentences ---------------------------------------------------------------------------

# Tokens after which a full stop does not end a sentence. Single capital initials
# ("John F. Kennedy", "A.Q. Khan") are handled by _INITIALS. "etc." is not here: it often
# ends a sentence, and before a lowercase word there is no split anyway.
ABBREVIATIONS = frozenset("""
    U.S. U.K. U.N. U.A.E. E.U. Mr. Mrs. Ms. Dr. Prof. Gen. Lt. Col. Maj. Brig. Capt. Adm. Sgt.
    Sen. Rep. Gov. Pres. Amb. St. Jr. Sr. No. Nos. Inc. Corp. Co. Ltd. vs. e.g. i.e. Rs.
    Jan. Feb. Aug. Sept. Oct. Nov. Dec.
""".split())

_LINE = re.compile(r"[^\r\n]+")  # every line break ends a sentence
# "ISLAMABAD, March 5 (Statecraft Wire) —" or "WASHINGTON —" at the start of a paragraph.
_DATELINE = re.compile(
    r"\s*[A-Z][A-Z.'’/-]+(?: [A-Z][A-Z.'’/-]*)*(?:,[^\n—–]{1,80}?)?\s+(?:—|–|--?)(?=\s)")
_BOUNDARY = re.compile(
    r"(?P<punct>[.!?]+)[\"'’”)\]]*(?=\s+[\"'“‘(\[A-Z0-9À-ÖØ-Þ])")
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")
_MARKUP = re.compile(r"(?:#{1,6}|[-*+>])\s+")  # Markdown heading/list/quote markers
_WORD = re.compile(r"\w")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` with exact offsets, surrounding whitespace left out.

    Line breaks always end a sentence; a wire dateline up to its dash is a sentence of its
    own; inside a line, `.`, `!` or `?` (plus closing quotes) ends one when whitespace and an
    uppercase letter, digit or opening quote follow, except after an abbreviation or initial.

    >>> [s.text for s in split_sentences("WASHINGTON — The U.S. said no. Lt. Gen. Asim Malik left.")]
    ['WASHINGTON —', 'The U.S. said no.', 'Lt. Gen. Asim Malik left.']
    >>> [s.text for s in split_sentences("Headline\\n\\nIt rose 5%. “Good,” he said.")]
    ['Headline', 'It rose 5%.', '“Good,” he said.']
    """
    sentences: list[Sentence] = []
    for line in _LINE.finditer(text):
        start, end = line.span()
        dateline = _DATELINE.match(text, start, end)
        if dateline:
            _add(sentences, text, start, dateline.end())
            start = dateline.end()
        for cut in _BOUNDARY.finditer(text, start, end):
            if cut["punct"] == "." and _abbreviation(text, start, cut.start()):
                continue
            _add(sentences, text, start, cut.end())
            start = cut.end()
        _add(sentences, text, start, end)
    return sentences


def _abbreviation(text: str, start: int, dot: int) -> bool:
    """Whether the word ending at the full stop text[dot] is an abbreviation or initial."""
    begin = dot
    while begin > start and (text[begin - 1].isalnum() or text[begin - 1] == "."):
        begin -= 1
    word = text[begin:dot]
    return word + "." in ABBREVIATIONS or _INITIALS.fullmatch(word) is not None


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if markup := _MARKUP.match(text, start, end):
        start = markup.end()
    if _WORD.search(text, start, end):  # skip empty pieces and rules like "---" or "* * *"
        sentences.append(Sentence(start, end, text[start:end]))


def line_of(document: Document, offset: int) -> int:
    """The 1-based line in the source file of a text offset (exact for .md/.txt)."""
    if not 0 <= offset <= len(document.text):
        raise ValueError(f"offset {offset} outside the text of {document.id} (0..{len(document.text)})")
    return document.body_line + document.text.count("\n", 0, offset)


# --- reading -----------------------------------------------------------------------------

def read_document(path: str | Path) -> Document:
    """Read a .md/.markdown/.txt, .html/.htm or .pdf file; any problem is a KGError."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        raise KGError(f"unsupported file type {suffix or '(none)'!r}; supported: "
                      + ", ".join(DOCUMENT_SUFFIXES), path=path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise KGError("file not found", path=path) from None
    except IsADirectoryError:
        raise KGError("is a directory, not a document file", path=path) from None
    except OSError as exc:
        raise KGError(f"cannot read the file: {exc.strerror}", path=path) from exc
    if not data.strip():
        raise KGError("empty file, no text to read", path=path)
    if suffix == ".pdf":
        return _read_pdf(data, path)
    _check_not_binary(data, path)
    if suffix in HTML_SUFFIXES:
        return _read_html(data, path)
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise KGError(f"not valid UTF-8: byte 0x{data[exc.start]:02x} at line {line}, byte {column}; "
                      "re-save the file as UTF-8", path=path, line=line) from None
    return parse_text_document(raw, path=path)


def parse_text_document(raw: str, *, path: Path | None = None, default_id: str | None = None) -> Document:
    """A document from text with optional `---` YAML front matter; the rest is the text, as is."""
    raw = raw.removeprefix("\ufeff")
    _check_not_binary(raw[:8192].encode("utf-8", "replace"), path)
    meta, text, body_line = _split_front_matter(raw, path)
    if not text.strip():
        if body_line == 1:
            raise KGError("empty file, no text to read", path=path)
        raise KGError("no text after the front matter", path=path, line=body_line)
    doc_id = meta.pop("id", None)
    if doc_id is None:
        doc_id = default_id or (_safe_id(path.stem) if path is not None else None)
        if not doc_id:
            raise KGError("no document id: add `id:` to the front matter", path=path, line=1)
    elif not isinstance(doc_id, str | int) or not _ID.fullmatch(str(doc_id)):
        raise KGError(f"id {doc_id!r} may only contain letters, digits, '.', '_' and '-'",
                      path=path, line=_key_line(raw, "id"))
    if "published" in meta:
        meta["published"] = _iso_date(meta["published"], path, _key_line(raw, "published"))
    for key in ("title", "source", "author", "language"):
        if key in meta:
            meta[key] = str(meta[key])
    return Document(str(doc_id), text, tuple(split_sentences(text)), meta, path, body_line)


_ID = re.compile(r"[A-Za-z0-9._-]+")
_NOT_ID = re.compile(r"[^A-Za-z0-9._-]")
_OPEN = re.compile(r"---[ \t]*(?:\r?\n|\Z)")
_CLOSE = re.compile(r"^---[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")


def _safe_id(stem: str) -> str:
    return _NOT_ID.sub("-", stem)


def _check_not_binary(data: bytes, path: Path | None) -> None:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise KGError("UTF-16 text; re-save the file as UTF-8", path=path)
    sample = data[:8192]
    # Like git: a NUL byte means binary; so does a text made of control characters.
    if b"\x00" in data or len(_CONTROL.findall(sample)) > len(sample) // 20:
        raise KGError("binary file, not a text document", path=path)


def _split_front_matter(raw: str, path: Path | None) -> tuple[dict[str, Any], str, int]:
    """(front matter, text, line where the text starts); no front matter gives ({}, raw, 1)."""
    opening = _OPEN.match(raw)
    if not opening:
        return {}, raw, 1
    closing = _CLOSE.search(raw, opening.end())
    if not closing:
        raise KGError("front matter opened with '---' is never closed; add a closing '---' line",
                      path=path, line=1)
    try:
        meta = yaml.safe_load(raw[opening.end():closing.start()])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        # The YAML starts on line 2 of the file; marks are 0-based.
        raise KGError(f"invalid YAML in the front matter: {problem}", path=path,
                      line=mark.line + 2 if mark is not None else 1) from None
    except Exception as exc:  # PyYAML's constructors fail with plain errors: `published: 2025-13-45` (ValueError),
        # `x: !!int ''` (IndexError), brackets nested past the recursion limit (RecursionError)
        raise KGError(f"invalid YAML in the front matter: a value cannot be read ({type(exc).__name__}: {exc})",
                      path=path) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise KGError(f"front matter must be a mapping of keys (id, title, ...), not a {type(meta).__name__}",
                      path=path, line=2)
    meta = {str(k): v for k, v in meta.items() if v is not None}  # an empty `key:` is no value
    return meta, raw[closing.end():], raw.count("\n", 0, closing.end()) + 1


def _key_line(raw: str, key: str) -> int | None:
    found = re.search(rf"^{key}\s*:", raw, re.MULTILINE)
    return raw.count("\n", 0, found.start()) + 1 if found else None


def _iso_date(value: Any, path: Path | None, line: int | None) -> str:
    if isinstance(value, dt.datetime):  # before date: a datetime is a date too
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
            try:
                parsed = parse(value.strip())
            except ValueError:
                continue
            return (parsed.date() if isinstance(parsed, dt.datetime) else parsed).isoformat()
    raise KGError(f"published {value!r} is not an ISO date like 2025-08-08", path=path, line=line)


def _read_html(data: bytes, path: Path) -> Document:
    import trafilatura  # heavy; only pages need it

    tree = trafilatura.load_html(data)
    text = None
    if tree is not None:
        text = trafilatura.extract(data, include_comments=False, include_tables=False,
                                   favor_precision=True, with_metadata=False)
    if not text or not text.strip():
        raise KGError("no main text could be extracted from this HTML page", path=path)
    meta: dict[str, Any] = {}
    try:
        found = trafilatura.extract_metadata(tree)
    except Exception:  # metadata is a bonus; a page it trips on still has its text
        found = None
    if found is not None:
        for key, value in (("title", found.title), ("published", found.date), ("author", found.author),
                           ("source", found.url)):
            if value:
                meta[key] = value
    if "title" not in meta and (title := tree.findtext(".//title")) and title.strip():
        meta["title"] = title.strip()
    if "published" in meta:
        try:
            meta["published"] = dt.date.fromisoformat(meta["published"][:10]).isoformat()
        except ValueError:
            del meta["published"]  # a guessed date we cannot read is no date
    if language := tree.get("lang"):
        meta["language"] = language
    return Document(_safe_id(path.stem), text, tuple(split_sentences(text)), meta, path)


def _read_pdf(data: bytes, path: Path) -> Document:
    import io

    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise KGError("encrypted PDF; save an unencrypted copy", path=path)
        pages = [_reflow(page.extract_text() or "").strip() for page in reader.pages]
        info = reader.metadata
        found = (("title", info and info.title), ("author", info and info.author))
        meta = {key: str(value).strip() for key, value in found if value and str(value).strip()}
    except KGError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        raise KGError(f"corrupt or truncated PDF, cannot be read ({type(exc).__name__}: {exc})",
                      path=path) from exc
    text = "\n\n".join(page for page in pages if page)
    if not text.strip():
        raise KGError("PDF has no text layer (a scanned image?); run OCR on it first", path=path)
    return Document(_safe_id(path.stem), text, tuple(split_sentences(text)), meta, path)


def _reflow(page: str) -> str:
    """Join the lines PDF layout wrapped, so line breaks end sentences in PDFs too.

    A line continues on the next one when the next starts lowercase, or when it is a long
    line (wrapped at the margin) without closing punctuation; short lines (headlines) stay.
    """
    lines = page.split("\n")
    width = max((len(line.rstrip()) for line in lines), default=0)
    out = [lines[0]]
    for before, line in pairwise(lines):
        before = before.rstrip()
        wrapped = before and line.strip() and (
            line.lstrip()[0].islower() or (len(before) >= 0.6 * width and before[-1] not in ".!?:\"”’)"))
        if wrapped:
            joined = out[-1].rstrip()
            out[-1] = joined + ("" if joined.endswith("-") else " ") + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)
