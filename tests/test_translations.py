"""The message catalogues are complete, consistent and compiled.

Every visible string is written in English in the code, extracted into
``resources/translations/kroniek.pot`` and translated in the ``nl`` and ``en``
catalogues. These tests fail when a developer adds or changes a ``_("…")``
without updating the catalogues, leaves a Dutch entry empty or fuzzy, drops or
renames a ``{placeholder}`` in a translation, or forgets to compile the ``.mo``
files — and the failure names the string and the command to run.
"""

from __future__ import annotations

import ast
import gettext
import io
import re
import string
import tokenize
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

from explorer import i18n

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "explorer"
TRANSLATIONS = REPO / "resources" / "translations"
POT = TRANSLATIONS / f"{i18n.DOMAIN}.pot"
UPDATE = "python resources/translations/update_catalogues.py"
HOW_TO_FIX = (
    f"\nRun `{UPDATE}`, translate the new or changed entries in "
    "resources/translations/nl/LC_MESSAGES/kroniek.po, then run it again to compile "
    "(see docs/TRANSLATING.md)."
)


def po_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def read_catalogue(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def entries(catalog: Catalog) -> Iterator[Message]:
    """Every real message (not the header) of *catalog*."""
    return (m for m in catalog if m.id)


def show(msgid: str | tuple[str, ...]) -> str:
    return repr(msgid[0] if isinstance(msgid, tuple) else msgid)


def key(msgid: str | tuple[str, ...]) -> str:
    """Catalogues are keyed by the singular msgid."""
    return msgid[0] if isinstance(msgid, tuple) else msgid


def forms(value: str | tuple[str, ...] | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


@pytest.fixture(scope="module")
def pot() -> Catalog:
    return read_catalogue(POT)


@pytest.fixture(scope="module", params=i18n.LANGUAGES)
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def catalogue(lang: str) -> Catalog:
    return read_catalogue(po_path(lang), lang)


# -- the template follows the source -----------------------------------------------


def extracted_from_source() -> dict[str, str]:
    """Extract ``_()``/``ngettext()`` from explorer/ in memory, as the update script does."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords = dict(DEFAULT_KEYWORDS)
    keywords.update({"_": None, "ngettext": (1, 2)})
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(SOURCE), method_map, options_map, keywords=keywords
    ):
        found.setdefault(key(message), f"explorer/{filename}:{lineno}")
    return found


def test_the_template_lists_exactly_the_strings_in_the_source(pot: Catalog) -> None:
    in_source = extracted_from_source()
    in_pot = {key(m.id) for m in entries(pot)}
    new = sorted(set(in_source) - in_pot)
    gone = sorted(in_pot - set(in_source))
    problems = [f"  not in kroniek.pot: {s!r} ({in_source[s]})" for s in new]
    problems += [f"  in kroniek.pot but no longer in the source: {s!r}" for s in gone]
    assert not problems, "kroniek.pot is out of date:\n" + "\n".join(problems) + HOW_TO_FIX


def test_gettext_calls_are_not_hidden_inside_f_strings() -> None:
    """On Python 3.11 an f-string is one token: pybabel cannot see a ``_()`` inside it,
    so the string never reaches the catalogue and stays English in Dutch."""
    hidden = []
    call = re.compile(r"(?<![\w.])(_|ngettext)\(")
    for path in sorted(SOURCE.rglob("*.py")):
        with path.open("rb") as handle:
            for token in tokenize.tokenize(handle.readline):
                if token.type != tokenize.STRING:
                    continue
                prefix = re.match(r"[A-Za-z]*", token.string)
                if prefix and "f" in prefix.group().lower() and call.search(token.string):
                    where = f"{path.relative_to(REPO)}:{token.start[0]}"
                    hidden.append(f"  {where}: {token.string[:80]}")
    assert not hidden, (
        "_() or ngettext() inside an f-string is invisible to pybabel extract; move the "
        'call out of the f-string ("<b>" + _("Label") + f"…"):\n' + "\n".join(hidden)
    )


def test_gettext_calls_translate_a_literal_before_formatting() -> None:
    """``_(f"…")``, ``_("…" % x)`` or ``_(name)`` can never match a catalogue entry."""
    bad = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            needed = {"_": 1, "ngettext": 2}.get(node.func.id)
            if needed is None:
                continue
            args = node.args[:needed]
            if len(args) < needed or not all(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args
            ):
                bad.append(f"  {path.relative_to(REPO)}:{node.lineno}: {ast.unparse(node)[:80]}")
    assert not bad, (
        'Translate first, then format: _("{n} events").format(n=…), never _(f"…"):\n'
        + "\n".join(bad)
    )


# -- the catalogues follow the template --------------------------------------------


def test_every_template_string_is_in_the_catalogue(
    pot: Catalog, catalogue: Catalog, lang: str
) -> None:
    have = {key(m.id) for m in entries(catalogue)}
    missing = [show(m.id) for m in entries(pot) if key(m.id) not in have]
    assert not missing, (
        f"{len(missing)} string(s) are missing from {lang}/LC_MESSAGES/kroniek.po:\n  "
        + "\n  ".join(missing)
        + HOW_TO_FIX
    )


def test_no_translation_is_empty(catalogue: Catalog, lang: str) -> None:
    empty = [show(m.id) for m in entries(catalogue) if not all(forms(m.string or ""))]
    assert not empty, (
        f"{len(empty)} untranslated string(s) in {lang}/LC_MESSAGES/kroniek.po:\n  "
        + "\n  ".join(empty)
        + HOW_TO_FIX
    )


def test_no_translation_is_fuzzy(catalogue: Catalog, lang: str) -> None:
    fuzzy = [show(m.id) for m in entries(catalogue) if m.fuzzy]
    assert not fuzzy, (
        f"Fuzzy (unchecked) entries in {lang}/LC_MESSAGES/kroniek.po — check the "
        "translation and remove the `#, fuzzy` line:\n  " + "\n  ".join(fuzzy)
    )


def test_plural_entries_have_every_form(catalogue: Catalog, lang: str) -> None:
    wanted = catalogue.num_plurals
    short = [
        f"{show(m.id)} has {len(forms(m.string))} forms, {lang} needs {wanted}"
        for m in entries(catalogue)
        if isinstance(m.id, tuple) and len(forms(m.string)) != wanted
    ]
    assert not short, "\n".join(short)


def fields(text: str) -> set[str]:
    """The replacement fields of a str.format string: ``{n}``, ``{text!r}`` …"""
    out = set()
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            out.add("{" + name + (f"!{conversion}" if conversion else "")
                    + (f":{spec}" if spec else "") + "}")  # fmt: skip
    return out


def test_every_msgid_is_a_valid_format_string(pot: Catalog) -> None:
    broken = []
    for message in entries(pot):
        for text in forms(message.id):
            try:
                fields(text)
            except ValueError as error:
                broken.append(f"  {text!r}: {error}")
    assert not broken, "Unbalanced braces in source strings:\n" + "\n".join(broken)


def test_translations_keep_every_placeholder(catalogue: Catalog, lang: str) -> None:
    """A dropped ``{n}`` hides a number; a renamed one raises KeyError at runtime."""
    wrong = []
    for message in entries(catalogue):
        ids = forms(message.id)
        for index, text in enumerate(forms(message.string or "")):
            if not text:
                continue  # reported by test_no_translation_is_empty
            source = ids[min(index, len(ids) - 1)]
            try:
                got = fields(text)
            except ValueError as error:
                wrong.append(f"  {text!r}: {error}")
                continue
            if got != fields(source):
                wrong.append(
                    f"  {source!r} has {sorted(fields(source))}, but the {lang} "
                    f"translation {text!r} has {sorted(got)}"
                )
    assert not wrong, f"Placeholder mismatch in {lang}/LC_MESSAGES/kroniek.po:\n" + "\n".join(wrong)


def test_the_english_catalogue_repeats_the_english_source() -> None:
    """msgids are English: the en catalogue must say the same (the script fills it)."""
    catalog = read_catalogue(po_path("en"), "en")
    differ = [show(m.id) for m in entries(catalog) if forms(m.string) != forms(m.id)]
    assert not differ, (
        "English translations differ from their msgid (change the text in the code "
        "instead):\n  " + "\n  ".join(differ)
    )


def test_the_dutch_catalogue_translates_the_menus() -> None:
    """A smoke test that the catalogue is Dutch, not English copied over."""
    catalog = read_catalogue(po_path("nl"), "nl")
    assert catalog["&File"].string == "&Bestand"
    same = [m for m in entries(catalog) if forms(m.string) == forms(m.id)]
    assert len(same) < 0.1 * len(list(entries(catalog))), [show(m.id) for m in same]


# -- the compiled catalogues follow the .po files ----------------------------------


def test_the_compiled_catalogue_matches_the_po_file(lang: str) -> None:
    """Every message of the .po is in the committed .mo, translated the same.

    The header entry ("") is left out: babel stamps its own version into it
    ("Generated-By: Babel 2.19.0"), so comparing it would fail whenever babel
    is released, not when a translation is stale. The header fields gettext
    itself uses (plural rule, charset) are compared on their own.
    """
    po = po_path(lang)
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo.relative_to(REPO)} is missing.\nRun `{UPDATE}`."
    compiled = io.BytesIO()
    write_mo(compiled, read_catalogue(po, lang))
    compiled.seek(0)
    fresh = gettext.GNUTranslations(compiled)
    with mo.open("rb") as handle:
        committed = gettext.GNUTranslations(handle)
    expected = {k: v for k, v in fresh._catalog.items() if k != ""}  # type: ignore[attr-defined]
    loaded = {k: v for k, v in committed._catalog.items() if k != ""}  # type: ignore[attr-defined]
    differ = sorted(str(k) for k in set(expected) | set(loaded) if expected.get(k) != loaded.get(k))
    assert not differ, (
        f"{mo.relative_to(REPO)} is out of date; {len(differ)} message(s) differ "
        f"from the .po, e.g. {differ[:5]}.\nRun `{UPDATE}` to compile it."
    )
    for field in ("plural-forms", "content-type"):
        assert fresh.info().get(field) == committed.info().get(field), (
            f"{mo.relative_to(REPO)} has another {field} than the .po.\nRun `{UPDATE}`."
        )


def test_the_catalogue_headers_name_the_project_not_placeholders(lang: str) -> None:
    """pybabel leaves "VERSION", "EMAIL@ADDRESS" and "FULL NAME" for a human to fill."""
    header = po_path(lang).read_text(encoding="utf-8").split("\n\n", 1)[0]
    placeholders = [
        p for p in ("VERSION", "EMAIL@ADDRESS", "FULL NAME", "LL@li.org") if p in header
    ]
    assert not placeholders, (
        f"{lang}/LC_MESSAGES/kroniek.po's header still has {placeholders}; run `{UPDATE}`."
    )
    from explorer import __version__

    assert f"Project-Id-Version: Kroniek {__version__}" in header


def test_gettext_loads_the_dutch_catalogue_at_runtime() -> None:
    i18n.set_language("nl")
    try:
        assert i18n._("&File") == "&Bestand"
        assert i18n.ngettext("{n} event", "{n} events", 1).format(n=1) == "1 gebeurtenis"
        assert i18n.ngettext("{n} event", "{n} events", 2).format(n=2) == "2 gebeurtenissen"
        assert i18n._("early {date}").format(date="maart 2022") == "begin maart 2022"
    finally:
        i18n.set_language("en")
    assert i18n._("&File") == "&File"


@given(st.integers(min_value=-(10**15), max_value=10**15), st.sampled_from(["nl", "en"]))
def test_counts_are_written_as_babel_writes_them_in_each_language(n: int, lang: str) -> None:
    # format_number writes integers without babel's pattern engine (it is slow
    # for the thousands of counts a facet refresh shows); the text must not change.
    from babel.numbers import format_decimal

    from explorer.i18n import format_number, locale_of

    assert format_number(n, lang) == format_decimal(n, locale=locale_of(lang))
