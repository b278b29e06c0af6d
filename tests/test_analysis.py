"""Frog's committed analysis and the word lists: current for every sentence, no Frog needed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explorer import paths
from explorer.ingest.analysis import (
    ANALYSIS_DIR,
    FROG_FILE,
    Analyses,
    Token,
    align,
    digest,
    nouns_after_possessives,
    read_analysis,
    run_frog,
    split_names,
)
from explorer.ingest.lexicon import UNKNOWN_FILE, WORDLIST, Lexicon, read_unknown, unknown_words
from explorer.ingest.reanalyse import SOURCE_FILE, display_pairs

DB_DIR = paths.db_dir()


@pytest.fixture(scope="module")
def pairs() -> list[tuple[str, str]]:
    return display_pairs(DB_DIR)


def test_every_sentence_has_a_current_analysis(pairs: list[tuple[str, str]]) -> None:
    analyses = Analyses.load(DB_DIR)
    for source, shown in pairs:
        tokens = analyses.tokens(source, shown)
        assert all(t.start >= 0 for t in tokens), shown
    assert not analyses.stale, (
        f"{len(analyses.stale)} sentences changed since Frog read them: "
        "run `python -m explorer.ingest.reanalyse`"
    )


def test_tokens_are_found_in_the_sentence_whatever_their_case() -> None:
    spans = align("De Verenigde Staten leverden", ["de", "Verenigde_Staten", "leverden"])
    assert spans == [(0, 2), (3, 19), (20, 28)]


def test_two_names_frog_joined_are_two_tokens_again() -> None:
    joined = Token("Rusland_Poetin", "Rusland_Poetin", "SPEC(deeleigen)_SPEC(deeleigen)",
                   "B-LOC_B-PER", "I-NP_I-NP", -1, "obj1")  # fmt: skip
    parts = split_names([joined])
    assert [t.text for t in parts] == ["Rusland", "Poetin"]
    assert [t.ner for t in parts] == ["B-LOC", "B-PER"]


def test_a_participle_used_as_a_noun_is_a_noun_with_a_number() -> None:
    survivors = Token("overlevenden", "overleven", "WW(od,nom,met-e,mv-n)", "O", "B-NP", 3, "su")
    prisoner = Token("gevangene", "vangen", "WW(vd,nom,met-e,zonder-n)", "O", "B-NP", 3, "su")
    taken = Token("gevangen", "vangen", "WW(vd,vrij,zonder)", "O", "B-VP", 3, "vc")
    delivering = Token("leveren", "leveren", "WW(inf,nom,zonder,zonder-n)", "O", "B-NP", 3, "su")
    assert (survivors.tag, prisoner.tag) == ("N", "N")
    assert "mv" in survivors.features and "ev" in prisoner.features
    assert (taken.tag, delivering.tag) == ("WW", "WW")  # a participle, an infinitive


def test_a_verb_after_a_possessive_is_read_as_a_noun() -> None:
    their = Token("hun", "hun", "VNW(bez,det,stan,vol,3p,mv,prenom,zonder,agr)", "O", "B-NP",
                  2, "det")  # fmt: skip
    grip = Token("greep", "grijpen", "WW(pv,verl,ev)", "O", "B-VP", 5, "obj1")
    mended = nouns_after_possessives([their, grip])
    assert mended[1].tag == "N" and not mended[1].is_finite_verb
    assert nouns_after_possessives([grip, grip])[1].is_finite_verb  # no possessive: as read


def test_the_unknown_word_list_names_no_ordinary_word() -> None:
    unknown = read_unknown(DB_DIR / "gazetteer" / UNKNOWN_FILE)
    assert {"botasjev", "viacorka"} <= unknown
    assert not {"kraamkliniek", "oorlog", "oorlogsmisdaden"} & unknown


def test_compounds_of_known_words_are_words() -> None:
    lexicon = Lexicon({"kraam", "kliniek", "oorlog", "misdaad"})
    assert lexicon.known("kraamkliniek") and lexicon.known("oorlogsmisdaad")
    assert not lexicon.known("botasjev")


@pytest.mark.slow
@pytest.mark.skipif(not WORDLIST.exists(), reason="needs the Dutch word list (apt: wdutch)")
def test_the_committed_unknown_words_are_what_the_word_list_gives() -> None:
    text = (DB_DIR / SOURCE_FILE).read_text(encoding="utf-8")
    fresh = unknown_words(text, Lexicon.load())
    assert frozenset(fresh) == read_unknown(DB_DIR / "gazetteer" / UNKNOWN_FILE), (
        "run `python -m explorer.ingest.lexicon`"
    )


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("frog") is None, reason="needs Frog (apt: frog frogdata)")
def test_frog_still_analyses_the_sentences_as_committed(pairs: list[tuple[str, str]]) -> None:
    committed = read_analysis(DB_DIR / ANALYSIS_DIR / FROG_FILE)
    sample = pairs[:: max(1, len(pairs) // 40)]
    fresh = run_frog([shown for _source, shown in sample])
    for (source, _shown), tokens in zip(sample, fresh, strict=True):
        saved = committed[digest(source)].tokens
        assert [(t.text, t.lemma, t.pos, t.head, t.rel) for t in tokens] == [
            (t.text, t.lemma, t.pos, t.head, t.rel) for t in saved
        ], "Frog's output changed: run `python -m explorer.ingest.reanalyse --all`"


def test_the_analysis_file_is_where_the_build_looks() -> None:
    assert Path(DB_DIR / ANALYSIS_DIR / FROG_FILE).is_file()
