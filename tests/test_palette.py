"""The timeline's colours stay apart for everyone: normal vision and the three
common colour-vision deficiencies, simulated with colorspacious (Machado et al.
2009 at full severity) and compared in CAM02-UCS, where a distance of 1 is
about one just-noticeable difference."""

from __future__ import annotations

import csv
import itertools
import sqlite3

import numpy as np
import pytest
from colorspacious import cspace_convert

from explorer import paths
from explorer.ui.timeline.colors import MATCH, READING_HERE, contrast_ratio

#: Smallest allowed distance between any two category colours, or a category
#: colour and the search-match or reading-here colour, under each simulated vision.
MIN_DELTA_E = 9.0
VISIONS = ["normal", "deuteranomaly", "protanomaly", "tritanomaly"]


def _categories() -> dict[str, str]:
    with open(paths.db_dir() / "categories.csv", encoding="utf-8") as f:
        return {row["key"]: row["color"] for row in csv.DictReader(f)}


def _rgb(hex_color: str) -> np.ndarray:
    return np.array([int(hex_color[i : i + 2], 16) for i in (1, 3, 5)]) / 255


def _seen(colors: list[str], vision: str) -> np.ndarray:
    rgb = np.array([_rgb(c) for c in colors])
    if vision != "normal":
        cvd = {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}
        rgb = np.clip(cspace_convert(rgb, cvd, "sRGB1"), 0, 1)
    return np.asarray(cspace_convert(rgb, "sRGB1", "CAM02-UCS"))


@pytest.mark.parametrize("vision", VISIONS)
def test_every_category_and_the_match_colour_differ_for_this_vision(vision: str) -> None:
    named = {**_categories(), "search match": MATCH, "reading here": READING_HERE}
    names, colors = list(named), list(named.values())
    seen = _seen(colors, vision)
    closest = min(
        (float(np.linalg.norm(seen[a] - seen[b])), names[a], names[b])
        for a, b in itertools.combinations(range(len(names)), 2)
    )
    assert closest[0] >= MIN_DELTA_E, f"{vision}: {closest[1]} and {closest[2]} ΔE {closest[0]:.1f}"


def test_the_colours_are_the_ones_the_database_has_and_read_on_white() -> None:
    from PySide6.QtGui import QColor

    conn = sqlite3.connect(paths.bundled_db())
    try:
        in_db = dict(conn.execute("SELECT key, color FROM categories"))
    finally:
        conn.close()
    assert in_db == _categories(), "db/categories.csv changed: run `kroniek build-db`"
    for color in [*in_db.values(), MATCH]:
        # 3:1 on white: the painter does not have to darken them, so what was
        # checked above is what a light window shows.
        assert contrast_ratio(QColor(color), QColor("#ffffff")) >= 3.0, color
