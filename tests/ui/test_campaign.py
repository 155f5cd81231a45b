"""A whole default campaign played through the interface's own event handling."""

from __future__ import annotations

from game.saves.store import latest_autosave, list_saves


def play_quarter_policy(d) -> str:
    """One step of a simple player: answer cards with the first choice, take one legal action,
    end the quarter. Returns what it did."""
    layer = d.layer()
    ids = d.ids()
    if layer == "card":
        d.click("card.choice.0" if "card.choice.0" in ids else "card.continue")
        return "card"
    if layer == "summary":
        d.click("summary.continue")
        return "summary"
    if layer == "board":
        board = d.app.scene.top
        game = d.app.scene.game
        if "actions.show_card" in ids:
            d.click("actions.show_card")
            return "show card"
        acted = getattr(d, "_acted_turn", None)
        if acted != game.turn:
            d._acted_turn = game.turn
            for w in board.widgets:
                if w.id.startswith("action.") and w.enabled and not w.id.startswith("action.travel"):
                    if board.actions_area is not None:
                        board.actions_area.ensure_visible(w)
                    d.click(w.id)
                    return w.id
        d.click("actions.end_quarter")
        return "end quarter"
    raise AssertionError(f"unexpected screen {layer!r}")


def test_a_default_campaign_plays_from_the_menu_to_the_end_screen(make_app, home):
    d = make_app()
    assert d.layer() == "menu"
    d.click("menu.new")
    assert d.layer() == "newgame"
    d.app.scene.top.entry.set_text("4242")
    d.click("newgame.start")
    game = d.app.scene.game
    assert game.seed == 4242
    steps = []
    for _ in range(600):
        if d.layer() == "end":
            break
        steps.append(play_quarter_policy(d))
    assert d.layer() == "end", steps[-10:]
    assert game.over
    assert "end.again" in d.ids()
    # every quarter was answered and closed through the interface
    closed = [q for q in game.quarters if q.tracks]
    assert len(closed) >= 2
    assert steps.count("end quarter") == len(closed)
    # autosaves were written, the newest holds the finished game
    assert latest_autosave() is not None
    assert any(s.outcome for s in list_saves())
    # the finished game left its result file for the teacher, and says where
    from game.classroom.results import read_result
    from game.ui.scenes.end import results_dir

    results = list(results_dir().glob("*.json"))
    assert len(results) == 1 and d.app.scene.top.result_path == results[0]
    assert read_result(results[0]).outcome.result == game.outcome
    # the log recorded the card choices
    assert any(e.kind == "choice" for e in game.log) or all(not q.choice for q in game.quarters)
    # play again starts a fresh campaign on the same scenario
    d.click("end.again")
    assert d.app.scene.game is not game
    assert d.app.scene.game.turn == 0
