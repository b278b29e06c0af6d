"""Read the vendored article into sections, paragraphs and sentences.

The source is one lower-cased string: MediaWiki headings (``== … ==``) on their
own lines, each other line a paragraph. Paragraph breaks of the original page
were lost in places, so sentences are often glued (``…sinds 2014.de invasie…``);
:func:`split_sentences` splits on sentence-final punctuation whether or not a
space follows, while keeping decimals (``16.000``), abbreviations (``ca.``,
``o.a.``) and initials (``george w. bush``) intact. Every piece keeps its
character offsets into the source so the app can show it in context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The vendored article's file name in ``db/`` (the build, the analysis and the
#: word-list generators all read it).
SOURCE_FILE = "nlwiki-russische-invasie-van-oekraine.txt"

HEADING = re.compile(r"^(={2,6})\s*(.*?)\s*\1\s*$")

#: Words that end in a full stop without ending the sentence.
ABBREVIATIONS = frozenset(
    {
        "ca", "nr", "o.a", "bijv", "bv", "dr", "drs", "ir", "mr", "prof", "st", "jr",
        "e.a", "m.a.w", "d.w.z", "i.p.v", "z.g", "resp", "mln", "mld", "min",
        "max", "etc", "enz", "ong", "incl", "excl", "vgl", "n.a.v", "t.o.v", "m.b.t",
        "v.chr", "n.chr", "gen", "lt", "kol", "luit", "sr", "nl", "jl",
    }
)  # fmt: skip

#: Sections that list literature and links rather than tell what happened.
REFERENCE_SECTIONS = frozenset({"literatuur", "zie ook", "externe links", "bronnen", "noten"})

# A sentence ends at . ! ? (or …), possibly followed by closing quotes or a
# bracket, then whitespace, the end of the paragraph, or directly a letter
# (the glued case) or an opening quote.
_END = re.compile(r"(?:[.!?…]+['\"’”)\]]*)+(?=\s|$|[^\W\d_]|['\"‘“(])")
# A full stop inside a web address ("lenta.ru", "x.wordpress.com") ends nothing.
_DOMAIN = re.compile(r"(?:ru|com|org|net|ua|info|gov|wordpress)(?![^\W_])")
_WORD_BEFORE = re.compile(r"([^\W_](?:[\w.]*[^\W_])?)$")


@dataclass(frozen=True)
class Section:
    id: int
    parent_id: int | None
    level: int
    title: str
    path: tuple[str, ...]
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    id: int
    section: Section
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    id: int
    paragraph: Paragraph
    start: int
    end: int
    text: str

    @property
    def section(self) -> Section:
        return self.paragraph.section


@dataclass(frozen=True)
class Article:
    text: str
    sections: list[Section]
    paragraphs: list[Paragraph]
    sentences: list[Sentence]


class ArticleError(ValueError):
    """The source text is not an article this pipeline can read."""


def _is_abbreviation(text: str, dot: int) -> bool:
    """True if the full stop at *dot* closes an abbreviation or an initial."""
    match = _WORD_BEFORE.search(text, 0, dot)
    if not match:
        return False
    word = match.group(1)
    if word in ABBREVIATIONS:
        return True
    if len(word) == 1 and re.match(r"\.[^\W\d_]\.", text[dot : dot + 3]):
        return True  # the first stop of "o.a." or "d.w.z."
    # A lone letter before the stop is an initial ("george w. bush", "charles a.
    # richard") unless it is glued to the next sentence, which initials never are.
    if len(word) == 1 and word.isalpha() and word != "u":
        return dot + 1 < len(text) and text[dot + 1] == " "
    # Dotted abbreviations not in the list ("o.a.", "v.s.") before a space.
    return bool(re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", word))


def _quoted(text: str) -> list[tuple[int, int]]:
    """Spans inside single quotes ('…'), told apart from apostrophes ('s, zo'n)."""
    spans = []
    opened = -1
    for i, ch in enumerate(text):
        if ch not in "'‘’":
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if opened < 0:
            if before in ' ("“[' and after.isalpha() and not re.match(r"'[stn]\b", text[i:]):
                opened = i
        elif not before.isspace() and not after.isalnum():
            if i - opened < 400:  # an unclosed apostrophe is not a quotation
                spans.append((opened, i))
            opened = -1
    return spans


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences in one paragraph *text*.

    Spans are shifted by *offset* and exclude surrounding whitespace. A stop
    inside a quotation ends the sentence only where the quotation closes.
    """
    spans: list[tuple[int, int]] = []
    quotes = _quoted(text)
    start = 0
    for match in _END.finditer(text):
        dot = match.start()
        if text[dot] == "." and _is_abbreviation(text, dot):
            continue
        if text[dot] == "." and _DOMAIN.match(text, dot + 1):
            continue
        if any(q0 < dot and match.end() <= q1 for q0, q1 in quotes):
            continue
        # "nr.2" or "16.000": a stop between word and digit is not an ending.
        if match.end() < len(text) and text[match.end()].isdigit():
            continue
        end = match.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    result = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        result.append((s + offset, e + offset))
    return result


def parse_article(text: str) -> Article:
    """Split the article into its heading tree, paragraphs and sentences."""
    if not text.strip():
        raise ArticleError("the source article is empty")
    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    stack: list[Section] = []
    current = Section(0, None, 1, "", (), 0, len(text))
    opened: list[Section] = [current]

    pos = 0
    for line in text.splitlines(keepends=True):
        line_start, pos = pos, pos + len(line)
        body = line.rstrip("\r\n")
        heading = HEADING.match(body)
        if heading:
            level = len(heading.group(1))
            title = heading.group(2).strip()
            while stack and stack[-1].level >= level:
                stack.pop()
            parent = stack[-1] if stack else None
            path = (*parent.path, title) if parent else (title,)
            current = Section(
                len(opened), parent.id if parent else None, level, title, path, line_start, 0
            )
            opened.append(current)
            stack.append(current)
            continue
        if not body.strip():
            continue
        paragraph = Paragraph(len(paragraphs) + 1, current, line_start, line_start + len(body))
        paragraphs.append(paragraph)
        for s, e in split_sentences(body, line_start):
            sentences.append(Sentence(len(sentences) + 1, paragraph, s, e, text[s:e]))

    # A section ends where the next section of the same or a higher level starts.
    for i, section in enumerate(opened):
        end = len(text)
        for later in opened[i + 1 :]:
            if later.level <= section.level:
                end = later.start
                break
        sections.append(
            Section(
                section.id,
                section.parent_id,
                section.level,
                section.title,
                section.path,
                section.start,
                end,
            )
        )
    if not paragraphs:
        raise ArticleError("the source article has no paragraphs")
    # Re-point paragraphs and sentences at the sections with their final ends.
    final = {p.id: Paragraph(p.id, sections[p.section.id], p.start, p.end) for p in paragraphs}
    sentences = [Sentence(s.id, final[s.paragraph.id], s.start, s.end, s.text) for s in sentences]
    return Article(text, sections, list(final.values()), sentences)
