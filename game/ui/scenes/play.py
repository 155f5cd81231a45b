"""Playing a campaign: the board with its tracks, actions and log, and the flow of a quarter.

A quarter goes: the event card is drawn (and answered), the CEO spends attention on actions,
the player ends the quarter, the summary says what changed and why, and the next card comes.
Everything the rules decide comes from `Game`; this module only shows it and sends actions.
"""

from __future__ import annotations

import math

import pygame

from game.core import market
from game.core.actions import Choose, EndQuarter, Pitch, SignDeal, Travel
from game.core.menu import danger
from game.core.session import Game, MenuItem
from game.saves.store import SaveError, autosave
from game.text import numbers as format
from game.text.words import words_for
from game.ui import draw, kit, panels
from game.ui.app import App, Scene
from game.ui.board import BoardView
from game.ui.describe import action_text, action_tip, attention_cost, explain_tip
from game.ui.i18n import t
from game.ui.library import entry_for, new_game
from game.ui.scenes.common import add_button, show_message
from game.ui.scenes.projector import ProjectorBoard
from game.ui.settings import ASK_SETTING
from game.ui.tutorial import STEPS as TUTORIAL_STEPS
from game.ui.tutorial import Tutorial
from game.ui.widgets import Layer, ScrollArea, Tip, TipLine, Widget

GROUP_ORDER = ("card", "hq", "raise", "deals", "build", "travel")  # the moves' groups, top to bottom
# projector mode: the actions panel's type sizes (on top of the theme's larger text)
PROJECTOR_SIZES = {11: 13, 12: 14, 13: 15, 14: 17, 15: 18}
TRAVEL_SECONDS = 1.1


def _said(game: Game, fact) -> str:
    """A fact of the game (a refusal...) as the player reads it ("" for none)."""
    return words_for(game).say(fact)
TWEEN_SECONDS = 0.5


def start_new_game(app: App, scenario: str | None, seed: int | None) -> GameScene | None:
    """Open a game straight from the command line (None, with a message, if it cannot)."""
    try:
        entry = entry_for(scenario, app.options.mods)
    except Exception as e:  # noqa: BLE001 - shown to the player as one sentence
        app.toast(t("newgame.cannot_open", why=str(e).splitlines()[0]), "bad")
        return None
    if entry.scenario is None:
        app.toast(t("newgame.cannot_open", why=str(entry.error).splitlines()[0]), "bad")
        return None
    return GameScene(app, new_game(entry.scenario, seed), str(entry.path))


class GameScene(Scene):
    """One campaign in progress."""

    def __init__(self, app: App, game: Game, scenario_path: str | None = None):
        super().__init__(app)
        self.game = game
        self.scenario_path = scenario_path
        self.view = BoardView(game.scenario)
        self.items: list[MenuItem] = []
        self.travel: tuple[str, str, float, float] | None = None  # from, to, start, length
        self.tweens: dict[str, tuple[float, float, float]] = {}
        self.card_seen_turn = -1 if game.card is not None else game.turn
        # a fresh game offers the tour (after its first card, if one is drawn: see `do`)
        self.tutorial: Tutorial | None = Tutorial(game) if app.settings.show_tour and not game.actions and not game.awaiting_choice else None
        self.saved_actions = len(game.actions)
        self.refresh(animate=False)
        if not game.actions:
            self.autosave()
        self.board = BoardLayer(app, self)
        self.push(self.board)

    # ----- state -----------------------------------------------------------------------------------

    def refresh(self, animate: bool = True) -> None:
        """Re-read the menu and start the number tweens after the state changed."""
        old = {k: self.shown(k) for k in panels.TRACK_ROWS} if animate and hasattr(self, "board") else {}
        self.items = self.game.menu() if not self.game.over else []
        # the moves that would ask first (ruinous, hopeless), marked on their tiles before any hover
        self.dangers = {it.action: d for it in self.items if it.legal and it.group not in ("card", "quarter", "travel") and (d := danger(self.game, it.action)) is not None}
        now = self.app.now()
        length = self.app.duration(TWEEN_SECONDS)
        self.tweens = {}
        for k in panels.TRACK_ROWS:
            new = self.game.track(k)
            if k in old and length > 0 and not (math.isinf(old[k]) or math.isinf(new)) and abs(old[k] - new) > 1e-9:
                self.tweens[k] = (old[k], new, now)
        if self.top is not None:
            self.rebuild()
        self.app.tooltip_reset()  # a tooltip drawn before the change would tell the old figures
        self.app.mark_dirty()

    def shown(self, track: str) -> float:
        """The value a track shows now (tweening from the old value after a change)."""
        tw = self.tweens.get(track)
        if tw is None:
            return self.game.track(track)
        a, b, start = tw
        p = self.app.progress(start, self.app.duration(TWEEN_SECONDS))
        e = 1 - (1 - p) ** 3
        return a + (b - a) * e

    def item(self, action) -> MenuItem | None:
        for it in self.items:
            if it.action == action:
                return it
        return None

    def update(self, now: float) -> bool:
        moving = super().update(now)
        if self.travel is not None:
            _, _, start, length = self.travel
            if now - start >= length:
                self.travel = None
                self.app.mark_dirty()
            else:
                moving = True
        if self.tweens:
            length = self.app.duration(TWEEN_SECONDS)
            if all(now - s >= length for _, _, s in self.tweens.values()):
                self.tweens = {}
                self.app.mark_dirty()
            else:
                moving = True
        return moving

    def travel_progress(self) -> tuple[str, str, float] | None:
        if self.travel is None:
            return None
        src, dst, start, length = self.travel
        return src, dst, self.app.progress(start, length)

    # ----- the flow of a quarter ---------------------------------------------------------------

    def enter(self) -> None:
        self.maybe_show_card()

    def maybe_show_card(self) -> None:
        from game.ui.scenes.overlays import CardLayer

        g = self.game
        if g.over or g.card is None or self.card_seen_turn == g.turn:
            return
        if self.find_layer(CardLayer) is None:
            self.push(CardLayer(self.app, self))
            self.board.rebuild()

    def show_card(self) -> None:
        from game.ui.scenes.overlays import CardLayer

        if self.game.card is not None and self.find_layer(CardLayer) is None:
            self.push(CardLayer(self.app, self, animate=False))
            self.board.rebuild()

    def do(self, action, confirmed: bool = False) -> bool:
        """Send an action to the game; show what came of it. A move the player might regret
        (game.core.menu.danger) first asks, unless they said not to ask again."""
        if not confirmed and self.ask_first(action):
            return False
        g = self.game
        item = self.item(action)
        chosen_by_focus = self._focused_action() == action and self.app.keyboard_mode
        before_loc = g.location
        before_raised = g.track("raised_busd")
        before_signed = dict(g.deals_signed())
        result = g.apply(action)
        if not result.ok:
            self.app.toast(words_for(g).say(result.reason) or t("actions.not_allowed"), "bad")
            return False
        if isinstance(action, Travel) and before_loc != g.location:
            length = self.app.duration(TRAVEL_SECONDS)
            if length > 0:
                self.travel = (before_loc, g.location, self.app.now(), length)
        if isinstance(action, Pitch):
            ok = g.track("raised_busd") > before_raised + 1e-9
            self.app.toast(words_for(g).say(result.messages[0]) if result.messages else "", "good" if ok else "bad")
        elif isinstance(action, SignDeal) and item is not None and item.odds is not None:
            ok = g.deals_signed().get(action.deal, 0) > before_signed.get(action.deal, 0)
            self.app.toast(words_for(g).say(result.messages[0]) if result.messages else "", "good" if ok else "bad")
        if isinstance(action, Choose):
            self.card_seen_turn = g.turn
            if self.app.settings.show_tour and self.tutorial is None and g.turn == 0 and len(g.actions) == 1:
                self.tutorial = Tutorial(g)  # a fresh game: the tour is offered once, after the first card
        if not chosen_by_focus or isinstance(action, Choose | EndQuarter):
            self.drop_focus()  # the board changed: the focus must not rest on an action nobody chose
        if self.tutorial is not None:
            self.tutorial.after_move(g)
        if isinstance(action, EndQuarter):
            self.after_quarter([words_for(g).say(m) for m in result.messages])
        self.refresh()
        return True

    # ----- the walkthrough ---------------------------------------------------------------------------

    def start_tutorial(self) -> None:
        """How to play: the first-quarter tour on this board (game.ui.tutorial)."""
        self.tutorial = Tutorial(self.game)
        self.refresh(animate=False)

    def tutorial_next(self) -> None:
        if self.tutorial is not None:
            self.tutorial.next(self.game)
            if self.tutorial.finished:
                self.end_tutorial()
                return
        self.refresh(animate=False)

    def end_tutorial(self) -> None:
        """Finished or skipped: the tour is not offered again (Help still has it)."""
        self.tutorial = None
        if self.app.settings.show_tour:
            self.app.settings.show_tour = False
            self.app.save_settings()
        self.refresh(animate=False)

    def ask_first(self, action) -> bool:
        """Put a question to the player before a risky move; True when it was asked (the move
        is then made from the dialog, or not)."""
        item = self.item(action)
        if item is None or not item.legal:
            return False
        said = danger(self.game, action)
        key = ASK_SETTING.get(said.id) if said is not None else None
        if key is None or not getattr(self.app.settings, key):
            return False

        def never() -> None:
            setattr(self.app.settings, key, False)
            self.app.save_settings()
            self.do(action, confirmed=True)

        title = t("confirm.title", action=action_text(self.game, action).title)
        message = _said(self.game, said) + "\n\n" + t("confirm.where")
        buttons = [(t("confirm.go_never"), never), (t("confirm.go"), lambda: self.do(action, confirmed=True)), (t("confirm.cancel"), None)]
        show_message(self.app, title, message, "bad", buttons)
        return True

    def _focused_action(self):
        board = getattr(self, "board", None)
        w = board.focused() if board is not None else None
        return getattr(w.data, "action", None) if w is not None else None

    def drop_focus(self) -> None:
        board = getattr(self, "board", None)
        if board is not None:
            board.focus_id = None
            board._sync_flags()

    def after_quarter(self, messages: list[str]) -> None:
        from game.ui.scenes.overlays import SummaryLayer

        g = self.game
        record = g.quarters[-1] if g.over else g.quarters[-2]
        index = g.quarters.index(record)
        self.app.toasts = [x for x in self.app.toasts if x[1] == "bad"]
        self.autosave()
        self.push(SummaryLayer(self.app, self, record, index, messages))

    def after_summary(self) -> None:
        from game.ui.scenes.end import EndScene

        if self.game.over:
            self.app.switch(EndScene(self.app, self.game, self.scenario_path, fresh=True))
        else:
            self.maybe_show_card()

    def undo(self) -> None:
        g = self.game
        if not g.can_undo():
            self.app.toast(t("actions.cannot_undo"), "bad")
            return
        label = action_text(g, g.actions[-1]).title
        g.undo()
        self.travel = None
        self.drop_focus()
        self.app.toast(t("actions.undone", action=label), "info")
        self.refresh()

    def autosave(self) -> None:
        try:
            autosave(self.game, scenario_path=self.scenario_path)
            self.saved_actions = len(self.game.actions)
        except (SaveError, OSError) as e:
            self.app.toast(t("saves.autosave_failed", why=str(e)), "bad")

    def leave_to_menu(self) -> None:
        from game.ui.scenes.menu import MenuScene

        if len(self.game.actions) != self.saved_actions and not self.game.over:
            self.autosave()
        self.app.switch(MenuScene(self.app))

    def on_quit(self) -> None:
        if len(self.game.actions) != self.saved_actions and not self.game.over:
            self.autosave()

    def open_pause(self) -> None:
        from game.ui.scenes.overlays import PauseLayer

        if self.find_layer(PauseLayer) is None:
            self.push(PauseLayer(self.app, self))

    def open_facilitator(self) -> None:
        """The teacher's pause screen: the quarter, the question, the note and talking points."""
        from game.ui.scenes.facilitator import FacilitatorLayer

        if self.find_layer(FacilitatorLayer) is None:
            self.push(FacilitatorLayer(self.app, self))

    def handle(self, event: pygame.event.Event) -> None:
        from game.ui.scenes.facilitator import FacilitatorLayer

        if event.type == pygame.KEYDOWN and event.key == pygame.K_p and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META) and not isinstance(self.top, FacilitatorLayer):
            from game.ui.scenes.overlays import PauseLayer

            if isinstance(self.top, PauseLayer):
                self.pop(self.top)
            self.open_facilitator()
            return
        super().handle(event)

    def open_save(self) -> None:
        from game.ui.scenes.overlays import SaveLayer

        if self.find_layer(SaveLayer) is None:
            self.push(SaveLayer(self.app, self))


class BoardLayer(ProjectorBoard, Layer):
    """The table: top bar, tracks, the board, where you are, the log and the actions."""

    modal = False
    name = "board"
    auto_focus = False
    enter_needs_focus = True

    def __init__(self, app: App, scene: GameScene):
        super().__init__(app)
        self.scene = scene
        self.top = pygame.Rect(0, 0, 1, 1)
        self.left = pygame.Rect(0, 0, 1, 1)
        self.right = pygame.Rect(0, 0, 1, 1)
        self.centre = pygame.Rect(0, 0, 1, 1)
        self.here = pygame.Rect(0, 0, 1, 1)
        self.log = pygame.Rect(0, 0, 1, 1)
        self.goal = pygame.Rect(0, 0, 1, 1)
        self.actions_area: ScrollArea | None = None
        self.tracks_area: ScrollArea | None = None
        self.log_area: ScrollArea | None = None
        self.log_rows: list = []
        self.headers: list[tuple[int, str]] = []
        self._log_len = -1
        self._static: pygame.Surface | None = None
        self._static_key: tuple | None = None

    @property
    def game(self) -> Game:
        return self.scene.game

    def fs(self, size: float) -> float:
        """A type size of the actions panel, bigger in projector mode."""
        return PROJECTOR_SIZES.get(size, size) if self.app.theme.projector else size

    # ----- layout ------------------------------------------------------------------------------------

    def build(self, rect: pygame.Rect) -> None:
        th = self.app.theme
        self.coach = None
        if th.projector:
            self._build_projector(rect)
            self._build_tutorial()
            return
        self.tracks_big = False
        m = th.px(14)
        top_h = th.px(64)
        self.top = pygame.Rect(0, 0, rect.w, top_h)
        body_y = top_h + m
        body_h = rect.h - body_y - m
        left_w = th.px(300)
        right_w = th.px(360)
        self.left = pygame.Rect(m, body_y, left_w, body_h)
        self.right = pygame.Rect(rect.w - m - right_w, body_y, right_w, body_h)
        self.centre = pygame.Rect(self.left.right + m, body_y, self.right.x - m - self.left.right - m, body_h)
        view = self.scene.view
        board_area = pygame.Rect(self.centre.x, self.centre.y, self.centre.w, round(self.centre.h * 0.62))
        view.layout(board_area)
        view.rect.midtop = (self.centre.centerx, self.centre.y)
        below = pygame.Rect(self.centre.x, view.rect.bottom + m, self.centre.w, self.centre.bottom - view.rect.bottom - m)
        here_w = round(below.w * 0.44)
        self.here = pygame.Rect(below.x, below.y, here_w, below.h)
        self.log = pygame.Rect(self.here.right + m, below.y, below.right - self.here.right - m, below.h)
        self._build_top(rect)
        self._build_tracks()
        self._build_spaces()
        self._build_actions()
        self._build_log()
        self._build_tutorial()

    def _coach_box(self) -> pygame.Rect:
        """Where the walkthrough speaks: over the "where you are" panel (projector: over the
        goal box, which stands in its place)."""
        if not self.app.theme.projector and self.here.w > 1:
            return self.here.copy()
        return self.goal.copy()

    def _build_tutorial(self) -> None:
        tut = self.scene.tutorial
        if tut is None or tut.finished:
            return
        th = self.app.theme
        box = self._coach_box()
        self.coach = box
        pad = th.px(14)
        bh = th.px(40)
        bw = (box.w - 2 * pad - th.px(10)) // 2
        y = box.bottom - pad - bh
        last = tut.index == len(TUTORIAL_STEPS) - 1
        add_button(self, "tutorial.skip", pygame.Rect(box.x + pad, y, bw, bh), t("tutorial.skip"), self.scene.end_tutorial, size=13)
        add_button(self, "tutorial.next", pygame.Rect(box.x + pad + bw + th.px(10), y, bw, bh), t("tutorial.finish" if last else "tutorial.next"), self.scene.tutorial_next, style="primary", size=13)

    def _build_top(self, rect: pygame.Rect) -> None:
        th = self.app.theme
        big = th.projector
        h = th.px(50 if big else 40)
        y = (self.top.h - h) // 2
        size = 15 if big else 14
        buttons = (
            ("top.menu", self.scene.open_pause, "menu", pygame.K_ESCAPE),
            ("top.save", self.scene.open_save, "save", pygame.K_s),
            ("top.help", self.open_help, "book", pygame.K_h),
        )
        # each button as wide as its label needs at this text size (at least the usual width)
        w = max(th.px(150 if big else 132), *(kit.button_width(th, t(key), size, icon, kit.key_name(hot)) for key, _, icon, hot in buttons))
        x = rect.right - th.px(14)
        for key, fn, icon, hot in buttons:
            x -= w
            add_button(self, key, pygame.Rect(x, y, w, h), t(key), fn, icon=icon, hotkey=hot, size=size)
            x -= th.px(10)
        x += th.px(10)
        if big:  # the teacher's pause screen, one click away on the projector
            cw = th.px(200)
            x -= cw + th.px(10)
            add_button(self, "top.class", pygame.Rect(x, y, cw, h), t("top.class"), self.scene.open_facilitator, icon="trust", hotkey=pygame.K_p, size=size, tooltip=lambda: Tip(t("facilitator.button"), [TipLine(t("facilitator.button_help"))]))
        self.top_buttons_x = x

    def _build_tracks(self) -> None:
        th = self.app.theme
        inner = self.left.inflate(-th.px(12), -th.px(12))
        header_h = th.px(34)
        # the goal box shows as many of its figures as the tracks leave room for (at least one):
        # every track stays in view above it whenever the window allows
        for shown in range(max(1, len(panels.goal_progress(self.game))), 0, -1):
            goal_h = th.px(34) + th.px(26) * shown
            self.goal = pygame.Rect(inner.x, inner.bottom - goal_h, inner.w, goal_h)
            area_rect = pygame.Rect(inner.x, inner.y + header_h, inner.w, self.goal.y - th.px(8) - inner.y - header_h)
            heights = track_row_heights(th, area_rect.h)
            if sum(heights) <= area_rect.h:
                break
        area = self.add_area(ScrollArea(area_rect, sum(heights)))
        self.tracks_area = area
        y = 0
        for track, row_h in zip(panels.TRACK_ROWS, heights, strict=True):
            w = Widget(f"track.{track}", pygame.Rect(0, y, area_rect.w - th.px(6), row_h - th.px(4)), self._paint_track, tooltip=(lambda tr=track: explain_tip(self.game, tr, panels.extra_lines(self.game, tr))), data=track)
            self.add(w, area)
            y += row_h

    def _build_spaces(self) -> None:
        th = self.app.theme
        view = self.scene.view
        plaques = view.plaque_rects(th, self.game.location)
        for s in self.game.scenario.board.spaces:
            item = self.scene.item(Travel(to=s.id))
            here = s.id == self.game.location
            w = Widget(
                f"space.{s.id}",
                view.hit_rect(th, s.id).union(plaques[s.id]),
                self._paint_space,
                on_click=(lambda sid=s.id: self.scene.do(Travel(to=sid))) if item is not None and item.legal else None,
                enabled=here or (item is not None and item.legal),
                tooltip=(lambda sid=s.id: self._space_tip(sid)),
                refusal=(lambda it=item: _said(self.game, it.reason) if it is not None else None),
                data=s.id,
            )
            self.add(w)

    def _build_actions(self) -> None:
        th = self.app.theme
        g = self.game
        inner = self.right.inflate(-th.px(12), -th.px(12))
        header_h = th.px(40)
        bottom_h = th.px(52) + th.px(10)
        card_pending = g.awaiting_choice and self.scene.find_layer(_card_layer_type()) is None
        if card_pending:
            bottom_h += th.px(52)
        self.spent = not g.awaiting_choice and g.track("attention") < 1 and not g.over
        if self.spent:
            header_h += th.px(62 if th.projector else 50)
        area_rect = pygame.Rect(inner.x, inner.y + header_h, inner.w, inner.h - header_h - bottom_h - th.px(8))
        width = area_rect.w - th.px(8)
        groups: dict[str, list[MenuItem]] = {}
        for it in self.scene.items:
            groups.setdefault(it.group, []).append(it)
        widgets: list[tuple[Widget, pygame.Rect]] = []
        self.headers = []
        y = 0
        gap = th.px(6)
        fs = self.fs
        row_h = th.px(10) + th.line_height(fs(14), "semibold") + th.px(6) + th.line_height(fs(12), "semibold") + th.px(4) + th.px(10)
        tile_h = th.px(10) + th.line_height(fs(15), "bold") + th.px(4) + th.line_height(fs(12), "bold") + th.px(4) + th.px(8)
        travel_h = th.px(10) + th.line_height(fs(14), "semibold") + th.px(10)
        if not th.projector:  # a projector shows the place only, not the trust it costs
            travel_h += th.px(4) + th.line_height(11)
        for group in GROUP_ORDER:
            its = groups.get(group, [])
            if not its:
                continue
            self.headers.append((y, t(f"actions.group.{group}")))
            y += th.px(30) + (th.line_height(fs(11), "bold") - th.line_height(11, "bold") if th.projector else 0)
            if group in ("raise", "travel"):
                cols = 3 if group == "raise" else 2
                tw = (width - gap * (cols - 1)) // cols
                th_ = tile_h if group == "raise" else travel_h
                for start in range(0, len(its), cols):
                    row = its[start : start + cols]
                    tile_row_h = th_
                    if group == "travel" and not th.projector:  # a refusal is said whole, on as many lines as it needs
                        lines = max((len(th.wrap(_said(self.game, it.reason), 11, tw - th.px(20))) for it in row if not it.legal), default=1)
                        tile_row_h += th.line_height(11) * (lines - 1)
                    for k, it in enumerate(row):
                        r = pygame.Rect(k * (tw + gap), y, tw, tile_row_h)
                        painter = self._paint_pitch if group == "raise" else self._paint_travel
                        widgets.append((self._action_widget(it, r, painter), r))
                    y += tile_row_h + gap
            else:
                for it in its:
                    h = row_h
                    if not it.legal and len(th.wrap(_said(self.game, it.reason), fs(12), width - th.px(24))) > 1:
                        h += th.line_height(fs(12))  # a refusal gets a second line, not an ellipsis
                    r = pygame.Rect(0, y, width, h)
                    widgets.append((self._action_widget(it, r, self._paint_action), r))
                    y += h + gap
            y += th.px(8)
        area = ScrollArea(area_rect, y)
        self.actions_area = self.add_area(area)
        for w, _ in widgets:
            self.add(w, area)
        # the fixed bottom: show the card, undo, end the quarter
        by = inner.bottom - th.px(52)
        undo_w = th.px(120)
        add_button(self, "actions.undo", pygame.Rect(inner.x, by, undo_w, th.px(52)), t("actions.undo"), self.scene.undo, icon="undo", enabled=g.can_undo(), hotkey=pygame.K_u, tooltip=self._undo_tip, refusal=lambda: t("actions.cannot_undo"), size=14)
        end = self.scene.item(EndQuarter())
        end_rect = pygame.Rect(inner.x + undo_w + th.px(10), by, inner.w - undo_w - th.px(10), th.px(52))
        add_button(
            self,
            "actions.end_quarter",
            end_rect,
            t("actions.end_quarter", date=format.quarter(g.date)),
            lambda: self.scene.do(EndQuarter()),
            icon="clock",
            style="primary",
            enabled=end is not None and end.legal,
            hotkey=pygame.K_e,
            tooltip=lambda: action_tip(self.game, self.scene.item(EndQuarter())) if self.scene.item(EndQuarter()) else None,
            refusal=lambda: _said(self.game, end.reason) if end is not None else None,
            size=15,
        )
        if card_pending:
            add_button(self, "actions.show_card", pygame.Rect(inner.x, by - th.px(62), inner.w, th.px(52)), t("actions.show_card"), self.scene.show_card, icon="card", style="primary", hotkey=pygame.K_c)

    def _action_widget(self, it: MenuItem, r: pygame.Rect, painter) -> Widget:
        return Widget(
            f"action.{_action_id(it)}",
            r,
            painter,
            on_click=(lambda a=it.action: self.scene.do(a)),
            enabled=it.legal,
            tooltip=(lambda it=it: action_tip(self.game, it)),
            refusal=(lambda it=it: _said(self.game, it.reason)),
            data=it,
        )

    def _build_log(self) -> None:
        th = self.app.theme
        inner = self.log.inflate(-th.px(24), -th.px(16))
        area_rect = pygame.Rect(inner.x, inner.y + th.px(30), inner.w, inner.h - th.px(30))
        self.log_rows = panels.log_rows(th, self.game, area_rect.w)
        content = (self.log_rows[-1][0] + th.line_height(12) * len(self.log_rows[-1][3]) + th.px(6)) if self.log_rows else 0
        area = ScrollArea(area_rect, content)
        if len(self.game.log) != self._log_len:
            area.scroll_to(area.max_offset)  # new entries: show the latest
        self._log_len = len(self.game.log)
        self.log_area = self.add_area(area)
        w = Widget("log", self.log.copy(), self._paint_log_focus, tooltip=None)
        self.add(w)

    def rebuild(self) -> None:
        keep_log = self.log_area.offset if self.log_area is not None and len(self.game.log) == self._log_len else None
        # a log showing its latest entries keeps showing them, whatever the new width wraps
        at_end = self.log_area is not None and self.log_area.offset >= self.log_area.max_offset - 1
        super().rebuild()
        if at_end and self.log_area is not None:
            self.log_area.scroll_to(self.log_area.max_offset)
        elif keep_log is not None and self.log_area is not None:
            self.log_area.scroll_to(keep_log)
        elif self.log_area is not None:
            self.log_area.scroll_to(self.log_area.max_offset)

    def default_focus(self) -> str | None:
        for w in self.widgets:
            if w.id.startswith("action.") and w.enabled:
                return w.id
        return "actions.end_quarter"

    # ----- keys --------------------------------------------------------------------------------------

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_z and event.mod & pygame.KMOD_CTRL:
            self.scene.undo()
            return True
        focused = self.focused()
        if focused is not None and focused.id == "log" and self.log_area is not None:
            step = {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_PAGEUP: -6, pygame.K_PAGEDOWN: 6}.get(event.key)
            if step is not None:
                self.log_area.scroll_by(step * self.app.theme.px(40))
                return True
        return False

    def on_escape(self) -> bool:
        self.scene.open_pause()
        return True

    def open_help(self) -> None:
        win, lose = panels.goals_text(self.game)
        buttons = [(t("help.quarter_button"), self.open_quarter_rules), (t("tutorial.button"), self.scene.start_tutorial), (t("common.ok"), None)]
        if self.game.c.industry is not None:
            buttons.insert(2, (t("help.industry_button"), self.open_industry_rules))
        show_message(self.app, t("help.title"), t("help.text", win=win, lose=lose), "info", buttons)

    def open_quarter_rules(self) -> None:
        """The end of a quarter, step by step, with the scenario's own figures."""
        c = self.game.c.consts
        _, lose = panels.goals_text(self.game)
        text = t(
            "help.quarter",
            price=format.number(c.price_decline_pct),
            staff=format.number(c.staff_growth_pct),
            away=format.number(c.away_trust_loss),
            home=format.number(c.home_trust_gain),
            decay=format.number(c.scrutiny_decay),
            floor=format.number(c.scrutiny_floor),
            inc_cred=format.number(abs(c.incident_credibility)),
            inc_trust=format.number(abs(c.incident_trust)),
            inc_scrutiny=format.number(c.incident_scrutiny),
            lose=lose,
            attention=format.number(c.attention_per_quarter),
        )
        show_message(self.app, t("help.quarter_title"), text, "info")

    def open_industry_rules(self) -> None:
        """The chip market, Nvidia dependence and the grid's cap, with the scenario's own figures."""
        figures = market.rule_figures(self.game.c) or {}
        show_message(self.app, t("help.industry_title"), t("help.industry", **{k: format.number(v, "g") for k, v in figures.items()}), "info")

    # ----- tooltips ----------------------------------------------------------------------------------

    def _space_tip(self, sid: str) -> Tip:
        g = self.game
        s = g.scenario.space(sid)
        lines = [TipLine(s.description)]
        deals = [d for d in g.scenario.deals if d.space == sid]
        signed = g.deals_signed()
        if deals:
            lines.append(TipLine(t("board.deals_here"), "heading"))
            for d in deals:
                lines.append(TipLine(t("board.deal_line", title=d.title, signed=signed.get(d.id, 0), max=d.max_times), "body"))
        gw = g.campuses().get(sid)
        if gw:
            lines.append(TipLine(t("board.campus_here", gw=format.number(gw)), "body"))
        if sid == g.location:
            lines.append(TipLine(t("board.you_are_here"), "good", "steady"))
        else:
            item = self.scene.item(Travel(to=sid))
            if item is not None and item.legal:
                lines.append(TipLine(t("board.click_to_travel"), "good", "up"))
                for k, d in format.ordered(item.touches):
                    news = format.good_news(k, d)
                    lines.append(TipLine(f"{format.label(k)} {format.delta(k, d)}", "good" if news > 0 else "bad" if news < 0 else "neutral", "up" if d > 0 else "down"))
            elif item is not None:
                lines.append(TipLine(_said(self.game, item.reason) or t("actions.not_allowed"), "bad", "lock"))
        return Tip(s.name, lines, width=380)

    def _undo_tip(self) -> Tip:
        g = self.game
        if g.can_undo():
            return Tip(t("actions.undo"), [TipLine(t("actions.undo_help", action=action_text(g, g.actions[-1]).title))])
        return Tip(t("actions.undo"), [TipLine(t("actions.cannot_undo"), "muted")])

    # ----- drawing -----------------------------------------------------------------------------------

    def draw(self, surf: pygame.Surface) -> None:
        """While the token travels or numbers tween, everything else is drawn once and reused."""
        if self.scene.travel is None and not self.scene.tweens:
            self._static = None
            self._draw_static(surf, with_tracks=False)
            self._draw_moving(surf, with_tracks=True)
            return
        tweening = bool(self.scene.tweens)
        key = (self.app.input_serial, surf.get_size(), id(self.app.theme), self.scene.travel is not None, tweening)
        if self._static is None or self._static_key != key:
            self._static = pygame.Surface(surf.get_size()).convert() if pygame.display.get_surface() else pygame.Surface(surf.get_size())
            self._draw_static(self._static, with_tracks=not tweening)
            self._static_key = key
        surf.blit(self._static, (0, 0))
        self._draw_moving(surf, with_tracks=tweening)

    def _draw_static(self, surf: pygame.Surface, with_tracks: bool) -> None:
        th = self.app.theme
        pal = th.palette
        surf.fill(pal.sea_bottom)
        if th.projector:
            self._draw_top_projector(surf)
        else:
            self._draw_top(surf)
        # the board
        view = self.scene.view
        view.draw_base(surf, th)
        g = self.game
        travel = self.scene.travel_progress()
        if travel is None:
            dests = [it.action.to for it in self.scene.items if isinstance(it.action, Travel) and it.legal]
            view.draw_highlight_routes(surf, th, g.location, dests)
        else:
            src, dst, _ = travel
            view.draw_highlight_routes(surf, th, src, [dst])
        self.draw_widgets(surf, only=lambda w: w.id.startswith("space."))
        view.draw_holdings(surf, th, g)
        # panels
        draw.panel(surf, th, self.left)
        draw.panel(surf, th, self.right)
        self._draw_actions_header(surf)
        if th.projector:
            self._draw_below_board_projector(surf)
        else:
            draw.text(surf, th, t("tracks.title").upper(), 12, pal.ink_muted, (self.left.x + th.px(16), self.left.y + th.px(16)), weight="bold")
            draw.text(surf, th, t("tracks.vs_last"), 11, pal.ink_faint, (self.left.right - th.px(16), self.left.y + th.px(17)), anchor="topright")
            panels.paint_goal(surf, th, self.goal, g)
            draw.panel(surf, th, self.here)
            if self.coach is None:
                self._draw_here(surf)
            draw.panel(surf, th, self.log)
            draw.text(surf, th, t("log.title").upper(), 12, pal.ink_muted, (self.log.x + th.px(12), self.log.y + th.px(12)), weight="bold")
        if self.log_area is not None:
            panels.paint_log(surf, th, self.log_area.rect, self.log_area.offset, self.log_rows, g)
            self.log_area.draw_bar(surf, pal.panel_edge, th.px(4))
        old = surf.get_clip()
        if self.actions_area is not None:
            surf.set_clip(self.actions_area.rect)
            for y, label in self.headers:
                sy = self.actions_area.rect.y + y - self.actions_area.offset
                draw.text(surf, th, label.upper(), self.fs(11), pal.ink_muted, (self.actions_area.rect.x + th.px(2), sy + th.px(10)), weight="bold")
            surf.set_clip(old)
            self.actions_area.draw_bar(surf, pal.panel_edge, th.px(4))
        if self.tracks_area is not None:
            self.tracks_area.draw_bar(surf, pal.panel_edge, th.px(4))
        self._draw_coach(surf)
        self.draw_widgets(surf, only=lambda w: not w.id.startswith(("space.", "track.")))
        if with_tracks:
            self.draw_widgets(surf, only=lambda w: w.id.startswith("track."))

    def _draw_moving(self, surf: pygame.Surface, with_tracks: bool) -> None:
        """The CEO's token and the tracks, whose numbers may be counting to their new values."""
        th = self.app.theme
        pos, hop = self.scene.view.token_at(self.game.location, self.scene.travel_progress())
        self.scene.view.draw_token(surf, th, pos, hop)
        if with_tracks:
            if self.tracks_area is not None:
                surf.fill(th.palette.panel, self.tracks_area.rect)
            self.draw_widgets(surf, only=lambda w: w.id.startswith("track."))

    def _draw_top(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        g = self.game
        bar = self.top
        draw.top_bar(surf, th, bar)
        x = th.px(20)
        # date and progress
        r = draw.text(surf, th, format.quarter(g.date), 28, pal.ink_light, (x, bar.centery - th.px(2)), anchor="midleft", family="serif")
        total = g.c.turns
        px = r.right + th.px(14)
        draw.text(surf, th, t("top.quarter_of", n=min(g.turn + 1, total), total=total), 11, pal.ink_muted, (px, bar.centery - th.px(14)))
        track = pygame.Rect(px, bar.centery + th.px(6), th.px(130), th.px(5))
        draw.progress(surf, th, track, format.quarters_done(g.turn, g.over, total), total)
        x = track.right + th.px(30)
        # attention pips
        left = max(0, round(g.track("attention")))
        cap = max(round(g.c.consts.attention_per_quarter), left)
        draw.text(surf, th, t("top.attention").upper(), 11, pal.ink_muted, (x, bar.centery - th.px(14)), weight="bold")
        for i in range(cap):
            cx = x + th.px(8) + i * th.px(22)
            draw.pip(surf, (cx, bar.centery + th.px(9)), th.px(8), pal.accent if i < left else None, pal.accent if i < left else pal.ink_faint)
        aw = max(th.text_width(t("top.attention").upper(), 11, "bold"), cap * th.px(22))
        self.attention_rect = pygame.Rect(x - th.px(4), bar.centery - th.px(18), aw + th.px(8), th.px(38))
        x += aw + th.px(30)
        # where the CEO is
        here = g.scenario.space(g.location)
        draw.text(surf, th, t("top.location").upper(), 11, pal.ink_muted, (x, bar.centery - th.px(14)), weight="bold")
        draw.icon(surf, "pin", (x + th.px(7), bar.centery + th.px(9)), th.px(14), pal.accent, pal.panel)
        name = here.name + (f" · {t('top.hq')}" if here.home else "")
        limit = self.top_buttons_x - th.px(20) - (x + th.px(20))
        draw.text(surf, th, th.ellipsize(name, 15, limit, "semibold"), 15, pal.ink_light, (x + th.px(20), bar.centery + th.px(9)), anchor="midleft", weight="semibold")

    def _draw_actions_header(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        g = self.game
        x = self.right.x + th.px(16)
        y = self.right.y + th.px(14)
        fs = self.fs
        draw.text(surf, th, t("actions.title").upper(), fs(12), pal.ink_muted, (x, y), weight="bold")
        here = g.scenario.space(g.location).name
        draw.text(surf, th, th.ellipsize(t("actions.at", place=here), fs(12), self.right.w - th.px(140)), fs(12), pal.ink_muted if th.projector else pal.ink_faint, (self.right.right - th.px(16), y), anchor="topright")
        if getattr(self, "spent", False):
            box = pygame.Rect(self.right.x + th.px(12), y + th.px(26), self.right.w - th.px(24), th.px(54 if th.projector else 42))
            draw.rounded(surf, pal.sea_bottom, box, th.px(8))
            draw.rounded(surf, pal.accent, box, th.px(8), width=th.stroke(1))
            draw.pip(surf, (box.x + th.px(16), box.centery), th.px(6), None, pal.accent)
            draw.paragraph(surf, th, t("actions.spent"), fs(12), pal.ink_light, box.x + th.px(30), box.y + th.px(5), box.w - th.px(40), weight="semibold", max_lines=2)

    def _draw_coach(self, surf: pygame.Surface) -> None:
        """The walkthrough's step: its words in the coach box, a ring round what it points at."""
        tut = self.scene.tutorial
        if self.coach is None or tut is None or tut.finished:
            return
        th = self.app.theme
        pal = th.palette
        step = tut.step
        box = self.coach
        draw.rounded(surf, pal.sea_bottom, box, th.px(12))
        draw.rounded(surf, pal.accent, box, th.px(12), width=th.stroke(2))
        x, w = box.x + th.px(16), box.w - th.px(32)
        y = box.y + th.px(14)
        r = draw.text(surf, th, t("tutorial.step", n=tut.index + 1, total=len(TUTORIAL_STEPS)).upper(), 11, pal.accent, (x, y), weight="bold")
        r = draw.text(surf, th, th.ellipsize(t(f"tutorial.{step.key}.title"), 20, w, family="serif"), 20, pal.ink_light, (x, r.bottom + th.px(6)), family="serif")
        room = box.bottom - th.px(14) - th.px(40) - th.px(8) - (r.bottom + th.px(8))
        draw.paragraph(surf, th, t(f"tutorial.{step.key}.text"), 12, pal.ink_light, x, r.bottom + th.px(8), w, max_lines=max(1, room // th.line_height(12)))
        if step.target == "attention":
            targets = [getattr(self, "attention_rect", None)]
        elif step.target == "log":
            targets = [self.log]
        elif step.target:
            targets = [wd.rect if wd.area is None else wd.rect.clip(wd.area.rect) for wd in self.widgets if wd.id.startswith(step.target) and wd.enabled]
        else:
            targets = []
        for rect in targets:
            if rect is not None and rect.w > 0:
                draw.rounded(surf, pal.accent, rect.inflate(th.px(6), th.px(6)), th.px(12), width=th.stroke(2))

    def _draw_here(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        g = self.game
        s = g.scenario.space(g.location)
        box = self.here.inflate(-th.px(28), -th.px(24))
        draw.text(surf, th, t("here.title").upper(), 12, pal.ink_muted, (box.x, box.y), weight="bold")
        y = box.y + th.px(22)
        r = draw.text(surf, th, th.ellipsize(s.name, 22, box.w, family="serif"), 22, pal.ink_light, (box.x, y), family="serif")
        y = r.bottom + th.px(4)
        y = draw.paragraph(surf, th, s.description, 12, pal.ink_muted, box.x, y, box.w, max_lines=4)
        lines: list[tuple[str, str, str]] = []
        if s.home:
            lines.append(("home", t("here.hq"), ""))
        if s.pitch is not None:
            a = s.pitch.appetite.value
            level = t("here.appetite_high") if a >= 1 else t("here.appetite_mid") if a >= 0 else t("here.appetite_low")
            lines.append(("cash", t("here.investors", level=level), ""))
        m = market.summary(g.st, g.c)
        if m is not None:  # the industry, wherever the CEO stands
            lines.append(("chip", t("here.chip_market", price=format.number(m['price_kusd'], ".1f")),
                          t("here.chip_left", left=format.number(m['reach_m'], ".2f"), supply=format.number(m['supply_m'], ".2f"))))
            lines.append(("chip", t("here.dependence"), format.percent(m['dependence_pct'] / 100)))
            lines.append(("energy", t("here.grid"), t("here.grid_left", left=format.number(m['grid_left_gw'], ".1f"), cap=format.number(m['grid_cap_gw'], ".1f"))))
        routes = sorted({b if a == s.id else a for a, b in g.scenario.board.routes if s.id in (a, b)})
        if routes:
            names = ", ".join(g.scenario.space(r).name for r in routes)
            lines.append(("plane", t("here.routes", places=names), ""))
        signed = g.deals_signed()
        for d in g.scenario.deals:
            if d.space == s.id:
                lines.append(("card", d.title, t("here.deal_count", signed=signed.get(d.id, 0), max=d.max_times)))
        site = next((c for c in g.scenario.campus_sites if c.space == s.id), None)
        if site is not None:
            lines.append(("building", site.title, format.value("power_gw_online", g.campuses().get(s.id, 0.0))))
        arriving = [(k, key, v) for k, key, v in g.deliveries() if abs(v) > 1e-9]
        y += th.px(6)
        for icon, title, right in lines:
            if y + th.px(20) > box.bottom:
                return
            draw.icon(surf, icon, (box.x + th.px(7), y + th.px(8)), th.px(13), pal.accent, pal.panel)
            rx = box.right
            if right:
                rx = draw.text(surf, th, right, 12, pal.ink_muted, (box.right, y), anchor="topright").x - th.px(8)
            draw.text(surf, th, th.ellipsize(title, 12, rx - box.x - th.px(20), "semibold"), 12, pal.ink_light, (box.x + th.px(20), y), weight="semibold")
            y += th.px(20)
        if arriving and y + th.px(40) < box.bottom:
            y += th.px(6)
            draw.text(surf, th, t("here.on_the_way").upper(), 11, pal.ink_muted, (box.x, y), weight="bold")
            y += th.px(18)
            for k, key, v in arriving:
                if y + th.px(18) > box.bottom:
                    break
                draw.icon(surf, "clock", (box.x + th.px(7), y + th.px(8)), th.px(12), pal.ink_muted, pal.panel)
                draw.text(surf, th, th.ellipsize(format.delayed_text(key, v, max(1, k)), 12, box.w - th.px(20)), 12, pal.ink_light, (box.x + th.px(20), y))
                y += th.px(18)

    # ----- painters ----------------------------------------------------------------------------------

    def _paint_track(self, surf: pygame.Surface, w: Widget) -> None:
        th = self.app.theme
        track = w.data
        panels.paint_track(surf, th, w.rect, self.game, track, panels.previous_close(self.game), w.hovered, w.focused, self.scene.shown(track))

    def _paint_space(self, surf: pygame.Surface, w: Widget) -> None:
        g = self.game
        item = self.scene.item(Travel(to=w.data))
        reachable = item is not None and item.legal
        view = self.scene.view
        plaques = view.plaque_rects(self.app.theme, g.location)
        view.draw_space(surf, self.app.theme, w.data, w.data == g.location, w.hovered, w.focused, reachable, plaques.get(w.data))

    def _paint_log_focus(self, surf: pygame.Surface, w: Widget) -> None:
        if w.focused:
            draw.focus_ring(surf, self.app.theme, w.rect, 14)

    def _row_frame(self, surf: pygame.Surface, w: Widget) -> tuple:
        th = self.app.theme
        pal = th.palette
        if w.enabled:
            fill = pal.panel_raised if not w.hovered else tuple(min(255, c + 10) for c in pal.panel_raised)
            edge = pal.accent if w.hovered else pal.panel_edge
        else:
            fill = pal.panel
            edge = pal.panel_edge
        if w.pressed:
            fill = pal.panel
        draw.rounded(surf, fill, w.rect, th.px(10))
        draw.rounded(surf, edge, w.rect, th.px(10), width=th.stroke(1))
        if w.focused:
            draw.focus_ring(surf, th, w.rect)
        return fill, (pal.ink_light if w.enabled else pal.ink_faint)

    def _cost_pips(self, surf: pygame.Surface, right: int, cy: int, n: int, enabled: bool) -> int:
        th = self.app.theme
        pal = th.palette
        x = right
        for _ in range(n):
            draw.pip(surf, (x - th.px(6), cy), th.px(6), pal.accent if enabled else None, pal.accent if enabled else pal.ink_faint)
            x -= th.px(15)
        return right - x

    def _paint_action(self, surf: pygame.Surface, w: Widget) -> None:
        th = self.app.theme
        pal = th.palette
        it: MenuItem = w.data
        fill, fg = self._row_frame(surf, w)
        txt = action_text(self.game, it.action)
        x = w.rect.x + th.px(12)
        y = w.rect.y + th.px(10)
        cost = attention_cost(it, txt)
        fs = self.fs
        lh = th.line_height(fs(14), "semibold")
        pips_w = self._cost_pips(surf, w.rect.right - th.px(10), y + lh // 2, cost, it.legal) if cost else 0
        lx = x
        if not it.legal:
            draw.icon(surf, "lock", (x + th.px(6), y + lh / 2), th.px(12), pal.ink_faint)
            lx += th.px(18)
        elif it.action in getattr(self.scene, "dangers", {}):
            draw.icon(surf, "warning", (x + th.px(7), y + lh / 2), th.px(14), pal.bad)
            lx += th.px(20)
        title = th.ellipsize(txt.title, fs(14), w.rect.right - th.px(16) - pips_w - lx, "semibold")
        draw.text(surf, th, title, fs(14), fg, (lx, y), weight="semibold")
        y2 = y + lh + th.px(6)
        if not it.legal:
            draw.paragraph(surf, th, _said(self.game, it.reason), fs(12), pal.ink_faint, x, y2, w.rect.w - th.px(24), max_lines=2)
            return
        right = w.rect.right - th.px(10)
        if it.odds is not None:
            right -= kit.odds_pill(surf, th, it.odds, right, y2 + th.line_height(fs(12), "semibold") // 2 + th.px(2), size=fs(12)) + th.px(6)
        effects = [e for e in format.ordered(it.touches) if e[0] != "attention"]
        used = kit.effect_chips(surf, th, effects, x, y2, right - x, on_paper=False, size=fs(12), max_rows=1)
        if not effects and it.later and used == 0:
            first = it.later[0]
            text = format.delayed_text(first.track, first.amount, first.quarters)
            draw.icon(surf, "clock", (x + th.px(6), y2 + th.px(8)), th.px(12), pal.ink_muted)
            draw.text(surf, th, th.ellipsize(text, fs(12), right - x - th.px(20)), fs(12), pal.ink_muted, (x + th.px(18), y2))

    def _paint_pitch(self, surf: pygame.Surface, w: Widget) -> None:
        th = self.app.theme
        pal = th.palette
        it: MenuItem = w.data
        _, fg = self._row_frame(surf, w)
        ask = it.action.ask_busd
        cx = w.rect.centerx
        y = w.rect.y + th.px(10)
        label = format.value("cash_busd", ask)
        fs = self.fs
        r = draw.text(surf, th, label, fs(15), fg, (cx, y), anchor="midtop", weight="bold")
        y2 = r.bottom + th.px(4)
        if it.legal and it.odds is not None:
            img_h = th.line_height(fs(12), "bold")
            kit.odds_pill(surf, th, it.odds, cx + kit.odds_pill_width(th, it.odds, fs(12)) // 2, y2 + img_h // 2 + th.px(2), size=fs(12))
        elif not it.legal:
            draw.icon(surf, "lock", (cx, y2 + th.px(9)), th.px(12), pal.ink_faint)

    def _paint_travel(self, surf: pygame.Surface, w: Widget) -> None:
        th = self.app.theme
        pal = th.palette
        it: MenuItem = w.data
        _, fg = self._row_frame(surf, w)
        name = self.game.scenario.space(it.action.to).name
        x = w.rect.x + th.px(10)
        y = w.rect.y + th.px(10)
        fs = self.fs
        lh = th.line_height(fs(14), "semibold")
        draw.icon(surf, "plane" if it.legal else "lock", (x + th.px(8), y + lh / 2), th.px(15), pal.accent if it.legal else pal.ink_faint)
        draw.text(surf, th, th.ellipsize(name, fs(14), w.rect.w - th.px(40), "semibold"), fs(14), fg, (x + th.px(22), y), weight="semibold")
        if th.projector:
            return
        if not it.legal:
            draw.paragraph(surf, th, _said(self.game, it.reason), 11, pal.ink_faint, x, y + lh + th.px(4), w.rect.w - th.px(20))
            return
        sub = format.delta("trust", it.touches["trust"]) + " " + format.label("trust").lower() if "trust" in it.touches else t("actions.one_attention")
        draw.text(surf, th, th.ellipsize(sub, 11, w.rect.w - th.px(20)), 11, pal.ink_muted, (x, y + lh + th.px(4)))


def _action_id(it: MenuItem) -> str:
    """A widget id for an action: its kind and what it names ("travel.tokyo", "pitch.6.5")."""
    parts = [it.action.kind] + [f"{v:g}" if isinstance(v, float) else str(v) for k, v in it.action.model_dump().items() if k != "kind"]
    return ".".join(parts)


def track_row_heights(th, room: int) -> list[int]:
    """Each track row's height in the tracks panel. A row with a bar under its name (energy and
    the ten-cell tracks) needs more than a row with one line under it; the rows share what is
    left of room, up to the roomy height they had when all were alike, so that the last track
    stays above the goal box whenever the window allows it."""
    line = th.line_height(12)
    tall = th.px(46) + line + th.px(6)  # name and value, the bar, the line under it, the gap
    plain = max(th.line_height(18, "bold") + th.px(4), th.px(32) + line) + th.px(8)
    roomy = max(th.px(58), th.line_height(13, "semibold") + line + th.px(26), th.px(46) + line + th.px(8))
    base = [tall if track in panels.BOUNDED or track == "power_gw_online" else plain for track in panels.TRACK_ROWS]
    spare = room - sum(base)
    if spare <= 0:
        return base
    extra = spare // len(base)
    return [min(roomy, h + extra) if h < roomy else h for h in base]


def _card_layer_type():
    from game.ui.scenes.overlays import CardLayer

    return CardLayer
