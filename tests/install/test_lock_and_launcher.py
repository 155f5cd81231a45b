"""The install: requirements.lock matches pyproject.toml, play.py installs only what it lists, and an
offline folder asks pip for every system's wheels (planned here, never downloaded)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("play_launcher", ROOT / "play.py")
play = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(play)

LOCK_TEXT = (ROOT / play.LOCK_NAME).read_text(encoding="utf-8")
PYPROJECT_TEXT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def project(tmp_path: Path, pyproject_text: str = PYPROJECT_TEXT) -> Path:
    """A copy of the launcher, pyproject.toml and the lock, to change in a test."""
    shutil.copy(ROOT / "play.py", tmp_path / "play.py")
    shutil.copy(ROOT / play.LOCK_NAME, tmp_path / play.LOCK_NAME)
    (tmp_path / "pyproject.toml").write_text(pyproject_text, encoding="utf-8")
    return tmp_path


def test_the_repositorys_lock_matches_its_pyproject():
    assert play.lock_problem(ROOT) is None


def test_the_lock_pins_every_package_with_hashes_including_the_build_backend_and_i18n():
    entries = play.parse_lock(LOCK_TEXT)
    assert entries and all("==" in req and hashes for req, _, hashes in entries)
    names = {req.split("==")[0] for req, _, _ in entries}
    for needed in (
        "pygame-ce",
        "pygame-gui",
        "python-i18n",
        "matplotlib",
        "numpy",
        "pydantic",
        "pyyaml",
        "platformdirs",
        "pytest",
        "pytest-xdist",
        "hypothesis",
        "ruff",
        "import-linter",
        "setuptools",
    ):
        assert needed in names, needed


@pytest.mark.parametrize(
    ("change", "old", "new"),
    [
        (
            "a dependency added",
            '    "python-i18n>=0.3.9",\n',
            '    "python-i18n>=0.3.9",\n    "rich>=13",\n',
        ),
        ("a dependency removed", '    "matplotlib>=3.8",\n', ""),
        ("a range changed", '"numpy>=1.26"', '"numpy>=2"'),
        ("a dev tool added", '    "ruff",\n', '    "ruff",\n    "mypy",\n'),
        ("the Python range changed", 'requires-python = ">=3.11"', 'requires-python = ">=3.12"'),
        ("the build backend changed", '"setuptools>=68"', '"setuptools>=80"'),
    ],
)
def test_a_pyproject_change_the_lock_has_not_followed_is_one_clear_line(tmp_path, change, old, new):
    assert old in PYPROJECT_TEXT
    root = project(tmp_path, PYPROJECT_TEXT.replace(old, new))
    problem = play.lock_problem(root)
    assert (
        problem
        and "out of date" in problem
        and play.REFRESH_COMMAND in problem
        and "\n" not in problem
    )


def test_edits_that_change_no_dependency_keep_the_lock_valid(tmp_path):
    reworded = PYPROJECT_TEXT.replace('version = "0.1.0"', 'version = "0.2.0"').replace(
        '"numpy>=1.26"', '"numpy >= 1.26"'
    )
    assert play.lock_problem(project(tmp_path, reworded)) is None


def test_a_lock_without_its_fingerprint_or_no_lock_at_all_is_refused(tmp_path):
    root = project(tmp_path)
    (root / play.LOCK_NAME).write_text(
        "".join(line for line in LOCK_TEXT.splitlines(True) if not line.startswith(play.HASH_LINE))
    )
    assert "refresh_lock" in play.lock_problem(root)
    (root / play.LOCK_NAME).unlink()
    assert "missing" in play.lock_problem(root)


def test_setup_with_a_stale_lock_stops_in_one_line_before_touching_anything(tmp_path):
    root = project(tmp_path, PYPROJECT_TEXT.replace('"numpy>=1.26"', '"numpy>=2"'))
    done = subprocess.run(
        [sys.executable, "play.py", "--setup-only"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "out of date" in done.stderr
    assert not (root / ".venv").exists()


def test_install_checks_every_hash_and_installs_the_game_without_dependencies(tmp_path):
    lock_step, game_step = play.install_commands(tmp_path, tmp_path / "python")
    assert "--require-hashes" in lock_step and lock_step[-2:] == [
        "-r",
        str(tmp_path / play.LOCK_NAME),
    ]
    assert "--no-index" not in lock_step
    assert {"--no-deps", "--no-build-isolation", "--editable"} <= set(game_step)


def test_a_wheels_folder_beside_the_launcher_means_no_network(tmp_path):
    (tmp_path / play.WHEELS_NAME).mkdir()
    lock_step, _ = play.install_commands(tmp_path, tmp_path / "python")
    at = lock_step.index("--find-links")
    assert "--no-index" in lock_step and lock_step[at + 1] == str(tmp_path / play.WHEELS_NAME)


def plan_by_target(systems=play.DEFAULT_SYSTEMS, pythons=play.DEFAULT_PYTHONS):
    plan = play.download_plan(LOCK_TEXT, systems, pythons, Path("/dest"))
    return {label: (requirements, arguments) for label, (requirements, arguments) in plan}


def option_values(arguments: list[str], flag: str) -> list[str]:
    return [arguments[i + 1] for i, a in enumerate(arguments) if a == flag]


def test_the_offline_folder_asks_for_windows_macos_and_linux_wheels_for_python_3_11_to_3_13():
    plan = plan_by_target()
    systems = ["windows", "macos-arm64", "macos-x86_64", "linux"]
    assert sorted(plan) == sorted(
        f"{s}, Python {v}" for s in systems for v in ("3.11", "3.12", "3.13")
    )
    for label, (_, arguments) in plan.items():
        version = label.rsplit(" ", 1)[1]
        assert arguments[0] == "download" and "--only-binary=:all:" in arguments
        assert {"--no-deps", "--require-hashes"} <= set(arguments)
        assert option_values(arguments, "--python-version") == [version]
        assert option_values(arguments, "--abi") == ["cp" + version.replace(".", "")]
        assert option_values(arguments, "--dest") == ["/dest"]
    platforms = {
        label.split(",")[0]: option_values(arguments, "--platform")
        for label, (_, arguments) in plan.items()
    }
    assert platforms["windows"] == ["win_amd64"]
    assert platforms["macos-arm64"] == ["macosx_12_0_arm64"]
    assert platforms["macos-x86_64"] == ["macosx_12_0_x86_64"]
    assert (
        "manylinux_2_28_x86_64" in platforms["linux"]
        and "manylinux2014_x86_64" in platforms["linux"]
    )


def test_each_system_gets_the_packages_its_markers_select():
    plan = plan_by_target()

    def pins(label):
        return {line.split()[0] for line in plan[label][0].splitlines()}

    assert any(p.startswith("colorama==") for p in pins("windows, Python 3.12"))
    assert not any(
        p.startswith("colorama==")
        for p in pins("linux, Python 3.12") | pins("macos-arm64, Python 3.12")
    )
    # Where a package dropped an older Python, each Python gets the version the lock chose for it.
    numpy = {label: [p for p in pins(label) if p.startswith("numpy==")] for label in plan}
    assert all(len(found) == 1 for found in numpy.values())
    assert all(
        "==" in line and "--hash=sha256:" in line
        for line in plan["linux, Python 3.11"][0].splitlines()
    )


def test_a_classroom_can_ask_for_fewer_systems_and_an_unknown_one_is_refused():
    assert sorted(plan_by_target(["macos"], ["3.12"])) == [
        "macos-arm64, Python 3.12",
        "macos-x86_64, Python 3.12",
    ]
    with pytest.raises(play.SetupError, match="unknown system 'amiga'"):
        play.download_plan(LOCK_TEXT, ["amiga"], ["3.12"], Path("/dest"))


def test_the_offline_folder_copies_the_game_without_the_working_copys_clutter(tmp_path):
    for name in (
        "play.py",
        "main.py",
        "game/__init__.py",
        ".venv/bin/python",
        "game/__pycache__/x.pyc",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    files = {str(p).replace("\\", "/") for p in play._project_files(tmp_path)}
    assert files == {"play.py", "main.py", "game/__init__.py"}
