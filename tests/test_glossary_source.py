"""The vendored glossary: derived from FreeDict's dictd files as make_glossary.py says."""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "db" / "glossary" / "make_glossary.py"
DEBIAN = Path("/usr/share/dictd/freedict-nld-eng")
WORDLISTS = [Path("/usr/share/dict/british-english"), Path("/usr/share/dict/american-english")]


@pytest.fixture(scope="module")
def maker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_glossary", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _b64(n: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    out = ""
    while True:
        out = alphabet[n % 64] + out
        n //= 64
        if not n:
            return out


def write_dictd(base: Path, entries: list[tuple[str, str]]) -> None:
    """A tiny dictd dictionary: an index of base64 offsets into a gzipped body."""
    body, index = b"", []
    for word, text in entries:
        data = text.encode()
        index.append(f"{word}\t{_b64(len(body))}\t{_b64(len(data))}")
        body += data
    base.with_suffix(".index").write_text("\n".join(index) + "\n", encoding="utf-8")
    base.with_suffix(".dict.dz").write_bytes(gzip.compress(body))


def test_dictd_entries_are_read_with_normalised_headwords(
    maker: ModuleType, tmp_path: Path
) -> None:
    base = tmp_path / "nld-eng"
    write_dictd(base, [
        ("aanval", "aanval /anvɑl/\n1. attack, fit\n2. access, aggression\n"),
        ("tijd", "tĳd /tɛit/\ntime\n"),
        ("geleden", "... geleden /ɣəlˈeːdən/\n...ago\n"),
        ("de", "‐de /dˈə/\n‐th\n"),
    ])  # fmt: skip
    entries = maker.read_dictd(base)
    assert entries["aanval"] == [["attack", "fit"], ["access", "aggression"]]
    assert entries["tijd"] == [["time"]]  # the ligature "ĳ" is written "ij"
    assert entries["geleden"] == [["...ago"]]
    assert "-de" in entries and "de" not in entries  # the suffix is not the article


def test_glued_translations_get_their_spaces_back(maker: ModuleType) -> None:
    english = frozenset({"go", "on", "foot", "hand", "over", "dover", "han", "parking", "bay",
                         "almonry", "stir", "up"})  # fmt: skip
    fixed = maker.respace(
        {"lopen": [["run"], ["goonfoot"]], "geven": [["handover", "stirup"]],
         "aalmoezenierij": [["almonry"]], "parkeerplaats": [["HongKong"]],
         # Words the dictionary uses on their own elsewhere:
         "gaan": [["go"]], "voet": [["foot"]], "hand": [["hand"]], "roeren": [["stir"]],
         "hong": [["hong"]], "kong": [["kong"]]},
        english | {"hong", "kong"},
    )  # fmt: skip
    assert fixed["lopen"] == [["run"], ["go on foot"]]
    assert fixed["geven"] == [["hand over", "stir up"]]  # not "han dover"
    assert fixed["aalmoezenierij"] == [["almonry"]]  # an English word stays whole
    assert fixed["parkeerplaats"] == [["Hong Kong"]]  # capitals where they were


@pytest.mark.slow
@pytest.mark.skipif(
    not DEBIAN.with_suffix(".index").exists() or not all(p.exists() for p in WORDLISTS),
    reason="needs apt-get install dict-freedict-nld-eng wbritish wamerican",
)
def test_the_vendored_glossary_is_what_the_script_derives(
    maker: ModuleType, tmp_path: Path
) -> None:
    out = tmp_path / "freedict-nld-eng.tsv"
    assert maker.main([str(DEBIAN), "-o", str(out)]) == 0
    vendored = REPO / "db" / "glossary" / "freedict-nld-eng.tsv"
    assert out.read_text(encoding="utf-8") == vendored.read_text(encoding="utf-8"), (
        "run python db/glossary/make_glossary.py /usr/share/dictd/freedict-nld-eng "
        "-o db/glossary/freedict-nld-eng.tsv"
    )
