"""Choosing a race of rival labs: two to four labs, each played by a person or a bot.

Opened from the new-game screen when the chosen scenario has a `labs:` section. "You against
three bot rivals" is the solo campaign: the scenario's own lab for the player, every rival a bot.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.core.labs import MAX_LABS, MIN_LABS
from game.core.match import Match
from game.ui import draw
from game.ui.app import App
from game.ui.i18n import t
from game.ui.scenes.common import add_button, segmented
from game.ui.widgets import Layer, Tip, TipLine, Widget


def solo_against_bots(most: int) -> tuple[int, list[bool]]:
    """The solo campaign: as many labs as the scenario seats (at most four), you and bots."""
    labs = min(MAX_LABS, most)
    return labs, [True] + [False] * (labs - 1)


def start_match(app: App, scenario, seed: int, labs: int, people: list[bool], scenario_path: str | None) -> None:
    from game.ui.scenes.match import MatchScene

    match = Match(scenario, seed, labs)
    app.switch(MatchScene(app, match, people[:labs], scenario_path))


class MatchSetupLayer(Layer):
    """A paper sheet over the new-game screen: how many labs, and who plays each."""

    name = "match_setup"

    def __init__(self, app: App, scenario, seed: Callable[[], int | None], scenario_path: str | None, on_close: Callable[[], None] | None = None):
        super().__init__(app)
        self.on_close = on_close
        self.scenario = scenario
        self.seed = seed
        self.scenario_path = scenario_path
        sec = scenario.labs
        self.names = [sec.your_lab.name] + [r.name for r in sec.rivals]
        self.colours = [sec.your_lab.colour] + [r.colour for r in sec.rivals]
        self.most = min(MAX_LABS, len(self.names))
        self.labs, self.people = solo_against_bots(self.most)
        self.people += [False] * (MAX_LABS - len(self.people))
        self.box = pygame.Rect(0, 0, 1, 1)

    def build(self, rect: pygame.Rect) -> None:
        th = self.app.theme
        w = min(rect.w - th.px(40), th.px(760))
        row = th.px(52)
        h = min(rect.h - th.px(20), th.px(150) + row * self.most + th.px(130))
        self.box = pygame.Rect(0, 0, w, h)
        self.box.center = rect.center
        x = self.box.x + th.px(36)
        inner = w - th.px(72)
        y = self.box.y + th.px(92)
        options = [(str(n), t("match.setup.n_labs", n=n)) for n in range(MIN_LABS, self.most + 1)]
        segmented(self, "setup.labs", pygame.Rect(x, y, inner, th.px(42)), options, str(self.labs), self.set_labs)
        y += th.px(58)
        for seat in range(self.most):
            r = pygame.Rect(x, y + seat * row, inner, row - th.px(8))
            on = seat < self.labs
            self.add(Widget(f"setup.seat.{seat}", r, self._paint_seat, on_click=(lambda s=seat: self.toggle(s)) if on else None, enabled=on,
                            tooltip=(lambda s=seat: self._seat_tip(s)), data=seat))
        b_h = th.px(48)
        start = pygame.Rect(0, 0, th.px(240), b_h)
        start.bottomright = (self.box.right - th.px(32), self.box.bottom - th.px(24))
        add_button(self, "setup.start", start, t("newgame.start"), self.start, icon="play", style="primary")
        solo = pygame.Rect(0, 0, min(th.px(300), start.x - x - th.px(140)), b_h)
        solo.bottomleft = (x, self.box.bottom - th.px(24))
        add_button(self, "setup.solo", solo, t("match.setup.solo"), self.solo, icon="dice", style="paper", size=14)
        cancel = pygame.Rect(solo.right + th.px(10), solo.y, start.x - solo.right - th.px(20), b_h)
        add_button(self, "setup.cancel", cancel, t("common.back"), self.close, style="paper", size=14)

    def default_focus(self) -> str | None:
        return "setup.start"

    def set_labs(self, value: str) -> None:
        self.labs = int(value)
        self.rebuild()
        self.app.mark_dirty()

    @property
    def teams(self) -> int:
        return sum(self.people[: self.labs])

    def toggle(self, seat: int) -> None:
        """Teams play the first labs, bots the rest (as saves and the terminal race keep them):
        clicking a bot's lab makes it and the labs before it teams; clicking the last team's
        lab gives it to a bot (one team at least)."""
        teams = self.teams
        teams = seat if seat == teams - 1 and teams > 1 else seat + 1
        self.people = [s < teams for s in range(MAX_LABS)]
        self.rebuild()
        self.app.mark_dirty()

    def solo(self) -> None:
        self.labs, people = solo_against_bots(self.most)
        self.people = people + [False] * (MAX_LABS - len(people))
        self.rebuild()
        self.app.mark_dirty()

    def close(self) -> None:
        self.app.scene.pop(self)
        if self.on_close is not None:
            self.on_close()

    def on_escape(self) -> bool:
        self.close()
        return True

    def start(self) -> None:
        seed = self.seed()
        if seed is None:
            return
        start_match(self.app, self.scenario, seed, self.labs, self.people, self.scenario_path)

    def _seat_tip(self, seat: int) -> Tip:
        sec = self.scenario.labs
        lines = []
        if seat > 0:
            lines.append(TipLine(" ".join(sec.rivals[seat - 1].text.split())))
        lines.append(TipLine(t("match.setup.toggle_help"), "muted"))
        return Tip(self.names[seat], lines, width=400)

    def _paint_seat(self, surf: pygame.Surface, w: Widget) -> None:
        th = self.app.theme
        pal = th.palette
        seat = w.data
        on = w.enabled
        draw.rounded(surf, pal.paper_shade if on else pal.paper, w.rect, th.px(8))
        draw.rounded(surf, pal.accent_dark if (w.hovered or w.focused) else pal.paper_edge, w.rect, th.px(8), width=th.stroke(1))
        if w.focused:
            draw.focus_ring(surf, th, w.rect)
        c = pygame.Color(self.colours[seat])
        x = w.rect.x + th.px(14)
        draw.circle(surf, (c.r, c.g, c.b) if on else pal.paper_edge, (x + th.px(9), w.rect.centery), th.px(9))
        ink = pal.ink if on else pal.ink_soft
        if not on:
            who = t("match.setup.not_playing")
        elif self.people[seat]:
            who = t("match.setup.person", team=t("match.team", n=seat + 1))
        else:
            bot = self.scenario.labs.rivals[seat - 1].bot if seat > 0 else "planner"
            who = t("match.bot", bot=t(f"match.bots.{bot}"))
        wr = draw.text(surf, th, who, 14, pal.accent_dark if on and self.people[seat] else ink, (w.rect.right - th.px(14), w.rect.centery), anchor="midright", weight="semibold")
        draw.text(surf, th, th.ellipsize(self.names[seat], 16, wr.x - x - th.px(40), "semibold"), 16, ink, (x + th.px(28), w.rect.centery), anchor="midleft", weight="semibold")

    def draw(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        draw.paper(surf, th, self.box)
        x = self.box.x + th.px(36)
        r = draw.text(surf, th, t("match.setup.title"), 26, pal.ink, (x, self.box.y + th.px(24)), family="serif")
        draw.text(surf, th, th.ellipsize(t("match.setup.subtitle"), 13, self.box.w - th.px(72)), 13, pal.ink_soft, (x, r.bottom + th.px(6)))
        seed = self.seed()
        if seed is not None:
            y = self.box.bottom - th.px(24) - th.px(48) - th.px(30)
            draw.text(surf, th, th.ellipsize(t("match.setup.seed", seed=seed), 13, self.box.w - th.px(72)), 13, pal.ink_soft, (x, y))
        self.draw_widgets(surf)
