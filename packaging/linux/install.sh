#!/bin/sh
# Install Kroniek for the current user, with a menu entry and icon.
#
#   packaging/linux/install.sh [WHEEL-OR-SOURCE-FOLDER]
#
# 1. Creates a virtual environment in ~/.local/share/kroniek/venv and installs
#    Kroniek into it with pip (from the given wheel or folder; default: this
#    source tree). PyPI must be reachable for the dependencies (PySide6 etc.).
# 2. Links ~/.local/bin/kroniek to it.
# 3. Copies the desktop entry to ~/.local/share/applications, the icons to
#    ~/.local/share/icons/hicolor and the AppStream metadata to
#    ~/.local/share/metainfo.
# Nothing outside your home folder is touched and no root is needed.
# packaging/linux/uninstall.sh removes exactly what this script installed.
#
# Environment: PYTHON (default python3, 3.11 or newer), XDG_DATA_HOME (default
# ~/.local/share), XDG_BIN_HOME (default ~/.local/bin), and
# KRONIEK_INSTALL_SKIP_APP=1 to install only the desktop files (for tests, or
# when `kroniek` is already on PATH, e.g. from pipx).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source=${1:-$root}
data=${XDG_DATA_HOME:-$HOME/.local/share}
bin=${XDG_BIN_HOME:-$HOME/.local/bin}
home=$data/kroniek
manifest=$home/installed-files.txt
python=${PYTHON:-python3}
app_id=io.github.kroniek.Kroniek

say() { printf '%s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

mkdir -p "$home"
: > "$manifest.new"
record() { printf '%s\n' "$1" >> "$manifest.new"; }

exec_line=kroniek
if [ "${KRONIEK_INSTALL_SKIP_APP:-0}" != 1 ]; then
    "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
        || die "Kroniek needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)"
    [ -e "$source" ] || die "no such wheel or folder: $source"
    say "Installing Kroniek from $source into $home/venv ..."
    "$python" -m venv "$home/venv"
    "$home/venv/bin/python" -m pip install --quiet --upgrade "$source"
    "$home/venv/bin/kroniek" --version >/dev/null || die "the installed kroniek does not start"
    mkdir -p "$bin"
    if [ -e "$bin/kroniek" ] && [ ! -L "$bin/kroniek" ]; then
        say "Leaving $bin/kroniek alone (not a link made by this script)."
    else
        ln -sf "$home/venv/bin/kroniek" "$bin/kroniek"
        record "$bin/kroniek"
    fi
    record "$home/venv"
    # The menu starts the app by its full path: ~/.local/bin is not on every
    # desktop session's PATH.
    exec_line=$home/venv/bin/kroniek
fi

install_file() {  # SOURCE TARGET
    mkdir -p "$(dirname "$2")"
    cp "$1" "$2"
    chmod 644 "$2"
    record "$2"
}

sed -e "s|^Exec=kroniek|Exec=$exec_line|" -e "s|^TryExec=kroniek|TryExec=$exec_line|" \
    "$here/kroniek.desktop" > "$home/kroniek.desktop.tmp"
install_file "$home/kroniek.desktop.tmp" "$data/applications/kroniek.desktop"
rm -f "$home/kroniek.desktop.tmp"
for png in "$root"/resources/icons/hicolor/*/apps/kroniek.png; do
    size=$(basename "$(dirname "$(dirname "$png")")")
    install_file "$png" "$data/icons/hicolor/$size/apps/kroniek.png"
done
install_file "$root/resources/icons/kroniek.svg" "$data/icons/hicolor/scalable/apps/kroniek.svg"
install_file "$here/$app_id.metainfo.xml" "$data/metainfo/$app_id.metainfo.xml"
mv "$manifest.new" "$manifest"

# Refresh the desktop's caches when the tools are there; harmless when not.
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$data/applications" 2>/dev/null || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$data/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$data/icons/hicolor" 2>/dev/null || true
fi

say "Kroniek is installed: find it in your applications menu, or run $exec_line"
say "Your library and settings will live in $data/Kroniek and ${XDG_CONFIG_HOME:-$HOME/.config}/Kroniek."
say "To remove Kroniek: $here/uninstall.sh"
