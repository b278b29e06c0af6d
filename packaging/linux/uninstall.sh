#!/bin/sh
# Remove what packaging/linux/install.sh installed for the current user.
#
#   packaging/linux/uninstall.sh
#
# Reads the list install.sh wrote (~/.local/share/kroniek/installed-files.txt)
# and removes those files, the virtual environment and the link in
# ~/.local/bin. Your library and settings (~/.local/share/Kroniek,
# ~/.config/Kroniek) are kept; delete those folders yourself if you want them
# gone too. Honours XDG_DATA_HOME like install.sh.
set -eu

data=${XDG_DATA_HOME:-$HOME/.local/share}
home=$data/kroniek
manifest=$home/installed-files.txt

if [ ! -f "$manifest" ]; then
    printf 'uninstall.sh: Kroniek is not installed here (no %s)\n' "$manifest" >&2
    exit 1
fi

while IFS= read -r path; do
    case $path in
        "$home"/*|"$data"/*|"$HOME"/*) ;;
        *) printf 'uninstall.sh: skipping %s (outside your home folder)\n' "$path" >&2; continue ;;
    esac
    if [ -L "$path" ] || [ -f "$path" ]; then
        rm -f "$path"
    elif [ -d "$path" ]; then
        rm -rf "$path"
    fi
    # Below the data folder, remove the folders left empty (icons/hicolor/16x16/apps ...).
    dir=$(dirname "$path")
    case $dir in
        "$data"/*)
            while [ "$dir" != "$data" ] && rmdir "$dir" 2>/dev/null; do
                dir=$(dirname "$dir")
            done ;;
    esac
done < "$manifest"
rm -f "$manifest"
rmdir "$home" 2>/dev/null || true

if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$data/applications" ]; then
    update-desktop-database -q "$data/applications" 2>/dev/null || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$data/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$data/icons/hicolor" 2>/dev/null || true
fi
printf 'Kroniek is removed. Your library and settings are still in %s and %s.\n' \
    "$data/Kroniek" "${XDG_CONFIG_HOME:-$HOME/.config}/Kroniek"
