"""The rules as the board and the help state them are the rules the engine applies."""

from __future__ import annotations

import numpy as np

from game.core import engine
from game.core.actions import EndQuarter
from game.core.state import LOST, PLAYER
from game.model.tracks import T
from game.ui.i18n import t
from game.ui.library import entry_for, new_game
from tests.ui.screens import game_scene


def _end_quarter_at(scrutiny: float, seed: int):
    g = new_game(entry_for("default").scenario, seed)
    st = g.st.copy()
    st.awaiting_choice[:] = False
    st.tracks[0, PLAYER, T["scrutiny"]] = scrutiny
    engine.step(st, g.c, np.array([g.codec.encode(EndQuarter())]), open_next=False)
    return st, g


def test_scrutiny_is_judged_on_the_figure_a_quarter_ends_on_as_the_board_says():
    for seed in range(12):
        st, g = _end_quarter_at(10.0, seed)
        ended_at = st.tracks[0, PLAYER, T["scrutiny"]]
        blocked = st.outcome[0] == LOST and g.scenario.goals.lose[st.reason[0]].id == "blocked"
        assert blocked == (ended_at >= 10), (seed, ended_at)


def test_the_board_and_the_help_say_the_loss_comes_at_a_quarter_s_end():
    assert "quarter's end" in t("tracks.scrutiny_limit")
    assert "quarter ends" in t("track.scrutiny.help")
    assert "quarter ends" in t("help.text", win="", lose="")


def test_the_help_states_every_step_of_a_quarter_s_end_with_the_scenario_s_figures(make_app):
    d = make_app(size=(1024, 640), text_size="larger")
    scene = game_scene(d)
    d.click("top.help")
    d.click("message.button.0")
    text = d.app.scene.top.message
    c = scene.game.c.consts
    for figure in (c.scrutiny_decay, c.away_trust_loss, c.home_trust_gain, c.attention_per_quarter):
        assert f"{figure:g}" in text
    for ending in scene.game.scenario.goals.lose:
        assert ending.title in text
    box = d.app.scene.top.box
    assert d.app.screen_rect.contains(box)  # the whole page is on screen
