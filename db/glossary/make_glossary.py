"""Generate ``freedict-nld-eng.tsv``: the FreeDict Dutch–English dictionary, reduced to the article.

Kroniek glosses the article's Dutch words in English for readers of the
English interface. The source is the FreeDict Dutch–English dictionary
(edition 0.2, GPL-2.0-or-later) as Debian ships it in ``dict-freedict-nld-eng``
(dictd format: an ``.index`` of base64 offsets into a gzipped ``.dict.dz``).

This script reads that dictionary once and keeps only the headwords the
article's words resolve to (:class:`explorer.ingest.glossary.GlossResolver`,
the same rules the build uses, over Frog's committed lemmas), so building the
database needs neither the Debian package nor Frog. For each kept headword it
writes one line, ``headword<TAB>gloss``: the dictionary's senses in order,
separated by "; ", translations within a sense by ", ". Two repairs, both
recorded here so the output can be re-derived:

* headwords are normalised (the ligature "ĳ" written "ij", U+2010 hyphens as
  "-", lower case, a leading "..." dropped); entries that then share a
  headword are merged;
* FreeDict's conversion lost the spaces inside many multi-word translations
  ("goonfoot", "tothe", "stirup"); a translation that is not an English word
  (Debian's ``wbritish`` and ``wamerican`` lists) but splits into English words the dictionary
  uses gets its spaces back ("go on foot", "to the", "stir up"): the fewest
  pieces, then the fewest the dictionary never uses elsewhere ("hand over",
  not "han dover").

Usage (see README.md)::

    apt-get install dict-freedict-nld-eng wbritish wamerican
    python db/glossary/make_glossary.py /usr/share/dictd/freedict-nld-eng \\
        -o db/glossary/freedict-nld-eng.tsv
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path

from explorer.ingest.analysis import ANALYSIS_DIR, FROG_FILE, read_analysis
from explorer.ingest.article import SOURCE_FILE, parse_article
from explorer.ingest.entities import Gazetteer
from explorer.ingest.glossary import (
    GLOSSARY_DIR,
    SUPPLEMENT_FILE,
    WORD,
    Dictionary,
    GlossResolver,
    lemma_table,
    normalise,
    written_as_names,
)
from explorer.ingest.truecase import TrueCaser

DB_DIR = Path(__file__).resolve().parent.parent
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
FUNCTION_WORDS = frozenset(
    """a an the to on up in of at by for with out off down over away back into from and or
    as it one one's oneself someone something upon about""".split()  # noqa: SIM905
)
ATTRIBUTION = {
    "source": "FreeDict Dutch-English dictionary, edition 0.2 (https://freedict.org/)",
    "package": "Debian dict-freedict-nld-eng {version}",
    "copyright": "(C) 1999-2017 the FreeDict contributors (generated from Ergane, "
    "http://www.travlang.com/)",
    "licence": "GPL-2.0-or-later (https://www.gnu.org/licenses/old-licenses/gpl-2.0.html)",
    "changes": "reduced by Kroniek to the headwords the article's words need; headwords "
    "normalised; spaces restored in glued translations (db/glossary/make_glossary.py)",
}


def _number(code: str) -> int:
    n = 0
    for ch in code:
        n = n * 64 + _B64.index(ch)
    return n


def read_dictd(base: Path) -> dict[str, list[list[str]]]:
    """Headword → senses (each a list of translations) from a dictd index and data file."""
    with gzip.open(base.with_suffix(".dict.dz")) as handle:
        data = handle.read()
    entries: dict[str, list[list[str]]] = {}
    seen: set[tuple[int, int]] = set()
    for line in base.with_suffix(".index").read_text(encoding="utf-8").splitlines():
        word, offset, length = line.split("\t")
        if word.startswith("00database") or (key := (_number(offset), _number(length))) in seen:
            continue
        seen.add(key)
        body = data[key[0] : key[0] + key[1]].decode("utf-8").strip().splitlines()
        if not body:
            continue
        # "... geleden" (…ago) is the entry for "geleden".
        headword = normalise(body[0].split(" /", 1)[0].strip().lstrip(". "))
        senses = [
            [t.strip() for t in re.sub(r"^\d+\.\s*", "", s).split(",") if t.strip()]
            for s in body[1:]
            if s.strip()
        ]
        if headword and senses:
            entries.setdefault(headword, []).extend(senses)
    return entries


def read_english(paths: list[Path]) -> frozenset[str]:
    """Plain English word lists (Debian ``wbritish``, ``wamerican``), lower case, no possessives."""
    return frozenset(
        w.lower()
        for p in paths
        for w in p.read_text(encoding="utf-8").split()
        if not w.endswith("'s")
    )


def respace(
    entries: dict[str, list[list[str]]], english: frozenset[str]
) -> dict[str, list[list[str]]]:
    """Put the spaces back into glued multi-word translations (see the module docstring)."""
    vocab: set[str] = set(FUNCTION_WORDS)
    for senses in entries.values():
        for sense in senses:
            for translation in sense:
                vocab.update(w.lower() for w in translation.split())
    # A piece is a word the dictionary uses, or a longer English word ("commit").
    known = {w for w in english if (w in vocab and len(w) > 1) or len(w) >= 5} | FUNCTION_WORDS

    def split(word: str) -> list[str] | None:
        low = word.lower()
        if len(low) < 4 or not low.isalpha() or low in english:
            return None
        # Fewest pieces, then fewest pieces the dictionary itself never uses.
        best: list[tuple[int, int, list[str]] | None] = [(0, 0, [])] + [None] * len(low)
        for end in range(1, len(low) + 1):
            for start in range(end):
                prev, piece = best[start], low[start:end]
                if prev is not None and piece in known:
                    option = (prev[0] + 1, prev[1] + (piece not in vocab), [*prev[2], piece])
                    current = best[end]
                    if current is None or option[:2] < current[:2]:
                        best[end] = option
        found = best[-1]
        pieces = found[2] if found else None
        if pieces is None or len(pieces) < 2:
            return None
        at, cased = 0, []
        for piece in pieces:  # the original capitals: "HongKong" -> "Hong Kong"
            cased.append(word[at : at + len(piece)])
            at += len(piece)
        return cased

    return {
        headword: [[t if " " in t else " ".join(split(t) or [t]) for t in s] for s in senses]
        for headword, senses in entries.items()
    }


def vocabulary(db_dir: Path) -> tuple[list[str], dict[str, str], frozenset[str]]:
    """The article's words (display text), Frog's lemmas, and the forms written as names."""
    article = parse_article((db_dir / SOURCE_FILE).read_text(encoding="utf-8"))
    gazetteer = Gazetteer.load(db_dir / "gazetteer")
    casing = TrueCaser.load(db_dir / "gazetteer", gazetteer)
    from explorer.ingest.reading import article_pieces

    texts = [p.text for p in article_pieces(article, [], casing, gazetteer)]
    lemmas = lemma_table(read_analysis(db_dir / ANALYSIS_DIR / FROG_FILE).values())
    return texts, lemmas, written_as_names(texts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dictd", type=Path, help="dictd base path, without .index/.dict.dz")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--package-version", default="2022.04.21-1")
    parser.add_argument("--db-dir", type=Path, default=DB_DIR)
    parser.add_argument(
        "--english",
        type=Path,
        nargs="+",
        default=[Path("/usr/share/dict/british-english"), Path("/usr/share/dict/american-english")],
        help="English word lists (Debian wbritish, wamerican): glued translations are not words",
    )
    args = parser.parse_args(argv)
    entries = respace(read_dictd(args.dictd), read_english(args.english))
    texts, lemmas, names = vocabulary(args.db_dir)
    # The build also knows the supplement's headwords; resolve as it will.
    supplement = Dictionary.read(args.db_dir / GLOSSARY_DIR / SUPPLEMENT_FILE, "kroniek")
    resolver = GlossResolver(lemmas, entries.keys() | supplement.entries.keys(), names)
    used: set[str] = set()
    for form in {normalise(m.group()) for t in texts for m in WORD.finditer(t)}:
        used.update(h for h in resolver.resolve(form) if h in entries)
    lines = [f"# {k}: {v.format(version=args.package_version)}" for k, v in ATTRIBUTION.items()]
    for headword in sorted(used):
        lines.append(f"{headword}\t" + "; ".join(", ".join(s) for s in entries[headword]))
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(used)} of {len(entries)} headwords written: {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
