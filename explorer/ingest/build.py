"""Build the event database from the vendored article (``kroniek build-db``).

The pipeline: parse the article (sections, paragraphs, sentences), find the
dated sentences and resolve their dates, link places and actors from the
gazetteer, restore capitals for display, write headlines, and store it all with
sqlite-utils. The database is written to a temporary file beside the target and
renamed into place only when complete, so a failed build never leaves a half
database behind. The output is deterministic apart from ``meta.built``.
"""

from __future__ import annotations

import csv
import os
import re
import sqlite3
import stat
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import sqlite_utils

from explorer.core.events.array_build import ArrayBuildError, store_arrays
from explorer.core.events.schema import SCHEMA_VERSION, add_search_index, create_schema
from explorer.core.events.stemming import stem_text
from explorer.ingest.analysis import Analyses, Token
from explorer.ingest.article import SOURCE_FILE, Article, ArticleError, parse_article
from explorer.ingest.duplicates import Told, told_twice
from explorer.ingest.entities import Gazetteer, Mention
from explorer.ingest.events import DraftEvent, extract_events
from explorer.ingest.figures import measure
from explorer.ingest.headlines import make_headline
from explorer.ingest.lexicon import UNKNOWN_FILE, read_unknown
from explorer.ingest.places import co_mentions, locate
from explorer.ingest.reading import write_reading_tables
from explorer.ingest.roles import assign_roles
from explorer.ingest.temporal import find_expressions
from explorer.ingest.titles import make_title
from explorer.ingest.truecase import TrueCaser, kept_lower
from explorer.ingest.verbs import VERB_FORMS_FILE, read_verb_forms
from explorer.ingest.wordclasses import ROLES

SOURCE_META = {
    "source_title": "Russische invasie van Oekraïne",
    "source_wiki": "nl.wikipedia.org",
    "source_url": "https://nl.wikipedia.org/wiki/Russische_invasie_van_Oekra%C3%AFne",
    "source_licence": "CC BY-SA 4.0",
    "source_licence_url": "https://creativecommons.org/licenses/by-sa/4.0/",
    "source_note": "Text lower-cased by the provider; capitals restored by Kroniek for display.",
    "source_latest_content": "2023-12",
}

Progress = Callable[[str, int, int], None]


class BuildError(Exception):
    """The database cannot be built; the message is one line for the user."""


@dataclass
class BuildReport:
    events: int = 0
    sentences: int = 0
    with_place: int = 0
    with_actor: int = 0
    places: int = 0
    actors: int = 0
    unmatched: Counter[str] = field(default_factory=Counter)
    duplicates: int = 0
    conflicts: int = 0
    fallback: int = 0
    stale: int = 0
    figures: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        def share(n: int) -> str:
            return f"{100 * n / self.events:.1f}%" if self.events else "-"

        top = ", ".join(f"{w} ({n})" for w, n in self.unmatched.most_common(40))
        return [
            f"events: {self.events} from {self.sentences} sentences",
            f"events with a place: {self.with_place} ({share(self.with_place)})",
            f"events with an actor: {self.with_actor} ({share(self.with_actor)})",
            f"places: {self.places}, actors: {self.actors}",
            f"capitalised words that matched no entity (review): {top or 'none'}",
            *self.figures,
            f"analysis: {self.stale} sentences whose Frog analysis is stale"
            + (" (run python -m explorer.ingest.reanalyse)" if self.stale else ""),
        ]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _category_of(path: tuple[str, ...], mapping: dict[str, str]) -> str:
    top = path[0] if path else ""
    return mapping.get(top, "overview")


def _section_label(
    path: tuple[str, ...], casing: TrueCaser | None = None, gazetteer: Gazetteer | None = None
) -> str:
    """The heading path as shown: each heading capitalised like the event texts."""

    def case(title: str) -> str:
        if casing is not None and gazetteer is not None:
            title = casing.apply(title, gazetteer.find(title))
        return title[:1].upper() + title[1:]

    return " › ".join(case(p) for p in path) if path else "Inleiding"


MAX_SOURCE_BYTES = 100 * 1024 * 1024


def build_database(
    db_dir: Path,
    target: Path,
    source: Path | None = None,
    progress: Progress | None = None,
    built: str | None = None,
) -> BuildReport:
    """Build the event database from *db_dir* into *target*, atomically."""
    source = source or db_dir / SOURCE_FILE
    try:
        # A pipe or a device would be read forever: regular files only, and
        # no article is a hundred megabytes (the real one is under one).
        info = os.stat(source)
        if not stat.S_ISREG(info.st_mode):
            raise BuildError(f"source article is not a regular file: {source}")
        if info.st_size > MAX_SOURCE_BYTES:
            raise BuildError(f"source article is larger than 100 MB: {source}")
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BuildError(f"source article not found: {source}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BuildError(f"cannot read source article {source}: {exc}") from None
    try:
        article = parse_article(text)
    except ArticleError as exc:
        raise BuildError(f"{source}: {exc}") from None

    step = progress or (lambda _label, _done, _total: None)
    step("parse", 1, 5)
    drafts = extract_events(article)
    if not drafts:
        raise BuildError(f"{source}: no dated sentences found")
    step("dates", 2, 5)
    gazetteer = Gazetteer.load(db_dir / "gazetteer")
    casing = TrueCaser.load(db_dir / "gazetteer", gazetteer)
    step("entities", 3, 5)

    try:
        if target.is_dir():
            raise IsADirectoryError(21, "Is a directory", str(target))
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".kroniek-build-", suffix=".db", dir=target.parent)
    except OSError as exc:
        raise BuildError(f"cannot write the database to {target}: {exc.strerror or exc}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        try:
            report = _write(tmp, db_dir, article, drafts, gazetteer, casing, built)
        except ArrayBuildError as exc:
            raise BuildError(f"{source}: {exc}") from None
        step("write", 4, 5)
        tmp.chmod(0o644)  # mkstemp creates 0600; the database is meant to be shared
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BuildError(f"cannot write the database to {target}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    step("done", 5, 5)
    return report


def _write(
    path: Path,
    db_dir: Path,
    article: Article,
    drafts: list[DraftEvent],
    gazetteer: Gazetteer,
    casing: TrueCaser,
    built: str | None,
) -> BuildReport:
    conn = sqlite3.connect(path)
    try:
        create_schema(conn)
        db = sqlite_utils.Database(conn)
        categories = _read_csv(db_dir / "categories.csv")
        mapping = {
            r["heading"]: r["category"] for r in _read_csv(db_dir / "section_categories.csv")
        }
        report = BuildReport(sentences=len(article.sentences))
        with conn:
            _insert_metadata(db, built, len(drafts))
            db.table("categories").insert_all(
                {**row, "sort": int(row["sort"])} for row in categories
            )
            db.table("sections").insert_all(
                {
                    "id": s.id,
                    "parent_id": s.parent_id,
                    "level": s.level,
                    "title": s.title,
                    "path": _section_label(s.path, casing, gazetteer),
                    "category": _category_of(s.path, mapping),
                    "source_start": s.start,
                    "source_end": s.end,
                }
                for s in article.sections
            )
            db.table("paragraphs").insert_all(
                {"id": p.id, "section_id": p.section.id, "source_start": p.start,
                 "source_end": p.end}
                for p in article.paragraphs
            )  # fmt: skip
            dated = {d.sentence.id for d in drafts}
            # Context sentences are shown in the detail view, so they get capitals too.
            db.table("sentences").insert_all(
                {"id": s.id, "paragraph_id": s.paragraph.id,
                 "text": casing.apply(s.text, gazetteer.find(s.text)),
                 "source_start": s.start, "source_end": s.end, "dated": int(s.id in dated)}
                for s in article.sentences
            )  # fmt: skip
            context = co_mentions(gazetteer, (s.text for s in article.sentences))
            db.table("places").insert_all(vars(p) for p in locate(gazetteer.places, context))
            db.table("actors").insert_all(vars(a) for a in gazetteer.actors)
            db.table("aliases").insert_all(vars(a) for a in gazetteer.aliases)
            analyses = Analyses.load(db_dir)
            forms = read_verb_forms(db_dir / "gazetteer" / VERB_FORMS_FILE)
            antecedents = _antecedents(article, gazetteer, casing, analyses)
            _insert_events(
                db, drafts, gazetteer, casing, mapping, report, analyses, forms, antecedents
            )
            add_search_index(conn)
            glossary = write_reading_tables(db, db_dir, article, drafts, casing, gazetteer)
            store_arrays(conn)
        report.places, report.actors = len(gazetteer.places), len(gazetteer.actors)
        report.stale = len(set(analyses.stale))
        gazetteer_dir = db_dir / "gazetteer"
        unknown = read_unknown(gazetteer_dir / UNKNOWN_FILE) - kept_lower(gazetteer_dir)
        report.figures = [*measure(conn, unknown, report.fallback), glossary]
        conn.execute("INSERT INTO events_fts(events_fts) VALUES ('optimize')")
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()
    return report


_WORD = re.compile(r"[^\W\d_][\w'-]*")


def _unlinked_capitals(text: str, mentions: list[Mention]) -> list[str]:
    """Words shown capitalised mid-sentence that no place or actor explains."""
    covered = [(m.start, m.end) for m in mentions]
    words = []
    for m in _WORD.finditer(text):
        before = text[max(0, m.start() - 2) : m.start()]
        if m.start() == 0 or not m.group()[0].isupper() or before in (". ", " '", ": "):
            continue
        if not any(s <= m.start() < e for s, e in covered):
            words.append(m.group().lower())
    return words


def _insert_metadata(db: sqlite_utils.Database, built: str | None, count: int) -> None:
    built = built or os.environ.get("KRONIEK_BUILT") or datetime.now(UTC).date().isoformat()
    rows = {
        **SOURCE_META,
        "schema_version": str(SCHEMA_VERSION),
        "built": built,
        "events": str(count),
    }
    db.table("meta").insert_all({"key": k, "value": v} for k, v in sorted(rows.items()))


def _insert_events(
    db: sqlite_utils.Database,
    drafts: list[DraftEvent],
    gazetteer: Gazetteer,
    casing: TrueCaser,
    mapping: dict[str, str],
    report: BuildReport,
    analyses: Analyses,
    forms: dict[str, str],
    antecedents: dict[int, str],
) -> None:
    names = {("place", p.id): f"{p.name_nl} {p.name_en}" for p in gazetteer.places}
    names |= {("actor", a.id): f"{a.name_nl} {a.name_en}" for a in gazetteer.actors}
    events, fts, links_p, links_a = [], [], [], []
    for draft in drafts:
        raw = draft.sentence.text
        found: list[Mention] = gazetteer.find(raw)
        text = casing.apply(raw, found)
        mentions = assign_roles(raw, text, found, gazetteer)
        report.unmatched.update(_unlinked_capitals(text, mentions))
        expr = draft.timex.expression
        tokens = analyses.tokens(raw, text)
        spans = [(e.start, e.end) for e in find_expressions(raw)]
        antecedent = antecedents.get(draft.sentence.id)
        headline = make_headline(text, tokens, spans, forms, antecedent=antecedent)
        report.fallback += headline is None
        title = headline or make_title(text, expr.start, expr.end, draft.timex.precision)
        first, last = draft.timex.date_range()
        section = draft.section
        places = sorted({m.entity_id for m in mentions if m.entity_type == "place"})
        actors = sorted({m.entity_id for m in mentions if m.entity_type == "actor"})
        report.events += 1
        report.with_place += bool(places)
        report.with_actor += bool(actors)
        links_p += [{"seq": draft.seq, "place_id": p} for p in places]
        links_a += [{"seq": draft.seq, "actor_id": a} for a in actors]
        events.append(
            {
                "id": draft.id,
                "seq": draft.seq,
                "start": draft.timex.start.iso(),
                "end": draft.timex.end.iso() if draft.timex.end else "",
                "precision": draft.timex.precision,
                "qualifier": draft.timex.qualifier,
                "date_min": first.isoformat(),
                "date_max": last.isoformat(),
                "inferred_year": int(draft.timex.inferred_year),
                "text": text,
                "title": title,
                "section": _section_label(section.path, casing, gazetteer),
                "section_id": section.id,
                "category": _category_of(section.path, mapping),
                "sentence_id": draft.sentence.id,
                "source_start": draft.source_start,
                "source_end": draft.source_end,
            }
        )
        linked = [names[("place", p)] for p in places] + [names[("actor", a)] for a in actors]
        fts.append(
            {
                "rowid": draft.seq,
                "text": text,
                "title": title,
                "stems": stem_text(raw),
                "names": " ".join(linked),
            }
        )
    db.table("events").insert_all(events)
    told = [
        Told(
            str(e["id"]),
            int(str(e["section_id"])),
            date.fromisoformat(str(e["date_min"])),
            date.fromisoformat(str(e["date_max"])),
            str(e["text"]),
        )
        for e in events
    ]
    links = told_twice(told)
    seq_of = {str(e["id"]): int(str(e["seq"])) for e in events}
    db.table("event_links").insert_all(
        {"seq": seq_of[k.event_id], "other_seq": seq_of[k.other_id], "relation": "also_told_in",
         "note": k.note}
        for k in links
    )  # fmt: skip
    report.duplicates = len(links) // 2
    report.conflicts = sum(1 for k in links if k.note) // 2
    db.table("event_places").insert_all(links_p)
    db.table("event_actors").insert_all(links_a)
    db.table("events_fts").insert_all(fts)


def _antecedents(
    article: Article, gazetteer: Gazetteer, casing: TrueCaser, analyses: Analyses
) -> dict[int, str]:
    """For each sentence, the person its section last named before it.

    A headline whose subject is "hij" or "zij" names that person instead. A
    person is a gazetteer actor or a name Frog's NER marks as one ("directeur
    Moerasjov"). Only the sentences of the same section count: a new section
    may be about someone else.
    """
    people = {a.id for a in gazetteer.actors if a.kind == "person"}
    found: dict[int, str] = {}
    last: dict[int, str] = {}
    for sentence in article.sentences:
        section = sentence.section.id
        if section in last:
            found[sentence.id] = last[section]
        mentions = gazetteer.find(sentence.text)
        text = casing.apply(sentence.text, mentions)
        spans = [(m.start, m.end) for m in mentions if m.entity_type == "actor"
                 and m.entity_id in people]  # fmt: skip
        places = [(m.start, m.end) for m in mentions if m.entity_type == "place"]
        tokens = analyses.tokens(sentence.text, text, quiet=True)
        spans += [(t.start, t.end) for i, t in enumerate(tokens)
                  if (t.ner.startswith("B-PER") or _titled(tokens, i)) and t.tag == "SPEC"
                  and not _locative(tokens, i)
                  and not any(s < t.end and t.start < e for s, e in places)]  # fmt: skip
        if spans:
            start, end = max(spans)
            last[section] = text[start:end]
    return found


def _titled(tokens: Sequence[Token], i: int) -> bool:
    """ "Generaal-majoor Kanamat Botasjev", whatever Frog's name tag: a rank names a person."""
    lemma = tokens[i - 1].lemma.lower() if i > 0 else ""
    return lemma.endswith(ROLES) or lemma.split("-")[0] in ROLES


def _locative(tokens: Sequence[Token], i: int) -> bool:
    """ "in de buurt van Popansa", "bij Popansa": a name where a place stands, no person."""
    before = [t.text.lower() for t in tokens[max(0, i - 2) : i]]
    return bool(before) and (
        before[-1] in ("bij", "nabij", "in", "naar", "uit", "boven", "rond")
        or before in (["buurt", "van"], ["omgeving", "van"], ["dorp", "van"])
    )


def main_build(db_dir: Path, target: Path, source: Path | None = None) -> int:
    """Command-line entry: build with a progress line on stderr, print coverage."""

    shown = [False]

    def show(label: str, done: int, total: int) -> None:
        shown[0] = True
        bar = "#" * (20 * done // total)
        print(f"\rbuilding [{bar:<20}] {label:<10}", end="", file=sys.stderr, flush=True)

    try:
        report = build_database(db_dir, target, source, progress=show)
    finally:
        if shown[0]:
            print(file=sys.stderr)  # end the progress line, also before an error
    for line in report.lines():
        print(line)
    print(f"written: {target}")
    return 0
