"""Benchmark: how long a strict build takes and how heavy the pages are.

Prints figures; asserts nothing (timings on shared machines are noisy, so
compare figures from one run, e.g. build time against a plain `mkdocs --version`
start-up measured in the same run).

    make bench            # or: .venv/bin/python scripts/bench.py [runs]
"""

from __future__ import annotations

import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=ENV, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


def kib(n: int) -> str:
    return f"{n / 1024:7.1f} KiB"


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as out:
        build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", out]
        baseline = [sys.executable, "-m", "mkdocs", "--version"]
        builds = [timed(build) for _ in range(runs)]
        starts = [timed(baseline) for _ in range(runs)]
        print(f"strict build, median of {runs}: {statistics.median(builds):.2f} s (min {min(builds):.2f} s)")
        print(f"python + mkdocs start-up:      {statistics.median(starts):.2f} s")
        print(f"build / start-up ratio:        {statistics.median(builds) / statistics.median(starts):.1f}")

        site = Path(out)
        files = [p for p in site.rglob("*") if p.is_file()]
        print(f"\nsite: {len(files)} files, {kib(sum(p.stat().st_size for p in files))} on disk")
        ours = [*sorted((site / "assets/javascripts/handbook").glob("*.js")), site / "assets/stylesheets/handbook.css"]
        for path in ours:
            raw = path.read_bytes()
            print(f"  {path.relative_to(site)}: {kib(len(raw))} ({kib(len(gzip.compress(raw)))} gzip)")

        print("\npage HTML (gzip), heaviest first:")
        pages = sorted(site.rglob("index.html"), key=lambda p: p.stat().st_size, reverse=True)
        for page in pages:
            raw = page.read_bytes()
            name = page.parent.relative_to(site).as_posix()
            print(f"  /{'' if name == '.' else name + '/':34} {kib(len(raw))} ({kib(len(gzip.compress(raw)))})")
        index = site / "search" / "search_index.json"
        print(f"\nsearch index: {kib(index.stat().st_size)} ({kib(len(gzip.compress(index.read_bytes())))} gzip)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
