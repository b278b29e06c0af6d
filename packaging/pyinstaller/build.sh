#!/usr/bin/env bash
# Build the standalone one-folder Kroniek with PyInstaller.
#
#   packaging/pyinstaller/build.sh [DISTDIR [WORKDIR]]
#
# Uses the Python that runs `python3` (or $PYTHON), which must have Kroniek's
# dependencies and PyInstaller installed:
#   python3 -m venv .venv && .venv/bin/pip install -e . pyinstaller
#   PYTHON=.venv/bin/python packaging/pyinstaller/build.sh
# Output: DISTDIR/kroniek/ (default packaging/pyinstaller/dist/kroniek/), and
# DISTDIR/Kroniek.app on macOS. Prints the size of the result.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
dist="${1:-$here/dist}"
work="${2:-$here/build}"
"$python" -m PyInstaller --version >/dev/null 2>&1 || {
    echo "build.sh: PyInstaller is not installed for $python (pip install pyinstaller)" >&2
    exit 2
}
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$work" "$here/kroniek.spec"
echo "built $dist/kroniek ($(du -sh "$dist/kroniek" | cut -f1))"
