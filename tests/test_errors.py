"""Every message Kroniek prints is one readable line, whatever a file put into it."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from explorer.core.errors import KroniekError, UsageError, one_line, shown

ESCAPED = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def printable_line(text: str) -> bool:
    text.encode("utf-8")
    return not any(unicodedata.category(c) in ESCAPED for c in text)


def test_a_newline_in_a_quoted_id_stays_visible_but_on_one_line() -> None:
    assert one_line("urn:uuid:a\nb") == "urn:uuid:a\\nb"
    assert one_line("evil\u202etxt.exe") == "evil\\u202etxt.exe"
    assert one_line("half \ud800 pair") == "half \\ud800 pair"


def test_ordinary_dutch_and_emoji_pass_unchanged() -> None:
    text = "Oekraïense drone 🚁 boven Charkov — “citaat”"
    assert one_line(text) == text


def test_a_ten_thousand_character_value_is_cut_with_an_ellipsis() -> None:
    quoted = shown("x" * 10_000, limit=60)
    assert len(quoted) == 60 and quoted.endswith("…")


@given(st.text())
def test_any_text_becomes_one_printable_line(text: str) -> None:
    assert printable_line(one_line(text))
    assert printable_line(shown(text))
    assert len(shown(text, limit=40)) <= 40


@given(st.text())
def test_every_kroniek_error_prints_as_one_line(text: str) -> None:
    assert printable_line(str(UsageError(f"Cannot import {text}")))
    assert printable_line(str(KroniekError(text)))


def test_property_tests_replay_in_ci() -> None:
    """CI draws the same examples every run and prints how to replay a failure."""
    from hypothesis import settings

    ci = settings.get_profile("ci")
    assert ci.derandomize and ci.print_blob and ci.deadline is None
    assert settings.get_profile("dev").print_blob
