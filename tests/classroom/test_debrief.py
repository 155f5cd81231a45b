"""The debrief: its data, its files, the commands that write them, the pause screen."""

from __future__ import annotations

import pytest
import yaml

from game.classroom.debrief import build_debrief, open_debrief, write_debrief
from game.classroom.facilitator import pause_screen
from game.cli import main
from game.core.session import Game
from game.saves.store import save_game
from game.scenario.loader import check_scenario_text

from .conftest import CLASSROOM_DIR


@pytest.fixture(scope="module")
def debrief(planner_game):
    return build_debrief(planner_game, player="Team Ada", worlds=200, bot_worlds=40)


def test_tracks_start_at_the_scenario_figures_and_follow_every_quarter(debrief, burn):
    cash = debrief.series["cash_busd"]
    assert cash.values[0] == burn.start["cash_busd"].value
    assert len(cash.values) == debrief.quarters_played + 1 == 9
    assert debrief.series["inference_cost_cents"].values[0] == pytest.approx(4.0)


def test_the_historical_path_is_drawn_beside_the_players(debrief, burn):
    assert len(debrief.series["revenue_busd_per_year"].reference) == 9
    reported = debrief.series["revenue_busd_per_year"].reported
    assert [(p.quarter, p.value) for p in reported] == [("Q4 2024", 3.2)]
    assert reported[0].source == burn.history[0].source


def test_every_card_drawn_is_listed_with_its_source(debrief, planner_game, burn):
    drawn = [q.card for q in planner_game.quarters if q.card]
    assert [c.id for c in debrief.cards] == drawn
    sources = {e.id: " ".join(e.source.split()) for e in burn.events}
    assert all(c.source == sources[c.id] for c in debrief.cards)


def test_key_decisions_are_the_players_own_in_order(debrief):
    labels = [d.label for d in debrief.decisions]
    assert 0 < len(debrief.key_decisions) <= 8
    assert all(k.label in labels for k in debrief.key_decisions)
    turns = [k.turn for k in debrief.key_decisions]
    assert turns == sorted(turns)
    assert all(k.summary for k in debrief.key_decisions)
    assert not any(k.label.startswith("Travel") for k in debrief.key_decisions)


def test_each_learning_goal_gets_a_lesson_with_figures_and_a_question(debrief, burn):
    assert [lesson.goal for lesson in debrief.lessons] == [" ".join(g.split()) for g in burn.meta.goal_texts]
    for lesson in debrief.lessons:
        assert any(ch.isdigit() for ch in lesson.evidence)
        assert lesson.question.endswith("?")


def test_the_debrief_compares_the_player_with_the_bots(debrief):
    assert set(debrief.bots) == {"random", "planner"}
    assert debrief.worlds is not None and debrief.worlds.worlds == 200


def test_debrief_files_are_written_and_the_report_is_one_page(planner_game, debrief, tmp_path):
    paths = write_debrief(planner_game, tmp_path, debrief=debrief)
    names = [p.name for p in paths]
    assert names[:2] == ["report.html", "report.pdf"]
    assert {"tracks.png", "money.png", "worlds.png", "debrief.json"} <= set(names)
    for p in paths:
        assert p.stat().st_size > 500
        if p.suffix == ".png":
            assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pdf = (tmp_path / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"/Count 1" in pdf
    html = (tmp_path / "report.html").read_text()
    assert "data:image/png;base64," in html and not any(u in html.split("<body>")[1].split("Seven Trillion debrief")[0] for u in ("http:", "https:"))  # base64 may spell "http", never a colon


@pytest.mark.parametrize("side_fails", [False, True], ids=["drawn aside", "side process fails"])
def test_the_command_line_s_pdf_and_chart_drawn_aside_are_this_debrief_s_even_when_the_side_process_fails(
    planner_game, debrief, tmp_path, monkeypatch, side_fails
):
    from game.classroom import debrief as db

    (tmp_path / "report.pdf").write_bytes(b"%PDF an earlier debrief's page")
    (tmp_path / "money.png").write_bytes(b"an earlier debrief's chart")
    if side_fails:
        start = db._start_side_process

        def failing(d, pdf_path, out, names):
            proc = start(d, pdf_path, out, names)
            proc.join()
            pdf_path.unlink()  # the side process died before writing
            for n in names:
                (out / f"{n}.png").unlink(missing_ok=True)
            return proc

        monkeypatch.setattr(db, "_start_side_process", failing)
    paths = write_debrief(planner_game, tmp_path, debrief=debrief, side_process=True)
    pdf = (tmp_path / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and b"/Count 1" in pdf and b"earlier debrief" not in pdf
    assert (tmp_path / "money.png").read_bytes().startswith(b"\x89PNG")
    assert [p.name for p in paths if p.suffix == ".png"] == ["tracks.png", "money.png", "worlds.png"]


def test_open_debrief_writes_into_the_data_folder_without_a_browser(random_game, tmp_path, monkeypatch):
    html = open_debrief(random_game, open_report=False)
    assert html.name == "report.html" and html.exists()
    assert "debriefs" in html.parts


def test_debrief_command_on_a_play_save(random_game, tmp_path, capsys):
    save = save_game(random_game, tmp_path / "save.json", player="Team Bo")
    code = main(["debrief", str(save), "--out", str(tmp_path / "d"), "--worlds", "100", "--no-pdf"])
    assert code == 0
    assert (tmp_path / "d" / "report.html").exists()
    assert "Team Bo" in (tmp_path / "d" / "report.html").read_text()


def test_debrief_of_a_missing_file_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["debrief", str(tmp_path / "nope.json"), "--out", str(tmp_path / "d")]) == 2
    err = capsys.readouterr().err.strip()
    assert "no such file" in err and "\n" not in err and "Traceback" not in err


def test_class_report_of_an_empty_folder_is_one_line_and_exit_2(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    assert main(["class-report", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == 2
    assert "no result files" in capsys.readouterr().err


def test_pause_screen_shows_the_scripted_note_and_talking_points(burn):
    game = Game(burn, 2)
    screen = pause_screen(game)
    assert screen.quarter == "Q1 2024" and screen.progress == "Quarter 1 of 8"
    assert "4 cents" in screen.note
    assert screen.card.startswith("Four cents a question")
    assert screen.talking_points and screen.question.endswith("?")


def test_a_goal_that_names_its_lesson_gets_that_lesson_not_the_one_its_words_pick(planner_game, burn):
    from game.classroom.lessons import lessons_for

    text = (CLASSROOM_DIR / "the_burn.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["meta"]["learning_goals"][0] = {"goal": burn.meta.goal_texts[0], "lesson": "luck"}
    named = check_scenario_text(yaml.safe_dump(data, sort_keys=False), "named.yaml").scenario
    game = Game.replay(named, planner_game.seed, planner_game.actions)
    d = build_debrief(game, worlds=50, bot_worlds=10)
    assert [lesson.theme for lesson in d.lessons][:2] == ["luck", burn.meta.goal_themes[1]]
    assert burn.meta.goal_themes[0] == "burn"
    assert lessons_for(game, d)[0].evidence == d.lessons[0].evidence
