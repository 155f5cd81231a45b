"""The 7,000 $B as the articles tell it: what the CEO said the whole industry would need (36 fabs
and more data centres, over many years), presented to many backers; TSMC's executives found it
absurd ("podcasting bro"), scepticism forced the cut to "hundreds of billions" (article B), and
the CEO denied seeking 7,000 $B for chips (article C)."""

from __future__ import annotations

import numpy as np
import pytest

from game.core.cards import deal_cards
from game.core.compiled import compile_scenario
from game.core.engine import step
from game.core.moves import pledge_odds
from game.core.rules import legal_matrix
from game.core.state import PLAYER, new_batch
from game.model.tracks import DELAYED_KEYS, T
from game.scenario.loader import load_scenario_file
from game.scenario.registry import BUILTIN_DIR
from game.sim.driver import play_batch

SHIPPED = sorted([BUILTIN_DIR / "default.yaml", *(BUILTIN_DIR / "classroom").glob("*.yaml")])


def _event(c, card_id: str) -> int:
    return c.index["events"][card_id]


def _fresh(c, worlds: int, at: str, credibility: float):
    """Worlds in their first quarter, the CEO at `at`, no card on the table."""
    st = new_batch(c, worlds, seed=5)
    st.location[:] = c.index["spaces"][at]
    st.tracks[:, PLAYER, T["credibility"]] = credibility
    st.tracks[:, PLAYER, T["attention"]] = 3
    return st


def _present(st, c, u: float):
    """Every world presents the build-out where it stands; chance decides with draw u (0: yes, 1: no)."""
    a = np.full(st.worlds, c.space.id("present_buildout"))
    legal = legal_matrix(st, c)
    assert legal[:, a[0]].all(), "the build-out can be presented at a backer's space"
    return step(st, c, a, legal, u=np.full(st.worlds, u))


class Watcher:
    """The random bot, and a record of every card on the table when a world acts: whether the
    "podcasting bro" was ever on the table in a world that had not presented the full build-out
    at Hsinchu, and how often it was there at all."""

    def __init__(self, c, bot: str = "random", seed: int = 0):
        from game.bots.policies import make_bot

        self.c, self.bot = c, make_bot(bot, c, seed)
        self.card, self.hsinchu = _event(c, "podcasting_bro"), c.index["spaces"]["hsinchu"]
        self.without_cause = 0
        self.dealt = np.zeros(0, dtype=bool)

    def choose(self, st, legal, worlds):
        if len(self.dealt) != st.worlds:
            self.dealt = np.zeros(st.worlds, dtype=bool)
        on_table = st.card[worlds] == self.card
        self.without_cause += int((on_table & (st.vision_turn[worlds, self.hsinchu] < 0)).sum())
        self.dealt[worlds[on_table]] = True
        return self.bot.choose(st, legal, worlds)


def test_the_podcasting_bro_card_needs_a_pitch_of_the_build_out_at_hsinchu(compiled):
    """Over many seeds and worlds, the card reaches only a CEO who presented the 7,000 $B at
    TSMC; the historical CEO, who did, meets it in most worlds."""
    for seed in range(4):
        watch = Watcher(compiled, "random", seed)
        play_batch(compiled, 600, watch, seed, compact=False)
        assert watch.without_cause == 0
    history = Watcher(compiled, "historical", 1)
    play_batch(compiled, 400, history, 1, compact=False)
    assert history.without_cause == 0
    assert history.dealt.mean() > 0.5


def test_presenting_at_hsinchu_is_remembered_only_for_the_full_vision(compiled):
    c = compiled
    st = _fresh(c, 10, "hsinchu", credibility=9.0)
    st.buildout_busd[5:] = c.buildout.scaled  # half the worlds have scaled back already
    _present(st, c, u=0.999)
    hs = c.index["spaces"]["hsinchu"]
    assert (st.vision_turn[:5, hs] == 0).all() and (st.vision_turn[5:, hs] == -1).all()


def test_low_credibility_forces_the_scale_back_to_hundreds_of_billions(compiled):
    """A refusal of the full vision that leaves credibility below the scenario's threshold cuts
    the programme to hundreds of billions; with credibility to spare, it stays whole."""
    c = compiled
    bo = c.buildout
    low = _fresh(c, 8, "hsinchu", credibility=bo.scale_back_credibility + 0.5)
    high = _fresh(c, 8, "hsinchu", credibility=10.0)
    _present(low, c, u=0.999)
    _present(high, c, u=0.999)
    assert (low.buildout_busd == bo.scaled).all()
    assert 100 <= bo.scaled < 1000  # "hundreds of billions"
    assert (low.tracks[:, PLAYER, T["credibility"]] < bo.scale_back_credibility).all()
    assert (high.buildout_busd == bo.vision).all()


def test_once_cut_the_build_out_stays_at_hundreds_of_billions(compiled):
    c = compiled
    st = _fresh(c, 6, "hsinchu", credibility=c.buildout.scale_back_credibility + 0.1)
    _present(st, c, u=0.999)
    st.location[:] = c.index["spaces"]["abu_dhabi"]
    st.tracks[:, PLAYER, T["credibility"]] = 10.0  # even with credibility restored
    _present(st, c, u=0.999)
    assert (st.buildout_busd == c.buildout.scaled).all()


def test_scaling_back_raises_the_odds_because_size_is_weighed_against_the_industry(compiled):
    c = compiled
    st = _fresh(c, 2, "abu_dhabi", credibility=6.0)
    st.buildout_busd[1] = c.buildout.scaled
    odds = pledge_odds(st, c, np.arange(2), st.location)
    assert odds[1] > odds[0]
    st.tracks[:, PLAYER, T["valuation_busd"]] = [10.0, 10_000.0]  # the lab's value changes nothing
    assert np.allclose(pledge_odds(st, c, np.arange(2), st.location), odds)


@pytest.mark.parametrize("space", ["abu_dhabi", "hsinchu", "washington", "tokyo", "san_francisco"])
def test_the_build_out_never_puts_thousands_of_billions_in_the_labs_cash(compiled, space):
    """A backer's yes is a pledge to the industry's programme: the lab's cash, money raised and
    shares sold do not move, and nothing the programme delivers later is cash."""
    c = compiled
    st = _fresh(c, 4, space, credibility=6.0)
    before = st.tracks[:, PLAYER].copy()
    rep = _present(st, c, u=0.0)
    assert rep.success.all()
    for name in ("cash_busd", "raised_busd", "equity_sold_pct", "q_raised_busd"):
        assert np.array_equal(st.tracks[:, PLAYER, T[name]], before[:, T[name]]), name
    assert (st.pledged_busd >= 100).all()  # the pledge is big, and it is the industry's
    assert not st.pending[:, PLAYER, :, DELAYED_KEYS.index("cash_busd")].any()


def test_a_whole_game_never_brings_the_lab_a_trillion_of_cash(compiled):
    run = play_batch(compiled, 300, "random", 3, compact=False).state
    assert run.pledged_busd.max() > 0  # some worlds got pledges
    assert run.tracks[:, PLAYER, T["raised_busd"]].max() < 1000 * 3  # at most a few giant rounds


def test_each_backer_pledges_once_and_a_space_hears_it_once_a_quarter(compiled):
    c = compiled
    st = _fresh(c, 3, "abu_dhabi", credibility=6.0)
    _present(st, c, u=0.0)
    legal = legal_matrix(st, c)
    assert not legal[:, c.space.id("present_buildout")].any()


def test_the_denial_is_a_choice_the_player_makes(compiled):
    """The card on the reported 5,000 to 7,000 $B waits for an answer; denying, as the CEO did,
    and letting the figure stand lead to different quarters."""
    c = compiled
    k = _event(c, "trillions_in_the_press")
    card = c.scenario.events[k]
    assert any("deny" in ch.label.lower() for ch in card.choices)
    ends = []
    for option in range(len(card.choices)):
        st = new_batch(c, 1, seed=2)
        deal_cards(st, c, np.arange(1), forced=np.array([k]))
        assert st.awaiting_choice[0]
        assert not legal_matrix(st, c)[0, c.space.end_quarter]  # nothing until it is answered
        step(st, c, np.array([c.space.choose(option)]))
        ends.append(st.tracks[0, PLAYER].copy())
    assert not np.allclose(ends[0], ends[1])


def test_keeping_the_trillion_vision_never_pays_off(compiled):
    """Once scepticism has cut the programme, insisting on the trillions brings nothing the
    honest answer does not: no credibility, value or cash, and the programme stays cut."""
    c = compiled
    k = _event(c, "scaled_back_ambition")
    labels = [ch.label for ch in c.scenario.events[k].choices]
    keep = next(i for i, x in enumerate(labels) if "vision" in x.lower())
    own = 1 - keep
    out = {}
    for option in (own, keep):
        st = new_batch(c, 1, seed=2)
        st.buildout_busd[:] = c.buildout.scaled
        deal_cards(st, c, np.arange(1), forced=np.array([k]))
        step(st, c, np.array([c.space.choose(option)]))
        out[option] = st
    for name in ("credibility", "valuation_busd", "cash_busd", "demand_bq"):
        assert out[keep].tracks[0, PLAYER, T[name]] <= out[own].tracks[0, PLAYER, T[name]], name
    assert out[keep].buildout_busd[0] == c.buildout.scaled


def test_the_scale_back_card_comes_only_after_the_cut(compiled):
    c = compiled
    k = _event(c, "scaled_back_ambition")
    from game.core.conditions import holds

    st = new_batch(c, 2, seed=1)
    st.turn = 2  # the autumn of 2024, when the cut was reported
    st.buildout_busd[1] = c.buildout.scaled
    assert holds(c.ev_when[k], st, c).tolist() == [False, True]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_no_once_card_is_dealt_twice_scripted_or_drawn(path):
    c = compile_scenario(load_scenario_file(path))
    once = np.flatnonzero(c.ev_once)
    st = play_batch(c, 300, "random", 11, compact=False).state
    assert st.cards_seen[:, once].max(initial=0) <= 1
    scripted = [k for k in c.script_events.values() if c.ev_once[k]]
    if scripted:  # the scripted once cards were dealt, to every world that reached their quarter
        assert st.cards_seen[:, scripted].max() == 1


def test_no_shipped_scenario_pitches_7000_as_equity():
    for path in SHIPPED:
        s = load_scenario_file(path)
        assert all(f.value < 7000 for f in s.ask_ladder), path.name
        assert all(m.pitch is None or m.pitch < 7000 for q in s.reported_plays for m in q.moves), path.name
