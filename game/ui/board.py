"""The board: the world map, the routes, the five spaces, the CEO's token, campuses and deals."""

from __future__ import annotations

import math
from collections import OrderedDict

import pygame

from game.core.session import Game
from game.scenario.schema import Scenario, Space
from game.text import numbers as format
from game.ui import draw, worldmap
from game.ui.theme import Theme

_MAP_CACHE: OrderedDict[tuple, pygame.Surface] = OrderedDict()


def cached_map(th: Theme, size: tuple[int, int], routes: tuple = ()) -> pygame.Surface:
    """The map (and its quiet routes) for a board of this size, drawn once and kept."""
    key = (size, th.palette.name, round(th.scale, 3), routes)
    surf = _MAP_CACHE.get(key)
    if surf is None:
        surf = worldmap.render_map(th, size)
        if routes:
            rect = surf.get_rect()
            for a, b in routes:
                _draw_route(surf, th, rect, a, b, th.palette.route, th.stroke(2), rect)
        _MAP_CACHE[key] = surf
        while len(_MAP_CACHE) > 4:
            _MAP_CACHE.popitem(last=False)
    else:
        _MAP_CACHE.move_to_end(key)
    return surf


def _draw_route(surf: pygame.Surface, th: Theme, board: pygame.Rect, a: tuple[float, float], b: tuple[float, float], colour, width: int, clip: pygame.Rect) -> None:
    for path in worldmap.route_curve(a, b):
        pts = [worldmap.to_screen(board, x, y) for x, y in path]
        worldmap.dashed(surf, colour, pts, width, th.px(9), th.px(6), clip)


def space_icon(scenario: Scenario, space: Space) -> str:
    """What the space is for, as an icon: home, money, chips or energy."""
    if space.home:
        return "home"
    if space.pitch is not None and space.pitch.appetite.value >= 1:
        return "cash"
    deals = [d for d in scenario.deals if d.space == space.id]
    keys = set()
    for d in deals:
        keys |= set(d.effects.root)
        for later in d.delayed:
            keys |= set(later.effects.root)
    if "chips_reserved_m" in keys or "rented_chips_m" in keys:
        return "chip"
    if "power_gw_online" in keys:
        return "energy"
    if space.pitch is not None:
        return "cash"
    return "pin"


def deal_icon(deal) -> str:
    keys = set(deal.effects.root)
    for later in deal.delayed:
        keys |= set(later.effects.root)
    if "power_gw_online" in keys:
        return "energy"
    if "chips_reserved_m" in keys or "rented_chips_m" in keys:
        return "chip"
    if "inference_cost_pct" in keys or deal.cost_busd:
        return "cash"
    return "book"


class BoardView:
    """Lays out and draws the board for one scenario inside a given area of the screen."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.rect = pygame.Rect(0, 0, 1, 1)
        self.spaces = {s.id: s for s in scenario.board.spaces}
        self.routes = tuple(
            ((self.spaces[a].x, self.spaces[a].y), (self.spaces[b].x, self.spaces[b].y)) for a, b in scenario.board.routes if a in self.spaces and b in self.spaces
        )

    def layout(self, area: pygame.Rect) -> pygame.Rect:
        self.rect = worldmap.fit_board(area)
        return self.rect

    def pos(self, space_id: str) -> tuple[float, float]:
        s = self.spaces[space_id]
        return worldmap.to_screen(self.rect, s.x, s.y)

    def radius(self, th: Theme) -> int:
        if th.projector:
            return max(th.px(16), round(self.rect.h * 0.05))
        return max(th.px(12), round(self.rect.h * 0.038))

    @staticmethod
    def name_size(th: Theme) -> float:
        """The type size of a space's name plaque (bigger on a projector)."""
        return 17 if th.projector else 13

    def hit_rect(self, th: Theme, space_id: str) -> pygame.Rect:
        x, y = self.pos(space_id)
        r = self.radius(th)
        rect = pygame.Rect(0, 0, r * 2 + th.px(8), r * 2 + th.px(12) + th.line_height(self.name_size(th), "semibold"))
        rect.midtop = (round(x), round(y - r - th.px(4)))
        return rect

    def plaque_rects(self, th: Theme, current: str) -> dict[str, pygame.Rect]:
        """Where each space's name plaque goes: below its circle, or above it when that would
        cover a neighbour's name (the CEO's space keeps its place below, under the pawn)."""
        r = self.radius(th)
        size = self.name_size(th)
        h = th.line_height(size, "semibold") + th.px(4)
        order = sorted(self.spaces, key=lambda sid: (sid != current, self.pos(sid)[0]))
        placed: dict[str, pygame.Rect] = {}
        circles = []
        for sid in self.spaces:
            x, y = self.pos(sid)
            circles.append(pygame.Rect(round(x - r), round(y - r), 2 * r, 2 * r))
        for sid in order:
            x, y = self.pos(sid)
            w = th.text_width(self.spaces[sid].name, size, "semibold") + th.px(16)
            below = pygame.Rect(0, 0, w, h)
            below.midtop = (round(x), round(y + r + th.px(5)))
            above = pygame.Rect(0, 0, w, h)
            above.midbottom = (round(x), round(y - r - th.px(5)))
            right = pygame.Rect(0, 0, w, h)
            right.midleft = (round(x + r + th.px(6)), round(y))
            left = pygame.Rect(0, 0, w, h)
            left.midright = (round(x - r - th.px(6)), round(y))
            choice = below
            if sid != current:
                # the first place that covers no other name and no other space's marker
                others = [c for c, o in zip(circles, self.spaces, strict=False) if o != sid]
                taken = list(placed.values())
                for cand in (below, above, right, left):
                    if cand.collidelist(taken) < 0 and cand.collidelist(others) < 0 and self.rect.contains(cand):
                        choice = cand
                        break
            placed[sid] = choice
        return placed

    def route_between(self, a: str, b: str) -> list[list[tuple[float, float]]]:
        sa, sb = self.spaces[a], self.spaces[b]
        return worldmap.route_curve((sa.x, sa.y), (sb.x, sb.y))

    # ----- drawing ----------------------------------------------------------------------------------

    def draw_base(self, surf: pygame.Surface, th: Theme) -> None:
        img = cached_map(th, self.rect.size, self.routes)
        surf.blit(img, self.rect.topleft)
        draw.rounded(surf, th.palette.panel_edge, self.rect.inflate(th.px(2), th.px(2)), th.px(4), width=th.stroke(1))

    def draw_highlight_routes(self, surf: pygame.Surface, th: Theme, here: str, destinations: list[str]) -> None:
        pal = th.palette
        for d in destinations:
            if d == here or d not in self.spaces:
                continue
            for path in self.route_between(here, d):
                pts = [worldmap.to_screen(self.rect, x, y) for x, y in path]
                worldmap.dashed(surf, pal.accent_dark if not th.projector else pal.accent, pts, th.stroke(3), th.px(10), th.px(6), self.rect)

    def draw_space(self, surf: pygame.Surface, th: Theme, space_id: str, current: bool, hovered: bool, focused: bool, reachable: bool, plaque: pygame.Rect | None = None) -> None:
        pal = th.palette
        s = self.spaces[space_id]
        x, y = self.pos(space_id)
        r = self.radius(th)
        if current:
            glow = pygame.Surface((r * 6, r * 6), pygame.SRCALPHA)
            for k in range(6, 0, -1):
                pygame.draw.circle(glow, (*pal.accent, 14 * (7 - k)), (r * 3, r * 3), round(r * (1.0 + k * 0.28)))
            surf.blit(glow, (x - r * 3, y - r * 3))
        ring = pal.accent if (current or hovered or focused) else pal.paper if reachable else pal.paper_edge
        draw.circle(surf, pal.shadow, (x, y + th.px(3)), r + th.px(1))
        draw.circle(surf, ring, (x, y), r)
        draw.circle(surf, pal.panel if not current else pal.panel_raised, (x, y), r - th.stroke(3, 2))
        draw.icon(surf, space_icon(self.scenario, s), (x, y), r * 1.05, pal.paper if not current else pal.accent, pal.panel)
        if focused:
            draw.circle(surf, pal.focus, (x, y), r + th.px(5), th.stroke(2, 2))
        # name plaque
        name = s.name
        size = self.name_size(th)
        fg = pal.accent_ink if current else pal.ink_light
        img = th.render(name, size, fg, "semibold")
        if plaque is None:
            plaque = pygame.Rect(0, 0, img.get_width() + th.px(16), img.get_height() + th.px(4))
            plaque.midtop = (round(x), round(y + r + th.px(5)))
        if current:
            draw.rounded(surf, pal.accent, plaque, plaque.h // 2)
        else:
            draw.rounded(surf, pal.panel, plaque, plaque.h // 2)
            draw.rounded(surf, pal.accent if hovered or focused else pal.panel_edge, plaque, plaque.h // 2, width=th.stroke(1))
        surf.blit(img, img.get_rect(center=plaque.center))

    def draw_holdings(self, surf: pygame.Surface, th: Theme, game: Game) -> None:
        """Campuses and signed deals, as small tokens beside their space."""
        pal = th.palette
        campuses = {v.space: v for v in game.campus_views()}
        signed = game.deals_signed()
        r = self.radius(th)
        for sid in self.spaces:
            x, y = self.pos(sid)
            # campuses: a block to the right of the space, hatched while any of it is building
            view = campuses.get(sid)
            gw = view.built_gw + view.building_gw if view else 0.0
            building = bool(view and view.building_gw > 1e-9)
            if gw > 0:
                label = format.t("unit.gw", v=format.number(gw))
                img = th.render(label, 14 if th.projector else 11, pal.ink, "bold")
                tile = pygame.Rect(0, 0, th.px(22) + img.get_width() + th.px(8), max(th.px(20), img.get_height() + th.px(4)))
                tile.midleft = (round(x + r + th.px(6)), round(y - r * 0.35))
                draw.rounded(surf, pal.paper, tile, th.px(5))
                if building:
                    draw.hatch(surf, tile.inflate(-th.px(2), -th.px(2)), pal.paper_edge, th.px(5), th.stroke(1))
                draw.icon(surf, "building", (tile.x + th.px(12), tile.centery), th.px(14), pal.ink, pal.paper)
                surf.blit(img, img.get_rect(midleft=(tile.x + th.px(22), tile.centery)))
            # deals: round badges to the left, with a count
            here = [d for d in self.scenario.deals if d.space == sid and signed.get(d.id, 0) > 0]
            bx = x - r - th.px(14)
            for d in here:
                n = signed[d.id]
                br = th.px(13 if th.projector else 10)
                centre = (bx, y - r * 0.35)
                draw.circle(surf, pal.shadow, (centre[0], centre[1] + th.px(2)), br)
                draw.circle(surf, pal.paper, centre, br)
                draw.icon(surf, deal_icon(d), centre, br * 1.3, pal.ink, pal.paper)
                if n > 1:
                    cnt = th.render(f"×{n}", 13 if th.projector else 10, pal.ink_light, "bold")
                    surf.blit(cnt, cnt.get_rect(midtop=(centre[0], centre[1] + br)))
                bx -= br * 2 + th.px(4)

    def draw_token(self, surf: pygame.Surface, th: Theme, pos: tuple[float, float], hop: float = 0.0) -> None:
        """The CEO's pawn, standing at pos (screen pixels); hop lifts it while travelling."""
        pal = th.palette
        x, y = pos
        size = self.radius(th) * 1.35
        lift = hop * size * 0.5
        base_y = y - self.radius(th) * 0.45 - lift
        shadow_w = size * (0.9 - 0.3 * hop)
        sh = pygame.Surface((round(shadow_w * 2), round(shadow_w * 0.8)), pygame.SRCALPHA)
        pygame.draw.ellipse(sh, (0, 0, 0, 110), sh.get_rect())
        surf.blit(sh, sh.get_rect(center=(x, y - self.radius(th) * 0.35)))
        body = [
            (x - size * 0.55, base_y),
            (x - size * 0.22, base_y - size * 0.85),
            (x + size * 0.22, base_y - size * 0.85),
            (x + size * 0.55, base_y),
        ]
        pygame.draw.polygon(surf, pal.accent, body)
        pygame.draw.aalines(surf, pal.accent_dark, True, body)
        base = pygame.Rect(0, 0, round(size * 1.25), round(size * 0.34))
        base.center = (round(x), round(base_y))
        pygame.draw.ellipse(surf, pal.accent_dark, base)
        pygame.draw.ellipse(surf, pal.accent, base.inflate(-max(2, th.px(2)), -max(2, th.px(2))))
        draw.circle(surf, pal.accent_dark, (x, base_y - size * 1.05), size * 0.36)
        draw.circle(surf, pal.accent, (x, base_y - size * 1.05), size * 0.36 - max(1, th.px(1.5)))
        draw.circle(surf, (255, 236, 200), (x - size * 0.1, base_y - size * 1.15), size * 0.09)

    def token_at(self, here: str, travel: tuple[str, str, float] | None) -> tuple[tuple[float, float], float]:
        """Where the token stands (screen pixels) and how high it hops, mid-journey or not."""
        if travel is None:
            return self.pos(here), 0.0
        src, dst, t = travel
        e = t * t * (3 - 2 * t)
        bx, by = worldmap.point_along(self.route_between(src, dst), e)
        bx %= 1.0
        return worldmap.to_screen(self.rect, bx, by), math.sin(math.pi * t)


def backdrop(surf: pygame.Surface, th: Theme, scenario: Scenario | None = None) -> None:
    """The menu screens' background: the whole map, quiet, under a soft veil."""
    rect = surf.get_rect()
    pal = th.palette
    surf.fill(pal.sea_bottom)
    # cover the whole screen, cropping the poles or the date line as needed
    bw = max(rect.w, round(rect.h * worldmap.ASPECT))
    board = pygame.Rect(0, 0, bw, round(bw / worldmap.ASPECT))
    board.center = rect.center
    view = BoardView(scenario) if scenario else None
    routes = view.routes if view else ()
    img = cached_map(th, board.size, routes)
    surf.blit(img, board.topleft)
    if view is not None:
        view.rect = board
        for s in scenario.board.spaces:
            x, y = view.pos(s.id)
            draw.circle(surf, pal.paper_edge, (x, y), th.px(7))
            draw.circle(surf, pal.panel, (x, y), th.px(4))
    draw.dim(surf, 120, pal.sea_bottom)
