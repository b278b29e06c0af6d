"""Restore capitals in the all-lower-case source article.

The vendored article text is lower case. Readers should see "De Oekraïense
president Volodymyr Zelensky" instead. ``TrueCaser.apply`` changes only the
case of letters, never their number, so character offsets into the sentence
stay valid for highlighting and for the source citation.

Capitals come from three places, in this order of trust:

1. places and actors found by the gazetteer, cased as their alias is written
   ("verenigde staten" -> "Verenigde Staten", "von der leyen" -> "von der Leyen");
2. ``cased_terms.txt``, curated from the whole article: how it should write
   names the dictionaries cannot know ("Delta Air Lines", "HIMARS",
   "Huis van Afgevaardigden") and words that stay lower case although no
   dictionary knows them ("oblast", "rajon");
3. ``nl_cased_words.txt``, Dutch proper nouns, proper adjectives and acronyms
   from the OpenTaal dictionary whose lower-case form is not an ordinary word
   ("russische" -> "Russische", "navo" -> "NAVO", but "mei" and "zee" stay);
4. ``nl_unknown_words.txt``: a word the Dutch word list does not know, not
   even as a compound, is a name ("generaal-majoor kanamat botasjev" ->
   "Kanamat Botasjev"); one without a vowel is an acronym ("cnbc" -> "CNBC");
   the English article before a name belongs to it ("The Telegraph");
5. Dutch sentence rules: a capital at the start of a sentence, after ". ",
   and after a quote that opens a quoted sentence. Sentence-initial "ij" becomes
   "IJ" (two letters, so the length still holds).
"""

from __future__ import annotations

import re
from pathlib import Path

from explorer.ingest.entities import Gazetteer, Mention, fold
from explorer.ingest.lexicon import UNKNOWN_FILE, read_unknown

CASED_WORDS_FILE = "nl_cased_words.txt"
CASED_TERMS_FILE = "cased_terms.txt"

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
_WORD = re.compile(r"(?<!\d)[^\W\d_]+(?:-[^\W\d_]+)*")  # not the "ste" of "49ste"
# "oost-Oekraïne" (a name found inside the compound) -> "Oost-Oekraïne".
_COMPASS_PREFIX = re.compile(
    r"(?<![\w-])(?:" + "|".join(sorted(_COMPASS, key=len, reverse=True)) + r")(?=-[A-ZÀ-Þ])"
)
_OPEN_QUOTES = "'\"‘“«("
_VOWELS = frozenset("aeiouyàáâäèéêëìíîïòóôöùúûü")
#: A type designation: a short letter code, a hyphen, a number ("tos-1", "f-16", "t-14").
_DESIGNATION = re.compile(r"(?<![\w-])([a-z]{1,3})-\d")
#: Design bureaus written with one capital ("Mi-8", "An-225", "Tu-95", "Ka-52").
_BUREAUS = frozenset({"mi", "an", "tu", "ka", "il", "su", "yak"})
# The English article inside a Dutch sentence only ever opens a name: "the Telegraph".
_THE = re.compile(r"(?<![\w-])(?<!for )(?<!of )(?<!and )the(?= [A-ZÀ-Þ])")
# A military rank, then a word, then a name: the word is a first name ("generaal-majoor
# roman Kutuzov"), even when it is also a Dutch word.
_RANK_FIRST_NAME = re.compile(
    r"(?i:(?:generaal|majoor|kolonel|admiraal|luitenant|kapitein))\s+([a-zß-ÿ]{4,})(?=\s+[A-ZÀ-Þ])"
)
_TERM_TOKEN = re.compile(r"[^\W_]+")
_TERM_GAP = re.compile(r"[\s-]{1,2}")

_Terms = dict[str, list[tuple[tuple[str, ...], str]]]


def kept_lower(gazetteer_dir: Path) -> frozenset[str]:
    """Words ``cased_terms.txt`` keeps in lower case although no dictionary knows them."""
    path = gazetteer_dir / CASED_TERMS_FILE
    if not path.exists():
        return frozenset()
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in lines if w and not w.startswith("#") and w == w.lower())


def _read_terms(path: Path) -> _Terms:
    """First folded word -> (folded words, written form), longest first."""
    terms: _Terms = {}
    if not path.exists():
        return terms
    for line in path.read_text(encoding="utf-8").splitlines():
        form = line.strip()
        if not form or form.startswith("#"):
            continue
        words = tuple(_TERM_TOKEN.findall(fold(form)))
        if words:
            terms.setdefault(words[0], []).append((words, form))
    for options in terms.values():
        options.sort(key=lambda o: (-len(o[0]), o[0]))
    return terms


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


def _first_name(match: re.Match[str]) -> str:
    start = match.start(1) - match.start()
    return match.group()[:start] + match.group(1).capitalize()


def _capitalise(text: str, pos: int) -> str:
    """Upper-case the letter at ``pos``; "ij" becomes "IJ" as in "IJsland"."""
    if text[pos : pos + 2] == "ij":
        return text[:pos] + "IJ" + text[pos + 2 :]
    up = text[pos].upper()
    return text[:pos] + up + text[pos + 1 :] if len(up) == 1 else text


class TrueCaser:
    """Restores Dutch capitals in lower-case sentences without moving offsets."""

    def __init__(
        self,
        cased_words: dict[str, str],
        alias_forms: dict[str, str],
        terms: _Terms | None = None,
        unknown: frozenset[str] = frozenset(),
    ) -> None:
        self._cased = cased_words
        self._aliases = alias_forms
        self._terms = terms or {}
        self._unknown = unknown

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
        terms = _read_terms(gazetteer_dir / CASED_TERMS_FILE)
        return cls(cased, forms, terms, read_unknown(gazetteer_dir / UNKNOWN_FILE))

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
        for start, end, form in self._find_terms(text):
            if not any(covered[start:end]):
                chars[start:end] = list(_copy_case(text[start:end], form))
                covered[start:end] = [True] * (end - start)
        for match in _WORD.finditer(text):
            if any(covered[match.start() : match.end()]):
                continue
            cased = self._case_word(match.group())
            chars[match.start() : match.end()] = list(cased)
        for match in _DESIGNATION.finditer(text):  # "tos-1" -> "TOS-1", "mi-8" -> "Mi-8"
            start, end = match.span(1)
            if not any(covered[start:end]) and "".join(chars[start:end]).islower():
                letters = text[start:end]
                head = letters.capitalize() if letters in _BUREAUS else letters.upper()
                chars[start:end] = list(head)
        joined = _THE.sub("The", _COMPASS_PREFIX.sub(_upper_first, "".join(chars)))
        joined = _RANK_FIRST_NAME.sub(_first_name, joined)
        result = self._sentence_starts(joined)
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

    def _find_terms(self, text: str) -> list[tuple[int, int, str]]:
        """Spans of curated terms in *text*, longest first, not overlapping."""
        folded = fold(text)
        tokens = [(m.group(), m.start(), m.end()) for m in _TERM_TOKEN.finditer(folded)]
        found: list[tuple[int, int, str]] = []
        i = 0
        while i < len(tokens):
            size = 0
            for words, form in self._terms.get(tokens[i][0], ()):
                n = len(words)
                if i + n <= len(tokens) and all(
                    tokens[i + k][0] == words[k]
                    and _TERM_GAP.fullmatch(folded[tokens[i + k - 1][2] : tokens[i + k][1]])
                    for k in range(1, n)
                ):
                    start, end = tokens[i][1], tokens[i + n - 1][2]
                    if len(form) == end - start:
                        found.append((start, end, form))
                        size = n
                        break
            i += size or 1
        return found

    def _case_part(self, part: str) -> str:
        """One word without hyphens: from the cased list, else a name if unknown."""
        whole = self._cased.get(part)
        if whole is not None and len(whole) == len(part):
            return whole
        if part in self._unknown and part.isalpha() and part.islower():
            if len(part) <= 5 and not _VOWELS.intersection(part):
                return part.upper()  # "cnbc", "mlrs": no Dutch or Slavic name lacks a vowel
            return part[:1].upper() + part[1:]
        return part

    def _case_word(self, word: str) -> str:
        whole = self._cased.get(word)
        if whole is not None and len(whole) == len(word):
            return whole
        if "-" not in word:
            return self._case_part(word)

        parts = word.split("-")
        cased = [self._case_part(p) for p in parts]
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
