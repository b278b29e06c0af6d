"""Generate a synthetic event database with the real schema, for benchmarks.

``python bench/synth.py OUT.db --n 1000000`` writes a database that the app
opens with ``--db OUT.db``. It aims to behave like a much longer version of
the real article, so that benchmark numbers mean something:

* dates from 1989 to 2025, sparse before 2014, dense in 2022–2023, with bursts
  of days that have many events (like 24 February 2022);
* mostly day precision, some months and years, qualifiers and spans;
* sentences spliced from the article's own sentences (so word frequencies,
  and therefore FTS selectivity, are the article's), with the names of the
  event's linked places and actors written in;
* about 300 places in a country › oblast hierarchy and about 200 actors, with
  Dutch and English names as aliases; categories from ``db/categories.csv``.

Everything is drawn from a seeded generator: the same ``--n`` and ``--seed``
give the same database.
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from explorer import paths
from explorer.core.events.schema import create_schema
from explorer.core.events.stemming import fold, stem_text

Progress = Callable[[int, int], None]

CATEGORIES = [
    ("overview", "Overzicht", "Overview", "#6b7280", 1, 2),
    ("background", "Voorgeschiedenis", "Background", "#8c6d31", 2, 4),
    ("military", "Gevechten", "Fighting", "#c0392b", 3, 30),
    ("air", "Luchtoorlog", "Air war", "#e67e22", 4, 10),
    ("naval", "Zeeoorlog", "Naval war", "#1f77b4", 5, 4),
    ("nuclear", "Nucleaire dreiging", "Nuclear threat", "#8e44ad", 6, 3),
    ("forces", "Strijdkrachten", "Armed forces", "#7f3f1f", 7, 6),
    ("support", "Militaire steun", "Military support", "#2c7fb8", 8, 7),
    ("humanitarian", "Humanitaire gevolgen", "Humanitarian impact", "#16a085", 9, 8),
    ("economy", "Economie", "Economy", "#b8860b", 10, 6),
    ("warcrimes", "Oorlogsmisdaden", "War crimes", "#a50f15", 11, 4),
    ("law", "Recht", "Law and courts", "#5b4ea1", 12, 3),
    ("sanctions", "Sancties", "Sanctions", "#4d7c0f", 13, 4),
    ("diplomacy", "Diplomatie", "Diplomacy", "#0e7490", 14, 6),
    ("protest", "Protest en steun", "Protest and support", "#d6336c", 15, 2),
    ("media", "Media en informatie", "Media and information", "#52616b", 16, 1),
]

# name_nl, name_en, kind, country, oblast
REAL_PLACES = [
    ("Kiev", "Kyiv", "city", "UA", "Kiev"),
    ("Charkov", "Kharkiv", "city", "UA", "Charkov"),
    ("Marioepol", "Mariupol", "city", "UA", "Donetsk"),
    ("Cherson", "Kherson", "city", "UA", "Cherson"),
    ("Odessa", "Odesa", "city", "UA", "Odessa"),
    ("Bachmoet", "Bakhmut", "city", "UA", "Donetsk"),
    ("Avdiivka", "Avdiivka", "city", "UA", "Donetsk"),
    ("Boetsja", "Bucha", "city", "UA", "Kiev"),
    ("Irpin", "Irpin", "city", "UA", "Kiev"),
    ("Izjoem", "Izium", "city", "UA", "Charkov"),
    ("Lysytsjansk", "Lysychansk", "city", "UA", "Loegansk"),
    ("Sjevjerodonetsk", "Sievierodonetsk", "city", "UA", "Loegansk"),
    ("Kramatorsk", "Kramatorsk", "city", "UA", "Donetsk"),
    ("Melitopol", "Melitopol", "city", "UA", "Zaporizja"),
    ("Enerhodar", "Enerhodar", "city", "UA", "Zaporizja"),
    ("Zaporizja", "Zaporizhzhia", "city", "UA", "Zaporizja"),
    ("Mykolajiv", "Mykolaiv", "city", "UA", "Mykolajiv"),
    ("Lviv", "Lviv", "city", "UA", "Lviv"),
    ("Soemy", "Sumy", "city", "UA", "Soemy"),
    ("Tsjernihiv", "Chernihiv", "city", "UA", "Tsjernihiv"),
    ("Dnipro", "Dnipro", "city", "UA", "Dnjepropetrovsk"),
    ("Donetsk", "Donetsk", "city", "UA", "Donetsk"),
    ("Loegansk", "Luhansk", "city", "UA", "Loegansk"),
    ("Sebastopol", "Sevastopol", "city", "UA", "Krim"),
    ("Kertsj", "Kerch", "city", "UA", "Krim"),
    ("Krim", "Crimea", "region", "UA", "Krim"),
    ("Krimbrug", "Crimean Bridge", "bridge", "UA", "Krim"),
    ("Kachovkadam", "Kakhovka Dam", "dam", "UA", "Cherson"),
    ("Slangeneiland", "Snake Island", "island", "UA", "Odessa"),
    ("Tsjernobyl", "Chernobyl", "city", "UA", "Kiev"),
    ("Moskou", "Moscow", "city", "RU", ""),
    ("Belgorod", "Belgorod", "city", "RU", ""),
    ("Koersk", "Kursk", "city", "RU", ""),
    ("Minsk", "Minsk", "city", "BY", ""),
    ("Warschau", "Warsaw", "city", "PL", ""),
    ("Przewodów", "Przewodów", "village", "PL", "Lublin"),
    ("Brussel", "Brussels", "city", "BE", ""),
    ("Washington", "Washington", "city", "US", ""),
    ("Den Haag", "The Hague", "city", "NL", ""),
    ("Genève", "Geneva", "city", "CH", ""),
    ("Istanboel", "Istanbul", "city", "TR", ""),
]
OBLASTS = [
    "Kiev",
    "Charkov",
    "Donetsk",
    "Loegansk",
    "Cherson",
    "Zaporizja",
    "Odessa",
    "Mykolajiv",
    "Dnjepropetrovsk",
    "Soemy",
    "Tsjernihiv",
    "Zjytomyr",
    "Poltava",
]
ROOTS = [
    "pavlivka",
    "mykolajivka",
    "oleksandrivka",
    "ivanivka",
    "petrivka",
    "andrijivka",
    "vasylivka",
    "hryhorivka",
    "dmytrivka",
    "kostjantynivka",
    "marjinka",
    "bohdanivka",
    "stepanivka",
    "mychajlivka",
    "semenivka",
    "tarasivka",
    "romanivka",
    "olenivka",
]
#: Approximate (lat, lon) of the real places and the oblast centres the
#: generated villages are scattered around, so the map has somewhere to put them.
COORDS = {
    "Kiev": (50.45, 30.52), "Charkov": (49.99, 36.23), "Marioepol": (47.10, 37.55),
    "Cherson": (46.64, 32.61), "Odessa": (46.48, 30.73), "Bachmoet": (48.60, 38.00),
    "Avdiivka": (48.14, 37.74), "Boetsja": (50.54, 30.21), "Irpin": (50.52, 30.25),
    "Izjoem": (49.21, 37.26), "Lysytsjansk": (48.90, 38.43), "Sjevjerodonetsk": (48.95, 38.49),
    "Kramatorsk": (48.72, 37.56), "Melitopol": (46.85, 35.37), "Enerhodar": (47.50, 34.66),
    "Zaporizja": (47.84, 35.14), "Mykolajiv": (46.97, 32.00), "Lviv": (49.84, 24.03),
    "Soemy": (50.91, 34.80), "Tsjernihiv": (51.50, 31.29), "Dnipro": (48.46, 35.05),
    "Donetsk": (48.02, 37.80), "Loegansk": (48.57, 39.31), "Sebastopol": (44.61, 33.52),
    "Kertsj": (45.36, 36.47), "Krim": (45.30, 34.40), "Krimbrug": (45.31, 36.51),
    "Kachovkadam": (46.78, 33.37), "Slangeneiland": (45.26, 30.20), "Tsjernobyl": (51.27, 30.22),
    "Moskou": (55.75, 37.62), "Belgorod": (50.60, 36.59), "Koersk": (51.73, 36.19),
    "Minsk": (53.90, 27.57), "Warschau": (52.23, 21.01), "Przewodów": (50.47, 23.93),
    "Brussel": (50.85, 4.35), "Washington": (38.90, -77.04), "Den Haag": (52.08, 4.30),
    "Genève": (46.20, 6.15), "Istanboel": (41.01, 28.98), "Dnjepropetrovsk": (48.46, 35.05),
    "Zjytomyr": (50.25, 28.66), "Poltava": (49.59, 34.55),
}  # fmt: skip
PREFIXES = ["", "Novo", "Staro", "Velyka ", "Mala ", "Zoloti ", "Bila ", "Verchnja "]

# name_nl, name_en, kind
REAL_ACTORS = [
    ("Vladimir Poetin", "Vladimir Putin", "person"),
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy", "person"),
    ("Joe Biden", "Joe Biden", "person"),
    ("Sergej Lavrov", "Sergey Lavrov", "person"),
    ("Sergej Sjojgoe", "Sergei Shoigu", "person"),
    ("Jevgeni Prigozjin", "Yevgeny Prigozhin", "person"),
    ("Aleksandr Loekasjenko", "Alexander Lukashenko", "person"),
    ("Olaf Scholz", "Olaf Scholz", "person"),
    ("Emmanuel Macron", "Emmanuel Macron", "person"),
    ("Mark Rutte", "Mark Rutte", "person"),
    ("Jens Stoltenberg", "Jens Stoltenberg", "person"),
    ("António Guterres", "António Guterres", "person"),
    ("Recep Tayyip Erdoğan", "Recep Tayyip Erdoğan", "person"),
    ("Ramzan Kadyrov", "Ramzan Kadyrov", "person"),
    ("Valeri Zaloezjny", "Valerii Zaluzhnyi", "person"),
    ("Dmytro Koeleba", "Dmytro Kuleba", "person"),
    ("Valeri Gerasimov", "Valery Gerasimov", "person"),
    ("Dmitri Medvedev", "Dmitry Medvedev", "person"),
    ("NAVO", "NATO", "organisation"),
    ("Verenigde Naties", "United Nations", "organisation"),
    ("Europese Unie", "European Union", "organisation"),
    ("Wagnergroep", "Wagner Group", "organisation"),
    ("IAEA", "IAEA", "organisation"),
    ("Internationaal Strafhof", "International Criminal Court", "organisation"),
    ("Rode Kruis", "Red Cross", "organisation"),
    ("Gazprom", "Gazprom", "organisation"),
    ("Azovbataljon", "Azov Battalion", "organisation"),
    ("Rusland", "Russia", "country"),
    ("Oekraïne", "Ukraine", "country"),
    ("Verenigde Staten", "United States", "country"),
    ("Wit-Rusland", "Belarus", "country"),
    ("Polen", "Poland", "country"),
    ("Duitsland", "Germany", "country"),
    ("Frankrijk", "France", "country"),
    ("Nederland", "Netherlands", "country"),
    ("Turkije", "Turkey", "country"),
    ("China", "China", "country"),
    ("Verenigd Koninkrijk", "United Kingdom", "country"),
]
FIRST = [
    "Oleksandr",
    "Serhij",
    "Andrij",
    "Mykola",
    "Dmytro",
    "Ivan",
    "Olena",
    "Iryna",
    "Natalja",
    "Joeri",
    "Vitali",
    "Pavlo",
    "Anna",
    "Maria",
]
LAST = [
    "Kovalenko",
    "Bondarenko",
    "Tkatsjenko",
    "Sjevtsjenko",
    "Kravtsjenko",
    "Melnyk",
    "Bojko",
    "Lysenko",
    "Morozov",
    "Volkov",
    "Petrov",
    "Smirnov",
    "Ivanov",
    "Sokolov",
]

MONTHS_NL = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]

FALLBACK_TEXT = (
    "de russische invasie van oekraïne is een aanvalsoorlog die begon op 24 februari 2022. "
    "russische troepen vielen oekraïne binnen vanuit het noorden, het oosten en het zuiden. "
    "de oekraïense strijdkrachten hielden stand rond de hoofdstad en heroverden later gebied. "
    "westerse landen kondigden sancties aan en leverden wapens en munitie aan oekraïne. "
    "miljoenen mensen ontvluchtten het land en zochten onderdak in de buurlanden. "
    "de kerncentrale werd beschoten en het internationaal atoomagentschap uitte zorgen. "
)


def _transliterate(nl: str) -> str:
    """A rough Dutch -> English transliteration for generated Ukrainian names."""
    en = nl.replace("ch", "kh").replace("tsj", "ch").replace("sj", "sh").replace("zj", "zh")
    return en.replace("oe", "u").replace("j", "i")


def _sentences() -> list[list[str]]:
    source = paths.source_article()
    text = source.read_text(encoding="utf-8") if source.exists() else FALLBACK_TEXT
    text = re.sub(r"=+[^=\n]*=+", " ", text)
    out = []
    for sentence in re.split(r"(?<=[.!?])\s*(?=[a-z0-9'])", text):
        words = sentence.split()
        if 6 <= len(words) <= 45:
            out.append(words)
    return out


Place = tuple[str, str, str, str, str, str]


def _coordinates(places: Sequence[Place], seed: int) -> list[tuple[float, float, str, str]]:
    """(lat, lon, coords kind, id) per place: the real ones where they are, villages
    scattered within about 60 km of their oblast's centre (a generator of their own,
    so the events drawn are the same as without coordinates)."""
    rng = random.Random(seed + 17)
    out = []
    for pid, nl, _en, _kind, _country, oblast in places:
        if nl in COORDS:
            lat, lon = COORDS[nl]
            out.append((lat, lon, "point", pid))
        else:
            lat, lon = COORDS.get(oblast, COORDS["Kiev"])
            lat += rng.uniform(-0.55, 0.55)
            lon += rng.uniform(-0.8, 0.8)
            out.append((round(lat, 4), round(lon, 4), "point", pid))
    return out


def _places(rng: random.Random, total: int) -> list[Place]:
    places = [(f"pl-{i:03d}", *p) for i, p in enumerate(REAL_PLACES)]
    names = sorted({(pre + root).capitalize() for pre in PREFIXES for root in ROOTS})
    rng.shuffle(names)
    for suffix in ("", " Persja", " Druha", " Tretja"):
        for name in names:
            if len(places) >= total:
                return places
            name += suffix
            places.append(
                (
                    f"pl-{len(places):03d}",
                    name,
                    _transliterate(name),
                    "village",
                    "UA",
                    rng.choice(OBLASTS),
                )
            )
    return places


def _actors(total: int) -> list[tuple[str, str, str, str]]:
    actors = [(f"ac-{i:03d}", *a) for i, a in enumerate(REAL_ACTORS)]
    for first in FIRST:
        for last in LAST:
            if len(actors) >= total:
                return actors
            name = f"{first} {last}"
            actors.append((f"ac-{len(actors):03d}", name, _transliterate(name), "person"))
    return actors


def _aliases(
    places: Sequence[tuple[str, ...]], actors: Sequence[tuple[str, ...]]
) -> list[tuple[str, str, str, str, str, str]]:
    rows: dict[tuple[str, str, str, str], tuple[str, str, str, str, str, str]] = {}
    for kind, entities in (("place", places), ("actor", actors)):
        for entity in entities:
            eid, nl, en = entity[0], entity[1], entity[2]
            spellings = [(nl, "nl"), (en, "en")]
            if kind == "actor" and " " in nl:
                spellings += [(nl.split()[-1], "nl"), (en.split()[-1], "en")]
            for alias, lang in spellings:
                # The first language wins when both names are spelled the same.
                rows.setdefault(
                    (alias, fold(alias), kind, eid), (alias, fold(alias), kind, eid, lang, "synth")
                )
    return sorted(rows.values())


def _year_weights() -> tuple[list[int], list[float]]:
    years = list(range(1989, 2026))
    special = {2014: 4.0, 2015: 2.0, 2021: 5.0, 2022: 45.0, 2023: 32.0, 2024: 12.0, 2025: 6.0}
    weights = [special.get(y, 0.3 if y < 2014 else 1.2) for y in years]
    return years, weights


def _dates(rng: random.Random, n: int) -> Iterator[date]:
    years, weights = _year_weights()
    # Burst days: a few hundred days, most in 2022-2023, that get a third of the events.
    bursts = []
    for year in rng.choices(years, weights, k=300):
        bursts.append(date(year, 1, 1) + timedelta(days=rng.randrange(365)))
    burst_cum = list(accumulate(rng.paretovariate(1.2) for _ in bursts))
    for year in rng.choices(years, weights, k=n):
        if rng.random() < 0.33:
            day = rng.choices(bursts, cum_weights=burst_cum)[0]
            day += timedelta(days=int(rng.expovariate(0.7)))
        else:
            day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        yield min(day, date(2025, 12, 31))


def _period(day: date, precision: str, qualifier: str) -> tuple[str, str, str]:
    """start, date_min, date_max for an event at *precision* around *day*."""
    if precision == "day":
        iso = day.isoformat()
        return iso, iso, iso
    if precision == "month":
        first = day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        lo, hi = {"start": (1, 10), "mid": (11, 20), "end": (21, last.day)}.get(
            qualifier, (1, last.day)
        )
        return (
            first.isoformat()[:7],
            first.replace(day=lo).isoformat(),
            first.replace(day=hi).isoformat(),
        )
    lo_m, hi_m = {"start": (1, 4), "mid": (5, 8), "end": (9, 12)}.get(qualifier, (1, 12))
    hi_day = (date(day.year, hi_m, 28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return str(day.year), date(day.year, lo_m, 1).isoformat(), hi_day.isoformat()


def _date_words(day: date, precision: str, qualifier: str) -> str:
    month = MONTHS_NL[day.month - 1]
    q = {"start": "begin ", "mid": "medio ", "end": "eind ", "approx": "rond "}.get(qualifier, "")
    if precision == "day":
        return f"op {day.day} {month} {day.year}"
    if precision == "month":
        return f"{q or 'in '}{month} {day.year}"
    return f"{q or 'in '}{day.year}"


def _zipf_weights(count: int, exponent: float) -> list[float]:
    return [1.0 / (rank + 1) ** exponent for rank in range(count)]


def generate(path: Path, n: int, seed: int = 0, progress: Progress | None = None) -> None:
    """Write a synthetic event database with *n* events to *path* (replaced)."""
    rng = random.Random(seed)
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -400000")
    create_schema(conn)
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO categories VALUES (?, ?, ?, ?, ?)", [c[:5] for c in CATEGORIES])
    places = _places(rng, 300)
    actors = _actors(200)
    conn.executemany(
        "INSERT INTO places (id, name_nl, name_en, kind, country, oblast) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        places,
    )
    conn.executemany(
        "UPDATE places SET lat = ?, lon = ?, coords = ? WHERE id = ?", _coordinates(places, seed)
    )
    conn.executemany("INSERT INTO actors VALUES (?, ?, ?, ?)", actors)
    conn.executemany("INSERT INTO aliases VALUES (?, ?, ?, ?, ?, ?)", _aliases(places, actors))
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("title", "Synthetic benchmark database"), ("events", str(n)), ("seed", str(seed))],
    )

    sentences = _sentences()
    cat_keys = [c[0] for c in CATEGORIES]
    cat_weights = [c[5] for c in CATEGORIES]
    place_weights = _zipf_weights(len(places), 1.0)
    actor_weights = _zipf_weights(len(actors), 1.0)
    # Shuffle so that the most frequent entities are not always the "real" ones.
    rng.shuffle(place_weights)
    rng.shuffle(actor_weights)
    place_cum = list(accumulate(place_weights))
    actor_cum = list(accumulate(actor_weights))
    cat_cum = list(accumulate(cat_weights))
    place_idx = range(len(places))
    actor_idx = range(len(actors))
    total = n + max(1, n // 10)  # the last tenth stands for the final index merge
    batch = 20000
    ev_rows: list[tuple[object, ...]] = []
    fts_rows: list[tuple[object, ...]] = []
    ep_rows: list[tuple[str, str]] = []
    ea_rows: list[tuple[str, str]] = []
    for i, day in enumerate(_dates(rng, n)):
        roll = rng.random()
        precision = "day" if roll < 0.82 else "month" if roll < 0.95 else "year"
        if day.year < 2014 and rng.random() < 0.4:
            precision = "year"
        qualifier = ""
        if precision != "day" and rng.random() < 0.35:
            qualifier = rng.choice(("start", "mid", "end", "approx"))
        elif rng.random() < 0.02:
            qualifier = "approx"
        start, dmin, dmax = _period(day, precision, qualifier)
        end = ""
        if precision == "day" and rng.random() < 0.04:
            end_day = day + timedelta(days=1 + int(rng.expovariate(0.15)))
            end = dmax = end_day.isoformat()
        linked_places = sorted(
            set(
                rng.choices(
                    place_idx,
                    cum_weights=place_cum,
                    k=rng.choices((0, 1, 2, 3), (35, 45, 15, 5))[0],
                )
            )
        )
        linked_actors = sorted(
            set(
                rng.choices(
                    actor_idx,
                    cum_weights=actor_cum,
                    k=rng.choices((0, 1, 2, 3), (40, 40, 15, 5))[0],
                )
            )
        )
        a, b = rng.choice(sentences), rng.choice(sentences)
        words = a[: rng.randint(3, len(a))] + b[rng.randint(0, len(b) - 3) :]
        for p in linked_places:
            words.insert(rng.randint(0, len(words)), places[p][1])
        for ac in linked_actors:
            words.insert(rng.randint(0, len(words)), actors[ac][1])
        body = " ".join(words[:45])
        text = _date_words(day, precision, qualifier) + " " + body
        text = text[0].upper() + text[1:]
        if not text.endswith("."):
            text += "."
        title = " ".join(body.split()[:7]).rstrip(".,;:")
        title = title[:1].upper() + title[1:]
        cat = rng.choices(cat_keys, cum_weights=cat_cum)[0]
        eid = f"syn-{i:07d}"
        seq = i + 1
        ev_rows.append(
            (eid, seq, start, end, precision, qualifier, dmin, dmax, text, title, cat, cat, 0, 0)
        )
        names = [n for p in linked_places for n in places[p][1:3]]
        names += [n for ac in linked_actors for n in actors[ac][1:3]]
        fts_rows.append((seq, text, title, stem_text(text), " ".join(names)))
        ep_rows.extend((eid, places[p][0]) for p in linked_places)
        ea_rows.extend((eid, actors[ac][0]) for ac in linked_actors)
        if len(ev_rows) >= batch or i == n - 1:
            _flush(conn, ev_rows, fts_rows, ep_rows, ea_rows)
            if progress:
                progress(i + 1, total)
    conn.execute("COMMIT")
    # One merged FTS segment makes queries on the read-only copy faster.
    conn.execute("INSERT INTO events_fts(events_fts) VALUES ('optimize')")
    conn.execute("ANALYZE")
    conn.close()
    if progress:
        progress(total, total)


def _flush(
    conn: sqlite3.Connection,
    ev_rows: list[tuple[object, ...]],
    fts_rows: list[tuple[object, ...]],
    ep_rows: list[tuple[str, str]],
    ea_rows: list[tuple[str, str]],
) -> None:
    conn.executemany(
        'INSERT INTO events (id, seq, start, "end", precision, qualifier, date_min, date_max, '
        "text, title, section, category, source_start, source_end) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ev_rows,
    )
    conn.executemany(
        "INSERT INTO events_fts (rowid, text, title, stems, names) VALUES (?, ?, ?, ?, ?)",
        fts_rows,
    )
    conn.executemany("INSERT INTO event_places VALUES (?, ?)", ep_rows)
    conn.executemany("INSERT INTO event_actors VALUES (?, ?)", ea_rows)
    for rows in (ev_rows, fts_rows, ep_rows, ea_rows):
        rows.clear()


class TextProgress:
    """A plain-text progress bar on stderr: ``[#####-----]  50%  500000/1000000``."""

    def __init__(self, label: str, width: int = 30) -> None:
        self.label = label
        self.width = width
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        filled = self.width * done // max(total, 1)
        elapsed = time.monotonic() - self.started
        bar = "#" * filled + "-" * (self.width - filled)
        sys.stderr.write(
            f"\r{self.label} [{bar}] {100 * done // max(total, 1):3d}%  {elapsed:6.1f} s"
        )
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the database file to write (replaced)")
    parser.add_argument("--n", type=int, default=1_000_000, help="number of events")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    try:
        generate(args.out, args.n, args.seed, TextProgress("generating"))
    except KeyboardInterrupt:
        sys.stderr.write("\ncancelled\n")
        args.out.unlink(missing_ok=True)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
