"""The batch's speed on two commits, one after the other, and the ratio new / old.

Each commit is exported (`git archive`) to a temporary folder, and each one's own
bench/sim_bench.py times its batch, alternating old and new `--repeat` times; the best rate of
each is kept (the least disturbed by other work).

Run: .venv/bin/python bench/compare_speed.py [OLD [NEW]] [--bot random] [--worlds 100000]
     [--repeat 3]   (OLD defaults to main, NEW to HEAD)
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RATE = re.compile(r"batch of\s+([\d,]+) worlds:.*=\s+([\d,]+) world-quarters/s")


def export(rev: str, into: Path) -> Path:
    data = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def rate(tree: Path, args: argparse.Namespace) -> float:
    env = dict(os.environ, PYTHONPATH=str(tree), OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    out = subprocess.run(
        [sys.executable, "bench/sim_bench.py", "--bot", args.bot, "--sizes", str(args.worlds), "--loop", "1"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    m = RATE.search(out)
    if not m:
        raise SystemExit(f"no rate in the bench's output:\n{out}")
    return float(m.group(2).replace(",", ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", nargs="?", default="main")
    ap.add_argument("new", nargs="?", default="HEAD")
    ap.add_argument("--bot", default="random")
    ap.add_argument("--worlds", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old = export(args.old, Path(tmp) / "old")
        new = export(args.new, Path(tmp) / "new")
        rates: dict[str, list[float]] = {"old": [], "new": []}
        for _ in range(args.repeat):
            rates["old"].append(rate(old, args))
            rates["new"].append(rate(new, args))
    best = {k: max(v) for k, v in rates.items()}
    print(f"{args.bot} bot, {args.worlds:,} worlds, best of {args.repeat}")
    print(f"  old {args.old}: {best['old']:>12,.0f} world-quarters/s  (runs: {', '.join(f'{r:,.0f}' for r in rates['old'])})")
    print(f"  new {args.new}: {best['new']:>12,.0f} world-quarters/s  (runs: {', '.join(f'{r:,.0f}' for r in rates['new'])})")
    print(f"  ratio new / old: {best['new'] / best['old']:.1%}")


if __name__ == "__main__":
    main()
