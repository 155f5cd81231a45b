"""Rules for the quarter review and the board's left column: every moved figure shows where it
came from, an incident says what it was, the last track stays above the goal box, and a long
path wraps inside its dialog."""

from __future__ import annotations

import pytest

from game.core.actions import EndQuarter, Pitch
from game.text.words import say
from game.ui.library import entry_for, new_game
from game.ui.scenes.overlays import figure_rows, review_lines
from tests.ui.screens import game_scene, projector


def pitch_then_end(scene, d) -> None:
    g = scene.game
    ask = next(it.action for it in g.menu() if it.legal and isinstance(it.action, Pitch))
    scene.do(ask)
    d.settle()
    scene.do(EndQuarter())
    d.settle()


def assert_readable(th, rows) -> None:
    for row in rows:
        if abs(row.d) <= 1e-6:
            continue
        assert row.before is not None, f"{row.key}: the old figure was left out"
        assert row.before_right - th.text_width(row.before, row.before_size) > 0
        assert row.after_x + th.text_width(row.after, row.after_size, "bold") < row.chip_x, f"{row.key}: the new figure runs into its chip"
    shown = {row.before_right for row in rows if row.before is not None}
    assert len(shown) == 1, "the old figures do not share one column"


@pytest.mark.parametrize("size", [(1280, 720), (1600, 900), (1920, 1080)])
@pytest.mark.parametrize("big", [False, True])
def test_every_moved_figure_in_the_review_shows_its_old_value_and_arrow(make_app, size, big):
    d = make_app(size=size)
    scene = game_scene(d, seed=7)
    if big:
        projector(d)
        d.settle()
    pitch_then_end(scene, d)
    assert d.layer() == "summary"
    layer = d.app.scene.top
    d.step()
    rows = layer.figure_rows
    assert rows and any(abs(r.d) > 1e-6 for r in rows)
    assert_readable(d.app.theme, rows)
    # the labels are left of the old figures
    th = d.app.theme
    x = layer.rect.x + th.px(36)
    for row in rows:
        if row.before is not None:
            assert row.before_right - th.text_width(row.before, row.before_size) > x + th.px(26)


def test_a_wide_change_chip_moves_the_figures_rather_than_dropping_the_old_one(make_app):
    d = make_app(size=(1280, 720))
    projector(d)
    th = d.app.theme
    figures = [("revenue_busd_per_year", 3.2, 3.5), ("chips", 200_000.0, 200_000.0), ("valuation_busd", 150.0, 185.0)]
    for width in (th.px(470), th.px(400), th.px(360)):
        rows = figure_rows(th, figures, 0, width)
        assert_readable(th, rows)


def incident_game():
    entry = entry_for("default")
    for seed in range(1, 400):
        g = new_game(entry.scenario, seed)
        if g.awaiting_choice:
            g.apply(next(it.action for it in g.menu() if it.legal and it.group == "card"))
        g.apply(next(it.action for it in g.menu() if it.legal and isinstance(it.action, Pitch)))
        g.apply(EndQuarter())
        if g.quarters[-2].incident:
            return g
    pytest.skip("no incident in the first quarter of seeds 1 to 399")


def test_an_incident_is_told_under_what_happened_with_what_it_did():
    g = incident_game()
    rec = g.quarters[-2]
    told = [say(g, e.fact) for e in g.log if e.turn == rec.turn and e.kind == "incident"]
    assert told
    lines = review_lines(g, rec)
    (incident,) = [text for icon, text in lines if icon == "warning"]
    assert incident.startswith(told[0])  # the log's sentence, then the figures it moved
    assert "credibility" in told[0] and "scrutiny" in told[0]


def test_a_quarter_without_an_incident_has_no_incident_line():
    g = new_game(entry_for("default").scenario, 5)
    for _ in range(8):
        if g.over:
            break
        if g.awaiting_choice:
            g.apply(next(it.action for it in g.menu() if it.legal and it.group == "card"))
        g.apply(EndQuarter())
        rec = g.quarters[-2]
        if not rec.incident:
            assert all(icon != "warning" for icon, _ in review_lines(g, rec))


@pytest.mark.parametrize("size", [(1024, 640), (1280, 720), (1600, 900), (1920, 1080)])
def test_the_last_track_sits_above_the_goal_box(make_app, size):
    d = make_app(size=size)
    scene = game_scene(d)
    layer = next(x for x in scene.layers if getattr(x, "tracks_area", None) is not None)
    area = layer.tracks_area
    last = area.children[-1]
    assert area.content_height <= area.rect.h, "the tracks need scrolling"
    assert last.rect.bottom <= area.rect.bottom <= layer.goal.top


def test_the_goal_box_is_apart_from_the_tracks_in_projector_mode(make_app):
    d = make_app(size=(1280, 720))
    scene = game_scene(d)
    projector(d)
    d.settle()
    layer = next(x for x in scene.layers if hasattr(x, "goal"))
    tracks = [w for w in d.app.widgets() if w.id.startswith("track.")]
    assert tracks and not any(w.rect.colliderect(layer.goal) for w in tracks)


def test_a_long_path_wraps_inside_the_debrief_dialog(make_app):
    from game.ui.i18n import t
    from game.ui.scenes.common import MessageLayer

    d = make_app(size=(1600, 900))
    path = "/tmp/qa-ui2/home/debriefs/the-burn-seed304843-20261122-080701/report.html"
    msg = t("end.debrief_where", path=path)
    d.app.scene.push(MessageLayer(d.app, t("end.debrief_ready"), msg, "good"))
    d.settle()
    th = d.app.theme
    box = d.app.scene.top.box
    width = box.w - th.px(80)
    lines = th.wrap(msg, 15, width)
    assert all(th.text_width(line, 15) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == msg.replace(" ", "")
    assert any(line.endswith("/") for line in lines), "the path breaks between folders"
