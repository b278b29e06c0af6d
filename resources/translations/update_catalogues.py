"""Extract, update and compile Kroniek's message catalogues (a developer tool).

    python resources/translations/update_catalogues.py

1. extracts every ``_()`` / ``ngettext()`` string of ``explorer/`` into
   ``kroniek.pot`` (pybabel extract, ``babel.cfg``);
2. merges it into ``nl`` and ``en`` (pybabel init/update, no fuzzy matching, so
   a changed string shows up as untranslated instead of half-right);
3. fills the English catalogue: its msgids are English already;
4. compiles both to ``.mo`` (committed, so a fresh install has them).

The tests fail on any empty, fuzzy or placeholder-mismatched entry, so after
adding strings, translate the new Dutch entries in ``nl/LC_MESSAGES/kroniek.po``
and run this again. See docs/TRANSLATING.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
from explorer import __version__  # noqa: E402  (the version names the catalogue)

DOMAIN = "kroniek"
LANGUAGES = ("nl", "en")


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


LANGUAGE_NAMES = {"nl": "Dutch", "en": "English"}
TEAM = "The Kroniek team"
CONTACT = "see docs/TRANSLATING.md"


def read_catalogue(path: Path, lang: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def write_catalogue(path: Path, catalog: Catalog) -> None:
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True)


def fill_header(path: Path, lang: str) -> None:
    """Name the project, its version and team where pybabel leaves placeholders."""
    catalog = read_catalogue(path, lang)
    catalog.project = "Kroniek"
    catalog.version = __version__
    catalog.msgid_bugs_address = CONTACT
    catalog.last_translator = f"{TEAM} ({CONTACT})"
    catalog.language_team = f"{LANGUAGE_NAMES[lang]} — {TEAM}"
    catalog.header_comment = (
        f"# {LANGUAGE_NAMES[lang]} translations for Kroniek.\n"
        f"# Copyright (C) 2026 {TEAM}\n"
        "# This file is distributed under the same license as the Kroniek project\n"
        "# (GPL-3.0-or-later); see docs/TRANSLATING.md to add or change a string."
    )
    write_catalogue(path, catalog)


def fill_english(path: Path) -> None:
    catalog = read_catalogue(path, "en")
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            if not all(message.string):
                message.string = (message.id[0], message.id[1])
        elif not message.string:
            message.string = message.id
        message.flags.discard("fuzzy")
    write_catalogue(path, catalog)


def main() -> int:
    pot = HERE / f"{DOMAIN}.pot"
    pybabel(
        "extract", "-F", str(ROOT / "babel.cfg"), "-k", "_", "-k", "ngettext:1,2",
        "--no-location", "--sort-output", "--project", "Kroniek", "--copyright-holder",
        "The Kroniek team", "-o", str(pot), str(ROOT / "explorer"),
    )  # fmt: skip
    for lang in LANGUAGES:
        po = HERE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.exists():
            pybabel("update", "-D", DOMAIN, "-i", str(pot), "-d", str(HERE), "-l", lang,
                    "--no-fuzzy-matching", "--ignore-obsolete")  # fmt: skip
        else:
            pybabel("init", "-D", DOMAIN, "-i", str(pot), "-d", str(HERE), "-l", lang)
    fill_english(HERE / "en" / "LC_MESSAGES" / f"{DOMAIN}.po")
    for lang in LANGUAGES:
        fill_header(HERE / lang / "LC_MESSAGES" / f"{DOMAIN}.po", lang)
    for lang in LANGUAGES:
        pybabel("compile", "-D", DOMAIN, "-d", str(HERE), "-l", lang, "--statistics")
    return 0


if __name__ == "__main__":
    sys.exit(main())
