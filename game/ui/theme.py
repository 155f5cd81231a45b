"""Colours, type and sizes: a calm navy board, warm paper cards and one amber accent.

Two palettes: the standard one and a colour-blind-safe one (Okabe-Ito blue and vermillion for
good and bad). Neither carries meaning by colour alone: every good/bad mark also has an arrow,
a sign or an icon. Sizes are given at a 1440x810 reference and scaled to the window.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace

import pygame

from game.ui.paths import FONTS
from game.ui.settings import MAX_UI_SCALE, TEXT_SCALE, Settings

Colour = tuple[int, int, int]

REFERENCE_SIZE = (1440, 810)


@dataclass(frozen=True)
class Palette:
    name: str
    # the board
    sea_top: Colour = (13, 27, 46)
    sea_bottom: Colour = (9, 19, 34)
    grid: Colour = (24, 42, 66)
    land: Colour = (36, 60, 92)
    land_dot: Colour = (64, 96, 138)
    route: Colour = (92, 122, 160)
    # panels on the board
    panel: Colour = (19, 33, 54)
    panel_raised: Colour = (27, 45, 72)
    panel_edge: Colour = (46, 68, 102)
    ink_light: Colour = (236, 231, 218)
    ink_muted: Colour = (150, 166, 190)
    ink_faint: Colour = (98, 116, 142)
    # paper (cards, tooltips, dialogs)
    paper: Colour = (245, 237, 220)
    paper_shade: Colour = (232, 221, 198)
    paper_edge: Colour = (205, 188, 154)
    ink: Colour = (40, 38, 48)
    ink_soft: Colour = (104, 96, 86)
    # one accent, and meaning marks
    accent: Colour = (242, 169, 59)
    accent_dark: Colour = (196, 124, 24)
    accent_ink: Colour = (33, 24, 10)
    good: Colour = (62, 196, 150)
    bad: Colour = (236, 106, 92)
    good_on_paper: Colour = (22, 128, 92)
    bad_on_paper: Colour = (186, 58, 44)
    neutral: Colour = (150, 166, 190)
    focus: Colour = (255, 214, 120)
    shadow: Colour = (4, 9, 18)


PALETTES: dict[str, Palette] = {
    "standard": Palette("standard"),
    # Okabe-Ito: sky blue for good, vermillion/orange for bad; shapes carry the meaning too.
    "colour_blind": Palette(
        "colour_blind",
        good=(86, 180, 233),
        bad=(230, 159, 0),
        good_on_paper=(0, 114, 178),
        bad_on_paper=(213, 94, 0),
        accent=(240, 228, 66),
        accent_dark=(190, 176, 20),
        focus=(255, 255, 255),
    ),
}

# Projector mode: a projector washes out dark greys and thin lines, and the back row is ten
# metres away. Near-black board, white ink, muted text still at least 9:1 against the panels,
# bright edges, and a warmer, brighter accent.
PROJECTOR = Palette(
    "projector",
    sea_top=(8, 16, 30),
    sea_bottom=(2, 6, 14),
    grid=(22, 38, 62),
    land=(46, 74, 112),
    land_dot=(92, 124, 166),
    route=(176, 196, 224),
    panel=(8, 14, 26),
    panel_raised=(30, 46, 72),
    panel_edge=(150, 172, 204),
    ink_light=(255, 255, 255),
    ink_muted=(214, 224, 240),
    ink_faint=(168, 184, 208),
    paper=(255, 253, 246),
    paper_shade=(238, 231, 214),
    paper_edge=(128, 108, 76),
    ink=(8, 8, 14),
    ink_soft=(52, 48, 44),
    accent=(255, 196, 60),
    accent_dark=(156, 88, 0),
    accent_ink=(16, 10, 0),
    good=(96, 236, 172),
    bad=(255, 118, 98),
    good_on_paper=(0, 104, 64),
    bad_on_paper=(168, 26, 16),
    neutral=(214, 224, 240),
    focus=(255, 255, 255),
    shadow=(0, 0, 0),
)
PROJECTOR_COLOUR_BLIND = replace(
    PROJECTOR,
    name="projector_colour_blind",
    good=(110, 196, 245),
    bad=(245, 170, 0),
    good_on_paper=(0, 96, 160),
    bad_on_paper=(176, 70, 0),
    accent=(245, 234, 80),
    accent_dark=(120, 100, 0),
)
PROJECTOR_TEXT = 1.15  # every text grows this much in projector mode; the board's own sizes grow more
PROJECTOR_STROKE = 2.0  # and every line is this much thicker

FONT_FILES = {
    ("ui", "regular"): "Inter-Regular.otf",
    ("ui", "semibold"): "Inter-SemiBold.otf",
    ("ui", "bold"): "Inter-Bold.otf",
    ("ui", "italic"): "Inter-Italic.otf",
    ("serif", "regular"): "EBGaramond12-Regular.otf",
    ("serif", "italic"): "EBGaramond12-Italic.otf",
}


class Theme:
    """The palette, the scale and the fonts for the current window and settings."""

    def __init__(self, settings: Settings, size: tuple[int, int]):
        self.settings = settings
        self.projector = bool(settings.projector)
        if self.projector:
            self.palette = PROJECTOR_COLOUR_BLIND if settings.palette == "colour_blind" else PROJECTOR
        else:
            self.palette = PALETTES.get(settings.palette, PALETTES["standard"])
        self.size = size
        fit = min(size[0] / REFERENCE_SIZE[0], size[1] / REFERENCE_SIZE[1])
        # above 100% the board would no longer fit the window: capped (the settings screen says so)
        self.ui_pct = min(settings.ui_scale, MAX_UI_SCALE)
        self.scale = max(0.5, fit * self.ui_pct / 100.0)
        # projector mode sets its own large type (the layouts are sized for it), in place of the text size
        self.text_scale = self.scale * (PROJECTOR_TEXT if self.projector else TEXT_SCALE.get(settings.text_size, 1.0))
        self._stroke = PROJECTOR_STROKE if self.projector else 1.0
        self._fonts: dict[tuple[str, str, int], pygame.font.Font] = {}
        self._text_cache: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._wrap_cache: dict[tuple, list[str]] = {}
        self._fit_cache: dict[tuple, str] = {}
        self._width_cache: dict[tuple, int] = {}

    # ----- sizes --------------------------------------------------------------------------------

    def px(self, n: float) -> int:
        """A length given at the reference size, in pixels for this window."""
        return max(1, round(n * self.scale)) if n > 0 else round(n * self.scale)

    def stroke(self, n: float = 1, least: int = 1) -> int:
        """A line's width: n pixels at the reference size, thicker in projector mode."""
        return max(least, round(n * self.scale * self._stroke))

    # ----- type ---------------------------------------------------------------------------------

    def font(self, size: float, weight: str = "regular", family: str = "ui") -> pygame.font.Font:
        px = max(8, round(size * self.text_scale))
        key = (family, weight, px)
        f = self._fonts.get(key)
        if f is None:
            path = FONTS / FONT_FILES.get((family, weight), FONT_FILES[(family, "regular")])
            f = pygame.font.Font(str(path), px)
            self._fonts[key] = f
        return f

    def render(self, text: str, size: float, colour: Colour, weight: str = "regular", family: str = "ui") -> pygame.Surface:
        key = (text, size, colour, weight, family)
        surf = self._text_cache.get(key)
        if surf is not None:
            self._text_cache.move_to_end(key)
            return surf
        surf = self.font(size, weight, family).render(text, True, colour)
        self._text_cache[key] = surf
        if len(self._text_cache) > 1500:
            self._text_cache.popitem(last=False)
        return surf

    def line_height(self, size: float, weight: str = "regular", family: str = "ui") -> int:
        return self.font(size, weight, family).get_linesize()

    def text_width(self, text: str, size: float, weight: str = "regular", family: str = "ui") -> int:
        key = (text, size, weight, family)
        w = self._width_cache.get(key)
        if w is None:
            if len(self._width_cache) > 4000:
                self._width_cache.clear()
            w = self._width_cache[key] = self.font(size, weight, family).size(text)[0]
        return w

    def wrap(self, text: str, size: float, width: int, weight: str = "regular", family: str = "ui") -> list[str]:
        """Break text into lines no wider than width (explicit newlines are kept)."""
        key = (text, size, width, weight, family)
        lines = self._wrap_cache.get(key)
        if lines is None:
            if len(self._wrap_cache) > 2000:
                self._wrap_cache.clear()
            lines = self._wrap_cache[key] = self._wrap(text, size, width, weight, family)
        return list(lines)

    def _wrap(self, text: str, size: float, width: int, weight: str, family: str) -> list[str]:
        font = self.font(size, weight, family)
        lines: list[str] = []
        for para in text.split("\n"):
            words = para.split()
            if not words:
                lines.append("")
                continue
            line = ""
            for w in words:
                trial = f"{line} {w}" if line else w
                if font.size(trial)[0] <= width:
                    line = trial
                    continue
                if font.size(w)[0] <= width:
                    lines.append(line)
                    line = w
                    continue
                # a word wider than the box (a file path): broken, starting on this line
                pieces = self._break_word(font, trial, width)
                lines.extend(pieces[:-1])
                line = pieces[-1]
            lines.append(line)
        return lines

    @staticmethod
    def _break_word(font: pygame.font.Font, word: str, width: int) -> list[str]:
        """Cut a word wider than width (with the words before it on its line) into pieces that
        fit: after a space, '/', '\\', '-' or '_' where it can (a file path breaks between
        folders), else between any two characters."""
        pieces: list[str] = []
        while font.size(word)[0] > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and font.size(word[:cut])[0] > width:
                cut -= 1
            soft = max(word.rfind(ch, 0, cut) for ch in " /\\-_")
            if soft >= 0 and font.size(word[: soft + 1])[0] >= width // 3:
                cut = soft + 1
            pieces.append(word[:cut].rstrip())
            word = word[cut:]
        pieces.append(word)
        return pieces

    def ellipsize(self, text: str, size: float, width: int, weight: str = "regular", family: str = "ui") -> str:
        key = (text, size, width, weight, family)
        out = self._fit_cache.get(key)
        if out is None:
            if len(self._fit_cache) > 2000:
                self._fit_cache.clear()
            out = self._fit_cache[key] = self._ellipsize(text, size, width, weight, family)
        return out

    def _ellipsize(self, text: str, size: float, width: int, weight: str, family: str) -> str:
        font = self.font(size, weight, family)
        if font.size(text)[0] <= width:
            return text
        # the longest start of the text that fits with the ellipsis: a binary search over its
        # length (a few measures, whatever the text's length; a width grows with each letter)
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if font.size(text[:mid] + "…")[0] <= width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + "…"
