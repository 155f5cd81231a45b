"""The player's display settings, remembered between runs in <data folder>/settings.json.

The file is validated with pydantic. A missing, damaged or out-of-range file never stops the
game: it falls back to the defaults (and says why in `Settings.problem`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.saves.store import data_dir, write_atomic
from game.text.catalog import system_language

TextSize = Literal["small", "normal", "large", "larger"]
Palette = Literal["standard", "colour_blind"]
AnimationSpeed = Literal["off", "slow", "normal", "fast"]

TEXT_SCALE: dict[str, float] = {"small": 0.9, "normal": 1.0, "large": 1.15, "larger": 1.3}
ANIMATION_FACTOR: dict[str, float] = {"off": 0.0, "slow": 0.6, "normal": 1.0, "fast": 1.8}
# The layouts fill the window at 100% (a 1440x810 board scaled to fit), so there is no room for
# more: larger saved values are read as 100% (game.ui.theme) and bigger type comes from Text size.
UI_SCALES: tuple[int, ...] = (70, 80, 90, 100)
MAX_UI_SCALE = 100


class Settings(BaseModel):
    """What the player chose on the settings screen."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    fullscreen: bool = Field(False, description="Fill the screen instead of a window.")
    window_width: int = Field(1600, ge=640, le=7680, description="Last window width.")
    window_height: int = Field(900, ge=360, le=4320, description="Last window height.")
    ui_scale: int = Field(100, ge=70, le=200, description="Size of the whole interface, percent.")
    text_size: TextSize = "normal"
    palette: Palette = "standard"
    animation_speed: AnimationSpeed = "normal"
    # A first run (no settings file, or one without a language) speaks the system's language.
    language: str = Field(default_factory=system_language, pattern=r"^([a-z]{2}(_[A-Z]{2})?|pseudo)$")
    projector: bool = Field(False, description="Projector mode: large type, high contrast, thick lines, the key tracks big.")
    player_name: str = Field("", max_length=80, description="The player's or team's name, written into result files.")
    ask_ruinous: bool = Field(True, description="Ask before a move that leaves under two quarters of runway or the cash below zero.")
    ask_hopeless_pitch: bool = Field(True, description="Ask before a pitch whose odds round to 0%.")
    ask_unused_attention: bool = Field(True, description="Ask before ending a quarter with attention left.")
    show_tour: bool = Field(True, description="Offer the How to play tour on a fresh game, until it is finished or skipped once.")


# Which setting lets each kind of danger (game.core.menu.danger) ask before the move.
ASK_SETTING: dict[str, str] = {
    "danger.cash_below_zero": "ask_ruinous",
    "danger.short_runway": "ask_ruinous",
    "danger.zero_odds": "ask_hopeless_pitch",
    "danger.attention_unused": "ask_unused_attention",
}
ASK_SETTINGS: tuple[str, ...] = ("ask_ruinous", "ask_hopeless_pitch", "ask_unused_attention")


def settings_path() -> Path:
    return data_dir() / "settings.json"


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The saved settings, or the defaults and a sentence saying why they were not used."""
    path = path or settings_path()
    if not path.exists():
        return Settings(), None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return Settings.model_validate(data), None
    except (OSError, UnicodeDecodeError, ValueError, ValidationError) as e:
        reason = e.errors(include_url=False)[0]["msg"] if isinstance(e, ValidationError) else str(e)
        return Settings(), f"{path}: {reason}"


def save_settings(settings: Settings, path: Path | None = None) -> str | None:
    """Write the settings; return a sentence if that failed (the game goes on regardless)."""
    path = path or settings_path()
    try:
        write_atomic(path, settings.model_dump_json(indent=2), make_parents=True)
    except OSError as e:
        return f"{path}: {e.strerror or e}"
    return None
