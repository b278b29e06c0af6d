"""The article as the reading pane reads it: complete, in place, marked, glossed (no Qt)."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from explorer import paths
from explorer.core.article.find import ArticleFinder, fold, highlights
from explorer.core.article.glossary import WORD, Glossary
from explorer.core.article.text import ArticleText, load_article
from explorer.core.events.query import build_match, parse_text
from explorer.core.events.search import load_aliases
from explorer.core.events.store import EventStore
from explorer.ingest.glossary import GlossResolver, Lemma, stems

DATA_QUALITY = Path(__file__).resolve().parent.parent / "docs" / "DATA_QUALITY.md"


@pytest.fixture(scope="module")
def glossary(bundled_store: EventStore) -> Glossary:
    return Glossary(bundled_store.conn)


def test_every_event_s_sentence_is_in_the_article_once_and_marked(
    bundled_store: EventStore, article: ArticleText
) -> None:
    events = dict(bundled_store.conn.execute("SELECT id, text FROM events").fetchall())
    marked = [p for p in article.pieces if p.event is not None]
    assert sorted(p.event.id for p in marked if p.event) == sorted(events)
    for piece in marked:
        assert piece.event is not None
        assert piece.text == events[piece.event.id]
        assert article.of_event(piece.event.id) is piece


def test_every_heading_and_sentence_sits_where_the_source_has_it(article: ArticleText) -> None:
    source = paths.source_article().read_text(encoding="utf-8")
    sentences = len(re.findall(r"^(?!=).+$", source, flags=re.M))
    assert sum(1 for p in article.pieces if p.kind == "sentence") > sentences  # every line split
    previous = -1
    for piece in article.pieces:
        assert source[piece.source_start : piece.source_end] == piece.text.lower()
        assert piece.source_start > previous, "pieces are in reading order"
        previous = piece.source_start
        if piece.is_heading:
            line = source[source.rfind("\n", 0, piece.source_start) + 1 :].split("\n", 1)[0]
            assert line.startswith("==") and piece.text.lower() in line
    headings = [p for p in article.pieces if p.is_heading]
    assert len(headings) == source.count("\n==") + source.startswith("==")
    # The whole article: nothing but whitespace and heading marks lies between pieces.
    covered = "".join(
        source[a.source_end : b.source_start]
        for a, b in zip(article.pieces, article.pieces[1:], strict=False)
    )
    assert set(covered) <= set(" \n=")


def test_capitals_are_restored_in_headings_and_sentences_alike(article: ArticleText) -> None:
    texts = {p.text for p in article.pieces}
    assert "Voorgeschiedenis" in texts
    assert any("Uitbreiding van de NAVO" in t for t in texts if t.startswith("Uitbreiding"))
    assert all(p.text[0].isupper() or not p.text[0].isalpha() for p in article.pieces
               if p.is_heading)  # fmt: skip


def test_sentences_with_a_date_that_became_no_event_say_why(article: ArticleText) -> None:
    skipped = [p for p in article.pieces if p.skipped]
    assert skipped, "the build skips some dated sentences (background dates, literature)"
    for piece in skipped:
        assert piece.event is None
        assert piece.skipped in ("reference", "background", "forecast", "unresolved")
        assert piece.date_span is not None
        phrase = piece.text[piece.date_span[0] : piece.date_span[1]]
        assert re.search(r"\d|januari|februari|maart|april|mei|juni|juli|augustus|september|"
                         r"oktober|november|december|dag|week", phrase.lower()), phrase  # fmt: skip
    background = next(p for p in skipped if p.skipped == "background")
    assert background.paragraph_id is not None


def test_an_event_s_date_phrase_is_marked_in_its_sentence(article: ArticleText) -> None:
    piece = next(p for p in article.pieces if p.event is not None and "24 februari 2022" in p.text)
    assert piece.date_span is not None
    assert piece.text[piece.date_span[0] : piece.date_span[1]] == "24 februari 2022"


def test_reading_here_is_the_date_span_of_the_events_on_screen(article: ArticleText) -> None:
    first = next(i for i, p in enumerate(article.pieces) if p.text.startswith("Na de val van"))
    span = article.reading_span(first, first + 6)
    assert span is not None
    assert date.fromordinal(span[0]) == date(1989, 1, 1)
    assert date.fromordinal(span[1]) == date(1991, 12, 1)
    heading = next(i for i, p in enumerate(article.pieces) if p.is_heading)
    assert article.reading_span(heading, heading) is None


def test_the_provenance_names_the_article_its_licence_and_snapshot(article: ArticleText) -> None:
    source = article.provenance
    assert source.title == "Russische invasie van Oekraïne"
    assert source.licence == "CC BY-SA 4.0"
    assert source.snapshot == "2023-12"
    assert "FreeDict" in source.glossary and "GPL" in source.glossary


def test_find_ignores_case_and_diacritics(article: ArticleText) -> None:
    finder = ArticleFinder(article)
    found = finder.find("przewodow")
    assert found and article.pieces[found[0].index].text[found[0].start : found[0].end] == (
        "Przewodów"
    )
    assert len(finder.find("OEKRAINE")) == len(finder.find("Oekraïne")) > 300
    assert finder.find("   ") == []
    assert len(fold("Oekraïne’s")) == len("Oekraïne’s")


def test_a_search_for_kharkiv_highlights_charkov_in_the_text(
    bundled_store: EventStore, article: ArticleText
) -> None:
    patterns = build_match(parse_text("Kharkiv"), load_aliases(bundled_store.conn)).patterns
    marks = highlights(article, patterns)
    words = {article.pieces[m.index].text[m.start : m.end].lower() for m in marks}
    assert "charkov" in words


def test_words_names_and_compounds_have_english_glosses(
    article: ArticleText, glossary: Glossary
) -> None:
    troops = glossary.word("troepen")
    assert troops is not None and "troop" in troops.text()
    compound = glossary.word("raketaanvallen")
    assert compound is not None
    assert [s.lemma for s in compound.senses] == ["raket", "aanval"]
    assert "rocket" in compound.text() and "attack" in compound.text()
    piece = next(p for p in article.pieces if "Charkov" in p.text)
    name = glossary.at(piece.seq, piece.text, piece.text.index("Charkov") + 2)
    assert name is not None and name.name_en == "Kharkiv"
    piece = next(p for p in article.pieces if re.search(r"\bRussische\b", p.text))
    russian = glossary.at(piece.seq, piece.text, piece.text.index("Russische"))
    assert russian is not None and "Russian" in russian.text()
    assert glossary.word("zich") is not None  # the supplement
    assert glossary.word("xyzzy") is None


def test_a_selection_is_glossed_word_by_word_names_whole(
    article: ArticleText, glossary: Glossary
) -> None:
    piece = next(p for p in article.pieces if "Verenigde Staten" in p.text)
    start = piece.text.index("Verenigde Staten")
    glosses = glossary.selection(piece.seq, piece.text, start, start + len("Verenigde Staten"))
    assert [g.name_en for g in glosses] == ["United States"]


def test_most_of_the_article_s_words_have_a_gloss_as_documented(
    article: ArticleText, glossary: Glossary
) -> None:
    tokens = glossed = 0
    for piece in article.pieces:
        for match in WORD.finditer(piece.text):
            tokens += 1
            glossed += glossary.at(piece.seq, piece.text, match.start()) is not None
    share = 100 * glossed / tokens
    assert share >= 95.0
    recorded = re.search(r"article's word tokens with an English gloss \| [^|]* \| ([\d.]+)%",
                         DATA_QUALITY.read_text(encoding="utf-8"))  # fmt: skip
    assert recorded, "docs/DATA_QUALITY.md records the glossary's coverage"
    assert abs(float(recorded.group(1)) - share) < 0.1


def test_the_glossary_carries_its_attribution(bundled_store: EventStore) -> None:
    meta = dict(
        bundled_store.conn.execute("SELECT key, value FROM meta WHERE key LIKE 'glossary_%'")
    )
    assert "FreeDict" in meta["glossary_source"]
    assert meta["glossary_licence"].startswith("GPL-2.0-or-later")
    sources = dict(
        bundled_store.conn.execute("SELECT source, COUNT(*) FROM glossary GROUP BY source")
    )
    assert sources["freedict"] > 10 * sources["kroniek"]


def test_a_database_without_the_article_reads_as_none(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "other.db")
    conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    assert load_article(conn) is None
    assert not Glossary(conn)


# -- how the build resolves words to headwords -------------------------------------------


def resolver(headwords: set[str], lemmas: dict[str, Lemma] | None = None) -> GlossResolver:
    return GlossResolver(lemmas or {}, headwords, names=frozenset({"bachmoet"}))


def test_a_compound_is_glossed_by_its_parts_and_a_verb_is_not_split() -> None:
    words = {"gas", "leverantie", "vrede", "onderhandeling", "hand", "haven", "raket"}
    lemmas = {"onderhandelingen": Lemma("onderhandeling", "N"),
              "handhaven": Lemma("handhaven", "WW")}  # fmt: skip
    r = resolver(words, lemmas)
    assert r.resolve("gasleverantie") == ("gas", "leverantie")
    assert r.resolve("vredesonderhandelingen") == ("vrede", "onderhandeling")
    assert r.resolve("handhaven") == ()
    assert r.resolve("Kinzhal-raketten") == ("raket",)


def test_a_name_is_never_split_into_words() -> None:
    assert resolver({"bach", "moet"}).resolve("Bachmoet") == ()


def test_inflections_frog_never_saw_are_undone() -> None:
    assert list(stems("defensieve"))[:2] == ["defensiev", "defensief"]
    assert "europees" in stems("europese")
    assert "vijandelijkheid" in stems("vijandelijkheden")
    assert "bom" in stems("bommen")
