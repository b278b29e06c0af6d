"""Capitals restored in the lower-case article, exactly as a reader sees them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from explorer.ingest.entities import Gazetteer
from explorer.ingest.truecase import TrueCaser

REPO = Path(__file__).resolve().parent.parent
GAZETTEER_DIR = REPO / "db" / "gazetteer"
ARTICLE = REPO / "db" / "nlwiki-russische-invasie-van-oekraine.txt"  # the vendored copy


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load(GAZETTEER_DIR)


@pytest.fixture(scope="module")
def caser(gazetteer: Gazetteer) -> TrueCaser:
    return TrueCaser.load(GAZETTEER_DIR, gazetteer)


Case = Callable[[str], str]


@pytest.fixture
def case(gazetteer: Gazetteer, caser: TrueCaser) -> Case:
    """Truecase a lower-case sentence the way the build does."""
    return lambda text: caser.apply(text, gazetteer.find(text))


ARTICLE_SENTENCES = [
    (
        "de oekraïense president volodymyr zelensky kondigde in een reactie de staat van beleg "
        "en een algehele mobilisatie af.",
        "De Oekraïense president Volodymyr Zelensky kondigde in een reactie de staat van beleg "
        "en een algehele mobilisatie af.",
    ),
    (
        "op 17 maart 2023 vaardigde het internationaal strafhof (icc) een arrestatiebevel uit "
        "tegen poetin.",
        "Op 17 maart 2023 vaardigde het Internationaal Strafhof (ICC) een arrestatiebevel uit "
        "tegen Poetin.",
    ),
    (
        "in ruil daarvoor kwamen rusland, het verenigd koninkrijk (vk) en de verenigde staten (vs) "
        "overeen om de territoriale integriteit van oekraïne te handhaven.",
        "In ruil daarvoor kwamen Rusland, het Verenigd Koninkrijk (VK) en de Verenigde Staten (VS) "
        "overeen om de territoriale integriteit van Oekraïne te handhaven.",
    ),
    (
        "op 26 februari maakte de voorzitter van de europese commissie, ursula von der leyen, "
        "bekend dat een deel van de russische banken de toegang tot swift zouden verliezen.",
        "Op 26 februari maakte de voorzitter van de Europese Commissie, Ursula von der Leyen, "
        "bekend dat een deel van de Russische banken de toegang tot SWIFT zouden verliezen.",
    ),
    (
        "het internationaal atoomenergieagentschap (iaea) verklaarde dat er geen essentiële "
        "apparatuur was beschadigd.",
        "Het Internationaal Atoomenergieagentschap (IAEA) verklaarde dat er geen essentiële "
        "apparatuur was beschadigd.",
    ),
    (
        "de amerikaanse minister van buitenlandse zaken, james baker, sprak in 1990 de "
        "historische woorden: 'de navo zal geen duimbreed naar het oosten opschuiven'.",
        "De Amerikaanse minister van Buitenlandse Zaken, James Baker, sprak in 1990 de "
        "historische woorden: 'De NAVO zal geen duimbreed naar het oosten opschuiven'.",
    ),
    (
        "de oostelijke oblast loehansk werd op 3 juli 2022 volledig door de russen ingenomen.",
        "De oostelijke oblast Loehansk werd op 3 juli 2022 volledig door de Russen ingenomen.",
    ),
    (
        "in de jaren die volgden bleef de oorlog in oost-oekraïne doorwoekeren.",
        "In de jaren die volgden bleef de oorlog in Oost-Oekraïne doorwoekeren.",
    ),
]


@pytest.mark.parametrize(("lower", "expected"), ARTICLE_SENTENCES)
def test_article_sentences_read_with_proper_capitals(case: Case, lower: str, expected: str) -> None:
    assert case(lower) == expected


def test_common_words_and_dates_stay_lower_case(case: Case) -> None:
    text = "op 9 mei bij de zee stond de staat op zaterdag 24 juni 2023 paraat."
    assert case(text) == "Op 9 mei bij de zee stond de staat op zaterdag 24 juni 2023 paraat."


def test_acronyms_are_all_capitals(case: Case) -> None:
    text = "de navo, de vn, de eu, het icc, het icj, de vs en het iaea."
    assert case(text) == "De NAVO, de VN, de EU, het ICC, het ICJ, de VS en het IAEA."


def test_every_new_sentence_starts_with_a_capital(case: Case) -> None:
    assert case("het icj eiste dat. rusland stopte.") == "Het ICJ eiste dat. Rusland stopte."
    assert case("'speciale operatie' noemde hij het.") == "'Speciale operatie' noemde hij het."
    # "ca." is an abbreviation, not the end of a sentence (and not the acronym "CA").
    assert case("het dorp pavlopil, ca. 30 km van marioepol.") == (
        "Het dorp Pavlopil, ca. 30 km van Marioepol."
    )


def test_dutch_ij_at_the_start_keeps_both_capitals(case: Case) -> None:
    assert case("ijsland steunde oekraïne.") == "IJsland steunde Oekraïne."


def test_name_prefixes_are_capitalised_only_at_the_start(case: Case) -> None:
    assert case("volgens von der leyen wel.") == "Volgens von der Leyen wel."
    assert case("von der leyen zei dat.") == "Von der Leyen zei dat."


def test_inflected_names_keep_their_endings_lower_case(case: Case) -> None:
    assert case("poetins woordvoerder sprak.") == "Poetins woordvoerder sprak."


def test_the_whole_article_keeps_every_offset(gazetteer: Gazetteer, caser: TrueCaser) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    for sentence in text.split(". "):
        cased = caser.apply(sentence, gazetteer.find(sentence))
        assert len(cased) == len(sentence)
        assert cased.lower() == sentence.lower()


@pytest.mark.parametrize(
    ("lower", "expected"),
    [
        # a word no Dutch dictionary knows, even as a compound, is a name
        ("generaal-majoor kanamat botasjev stierf.", "Generaal-majoor Kanamat Botasjev stierf."),
        # a rank, a word and a name: the word is a first name
        ("generaal-majoor roman kutuzov sneuvelde.", "Generaal-majoor Roman Kutuzov sneuvelde."),
        # the English article before a name belongs to it
        ("op 6 mei berichtte the telegraph dat.", "Op 6 mei berichtte The Telegraph dat."),
        # curated names made of ordinary words
        ("het amerikaanse huis van afgevaardigden keurde het goed.",
         "Het Amerikaanse Huis van Afgevaardigden keurde het goed."),
        # a word no dictionary knows that Dutch still writes in lower case
        ("de oblasten en de rajon.", "De oblasten en de rajon."),
    ],
)  # fmt: skip
def test_names_no_dictionary_knows_get_capitals(case: Case, lower: str, expected: str) -> None:
    assert case(lower) == expected


def test_section_paths_are_cased_like_the_text(bundled_db: Path) -> None:
    import sqlite3

    paths_ = {r[0] for r in sqlite3.connect(bundled_db).execute("SELECT path FROM sections")}
    assert "Mogelijke oorlogsmisdaden › Aanval op treinstation Kramatorsk" in paths_
    assert not any("russische" in p or "oekraïne" in p for p in paths_)
