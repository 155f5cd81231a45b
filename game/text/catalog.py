"""The translation catalogs: every sentence a player reads has a key in assets/translations.

Catalogs live in assets/translations/<locale>.json as {"<locale>": {nested keys}}. They are
loaded into python-i18n's store (the one pygame_gui reads too), and `t("menu.new_campaign")`
looks a key up. Placeholders are written %{name}. A key missing from the current language falls
back to English; a key missing everywhere shows as the key itself (a test checks that every key
the code uses exists in en.json).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import i18n

TRANSLATIONS = Path(__file__).resolve().parents[2] / "assets" / "translations"
FALLBACK = "en"
_PLURALS = {"zero", "one", "few", "many", "other"}
_loaded: set[str] = set()

i18n.set("error_on_missing_translation", False)
i18n.set("error_on_missing_placeholder", False)


def _flatten(prefix: str, tree: dict, out: dict[str, object]) -> None:
    for key, value in tree.items():
        full = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict) and len(set(value) & _PLURALS) < 2:
            _flatten(full, value, out)
        else:
            out[full] = value


def load_language(locale: str, folder: Path = TRANSLATIONS) -> bool:
    """Load <folder>/<locale>.json into the translation store; False if the file is missing."""
    if locale in _loaded:
        return True
    path = folder / f"{locale}.json"
    if not path.is_file():
        return False
    data = json.loads(path.read_text(encoding="utf-8"))
    flat: dict[str, object] = {}
    _flatten("", data.get(locale, {}), flat)
    for key, value in flat.items():
        i18n.add_translation(key, value, locale=locale)
    _loaded.add(locale)
    return True


def set_language(locale: str) -> str:
    """Switch the language (English if that one is not shipped); return the one in use."""
    load_language(FALLBACK)
    if not load_language(locale):
        locale = FALLBACK
    i18n.set("locale", locale)
    i18n.set("fallback", FALLBACK)
    return locale


@functools.cache
def keys(locale: str = FALLBACK) -> frozenset[str]:
    """Every key a language file defines (read once)."""
    data = json.loads((TRANSLATIONS / f"{locale}.json").read_text(encoding="utf-8"))
    flat: dict[str, object] = {}
    _flatten("", data.get(locale, {}), flat)
    return frozenset(flat)


def language() -> str:
    """The language in use (a locale code such as "en"): the one `set_language` last chose."""
    if FALLBACK not in _loaded:
        set_language(FALLBACK)
    return str(i18n.get("locale"))


def t(key: str, **kwargs: object) -> str:
    """The player's words for `key`, with %{placeholders} filled in."""
    if FALLBACK not in _loaded:
        set_language(FALLBACK)
    return i18n.t(key, **kwargs)
