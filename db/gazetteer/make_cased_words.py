"""Generate ``nl_cased_words.txt``: Dutch words that are written with a capital.

The Kroniek source article is entirely lower case. To restore capitals we need to
know which Dutch words are proper nouns or proper adjectives ("Europa",
"Russische", "Amerikaanse") or acronyms ("NAVO", "VN"). The Dutch Hunspell
dictionary from OpenTaal marks them by spelling them with capitals.

This script reads that dictionary once and writes a small vendored list, so that
building the database never needs Hunspell installed. For every dictionary entry
it expands the one-level suffix rules (inflections such as "Russisch" ->
"Russische"), then keeps a cased form only when

* it starts with a capital letter or is an all-caps acronym, and
* its lower-case spelling is *not* also an ordinary lower-case Dutch word
  (so "Mei"/"mei", "Zee"/"zee", "Staat"/"staat" and "Bij"/"bij" are dropped:
  in running text they are almost always the common word), and
* if hyphenated, not every part is an ordinary word ("Generaal-majoor" goes,
  "Wit-Rusland" stays).

When several cased spellings share a lower-case form, the one with the fewest
capitals wins (then alphabetical order), so the output has one line per
lower-case form and is fully deterministic (sorted by lower-case form).

Usage (see README.md)::

    apt-get install hunspell-nl
    python db/gazetteer/make_cased_words.py \\
        /usr/share/hunspell/nl.dic /usr/share/hunspell/nl.aff \\
        -o db/gazetteer/nl_cased_words.txt
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

# Hunspell stores "ij" as the ligature; the dictionary's OCONV undoes it.
_OCONV = {"ĳ": "ij", "Ĳ": "IJ", "’": "'"}
# Forms we keep: letters, with inner hyphens or apostrophes ("Wit-Rusland", "Europa's").
_WORD = re.compile(r"^[^\W\d_]+(?:['-][^\W\d_]+)*$")


@dataclass(frozen=True)
class SuffixRule:
    """One ``SFX`` line: strip ``strip`` and append ``add`` when ``cond`` matches."""

    strip: str
    add: str
    cond: re.Pattern[str]


def _oconv(word: str) -> str:
    for old, new in _OCONV.items():
        word = word.replace(old, new)
    return word


def _split_flags(flags: str) -> list[str]:
    """Split a ``FLAG long`` flag string into two-character flags."""
    return [flags[i : i + 2] for i in range(0, len(flags) - 1, 2)]


def read_affixes(aff_path: Path) -> tuple[dict[str, list[SuffixRule]], set[str]]:
    """Return suffix rules by flag and the flags that make a bare stem invalid."""
    rules: dict[str, list[SuffixRule]] = {}
    bad_flags: set[str] = set()
    for line in aff_path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] in {"FORBIDDENWORD", "ONLYINCOMPOUND", "NEEDAFFIX"}:
            bad_flags.add(parts[1])
        if len(parts) < 5 or parts[0] != "SFX":
            continue
        flag, strip, add, cond = parts[1], parts[2], parts[3], parts[4]
        add = add.split("/", 1)[0]
        strip = "" if strip == "0" else strip
        add = "" if add == "0" else add
        if not add or "-" in add:
            continue  # compounding helpers ("Word-"), not inflections
        pattern = re.compile("" if cond == "." else f"(?:{cond})$")
        rules.setdefault(flag, []).append(SuffixRule(strip, add, pattern))
    return rules, bad_flags


def expand(word: str, flags: list[str], rules: dict[str, list[SuffixRule]]) -> set[str]:
    """The word itself plus its one-level suffix inflections."""
    forms = {word}
    for flag in flags:
        for rule in rules.get(flag, []):
            if rule.strip and not word.endswith(rule.strip):
                continue
            if rule.cond.pattern and not rule.cond.search(word):
                continue
            stem = word[: len(word) - len(rule.strip)] if rule.strip else word
            forms.add(stem + rule.add)
    return forms


def read_dictionary(dic_path: Path) -> list[tuple[str, list[str]]]:
    """Entries of a ``.dic`` file as (word, flags)."""
    entries: list[tuple[str, list[str]]] = []
    lines = dic_path.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        field = line.split("\t", 1)[0].split(" ", 1)[0].strip()
        if not field:
            continue
        word, _, flags = field.replace("\\/", "\x00").partition("/")
        entries.append((_oconv(word.replace("\x00", "/")), _split_flags(flags)))
    return entries


def is_cased(form: str) -> bool:
    """True for "Europa", "IJsland", "NAVO"; false for "eBay"-like or lower-case words."""
    return form[:1].isupper()


def cased_words(dic_path: Path, aff_path: Path) -> list[str]:
    """The sorted list of unambiguous cased word forms (one per lower-case form)."""
    rules, bad_flags = read_affixes(aff_path)
    lower_words: set[str] = set()
    cased: dict[str, list[str]] = {}
    for word, flags in read_dictionary(dic_path):
        forms = expand(word, flags, rules)
        if bad_flags.intersection(flags):
            forms.discard(word)
        for form in forms:
            if not _WORD.match(form) or len(form.lower()) != len(form):
                continue
            if form.islower():
                lower_words.add(form)
            elif is_cased(form):
                cased.setdefault(form.lower(), []).append(form)
    result = []
    for low in sorted(cased):
        if low in lower_words:
            continue
        if "-" in low and all(part in lower_words for part in low.split("-")):
            continue  # "Generaal-majoor": a rank written with a capital in lists only
        variants = sorted(set(cased[low]), key=lambda f: (sum(c.isupper() for c in f), f))
        result.append(variants[0])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("dic", type=Path, help="path to nl.dic (hunspell-nl)")
    parser.add_argument("aff", type=Path, help="path to nl.aff (hunspell-nl)")
    parser.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")
    args = parser.parse_args(argv)
    words = cased_words(args.dic, args.aff)
    header = (
        "# Dutch cased words (proper nouns, proper adjectives, acronyms) whose lower-case\n"
        "# form is not an ordinary Dutch word. Generated by make_cased_words.py from the\n"
        "# OpenTaal Hunspell dictionary (hunspell-nl), Revised BSD / CC BY 3.0. See README.md.\n"
    )
    text = header + "".join(f"{w}\n" for w in words)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
