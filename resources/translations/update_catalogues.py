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

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DOMAIN = "kroniek"
LANGUAGES = ("nl", "en")


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def fill_english(path: Path) -> None:
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            if not all(message.string):
                message.string = (message.id[0], message.id[1])
        elif not message.string:
            message.string = message.id
        message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True)


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
        pybabel("compile", "-D", DOMAIN, "-d", str(HERE), "-l", lang, "--statistics")
    return 0


if __name__ == "__main__":
    sys.exit(main())
