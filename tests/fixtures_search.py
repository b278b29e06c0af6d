"""A small, realistic event database for the search and facet tests.

The sentences are written the way the article writes them (Dutch spellings:
Charkov, Poetin, NAVO, Wit-Rusland, Przewodów, Krimbrug, Wagnergroep), with
places and actors linked and their English names in the alias table, so that
tests can check that English queries find the Dutch-spelled events.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from explorer.core.events.array_build import store_arrays
from explorer.core.events.schema import create_schema
from explorer.core.events.stemming import stem_text, tokens

CATEGORIES = [
    ("overview", "Overzicht", "Overview", "#6b7280", 1),
    ("military", "Gevechten", "Fighting", "#c0392b", 3),
    ("nuclear", "Nucleaire dreiging", "Nuclear threat", "#8e44ad", 6),
    ("diplomacy", "Diplomatie", "Diplomacy", "#0e7490", 14),
    ("sanctions", "Sancties", "Sanctions", "#4d7c0f", 13),
]

# id, name_nl, name_en, kind, country, oblast
PLACES = [
    ("charkov", "Charkov", "Kharkiv", "city", "UA", "Charkiv"),
    ("kiev", "Kiev", "Kyiv", "city", "UA", "Kiev"),
    ("cherson", "Cherson", "Kherson", "city", "UA", "Cherson"),
    ("krim", "Krim", "Crimea", "region", "UA", "Krim"),
    (
        "zaporizja-kc",
        "Kerncentrale Zaporizja",
        "Zaporizhzhia Nuclear Power Plant",
        "facility",
        "UA",
        "Zaporizja",
    ),
    ("slangeneiland", "Slangeneiland", "Snake Island", "island", "UA", "Odessa"),
    ("wit-rusland", "Wit-Rusland", "Belarus", "country", "BY", ""),
    ("przewodow", "Przewodów", "Przewodów", "village", "PL", "Lublin"),
    ("brussel", "Brussel", "Brussels", "city", "BE", ""),
    ("moskou", "Moskou", "Moscow", "city", "RU", ""),  # no events: must not be listed
]

# id, name_nl, name_en, kind
ACTORS = [
    ("poetin", "Vladimir Poetin", "Vladimir Putin", "person"),
    ("zelensky", "Volodymyr Zelensky", "Volodymyr Zelenskyy", "person"),
    ("navo", "NAVO", "NATO", "organisation"),
    ("vn", "Verenigde Naties", "United Nations", "organisation"),
    ("wagner", "Wagnergroep", "Wagner Group", "organisation"),
    ("rusland", "Rusland", "Russia", "country"),
]

EXTRA_ALIASES = [
    ("Kharkov", "place", "charkov", "en"),
    ("Putin", "actor", "poetin", "en"),
    ("Poetin", "actor", "poetin", "nl"),
    ("Wagner", "actor", "wagner", "en"),
    ("Kherson", "place", "cherson", "en"),
    ("Zaporizhzhia", "place", "zaporizja-kc", "en"),
    ("Zaporizja", "place", "zaporizja-kc", "nl"),
    ("Zelenskyy", "actor", "zelensky", "en"),
    ("Zelensky", "actor", "zelensky", "nl"),
    ("Russia", "actor", "rusland", "en"),
]

# id, start, end, precision, qualifier, date_min, date_max, category, title, text,
# places, actors
EVENTS = [
    (
        "ev-charkov",
        "2022-02-28",
        "",
        "day",
        "",
        "2022-02-28",
        "2022-02-28",
        "military",
        "Charkov gebombardeerd",
        "Op 28 februari 2022 werd Charkov zwaar gebombardeerd door Russische troepen.",
        ["charkov"],
        ["rusland"],
    ),
    (
        "ev-poetin",
        "2022-02-24",
        "",
        "day",
        "",
        "2022-02-24",
        "2022-02-24",
        "overview",
        "Poetin kondigt operatie aan",
        "Op 24 februari 2022 kondigde Poetin een 'speciale militaire operatie' aan.",
        [],
        ["poetin", "rusland"],
    ),
    (
        "ev-navo",
        "2022-03-24",
        "",
        "day",
        "",
        "2022-03-24",
        "2022-03-24",
        "diplomacy",
        "NAVO-top in Brussel",
        "Op 24 maart 2022 hield de NAVO een buitengewone top in Brussel.",
        ["brussel"],
        ["navo"],
    ),
    (
        "ev-witrusland",
        "2022-02-24",
        "",
        "day",
        "",
        "2022-02-24",
        "2022-02-24",
        "military",
        "Aanval vanuit Wit-Rusland",
        "Russische troepen vielen Oekraïne ook binnen vanuit Wit-Rusland.",
        ["wit-rusland"],
        ["rusland"],
    ),
    (
        "ev-przewodow",
        "2022-11-15",
        "",
        "day",
        "",
        "2022-11-15",
        "2022-11-15",
        "military",
        "Raket slaat in bij Przewodów",
        "Op 15 november 2022 sloeg een raket in bij Przewodów in Polen, waarbij twee mensen "
        "omkwamen.",
        ["przewodow"],
        ["navo"],
    ),
    (
        "ev-krimbrug",
        "2022-10-08",
        "",
        "day",
        "",
        "2022-10-08",
        "2022-10-08",
        "military",
        "Krimbrug beschadigd",
        "Op 8 oktober 2022 werd de Krimbrug door een explosie zwaar beschadigd.",
        ["krim"],
        [],
    ),
    (
        "ev-wagner",
        "2023-06-24",
        "",
        "day",
        "",
        "2023-06-24",
        "2023-06-24",
        "military",
        "Opstand van de Wagnergroep",
        "Op zaterdagochtend 24 juni 2023 kwam de Wagnergroep in opstand tegen het Russische leger.",
        [],
        ["wagner"],
    ),
    (
        "ev-kerncentrale",
        "2022-03-03",
        "2022-03-04",
        "day",
        "",
        "2022-03-03",
        "2022-03-04",
        "nuclear",
        "Kerncentrale Zaporizja beschoten",
        "In de nacht van 3 op 4 maart 2022 werd de kerncentrale van Zaporizja beschoten.",
        ["zaporizja-kc"],
        ["rusland"],
    ),
    (
        "ev-troepenopbouw",
        "2021-12",
        "",
        "month",
        "start",
        "2021-12-01",
        "2021-12-10",
        "overview",
        "Waarschuwingen voor troepenopbouw",
        "Begin december 2021 waarschuwden Amerikaanse inlichtingendiensten voor een grote "
        "Russische troepenopbouw.",
        [],
        ["rusland"],
    ),
    (
        "ev-annexatie",
        "2014",
        "",
        "year",
        "",
        "2014-01-01",
        "2014-12-31",
        "overview",
        "Annexatie van de Krim",
        "In 2014 annexeerde Rusland de Krim.",
        ["krim"],
        ["rusland"],
    ),
    (
        "ev-kachovka",
        "2023-06-06",
        "",
        "day",
        "",
        "2023-06-06",
        "2023-06-06",
        "military",
        "Kachovkadam vernietigd",
        "Op 6 juni 2023 brak de Kachovkadam, waarna grote delen van Cherson overstroomden.",
        ["cherson"],
        [],
    ),
    (
        "ev-zelensky",
        "2022-03-16",
        "",
        "day",
        "",
        "2022-03-16",
        "2022-03-16",
        "diplomacy",
        "Zelensky spreekt Congres toe",
        "Op 16 maart 2022 sprak Zelensky het Amerikaanse Congres toe.",
        [],
        ["zelensky"],
    ),
    (
        "ev-vn",
        "2022-10-12",
        "",
        "day",
        "",
        "2022-10-12",
        "2022-10-12",
        "diplomacy",
        "VN veroordelen annexaties",
        "Op 12 oktober 2022 veroordeelde de Algemene Vergadering van de Verenigde Naties de "
        "annexaties.",
        [],
        ["vn"],
    ),
    (
        "ev-slangeneiland",
        "2022-06-30",
        "",
        "day",
        "",
        "2022-06-30",
        "2022-06-30",
        "military",
        "Terugtrekking van het Slangeneiland",
        "Op 30 juni 2022 trokken Russische troepen zich terug van het Slangeneiland.",
        ["slangeneiland"],
        ["rusland"],
    ),
    (
        "ev-kiev",
        "2022-10-10",
        "",
        "day",
        "",
        "2022-10-10",
        "2022-10-10",
        "military",
        "Raketaanvallen op Kiev",
        "Op 10 oktober 2022 werd Kiev getroffen door een golf van raketaanvallen.",
        ["kiev"],
        ["rusland"],
    ),
    (
        "ev-sancties",
        "2022-03",
        "",
        "month",
        "",
        "2022-03-01",
        "2022-03-31",
        "sanctions",
        "Sancties tegen Rusland",
        "In maart 2022 kondigde de Europese Unie nieuwe sancties tegen Rusland aan.",
        [],
        ["rusland"],
    ),
]


def build(path: Path | str = ":memory:") -> sqlite3.Connection:
    """Create the fixture database at *path* and return a connection to it."""
    conn = sqlite3.connect(str(path))
    create_schema(conn)
    conn.executemany("INSERT INTO categories VALUES (?, ?, ?, ?, ?)", CATEGORIES)
    conn.executemany(
        "INSERT INTO places (id, name_nl, name_en, kind, country, oblast) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        PLACES,
    )
    conn.executemany("INSERT INTO actors VALUES (?, ?, ?, ?)", ACTORS)
    aliases = [(nl, "place", pid, "nl") for pid, nl, _en, *_ in PLACES]
    aliases += [(en, "place", pid, "en") for pid, _nl, en, *_ in PLACES]
    aliases += [(nl, "actor", aid, "nl") for aid, nl, _en, _k in ACTORS]
    aliases += [(en, "actor", aid, "en") for aid, _nl, en, _k in ACTORS]
    aliases += EXTRA_ALIASES
    conn.executemany(
        "INSERT OR IGNORE INTO aliases VALUES (?, ?, ?, ?, ?, 'test')",
        [(a, " ".join(tokens(a)), t, i, lang) for a, t, i, lang in aliases],
    )
    names = {("place", p[0]): (p[1], p[2]) for p in PLACES}
    names.update({("actor", a[0]): (a[1], a[2]) for a in ACTORS})
    for seq, ev in enumerate(EVENTS, start=1):
        eid, start, end, precision, qualifier, dmin, dmax, cat, title, text, places, actors = ev
        conn.execute(
            'INSERT INTO events (id, seq, start, "end", precision, qualifier, date_min, '
            "date_max, text, title, section, category, source_start, source_end) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Test', ?, 0, 0)",
            (eid, seq, start, end, precision, qualifier, dmin, dmax, text, title, cat),
        )
        conn.executemany("INSERT INTO event_places VALUES (?, ?)", [(seq, p) for p in places])
        conn.executemany("INSERT INTO event_actors VALUES (?, ?)", [(seq, a) for a in actors])
        linked = [names[("place", p)] for p in places] + [names[("actor", a)] for a in actors]
        conn.execute(
            "INSERT INTO events_fts (rowid, text, title, stems, names) VALUES (?, ?, ?, ?, ?)",
            (seq, text, title, stem_text(text), " ".join(n for pair in linked for n in pair)),
        )
    store_arrays(conn)
    conn.commit()
    return conn
