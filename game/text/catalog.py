"""The translation catalogs: every sentence a player reads has a key in assets/translations.

Catalogs live in assets/translations/<locale>.json as {"<locale>": {nested keys}}. They are
loaded into python-i18n's store (the one pygame_gui reads too), and `t("menu.new_campaign")`
looks a key up. Placeholders are written %{name}. A key missing from the current language falls
back to English; a key missing everywhere shows as the key itself (a test checks that every key
the code uses exists in en.json).

Shipped languages: English ("en") and French ("fr"). A third, "pseudo", is made from en.json when
it is chosen (not a file to keep in sync): every string wrapped in ‹ › and lengthened by a third,
so a test can find any sentence that does not go through the catalog and any box too small for a
longer language.

Plurals follow each language's rule (`plural_form`): in English only 1 is singular; in French 0
and 1 are (and every number below 2). A catalog may also give a "zero" form, used for 0.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import i18n

from game.scenario.translation import PSEUDO_CLOSE, PSEUDO_OPEN

TRANSLATIONS = Path(__file__).resolve().parents[2] / "assets" / "translations"
FALLBACK = "en"
PSEUDO = "pseudo"
# The markers the pseudo-locale puts around every string (PSEUDO_OPEN, PSEUDO_CLOSE) are the
# scenario translations' too: one pair, in every shipped font (a test checks).
_PLURALS = {"zero", "one", "few", "many", "other"}
# Catalog values that are not words but switches the code reads (a condition's grammatical
# number): the pseudo-locale leaves them alone.
_SWITCH_VALUES = {"singular", "plural"}
_loaded: set[str] = set()

i18n.set("error_on_missing_translation", False)
i18n.set("error_on_missing_placeholder", False)


class UnknownLanguage(ValueError):
    """A language the game does not ship, named by the player (e.g. --lang de)."""


def _flatten(prefix: str, tree: dict, out: dict[str, object]) -> None:
    for key, value in tree.items():
        full = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict) and len(set(value) & _PLURALS) < 2:
            _flatten(full, value, out)
        else:
            out[full] = value


def shipped() -> tuple[str, ...]:
    """The languages a player can choose: every catalog in assets/translations, then pseudo."""
    found = sorted(p.stem for p in TRANSLATIONS.glob("*.json"))
    return (*found, PSEUDO)


def _pseudo(text: str) -> str:
    """A string as the pseudo-locale shows it: ‹text·····›, a third longer, placeholders kept."""
    if text in _SWITCH_VALUES:
        return text
    pad = "·" * max(1, round(len(text) / 3))
    return f"{PSEUDO_OPEN}{text}{pad}{PSEUDO_CLOSE}"


def _read(locale: str, folder: Path) -> dict[str, object] | None:
    source = FALLBACK if locale == PSEUDO else locale
    path = folder / f"{source}.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    flat: dict[str, object] = {}
    _flatten("", data.get(source, {}), flat)
    if locale == PSEUDO:
        flat = {
            k: ({form: _pseudo(s) for form, s in v.items()} if isinstance(v, dict) else _pseudo(str(v)))
            for k, v in flat.items()
        }
    return flat


def load_language(locale: str, folder: Path = TRANSLATIONS) -> bool:
    """Load <folder>/<locale>.json into the translation store; False if the file is missing."""
    if locale in _loaded:
        return True
    flat = _read(locale, folder)
    if flat is None:
        return False
    for key, value in flat.items():
        i18n.add_translation(key, value, locale=locale)
    _loaded.add(locale)
    _french_to_elide.cache_clear()
    return True


def set_language(locale: str) -> str:
    """Switch the language (English if that one is not shipped); return the one in use."""
    load_language(FALLBACK)
    if not load_language(locale):
        locale = FALLBACK
    i18n.set("locale", locale)
    i18n.set("fallback", FALLBACK)
    return locale


@contextlib.contextmanager
def speaking(locale: str) -> Iterator[None]:
    """Words in `locale` for a while, then the language in use again: files that must read the
    same whatever the player's language (a result file's decision labels) are written in English."""
    before = language()
    set_language(locale)
    try:
        yield
    finally:
        set_language(before)


def choose_language(name: str) -> str:
    """A language named by the player (--lang fr, "FR", "fr_CA"), checked and switched to; an
    unknown one raises UnknownLanguage with a sentence saying which ones exist."""
    code = name.strip().replace("-", "_")
    code = PSEUDO if code.lower() == PSEUDO else code.split("_")[0].split(".")[0].lower()
    if code not in shipped():
        raise UnknownLanguage(
            f"the game has no language {name!r}; choose one of: {', '.join(shipped())} "
            f"(e.g. --lang fr for French)"
        )
    return set_language(code)


def system_language(environ: dict[str, str] | None = None) -> str:
    """The language of the system, as a shipped one: LC_ALL, then LC_MESSAGES, then LANG (the
    order POSIX reads them in); "fr_FR.UTF-8" gives "fr". English when none names a shipped
    language."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            code = re.split(r"[_.@-]", value)[0].lower()
            return code if code in shipped() and code != PSEUDO else FALLBACK
    return FALLBACK


@functools.cache
def keys(locale: str = FALLBACK) -> frozenset[str]:
    """Every key a language file defines (read once)."""
    return frozenset(_read(locale, TRANSLATIONS) or {})


@functools.cache
def entries(locale: str = FALLBACK) -> dict[str, object]:
    """Every key of a language file with its text (a dict of forms for a plural)."""
    return dict(_read(locale, TRANSLATIONS) or {})


def language() -> str:
    """The language in use (a locale code such as "en"): the one `set_language` last chose."""
    if FALLBACK not in _loaded:
        set_language(FALLBACK)
    return str(i18n.get("locale"))


def plural_form(locale: str, count: float) -> str:
    """Which plural form a number takes: "one" or "other" (CLDR's rules for our languages)."""
    n = abs(float(count))
    if locale == "fr":
        return "one" if n < 2 else "other"
    return "one" if n == 1 else "other"


# French elides que, de, le, la, ne, se, je before a vowel ("qu’à partir de 2025", "d’Abu Dhabi").
# A catalog writes its own words elided; this mends the seam where a placeholder's value begins
# with a vowel: "ne peut démarrer que %{when}" with "à partir de 2025".
_ELIDABLE = re.compile(r"\b([QqDdLlNnSsJj]u?)[ea] (%\{(\w+)\})")
_VOWEL = re.compile(r"[aàâæeéèêëiîïoôœuùûü]", re.IGNORECASE)


def _elided(text: str, kwargs: dict[str, object]) -> str:
    def mend(m: re.Match[str]) -> str:
        value = str(kwargs.get(m.group(3), ""))
        return f"{m.group(1)}\u2019{m.group(2)}" if _VOWEL.match(value) else m.group(0)

    return _ELIDABLE.sub(mend, text)


@functools.cache
def _french_to_elide(key: str) -> str | None:
    """The French sentence of `key` when a placeholder in it may need elision, else None
    (looked up once per key: `t` is called for every label drawn)."""
    if not i18n.translations.has(key, "fr"):
        return None
    template = i18n.translations.get(key, locale="fr")
    return template if isinstance(template, str) and _ELIDABLE.search(template) else None


def t(key: str, **kwargs: object) -> str:
    """The player's words for `key`, with %{placeholders} filled in."""
    if FALLBACK not in _loaded:
        set_language(FALLBACK)
    if kwargs and str(i18n.get("locale")) == "fr":
        template = _french_to_elide(key)
        if template is not None:
            return i18n.translator.TranslationFormatter(_elided(template, kwargs)).format(**kwargs)
    count = kwargs.get("count")
    if isinstance(count, int | float) and not isinstance(count, bool):
        locale = str(i18n.get("locale"))
        forms = i18n.translations.get(key, locale=locale) if i18n.translations.has(key, locale) else None
        if forms is None and i18n.translations.has(key, FALLBACK):
            locale, forms = FALLBACK, i18n.translations.get(key, locale=FALLBACK)
        if isinstance(forms, dict):
            form = "zero" if count == 0 and "zero" in forms else plural_form(locale, count)
            text = forms.get(form, forms.get("other", forms.get("many", key)))
            return i18n.translator.TranslationFormatter(str(text)).format(**kwargs)
    return i18n.t(key, **kwargs)
