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


def test_the_card_line_and_the_incident_line_say_what_they_did_to_the_figures():
    """Each cause of a quarter's change is named with its amount, the card and its answer and an
    incident too, so that the lines of the review add up to each figure's change."""
    from game.text import numbers as format
    from game.ui.scenes.overlays import SUMMARY_TRACKS

    checked = {"card": 0, "warning": 0}
    for seed in range(1, 12):
        g = new_game(entry_for("default").scenario, seed)
        for _ in range(4):
            if g.over:
                break
            if g.awaiting_choice:
                g.apply(Choose(option=0))
            g.apply(EndQuarter())
            rec = g.quarters[-2]
            for icon, cause_ids in (("card", ("cause.card", "move.choose")), ("warning", ("cause.incident",))):
                moved: dict[str, float] = {}
                for f, diff in rec.causes:
                    if f.id in cause_ids:
                        for k, v in diff.items():
                            moved[k] = moved.get(k, 0.0) + v
                lines = [text for i, text in review_lines(g, rec) if i == icon]
                for k in SUMMARY_TRACKS:
                    if abs(moved.get(k, 0.0)) >= 0.05 and lines:
                        assert f"{format.label(k)} {format.delta(k, moved[k])}" in lines[0], (seed, rec.date, lines[0])
                        checked[icon] += 1
    assert checked["card"] and checked["warning"]  # the seeds above hold both
