"""Benchmark export and import of a large library: time and peak memory.

    python bench/bench_import.py                 # 200,000 notes (the target)
    python bench/bench_import.py --notes 50000

Builds a library of N notes spread over the bundled database's events (with a
bookmark and a tag on every event), then, each in a fresh process so that
peak memory (``VmHWM``) is its own: exports it to W3C JSON-LD, and imports
that file into an empty library. Targets (issue 16): import of 200,000 notes
in at most 15 s and 300 MB; time growing in proportion to the file. CPU time
is printed beside wall time: on a busy machine it is the steadier figure.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from explorer import paths
from explorer.core.events.store import EventStore
from explorer.core.library.formats import annotations
from explorer.core.library.library import Library

step, library_path, export_path = sys.argv[1:4]
store = EventStore(paths.bundled_db())
start = time.perf_counter()
cpu_start = time.process_time()
if step == "export":
    with Library(Path(library_path), auto_backup=False, read_only=True) as lib:
        count = annotations.export_library(lib, "jsonld", Path(export_path), store=store, lang="en")
else:
    lib = Library(Path(library_path), auto_backup=False)
    report = annotations.import_file(lib, Path(export_path))
    count = report.result.total_added
    # The import is done (and committed) here; closing then checkpoints the WAL.
    imported = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    lib.close()
seconds = time.perf_counter() - start
# VmHWM is this program's own peak; ru_maxrss would include the parent's,
# which Linux carries over a fork and an exec.
status = Path("/proc/self/status")
if status.exists():
    hwm = next(line for line in status.read_text().splitlines() if line.startswith("VmHWM"))
    peak = int(hwm.split()[1]) / 1024
else:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
if step != "import":
    imported, cpu = seconds, time.process_time() - cpu_start
print(json.dumps({"count": count, "seconds": seconds, "peak_mb": peak,
                  "imported": imported, "cpu": cpu}))
"""


def build(library: Path, notes: int) -> None:
    from explorer import paths
    from explorer.core.events.store import EventStore
    from explorer.core.library.library import Library
    from explorer.core.library.models import Bookmark, LibraryContents, Note, TagLink

    store = EventStore(paths.bundled_db())
    ids = [r[0] for r in store.conn.execute("SELECT id FROM events ORDER BY seq")]
    store.close()
    stamp = "2026-11-30T12:00:00.000Z"
    contents = LibraryContents(
        bookmarks=[Bookmark(f"urn:uuid:b-{i}", e, stamp, stamp) for i, e in enumerate(ids)],
        notes=[
            Note(0, f"urn:uuid:n-{i}", ids[i % len(ids)],
                 f"Notitie {i}: de stad werd opnieuw beschoten; zie ook het rapport van "
                 f"de VN over de gevolgen voor de burgerbevolking ({i % 97}).", stamp, stamp)
            for i in range(notes)
        ],
        tag_links=[TagLink(f"urn:uuid:t-{i}", e, f"thema {i % 12}", "", stamp, stamp)
                   for i, e in enumerate(ids)],
    )  # fmt: skip
    with Library(library, auto_backup=False) as lib:
        lib.merge(contents)


def run(step: str, library: Path, export: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, step, str(library), str(export)],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        source, export, target = base / "a.sqlite3", base / "a.jsonld", base / "b.sqlite3"
        started = time.perf_counter()
        build(source, args.notes)
        print(f"built a library of {args.notes:,} notes in {time.perf_counter() - started:.1f} s")
        out = run("export", source, export)
        size = export.stat().st_size / 1024**2
        print(f"export: {out['count']:,} items, {size:.0f} MB in {out['seconds']:.1f} s "
              f"(CPU {out['cpu']:.1f} s), peak {out['peak_mb']:.0f} MB")  # fmt: skip
        back = run("import", target, export)
        print(f"import: {back['count']:,} added in {back['imported']:.1f} s "
              f"(CPU {back['cpu']:.1f} s; {back['seconds']:.1f} s with closing the library), "
              f"peak {back['peak_mb']:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
