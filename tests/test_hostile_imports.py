"""Files to import that are not what they seem: pipes, devices, giants, bombs.

Every file is checked for its type and size before a byte is parsed, then
streamed: the parser reads the same annotations as ``json.loads`` whatever
the chunk boundaries, memory stays bounded by the largest annotation, and a
library Kroniek exported always imports again.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_bad_input import kroniek

from explorer.core.library.formats import reading
from explorer.core.library.formats.annotations import export_library, import_file
from explorer.core.library.formats.importing import ImportRefused
from explorer.core.library.formats.reading import AnnotationStream, ReadRefused
from explorer.core.library.formats.validate import ANNO_CONTEXT, annotations_in
from explorer.core.library.library import Library
from explorer.core.library.models import LibraryContents, Note

REPO = Path(__file__).resolve().parent.parent
EVENT = "e2f8dad2a147"


def _note(i: int, body: str = "") -> dict[str, object]:
    return {
        "id": f"urn:uuid:00000000-0000-4000-8000-{i:012d}",
        "type": "Annotation",
        "motivation": "commenting",
        "body": {"type": "TextualBody", "value": body or f"notitie {i}"},
        "target": f"urn:kroniek:event:{EVENT}",
    }


def _collection(items: list[object]) -> dict[str, object]:
    return {
        "@context": ANNO_CONTEXT,
        "type": "AnnotationCollection",
        "first": {"type": "AnnotationPage", "items": items},
    }


# -- the file itself ---------------------------------------------------------------------
@pytest.mark.skipif(sys.platform == "win32", reason="named pipes and /dev are POSIX")
@pytest.mark.parametrize("kind", ["named pipe", "device", "folder"])
def test_a_pipe_a_device_or_a_folder_is_refused_before_reading(tmp_path: Path, kind: str) -> None:
    if kind == "named pipe":
        source = tmp_path / "pipe.jsonld"
        os.mkfifo(source)
    elif kind == "device":
        source = Path("/dev/zero")
    else:
        source = tmp_path
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "explorer", "--lang", "en", "--data-dir", str(tmp_path / "d"),
         "library", "import", str(source)],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=60, check=False,
    )  # fmt: skip
    assert time.monotonic() - started < 50
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert ("regular file" in done.stderr) or ("folder" in done.stderr)


def test_a_file_larger_than_any_export_is_refused_without_reading_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "huge.jsonld"
    with source.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(reading.MAX_FILE_BYTES + 1)
    answer = kroniek(capsys, "--lang", "en", "library", "import", str(source))
    assert answer.code == 2 and "larger than" in answer.one_line()


def test_one_annotation_larger_than_any_export_writes_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "MAX_ITEM_CHARS", 100_000)
    monkeypatch.setattr(reading, "_CHUNK", 4096)
    source = tmp_path / "big.jsonld"
    source.write_text(json.dumps([_note(1, "x" * 300_000)]), encoding="utf-8")
    with Library() as library, pytest.raises(ImportRefused, match="larger than"):
        import_file(library, source)


def test_more_annotations_than_a_library_holds_are_refused_and_nothing_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from explorer.core.library.formats import importing

    monkeypatch.setattr(importing, "MAX_ITEMS", 50)
    source = tmp_path / "many.jsonld"
    source.write_text(json.dumps(_collection([_note(i) for i in range(60)])), encoding="utf-8")
    with Library() as library:
        with pytest.raises(ImportRefused, match="more than 50 annotations"):
            import_file(library, source)
        assert library.notes.all() == []


@pytest.mark.parametrize(
    "content, words",
    [
        (b"[" * 200_000, "nested too deeply"),
        (b'[{"a": 1}] [', "extra data"),
        (b'{"type": "AnnotationPage", "items": [1, 2,]}', "not valid JSON"),
        (b"\xef\xbb\xbf[]", "no annotations"),  # a BOM is fine, the file is just empty
        (b'{"type": "AnnotationCollection", "first": "http://example.org/page1"}',
         "pages are not in the file"),
    ],
)  # fmt: skip
def test_malformed_structures_are_one_clear_line(
    tmp_path: Path, content: bytes, words: str
) -> None:
    source = tmp_path / "bad.jsonld"
    source.write_bytes(content)
    with Library() as library:
        with pytest.raises(ImportRefused, match=words):
            import_file(library, source)
        assert library.notes.all() == []


def test_a_problem_at_the_very_end_rolls_back_everything_before_it(tmp_path: Path) -> None:
    items: list[object] = [_note(i) for i in range(5000)]
    items.append({"id": "not an iri", "type": "Annotation", "target": EVENT})
    source = tmp_path / "late.jsonld"
    source.write_text(json.dumps(_collection(items)), encoding="utf-8")
    with Library() as library:
        with pytest.raises(ImportRefused, match="annotation 5001"):
            import_file(library, source)
        assert library.notes.all() == []


# -- streaming reads what json.loads reads -------------------------------------------------
def _page(items: list[object]) -> dict[str, object]:
    return {"@context": ANNO_CONTEXT, "type": "AnnotationPage", "items": items}


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=30),
)  # fmt: skip
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_documents = st.one_of(
    st.lists(_values, max_size=6),
    st.builds(lambda items: _collection(items), st.lists(_values, max_size=6)),
    st.builds(_page, st.lists(_values, max_size=6)),
    st.dictionaries(st.sampled_from(["id", "type", "target", "x"]), _values, max_size=4),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(document=_documents, chunk=st.integers(1, 64), indent=st.sampled_from([None, 0, 2]))
@example(document=[0.0], chunk=1, indent=None)  # "0" then ".0": a number cut by a read
def test_streaming_reads_exactly_what_json_loads_reads(
    document: object, chunk: int, indent: int | None
) -> None:
    text = json.dumps(document, indent=indent, ensure_ascii=bool(chunk % 2))
    expected, problems = annotations_in(json.loads(text))
    original = reading._CHUNK
    reading._CHUNK = chunk  # tiny reads: every value is cut somewhere
    try:
        stream = AnnotationStream(io.BytesIO(text.encode()))
        got = list(stream)
    finally:
        reading._CHUNK = original
    assert [item for item, _inherited in got] == [item for item, _inherited in expected]
    assert [inherited for _item, inherited in got] == [inh for _item, inh in expected]
    assert bool(stream.problems) == bool(problems) or not expected


@settings(max_examples=200)
@given(data=st.binary(max_size=300))
def test_any_bytes_are_refused_or_read_never_a_crash(data: bytes) -> None:
    stream = AnnotationStream(io.BytesIO(data))
    try:
        list(stream)
    except ReadRefused as refused:
        assert "\n" not in str(refused)


# -- 6. every export imports again ----------------------------------------------------------
@pytest.mark.slow
def test_a_library_of_100000_notes_exports_and_imports_again(tmp_path: Path) -> None:
    stamp = "2026-11-30T12:00:00.000Z"
    notes = [Note(0, f"urn:uuid:n-{i}", EVENT, f"notitie {i} " + "tekst " * 40, stamp, stamp)
             for i in range(100_000)]  # fmt: skip
    with Library(tmp_path / "a.sqlite3", auto_backup=False) as library:
        library.merge(LibraryContents(notes=notes))
        export_library(library, "jsonld", tmp_path / "a.jsonld", lang="en")
    assert (tmp_path / "a.jsonld").stat().st_size > 30_000_000
    with Library(tmp_path / "b.sqlite3", auto_backup=False) as fresh:
        report = import_file(fresh, tmp_path / "a.jsonld")
        assert report.result.total_added == 100_000
        assert len(fresh.notes.all()) == 100_000
