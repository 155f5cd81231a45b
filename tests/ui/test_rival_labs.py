"""A race of rival labs on the desktop, in the words of the rules: every lab's pawn on the board,
whose turn it is, the shared supplies, the common fate, the handover between teams, bots that
play at once, undo only within your own turn, and the end of the race."""

from __future__ import annotations

import pygame
import pytest

from game.core.actions import Choose, Travel
from game.core.moves.chips import BuyChips
from game.ui import draw as draw_module
from game.ui.i18n import t
from game.ui.scenes.match import MatchScene
from game.ui.scenes.newgame import NewGameScene
from tests.ui.match_screens import answer_card, end_turn, match_scene, take_the_seat

HOT_SEAT = [True, True, True, True]
SOLO = [True, False, False, False]


def route(scenario, start: str, end: str) -> list[str]:
    """The spaces a pawn passes through from start to end along the board's routes (shortest)."""
    paths = {start: [start]}
    todo = [start]
    while todo:
        here = todo.pop(0)
        for a, b in scenario.board.routes:
            for x, y in ((a, b), (b, a)):
                if x == here and y not in paths:
                    paths[y] = paths[here] + [y]
                    todo.append(y)
    return paths[end][1:]


def texts_drawn(d, monkeypatch) -> list[str]:
    """Every text the next frame draws on the window."""
    seen: list[str] = []
    real = draw_module.text

    def text(surf, th, s, *args, **kwargs):
        seen.append(s)
        return real(surf, th, s, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(draw_module, "text", text)
        d.app.render()
    return seen


def test_a_four_lab_board_shows_four_pawns_each_at_its_lab_s_space(make_app):
    d = make_app()
    scene = match_scene(d, SOLO)
    d.app.render()
    pawns = scene.board.pawns_drawn
    assert sorted(seat for seat, _, _ in pawns) == [0, 1, 2, 3]
    for seat, space, _ in pawns:
        assert space == scene.match.lab(seat).location
    assert len({centre for _, _, centre in pawns}) == 4, "two pawns stand on each other"


def test_a_pawn_moves_with_its_lab(make_app):
    d = make_app()
    scene = match_scene(d, SOLO)
    answer_card(d)
    me = scene.match.acting
    dest = next(it.action.to for it in scene.items if isinstance(it.action, Travel) and it.legal)
    d.click(f"space.{dest}")
    d.app.render()
    assert (me, dest) in [(seat, space) for seat, space, _ in scene.board.pawns_drawn]


def test_the_top_bar_says_whose_turn_it_is(make_app, monkeypatch):
    d = make_app()
    scene = match_scene(d, HOT_SEAT)
    take_the_seat(d)
    m = scene.match
    drawn = texts_drawn(d, monkeypatch)
    assert any(m.lab_name(m.acting) in s and t("match.team", n=m.acting + 1) in s for s in drawn)


def test_the_handover_screen_hides_the_previous_team_s_figures_until_the_next_team_presses_continue(make_app, monkeypatch):
    d = make_app()
    scene = match_scene(d, HOT_SEAT)
    m = scene.match
    take_the_seat(d)
    first = m.acting
    end_turn(d)
    second = m.acting
    assert second != first
    assert d.layer() == "handover"
    drawn = texts_drawn(d, monkeypatch)
    assert t("match.handover.title", team=t("match.team", n=second + 1)) in drawn
    for seat in (first, second):  # no lab's own board: neither the figures nor the actions
        assert t("match.figures", lab=m.lab_name(seat)).upper() not in drawn
    assert t("match.supply.title").upper() not in drawn
    assert t("actions.title").upper() not in drawn
    d.key(pygame.K_ESCAPE)  # escape does not lift the cover
    assert d.layer() == "handover"
    d.click("handover.continue")
    assert d.layer() == "board"
    assert t("match.figures", lab=m.lab_name(second)).upper() in texts_drawn(d, monkeypatch)


def test_the_handover_says_what_the_other_labs_did_since_that_lab_last_played(make_app):
    d = make_app()
    scene = match_scene(d, [True, True])
    m = scene.match
    take_the_seat(d)
    first = m.acting
    answer_card(d)
    dest = next(it.action.to for it in scene.items if isinstance(it.action, Travel) and it.legal)
    d.click(f"space.{dest}")
    d.click("actions.end_turn")
    layer = d.app.scene.top
    assert layer.name == "handover"
    told = [e for e in layer.handover.others if e.seat == first and e.kind == "action"]
    assert any(e.fact.figures.get("move") is not None and e.fact.figures["move"].figures.get("to") == dest for e in told)


def test_one_person_against_bots_has_no_handover_and_the_bots_play_at_once(make_app):
    d = make_app()
    scene = match_scene(d, SOLO)
    m = scene.match
    assert d.layer() == "board"
    assert m.acting == 0, "the bots ahead of you in the turn order have played"
    turn = m.turn
    end_turn(d)
    assert d.layer() == "board" and m.acting == 0
    assert m.turn == turn + 1, "after your turn the bots played theirs and the quarter ended"
    acted = {e.seat for e in m.log if e.kind == "action" and e.turn == turn}
    assert acted == {0, 1, 2, 3}, "the log says what every bot did"


def test_undo_takes_back_your_own_move_but_never_the_previous_team_s(make_app):
    d = make_app()
    scene = match_scene(d, [True, True])
    m = scene.match
    take_the_seat(d)
    answer_card(d)
    dest = next(it.action.to for it in scene.items if isinstance(it.action, Travel) and it.legal)
    before = m.lab(m.acting).location
    d.click(f"space.{dest}")
    assert d.app.find("actions.undo").enabled
    d.click("actions.undo")
    assert m.lab(m.acting).location == before
    d.click(f"space.{dest}")
    d.click("actions.end_turn")
    take_the_seat(d)
    assert not d.app.find("actions.undo").enabled
    moves = len(m.moves)
    d.key(pygame.K_u)
    assert len(m.moves) == moves, "the previous team's moves stay made"


def test_the_shared_supply_panel_shows_what_is_left_and_who_took_it(make_app):
    d = make_app()
    scene = match_scene(d, HOT_SEAT)
    m = scene.match
    take_the_seat(d)
    answer_card(d)
    me = m.acting
    d.app.render()
    chips_before = scene.board.supply_drawn[0]
    r = scene.do(BuyChips())
    assert r, "buying chips at headquarters is allowed at the start"
    d.app.render()
    name, left, of, took = scene.board.supply_drawn[0]
    assert name == chips_before[0] == t("match.supply.chips")
    assert left < chips_before[1] and of == chips_before[2]
    assert took[m.lab_id(me)] > 0
    said = " ".join(line.text for line in d.app.find("supply").tooltip().lines)
    assert f"{t('match.supply.chips')}: " in said and m.lab_name(me) in said, "the tooltip says in words who took what"
    shared = m.scenario.labs.shared
    pools = [x.name for x in list(shared.capital) + list(shared.capacity)]
    assert [line[0] for line in scene.board.supply_drawn] == [t("match.supply.chips"), t("match.supply.grid"), *pools]


def test_money_raised_in_abu_dhabi_leaves_less_for_the_next_lab_and_the_panel_says_who_took_it(make_app):
    from game.core.actions import Pitch

    d = make_app()
    scene = match_scene(d, [True, True])
    m = scene.match
    take_the_seat(d)
    answer_card(d)
    me = m.acting
    gulf = m.scenario.labs.shared.capital[0]
    for hop in route(m.scenario, m.lab(me).location, gulf.space):  # the trip takes a quarter
        assert scene.do(Travel(to=hop))
    d.click("actions.end_turn")
    while m.acting != me:
        end_turn(d)
    take_the_seat(d)
    answer_card(d)
    pitch = next((it for it in scene.items if isinstance(it.action, Pitch) and it.legal), None)
    assert pitch is not None, "a pitch to the investors there is open on arrival"
    before = m.lab(me).track("raised_busd")
    scene.do(pitch.action)
    d.app.render()
    line = next(x for x in scene.board.supply_drawn if x[0] == gulf.name)
    if m.lab(me).track("raised_busd") > before:  # the investors said yes: it left their pool, under this lab's name
        assert line[1] < line[2]
        assert line[3][m.lab_id(me)] > 0
    else:
        assert line[1] == line[2]


def test_the_common_fate_shows_its_value_and_states_its_rule_in_its_tooltip(make_app):
    d = make_app()
    scene = match_scene(d, SOLO)
    tip = d.app.find("fate").tooltip()
    fate = scene.match.scenario.labs.common_fate
    assert tip.title == fate.name
    said = " ".join(line.text for line in tip.lines)
    start, collapse, incident, rushed, recovery = scene.match.c.labs.fate
    for figure in (collapse, incident, rushed, recovery):
        assert f"{figure:g}" in said


def test_standings_list_every_lab_with_its_turn_order(make_app):
    d = make_app()
    scene = match_scene(d, SOLO)
    ids = d.ids()
    assert [i for i in ids if i.startswith("lab.")] == ["lab.0", "lab.1", "lab.2", "lab.3"]
    tip = d.app.find("lab.1").tooltip()
    assert tip.title == scene.match.lab_name(1)


def test_the_end_screen_names_the_winner_and_each_lab_s_outcome(make_app, monkeypatch):
    d = make_app()
    scene = match_scene(d, SOLO, seed=3)
    m = scene.match
    for _ in range(200):
        if d.layer() != "board":
            break
        end_turn(d)
    assert m.over and d.layer() == "match_end"
    drawn = texts_drawn(d, monkeypatch)
    from game.ui.scenes.match_end import headline

    assert headline(m) in drawn
    if m.winner is not None:
        assert m.lab_name(m.winner) in headline(m)
    from game.text.words import words_for

    for seat in range(m.seats):
        assert words_for(m).ending_title(m.outcome_id_of(seat)) in drawn


def test_the_default_campaign_offers_you_against_three_bot_rivals(make_app):
    d = make_app()
    d.app.switch(NewGameScene(d.app))
    d.settle()
    layer = d.app.scene.top
    layer.pick(next(i for i, e in enumerate(layer.entries) if e.ok and e.id == "default"))
    layer.rebuild()
    d.click("newgame.labs")
    assert d.layer() == "match_setup"
    d.click("setup.start")
    scene = d.app.scene
    assert isinstance(scene, MatchScene)
    assert scene.match.seats == 4 and scene.people == SOLO


def open_setup(d) -> None:
    d.app.switch(NewGameScene(d.app))
    d.settle()
    layer = d.app.scene.top
    layer.pick(next(i for i, e in enumerate(layer.entries) if e.ok and e.id == "default"))
    layer.rebuild()
    d.click("newgame.labs")


def test_teams_play_the_first_labs_and_bots_the_others(make_app):
    d = make_app()
    open_setup(d)
    d.click("setup.labs.3")
    d.click("setup.seat.1")  # Lodestar AI to a second team
    d.click("setup.start")
    scene = d.app.scene
    assert scene.match.seats == 3 and scene.people == [True, True, False]


def test_the_last_team_s_lab_goes_back_to_a_bot_but_one_team_always_plays(make_app):
    d = make_app()
    open_setup(d)
    layer = d.app.scene.top
    d.click("setup.seat.2")  # three teams
    assert layer.people[:4] == [True, True, True, False]
    d.click("setup.seat.2")  # the third back to a bot
    assert layer.people[:4] == [True, True, False, False]
    d.click("setup.seat.0")  # only your lab a team
    d.click("setup.seat.0")  # and it stays one
    d.click("setup.start")
    assert d.app.scene.people == [True, False, False, False]


def test_the_facilitator_pause_shows_every_lab_side_by_side(make_app, monkeypatch):
    d = make_app()
    scene = match_scene(d, SOLO)
    d.key(pygame.K_p)
    assert d.layer() == "facilitator"
    drawn = texts_drawn(d, monkeypatch)
    layer = d.app.scene.top
    assert [c.name for c in layer.data.labs] == [scene.match.lab_name(s) for s in range(4)]
    assert t("match.figures", lab=scene.match.lab_name(0)).upper() not in drawn, "the board is hidden under it"
    d.key(pygame.K_SPACE)
    assert d.layer() == "board"


@pytest.mark.parametrize("people", [SOLO, HOT_SEAT[:2]])
def test_a_whole_race_can_be_played_through_the_window(make_app, people):
    d = make_app()
    scene = match_scene(d, people, seed=5)
    for _ in range(400):
        if d.layer() not in ("board", "handover"):
            break
        end_turn(d)
    assert scene.match.over


def test_a_race_that_ends_on_the_desktop_writes_one_result_file_per_team(make_app, home):
    from game.classroom.results import read_result, results_folder

    d = make_app()
    scene = match_scene(d, [True, True, False], seed=5)
    for _ in range(400):
        if d.layer() not in ("board", "handover"):
            break
        end_turn(d)
    assert scene.match.over and d.layer() == "match_end"
    files = sorted(results_folder().glob("*.json"))
    assert len(files) == 2, "two teams, two files; the bot's lab gets none"
    assert sorted(read_result(p).race.lab for p in files) == sorted(scene.match.lab_id(s) for s in (0, 1))
    d.click("end.results")
    assert d.layer() == "message"


@pytest.mark.parametrize("people", [HOT_SEAT, SOLO], ids=["hot_seat", "solo"])
def test_random_input_on_a_race_never_raises(make_app, people):
    """The monkey of test_monkey on a race: clicks, keys, wheel turns and resizes, 250 events."""
    import random

    from tests.ui.test_monkey import SIZES, random_event

    rng = random.Random(f"monkey-race-{len(people)}-{sum(people)}")
    d = make_app(size=(1280, 720))
    match_scene(d, people)
    sent = batch = 0
    while sent < 250:
        if not d.app.running:
            d.app.running = True
            match_scene(d, people)
        if batch % 3 == 2:
            size = SIZES[(batch // 3) % len(SIZES)]
            pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
            sent += 1
        batch += 1
        for _ in range(16):
            for e in random_event(rng, d):
                pygame.event.post(e)
                sent += 1
        d.clock.t += rng.choice([0.0, 0.016, 0.05, 0.3])
        d.app.frame()
        assert d.app.scene.top is not None
    d.settle()


def test_a_race_left_for_the_menu_is_autosaved_and_continue_resumes_it_with_its_teams(make_app):
    d = make_app()
    scene = match_scene(d, [True, True, False])
    take_the_seat(d)
    answer_card(d)
    dest = next(it.action.to for it in scene.items if isinstance(it.action, Travel) and it.legal)
    d.click(f"space.{dest}")
    moves = list(scene.match.moves)
    scene.leave_to_menu()
    d.settle()
    assert d.layer() == "menu"
    d.click("menu.continue")
    again = d.app.scene
    assert isinstance(again, MatchScene) and again is not scene
    assert again.match.moves == moves and again.people == [True, True, False]


def test_a_race_saved_in_a_slot_loads_from_the_load_screen(make_app):
    from game.ui.scenes.load import LoadScene
    from game.ui.scenes.menu import MenuScene

    d = make_app()
    scene = match_scene(d, SOLO)
    end_turn(d)
    scene.open_save()
    d.settle()
    d.click("save.slot.2")
    turn, moves = scene.match.turn, list(scene.match.moves)
    d.app.switch(LoadScene(d.app, back=lambda: MenuScene(d.app)))
    d.settle()
    row = next(w for w in d.app.widgets() if w.id.startswith("load.save.") and w.data.path.name == "slot-2.json")
    d.click(row.id)
    again = d.app.scene
    assert isinstance(again, MatchScene)
    assert again.match.turn == turn and again.match.moves == moves and again.people == SOLO


def test_a_card_is_answered_with_the_number_keys_as_in_the_one_lab_game(make_app):
    d = make_app()
    scene = match_scene(d, HOT_SEAT)
    take_the_seat(d)
    for _ in range(12):  # the first team with a card on the table
        if scene.lab.awaiting_choice:
            break
        d.click("actions.end_turn")
        take_the_seat(d)
    assert scene.lab.awaiting_choice
    seat = scene.match.acting
    d.key(pygame.K_1)
    assert not scene.match.lab(seat).awaiting_choice
    assert scene.match.moves[-1] == (seat, Choose(option=0)), "1 chose the card's first answer"
