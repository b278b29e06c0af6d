#!/bin/sh
# Regenerate the screenshots in docs/screenshots (used by the README, the user
# guide and the AppStream metadata) from the current code and database,
# offscreen. The lines are explorer/ui/guide.py's SCREENSHOTS (a test checks).
#
#   packaging/screenshots.sh          # uses `kroniek` on PATH, or $KRONIEK
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
kroniek=${KRONIEK:-kroniek}
out=$root/docs/screenshots
home=$(mktemp -d)  # fresh settings: no remembered window state or language
trap 'rm -rf "$home"' EXIT
export QT_QPA_PLATFORM=offscreen HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data"
shot() { "$kroniek" --screenshot "$@" 2>/dev/null; }
shot "$out/window-en.png" --lang en --size 1600x1000 --view 2022-02:2022-04
shot "$out/window-nl.png" --lang nl --size 1600x1000 --view 2022-02:2022-04
shot "$out/search-en.png" --lang en --size 1600x1000 --query Mariupol
shot "$out/search-nl.png" --lang nl --size 1600x1000 --query Marioepol
shot "$out/map-en.png" --lang en --size 1600x1000 --map --view 2022-02:2022-05 --select e0a7beaeebc4
shot "$out/map-nl.png" --lang nl --size 1600x1000 --map --view 2022-02:2022-05 --select e0a7beaeebc4
shot "$out/reading-en.png" --lang en --size 1600x1000 --read --select e3d8b46489f1
shot "$out/reading-nl.png" --lang nl --size 1600x1000 --read --select e3d8b46489f1
shot "$out/small-en.png" --lang en --size 1024x600 --query Krim
shot "$out/small-nl.png" --lang nl --size 1024x600 --query Krim
ls -l "$out"/*.png
