"""Restore capitals in the all-lower-case source article.

The vendored article text is lower case. Readers should see "De Oekraïense
president Volodymyr Zelensky" instead. ``TrueCaser.apply`` changes only the
case of letters, never their number, so character offsets into the sentence
stay valid for highlighting and for the source citation.

Capitals come from three places, in this order of trust:

1. places and actors found by the gazetteer, cased as their alias is written
   ("verenigde staten" -> "Verenigde Staten", "von der leyen" -> "von der Leyen");
2. ``nl_cased_words.txt``, Dutch proper nouns, proper adjectives and acronyms
   from the OpenTaal dictionary whose lower-case form is not an ordinary word
   ("russische" -> "Russische", "navo" -> "NAVO", but "mei" and "zee" stay);
3. Dutch sentence rules: a capital at the start of a sentence, after ". ",
   and after a quote that opens a quoted sentence. Sentence-initial "ij" becomes
   "IJ" (two letters, so the length still holds).
"""

from __future__ import annotations

import re
from pathlib import Path

from explorer.ingest.entities import Gazetteer, Mention, fold

CASED_WORDS_FILE = "nl_cased_words.txt"

# Dutch writes months and weekdays in lower case; never take them from a list.
# Nor abbreviations that the dictionary also knows as acronyms ("ca." is not "CA").
# fmt: off
_LOWER_ALWAYS = frozenset({
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december",
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    "ca", "nr", "bijv", "enz", "etc", "zgn",
})
# Compass prefixes capitalised in geographic compounds: "Oost-Oekraïne", "Zuid-Russische".
_COMPASS = frozenset({
    "noord", "zuid", "oost", "west", "noordoost", "noordwest", "zuidoost", "zuidwest",
    "midden", "centraal",
})
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = frozenset({
    "ca", "o.a", "d.w.z", "m.a.w", "bijv", "e.a", "enz", "etc", "nr", "n.a.v", "mr", "dr",
    "prof", "vgl", "resp", "ong", "zgn",
})
# Name particles that stay lower case inside a name: "Ursula von der Leyen".
_PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "da", "di", "du", "le", "la", "bin", "ibn", "het",
    "ter", "ten",
})
# fmt: on
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# "oost-Oekraïne" (a name found inside the compound) -> "Oost-Oekraïne".
_COMPASS_PREFIX = re.compile(
    r"(?<![\w-])(?:" + "|".join(sorted(_COMPASS, key=len, reverse=True)) + r")(?=-[A-ZÀ-Þ])"
)
_OPEN_QUOTES = "'\"‘“«("


def _copy_case(target: str, model: str) -> str:
    """``target`` with the capitals of ``model`` (same letters, maybe other accents)."""
    out = []
    for char, ref in zip(target, model, strict=False):
        up = char.upper()
        out.append(up if ref.isupper() and len(up) == 1 else char)
    out.extend(target[len(model) :])
    return "".join(out)


def _upper_first(match: re.Match[str]) -> str:
    return match.group().capitalize()


def _capitalise(text: str, pos: int) -> str:
    """Upper-case the letter at ``pos``; "ij" becomes "IJ" as in "IJsland"."""
    if text[pos : pos + 2] == "ij":
        return text[:pos] + "IJ" + text[pos + 2 :]
    up = text[pos].upper()
    return text[:pos] + up + text[pos + 1 :] if len(up) == 1 else text


class TrueCaser:
    """Restores Dutch capitals in lower-case sentences without moving offsets."""

    def __init__(self, cased_words: dict[str, str], alias_forms: dict[str, str]) -> None:
        self._cased = cased_words
        self._aliases = alias_forms

    @classmethod
    def load(cls, gazetteer_dir: Path, gazetteer: Gazetteer) -> TrueCaser:
        """Read the cased word list and take written name forms from the gazetteer."""
        cased: dict[str, str] = {}
        path = gazetteer_dir / CASED_WORDS_FILE
        for line in path.read_text(encoding="utf-8").splitlines():
            word = line.strip()
            if word and not word.startswith("#") and word.lower() not in _LOWER_ALWAYS:
                cased.setdefault(word.lower(), word)
        forms: dict[str, str] = {}
        # The article's own spellings decide, then curated Dutch, then the rest.
        rank = {"article": 0, "curated": 1, "iso3166": 2, "geonames": 3}
        ranked = sorted(
            gazetteer.aliases,
            key=lambda a: (rank.get(a.source, 4), a.lang != "nl", a.alias[:1].isupper(), a.alias),
        )
        for alias in ranked:
            forms.setdefault(fold(alias.alias), alias.alias)
        return cls(cased, forms)

    def apply(self, text: str, mentions: list[Mention]) -> str:
        """``text`` with capitals restored; same length and letters, other case."""
        chars = list(text)
        covered = [False] * len(text)
        for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
            if any(covered[mention.start : mention.end]):
                continue
            span = text[mention.start : mention.end]
            chars[mention.start : mention.end] = list(self._case_name(span))
            for i in range(mention.start, mention.end):
                covered[i] = True
        for match in _WORD.finditer(text):
            if any(covered[match.start() : match.end()]):
                continue
            cased = self._case_word(match.group())
            chars[match.start() : match.end()] = list(cased)
        result = self._sentence_starts(_COMPASS_PREFIX.sub(_upper_first, "".join(chars)))
        if len(result) != len(text) or result.lower() != text.lower():
            return text  # never trade offsets for capitals
        return result

    def _case_name(self, span: str) -> str:
        key = fold(span)
        form = self._aliases.get(key)
        if form is None:
            # Inflected: "poetins", "kievse"; case the stem and leave the ending.
            for ending in ("se", "s"):
                stem = self._aliases.get(key.removesuffix(ending)) if key.endswith(ending) else None
                if stem is not None:
                    form = stem
                    break
        if form is not None and len(form) <= len(span):
            return _copy_case(span, form)
        words = []
        for match in re.finditer(r"\S+", span):
            word = match.group()
            words.append((match.start(), word if word in _PARTICLES else word[:1].upper()))
        out = list(span)
        for start, head in words:
            out[start] = head[:1] if len(head[:1]) == 1 else out[start]
        return "".join(out)

    def _case_word(self, word: str) -> str:
        whole = self._cased.get(word)
        if whole is not None and len(whole) == len(word):
            return whole
        if "-" not in word:
            return word
        parts = word.split("-")
        cased = [self._cased.get(p, p) for p in parts]
        cased = [c if len(c) == len(p) else p for c, p in zip(cased, parts, strict=True)]
        # "oost-oekraïne" -> "Oost-Oekraïne", but "pro-russische" -> "pro-Russische".
        if parts[0] in _COMPASS and cased[1] != parts[1]:
            cased[0] = parts[0].capitalize()
        return "-".join(cased)

    def _sentence_starts(self, text: str) -> str:
        starts = [0]
        for match in re.finditer(r"[.!?]\s+", text):
            before = re.search(r"([\w.]+)$", text[: match.start()])
            word = before.group(1).lower() if before else ""
            if len(word) == 1 or word in _ABBREVIATIONS:
                continue
            starts.append(match.end())
        # A quote that opens a quoted sentence: "zei poetin: 'russofobie is ...'".
        starts += [m.end() for m in re.finditer(r":\s+(?=['\"‘“«])", text)]
        for start in starts:
            pos = start
            while pos < len(text) and (text[pos] in _OPEN_QUOTES or text[pos].isspace()):
                pos += 1
            if pos < len(text) and text[pos].isalpha():
                text = _capitalise(text, pos)
        return text
