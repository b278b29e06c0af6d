"""Headlines on the timeline cards: who did what, in the present tense, never cut mid-name."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.ingest.compress import fit
from explorer.ingest.figures import FRONTED, cut_off
from explorer.ingest.pieces import Frame, Piece
from explorer.ingest.verbs import present, singular_candidates


@pytest.fixture(scope="module")
def titles(bundled_db: Path) -> Iterator[dict[str, str]]:
    """Every event's title by the lower-case text of its sentence."""
    conn = sqlite3.connect(bundled_db)
    yield {text.lower(): title for title, text in conn.execute("SELECT title, text FROM events")}
    conn.close()


def title_of(titles: dict[str, str], start: str) -> str:
    return next(title for text, title in titles.items() if text.startswith(start))


def test_the_subject_comes_first_and_the_date_goes(titles: dict[str, str]) -> None:
    title = title_of(titles, "op 8 april 2022 overhandigde voorzitter ursula von der leyen")
    assert title.startswith(("Ursula von der Leyen overhandigt", "Von der Leyen overhandigt"))
    assert "Zelensky" in title and "april" not in title


def test_a_passive_reads_like_a_news_headline(titles: dict[str, str]) -> None:
    assert title_of(titles, "op 9 maart werd tijdens een russische luchtaanval") == (
        "Kraamkliniek verwoest tijdens een Russische luchtaanval in Marioepol"
    )


def test_a_report_names_its_source_before_a_colon(titles: dict[str, str]) -> None:
    assert title_of(titles, "op 5 mei meldde het tijdschrift forbes").startswith("Forbes: Russen")


def test_words_spoken_after_a_colon_are_quoted_whole(titles: dict[str, str]) -> None:
    assert title_of(titles, "de amerikaanse minister van buitenlandse zaken, james baker") == (
        "James Baker: 'De NAVO zal geen duimbreed naar het oosten opschuiven'"
    )


def test_an_order_keeps_what_it_orders_without_its_om(titles: dict[str, str]) -> None:
    # "het bevel om zich terug te trekken …": the noun says nothing without its clause
    title = title_of(titles, "op 9 november 2022 kregen de russische troepen het bevel")
    assert title.startswith("Russische troepen krijgen bevel zich terug te trekken"), title
    assert title_of(titles, "toen rusland in januari 2022 begon aan de troepenopbouw").endswith(
        "goedkeuring hun wapens over te brengen"
    )


def test_he_is_named(titles: dict[str, str]) -> None:
    assert title_of(titles, "dezelfde avond beval hij").startswith("Volodymyr Zelensky beveelt")


def test_no_title_is_long_cut_off_or_opens_with_a_date(titles: dict[str, str]) -> None:
    assert all(len(title) <= 70 for title in titles.values())
    fronted = [t for t in titles.values() if FRONTED.search(t)]
    assert len(fronted) <= 0.05 * len(titles), fronted
    cut = [t for text, t in titles.items() if cut_off(t, text)]
    assert len(cut) <= 0.01 * len(titles), cut


def test_a_cut_title_never_ends_inside_a_name_or_a_date() -> None:
    assert cut_off("Rapport van het Internationaal…", "het Internationaal Atoomenergieagentschap")
    assert cut_off("De invasie begon op 24…", "de invasie begon op 24 februari")
    assert not cut_off("Oekraïense post geeft postzegel uit", "de oekraïense post gaf … uit")


def test_fitting_drops_an_aside_before_cutting() -> None:
    text = "Poetin deed, na lang beraad, een oproep"
    pieces = [Piece(-1, w) for w in ("Poetin", "doet", ",", "na", "lang", "beraad", ",", "oproep")]
    assert len(fit(pieces, Frame((), text, frozenset(), frozenset()), 70)) <= 70


@pytest.mark.parametrize(
    ("lemma", "plural", "expected"),
    [("overhandigen", False, "overhandigt"), ("vragen", True, "vragen"), ("zijn", False, "is")],
)
def test_verbs_go_into_the_present_tense(lemma: str, plural: bool, expected: str) -> None:
    forms = {"overhandigen": "overhandigt", "vragen": "vraagt", "zijn": "is"}
    assert present(lemma, plural, forms) == expected


def test_spelling_rules_offer_the_right_present_forms() -> None:
    assert "neemt" in singular_candidates("nemen")
    assert singular_candidates("spannen") == ["spant"]  # never "spaant"
    assert "levert" in singular_candidates("leveren")


def test_the_subject_gives_up_its_articles_before_the_point_is_cut(
    titles: dict[str, str],
) -> None:
    title = title_of(titles, "de mislukte augustusstaatsgreep in moskou")
    assert title == "Mislukte augustusstaatsgreep en uiteenvallen maken buurlanden nerveus"


def test_participles_used_as_nouns_head_their_phrase(titles: dict[str, str]) -> None:
    # "gevangenen", "afgevaardigden", "overlevenden": Frog tags them as verbs
    assert title_of(titles, "vervolgens vond de eerste grote uitwisseling") == (
        "Eerste grote uitwisseling van gevangenen vindt plaats"
    )
    assert title_of(titles, "op 14 juli kwamen de afgevaardigden van ca. 50 landen").startswith(
        "Afgevaardigden van ca. 50 landen komen bijeen"
    )


def test_a_phrase_inside_the_subject_goes_before_the_one_that_holds_it(
    titles: dict[str, str],
) -> None:
    title = title_of(titles, "vicepremier voor de europese en euro-atlantische integratie")
    assert title.startswith("Vicepremier van Oekraïne Olha Stefanisjyna spreekt")


def test_a_target_keeps_what_targeted_it(titles: dict[str, str]) -> None:
    title = title_of(titles, "op 16 maart 2022 werd het regionaal dramatheater")
    assert title.endswith("doelwit van bombardement"), title


def test_a_number_range_and_a_nouns_that_clause_stay_in_the_subject(
    titles: dict[str, str],
) -> None:
    assert title_of(titles, "op 16 december werden er door rusland 70 à 80").startswith(
        "70 à 80 raketten door Rusland afgevuurd"
    )
    assert title_of(titles, "tegen januari 2022 was de mogelijkheid dat") == (
        "Mogelijkheid dat Oekraïne lid zou worden van de NAVO is nog klein"
    )


def test_a_role_between_commas_does_not_end_the_clause(titles: dict[str, str]) -> None:
    # "sloot Rusland, als tegenmaatregel, het luchtruim …": no clause, an aside
    assert title_of(titles, "op 28 februari sloot rusland, als tegenmaatregel") == (
        "Rusland sluit het luchtruim voor 36 landen uit de EU en Canada"
    )


def test_a_noun_after_a_possessive_is_no_verb(titles: dict[str, str]) -> None:
    # Frog reads "hun greep" as "greep" (grijpen): the verb is "bleven versterken"
    title = title_of(titles, "op 20 juni 2022 werd gemeld dat russische troepen hun greep")
    assert title.startswith("Russische troepen blijven hun greep versterken"), title
