"""The user guide: the Markdown files are what the app's Help shows, with the
screenshots ``kroniek --screenshot`` makes (packaging/screenshots.sh)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from explorer import i18n
from explorer.ui.guide import SCREENSHOTS, guide_file, guide_markdown, sections
from explorer.ui.help import HelpDialog

DOCS = Path(__file__).resolve().parent.parent / "docs"
SCRIPT = DOCS.parent / "packaging" / "screenshots.sh"


def png_size(data: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_guide_files_are_what_the_app_writes(lang: str) -> None:
    written = (DOCS / guide_file(lang)).read_text(encoding="utf-8")
    assert written == guide_markdown(lang), (
        "run `python -m explorer.ui.guide docs` after changing the guide"
    )


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_screenshot_of_the_guide_exists_and_the_script_makes_it(lang: str) -> None:
    script = SCRIPT.read_text(encoding="utf-8")
    for _title, _paragraphs, shot in sections(lang):
        if not shot:
            continue
        args = SCREENSHOTS[shot][lang]
        line = f'shot "$out/{shot}-{lang}.png" --lang {lang} ' + " ".join(args)
        assert line in script
        size = tuple(int(n) for n in args[args.index("--size") + 1].split("x"))
        assert png_size((DOCS / "screenshots" / f"{shot}-{lang}.png").read_bytes()) == size


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_help_shows_the_same_guide(qtbot: QtBot, lang: str) -> None:
    i18n.set_language(lang)
    dialog = HelpDialog("guide")
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    for title, paragraphs, _shot in sections(lang):
        assert title in text
        assert all(p in text for p in paragraphs)
