"""How long `scenarios` takes with many installed mods: the first run (every mod checked) and
the next (the mods cache). The issue's line: 1,000 mods list in under 2 s.

Run: .venv/bin/python bench/mods_bench.py [--mods 1000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "scenarios" / "examples" / "harsher_grid"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mods", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as home:
        for i in range(args.mods):
            folder = Path(home) / "mods" / f"m{i}"
            shutil.copytree(EXAMPLE, folder)
            manifest = folder / "mod.yaml"
            manifest.write_text(manifest.read_text().replace("id: harsher_grid", f"id: mod_{i}", 1))
            scenario = folder / "harsher_grid.yaml"
            scenario.write_text(scenario.read_text().replace("  id: harsher_grid", f"  id: harsher_grid_{i}", 1))
        env = dict(os.environ, SEVEN_TRILLION_HOME=home)
        for label in ("first run (every mod checked)", "next run (from the cache)"):
            t0 = time.perf_counter()
            out = subprocess.run([sys.executable, "-m", "game", "scenarios"], cwd=ROOT, env=env, capture_output=True, text=True)
            listed = sum(1 for line in out.stdout.splitlines() if line.startswith("harsher_grid_"))
            print(f"{label}: {time.perf_counter() - t0:.2f} s for {listed} mods listed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
