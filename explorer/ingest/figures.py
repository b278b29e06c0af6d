"""The quality figures ``kroniek build-db`` prints and docs/DATA_QUALITY.md records.

Each figure is measured on the database just built, the same way every time:

* casing: section paths that write a word in lower case although every event
  text capitalises it mid-sentence, and event texts that still show a word
  the Dutch word list does not know (a likely name) in lower case;
* headlines: titles that open with a date phrase, that end cut off (on a
  number, a month, an article or preposition, or inside a name), over 70
  characters, and how many came from the fallback (no main clause found);
* places: events with a place, and how many of those have one with coordinates;
* duplicates: happenings told twice, linked, and how many disagree on the date.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter

from explorer.ingest.temporal import MONTHS

MAX_TITLE = 70
FRONTED = re.compile(
    r"^(Op|In|Begin|Eind|Half|Medio|Rond|Sinds|Vanaf|Tot)\s+(\d|"
    + "|".join(sorted(MONTHS))
    + r")|^(Dezelfde|De volgende|Die|Diezelfde)\s+(dag|avond|ochtend|nacht|middag|week)"
)
# As shared/eval/check_headlines.py judges it: "op" may end a separable verb.
_SMALL = frozenset({"de", "het", "een", "van", "en", "of", "met", "voor", "tot", "door", "bij"})
_WORD = re.compile(r"\w[\w'’-]*")


def cut_off(title: str, text: str) -> bool:
    """A title that ends where no headline may: mid-date, mid-name, on a small word."""
    body = title.rstrip().removesuffix("…").rstrip(" '’")
    words = _WORD.findall(body)
    if not words:
        return True
    last = words[-1]
    if re.fullmatch(r"\d[\d.,:/%]*", last) or last.lower() in MONTHS or last.lower() in _SMALL:
        return True
    if last[:1].isupper():
        tail = re.escape(last) + r"(?![\w])\s+([^\W\d_])"
        return any(m.group(1).isupper() for m in re.finditer(tail, text))
    return False


def _proper_words(texts: list[str]) -> set[str]:
    """Words the event texts capitalise mid-sentence and never write in lower case."""
    upper: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for text in texts:
        for word in re.findall(r"(?<=[\w,;:] )[\wÀ-ÿ'-]+", text):
            (upper if word[:1].isupper() else lower)[word.lower()] += 1
    return {w for w, n in upper.items() if n >= 2 and lower[w] == 0 and len(w) > 2}


def measure(conn: sqlite3.Connection, unknown: frozenset[str], fallback: int) -> list[str]:
    """The figures of the database *conn*, one line each."""
    rows = conn.execute("SELECT title, text, section FROM events").fetchall()
    n = len(rows)
    texts = [text for _title, text, _section in rows]
    proper = _proper_words(texts)
    sections = {section for _t, _x, section in rows}
    bad_sections = {
        s
        for s in sections
        for w in re.findall(r"(?<= )[\wÀ-ÿ'-]+", s)
        if w[:1].islower() and w in proper
    }
    lower_names = sum(
        1
        for text in texts
        if any(
            w in unknown and len(w) > 3 for w in re.findall(r"(?<![\w-])[a-zß-ÿ]+(?![\w-])", text)
        )
    )
    fronted = sum(1 for title, _x, _s in rows if FRONTED.search(title))
    cut = sum(1 for title, text, _s in rows if cut_off(title, text))
    long = sum(1 for title, _x, _s in rows if len(title) > MAX_TITLE)
    with_place, located = conn.execute(
        "SELECT COUNT(DISTINCT ep.seq), COUNT(DISTINCT CASE WHEN p.lat IS NOT NULL "
        "THEN ep.seq END) FROM event_places ep JOIN places p ON p.id = ep.place_id"
    ).fetchone()
    kinds = dict(conn.execute("SELECT coords, COUNT(*) FROM places GROUP BY coords").fetchall())
    places = sum(kinds.values())
    pairs, conflicts = conn.execute(
        "SELECT COUNT(*) / 2, SUM(note != '') / 2 FROM event_links WHERE relation = 'also_told_in'"
    ).fetchone()

    def share(k: int, total: int) -> str:
        return f"{k}/{total} ({100 * k / total:.1f}%)" if total else "0/0"

    return [
        f"casing: section paths with a lower-case proper noun {len(bad_sections)}/{len(sections)}; "
        f"event texts with an unknown word in lower case {share(lower_names, n)}",
        f"headlines: fronted date {share(fronted, n)}; cut off {cut}; over {MAX_TITLE} "
        f"characters {long}; fallback (no main clause) {fallback}",
        f"places: events with a place {with_place}, with coordinates {share(located, with_place)}; "
        f"places {places}: own point {kinds.get('point', 0)}, area point {kinds.get('area', 0)}, "
        f"within an area {kinds.get('within', 0)}, none {kinds.get('', 0)}",
        f"duplicates: {pairs or 0} happenings told twice, linked; {conflicts or 0} with dates "
        "that differ",
    ]
