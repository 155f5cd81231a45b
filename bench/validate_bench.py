"""How long `validate` takes on the broken-file corpus (tests/scenario/broken, 10+ files).

    .venv/bin/python bench/validate_bench.py

Prints the time of the validation itself (in this process, after imports) and the wall time of
the whole command (`python -m game validate FOLDER` in a fresh interpreter, start-up included),
best of five runs each. The target is under 1 second for the whole command.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BROKEN = ROOT / "tests" / "scenario" / "broken"


def main() -> int:
    from game.cli.validate_cmd import validate_paths

    files = len(list(BROKEN.glob("*.yaml")))
    validate_paths([BROKEN])  # warm up: lazy imports, first pydantic use
    inner = []
    for _ in range(5):
        t0 = time.perf_counter()
        found = validate_paths([BROKEN])
        inner.append(time.perf_counter() - t0)
    outer = []
    for _ in range(5):
        t0 = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "game", "validate", "--quiet", str(BROKEN)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        outer.append(time.perf_counter() - t0)
    printed = len(done.stdout.splitlines())
    print(f"files: {files}, problems printed: {printed} (report: {found.report.summary()})")
    print(
        f"validation in process: best {min(inner) * 1000:.0f} ms, worst {max(inner) * 1000:.0f} ms"
    )
    print(f"whole command, start-up included: best {min(outer):.2f} s, worst {max(outer):.2f} s")
    return 0 if min(outer) < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
