"""Where the desktop game finds its shipped files (fonts, translations) and keeps its own."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
ASSETS = REPO_ROOT / "assets"
FONTS = ASSETS / "fonts"
TRANSLATIONS = ASSETS / "translations"
