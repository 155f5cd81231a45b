"""The quarter's review names what the quarter's end did to the board's figures, cause by cause."""

from __future__ import annotations

from game.core.actions import Choose, EndQuarter, Travel
from game.ui.library import entry_for, new_game
from game.ui.scenes.overlays import review_lines


def test_the_review_names_the_trust_lost_to_a_quarter_away():
    g = new_game(entry_for("default").scenario, 3)
    if g.awaiting_choice:
        g.apply(Choose(option=0))
    assert g.apply(Travel(to="washington")).ok
    g.apply(EndQuarter())
    texts = [text for icon, text in review_lines(g, g.quarters[-2]) if icon == "clock"]
    assert any("away from headquarters" in x and "Team trust" in x for x in texts)
    assert any("Scrutiny cools" in x for x in texts)


def test_the_reviews_money_has_a_line_for_every_ledger_line_of_the_quarters_end():
    import inspect

    from game.core.explain import _LEDGER_LINES
    from game.ui.scenes import overlays

    source = inspect.getsource(overlays.SummaryLayer)
    assert all(f'"{k}"' in source for k, _ in _LEDGER_LINES)
