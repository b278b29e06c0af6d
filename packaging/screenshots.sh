#!/bin/sh
# Regenerate the screenshots in docs/screenshots (used by the README and the
# AppStream metadata) from the current code and database, offscreen.
#
#   packaging/screenshots.sh          # uses `kroniek` on PATH, or $KRONIEK
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
kroniek=${KRONIEK:-kroniek}
out=$root/docs/screenshots
home=$(mktemp -d)  # fresh settings: no remembered window state or language
trap 'rm -rf "$home"' EXIT
export QT_QPA_PLATFORM=offscreen HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data"
shot() { "$kroniek" --size 1600x1000 --screenshot "$@" 2>/dev/null; }
shot "$out/window-en.png" --lang en --view 2022-02:2022-04
shot "$out/window-nl.png" --lang nl --view 2022-02:2022-04
shot "$out/search-en.png" --lang en --query Mariupol
shot "$out/search-nl.png" --lang nl --query Marioepol
ls -l "$out"/*.png
