"""Frog's analysis of every sentence, committed beside the source so builds need no Frog.

Headlines and the actor-or-place decision need to know which word is the
finite verb, which phrase the subject, what a word's lemma is. Frog (the
Dutch tagger, lemmatiser, chunker, NER and dependency parser from Radboud
University, Debian package ``frog``) answers that, but it takes seconds to
load and minutes for the whole article, and it is a C++ program people who
``pip install kroniek`` do not have. So the analysis is run once, by
``python -m explorer.ingest.analysis``, over the capitalised display text of
every sentence (Frog's tagger and NER read capitals), and written to
``db/analysis/frog.tsv``. The build only reads that file.

Each sentence block in the file starts with a header line that names the
sentence by a digest of its source text and of the exact text Frog read, so
the build can tell when the display text has changed since the analysis was
made (it reports such sentences as stale; ``tests/test_analysis.py`` fails on
any), and a slow test re-runs Frog on a sample to catch a changed Frog.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ANALYSIS_DIR = "analysis"
FROG_FILE = "frog.tsv"
#: Frog modules not used: morphological analysis (``a``) is slow and unneeded.
FROG_SKIP = "a"
_HEADER = "#"


@dataclass(frozen=True)
class Token:
    """One word as Frog analysed it, with its offsets in the analysed sentence."""

    text: str
    lemma: str
    pos: str  # CGN tag: "WW(pv,verl,ev)", "N(soort,ev,basis,zijd,stan)", "SPEC(deeleigen)"
    ner: str  # IOB: "B-PER", "I-ORG", "O"
    chunk: str  # IOB: "B-NP", "I-VP", "B-PP", "O"
    head: int  # index of the head token in the sentence, -1 for a root
    rel: str  # dependency relation: "su", "obj1", "vc", "mod", "ROOT" …
    start: int = -1
    end: int = -1

    @property
    def tag(self) -> str:
        """The main word class: "WW", "N", "SPEC", "LID", "VZ" …

        A participle used as a noun ("overlevenden", "gevangenen": CGN's
        ``WW(vd|od,nom,…)``) is a noun here: it heads a noun phrase.
        """
        tag = self.pos.split("(", 1)[0]
        return "N" if tag == "WW" and _nominal(self._features()) else tag

    @property
    def features(self) -> tuple[str, ...]:
        """The first tag's features; a multi-word unit ("in_reactie_op") acts as its first word.

        A participle used as a noun also says its number as a noun does ("mv",
        "ev"), besides CGN's "mv-n" or "zonder-n".
        """
        found = self._features()
        if _nominal(found):
            return (*found, "mv" if "mv-n" in found else "ev")
        return found

    def _features(self) -> tuple[str, ...]:
        inner = self.pos.split("_", 1)[0].partition("(")[2].rstrip(")")
        return tuple(inner.split(",")) if inner else ()

    @property
    def is_finite_verb(self) -> bool:
        return self.tag == "WW" and "pv" in self.features


def _nominal(features: tuple[str, ...]) -> bool:
    """A participle used as a noun: CGN's ``WW(vd|od,nom,…)`` ("overlevenden")."""
    return "nom" in features and ("vd" in features or "od" in features)


@dataclass(frozen=True)
class SentenceAnalysis:
    """Frog's tokens for one sentence and the digests that say which text they belong to."""

    key: str
    input_digest: str
    tokens: tuple[Token, ...]


def digest(text: str) -> str:
    """A short stable digest of a text (the analysis file's keys)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def align(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """Character spans of Frog's *words* in *text*; (-1, -1) where a word cannot be found.

    Frog joins multi-word units with "_" ("Verenigde_Staten"); each part is
    found in turn. Matching ignores case, so the spans also fit the lower-case
    source sentence.
    """
    low = text.lower()
    spans: list[tuple[int, int]] = []
    pos = 0
    for word in words:
        start = end = -1
        cursor = pos
        for part in word.lower().split("_"):
            if not part:
                continue
            at = low.find(part, cursor, cursor + 40 + len(part))
            if at < 0:
                start = -1
                break
            if start < 0:
                start = at
            cursor = end = at + len(part)
        if start >= 0:
            spans.append((start, end))
            pos = end
        else:
            spans.append((-1, -1))
    return spans


def parse_frog_output(output: str) -> list[list[list[str]]]:
    """Frog's tab-separated output as sentences of token rows (its ten columns)."""
    sentences: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in output.splitlines():
        fields = line.split("\t")
        if len(fields) >= 10 and fields[0].isdigit():
            if fields[0] == "1" and current:
                sentences.append(current)
                current = []
            current.append(fields)
        elif not line.strip() and current:
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def group_blocks(texts: Sequence[str], blocks: list[list[list[str]]]) -> list[list[list[str]]]:
    """Merge Frog's sentences back into one block per input line.

    Frog's tokenizer may split a line in two ("…2014. de invasie…"); the
    blocks are joined (heads renumbered) until their letters make up the line.
    """
    grouped: list[list[list[str]]] = []
    i = 0
    for text in texts:
        want = _letters(text)
        rows: list[list[str]] = []
        have = ""
        while i < len(blocks) and len(have) < len(want):
            offset = len(rows)
            for fields in blocks[i]:
                row = list(fields)
                row[0] = str(int(row[0]) + offset)
                if row[8] != "0":
                    row[8] = str(int(row[8]) + offset)
                rows.append(row)
            have += _letters("".join(f[1] for f in blocks[i]))
            i += 1
        if have != want:
            raise ValueError(f"Frog's tokens do not spell the sentence: {text[:60]!r}")
        grouped.append(rows)
    return grouped


def tokens_from_rows(text: str, rows: list[list[str]]) -> tuple[Token, ...]:
    """Tokens from Frog's rows for one sentence, aligned to *text*."""
    spans = align(text, [r[1] for r in rows])
    return tuple(
        Token(r[1], r[2], r[4], r[6], r[7], int(r[8]) - 1, r[9], s, e)
        for r, (s, e) in zip(rows, spans, strict=True)
    )


def _frog(texts: Sequence[str]) -> str:
    with tempfile.TemporaryDirectory(prefix="kroniek-frog-") as tmp:
        source, target = Path(tmp) / "in.txt", Path(tmp) / "out.tsv"
        source.write_text("".join(" ".join(t.split()) + "\n" for t in texts), encoding="utf-8")
        subprocess.run(
            ["frog", "-t", str(source), "-n", "-o", str(target), f"--skip={FROG_SKIP}"],
            check=True,
            capture_output=True,
            cwd=tmp,
        )
        return target.read_text(encoding="utf-8")


def run_frog(texts: Sequence[str], jobs: int | None = None) -> list[tuple[Token, ...]]:
    """Analyse *texts* (one sentence each) with Frog, in parallel chunks."""
    if not texts:
        return []
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(texts)))
    size = -(-len(texts) // jobs)
    chunks = [list(texts[i : i + size]) for i in range(0, len(texts), size)]
    with ThreadPoolExecutor(max_workers=len(chunks)) as pool:
        outputs = list(pool.map(_frog, chunks))
    result: list[tuple[Token, ...]] = []
    for chunk, output in zip(chunks, outputs, strict=True):
        for text, rows in zip(chunk, group_blocks(chunk, parse_frog_output(output)), strict=True):
            result.append(tokens_from_rows(text, rows))
    return result


def frog_version() -> str:
    """The installed Frog's version line, recorded in the analysis file."""
    done = subprocess.run(["frog", "--version"], capture_output=True, text=True, check=False)
    for line in (done.stdout + done.stderr).splitlines():
        if line.startswith("frog "):
            return line.split("(c)")[0].strip()
    return "frog (unknown version)"


def write_analysis(path: Path, items: Iterable[SentenceAnalysis], version: str) -> None:
    """Write the analysis file: a version line, then one block per sentence."""
    lines = [f"# {version}; columns: word lemma pos ner chunk head rel"]
    for item in items:
        lines.append(f"{_HEADER}\t{item.key}\t{item.input_digest}")
        lines += [
            "\t".join((t.text, t.lemma, t.pos, t.ner, t.chunk, str(t.head + 1), t.rel))
            for t in item.tokens
        ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_analysis(path: Path) -> dict[str, SentenceAnalysis]:
    """The analysis file by sentence key; tokens are not yet aligned (offsets -1)."""
    found: dict[str, SentenceAnalysis] = {}
    if not path.exists():
        return found
    key, input_digest, tokens = "", "", list[Token]()

    def close() -> None:
        if key:
            found[key] = SentenceAnalysis(key, input_digest, tuple(tokens))

    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if fields[0] == _HEADER and len(fields) == 3:
            close()
            key, input_digest, tokens = fields[1], fields[2], []
        elif len(fields) == 7 and key:
            word, lemma, pos, ner, chunk, head, rel = fields
            tokens.append(Token(word, lemma, pos, ner, chunk, int(head) - 1, rel))
    close()
    return found


class Analyses:
    """Looks up Frog's tokens for a sentence, aligned to the text being built."""

    def __init__(self, items: dict[str, SentenceAnalysis]) -> None:
        self._items = items
        self.stale: list[str] = []

    @classmethod
    def load(cls, db_dir: Path) -> Analyses:
        return cls(read_analysis(db_dir / ANALYSIS_DIR / FROG_FILE))

    def tokens(self, source_text: str, display_text: str, quiet: bool = False) -> tuple[Token, ...]:
        """Tokens for the sentence whose source is *source_text*, spans in *display_text*.

        A sentence without an analysis, or whose display text changed since
        Frog read it, gets no tokens and is remembered in :attr:`stale`.
        """
        item = self._items.get(digest(source_text))
        if item is None or item.input_digest != digest(display_text):
            if not quiet:
                self.stale.append(source_text)
            return ()
        tokens = nouns_after_possessives(split_names(item.tokens))
        spans = align(display_text, [t.text for t in tokens])
        return tuple(
            Token(t.text, t.lemma, t.pos, t.ner, t.chunk, t.head, t.rel, s, e)
            for t, (s, e) in zip(tokens, spans, strict=True)
        )


#: Plural names of peoples, which Frog sometimes joins to the name after them.
PEOPLES = frozenset({
    "Russen", "Oekraïners", "Amerikanen", "Britten", "Duitsers", "Polen", "Wit-Russen",
})  # fmt: skip


def nouns_after_possessives(tokens: Sequence[Token]) -> tuple[Token, ...]:
    """A finite verb right after a possessive is a noun Frog misread ("hun greep op …":
    "greep" is no past tense of "grijpen" there); it becomes one."""
    out = list(tokens)
    for i in range(1, len(out)):
        before, t = out[i - 1], out[i]
        if before.tag == "VNW" and "bez" in before.features and t.is_finite_verb:
            out[i] = Token(t.text, t.text.lower(), "N(soort,ev,basis,zijd,stan)", t.ner,
                           t.chunk, t.head, t.rel, t.start, t.end)  # fmt: skip
    return tuple(out)


def split_names(tokens: Sequence[Token]) -> tuple[Token, ...]:
    """Undo Frog's joining of two names into one unit ("Rusland_Poetin": B-LOC_B-PER).

    A multi-word unit whose parts start two entities is two tokens; the rest
    of the sentence's head indices shift accordingly.
    """
    cuts: list[list[int]] = []
    for t in tokens:
        parts = t.ner.split("_")
        starts = [k for k, p in enumerate(parts) if k and p.startswith("B-")]
        if not starts and len(parts) > 1 and t.text.split("_")[0] in PEOPLES:
            starts = [1]  # "de Russen_Charkov": a people and the place it acts on
        cuts.append(starts if len(parts) == len(t.text.split("_")) else [])
    if not any(cuts):
        return tuple(tokens)
    new_index: list[int] = []
    count = 0
    for c in cuts:
        new_index.append(count)
        count += len(c) + 1
    out: list[Token] = []
    for t, c in zip(tokens, cuts, strict=True):
        head = new_index[t.head] if t.head >= 0 else -1
        if not c:
            out.append(Token(t.text, t.lemma, t.pos, t.ner, t.chunk, head, t.rel))
            continue
        bounds = [0, *c, len(t.text.split("_"))]
        fields = [f.split("_") for f in (t.text, t.lemma, t.pos, t.ner, t.chunk)]
        for a, b in itertools.pairwise(bounds):
            text, lemma, pos, ner, chunk = ("_".join(f[a:b]) if len(f) == len(fields[0])
                                            else f[0] for f in fields)  # fmt: skip
            ner = "B-" + ner[2:] if ner.startswith("I-") else ner
            out.append(Token(text, lemma, pos, ner, chunk, head, t.rel))
    return tuple(out)


def analyse(pairs: Sequence[tuple[str, str]], jobs: int | None = None) -> list[SentenceAnalysis]:
    """Run Frog over (source text, display text) pairs, one analysis per distinct source."""
    unique: dict[str, str] = {}
    for source_text, display_text in pairs:
        unique.setdefault(source_text, display_text)
    sources = sorted(unique, key=digest)
    tokens = run_frog([unique[s] for s in sources], jobs)
    return [
        SentenceAnalysis(digest(s), digest(unique[s]), toks)
        for s, toks in zip(sources, tokens, strict=True)
    ]
