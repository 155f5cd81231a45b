"""The shipped fonts draw every letter a French player reads, ligatures and no-break spaces
included, and every character of every catalog (the pseudo-locale's markers too); the
debrief's charts draw them as well."""

from __future__ import annotations

import json

import matplotlib.font_manager as font_manager
import pytest
from fontTools.ttLib import TTFont

from game.text.catalog import PSEUDO_CLOSE, PSEUDO_OPEN, TRANSLATIONS
from game.ui.paths import FONTS
from game.ui.theme import FONT_FILES

FRENCH = "−àâæçéèêëîïôœùûüÿÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ«»’…–—\u00a0"


def _catalog_characters() -> set[str]:
    chars: set[str] = set(FRENCH + PSEUDO_OPEN + PSEUDO_CLOSE + "·")
    for path in TRANSLATIONS.glob("*.json"):
        chars |= set(json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False))
    return {c for c in chars if c.isprintable() or c == "\u00a0"}


@pytest.mark.parametrize("name", sorted(set(FONT_FILES.values())))
def test_every_shipped_font_has_every_character_the_catalogs_use(name):
    cmap = TTFont(FONTS / name).getBestCmap()
    missing = sorted(c for c in _catalog_characters() if ord(c) not in cmap)
    assert missing == [], f"{name} lacks {[f'U+{ord(c):04X} {c}' for c in missing]}"


def test_the_charts_font_has_every_character_the_catalogs_use():
    import matplotlib

    from game.classroom import charts  # noqa: F401 - sets the charts' font

    path = font_manager.findfont(matplotlib.rcParams["font.family"][0] if isinstance(matplotlib.rcParams["font.family"], list) else matplotlib.rcParams["font.family"])
    cmap = TTFont(path).getBestCmap()
    missing = sorted(c for c in _catalog_characters() if ord(c) not in cmap)
    assert missing == [], f"{path} lacks {missing}"
