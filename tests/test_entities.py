"""The gazetteer: what a reader finds when filtering or searching by place or actor.

The article spells names the Dutch way ("Charkov", "Poetin"); a reader may type
the English or a diacritic-free spelling. These tests use the real tables in
``db/gazetteer`` and real sentences from the article.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.ingest.entities import Actor, Gazetteer, Mention, Place, normalize

GAZETTEER_DIR = Path(__file__).resolve().parent.parent / "db" / "gazetteer"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load(GAZETTEER_DIR)


def named(gazetteer: Gazetteer, text: str) -> set[tuple[str, str]]:
    return {(m.entity_type, m.entity_id) for m in gazetteer.find(text)}


# (what a reader types in English, how the article writes it, the entity)
SAME_ENTITY = [
    ("Kyiv", "kiev", "place", "kyiv"),
    ("Kharkiv", "charkov", "place", "kharkiv"),
    ("Mariupol", "marioepol", "place", "mariupol"),
    ("Kherson", "cherson", "place", "kherson"),
    ("Zaporizhzhia", "zaporizja", "place", "zaporizhzhia"),
    ("Luhansk", "loehansk", "place", "luhansk"),
    ("Luhansk", "loegansk", "place", "luhansk"),
    ("Donetsk", "donetsk", "place", "donetsk"),
    ("Crimea", "krim", "place", "crimea"),
    ("Bakhmut", "bachmoet", "place", "bakhmut"),
    ("Snake Island", "slangeneiland", "place", "snake-island"),
    ("Przewodow", "przewodów", "place", "przewodow"),
    ("Belarus", "wit-rusland", "place", "belarus"),
    ("Putin", "poetin", "actor", "putin"),
    ("Zelenskyy", "zelensky", "actor", "zelensky"),
    ("Prigozhin", "prigozjin", "actor", "prigozhin"),
    ("Shoigu", "sjojgoe", "actor", "shoigu"),
    ("Lukashenko", "loekasjenko", "actor", "lukashenko"),
    ("NATO", "navo", "actor", "nato"),
    ("UN", "vn", "actor", "un"),
    ("EU", "eu", "actor", "eu"),
    ("Wagner", "wagnergroep", "actor", "wagner-group"),
    ("ICC", "internationaal strafhof", "actor", "icc"),
]


@pytest.mark.parametrize(("english", "dutch", "entity_type", "entity_id"), SAME_ENTITY)
def test_english_and_article_spelling_name_the_same_entity(
    gazetteer: Gazetteer, english: str, dutch: str, entity_type: str, entity_id: str
) -> None:
    assert (entity_type, entity_id) in named(gazetteer, f"in {dutch} gebeurde het")
    assert (entity_type, entity_id) in named(gazetteer, f"in {english.lower()} gebeurde het")
    # Search expands either spelling to the other.
    assert normalize(dutch) in gazetteer.expand(english)
    assert normalize(english) in gazetteer.expand(dutch)


def test_every_name_has_a_dutch_and_an_english_display_form(gazetteer: Gazetteer) -> None:
    kharkiv = gazetteer.place_by_id["kharkiv"]
    assert (kharkiv.name_nl, kharkiv.name_en) == ("Charkov", "Kharkiv")
    putin = gazetteer.actor_by_id["putin"]
    assert (putin.name_nl, putin.name_en, putin.kind) == (
        "Vladimir Poetin",
        "Vladimir Putin",
        "person",
    )
    assert gazetteer.actor_by_id["nato"].name_nl == "NAVO"
    assert gazetteer.actor_by_id["ukraine"].kind == "country"
    entities: list[Place | Actor] = [*gazetteer.places, *gazetteer.actors]
    for entity in entities:
        assert entity.name_nl and entity.name_en, entity.id


def test_cities_get_coordinates_and_ids_from_geonames(gazetteer: Gazetteer) -> None:
    kharkiv = gazetteer.place_by_id["kharkiv"]
    assert kharkiv.geonameid == 706483
    assert kharkiv.lat == pytest.approx(50.0, abs=0.1)
    assert kharkiv.lon == pytest.approx(36.25, abs=0.1)
    assert kharkiv.oblast == "kharkiv-oblast"
    assert gazetteer.place_by_id["kharkiv-oblast"].kind == "oblast"
    bridge = gazetteer.place_by_id["crimean-bridge"]
    assert (bridge.kind, bridge.oblast) == ("bridge", "crimea")


def test_spelling_variants_from_geonames_find_the_place(gazetteer: Gazetteer) -> None:
    # "Harkov" is nowhere in the curated tables; GeoNames knows it.
    assert "charkov" in gazetteer.expand("Harkov")


def test_alias_rows_are_normalised_for_search(gazetteer: Gazetteer) -> None:
    assert normalize("Przewodów") == "przewodow"
    assert normalize("  Zaporizjzja ") == "zaporizjzja"
    for alias in gazetteer.aliases:
        assert alias.norm == normalize(alias.alias)
        assert alias.entity_type in {"place", "actor"}
        assert alias.source in {"article", "curated", "geonames", "iso3166"}


def test_the_longest_name_wins(gazetteer: Gazetteer) -> None:
    text = "de kerncentrale zaporizja ligt bij enerhodar"
    found = gazetteer.find(text)
    assert found[0] == Mention("place", "zaporizhzhia-npp", 3, 25)
    assert ("place", "zaporizhzhia") not in named(gazetteer, text)
    assert named(gazetteer, "de oostelijke oblast loehansk") == {("place", "luhansk-oblast")}


def test_only_whole_words_match(gazetteer: Gazetteer) -> None:
    assert named(gazetteer, "de krimbrug werd geraakt") == {("place", "crimean-bridge")}
    assert ("actor", "russia") not in named(gazetteer, "vanuit wit-rusland")
    assert ("actor", "nato") in named(gazetteer, "buitenlandse navo-troepen")
    assert named(gazetteer, "de rusland-kenner sprak over de ruslandkenners") == {
        ("place", "russia"),
        ("actor", "russia"),
    }


def test_dutch_inflections_and_nationality_words(gazetteer: Gazetteer) -> None:
    assert named(gazetteer, "poetins woordvoerder") == {("actor", "putin")}
    assert ("place", "berlin") in named(gazetteer, "de val van de berlijnse muur")
    # "Russische troepen" is about Russia the actor, not about a place in Russia.
    assert named(gazetteer, "russische troepen") == {("actor", "russia")}
    assert named(gazetteer, "oekraïense soldaten") == {("actor", "ukraine")}


def test_gazetteer_noise_does_not_link_running_text(gazetteer: Gazetteer) -> None:
    # GeoNames lists "Landen" as a name of London; in Dutch it just means "countries".
    assert gazetteer.find("verschillende landen verleenden hulp") == []
    # The cruiser Moskva is not Moscow (the article calls the city "Moskou").
    assert named(gazetteer, "de kruiser moskva zonk") == {("place", "moskva-cruiser")}


def test_a_real_sentence_links_people_places_and_organisations(gazetteer: Gazetteer) -> None:
    text = (
        "op 20 mei 2023 claimde de huurlingenleider van de wagnergroep, jevgeni prigozjin, "
        "de volledige verovering van bachmoet."
    )
    found = gazetteer.find(text)
    assert [text[m.start : m.end] for m in found] == [
        "wagnergroep",
        "jevgeni prigozjin",
        "bachmoet",
    ]
    assert [m.entity_id for m in found] == ["wagner-group", "prigozhin", "bakhmut"]
    assert found == sorted(found, key=lambda m: m.start)


def test_countries_are_places_and_actors(gazetteer: Gazetteer) -> None:
    text = (
        "in ruil daarvoor kwamen rusland, het verenigd koninkrijk (vk) "
        "en de verenigde staten (vs) overeen"
    )
    assert named(gazetteer, text) == {
        ("place", "russia"),
        ("actor", "russia"),
        ("place", "united-kingdom"),
        ("actor", "united-kingdom"),
        ("place", "united-states"),
        ("actor", "united-states"),
    }


def test_loading_twice_gives_identical_tables(gazetteer: Gazetteer) -> None:
    again = Gazetteer.load(GAZETTEER_DIR)
    assert again.places == gazetteer.places
    assert again.actors == gazetteer.actors
    assert again.aliases == gazetteer.aliases
