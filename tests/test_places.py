"""Places on the map: every place has a point, and a name means what its sentence says."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer import paths
from explorer.ingest.entities import Gazetteer
from explorer.ingest.roles import assign_roles
from explorer.ingest.truecase import TrueCaser


@pytest.fixture(scope="module")
def conn(bundled_db: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(bundled_db)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load(paths.db_dir() / "gazetteer")


def roles(gazetteer: Gazetteer, raw: str) -> set[tuple[str, str]]:
    casing = TrueCaser.load(paths.db_dir() / "gazetteer", gazetteer)
    found = gazetteer.find(raw)
    shown = casing.apply(raw, found)
    return {(m.entity_type, m.entity_id) for m in assign_roles(raw, shown, found, gazetteer)}


def test_every_place_has_a_point_and_says_what_kind(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT id, kind, lat, lon, coords FROM places").fetchall()
    assert all(lat is not None and lon is not None for _i, _k, lat, lon, _c in rows)
    assert {coords for *_rest, coords in rows} <= {"point", "area", "within"}
    kinds = {pid: (kind, coords) for pid, kind, _lat, _lon, coords in rows}
    assert kinds["ukraine"] == ("country", "area")  # a country keeps its kind
    assert kinds["kharkiv-oblast"] == ("oblast", "area")


def test_events_with_a_place_can_be_put_on_the_map(conn: sqlite3.Connection) -> None:
    with_place, located = conn.execute(
        "SELECT COUNT(DISTINCT ep.seq), COUNT(DISTINCT CASE WHEN p.lat IS NOT NULL "
        "THEN ep.seq END) FROM event_places ep JOIN places p ON p.id = ep.place_id"
    ).fetchone()
    assert located >= 0.95 * with_place


def test_kyiv_oblast_lies_around_kyiv(conn: sqlite3.Connection) -> None:
    lat, lon = conn.execute("SELECT lat, lon FROM places WHERE id = 'kyiv-oblast'").fetchone()
    assert 49.5 < lat < 51.5 and 29.0 < lon < 32.0


def test_a_namesake_far_from_its_sentence_is_not_the_place(conn: sqlite3.Connection) -> None:
    # "… ter hoogte van Izjoem … tot Nove en Katerynivka": not the Katerynivka in Donetsk oblast
    oblast, geonameid = conn.execute(
        "SELECT oblast, geonameid FROM places WHERE id = 'katerynivka'"
    ).fetchone()
    assert oblast == "kharkiv-oblast" and geonameid != 688231


def test_russia_acting_is_an_actor_not_a_place(gazetteer: Gazetteer) -> None:
    acting = roles(gazetteer, "rusland viel oekraïne binnen.")
    assert ("actor", "russia") in acting and ("place", "russia") not in acting
    located = roles(gazetteer, "er vielen explosies in rusland.")
    assert ("place", "russia") in located and ("actor", "russia") not in located


def test_a_list_after_oblasten_is_a_list_of_oblasts(gazetteer: Gazetteer) -> None:
    found = roles(
        gazetteer, "de russen trokken zich terug uit de oblasten kiev, tsjernihiv en soemy."
    )
    assert {
        ("place", "kyiv-oblast"),
        ("place", "chernihiv-oblast"),
        ("place", "sumy-oblast"),
    } <= found
    assert ("place", "sumy") not in found


def test_another_first_name_is_another_person(gazetteer: Gazetteer) -> None:
    namesake = roles(gazetteer, "generaal-majoor vitaly gerasimov werd gedood.")
    assert not any(kind == "actor" and "gerasimov" in pid for kind, pid in namesake)
    chief = roles(gazetteer, "generaal valeri gerasimov kreeg de leiding.")
    assert any(kind == "actor" and "gerasimov" in pid for kind, pid in chief)
