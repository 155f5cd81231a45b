"""The desktop's access to the translation catalogs (game.text.catalog), which pygame_gui's
own translation layer (python-i18n) reads too."""

from __future__ import annotations

from game.text.catalog import FALLBACK, keys, load_language, set_language, t

__all__ = ["FALLBACK", "keys", "load_language", "set_language", "t"]
