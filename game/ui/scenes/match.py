"""A race of rival labs on the desktop: two to four labs on one board, each a person
(hot-seat, taking turns at one screen) or a bot.

Everything the rules decide comes from `game.core.match.Match`; this module shows it and sends
the acting lab's moves. The flow of a quarter: the labs act in the match's turn order (the lab
furthest behind first); a bot's turn is played at once and the log says what it did; when the
turn passes from one person's lab to another's, a handover screen covers the board ("Team 2,
your turn") and says what changed since that lab last played, so the next team never sees the
previous team's screen by accident. The last lab's end of quarter runs the quarter for all.
"""

from __future__ import annotations

import time

import numpy as np
import pygame

from game.bots.policies import make_bot
from game.core.actions import EndQuarter
from game.core.match import LabView, Match
from game.core.menu import MenuItem
from game.core.rules import legal_matrix
from game.saves.store import SaveError, autosave_match, save_match
from game.text import numbers as format
from game.text.words import words_for
from game.ui import draw, kit
from game.ui.app import App, Scene
from game.ui.board import BoardView, deal_icon
from game.ui.describe import action_text, action_tip, attention_cost
from game.ui.i18n import t
from game.ui.library import slot_path
from game.ui.scenes.common import add_button, show_message
from game.ui.scenes.overlays import SaveLayer
from game.ui.widgets import Layer, ScrollArea, Tip, TipLine, Widget

GROUP_ORDER = ("card", "hq", "raise", "deals", "build", "travel")
FIGURES = ("cash_busd", "runway_quarters", "valuation_busd", "power_gw_online", "chips", "scrutiny", "trust", "credibility")
SEAT_BOT = "planner"  # the bot that plays the scenario's own lab when no person does
MAX_BOT_STEPS = 60  # a bot that has not ended its turn after this many moves ends it


def colour_of(match: Match, seat: int) -> tuple[int, int, int]:
    c = pygame.Color(match.c.labs.colours[seat])
    return (c.r, c.g, c.b)


def bot_name(match: Match, seat: int) -> str:
    """The bot that plays a seat when no person does: the scenario's choice for a rival."""
    return match.c.labs.bots[seat] or SEAT_BOT


def team_label(seat: int) -> str:
    return t("match.team", n=seat + 1)


def entry_text(match: Match, entry) -> str:
    """A line of the match's log as a player reads it: a lab's own move names the lab."""
    said = words_for(match).say(entry.fact)
    if entry.kind in ("action", "card") and entry.seat >= 0:
        return t("match.log_line", lab=match.lab_name(entry.seat), text=said)
    return said


class MatchScene(Scene):
    """A match in progress on one screen."""

    def __init__(self, app: App, match: Match, people: list[bool], scenario_path: str | None = None):
        super().__init__(app)
        if len(people) != match.seats or not people[0] or list(people) != sorted(people, reverse=True):
            raise ValueError(f"{match.seats} labs need {match.seats} seats, people on the first ones and bots on the others; got {people}")
        self.match = match
        self.people = list(people)
        self.scenario_path = scenario_path
        self.bots = {s: make_bot(bot_name(match, s), match.c, match.seed + 101 * s) for s in range(match.seats) if not people[s]}
        self.view = BoardView(match.scenario)
        self.items: list[MenuItem] = []
        self.shown_seat: int | None = None  # the person's lab whose screen is up (None: a handover covers it)
        self.bot_seconds = 0.0  # how long the last run of bot turns took
        self.bot_moves = 0
        self.board = MatchBoardLayer(app, self)
        self.push(self.board)
        self.saved_moves = -1  # how many moves the last save holds
        self.play_bots()  # the bots that come first in the turn order
        if not match.over:
            self.autosave()

    def enter(self) -> None:
        self.turn_changed()

    # ----- who plays ---------------------------------------------------------------------------

    @property
    def players(self) -> int:
        """How many labs people play: the first ones (saves and the terminal race count them so)."""
        return sum(self.people)

    def autosave(self) -> None:
        """The race's own autosave slot (apart from a one-lab game's), every lab in it."""
        try:
            autosave_match(self.match, self.players)
            self.saved_moves = len(self.match.moves)
        except (SaveError, OSError) as e:
            self.app.toast(t("saves.autosave_failed", why=str(e)), "bad")

    def save_if_changed(self) -> None:
        if len(self.match.moves) != self.saved_moves and not self.match.over:
            self.autosave()

    def open_save(self) -> None:
        if self.find_layer(RaceSaveLayer) is None:
            self.push(RaceSaveLayer(self.app, self))

    def on_quit(self) -> None:
        self.save_if_changed()

    @property
    def hot_seat(self) -> bool:
        """Two or more people share the screen: each turn between them has a handover."""
        return sum(self.people) > 1

    @property
    def seat(self) -> int:
        """The lab whose screen the board shows: the acting lab, or the last person's once over."""
        a = self.match.acting
        if a is not None:
            return a
        return self.shown_seat if self.shown_seat is not None else next((s for s, p in enumerate(self.people) if p), 0)

    @property
    def lab(self) -> LabView:
        return self.match.lab(self.seat)

    def is_person(self, seat: int) -> bool:
        return self.people[seat]

    def refresh(self) -> None:
        m = self.match
        a = m.acting
        self.items = m.lab(a).menu() if a is not None and self.people[a] else []
        if self.top is not None:
            self.rebuild()
        self.app.tooltip_reset()
        self.app.mark_dirty()

    # ----- moves --------------------------------------------------------------------------------

    def do(self, action) -> bool:
        m = self.match
        seat = m.acting
        if seat is None or not self.people[seat]:
            return False
        result = m.apply(action)
        if not result.ok:
            self.app.toast(words_for(m).say(result.reason) or t("actions.not_allowed"), "bad")
            return False
        if result.messages and not isinstance(action, EndQuarter):
            said = words_for(m).say(result.messages[0])
            if said and "odds" in (result.messages[0].figures or {}):
                self.app.toast(said, "info")
        if m.acting != seat:
            turn = m.turn
            self.play_bots()
            if m.turn != turn and not m.over:
                self.autosave()  # every quarter, as a one-lab game
                if not self.hot_seat:  # alone against bots: say the quarter turned
                    self.app.toast(t("match.new_quarter", date=format.quarter(m.date)), "info")
            self.turn_changed()
        self.refresh()
        return True

    def play_bots(self) -> None:
        """Play every bot's turn that comes before a person's (or the match's end), at once."""
        m = self.match
        t0 = time.perf_counter()
        moves = 0
        steps = 0
        seat = m.acting
        while seat is not None and not self.people[seat]:
            row = m.row(seat)
            act = int(self.bots[seat].choose(m.st, legal_matrix(m.st, m.c, [row]), np.array([row]))[0])
            action = m.codec.decode(act) if act >= 0 and steps < MAX_BOT_STEPS else EndQuarter()

            if not m.apply(action).ok:  # the bot has nothing the rules allow in mind: end its turn, or answer its card
                legal = m.lab(seat).legal_actions()
                m.apply_or_raise(EndQuarter() if EndQuarter() in legal else legal[0])
            moves += 1
            steps += 1
            if m.acting != seat:
                steps = 0
            seat = m.acting
        self.bot_seconds = time.perf_counter() - t0
        self.bot_moves = moves

    def turn_changed(self) -> None:
        """The turn passed: the end screen, a handover between people, or the next person's board."""
        from game.ui.scenes.match_end import MatchEndScene

        m = self.match
        if m.over:
            self.app.switch(MatchEndScene(self.app, m, self.people, self.scenario_path, fresh=True))
            return
        seat = m.acting
        if self.hot_seat and seat != self.shown_seat:
            self.shown_seat = None
            if self.find_layer(HandoverLayer) is None:
                self.push(HandoverLayer(self.app, self, seat))
        else:
            self.shown_seat = seat
        self.refresh()

    def handed_over(self) -> None:
        """The team whose turn it is pressed continue: its own board comes up."""
        layer = self.find_layer(HandoverLayer)
        self.shown_seat = self.match.acting
        if layer is not None:
            self.pop(layer)
        self.refresh()

    def undo(self) -> None:
        m = self.match
        why = m.undo_refusal
        if why is not None:
            self.app.toast(words_for(m).say(why) or t("actions.cannot_undo"), "bad")
            return
        seat, action = m.moves[-1]
        label = action_text(m.lab(seat), action).title
        m.undo()
        self.app.toast(t("actions.undone", action=label), "info")
        self.refresh()

    # ----- screens over the board -------------------------------------------------------------------

    def open_pause(self) -> None:
        buttons = [
            (t("match.pause.class"), self.open_facilitator),
            (t("pause.save"), self.open_save),
            (t("pause.menu"), self.leave_to_menu),
            (t("pause.resume"), None),
        ]
        show_message(self.app, t("pause.title"), t("match.pause.text"), "info", buttons)

    def open_facilitator(self) -> None:
        from game.ui.scenes.match_facilitator import MatchFacilitatorLayer

        if self.find_layer(MatchFacilitatorLayer) is None:
            self.push(MatchFacilitatorLayer(self.app, self.match, self.people))

    def leave_to_menu(self) -> None:
        """Back to the main menu; the race is autosaved first (Continue resumes it)."""
        from game.ui.scenes.menu import MenuScene

        self.save_if_changed()
        self.app.switch(MenuScene(self.app))

    def handle(self, event: pygame.event.Event) -> None:
        from game.ui.scenes.match_facilitator import MatchFacilitatorLayer

        if event.type == pygame.KEYDOWN and event.key == pygame.K_p and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META) and not isinstance(self.top, MatchFacilitatorLayer | HandoverLayer):
            self.open_facilitator()
            return
        super().handle(event)

    def draw(self, surf: pygame.Surface) -> None:
        """An opaque screen (the handover) hides every layer under it: nothing of the previous
        team's board is drawn while the next team takes the seat."""
        for i in range(len(self.layers) - 1, -1, -1):
            if getattr(self.layers[i], "opaque", False):
                self._under = None
                self._draw_layers(surf, self.layers[i:])
                return
        super().draw(surf)


class RaceSaveLayer(SaveLayer):
    """The six save slots, for a race: every lab and who plays it are saved (format of
    game.saves.store.save_match)."""

    def save(self, n: int) -> None:
        m = self.scene.match
        try:
            save_match(m, slot_path(n), self.scene.players)
        except SaveError as e:
            self.app.toast(str(e), "bad")
            return
        self.scene.saved_moves = len(m.moves)
        self.app.toast(t("saves.saved", n=n), "good")
        self.close()


class HandoverLayer(Layer):
    """Between two people's turns: "Team 2, your turn", and what changed since that lab last
    played. It covers the whole window until the team presses continue."""

    name = "handover"
    opaque = True

    def __init__(self, app: App, scene: MatchScene, seat: int):
        super().__init__(app)
        self.scene = scene
        self.seat = seat
        self.handover = scene.match.handover(seat)
        self.box = pygame.Rect(0, 0, 1, 1)

    def build(self, rect: pygame.Rect) -> None:
        th = self.app.theme
        w = min(rect.w - th.px(80), th.px(980))
        h = min(rect.h - th.px(60), th.px(640))
        self.box = pygame.Rect(0, 0, w, h)
        self.box.center = rect.center
        b = pygame.Rect(0, 0, th.px(300), th.px(52))
        b.bottomright = (self.box.right - th.px(32), self.box.bottom - th.px(24))
        add_button(self, "handover.continue", b, t("match.handover.continue"), self.scene.handed_over, icon="play", style="primary", hotkey=pygame.K_RETURN)

    def default_focus(self) -> str | None:
        return "handover.continue"

    def on_escape(self) -> bool:
        return True  # the board stays hidden until the team presses continue

    def draw(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        m = self.scene.match
        surf.fill(pal.sea_bottom)
        draw.panel(surf, th, self.box, radius=18)
        x = self.box.x + th.px(36)
        width = self.box.w - th.px(72)
        y = self.box.y + th.px(28)
        colour = colour_of(m, self.seat)
        title = t("match.handover.title", team=team_label(self.seat))
        r = draw.text(surf, th, th.ellipsize(title, 32, width - th.px(40), family="serif"), 32, pal.ink_light, (x + th.px(40), y), family="serif")
        draw.circle(surf, colour, (x + th.px(14), r.centery + th.px(2)), th.px(14))
        y = r.bottom + th.px(4)
        sub = t("match.handover.lab", lab=m.lab_name(self.seat), date=format.quarter(m.date))
        r = draw.text(surf, th, th.ellipsize(sub, 15, width), 15, pal.accent, (x, y), weight="semibold")
        y = r.bottom + th.px(16)
        bottom = self.box.bottom - th.px(96)
        h = self.handover
        if h.first:
            y = draw.paragraph(surf, th, t("match.handover.first"), 14, pal.ink_muted, x, y, width) + th.px(10)
        # what moved this lab's figures
        col = (width - th.px(24)) // 2
        left_x, right_x = x, x + col + th.px(24)
        ly = y
        draw.text(surf, th, t("match.handover.yours").upper(), 12, pal.ink_muted, (left_x, ly), weight="bold")
        ly += th.px(24)
        if not h.moved:
            ly = draw.paragraph(surf, th, t("match.handover.nothing_moved"), 13, pal.ink_faint, left_x, ly, col)
        for track, (then, now) in h.moved.items():
            if ly + th.px(22) > bottom:
                break
            news = format.good_news(track, now - then)
            c = pal.good if news > 0 else pal.bad if news < 0 else pal.ink_muted
            draw.text(surf, th, th.ellipsize(format.label(track), 13, col // 2), 13, pal.ink_light, (left_x, ly), weight="semibold")
            draw.text(surf, th, f"{format.value(track, then)} → {format.value(track, now)}", 13, c, (left_x + col, ly), anchor="topright", weight="bold")
            ly += th.px(22)
        if h.card is not None and ly + th.px(60) < bottom:
            ly += th.px(12)
            draw.text(surf, th, t("match.handover.card").upper(), 12, pal.ink_muted, (left_x, ly), weight="bold")
            ly += th.px(22)
            card = next(e for e in m.scenario.events if e.id == h.card)
            draw.icon(surf, "card", (left_x + th.px(8), ly + th.px(9)), th.px(15), pal.accent)
            ly = draw.paragraph(surf, th, card.title, 14, pal.ink_light, left_x + th.px(24), ly, col - th.px(24), weight="semibold", max_lines=2) + th.px(4)
            room = (bottom - ly) // th.line_height(12)
            if room >= 1:
                draw.paragraph(surf, th, card.text, 12, pal.ink_muted, left_x + th.px(24), ly, col - th.px(24), max_lines=min(5, room))
        # what the others did meanwhile
        ry = y
        draw.text(surf, th, t("match.handover.others").upper(), 12, pal.ink_muted, (right_x, ry), weight="bold")
        ry += th.px(24)
        news = [e for e in h.others if e.kind != "card"]
        if not news:
            draw.paragraph(surf, th, t("match.handover.no_news"), 13, pal.ink_faint, right_x, ry, col)
        lh = th.line_height(12)
        for e in news[-14:]:
            text = entry_text(m, e)
            lines = min(2, len(th.wrap(text, 12, col - th.px(20))))
            if ry + lh * lines > bottom:
                break
            if e.seat >= 0:
                draw.circle(surf, colour_of(m, e.seat), (right_x + th.px(6), ry + lh // 2), th.px(5))
            ry = draw.paragraph(surf, th, text, 12, pal.ink_light, right_x + th.px(20), ry, col - th.px(20), max_lines=2) + th.px(4)
        draw.paragraph(surf, th, t("match.handover.private"), 12, pal.ink_faint, x, self.box.bottom - th.px(64), width - th.px(320), max_lines=2)
        self.draw_widgets(surf)


class MatchBoardLayer(Layer):
    """The table of a match: whose turn, every lab's pawn, the shared supplies, the common
    fate, the standings, the acting lab's figures and moves, and every lab's log."""

    modal = False
    name = "board"
    auto_focus = False
    enter_needs_focus = True

    def __init__(self, app: App, scene: MatchScene):
        super().__init__(app)
        self.scene = scene
        self.top = self.left = self.right = self.centre = pygame.Rect(0, 0, 1, 1)
        self.labs_rect = self.fate_rect = self.figures_rect = self.supply_rect = self.log_rect = pygame.Rect(0, 0, 1, 1)
        self.actions_area: ScrollArea | None = None
        self.log_area: ScrollArea | None = None
        self.headers: list[tuple[int, str]] = []
        self.card_h = 0
        self.log_rows: list[tuple[int, int, list[str]]] = []
        self.supply_lines: list = []
        # what the last frame drew, for tests that read the board as a player would
        self.pawns_drawn: list[tuple[int, str, tuple[int, int]]] = []  # (seat, space, centre)
        self.supply_drawn: list[tuple[str, float, float, dict[str, float]]] = []  # (name, left, of, taken by lab)

    @property
    def match(self) -> Match:
        return self.scene.match

    # ----- layout ------------------------------------------------------------------------------------

    def build(self, rect: pygame.Rect) -> None:
        th = self.app.theme
        m = th.px(12)
        self.top = pygame.Rect(0, 0, rect.w, th.px(64))
        body_y = self.top.h + m
        body_h = rect.h - body_y - m
        left_w, right_w = th.px(300), th.px(340)
        self.left = pygame.Rect(m, body_y, left_w, body_h)
        self.right = pygame.Rect(rect.w - m - right_w, body_y, right_w, body_h)
        self.centre = pygame.Rect(self.left.right + m, body_y, self.right.x - m - self.left.right - m, body_h)
        # left: the standings, the common fate, the acting lab's figures
        row = th.px(50)
        self.labs_rect = pygame.Rect(self.left.x, self.left.y, left_w, th.px(40) + row * self.match.seats + th.px(6))
        fate_h = th.px(92) if self.match.common_fate is not None else 0
        self.fate_rect = pygame.Rect(self.left.x, self.labs_rect.bottom + m, left_w, fate_h)
        fy = (self.fate_rect.bottom + m) if fate_h else self.labs_rect.bottom + m
        self.figures_rect = pygame.Rect(self.left.x, fy, left_w, self.left.bottom - fy)
        # centre: the board, then the shared supplies and the log
        view = self.scene.view
        view.layout(pygame.Rect(self.centre.x, self.centre.y, self.centre.w, round(self.centre.h * 0.58)))
        view.rect.midtop = (self.centre.centerx, self.centre.y)
        below_y = view.rect.bottom + m
        below_h = self.centre.bottom - below_y
        supply_w = round(self.centre.w * 0.5)
        self.supply_rect = pygame.Rect(self.centre.x, below_y, supply_w, below_h)
        self.log_rect = pygame.Rect(self.supply_rect.right + m, below_y, self.centre.right - self.supply_rect.right - m, below_h)
        self._build_top(rect)
        self._build_left()
        self._build_spaces()
        self._build_supply()
        self._build_actions()
        self._build_log()

    def _build_top(self, rect: pygame.Rect) -> None:
        th = self.app.theme
        h = th.px(40)
        y = (self.top.h - h) // 2
        buttons = (("top.menu", self.scene.open_pause, "menu", pygame.K_ESCAPE), ("top.save", self.scene.open_save, "save", pygame.K_s),
                   ("match.top.class", self.scene.open_facilitator, "trust", pygame.K_p), ("top.help", self.open_help, "book", pygame.K_h))
        w = max(th.px(120), *(kit.button_width(th, t(key), 14, icon, kit.key_name(hot)) for key, _, icon, hot in buttons))
        x = rect.right - th.px(14)
        for key, fn, icon, hot in buttons:
            x -= w
            add_button(self, key, pygame.Rect(x, y, w, h), t(key), fn, icon=icon, hotkey=hot, size=14)
            x -= th.px(10)
        self.top_buttons_x = x

    def _build_left(self) -> None:
        th = self.app.theme
        row = th.px(50)
        for k, seat in enumerate(range(self.match.seats)):
            r = pygame.Rect(self.labs_rect.x + th.px(8), self.labs_rect.y + th.px(36) + k * row, self.labs_rect.w - th.px(16), row - th.px(4))
            self.add(Widget(f"lab.{seat}", r, self._paint_lab, tooltip=(lambda s=seat: self._lab_tip(s)), data=seat))
        if self.fate_rect.h:
            self.add(Widget("fate", self.fate_rect.inflate(-th.px(8), -th.px(8)), self._paint_fate, tooltip=self._fate_tip))

    def _build_spaces(self) -> None:
        th = self.app.theme
        view = self.scene.view
        lab = self.scene.lab
        plaques = view.plaque_rects(th, lab.location)
        moves = {it.action.to: it for it in self.scene.items if it.action.kind == "travel"}
        for s in self.match.scenario.board.spaces:
            item = moves.get(s.id)
            legal = item is not None and item.legal
            self.add(Widget(
                f"space.{s.id}",
                view.hit_rect(th, s.id).union(plaques[s.id]),
                self._paint_space,
                on_click=(lambda a=item.action: self.scene.do(a)) if legal else None,
                enabled=legal or s.id == lab.location,
                tooltip=(lambda sid=s.id: self._space_tip(sid)),
                data=s.id,
            ))

    def _build_supply(self) -> None:
        th = self.app.theme
        self.add(Widget("supply", self.supply_rect.inflate(-th.px(6), -th.px(6)), self._paint_focus, tooltip=self._supply_tip))
        self.supply_lines = self._supply_lines()

    def _build_actions(self) -> None:
        th = self.app.theme
        sc = self.scene
        inner = self.right.inflate(-th.px(12), -th.px(12))
        header_h = th.px(36)
        lab = sc.lab
        card = lab.card if lab.awaiting_choice and sc.people[sc.seat] else None
        self.card_h = 0
        if card is not None:
            text_h = draw.paragraph_height(th, card.text, 12, inner.w - th.px(20))
            self.card_h = min(th.px(34) + text_h + th.px(10), round(inner.h * 0.45))
        bottom_h = th.px(52) + th.px(10)
        area_rect = pygame.Rect(inner.x, inner.y + header_h + self.card_h, inner.w, inner.h - header_h - self.card_h - bottom_h)
        width = area_rect.w - th.px(8)
        groups: dict[str, list[MenuItem]] = {}
        for it in sc.items:
            if it.group == "quarter":
                continue
            groups.setdefault(it.group, []).append(it)
        widgets = []
        self.headers = []
        y = 0
        gap = th.px(6)
        base_h = th.px(10) + th.line_height(13, "semibold") + th.px(4) + th.px(8)
        lh = th.line_height(11)
        for group in GROUP_ORDER:
            its = groups.get(group, [])
            if not its:
                continue
            self.headers.append((y, t(f"actions.group.{group}")))
            y += th.px(28)
            cols = 2 if group in ("raise", "travel") else 1
            tw = (width - gap * (cols - 1)) // cols
            for start in range(0, len(its), cols):
                row = its[start : start + cols]
                # a tile's second line is said whole, on as many lines as it needs
                row_h = base_h + lh * max(1, *(len(th.wrap(self._sub_text(it), 11, tw - th.px(20))) for it in row))
                for k, it in enumerate(row):
                    r = pygame.Rect(k * (tw + gap), y, tw, row_h)
                    widgets.append(Widget(
                        f"action.{_action_id(it)}", r, self._paint_action,
                        on_click=(lambda a=it.action: self.scene.do(a)), enabled=it.legal,
                        tooltip=(lambda it=it: action_tip(self.scene.lab, it)),
                        refusal=(lambda it=it: words_for(self.match).say(it.reason)), data=it,
                        hotkeys=(pygame.K_1 + it.action.option,) if group == "card" and it.action.option < 9 else (),
                    ))
                y += row_h + gap
            y += th.px(6)
        self.actions_area = self.add_area(ScrollArea(area_rect, y))
        for w in widgets:
            self.add(w, self.actions_area)
        by = inner.bottom - th.px(52)
        undo_w = th.px(110)
        person = sc.people[sc.seat] and self.match.acting is not None
        add_button(self, "actions.undo", pygame.Rect(inner.x, by, undo_w, th.px(52)), t("actions.undo"), self.scene.undo, icon="undo",
                   enabled=person and self.match.can_undo(), hotkey=pygame.K_u, refusal=lambda: words_for(self.match).say(self.match.undo_refusal), size=14)
        end = next((it for it in sc.items if it.group == "quarter"), None)
        add_button(
            self, "actions.end_turn", pygame.Rect(inner.x + undo_w + th.px(10), by, inner.w - undo_w - th.px(10), th.px(52)),
            t("match.end_turn"), lambda: self.scene.do(EndQuarter()), icon="clock", style="primary",
            enabled=person and end is not None and end.legal, hotkey=pygame.K_e,
            tooltip=lambda: Tip(t("match.end_turn"), [TipLine(t("match.end_turn_help"))]),
            refusal=lambda: words_for(self.match).say(end.reason) if end is not None else None, size=15,
        )

    def _build_log(self) -> None:
        th = self.app.theme
        inner = self.log_rect.inflate(-th.px(20), -th.px(14))
        area_rect = pygame.Rect(inner.x, inner.y + th.px(26), inner.w, inner.h - th.px(26))
        rows = []
        y = 0
        lh = th.line_height(11)
        for e in self.match.log[-80:]:
            if e.kind == "card" and e.seat != self.scene.seat:
                continue  # another lab's card is its own business
            lines = th.wrap(entry_text(self.match, e), 11, area_rect.w - th.px(22))
            rows.append((y, e.seat, lines))
            y += lh * len(lines) + th.px(4)
        self.log_rows = rows
        area = ScrollArea(area_rect, y)
        area.scroll_to(area.max_offset)
        self.log_area = self.add_area(area)

    def default_focus(self) -> str | None:
        for w in self.widgets:
            if w.id.startswith("action.") and w.enabled:
                return w.id
        return "actions.end_turn"

    def on_escape(self) -> bool:
        self.scene.open_pause()
        return True

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_z and event.mod & pygame.KMOD_CTRL:
            self.scene.undo()
            return True
        return False

    def open_help(self) -> None:
        show_message(self.app, t("match.help.title"), self._rules_text(), "info")

    def _rules_text(self) -> str:
        m = self.match
        c = m.c.labs
        standing = format.label(m.scenario.labs.standing)
        parts = [t("match.help.order", standing=standing), t("match.help.win", standing=standing)]
        if c.fate is not None:
            parts.append(self._fate_rule())
        return "\n\n".join(parts)

    def _fate_rule(self) -> str:
        m = self.match
        start, collapse, incident, rushed, recovery = m.c.labs.fate
        fate = m.scenario.labs.common_fate
        return t("match.fate.rule", name=fate.name, collapse=format.number(collapse), incident=format.number(incident), rushed=format.number(rushed), recovery=format.number(recovery))

    # ----- the shared supplies -----------------------------------------------------------------------

    def _supply_lines(self) -> list[tuple[str, str, float, float, dict[str, float], str]]:
        """Each shared supply: (icon, name, left, of, what each lab took, unit key)."""
        sh = self.match.shared()
        if sh is None:
            return []
        out = [("chip", t("match.supply.chips"), sh["left_m"], sh["supply_m"], sh.get("labs_chips_m", {}), "chips_m"),
               ("energy", t("match.supply.grid"), sh["grid_left_gw"], sh["grid_cap_gw"], sh.get("labs_gw", {}), "gw")]
        shared = self.match.scenario.labs.shared
        named = {x.id: x for x in (list(shared.capital) + list(shared.capacity))} if shared is not None else {}
        deals = {d.id: d for d in self.match.scenario.deals}
        for p in sh.get("pools", []):
            pool = named.get(p["id"])
            if p["kind"] == "capital":
                icon, unit = "cash", "busd"
            else:
                first = deals.get(pool.deals[0]) if pool is not None and pool.deals else None
                icon, unit = (deal_icon(first) if first is not None else "card"), "units"
            out.append((icon, pool.name if pool is not None else p["id"], p["left"], p["of"], p["labs"], unit))
        return out

    def _amount(self, unit: str, v: float) -> str:
        """What a lab took of a supply, with its unit."""
        spec = {"chips_m": ".2f", "gw": ".1f", "busd": ",.1f"}.get(unit, "g")
        return t(f"match.supply.took_{unit}", v=format.number(v, spec))

    def _supply_tip(self) -> Tip:
        sh = self.match.shared()
        lines = [TipLine(t("match.supply.rule"))]
        m = self.match
        for _, name, _, _, took, unit in self.supply_lines:
            parts = [t("match.supply.took_by", lab=m.lab_name(s), amount=self._amount(unit, took.get(m.lab_id(s), 0.0)))
                     for s in range(m.seats) if took.get(m.lab_id(s), 0.0) > 1e-9]
            if parts:
                lines.append(TipLine(t("common.labelled", label=name, text=", ".join(parts)), "body"))
        if sh is not None:
            lines.append(TipLine(t("match.supply.price", price=format.number(sh["price_kusd"], ".1f")), "body", "up"))
            rivals = sum(sh["rivals_chips_m"].values())
            lines.append(TipLine(t("match.supply.rivals", chips=format.number(rivals, ".2f"), gw=format.number(sum(sh["rivals_gw"].values()), ".2f")), "muted"))
            shared = self.match.scenario.labs.shared
            for pool in shared.capacity:
                if not pool.refills:
                    lines.append(TipLine(t("match.supply.once", name=pool.name), "body", "lock"))
        return Tip(t("match.supply.title"), lines, width=400)

    # ----- tooltips ---------------------------------------------------------------------------------

    def _lab_tip(self, seat: int) -> Tip:
        m = self.match
        lab = m.lab(seat)
        lines = []
        sec = m.scenario.labs
        if seat > 0:
            rival = sec.rivals[seat - 1]
            lines.append(TipLine(" ".join(rival.text.split())))
        who = t("match.person") if self.scene.people[seat] else t("match.bot", bot=t(f"match.bots.{bot_name(m, seat)}"))
        lines.append(TipLine(who, "muted"))
        for track in ("cash_busd", "valuation_busd", "power_gw_online", "trust"):
            lines.append(TipLine(f"{format.label(track)} {format.value(track, lab.track(track))}", "body"))
        lines.append(TipLine(t("match.at", place=m.scenario.space(lab.location).name), "body"))
        if lab.over:
            lines.append(TipLine(words_for(m).ending_title(m.outcome_id_of(seat)), "good" if m.outcome_of(seat) == "won" else "bad"))
        return Tip(m.lab_name(seat), lines, width=380)

    def _fate_tip(self) -> Tip:
        fate = self.match.scenario.labs.common_fate
        return Tip(fate.name, [TipLine(" ".join(fate.text.split())), TipLine(self._fate_rule(), "heading")], width=420)

    def _space_tip(self, sid: str) -> Tip:
        m = self.match
        s = m.scenario.space(sid)
        lines = [TipLine(s.description)]
        here = [m.lab_name(seat) for seat in range(m.seats) if m.lab(seat).location == sid]
        if here:
            lines.append(TipLine(t("match.here", labs=", ".join(here)), "heading"))
        item = next((it for it in self.scene.items if it.action.kind == "travel" and it.action.to == sid), None)
        if item is not None and item.legal:
            lines.append(TipLine(t("board.click_to_travel"), "good", "up"))
        return Tip(s.name, lines, width=360)

    # ----- painters ----------------------------------------------------------------------------------

    def _paint_lab(self, surf: pygame.Surface, w: Widget) -> None:
        th = self.app.theme
        pal = th.palette
        m = self.match
        seat = w.data
        acting = m.acting == seat
        fill = pal.panel_raised if acting or w.hovered else pal.panel
        draw.rounded(surf, fill, w.rect, th.px(8))
        if acting:
            draw.rounded(surf, pal.accent, w.rect, th.px(8), width=th.stroke(2))
        if w.focused:
            draw.focus_ring(surf, th, w.rect)
        x = w.rect.x + th.px(10)
        draw.circle(surf, colour_of(m, seat), (x + th.px(8), w.rect.centery), th.px(8))
        order = m.order()
        place = order.index(seat) + 1 if seat in order else 0
        name = m.lab_name(seat)
        value = format.value(m.scenario.labs.standing, m.standings()[seat])
        vr = draw.text(surf, th, value, 13, pal.ink_light, (w.rect.right - th.px(10), w.rect.y + th.px(6)), anchor="topright", weight="bold")
        draw.text(surf, th, th.ellipsize(name, 13, vr.x - x - th.px(30), "semibold"), 13, pal.ink_light, (x + th.px(24), w.rect.y + th.px(6)), weight="semibold")
        lab = m.lab(seat)
        if lab.over:
            sub = words_for(m).ending_title(m.outcome_id_of(seat))
            colour = pal.good if m.outcome_of(seat) == "won" else pal.bad
        else:
            who = team_label(seat) if self.scene.people[seat] else t("match.bot_short")
            sub = t("match.turn_place", who=who, n=place)
            colour = pal.accent if acting else pal.ink_muted
        draw.text(surf, th, th.ellipsize(sub, 11, w.rect.w - th.px(44)), 11, colour, (x + th.px(24), w.rect.bottom - th.px(6)), anchor="bottomleft")

    def _paint_focus(self, surf: pygame.Surface, w: Widget) -> None:
        if w.focused:
            draw.focus_ring(surf, self.app.theme, w.rect)

    def _paint_fate(self, surf: pygame.Surface, w: Widget) -> None:
        th = self.app.theme
        pal = th.palette
        m = self.match
        fate = m.scenario.labs.common_fate
        value = m.common_fate
        collapse = m.c.labs.fate[1]
        if w.hovered or w.focused:
            draw.rounded(surf, pal.panel_raised, w.rect, th.px(8))
        if w.focused:
            draw.focus_ring(surf, th, w.rect)
        x = w.rect.x + th.px(8)
        vr = draw.text(surf, th, format.number(value, ".1f") + " / 10", 15, pal.ink_light, (w.rect.right - th.px(8), w.rect.y + th.px(2)), anchor="topright", weight="bold")
        draw.text(surf, th, th.ellipsize(t("match.fate.title").upper(), 11, vr.x - x - th.px(8), "bold"), 11, pal.ink_muted, (x, w.rect.y + th.px(5)), weight="bold")
        draw.text(surf, th, th.ellipsize(fate.name, 14, w.rect.w - th.px(16), "semibold"), 14, pal.ink_light, (x, w.rect.y + th.px(23)), weight="semibold")
        bar = pygame.Rect(x, w.rect.y + th.px(46), w.rect.w - th.px(16), th.px(12))
        cell = bar.w / 10
        for k in range(10):
            r = pygame.Rect(round(bar.x + k * cell) + 1, bar.y, round(cell) - 2, bar.h)
            lit = k < round(value)
            danger = k < round(collapse)
            c = (pal.bad if danger else pal.accent) if lit else pal.panel_edge
            draw.rounded(surf, c, r, th.px(2))
        mark = round(bar.x + collapse * cell)
        pygame.draw.line(surf, pal.bad, (mark, bar.y - th.px(3)), (mark, bar.bottom + th.px(3)), th.stroke(2))
        draw.text(surf, th, th.ellipsize(t("match.fate.collapse_at", value=format.number(collapse)), 11, bar.w), 11, pal.bad if value - collapse < 1.5 else pal.ink_faint, (x, bar.bottom + th.px(5)))

    def _paint_space(self, surf: pygame.Surface, w: Widget) -> None:
        lab = self.scene.lab
        reachable = any(it.action.kind == "travel" and it.action.to == w.data and it.legal for it in self.scene.items)
        plaques = self.scene.view.plaque_rects(self.app.theme, lab.location)
        self.scene.view.draw_space(surf, self.app.theme, w.data, w.data == lab.location, w.hovered, w.focused, reachable, plaques.get(w.data))

    def _paint_action(self, surf: pygame.Surface, w: Widget) -> None:
        th = self.app.theme
        pal = th.palette
        it: MenuItem = w.data
        lab = self.scene.lab
        if w.enabled:
            fill, edge = (pal.panel_raised, pal.accent if w.hovered else pal.panel_edge)
        else:
            fill, edge = pal.panel, pal.panel_edge
        draw.rounded(surf, fill, w.rect, th.px(8))
        draw.rounded(surf, edge, w.rect, th.px(8), width=th.stroke(1))
        if w.focused:
            draw.focus_ring(surf, th, w.rect)
        txt = action_text(lab, it.action)
        fg = pal.ink_light if it.legal else pal.ink_faint
        x = w.rect.x + th.px(10)
        y = w.rect.y + th.px(8)
        cost = attention_cost(it, txt)
        right = w.rect.right - th.px(8)
        for _ in range(cost):
            draw.pip(surf, (right - th.px(5), y + th.px(8)), th.px(5), pal.accent if it.legal else None, pal.accent if it.legal else pal.ink_faint)
            right -= th.px(13)
        title = format.value("cash_busd", it.action.ask_busd) if it.action.kind == "pitch" else txt.title
        if it.action.kind == "travel":
            title = self.match.scenario.space(it.action.to).name
        draw.text(surf, th, th.ellipsize(title, 13, right - x - th.px(4), "semibold"), 13, fg, (x, y), weight="semibold")
        y2 = y + th.line_height(13, "semibold") + th.px(4)
        draw.paragraph(surf, th, self._sub_text(it), 11, pal.ink_muted if it.legal else pal.ink_faint, x, y2, w.rect.w - th.px(20))

    def _sub_text(self, it: MenuItem) -> str:
        """A tile's second line: why the move is refused, its odds, or what it does."""
        if not it.legal:
            return words_for(self.match).say(it.reason)
        if it.odds is not None:
            return t("match.odds", p=format.percent(it.odds))
        effects = [e for e in format.ordered(it.touches) if e[0] != "attention"]
        return ", ".join(f"{format.label(k)} {format.delta(k, d)}" for k, d in effects[:2]) or t("actions.one_attention")

    # ----- drawing -----------------------------------------------------------------------------------

    def draw(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        m = self.match
        surf.fill(pal.sea_bottom)
        self._draw_top(surf)
        view = self.scene.view
        view.draw_base(surf, th)
        self.draw_widgets(surf, only=lambda w: w.id.startswith("space."))
        self.pawns_drawn = []
        self._draw_pawns(surf)
        for r in (self.labs_rect, self.figures_rect, self.supply_rect, self.log_rect, self.right):
            draw.panel(surf, th, r)
        if self.fate_rect.h:
            draw.panel(surf, th, self.fate_rect)
        draw.text(surf, th, t("match.labs").upper(), 12, pal.ink_muted, (self.labs_rect.x + th.px(14), self.labs_rect.y + th.px(12)), weight="bold")
        draw.text(surf, th, th.ellipsize(format.label(m.scenario.labs.standing), 11, self.labs_rect.w // 2), 11, pal.ink_faint, (self.labs_rect.right - th.px(14), self.labs_rect.y + th.px(13)), anchor="topright")
        self._draw_figures(surf)
        self._draw_supply(surf)
        self._draw_log(surf)
        self._draw_actions_header(surf)
        self.draw_widgets(surf, only=lambda w: not w.id.startswith("space."))

    def _draw_top(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        m = self.match
        bar = self.top
        draw.top_bar(surf, th, bar)
        x = th.px(20)
        r = draw.text(surf, th, format.quarter(m.date), 26, pal.ink_light, (x, bar.centery), anchor="midleft", family="serif")
        x = r.right + th.px(14)
        total = m.c.turns
        draw.text(surf, th, t("top.quarter_of", n=min(m.turn + 1, total), total=total), 11, pal.ink_muted, (x, bar.centery - th.px(14)))
        draw.progress(surf, th, pygame.Rect(x, bar.centery + th.px(6), th.px(110), th.px(5)), format.quarters_done(m.turn, m.over, total), total)
        x += th.px(134)
        seat = m.acting
        if seat is None:
            return
        draw.text(surf, th, t("match.whose_turn").upper(), 11, pal.ink_muted, (x, bar.centery - th.px(14)), weight="bold")
        draw.circle(surf, colour_of(m, seat), (x + th.px(7), bar.centery + th.px(9)), th.px(7))
        who = team_label(seat) if self.scene.people[seat] else t("match.bot_short")
        name = t("match.turn_of", lab=m.lab_name(seat), who=who)
        # the attention the acting lab has left
        left = max(0, round(m.lab(seat).track("attention")))
        cap = max(round(m.c.consts.attention_per_quarter), left)
        pips_w = cap * th.px(18) + th.px(10)
        limit = self.top_buttons_x - th.px(20) - (x + th.px(20)) - pips_w
        nr = draw.text(surf, th, th.ellipsize(name, 15, limit, "semibold"), 15, pal.ink_light, (x + th.px(20), bar.centery + th.px(9)), anchor="midleft", weight="semibold")
        px = nr.right + th.px(16)
        for i in range(cap):
            draw.pip(surf, (px + i * th.px(18), bar.centery + th.px(9)), th.px(6), pal.accent if i < left else None, pal.accent if i < left else pal.ink_faint)

    def _draw_pawns(self, surf: pygame.Surface) -> None:
        """Every lab's pawn at its space, in its colour; several at one space stand side by side;
        the acting lab's pawn has a ring."""
        th = self.app.theme
        pal = th.palette
        m = self.match
        view = self.scene.view
        by_space: dict[str, list[int]] = {}
        for seat in range(m.seats):
            by_space.setdefault(m.lab(seat).location, []).append(seat)
        r = view.radius(th)
        pawn = max(th.px(6), round(r * 0.55))
        for sid, seats in by_space.items():
            x, y = view.pos(sid)
            n = len(seats)
            for k, seat in enumerate(seats):
                px = x + (k - (n - 1) / 2) * (pawn * 2 + th.px(3))
                py = y - r - pawn - th.px(2)
                out = m.lab(seat).over
                draw.circle(surf, pal.shadow, (px, py + th.px(2)), pawn + th.px(1))
                draw.circle(surf, pal.ink_faint if out else colour_of(m, seat), (px, py), pawn)
                draw.circle(surf, pal.paper, (px, py), pawn, th.stroke(1))
                if seat == m.acting:
                    draw.circle(surf, pal.focus, (px, py), pawn + th.px(3), th.stroke(2, 2))
                self.pawns_drawn.append((seat, sid, (round(px), round(py))))

    def _draw_figures(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        sc = self.scene
        box = self.figures_rect.inflate(-th.px(24), -th.px(20))
        seat = sc.seat
        draw.text(surf, th, th.ellipsize(t("match.figures", lab=self.match.lab_name(seat)).upper(), 12, box.w, "bold"), 12, pal.ink_muted, (box.x, box.y), weight="bold")
        y = box.y + th.px(26)
        if not sc.people[seat] and self.match.acting is not None:
            draw.paragraph(surf, th, t("match.bot_playing", lab=self.match.lab_name(seat)), 12, pal.ink_faint, box.x, y, box.w)
            return
        lab = sc.lab
        step = th.px(24)
        for track in FIGURES:
            if y + step > box.bottom + th.px(4):
                break
            draw.icon(surf, format.info(track).icon, (box.x + th.px(8), y + th.px(9)), th.px(15), pal.accent, pal.panel)
            val = format.value(track, lab.track(track))
            vr = draw.text(surf, th, val, 13, pal.ink_light, (box.right, y), anchor="topright", weight="bold")
            draw.text(surf, th, th.ellipsize(format.label(track), 13, vr.x - box.x - th.px(34)), 13, pal.ink_muted, (box.x + th.px(24), y))
            y += step

    def _draw_supply(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        m = self.match
        box = self.supply_rect.inflate(-th.px(24), -th.px(18))
        draw.text(surf, th, th.ellipsize(t("match.supply.title").upper(), 12, box.w, "bold"), 12, pal.ink_muted, (box.x, box.y), weight="bold")
        y = box.y + th.px(24)
        ids = m.c.labs.ids
        self.supply_drawn = []
        # who took what, in words under each bar, when the panel has the room (else in its tooltip)
        legend = th.line_height(11) + th.px(2)
        step = th.px(40) + (legend if th.px(40 + 4) + len(self.supply_lines) * (th.px(40) + legend) <= self.supply_rect.h else 0)
        for icon, name, left, of, took, unit in self.supply_lines:
            if y + th.px(40) > box.bottom + th.px(6):
                break
            draw.icon(surf, icon, (box.x + th.px(8), y + th.px(8)), th.px(14), pal.accent, pal.panel)
            spec = {"chips_m": ".2f", "gw": ".1f", "busd": ",.0f"}.get(unit, "g")
            figure = t(f"match.supply.left_{unit}", left=format.number(left, spec), of=format.number(of, spec))
            fr = draw.text(surf, th, figure, 12, pal.ink_light, (box.right, y), anchor="topright", weight="bold")
            draw.text(surf, th, th.ellipsize(name, 12, fr.x - box.x - th.px(30), "semibold"), 12, pal.ink_light, (box.x + th.px(22), y), weight="semibold")
            # the bar: what each lab took, in its colour, then what is left
            bar = pygame.Rect(box.x + th.px(22), y + th.px(20), box.w - th.px(22), th.px(10))
            draw.rounded(surf, pal.panel_edge, bar, th.px(3))
            x = bar.x
            total = max(of, 1e-9)
            for seat, lab_id in enumerate(ids[: m.seats]):
                v = took.get(lab_id, 0.0)
                if v <= 1e-9:
                    continue
                wpx = max(th.px(3), round(bar.w * v / total))
                pygame.draw.rect(surf, colour_of(m, seat), pygame.Rect(x, bar.y, min(wpx, bar.right - x), bar.h))
                x += wpx
            used = of - left
            others = used - sum(took.get(i, 0.0) for i in ids[: m.seats])
            if others > 1e-9:  # the industry's other buyers
                wpx = round(bar.w * others / total)
                draw.hatch(surf, pygame.Rect(x, bar.y, max(0, min(wpx, bar.right - x)), bar.h), pal.ink_faint, th.px(4), th.stroke(1))
            self.supply_drawn.append((name, left, of, dict(took)))
            if step > th.px(40):
                lx = bar.x
                for seat, lab_id in enumerate(ids[: m.seats]):
                    v = took.get(lab_id, 0.0)
                    if v <= 1e-9:
                        continue
                    said = self._amount(unit, v)
                    if lx + th.px(12) + th.text_width(said, 11) > bar.right:
                        break
                    draw.circle(surf, colour_of(m, seat), (lx + th.px(4), bar.bottom + th.px(4) + legend // 2), th.px(4))
                    lx = draw.text(surf, th, said, 11, pal.ink_muted, (lx + th.px(11), bar.bottom + th.px(4))).right + th.px(12)
            y += step
        if not self.supply_lines:
            draw.paragraph(surf, th, t("match.supply.none"), 12, pal.ink_faint, box.x, y, box.w)

    def _draw_log(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        draw.text(surf, th, t("log.title").upper(), 12, pal.ink_muted, (self.log_rect.x + th.px(12), self.log_rect.y + th.px(10)), weight="bold")
        area = self.log_area
        if area is None:
            return
        old = surf.get_clip()
        surf.set_clip(area.rect)
        lh = th.line_height(11)
        for y, seat, lines in self.log_rows:
            sy = area.rect.y + y - area.offset
            if sy + lh * len(lines) < area.rect.y or sy > area.rect.bottom:
                continue
            if seat >= 0:
                draw.circle(surf, colour_of(self.match, seat), (area.rect.x + th.px(6), sy + lh // 2), th.px(4))
            for k, line in enumerate(lines):
                draw.text(surf, th, line, 11, pal.ink_light if seat == self.scene.seat else pal.ink_muted, (area.rect.x + th.px(18), sy + k * lh))
        surf.set_clip(old)
        area.draw_bar(surf, pal.panel_edge, th.px(4))

    def _draw_actions_header(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        sc = self.scene
        x = self.right.x + th.px(16)
        y = self.right.y + th.px(14)
        lab = sc.lab
        draw.text(surf, th, t("actions.title").upper(), 12, pal.ink_muted, (x, y), weight="bold")
        here = self.match.scenario.space(lab.location).name
        draw.text(surf, th, th.ellipsize(t("actions.at", place=here), 12, self.right.w - th.px(140)), 12, pal.ink_faint, (self.right.right - th.px(16), y), anchor="topright")
        if self.card_h:
            card = lab.card
            box = pygame.Rect(self.right.x + th.px(10), self.right.y + th.px(40), self.right.w - th.px(20), self.card_h - th.px(6))
            draw.rounded(surf, pal.paper, box, th.px(8))
            r = draw.text(surf, th, th.ellipsize(card.title, 15, box.w - th.px(20), family="serif"), 15, pal.ink, (box.x + th.px(10), box.y + th.px(6)), family="serif")
            room = box.bottom - r.bottom - th.px(10)
            draw.paragraph(surf, th, card.text, 12, pal.ink, box.x + th.px(10), r.bottom + th.px(4), box.w - th.px(20), max_lines=max(1, room // th.line_height(12)))
        if self.actions_area is not None:
            old = surf.get_clip()
            surf.set_clip(self.actions_area.rect)
            for hy, label in self.headers:
                sy = self.actions_area.rect.y + hy - self.actions_area.offset
                draw.text(surf, th, label.upper(), 11, pal.ink_muted, (self.actions_area.rect.x + th.px(2), sy + th.px(8)), weight="bold")
            surf.set_clip(old)
            self.actions_area.draw_bar(surf, pal.panel_edge, th.px(4))



def _action_id(it: MenuItem) -> str:
    parts = [it.action.kind] + [f"{v:g}" if isinstance(v, float) else str(v) for k, v in it.action.model_dump().items() if k != "kind"]
    return ".".join(parts)
