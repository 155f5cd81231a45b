"""What lies on top of the board: the event card, the quarter's summary, the pause menu, saving."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.core.actions import Choose
from game.core.session import QuarterRecord
from game.saves.store import SaveError, list_saves, save_game
from game.text import numbers as format
from game.text.words import words_for
from game.ui import draw, kit, panels
from game.ui.app import App
from game.ui.describe import scenario_effects
from game.ui.i18n import t
from game.ui.library import SLOTS, slot_path
from game.ui.scenes.common import add_button
from game.ui.widgets import Layer, Tip, TipLine, Widget

if TYPE_CHECKING:
    from game.ui.scenes.play import GameScene

CARD_SECONDS = 0.6
NUMBER_KEYS = (pygame.K_1, pygame.K_2, pygame.K_3)
LETTER_KEYS = (pygame.K_a, pygame.K_b, pygame.K_c)  # a card's choices are a, b, c, as in the text mode
CARD_PROJECTOR_SIZES = {11: 13, 12: 14, 13: 15, 15: 18, 16: 19, 30: 34}


# ----- the event card ------------------------------------------------------------------------------


class CardLayer(Layer):
    """The event card: drawn from the deck with a flip, then read and answered."""

    name = "card"

    def __init__(self, app: App, scene: GameScene, animate: bool = True):
        super().__init__(app)
        self.scene = scene
        self.card = scene.game.card
        self.start = app.now()
        self.length = app.duration(CARD_SECONDS) if animate else 0.0
        self.rect = pygame.Rect(0, 0, 1, 1)
        self.front: pygame.Surface | None = None
        self._back: pygame.Surface | None = None
        self.layout: dict = {}

    @property
    def animating(self) -> bool:
        return self.length > 0 and self.app.now() - self.start < self.length

    def update(self, now: float) -> bool:
        return self.animating

    def _choice_items(self):
        return [it for it in self.scene.items if isinstance(it.action, Choose)]

    def build(self, rect: pygame.Rect) -> None:
        th = self.app.theme
        card = self.card
        if card is None:
            return
        w = min(th.px(760 if th.projector else 600), rect.w - th.px(40))
        fs = self.fs
        pad = th.px(36)
        inner = w - 2 * pad
        y = pad
        y += th.line_height(fs(12), "bold") + th.px(12)
        title_lines = th.wrap(card.title, fs(30), inner, family="serif")
        y += th.line_height(fs(30), family="serif") * len(title_lines) + th.px(14)
        text_lines = th.wrap(card.text, fs(16), inner)
        text_lh = round(th.line_height(fs(16)) * 1.15)
        y += text_lh * len(text_lines) + th.px(12)
        y += th.line_height(fs(12), "bold") + th.px(6)  # the card's tag: history or fiction
        source_lines = th.wrap(format.source_line(card.source), fs(13), inner - th.px(22), "italic")
        y += th.line_height(fs(13), "italic") * len(source_lines) + th.px(8)
        effects = scenario_effects(card.effects.root)
        if effects:
            y += th.px(12) + th.line_height(fs(11), "bold") + th.px(8) + th.line_height(fs(12), "semibold") + th.px(8)
        y += th.px(16)
        items = self._choice_items() if self.scene.game.awaiting_choice else []
        choice_h = th.px(14) + th.line_height(fs(15), "semibold") + th.px(8) + th.line_height(fs(12), "semibold") + th.px(4) + th.px(14)
        buttons_y = y
        if items:
            y += len(items) * (choice_h + th.px(10))
        else:
            y += th.px(52) + th.px(10)
        y += pad - th.px(10)
        h = y
        max_h = rect.h - th.px(30)
        scale_down = h > max_h
        self.rect = pygame.Rect(0, 0, w, min(h, max_h))
        self.rect.center = rect.center
        if scale_down:
            self.rect.top = rect.top + th.px(15)
        self.layout = {"pad": pad, "title": title_lines, "text": text_lines, "text_lh": text_lh, "source": source_lines, "effects": effects}
        self.front = None
        by = self.rect.y + min(buttons_y, self.rect.h - (h - buttons_y))
        if items:
            for i, it in enumerate(items):
                r = pygame.Rect(self.rect.x + pad, by + i * (choice_h + th.px(10)), inner, choice_h)
                self.add(Widget(f"card.choice.{i}", r, self._paint_choice, on_click=(lambda a=it.action: self.choose(a)), enabled=it.legal, tooltip=(lambda i=i, it=it: self._choice_tip(i, it)), hotkeys=(LETTER_KEYS[i], NUMBER_KEYS[i]) if i < 3 else (), data=(i, it), refusal=(lambda it=it: words_for(self.scene.game).say(it.reason))))
        else:
            r = pygame.Rect(0, 0, th.px(220), th.px(52))
            r.topright = (self.rect.right - pad, by)
            add_button(self, "card.continue", r, t("card.continue"), self.dismiss, icon="check", style="primary", hotkey=pygame.K_RETURN)
        if not items:
            return
        hide = pygame.Rect(0, 0, th.px(150), th.px(30))
        hide.topright = (self.rect.right - th.px(18), self.rect.y + th.px(16))
        add_button(self, "card.hide", hide, t("card.hide"), self.hide, style="paper", size=12, tooltip=lambda: Tip(t("card.hide"), [TipLine(t("card.hide_help"))]))

    # Enter acts only on a choice the player moved to: a stray Enter never answers the card
    auto_focus = False
    enter_needs_focus = True

    def default_focus(self) -> str | None:
        return "card.choice.0" if self.find("card.choice.0") else "card.continue"

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.find("card.choice.0") is not None:
            w = self.focused()
            if w is None or not self.app.keyboard_mode:
                self.app.toast(t("card.choose_first", letters=", ".join(choice_letter(i) for i in range(len(self._choice_items())))), "info")
                return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.find("card.continue") is not None:
            self.dismiss()
            return True
        return False

    def fs(self, size: float) -> float:
        """The card's type sizes, bigger in projector mode (the class reads the card together)."""
        return CARD_PROJECTOR_SIZES.get(size, size) if self.app.theme.projector else size

    def choose(self, action) -> None:
        scene = self.scene
        if scene.do(action):
            scene.card_seen_turn = scene.game.turn
            scene.pop(self)

    def dismiss(self) -> None:
        self.scene.card_seen_turn = self.scene.game.turn
        self.scene.pop(self)

    def hide(self) -> None:
        self.scene.card_seen_turn = self.scene.game.turn
        self.scene.pop(self)
        self.scene.refresh(animate=False)

    def on_escape(self) -> bool:
        self.scene.open_pause()
        return True

    def handle(self, event: pygame.event.Event) -> None:
        if self.animating and event.type in (pygame.MOUSEBUTTONUP, pygame.KEYDOWN):
            self.length = 0.0  # a click or a key skips the animation
            self.app.mark_dirty()
            return
        super().handle(event)

    def _choice_tip(self, i: int, it) -> Tip:
        from game.ui.describe import action_tip

        tip = action_tip(self.scene.game, it)
        tip.title = t("card.choice_n", n=choice_letter(i), label=tip.title)
        return tip

    # ----- drawing ---------------------------------------------------------------------------------

    def _render_front(self) -> pygame.Surface:
        th = self.app.theme
        pal = th.palette
        surf = pygame.Surface(self.rect.size, pygame.SRCALPHA)
        box = surf.get_rect()
        draw.rounded(surf, pal.paper, box, th.px(16))
        draw.rounded(surf, pal.paper_edge, box.inflate(-th.px(12), -th.px(12)), th.px(12), width=th.stroke(1))
        lay = self.layout
        pad = lay["pad"]
        x = pad
        y = pad
        kicker = t("card.kicker", date=format.quarter(self.scene.game.date)).upper()
        draw.icon(surf, "card", (x + th.px(6), y + th.px(8)), th.px(14), pal.accent_dark)
        fs = self.fs
        draw.text(surf, th, kicker, fs(12), pal.accent_dark, (x + th.px(18), y), weight="bold")
        y += th.line_height(fs(12), "bold") + th.px(12)
        for line in lay["title"]:
            surf.blit(th.render(line, fs(30), pal.ink, "regular", "serif"), (x, y))
            y += th.line_height(fs(30), family="serif")
        pygame.draw.line(surf, pal.accent_dark, (x, y + th.px(4)), (x + th.px(56), y + th.px(4)), th.stroke(2, 2))
        y += th.px(14)
        for line in lay["text"]:
            surf.blit(th.render(line, fs(16), pal.ink), (x, y))
            y += lay["text_lh"]
        y += th.px(12)
        history = self.card.truth == "reported"
        tag = t("card.truth.reported", articles=", ".join(self.card.articles)) if history else t("card.truth.fiction")
        draw.text(surf, th, tag.upper(), fs(12), pal.accent_dark if history else pal.ink_soft, (x, y), weight="bold")
        y += th.line_height(fs(12), "bold") + th.px(6)
        draw.icon(surf, "book", (x + th.px(7), y + th.px(9)), th.px(14), pal.ink_soft)
        for line in lay["source"]:
            surf.blit(th.render(line, fs(13), pal.ink_soft, "italic"), (x + th.px(22), y))
            y += th.line_height(fs(13), "italic")
        if lay["effects"]:
            y += th.px(12)
            draw.text(surf, th, t("card.when_drawn").upper(), fs(11), pal.ink_soft, (x, y), weight="bold")
            y += th.line_height(fs(11), "bold") + th.px(8)
            cx = x
            for key, v, text in lay["effects"]:
                cx += kit.effect_chip(surf, th, key, v, cx, y, on_paper=True, size=fs(12), text=f"{format.label(key)} {text}") + th.px(6)
        return surf

    def _render_back(self, size: tuple[int, int]) -> pygame.Surface:
        th = self.app.theme
        pal = th.palette
        surf = pygame.Surface(size, pygame.SRCALPHA)
        box = surf.get_rect()
        draw.rounded(surf, pal.panel_raised, box, th.px(16))
        draw.rounded(surf, pal.accent_dark, box.inflate(-th.px(14), -th.px(14)), th.px(12), width=th.stroke(2, 2))
        step = th.px(22)
        for yy in range(box.y + th.px(20), box.bottom - th.px(20), step):
            for xx in range(box.x + th.px(20), box.right - th.px(20), step):
                draw.pip(surf, (xx + step / 2, yy + step / 2), th.px(3), pal.panel_edge, pal.panel_edge)
        draw.pip(surf, box.center, min(box.w, box.h) * 0.16, pal.accent, pal.accent_dark)
        return surf

    def draw(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        if self.card is None:
            return
        if self.front is None or self.front.get_size() != self.rect.size:
            self.front = self._render_front()
        if self.animating:
            p = self.app.progress(self.start, self.length)
            e = 1 - (1 - p) ** 3
            deck = self.scene.view.rect
            small = pygame.Rect(0, 0, round(self.rect.w * 0.25), round(self.rect.h * 0.25))
            small.topright = (deck.right - th.px(12), deck.y + th.px(12))
            cx = small.centerx + (self.rect.centerx - small.centerx) * e
            cy = small.centery + (self.rect.centery - small.centery) * e
            sc = 0.25 + 0.75 * e
            flip = abs(math.cos(math.pi * min(1.0, p * 1.25)))
            w = max(2, round(self.rect.w * sc * max(0.04, flip)))
            h = max(2, round(self.rect.h * sc))
            if p * 1.25 < 0.5:
                if self._back is None or self._back.get_size() != self.rect.size:
                    self._back = self._render_back(self.rect.size)
                face = self._back
            else:
                face = self.front
            img = pygame.transform.smoothscale(face, (w, h))
            r = img.get_rect(center=(round(cx), round(cy)))
            surf.blit(img, r)
            return
        draw.shadow(surf, self.rect, th.px(16), blur=th.px(10), offset=th.px(8), alpha=150)
        surf.blit(self.front, self.rect)
        self.draw_widgets(surf)

    def _paint_choice(self, surf: pygame.Surface, w: Widget) -> None:
        th = self.app.theme
        pal = th.palette
        i, it = w.data
        fill = pal.paper_shade if not w.hovered else tuple(max(0, c - 12) for c in pal.paper_shade)
        if w.pressed:
            fill = pal.paper_edge
        draw.rounded(surf, fill, w.rect, th.px(10))
        draw.rounded(surf, pal.accent_dark if w.hovered or w.focused else pal.paper_edge, w.rect, th.px(10), width=max(1, th.px(2) if w.hovered else th.px(1)))
        if w.focused:
            draw.focus_ring(surf, th, w.rect)
        x = w.rect.x + th.px(14)
        y = w.rect.y + th.px(14)
        badge = pygame.Rect(x, y, th.px(28 if th.projector else 24), th.px(28 if th.projector else 24))
        draw.rounded(surf, pal.ink, badge, th.px(6))
        draw.text(surf, th, choice_letter(i), self.fs(13), pal.paper, badge.center, anchor="center", weight="bold")
        label = self.card.choices[i].label if self.card and i < len(self.card.choices) else it.label
        draw.text(surf, th, th.ellipsize(label, self.fs(15), w.rect.w - th.px(60), "semibold"), self.fs(15), pal.ink, (x + th.px(36), y + th.px(1)), weight="semibold")
        y2 = y + th.line_height(self.fs(15), "semibold") + th.px(8)
        effects = format.ordered(it.touches)
        if effects:
            kit.effect_chips(surf, th, effects, x + th.px(36), y2, w.rect.w - th.px(50), on_paper=True, size=self.fs(12), max_rows=1, named=True)
        else:
            draw.text(surf, th, t("card.no_effect"), self.fs(12), pal.ink_soft, (x + th.px(36), y2), weight="italic")


def choice_letter(i: int) -> str:
    """The letter of a card's i-th choice, as both the desktop and the text mode show it."""
    return chr(ord("A") + i)


# ----- the end of a quarter ------------------------------------------------------------------------

SUMMARY_TRACKS = (
    "cash_busd",
    "revenue_busd_per_year",
    "spend_busd_per_year",
    "chips",
    "power_gw_online",
    "scrutiny",
    "credibility",
    "trust",
    "valuation_busd",
)


class SummaryLayer(Layer):
    """What changed in the quarter that just closed, and why."""

    name = "summary"

    def __init__(self, app: App, scene: GameScene, record: QuarterRecord, index: int, messages: list[str]):
        super().__init__(app)
        self.scene = scene
        self.record = record
        self.index = index
        self.messages = messages
        self.rect = pygame.Rect(0, 0, 1, 1)
        self.start = app.now()
        self.length = app.duration(0.3)
        self.figure_rows: list[FigureRow] = []  # as last drawn

    def update(self, now: float) -> bool:
        return self.length > 0 and now - self.start < self.length

    def before(self) -> dict[str, float]:
        g = self.scene.game
        for rec in reversed(g.quarters[: self.index]):
            if rec.tracks:
                return rec.tracks
        return panels.start_values(g)

    def build(self, rect: pygame.Rect) -> None:
        th = self.app.theme
        w = min(th.px(1040), rect.w - th.px(40))
        h = min(th.px(600), rect.h - th.px(40))
        self.rect = pygame.Rect(0, 0, w, h)
        self.rect.center = rect.center
        g = self.scene.game
        label = t("summary.see_end") if g.over else t("summary.next", date=format.quarter(g.date))
        b = pygame.Rect(0, 0, th.px(300), th.px(52))
        b.bottomright = (self.rect.right - th.px(32), self.rect.bottom - th.px(26))
        add_button(self, "summary.continue", b, label, self.next, icon="play", style="primary", hotkey=pygame.K_RETURN)

    def default_focus(self) -> str | None:
        return "summary.continue"

    def next(self) -> None:
        self.scene.pop(self)
        self.scene.after_summary()

    def on_escape(self) -> bool:
        self.next()
        return True

    def draw(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        p = 1.0 if self.length <= 0 else self.app.progress(self.start, self.length)
        box = self.rect.move(0, round((1 - p) * th.px(30)))
        draw.paper(surf, th, box, radius=16)
        rec = self.record
        x = box.x + th.px(36)
        y = box.y + th.px(28)
        draw.text(surf, th, t("summary.kicker").upper(), 12, pal.accent_dark, (x, y), weight="bold")
        r = draw.text(surf, th, t("summary.title", date=format.quarter(rec.date)), 32, pal.ink, (x, y + th.px(18)), family="serif")
        if rec.incident:
            ir = pygame.Rect(0, 0, th.px(300), th.px(30))
            ir.midleft = (r.right + th.px(20), r.centery)
            draw.rounded(surf, pal.bad_on_paper, ir, th.px(8))
            draw.icon(surf, "warning", (ir.x + th.px(16), ir.centery), th.px(16), pal.paper, pal.bad_on_paper)
            draw.text(surf, th, t("summary.incident"), 13, pal.paper, (ir.x + th.px(32), ir.centery), anchor="midleft", weight="semibold")
        top = r.bottom + th.px(18)
        col_w = (box.w - th.px(36) * 2 - th.px(36)) // 2
        self._draw_figures(surf, pygame.Rect(x, top, col_w, box.bottom - top - th.px(90)))
        self._draw_story(surf, pygame.Rect(x + col_w + th.px(36), top, col_w, box.bottom - top - th.px(90)))
        self.draw_widgets(surf)

    def _draw_figures(self, surf: pygame.Surface, area: pygame.Rect) -> None:
        th = self.app.theme
        pal = th.palette
        before = self.before()
        after = self.record.tracks or {}
        draw.text(surf, th, t("summary.figures").upper(), 11, pal.ink_soft, (area.x, area.y), weight="bold")
        y = area.y + th.px(24)
        row_h = th.px(34)
        rows = self.figure_rows = figure_rows(th, [(key, panels.track_from(before, key), panels.track_from(after, key)) for key in SUMMARY_TRACKS], area.x, area.right)
        for row in rows:
            if y + row_h > area.bottom:
                break
            key = row.key
            draw.icon(surf, format.info(key).icon, (area.x + th.px(9), y + th.px(10)), th.px(16), pal.accent_dark, pal.paper)
            draw.text(surf, th, format.label(key), 14, pal.ink, (area.x + th.px(26), y), weight="semibold")
            if row.chip_x is not None and kit.visible_effects([(key, row.d)]):  # no "−0" badge
                kit.effect_chip(surf, th, key, row.d, row.chip_x, y, on_paper=True, size=row.chip_size)
            if row.before is not None:
                draw.text(surf, th, row.before, row.before_size, pal.ink_soft, (row.before_right, y + th.px(1)), anchor="topright")
                draw.text(surf, th, "→", row.before_size, pal.ink_soft, (row.before_right + th.px(14), y + th.px(1)), anchor="midtop")
            draw.text(surf, th, row.after, row.after_size, pal.ink, (row.after_x, y), weight="bold")
            pygame.draw.line(surf, pal.paper_shade, (area.x, y + row_h - th.px(6)), (area.right, y + row_h - th.px(6)), th.stroke(1))
            y += row_h

    def _draw_story(self, surf: pygame.Surface, area: pygame.Rect) -> None:
        th = self.app.theme
        pal = th.palette
        g = self.scene.game
        rec = self.record
        tracks = rec.tracks or {}
        y = area.y
        draw.text(surf, th, t("summary.what_happened").upper(), 11, pal.ink_soft, (area.x, y), weight="bold")
        y += th.px(24)
        for icon, text in review_lines(g, rec):
            if y + th.px(20) > area.bottom:
                break
            colour = pal.bad_on_paper if icon == "warning" else pal.accent_dark
            draw.icon(surf, icon, (area.x + th.px(7), y + th.px(9)), th.px(13), colour, pal.paper)
            y = draw.paragraph(surf, th, text, 13, pal.ink, area.x + th.px(22), y, area.w - th.px(22), max_lines=3) + th.px(4)
        # the quarter's money
        y += th.px(10)
        if y + th.px(60) < area.bottom:
            draw.text(surf, th, t("summary.money").upper(), 11, pal.ink_soft, (area.x, y), weight="bold")
            y += th.px(22)
            ledger = [
                ("summary.revenue", tracks.get("q_revenue_busd", 0.0), +1),
                ("summary.raised", tracks.get("q_raised_busd", 0.0), +1),
                ("summary.other_money", tracks.get("q_other_busd", 0.0), +1),
                ("summary.inference", -tracks.get("q_inference_busd", 0.0), -1),
                ("summary.training", -tracks.get("q_training_busd", 0.0), -1),
                ("summary.staff", -tracks.get("q_staff_busd", 0.0), -1),
                ("summary.products", -tracks.get("q_products_busd", 0.0), -1),
                ("summary.capex", -tracks.get("q_capex_busd", 0.0), -1),
                ("summary.energy", -tracks.get("q_energy_busd", 0.0), -1),
                ("summary.chips", -tracks.get("q_chips_busd", 0.0), -1),
            ]
            for key, v, _ in ledger:
                if abs(v) < 1e-6:
                    continue
                if y + th.px(20) > area.bottom:
                    break
                draw.text(surf, th, t(key), 13, pal.ink, (area.x + th.px(22), y))
                col = pal.good_on_paper if v > 0 else pal.bad_on_paper
                sign = "+" if v > 0 else "−"
                draw.text(surf, th, sign + format.value("cash_busd", abs(v)), 13, col, (area.right, y), anchor="topright", weight="semibold")
                y += th.px(20)
        arriving = g.deliveries() if not g.over else []
        if arriving and y + th.px(50) < area.bottom:
            y += th.px(10)
            draw.text(surf, th, t("summary.coming").upper(), 11, pal.ink_soft, (area.x, y), weight="bold")
            y += th.px(22)
            for k, key, v in arriving:
                if y + th.px(20) > area.bottom:
                    break
                draw.icon(surf, "clock", (area.x + th.px(7), y + th.px(9)), th.px(12), pal.ink_soft)
                draw.text(surf, th, th.ellipsize(format.delayed_text(key, v, max(1, k)), 13, area.w - th.px(22)), 13, pal.ink, (area.x + th.px(22), y))
                y += th.px(20)


@dataclass
class FigureRow:
    """Where one row of the review's figures goes: the old figure (right-aligned at
    before_right, None when it is left out), an arrow, the new figure from after_x, and the
    change chip from chip_x (None when the figure did not move)."""

    key: str
    d: float
    before: str | None
    after: str
    before_size: float
    after_size: float
    before_right: int
    after_x: int
    chip_x: int | None
    chip_size: float


# (chip, old figure, new figure) type sizes, tried in turn until every row fits
FIGURE_SIZES = ((12, 13, 14), (12, 12, 13), (11, 12, 13), (11, 11, 12), (10, 11, 12))


def figure_rows(th, figures: list[tuple[str, float, float]], left: int, right: int) -> list[FigureRow]:
    """Lay out the review's figures: 'old -> new' in one column for every row, with the change
    chip at the right. When a wide chip (projector mode) would meet the new figure, the column
    moves left towards the labels, then the type and the chip get smaller; the old figure is
    only left out when none of that makes room, or when nothing moved."""
    gap, arrow_w = th.px(8), th.px(28)
    column = left + round((right - left) * 0.50)

    def plan(sizes: tuple[float, float, float]) -> tuple[int, list[tuple]]:
        chip_size, before_size, after_size = sizes
        col = column
        rows = []
        for key, a, b in figures:
            d = b - a
            changed = abs(d) > 1e-6
            chip_x = right - kit.chip_width(th, key, d, chip_size) if changed else None
            limit = (chip_x if chip_x is not None else right) - gap
            before, after = format.value(key, a), format.value(key, b)
            after_w = th.text_width(after, after_size, "bold")
            label_right = left + th.px(26) + th.text_width(format.label(key), 14, "semibold") + gap
            col = min(col, limit - after_w - arrow_w)
            rows.append((key, d, changed, chip_x, limit, before, after, after_w, label_right))
        return col, rows

    def fits(col: int, rows: list[tuple], before_size: float) -> bool:
        return all(col - th.text_width(r[5], before_size) >= r[8] for r in rows if r[2])

    for sizes in FIGURE_SIZES:
        col, rows = plan(sizes)
        if fits(col, rows, sizes[1]):
            break
    out = []
    for key, d, _changed, chip_x, limit, before, after, after_w, label_right in rows:
        keep = col - th.text_width(before, sizes[1]) >= label_right
        if keep:
            out.append(FigureRow(key, d, before, after, sizes[1], sizes[2], col, col + arrow_w, chip_x, sizes[0]))
        else:  # no room at all, or an unchanged row in a tight column: the new figure alone, whole
            out.append(FigureRow(key, d, None, after, sizes[1], sizes[2], col, max(label_right, limit - after_w), chip_x, sizes[0]))
    return out


def review_lines(game, rec: QuarterRecord) -> list[tuple[str, str]]:
    """What happened in a quarter, as (icon, text): the card and the answer, each action with
    what came of it, and an incident at the quarter's end with what it did (the log's sentence)."""
    lines: list[tuple[str, str]] = []
    if rec.card:
        card = next((e for e in game.scenario.events if e.id == rec.card), None)
        if card is not None:
            text = t("summary.card", title=card.title)
            if rec.choice is not None and rec.choice < len(card.choices):
                text += " " + t("summary.choice", choice=card.choices[rec.choice].label)
            lines.append(("card", text + _what_it_did(rec, "cause.card", "move.choose")))
    for label in story_lines(game, rec):
        lines.append(("play", label))
    if not [x for x in lines if x[0] == "play"]:
        lines.append(("play", t("summary.no_actions")))
    lines += [("clock", text) for text in quarter_end_lines(game, rec)]
    if rec.incident:
        told = [words_for(game).say(e.fact) for e in game.log if e.turn == rec.turn and e.kind == "incident"]
        lines.append(("warning", (told[0] if told else t("summary.incident")) + _what_it_did(rec, "cause.incident")))
    return lines


def _what_it_did(rec: QuarterRecord, *causes: str) -> str:
    """" Cash +1 $B, Scrutiny +1.5": what causes of the quarter (its card and the answer to it,
    an incident) did to the board's figures, as the quarter recorded them; "" when they moved
    none of them."""
    moved: dict[str, float] = {}
    for f, diff in rec.causes:
        if f.id in causes:
            for k, v in diff.items():
                moved[k] = moved.get(k, 0.0) + v
    shown = [(k, moved[k]) for k in (*SUMMARY_TRACKS, *_STORY_TRACKS) if k in moved and kit.visible_effects([(k, moved[k])])]
    shown = list(dict.fromkeys(shown))  # a track both lists name, once
    return (" " + ", ".join(f"{format.label(k)} {format.delta(k, v)}" for k, v in shown)) if shown else ""


# The figures the quarter's end lines name (its money has its own section, the incident its own line).
_STORY_TRACKS = ("trust", "scrutiny", "credibility", "valuation_busd", "power_gw_online", "campus_gw_built", "demand_bq")
_STORY_SKIPS = frozenset({"cause.ledger", "cause.card", "cause.incident"})


def quarter_end_lines(game, rec: QuarterRecord) -> list[str]:
    """The causes the quarter's end and its deliveries named, each with what it did to the
    board's figures: "A quarter at headquarters: the team's trust recovers: Team trust +0.3"."""
    say = words_for(game).say
    out = []
    for f, diff in rec.causes:
        if not f.id.startswith("cause.") or f.id in _STORY_SKIPS:
            continue
        shown = [(k, diff[k]) for k in _STORY_TRACKS if k in diff]
        if shown:
            out.append(t("common.labelled", label=say(f), text=", ".join(f"{format.label(k)} {format.delta(k, v)}" for k, v in shown)))
    return out


def story_lines(game, rec: QuarterRecord) -> list[str]:
    """The quarter's actions as the log told them, with what came of each ("investors said
    no")."""
    say = words_for(game).say
    return [
        say(told)
        for told, action in zip(rec.told, rec.actions, strict=True)
        if not isinstance(action, Choose) and action.kind != "end_quarter"
    ]


# ----- pause and saving ----------------------------------------------------------------------------


class PauseLayer(Layer):
    name = "pause"

    def __init__(self, app: App, scene: GameScene):
        super().__init__(app)
        self.scene = scene
        self.rect = pygame.Rect(0, 0, 1, 1)

    def build(self, rect: pygame.Rect) -> None:
        th = self.app.theme
        w = th.px(420)
        items = [
            ("pause.resume", t("pause.resume"), self.close, "play", "primary"),
            ("pause.class", t("pause.class"), self.facilitator, "trust", "paper"),
            ("pause.save", t("pause.save"), self.save, "save", "paper"),
            ("pause.load", t("pause.load"), self.load, "folder", "paper"),
            ("pause.settings", t("pause.settings"), self.settings, "gear", "paper"),
            ("pause.sources", t("pause.sources"), self.sources, "book", "paper"),
            ("pause.menu", t("pause.menu"), self.scene.leave_to_menu, "menu", "paper"),
            ("pause.quit", t("pause.quit"), self.app.quit, "door", "paper"),
        ]
        bh = th.px(48)
        gap = th.px(10)
        h = th.px(110) + len(items) * (bh + gap) + th.px(20)
        self.rect = pygame.Rect(0, 0, w, h)
        self.rect.center = rect.center
        y = self.rect.y + th.px(100)
        for wid, label, fn, icon, style in items:
            key = pygame.K_p if wid == "pause.class" else None
            add_button(self, wid, pygame.Rect(self.rect.x + th.px(36), y, w - th.px(72), bh), label, fn, icon=icon, style=style, align="left", size=15, hotkey=key)
            y += bh + gap

    def default_focus(self) -> str | None:
        return "pause.resume"

    def close(self) -> None:
        self.scene.pop(self)

    def on_escape(self) -> bool:
        self.close()
        return True

    def facilitator(self) -> None:
        self.scene.pop(self)
        self.scene.open_facilitator()

    def save(self) -> None:
        self.scene.pop(self)
        self.scene.open_save()

    def load(self) -> None:
        from game.ui.scenes.load import LoadScene

        scene = self.scene
        scene.on_quit()
        scene.pop(self)
        self.app.switch(LoadScene(self.app, back=lambda: scene))

    def settings(self) -> None:
        from game.ui.scenes.settings import SettingsScene

        scene = self.scene
        scene.pop(self)
        self.app.switch(SettingsScene(self.app, back=lambda: scene))

    def sources(self) -> None:
        from game.ui.scenes.sources import SourcesScene

        scene = self.scene
        scene.pop(self)
        self.app.switch(SourcesScene(self.app, scene.game.scenario, back=lambda: scene))

    def draw(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        draw.paper(surf, th, self.rect, radius=16)
        draw.text(surf, th, t("pause.title"), 30, pal.ink, (self.rect.centerx, self.rect.y + th.px(30)), anchor="midtop", family="serif")
        draw.text(surf, th, t("pause.subtitle", date=format.quarter(self.scene.game.date)), 13, pal.ink_soft, (self.rect.centerx, self.rect.y + th.px(70)), anchor="midtop")
        self.draw_widgets(surf)


class SaveLayer(Layer):
    """Six save slots; saving into a used one replaces it (its old copy is kept as .bak)."""

    name = "save"

    def __init__(self, app: App, scene: GameScene):
        super().__init__(app)
        self.scene = scene
        self.rect = pygame.Rect(0, 0, 1, 1)
        self.infos = {}
        for info in list_saves():
            self.infos[info.path.name] = info

    def build(self, rect: pygame.Rect) -> None:
        th = self.app.theme
        w = min(th.px(860), rect.w - th.px(40))
        cols = 3
        gap = th.px(14)
        tile_w = (w - th.px(72) - gap * (cols - 1)) // cols
        tile_h = th.px(110)
        rows = math.ceil(SLOTS / cols)
        h = th.px(120) + rows * (tile_h + gap) + th.px(80)
        self.rect = pygame.Rect(0, 0, w, h)
        self.rect.center = rect.center
        for n in range(1, SLOTS + 1):
            k = n - 1
            r = pygame.Rect(self.rect.x + th.px(36) + (k % cols) * (tile_w + gap), self.rect.y + th.px(110) + (k // cols) * (tile_h + gap), tile_w, tile_h)
            self.add(Widget(f"save.slot.{n}", r, self._paint_slot, on_click=(lambda n=n: self.save(n)), data=n, tooltip=(lambda n=n: self._tip(n))))
        b = pygame.Rect(0, 0, th.px(180), th.px(48))
        b.bottomright = (self.rect.right - th.px(36), self.rect.bottom - th.px(24))
        add_button(self, "save.close", b, t("common.close"), self.close, style="paper", hotkey=pygame.K_ESCAPE)

    def default_focus(self) -> str | None:
        return "save.slot.1"

    def _tip(self, n: int) -> Tip:
        info = self.infos.get(slot_path(n).name)
        if info is None:
            return Tip(t("saves.slot", n=n), [TipLine(t("saves.empty_slot_help"))])
        if info.error:
            return Tip(t("saves.slot", n=n), [TipLine(info.error, "bad"), TipLine(t("saves.overwrite_damaged"), "muted")], width=440)
        return Tip(t("saves.slot", n=n), [TipLine(info.label), TipLine(t("saves.overwrite"), "muted")])

    def save(self, n: int) -> None:
        path = slot_path(n)
        try:
            save_game(self.scene.game, path, label=f"{self.scene.game.scenario.meta.title}, {self.scene.game.date}", scenario_path=self.scene.scenario_path)
        except SaveError as e:
            self.app.toast(str(e), "bad")
            return
        self.app.toast(t("saves.saved", n=n), "good")
        self.close()

    def close(self) -> None:
        self.scene.pop(self)

    def on_escape(self) -> bool:
        self.close()
        return True

    def _paint_slot(self, surf: pygame.Surface, w: Widget) -> None:
        from game.ui.scenes.load import when

        th = self.app.theme
        pal = th.palette
        n = w.data
        info = self.infos.get(slot_path(n).name)
        fill = pal.paper_shade if not w.hovered else tuple(max(0, c - 12) for c in pal.paper_shade)
        draw.rounded(surf, fill, w.rect, th.px(10))
        draw.rounded(surf, pal.accent_dark if w.hovered else pal.paper_edge, w.rect, th.px(10), width=th.stroke(1))
        if w.focused:
            draw.focus_ring(surf, th, w.rect)
        x = w.rect.x + th.px(14)
        y = w.rect.y + th.px(12)
        draw.text(surf, th, t("saves.slot", n=n).upper(), 11, pal.ink_soft, (x, y), weight="bold")
        y += th.px(22)
        if info is None:
            draw.text(surf, th, t("saves.empty_slot"), 14, pal.ink_soft, (x, y), weight="italic")
        elif info.error:
            draw.icon(surf, "warning", (x + th.px(7), y + th.px(9)), th.px(14), pal.bad_on_paper, fill)
            draw.text(surf, th, t("saves.damaged"), 14, pal.bad_on_paper, (x + th.px(20), y), weight="semibold")
        else:
            draw.paragraph(surf, th, info.label, 13, pal.ink, x, y, w.rect.w - th.px(28), weight="semibold", max_lines=2)
            draw.text(surf, th, when(info.saved_at), 11, pal.ink_soft, (x, w.rect.bottom - th.px(24)))

    def draw(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        draw.paper(surf, th, self.rect, radius=16)
        draw.text(surf, th, t("saves.save_title"), 30, pal.ink, (self.rect.x + th.px(36), self.rect.y + th.px(28)), family="serif")
        draw.text(surf, th, t("saves.save_subtitle"), 13, pal.ink_soft, (self.rect.x + th.px(36), self.rect.y + th.px(72)))
        self.draw_widgets(surf)
