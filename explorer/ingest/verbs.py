"""Present-tense verb forms for news-style headlines ("overhandigde" -> "overhandigt").

Dutch headlines are in the present tense. The plural present is the
infinitive ("vroegen" -> "vragen"); the singular is the stem plus "t", where
the stem follows spelling rules that a program cannot always get right
("nemen" -> "neemt" but "leveren" -> "levert"). So the candidates the rules
allow are checked against the Dutch word list once, by ``python -m
explorer.ingest.lexicon``, and the winners are kept in
``db/gazetteer/nl_verb_forms.txt``; a verb not in that file keeps its past tense.
"""

from __future__ import annotations

import re
from pathlib import Path

VERB_FORMS_FILE = "nl_verb_forms.txt"

#: Verbs whose present singular no spelling rule gives.
IRREGULAR = {
    "zijn": "is", "hebben": "heeft", "worden": "wordt", "kunnen": "kan", "zullen": "zal",
    "willen": "wil", "mogen": "mag", "komen": "komt", "gaan": "gaat", "staan": "staat",
    "slaan": "slaat", "doen": "doet", "zien": "ziet", "moeten": "moet", "weten": "weet",
}  # fmt: skip
_VOWEL = "aeiou"


def singular_candidates(lemma: str) -> list[str]:
    """Third-person singular forms the spelling rules allow for an infinitive."""
    if lemma in IRREGULAR:
        return [IRREGULAR[lemma]]
    if not re.fullmatch(r"[a-zë]+", lemma) or len(lemma) < 4:
        return []
    if not lemma.endswith("en"):
        return [lemma[:-1] + "t"] if lemma.endswith(("aan", "ien", "oen")) else []
    stem = lemma[:-2]
    doubled = len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWEL
    if doubled:
        stem = stem[:-1]  # "zeggen" -> "zeg", "spannen" -> "span" (never "spaan")
    stem = stem[:-1] + {"v": "f", "z": "s"}.get(stem[-1], stem[-1])
    stems = [stem]
    # "nemen" -> "neem": a single vowel before a single consonant is doubled …
    match = re.search(r"(?<![aeiou])([aeou])([^aeiou])$", stem)
    if match and len(stem) > 2 and not doubled:
        stems.insert(0, stem[: match.start(1)] + match.group(1) * 2 + match.group(2))
    # … but not in an unstressed syllable ("leveren" -> "levert"), so keep both.
    return [s if s.endswith("t") else s + "t" for s in stems]


class VerbForms(dict[str, str]):
    """Infinitive -> present singular; :attr:`past`: past-tense forms -> infinitive.

    The past forms are those Frog tagged as finite past verbs anywhere in the
    article, so that a form it tagged as a noun in one sentence ("namen" in
    "Op 24 februari namen Russische troepen …") is still known as a verb.
    """

    def __init__(self, forms: dict[str, str], past: dict[str, str] | None = None) -> None:
        super().__init__(forms)
        self.past: dict[str, str] = past or {}


def read_verb_forms(path: Path) -> VerbForms:
    """Infinitive -> present singular, from the committed list; past forms from the
    committed Frog analysis beside it (``../analysis/frog.tsv``)."""
    forms: dict[str, str] = dict(IRREGULAR)
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#") and "\t" in line:
                lemma, form = line.split("\t", 1)
                forms[lemma] = form
    return VerbForms(forms, past_forms(path.parent.parent / "analysis" / "frog.tsv"))


def past_forms(path: Path) -> dict[str, str]:
    """Past-tense finite verb forms in Frog's analysis file -> their infinitive."""
    past: dict[str, str] = {}
    if not path.exists():
        return past
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) == 7 and fields[2].startswith("WW(pv,verl") and "_" not in fields[0]:
            past.setdefault(fields[0].lower(), fields[1].lower())
    return past


def present(lemma: str, plural: bool, forms: dict[str, str]) -> str | None:
    """The present tense of *lemma* for a singular or plural subject, if known."""
    lemma = lemma.lower()
    if plural:
        return lemma if lemma in forms else None
    return forms.get(lemma)


def past_lemma(word: str, forms: dict[str, str]) -> str | None:
    """The infinitive of a past-tense form: one Frog saw as a verb elsewhere, or a weak
    verb's ("schorsten" -> "schorsen", "bombardeerden" -> "bombarderen")."""
    low = word.lower()
    past: dict[str, str] = getattr(forms, "past", {})
    if low in past:
        return past[low]
    for ending in ("ten", "den", "te", "de"):
        stem = low.removesuffix(ending)
        if stem == low or len(stem) < 3:
            continue
        for lemma in (stem + "en", stem[:-1] + "en" if stem[-1:] in "fs" else "", _undouble(stem)):
            if lemma and lemma in forms:
                return lemma
    return None


def _undouble(stem: str) -> str:
    """ "bombardeer" -> "bombarderen": a long vowel written double in a closed syllable."""
    if len(stem) >= 3 and stem[-2] == stem[-3] and stem[-2] in _VOWEL:
        return stem[:-2] + stem[-1] + "en"
    return ""
