"""Splitting the lower-cased, glued article into sections and sentences."""

from __future__ import annotations

import pytest

from explorer.ingest.article import ArticleError, parse_article, split_sentences


def texts(paragraph: str) -> list[str]:
    return [paragraph[s:e] for s, e in split_sentences(paragraph)]


def test_glued_paragraphs_are_split_where_a_new_sentence_starts() -> None:
    assert texts("die sinds 2014 gaande is.de invasie veroorzaakte een crisis.") == [
        "die sinds 2014 gaande is.",
        "de invasie veroorzaakte een crisis.",
    ]


def test_a_quoted_word_before_a_glued_sentence_stays_with_its_sentence() -> None:
    assert texts("onder het mom van een 'vredesmissie'.op 24 februari 2022 kondigde") == [
        "onder het mom van een 'vredesmissie'.",
        "op 24 februari 2022 kondigde",
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "er zou ca. 1.000 ton graan hebben gelegen.",
        "de amerikaanse president, george w. bush, drong aan.",
        "het wordt geïmporteerd uit o.a. china, dubai en turkije.",
        "een voorstad van kiev met 30.000 inwoners.",
    ],
)
def test_abbreviations_initials_and_thousands_do_not_end_a_sentence(paragraph: str) -> None:
    assert texts(paragraph) == [paragraph]


def test_question_and_exclamation_marks_end_sentences() -> None:
    assert texts("is dit oorlog? ja! het is oorlog.") == ["is dit oorlog?", "ja!", "het is oorlog."]


def test_offsets_point_into_the_source_and_sections_nest() -> None:
    source = (
        "intro in 2021.\n== voorgeschiedenis ==\nin 1994 gebeurde iets.\n"
        "=== oranjerevolutie ===\nin 2004 ook.\n== aanloop ==\nop 3 juli.\n"
    )
    article = parse_article(source)
    for sentence in article.sentences:
        assert source[sentence.start : sentence.end] == sentence.text
    paths = [s.section.path for s in article.sentences]
    assert paths == [
        (),
        ("voorgeschiedenis",),
        ("voorgeschiedenis", "oranjerevolutie"),
        ("aanloop",),
    ]


def test_an_empty_article_is_refused_with_a_reason() -> None:
    with pytest.raises(ArticleError):
        parse_article("   \n")
    with pytest.raises(ArticleError):
        parse_article("== alleen een kop ==\n")
