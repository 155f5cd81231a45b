"""From 2025 a lab that grows is held back by energy, not by cash alone (the articles expect power
and chips, not money, to limit the build-out: B and D). The planner stands for a lab that grows:
it raises what it can and builds."""

from __future__ import annotations

from game.core.state import PLAYER
from game.model import economy
from game.model.tracks import T
from game.sim.driver import play_batch


def _held_back(compiled, bot: str) -> dict[str, float]:
    """Over the 2025 and 2026 quarters of 120 worlds the bot plays: the share of quarters that ended
    with chips the lab's power could not run (or waiting for a finished campus), and with less cash in
    the bank than one quarter's spending."""
    k = compiled.consts
    counts = {"power": 0, "cash": 0, "quarters": 0}

    def at_quarter_end(st, where) -> None:
        if compiled.year_of(st.turn - 1) not in (2025, 2026):
            return
        tr = st.tracks[st.live, PLAYER]
        power = economy.waiting_for_power(tr, k)
        counts["power"] += int(power.sum())
        counts["cash"] += int((tr[:, T["cash_busd"]] < tr[:, T["q_spend_busd"]]).sum())
        counts["quarters"] += len(tr)

    play_batch(compiled, 120, bot, 8, quarters=12, compact=False, on_quarter=at_quarter_end)
    n = max(counts["quarters"], 1)
    return {"power": counts["power"] / n, "cash": counts["cash"] / n}


def test_from_2025_a_growing_lab_waits_for_power_more_than_for_money(compiled):
    share = _held_back(compiled, "planner")
    assert share["power"] > 0.5
    assert share["power"] > 5 * share["cash"]
