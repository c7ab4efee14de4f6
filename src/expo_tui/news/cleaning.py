"""From extracted text to the cleaned text every later stage reads and every evidence offset
points into: controls and escape sequences out, site furniture out, paragraphs one per line.

The cleaned text is what is hashed and stored with the document, so an evidence quote's
`start`/`end` always index the very text they were read from.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# ESC- and C1-introduced sequences (CSI, OSC, DCS ...), as the terminal sanitiser knows them.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
)
# Controls other than the line break, bidi embeddings/overrides/isolates, zero-width and BOM.
_CONTROLS = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufffe]"
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

# Site furniture: lines that are the site's, not the article's.
_FURNITURE_LINE = re.compile(
    r"""^(?:
        (?:baca|simak|lihat|cek)\s+(?:juga|pula|selengkapnya|berita\s+lainnya)\b
      | (?:read|see)\s+(?:also|more)\b | also\s+read\b | related(?:\s+(?:news|articles?|stories))?\s*:
      | artikel\s+terkait\b | berita\s+terkait\b
      | (?:editor|pewarta|reporter|penulis|redaktur|penyunting|wartawan|kontributor|sumber|foto
          |fotografer|video|editing\s+by|reporting\s+by|writing\s+by|written\s+by|edited\s+by
          |author|by|oleh|caption|keterangan\s+foto|tags?|topik|kategori)\s*[:|]
      | ikuti\s+(?:kami|berita|update|saluran)\b | follow\s+(?:us|our)\b | subscribe\b
      | (?:share|bagikan)(?:\s+(?:this|artikel|berita))?\s*[:|]?\s*$
      | advertisement\s*$ | iklan\s*$ | scroll\s+(?:to|down)\b | gulir\b
      | download\s+(?:aplikasi|app)\b | unduh\s+aplikasi\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Copyright and crawl notices, wherever they stand in a line.
_NOTICE = re.compile(
    r"©|\bcopyright\b|\bhak\s+cipta\b|all\s+rights\s+reserved|dilarang\s+keras\s+mengambil"
    r"|dilarang\s+mengutip|tanpa\s+izin\s+tertulis|without\s+(?:prior\s+)?written\s+permission",
    re.IGNORECASE,
)
# "... Baca juga: <a headline>" run into the end of a paragraph.
_INLINE_READ_ALSO = re.compile(r"(?<=[.!?\"”])\s+(?:baca|simak)\s+juga\s*:.*$", re.IGNORECASE)
NOTICE_MAX_LINE = 400  # longer lines that mention a copyright are prose, not a notice


def normalise(text: str) -> str:
    """NFC text with escape sequences and controls gone, spacing made plain."""
    text = _ESCAPES.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = unicodedata.normalize("NFC", _CONTROLS.sub(" ", text))
    return text.replace("\u2028", "\n").replace("\u2029", "\n")


def is_furniture(line: str) -> bool:
    stripped = line.strip(" -–—•*|>#")
    if not stripped:
        return True
    if _FURNITURE_LINE.match(stripped):
        return True
    return len(stripped) <= NOTICE_MAX_LINE and bool(_NOTICE.search(stripped))


def clean_text(text: str) -> str:
    """One paragraph per line, furniture dropped, spaces collapsed."""
    paragraphs = []
    for raw in normalise(text).split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line or is_furniture(line):
            continue
        line = _INLINE_READ_ALSO.sub("", line).strip()
        if line:
            paragraphs.append(line)
    return "\n".join(paragraphs)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MD_MARKS = re.compile(r"(?m)^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))|(\*\*|__|`)")


def markdown_to_text(text: str) -> str:
    """Markdown as the prose it shows: link texts kept, headings, quotes and emphasis unmarked."""
    return _MD_MARKS.sub("", _MD_LINK.sub(r"\1", text))
