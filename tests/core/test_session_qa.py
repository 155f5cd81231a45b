"""What a player reads: previews, refusals, conditions, messages, explanations and endings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.core.actions import (
    Choose,
    CommissionCampus,
    EndQuarter,
    LaunchModel,
    Pitch,
    SignDeal,
    StartProduct,
    StopProduct,
    Travel,
)
from game.core.compiled import compile_scenario
from game.core.facts import fact
from game.core.session import Game
from game.core.state import PLAYER
from game.model.tracks import T
from game.scenario.loader import load_scenario_file
from game.scenario.registry import BUILTIN_DIR
from game.scenario.schema import Condition
from game.text.catalog import t
from game.text.conditions import describe_condition, describe_ending
from game.text.words import Words, say, sentence, words_for

from .helpers import answer_card, fresh

SHIPPED = sorted(BUILTIN_DIR.glob("*.yaml")) + sorted((BUILTIN_DIR / "classroom").glob("*.yaml"))


def set_track(g: Game, name: str, value: float) -> None:
    g.st.tracks[0, PLAYER, T[name]] = value


# ----- previews ------------------------------------------------------------------------------


def test_a_pitch_preview_shows_the_equity_it_sells_away_from_headquarters(default_scenario):
    g = fresh(default_scenario)
    g.apply(Travel(to="washington"))
    answer_card(g)
    g.apply(EndQuarter())
    answer_card(g)
    assert g.apply(Travel(to="abu_dhabi")).ok
    prev = g.preview(Pitch(ask_busd=43.0))
    assert prev.touches["equity_sold_pct"] > 0
    assert list(prev.touches)[:2] == ["cash_busd", "equity_sold_pct"]  # kept in a short list


def test_a_refused_giant_ask_previews_the_credibility_it_costs(default_scenario):
    g = fresh(default_scenario)
    item = next(it for it in g.menu() if say(g, it.label) == "Pitch 1,000 $B at San Francisco")
    assert item.odds is not None and item.odds < 0.01
    assert say(g, item.failure) == "if they say no"
    assert item.on_failure is not None and item.on_failure["credibility"] < 0
    assert item.touches["credibility"] > 0  # going well is still what `touches` shows
    before = g.track("credibility")
    r = g.apply(Pitch(ask_busd=1000.0))
    assert "investors said no" in say(g, r.messages[0])
    assert g.track("credibility") - before == pytest.approx(item.on_failure["credibility"])


def test_a_small_refused_pitch_costs_only_the_attention(default_scenario):
    g = fresh(default_scenario)
    prev = g.preview(Pitch(ask_busd=1.0))
    assert prev.on_failure == {"attention": -1.0}


def test_a_launch_previews_what_a_rushed_launch_does(default_scenario):
    g = fresh(default_scenario)
    set_track(g, "safety_debt", 4.0)
    prev = g.preview(LaunchModel())
    assert prev.odds is not None and 0 < prev.odds < 1  # the odds the launch is not rushed
    assert say(g, prev.failure) == "if the launch is rushed"
    assert prev.on_failure["credibility"] < prev.touches["credibility"]
    assert prev.on_failure["scrutiny"] > 0 and "scrutiny" not in prev.touches


def test_a_launch_with_no_safety_debt_cannot_be_rushed(default_scenario):
    g = fresh(default_scenario)
    set_track(g, "safety_debt", 0.0)
    prev = g.preview(LaunchModel())
    assert prev.odds == 1.0 and prev.on_failure is None and prev.failure is None
    r = g.apply(LaunchModel())
    assert say(g, r.messages[0]) == "Launch: a frontier model: launched, not rushed."


def test_a_launch_says_whether_it_was_rushed(default_scenario):
    said = set()
    for seed in range(1, 30):
        g = fresh(default_scenario, seed)
        set_track(g, "safety_debt", 10.0)
        odds = g.preview(LaunchModel()).odds
        credibility = g.track("credibility")
        msg = say(g, g.apply(LaunchModel()).messages[0])
        assert f"(the chance of a rushed launch was {1 - odds:.0%})" in msg
        rushed = "the launch was rushed and it shows" in msg
        assert rushed != ("launched, not rushed" in msg)
        assert (g.track("credibility") < credibility) == rushed  # what the message says happened
        said.add(rushed)
    assert said == {True, False}


def test_a_product_preview_says_what_it_costs_a_quarter(default_scenario):
    g = fresh(default_scenario)
    while g.c.year_of(g.turn) < 2025:  # video generation is on offer from 2025
        set_track(g, "cash_busd", 50.0)  # a lab that only waits would run out of cash
        g.apply(EndQuarter())
        answer_card(g)
    set_track(g, "cash_busd", 50.0)
    prev = g.preview(StartProduct(product="video"))
    assert any("a quarter while it runs, paid at the end of each quarter" in say(g, n) for n in prev.notes)
    item = next(it for it in g.menu() if it.action == StartProduct(product="video"))
    assert any("a quarter while it runs" in say(g, n) for n in item.notes)


# ----- refusals, in a player's order ---------------------------------------------------------


def test_with_no_attention_left_a_deal_not_on_offer_says_so_first(default_scenario):
    g = fresh(default_scenario)
    g.apply(Travel(to="washington"))
    set_track(g, "attention", 0.0)
    assert (
        say(g, g.why_illegal(SignDeal(deal="federal_permits")))
        == '"Fast-track federal permits" is on offer only when your campuses at home reach 1 GW.'
    )
    # on offer, in the right city, with no attention: then attention is the reason
    assert "attention" in say(g, g.why_illegal(SignDeal(deal="us_grid_power")))


def test_with_no_attention_left_where_comes_before_attention(default_scenario):
    g = fresh(default_scenario)
    set_track(g, "attention", 0.0)
    assert say(g, g.why_illegal(Travel(to="abu_dhabi"))).startswith("No direct route to Abu Dhabi")
    assert say(g, g.why_illegal(SignDeal(deal="federal_permits"))).endswith("travel there first.")
    assert "attention" in say(g, g.why_illegal(Travel(to="washington")))


def test_the_card_and_the_quarter_still_come_first(default_scenario):
    g = next(g for g in (Game(default_scenario, seed) for seed in range(1, 40)) if g.awaiting_choice)
    set_track(g, "attention", 0.0)
    assert say(g, g.why_illegal(Travel(to="abu_dhabi"))) == "First answer the event card on the table."
    answer_card(g)
    g.apply(EndQuarter())
    g.st.quarter_over[:] = True
    g.st.awaiting_choice[:] = False
    assert say(g, g.why_illegal(Travel(to="abu_dhabi"))) in ("This quarter is over for you.", "The game is over.")


# ----- conditions as sentences ---------------------------------------------------------------

_OPENINGS = ("when ", "while ", "from ", "until ", "in ", "after ", "before ", "once ", "up to ")


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_condition_reads_as_english(path: Path):
    s = load_scenario_file(path)
    c = compile_scenario(s)
    conds = [d.when for d in s.deals] + [p.when for p in s.products] + [x.when for x in s.campus_sites]
    conds += [e.when for e in s.events] + [g.when for g in list(s.goals.win) + list(s.goals.lose)]
    for cond in conds:
        if cond is None or not cond.root:
            continue
        text = describe_condition(cond, c)
        assert text.startswith(_OPENINGS), text
        assert "_" not in text and "(" not in text and "always" not in text, text
        assert not re.search(r"\b(at least|at most|above|below|exactly) [a-z]", text), text
    words = Words(s, c)
    refusals = [fact("refused.deal_when", deal=d.id) for d in s.deals]
    refusals += [fact("refused.product_when", product=p.id) for p in s.products]
    for sentence_ in map(words.say, refusals):
        assert "only always" not in sentence_ and "only at any time" not in sentence_


def test_conditions_read_after_only(compiled):
    def say(**kw):
        return describe_condition(Condition(kw), compiled)

    assert say(campus_gw_domestic={"gte": 1}) == "when your campuses at home reach 1 GW"
    assert say(scrutiny={"lte": 8}) == "while scrutiny is at most 8"
    assert say(year={"gte": 2025}) == "from 2025"
    assert say(year={"lte": 2025}) == "until the end of 2025"
    assert say(cash_busd={"lt": 0}) == "while your cash is below 0 $B"
    assert say(at="abu_dhabi", not_signed="mgx_fab_fund") == 'in Abu Dhabi and until "MGX fab fund" is signed'
    assert say(away_streak={"gte": 2}) == "once you have toured 2 quarters in a row"
    assert say(away_streak={"lte": 0}) == "when you have not been on tour"
    assert say(turn={"gte": 7}) == "from quarter 8 of the game"
    assert say(quarter=3) == "in Q3 of each year"
    assert say(equity_sold_pct={"gte": 50}) == "when the share of the lab you have sold reaches 50%"
    assert (
        say(raised_busd={"gte": 70}, credibility={"gte": 5.5}, scrutiny={"lte": 8})
        == "when the money you have raised reaches 70 $B, your credibility reaches 5.5 and scrutiny is at most 8"
    )


def test_the_deal_and_product_refusals_read_as_sentences(compiled):
    say = Words(compiled.scenario, compiled).say
    assert say(fact("refused.deal_when", deal="us_grid_power")) == '"Grid power for a US campus" is on offer only while scrutiny is at most 8.'
    assert say(fact("refused.product_when", product="video")) == '"Video generation" can start only from 2025.'


def test_a_closed_campus_site_says_when_it_opens(default_scenario):
    sites = [
        site.model_copy(update={"when": Condition({"year": {"gte": 2026}})}) if site.space == "washington" else site
        for site in default_scenario.campus_sites
    ]
    s = default_scenario.model_copy(update={"campus_sites": sites})
    g = fresh(s)
    set_track(g, "cash_busd", 100.0)
    g.apply(Travel(to="washington"))
    assert say(g, g.why_illegal(CommissionCampus())) == "This campus site opens only from 2026."


# ----- messages and the log ------------------------------------------------------------------


def test_no_full_stop_after_a_question_or_an_exclamation():
    assert sentence("Launch it for the round?") == "Launch it for the round?"
    assert sentence("Go!") == "Go!"
    assert sentence("Travel to Tokyo") == "Travel to Tokyo."


def test_a_card_titled_as_a_question_is_logged_without_a_stray_full_stop(default_scenario):
    for seed in range(1, 60):
        g = Game(default_scenario, seed)
        messages: list = []
        while not g.over and g.c.year_of(g.turn) < 2027:
            answer_card(g)
            messages += g.apply(EndQuarter()).messages
        texts = [say(g, e.fact) for e in g.log] + [say(g, m) for m in messages]
        if any("?" in x for x in texts):
            assert not any("?." in x for x in texts)
            return
    pytest.fail("no card titled as a question was drawn in 59 games")


def test_the_log_does_not_repeat_the_date_it_carries(default_scenario):
    g = fresh(default_scenario)
    r = g.apply(EndQuarter())
    assert say(g, r.messages[0]) == "Q1 2024: the quarter ends."  # a message alone still says when
    logged = [say(g, e.fact) for e in g.log]
    for text in logged:
        assert not text.startswith("Q1 2024"), text
    assert "The quarter ends." in logged
    assert any(text.startswith("The quarter closes: revenue") for text in logged)


def test_undo_says_why_it_cannot(default_scenario):
    g = Game(default_scenario, 1)
    assert say(g, g.undo_refusal) == "Nothing to undo: no action taken yet." and not g.undo()
    answer_card(g)
    g.apply(Travel(to="washington"))
    assert g.undo_refusal is None and g.can_undo()
    g.apply(Travel(to="san_francisco"))
    g.apply(Pitch(ask_busd=1.0))
    assert "rolled dice" in say(g, g.undo_refusal) and not g.can_undo()
    g.apply(EndQuarter())
    assert say(g, g.undo_refusal) == "Nothing to undo: the last action ended a quarter."


# ----- explanations --------------------------------------------------------------------------


def test_explain_gives_value_and_quarter_start_in_the_same_units(default_scenario):
    g = fresh(default_scenario)
    ex = g.explain("chips")
    assert ex["value"] == pytest.approx(200_000) and ex["quarter_start"] == pytest.approx(200_000)
    assert ex["causes_track"] == "rented_chips_m"  # what moved it is counted in millions of chips
    assert "0.2 million chips" in say(g, ex["origin"])


def test_explain_cites_only_the_figure_a_track_starts_from(default_scenario):
    g = fresh(default_scenario)
    assert g.explain("power_gw_online")["origin"] is None
    assert g.explain("burn_busd_per_year")["origin"] is None
    assert g.explain("runway_quarters")["origin"] is None
    assert g.explain("burn_busd_per_year")["worked_out"]
    assert t("fact.derived.burn_busd_per_year").startswith("What the end of this quarter will take")
    assert say(g, g.explain("power_gw_needed")["origin"]).startswith("Worked out with 0.4 million chips / GW")
    assert say(g, g.explain("cash_busd")["origin"]).startswith("Starting figure 7 $B")


def test_explain_burn_lists_what_the_quarters_end_will_bring_and_cost(default_scenario):
    g = fresh(default_scenario)
    ex = g.explain("burn_busd_per_year")
    lines = {say(g, label): amount for _, label, amount in ex["causes"]}
    assert lines["Revenue"] < 0 < lines["Staff"]  # revenue lowers the burn, costs raise it
    cash = g.track("cash_busd")
    g.apply(EndQuarter())
    taken = cash - g.quarters[-2].tracks["cash_busd"]  # what the quarter's end really took
    assert sum(lines.values()) == pytest.approx(4.0 * taken)


def test_stopping_a_product_lowers_the_burn_at_once(default_scenario):
    g = fresh(default_scenario, 4)
    set_track(g, "cash_busd", 50.0)
    g.st.turn = 4  # 2025: the video product is on offer
    assert g.apply(StartProduct(product=g.scenario.products[0].id)).ok
    running = g.burn_per_quarter()
    assert g.apply(StopProduct(product=g.scenario.products[0].id)).ok
    assert g.burn_per_quarter() < running - 0.5


def test_the_burn_at_the_start_of_the_quarter_stays_what_it_was(default_scenario):
    g = fresh(default_scenario, 7)
    set_track(g, "cash_busd", 60.0)
    opened = g.explain("burn_busd_per_year")["quarter_start"]
    assert g.apply(Travel(to="washington")).ok
    assert g.apply(CommissionCampus()).ok
    assert g.explain("burn_busd_per_year")["quarter_start"] == opened
    assert g.track("burn_busd_per_year") > opened  # the building bill is on its way


def test_the_runway_is_what_the_quarters_end_will_take_from_the_cash(default_scenario):
    for seed in (1, 2, 3):
        g = fresh(default_scenario, seed)
        cash, burn = g.track("cash_busd"), g.burn_per_quarter()
        assert g.track("runway_quarters") == pytest.approx(cash / burn)
        g.apply(EndQuarter())
        assert g.quarters[-2].tracks["cash_busd"] == pytest.approx(cash - burn)


def test_a_campus_commissioned_now_shortens_the_runway_at_once(default_scenario):
    g = fresh(default_scenario, 7)
    set_track(g, "cash_busd", 60.0)
    assert g.apply(Travel(to="washington")).ok
    burn_before, runway_before = g.burn_per_quarter(), g.track("runway_quarters")
    assert g.apply(CommissionCampus()).ok
    k = g.c.consts
    bill = float(g.st.pipeline_gw[0, PLAYER].sum()) * k.capex_busd_per_gw / k.campus_build_quarters
    assert bill > 0 and g.burn_per_quarter() == pytest.approx(burn_before + bill)
    assert g.track("runway_quarters") < runway_before
    cash, burn = g.track("cash_busd"), g.burn_per_quarter()
    g.apply(EndQuarter())
    assert g.quarters[-2].tracks["cash_busd"] == pytest.approx(cash - burn)


# ----- endings -------------------------------------------------------------------------------


def test_endings_say_they_are_checked_at_the_end_of_a_quarter(default_scenario):
    g = fresh(default_scenario)
    ends = {e.id: e for e in g.endings()}
    assert words_for(g).ending_rule(ends["blocked"].when, won=False) == "You lose at the end of a quarter if scrutiny reaches 10."
    assert ends["blocked"].tracks == ("scrutiny",) and not ends["blocked"].won
    assert words_for(g).ending_rule(ends["bankrupt"].when, won=False) == "You lose at the end of a quarter if your cash is below 0 $B."
    assert ends["intelligence_age"].won and words_for(g).ending_rule(ends["intelligence_age"].when, won=True).startswith("You win at the end of a quarter if")
    assert describe_ending(None, g.c, won=False) == "You lose at the end of any quarter."


def test_scrutiny_at_its_limit_during_a_quarter_is_judged_at_its_end(default_scenario):
    g = fresh(default_scenario)
    set_track(g, "scrutiny", 10.0)
    assert not g.over and g.apply(Travel(to="washington")).ok  # the quarter goes on at 10
    g.apply(EndQuarter())
    # the quarter's business eases scrutiny before the check: the game goes on
    assert g.track("scrutiny") < 10.0 and not g.over


def test_a_deal_that_can_fall_through_previews_what_failing_costs(default_scenario):
    g = fresh(default_scenario)
    g.st.location[:] = g.c.space_ids.index("tokyo")
    prev = g.preview(SignDeal(deal="nuclear_restart"))
    deal = next(d for d in default_scenario.deals if d.id == "nuclear_restart")
    assert 0 < deal.chance < 1 and deal.on_fail.root["credibility"] < 0 < deal.cost_busd
    assert prev.odds == pytest.approx(deal.chance) and say(g, prev.failure) == "if it falls through"
    assert prev.on_failure["credibility"] == pytest.approx(deal.on_fail.root["credibility"])
    assert prev.on_failure["cash_busd"] == pytest.approx(-deal.cost_busd)  # the up-front cost is paid anyway
    assert prev.touches["credibility"] == pytest.approx(deal.effects.root["credibility"]) and prev.later  # going well delivers power later


def test_a_deal_that_cannot_fail_has_no_failure_case(default_scenario):
    g = fresh(default_scenario)
    g.apply(Travel(to="washington"))
    prev = g.preview(SignDeal(deal="us_grid_power"))
    assert prev.odds is None and prev.on_failure is None and prev.failure is None


def test_a_funding_round_on_a_card_is_money_raised_not_other_income():
    burn = load_scenario_file(BUILTIN_DIR / "classroom" / "the_burn.yaml")
    k = next(i for i, e in enumerate(burn.events) if e.id == "round_at_150")
    g = Game(burn, 11)
    g.st.card[0], g.st.awaiting_choice[0] = k, True  # the round is on the table
    raised = g.track("raised_busd")
    assert g.apply(Choose(option=0)).ok  # close it quickly: 6.5 $B for 4.2% of the lab
    assert g.track("raised_busd") == pytest.approx(raised + 6.5)
    assert g.track("q_raised_busd") == pytest.approx(6.5) and g.track("q_other_busd") == 0.0


def test_a_finished_campus_is_told_in_the_log(default_scenario):
    g = fresh(default_scenario, 7)
    set_track(g, "cash_busd", 200.0)
    assert g.apply(Travel(to="washington")).ok
    assert g.apply(CommissionCampus()).ok
    for _ in range(g.c.consts.campus_build_quarters + 1):
        answer_card(g)
        g.apply(EndQuarter())
        set_track(g, "cash_busd", 200.0)
    assert any(say(g, e.fact).startswith("A campus is finished:") for e in g.log)
