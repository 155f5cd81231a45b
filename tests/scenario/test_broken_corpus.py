"""The broken-file corpus: each file in broken/ states the exact problems it must produce."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli.validate_cmd import validate_paths

BROKEN = Path(__file__).parent / "broken"
FILES = sorted(BROKEN.glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (.*)$", re.M)


def expected(path: Path) -> list[str]:
    return [f"{path}:{line}" for line in EXPECT.findall(path.read_text(encoding="utf-8"))]


def test_the_corpus_has_at_least_ten_files_and_every_one_states_its_problems():
    assert len(FILES) >= 10
    for f in FILES:
        assert expected(f), f"{f.name} has no '# expect:' line"


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_each_broken_file_gets_exactly_its_expected_message_line_and_field(path: Path):
    found = validate_paths([path])
    assert [str(p) for p in found.report] == expected(path)


def test_validating_the_folder_reports_every_file_in_one_run():
    # How long it takes is measured by bench/validate_bench.py, not asserted here.
    found = validate_paths([BROKEN])
    lines = [str(p) for p in found.report]
    assert lines == [line for f in FILES for line in expected(f)]
    assert found.files == len(FILES)


def test_the_command_prints_the_same_report_and_exits_1():
    out = subprocess.run(
        [sys.executable, "-m", "game", "validate", str(BROKEN)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 1
    assert out.stdout.splitlines() == [line for f in FILES for line in expected(f)]
    assert "errors" in out.stderr
