"""Printouts for a lesson: the handout and answer sheet come from the scenario; the class report
comes as a PDF too."""

from __future__ import annotations

import pytest

from game.classroom import report
from game.classroom.results import write_result
from game.classroom.summary import write_class_report
from game.cli import main
from game.core.session import Game
from game.sim.driver import play_game


@pytest.fixture
def written(monkeypatch):
    """Every paragraph the printouts write, in order."""
    texts: list[str] = []
    para = report._Column.para

    def record(self, text, *args, **kwargs):
        texts.append(text)
        return para(self, text, *args, **kwargs)

    monkeypatch.setattr(report._Column, "para", record)
    return texts



def test_the_handout_asks_the_scenario_s_questions_on_one_page(burn, tmp_path, written):
    out = tmp_path / "handout.pdf"
    assert main(["handout", "--scenario", "the_burn", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF") and b"/Count 1" in out.read_bytes()
    for q in burn.debrief.questions:
        assert " ".join(q.question.split()) in written
    assert not any(" ".join(q.answer.split()) in written for q in burn.debrief.questions if q.answer)


def test_the_answer_sheet_gives_each_answer(burn, tmp_path, written):
    out = tmp_path / "answers.pdf"
    assert main(["handout", "--scenario", "the_burn", "--answers", "-o", str(out)]) == 0
    for q in burn.debrief.questions:
        assert " ".join(q.answer.split()) in written


def test_a_mod_s_handout_prints_its_own_questions(tmp_path, written):
    from game.scenario.loader import load_scenario_file
    from game.scenario.registry import BUILTIN_DIR

    path = BUILTIN_DIR / "examples" / "european_lab" / "european_lab.yaml"
    assert main(["handout", "--scenario", str(path), "-o", str(tmp_path / "h.pdf")]) == 0
    for q in load_scenario_file(path).debrief.questions:
        assert " ".join(q.question.split()) in written


def test_the_class_report_comes_as_a_pdf_page_per_scenario(burn, tmp_path):
    (tmp_path / "in").mkdir()
    for seed in (1, 2, 3):
        write_result(play_game(Game(burn, seed), "cautious"), tmp_path / "in" / f"t{seed}.json", player=f"T{seed}")
    paths, _, summaries = write_class_report([tmp_path / "in"], tmp_path / "out")
    pdf = tmp_path / "out" / "summary.pdf"
    assert pdf in paths and len(summaries) == 1
    assert pdf.read_bytes().startswith(b"%PDF") and b"/Count 1" in pdf.read_bytes()


@pytest.mark.parametrize("scenario", ["the_burn", "seven_trillion_pitch", "gigawatts", "capital_or_security"])
def test_the_answer_sheet_goes_on_to_a_second_page_rather_than_cut_an_answer(scenario, tmp_path, monkeypatch):
    cut = []
    line = report._Column.line

    def watch(self, *args, **kwargs):
        drawn = line(self, *args, **kwargs)
        if self.full:
            cut.append(args[0])
        return drawn

    monkeypatch.setattr(report._Column, "line", watch)
    out = tmp_path / "answers.pdf"
    assert main(["handout", "--scenario", scenario, "--answers", "-o", str(out)]) == 0
    assert not cut
    assert out.read_bytes().startswith(b"%PDF")
