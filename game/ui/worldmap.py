"""The stylised world under the board: coarse continents as soft silhouettes and a dot matrix.

The default scenario places its spaces on a near-equirectangular map (x = 0 near the date line,
y = 0 in the high Arctic), so the outlines below are given in longitude/latitude and projected
the same way. They are decoration: a mod may put its spaces anywhere on the 0..1 board.
Routes are drawn as arcs; a route longer than half the board goes round the back (across the
Pacific), leaving one edge and coming back at the other.
"""

from __future__ import annotations

import math

import pygame

from game.ui.theme import Theme

# Board aspect (width / height) and the projection of the default scenario's coordinates.
ASPECT = 2.15


def project(lon: float, lat: float) -> tuple[float, float]:
    return 0.13 + (lon + 122.0) / 354.0, 0.40 + (37.8 - lat) / 108.0


_LANDS: list[list[tuple[float, float]]] = [
    # North America
    [(-166, 68), (-160, 71), (-140, 70), (-128, 70), (-115, 68), (-95, 72), (-82, 73), (-80, 68), (-85, 66), (-90, 63), (-94, 59),
     (-92, 57), (-85, 55), (-80, 52), (-79, 56), (-76, 62), (-70, 61), (-65, 60), (-61, 56), (-56, 52), (-60, 47), (-64, 45), (-67, 44),
     (-70, 42), (-74, 40), (-76, 37), (-76, 35), (-80, 32), (-81, 28), (-80, 25), (-82, 26), (-83, 29), (-86, 30), (-90, 29), (-94, 29.5),
     (-97, 27), (-97, 22), (-95, 19), (-91, 19), (-90, 21), (-87, 21), (-88, 16), (-84, 15), (-83, 10), (-79, 9), (-77, 8), (-80, 7.5),
     (-83, 8.5), (-86, 11.5), (-88, 13.5), (-92, 14.5), (-95, 16), (-100, 17), (-105, 20), (-106, 23), (-110, 27), (-112, 31), (-114, 30),
     (-110, 24), (-112, 25), (-115, 28), (-117, 32), (-120, 34), (-122, 37), (-124, 40), (-124, 46), (-123, 49), (-127, 51), (-130, 55),
     (-134, 58), (-140, 60), (-146, 61), (-152, 59), (-158, 57), (-162, 55), (-164, 60), (-166, 62), (-165, 65)],
    # Arctic Canada
    [(-80, 73.5), (-72, 72), (-65, 68), (-62, 66.5), (-66, 62.5), (-72, 64), (-76, 64.5), (-78, 67), (-88, 70)],
    [(-95, 76), (-80, 79), (-64, 82), (-90, 82), (-100, 79)],
    [(-118, 72), (-105, 73.5), (-100, 70), (-110, 68.5), (-118, 69)],
    # Greenland, Iceland
    [(-73, 78), (-60, 82), (-35, 83), (-20, 80), (-18, 75), (-22, 70), (-32, 68), (-40, 65), (-44, 60), (-50, 62), (-53, 66), (-55, 70), (-60, 76)],
    [(-24, 65.5), (-22, 66.4), (-15, 66.5), (-13.5, 65), (-18, 63.5), (-22, 63.8)],
    # Caribbean
    [(-85, 21.8), (-82, 23.2), (-77, 21.8), (-74.2, 20.2), (-77.5, 19.9), (-81, 21.7)],
    [(-74.5, 18.5), (-72.8, 19.9), (-69.5, 19.7), (-68.4, 18.5), (-71, 18), (-74.2, 18)],
    # South America
    [(-80, 9), (-77, 8), (-72, 12), (-64, 10.5), (-60, 8), (-52, 5), (-50, 0), (-44, -2), (-35, -5), (-35, -9), (-39, -15), (-39, -20),
     (-42, -23), (-48, -26), (-50, -30), (-53, -34), (-58, -34.5), (-57, -38), (-62, -39), (-65, -42), (-65, -46), (-68, -50), (-69, -55),
     (-72, -54), (-75, -50), (-74, -43), (-73, -37), (-71, -30), (-70, -20), (-71, -17), (-76, -14), (-79, -8), (-81, -5), (-80, -1),
     (-78, 2), (-77, 5)],
    # Eurasia
    [(-9, 37), (-9, 43), (-2, 43.5), (-1, 46), (-4.5, 48), (-1, 49.5), (2, 51), (5, 53), (8, 54), (8.5, 57), (10.5, 57.5), (10.5, 54.5),
     (13, 54), (18, 54.8), (21, 56), (21.5, 57.5), (24, 57.5), (24, 59.5), (29, 60), (23, 60), (21, 61), (21.5, 63.5), (25, 65.5),
     (22, 65.8), (17.5, 62.5), (19, 60), (16, 56.5), (12.8, 55.5), (11, 58.8), (8, 58), (5, 59), (5, 62), (10, 64), (14, 67.5),
     (18, 69.5), (25, 71), (31, 70), (41, 67), (40, 64.5), (44, 66), (54, 68.5), (60, 69), (68, 69), (73, 72), (80, 73), (87, 75),
     (100, 77), (107, 78), (113, 74), (130, 72), (140, 72), (150, 71), (160, 70), (170, 70), (180, 69), (186, 66), (180, 65),
     (178, 62), (172, 60), (163, 60), (163, 57), (156, 51), (156, 57), (162, 62), (155, 59.5), (143, 59), (137, 54), (141, 53),
     (141, 48), (136, 43), (131, 42.5), (129, 40), (128, 35), (126, 34.5), (126, 37.5), (125, 39.5), (121.5, 39), (121, 40.5),
     (118, 39), (119, 37), (122, 37), (120, 35), (122, 31), (122, 29), (119.5, 25.5), (116.5, 23), (113, 22), (110, 21),
     (108.5, 21.5), (106, 19), (108.5, 15), (109, 11.5), (105, 8.6), (104.5, 10.5), (101, 12.5), (100, 13.5), (99, 10), (100.5, 7),
     (103.5, 2), (101, 3), (98.5, 8), (98.5, 14), (97.5, 16.5), (94.5, 16), (94, 19), (92, 21.5), (90, 22), (86.5, 21), (85, 19.5),
     (81, 15.5), (80, 10), (77.5, 8), (76, 10.5), (73, 17), (72.5, 21), (70, 22.5), (67, 24.5), (62, 25), (57, 25.5), (56.5, 27),
     (54, 26.5), (51.5, 27.8), (50, 30), (48, 30), (50, 26), (51.5, 24), (54, 24), (56, 26), (56.3, 24.5), (58.5, 23.5),
     (59.8, 22.5), (57, 18.8), (55, 17), (52, 15.5), (48, 14), (45, 12.7), (43, 13), (42.7, 16), (40, 20), (39, 22), (37, 25.5),
     (35, 28), (34.5, 29.5), (34, 31.5), (35.5, 34), (36, 36.5), (32, 36.2), (30, 36.3), (27, 37), (26.5, 39.5), (29, 41),
     (26, 40.8), (23, 40.5), (24, 38), (22, 36.5), (21, 38), (19.5, 40), (19.5, 42), (15.5, 45), (13.5, 45.5), (12.3, 44.5),
     (14, 42), (16, 40.5), (18.5, 40.1), (16, 38), (15.8, 40), (12, 42), (10, 44), (8, 43.8), (4, 43.4), (3, 42), (0, 39.5),
     (-0.5, 38), (-2, 36.7), (-5.5, 36), (-7, 37)],
    # Britain, Ireland
    [(-5.5, 50), (1.5, 51), (1.7, 52.8), (0, 53.5), (-1.5, 55), (-2, 57), (-3, 58.6), (-5, 58.6), (-6, 57), (-5, 55), (-3, 54.5),
     (-3.2, 53.3), (-4.5, 52.8), (-5.2, 51.7), (-4, 51.3)],
    [(-6, 52), (-6, 54.5), (-8, 55.2), (-10, 54), (-10, 51.6), (-8, 51.6)],
    # Africa, Madagascar
    [(-6, 35.8), (-2, 35.1), (3, 36.8), (10, 37.2), (11, 35), (10, 34), (12, 33), (15.5, 32), (20, 31), (20, 32.8), (23, 32.5),
     (25, 31.7), (29, 31), (32.6, 31.1), (32.6, 29.9), (33.5, 27), (35.5, 24), (37.3, 21), (38.5, 18), (39.6, 15.5), (41.5, 13),
     (43.3, 11.7), (44, 10.5), (51, 11.8), (51, 10), (48, 4.5), (45, 1.8), (41, -2), (39.2, -5), (39.5, -8), (40.5, -11), (40.5, -15),
     (37, -17.5), (35, -20), (35.5, -24), (32.8, -26.2), (32.5, -28.5), (30, -31.5), (27, -33.5), (24, -34.2), (20, -34.8),
     (18.3, -34), (18, -31), (15.2, -27), (14.5, -22.5), (11.8, -17), (12, -13), (13.7, -10.5), (12.2, -6), (11.8, -3.5), (9, -1),
     (9.5, 3), (8.5, 4.5), (5.5, 4.2), (3, 6.3), (1, 5.9), (-2, 4.8), (-4.5, 5.2), (-7.5, 4.4), (-11, 6.8), (-13.5, 9.5), (-15, 11),
     (-17, 14.5), (-16.5, 19.5), (-17, 21), (-14.5, 26), (-13, 27.5), (-9.8, 29.5), (-9.5, 32.5), (-6.8, 34)],
    [(44, -25), (47, -25), (50.5, -15.5), (49.5, -12), (47, -15), (44, -17), (43.5, -22)],
    # Japan, Taiwan, Sakhalin, Philippines, Sri Lanka
    [(130, 31), (131.5, 31.5), (132, 33.8), (135, 34.3), (137, 34.6), (139.8, 35), (140.8, 35.7), (141, 38), (142, 39.5),
     (141.5, 41.4), (140, 40.5), (139.8, 39), (138.5, 37.8), (136.5, 37), (135.5, 35.6), (132.5, 35.4), (130.8, 34), (129.8, 33)],
    [(140, 41.5), (141.5, 42.5), (143.5, 42), (145.5, 43.3), (142, 45.4), (140.8, 43.5)],
    [(120.1, 23), (120.7, 22), (121, 22), (121.9, 24.5), (121.5, 25.3), (121, 25), (120.2, 23.8)],
    [(142, 46), (143.5, 49), (143, 54), (142.5, 54.3), (142, 51)],
    [(120, 18.5), (122.5, 18.5), (122, 16), (121.5, 14), (124, 12.5), (126, 10), (126, 7), (125, 6), (122, 7), (123.5, 10),
     (121.7, 12.5), (120.5, 14.5), (119.8, 16.5)],
    [(79.8, 6), (80.5, 5.9), (81.8, 7.5), (80.2, 9.8), (79.8, 8)],
    # Indonesia, New Guinea
    [(109, 1.5), (110.5, -2.9), (114.5, -3.9), (116.5, -2), (117.8, 1), (119, 5.2), (116.5, 7), (113, 3.2), (111, 1.8)],
    [(95.3, 5.6), (98, 4), (100.8, 1.2), (104, -1.5), (106, -5.8), (104.5, -5.8), (101, -2.5), (98.5, 1.8), (95.5, 3)],
    [(105.5, -6.8), (110, -7.7), (114.5, -8.7), (114, -7.5), (110.5, -6.4), (106, -5.9)],
    [(119.5, -5.5), (120.5, -2.5), (121, 1), (124.8, 1.5), (121.5, -1), (123, -4.5), (120.5, -5.5)],
    [(131, -1), (135, -3.5), (138, -1.5), (141, -2.6), (145, -4.5), (147.5, -6.5), (150, -10.5), (146, -8.5), (143, -9.2),
     (141, -9), (138, -8.3), (134, -4)],
    # Australia, New Zealand
    [(114, -22), (114, -26), (115, -34), (118, -35), (123, -34), (126, -32.3), (131, -31.5), (135, -34.8), (138, -35.6), (140, -38),
     (144, -38.3), (146.5, -39), (150, -37.5), (153, -32), (153.5, -28), (153, -25), (150.5, -22.5), (149, -20.5), (146, -18.5),
     (145.3, -15), (143.5, -14), (142.5, -10.8), (141.5, -13), (141.6, -17), (140, -17.7), (137.5, -16), (136, -12), (132.5, -11.5),
     (130, -13), (129.5, -15), (127, -14), (125, -15.2), (122.2, -17.5), (121, -19.5), (117, -20.7)],
    [(173, -34.5), (175, -36.5), (178.5, -37.7), (177, -39.5), (175, -41.5), (173.7, -39.3), (174.6, -37)],
    [(172.7, -40.5), (174.3, -41.7), (172.7, -43.5), (171, -44.8), (169, -46.7), (166.5, -46), (168, -44), (171.5, -41.8)],
]


def _smooth(pts: list[tuple[float, float]], rounds: int = 2) -> list[tuple[float, float]]:
    """Chaikin corner cutting: turns a coarse outline into a soft one."""
    for _ in range(rounds):
        out = []
        n = len(pts)
        for i in range(n):
            (x0, y0), (x1, y1) = pts[i], pts[(i + 1) % n]
            out.append((0.75 * x0 + 0.25 * x1, 0.75 * y0 + 0.25 * y1))
            out.append((0.25 * x0 + 0.75 * x1, 0.25 * y0 + 0.75 * y1))
        pts = out
    return pts


LANDS_UNIT: list[list[tuple[float, float]]] = [_smooth([project(lon, lat) for lon, lat in land]) for land in _LANDS]


def fit_board(area: pygame.Rect) -> pygame.Rect:
    """The largest board of the map's aspect that fits in area, centred."""
    w, h = area.w, area.h
    if w <= 0 or h <= 0:
        return pygame.Rect(area.x, area.y, max(w, 1), max(h, 1))
    if w / h > ASPECT:
        bw, bh = round(h * ASPECT), h
    else:
        bw, bh = w, round(w / ASPECT)
    r = pygame.Rect(0, 0, bw, bh)
    r.center = area.center
    return r


def to_screen(board: pygame.Rect, x: float, y: float) -> tuple[float, float]:
    return board.x + x * board.w, board.y + y * board.h


def render_map(th: Theme, size: tuple[int, int]) -> pygame.Surface:
    """The sea, a faint graticule, soft land and a dot matrix, for a board of `size` pixels."""
    pal = th.palette
    w, h = max(1, size[0]), max(1, size[1])
    # sea: a gentle vertical gradient (drawn small, then stretched)
    strip = pygame.Surface((2, 64))
    for yy in range(64):
        f = yy / 63
        c = tuple(round(a + (b - a) * f) for a, b in zip(pal.sea_top, pal.sea_bottom, strict=True))
        pygame.draw.line(strip, c, (0, yy), (1, yy))
    surf = pygame.transform.smoothscale(strip, (w, h))
    # graticule every 30 degrees
    lw = th.stroke(1)
    for lon in range(-150, 181, 30):
        x, _ = project(lon, 0)
        if 0 <= x <= 1:
            pygame.draw.line(surf, pal.grid, (round(x * w), 0), (round(x * w), h), lw)
    for lat in range(-60, 81, 30):
        _, y = project(0, lat)
        if 0 <= y <= 1:
            pygame.draw.line(surf, pal.grid, (0, round(y * h)), (w, round(y * h)), lw)
    # land: soft silhouettes
    land = pygame.Surface((w, h), pygame.SRCALPHA)
    for poly in LANDS_UNIT:
        pts = [(x * w, y * h) for x, y in poly]
        if len(pts) >= 3:
            pygame.draw.polygon(land, (*pal.land, 255), pts)
    mask = pygame.mask.from_surface(land)
    soft = land.copy()
    soft.set_alpha(150)
    surf.blit(soft, (0, 0))
    # dot matrix over the land
    step = max(5, th.px(9))
    r = max(1, round(step * 0.22))
    for yy in range(step // 2, h, step):
        for xx in range(step // 2, w, step):
            if mask.get_at((xx, yy)):
                pygame.draw.circle(surf, pal.land_dot, (xx, yy), r)
    # a soft vignette towards the edges
    vignette = pygame.Surface((w, h), pygame.SRCALPHA)
    band = max(4, min(w, h) // 10)
    for k in range(band):
        a = round(70 * (1 - k / band) ** 2)
        pygame.draw.rect(vignette, (4, 9, 18, a), pygame.Rect(k, k, w - 2 * k, h - 2 * k), 1)
    surf.blit(vignette, (0, 0))
    return surf


# ----- routes -----------------------------------------------------------------------------------


def route_curve(a: tuple[float, float], b: tuple[float, float]) -> list[list[tuple[float, float]]]:
    """The arc from a to b in board units, as one or two polylines (two when it wraps round).

    Points may lie outside 0..1 while leaving the board; callers clip to the board.
    """
    ax, ay = a
    bx, by = b
    if abs(bx - ax) <= 0.5:
        return [_arc((ax, ay), (bx, by))]
    # round the back: leave by the nearer edge and come in at the other
    shift = -1.0 if bx > ax else 1.0
    first = _arc((ax, ay), (bx + shift, by))
    second = _arc((ax - shift, ay), (bx, by))
    return [first, second]


def _arc(a: tuple[float, float], b: tuple[float, float], n: int = 48) -> list[tuple[float, float]]:
    ax, ay = a
    bx, by = b
    mx, my = (ax + bx) / 2, (ay + by) / 2
    dx, dy = bx - ax, by - ay
    length = math.hypot(dx, dy) or 1e-9
    # bend towards the north (like a flight path on a flat map)
    nx, ny = -dy / length, dx / length
    if ny > 0:
        nx, ny = -nx, -ny
    bend = 0.16 * length
    cx, cy = mx + nx * bend, my + ny * bend * ASPECT
    pts = []
    for k in range(n + 1):
        t = k / n
        u = 1 - t
        pts.append((u * u * ax + 2 * u * t * cx + t * t * bx, u * u * ay + 2 * u * t * cy + t * t * by))
    return pts


def point_along(paths: list[list[tuple[float, float]]], t: float) -> tuple[float, float]:
    """The point a fraction t along a route (for the travelling token), wrapped onto the board."""
    lengths = []
    for p in paths:
        lengths.append(sum(math.dist(p[i], p[i + 1]) for i in range(len(p) - 1)))
    total = sum(lengths) or 1e-9
    # a wrapped route counts only its on-board halves
    on_board = []
    for p in paths:
        on_board.append([q for q in p if -0.02 <= q[0] <= 1.02])
    if len(paths) == 2:
        segs = [s for s in on_board if len(s) >= 2]
        lens = [sum(math.dist(s[i], s[i + 1]) for i in range(len(s) - 1)) for s in segs]
        total = sum(lens) or 1e-9
        d = max(0.0, min(1.0, t)) * total
        for s, ln in zip(segs, lens, strict=True):
            if d <= ln:
                return _walk(s, d)
            d -= ln
        return segs[-1][-1] if segs else paths[-1][-1]
    return _walk(paths[0], max(0.0, min(1.0, t)) * total)


def _walk(p: list[tuple[float, float]], d: float) -> tuple[float, float]:
    for i in range(len(p) - 1):
        seg = math.dist(p[i], p[i + 1])
        if d <= seg:
            f = d / seg if seg else 0.0
            return p[i][0] + (p[i + 1][0] - p[i][0]) * f, p[i][1] + (p[i + 1][1] - p[i][1]) * f
        d -= seg
    return p[-1]


def dashed(surf: pygame.Surface, colour, pts: list[tuple[float, float]], width: int, dash: float, gap: float, clip: pygame.Rect | None = None) -> None:
    """A dashed polyline in screen pixels."""
    old = surf.get_clip()
    if clip is not None:
        surf.set_clip(clip)
    on, left = True, dash
    for i in range(len(pts) - 1):
        (x0, y0), (x1, y1) = pts[i], pts[i + 1]
        seg = math.hypot(x1 - x0, y1 - y0)
        pos = 0.0
        while seg - pos > 1e-6:
            step = min(left, seg - pos)
            f0, f1 = pos / seg, (pos + step) / seg
            if on:
                pygame.draw.line(surf, colour, (x0 + (x1 - x0) * f0, y0 + (y1 - y0) * f0), (x0 + (x1 - x0) * f1, y0 + (y1 - y0) * f1), width)
            pos += step
            left -= step
            if left <= 1e-6:
                on = not on
                left = dash if on else gap
    surf.set_clip(old)
