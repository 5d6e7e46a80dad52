"""Benchmark: how long a strict build takes against plain Material, and how
heavy the pages are.

Prints figures; asserts nothing (timings on shared machines are noisy, so
compare figures from one run). "Plain Material" is the same docs/ and the same
mkdocs.yml without our hooks, macros and theme overrides; the two builds
alternate so that a busy machine slows both alike. The target is a ratio of
at most 1.5. Our build keeps two caches in .cache/ (the checked data file
and the compiled partials); the first build after a change pays for them, and
the script prints that figure too.

    make bench            # or: .venv/bin/python scripts/bench.py [runs]
"""

from __future__ import annotations

import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
TARGET_RATIO = 1.5


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, taking the default of each !ENV tag."""


_ConfigLoader.add_constructor(
    "!ENV", lambda loader, node: loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None
)


def plain_config(directory: Path) -> Path:
    """mkdocs.yml without hooks, macros and overrides: Material as it comes."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    config.pop("hooks", None)
    config.pop("watch", None)
    config["theme"].pop("custom_dir", None)
    config["plugins"] = [p for p in config["plugins"] if (p if isinstance(p, str) else next(iter(p))) == "search"]
    config["docs_dir"] = str(ROOT / "docs")
    path = directory / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=ENV, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


def kib(n: int) -> str:
    return f"{n / 1024:7.1f} KiB"


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        out, plain_out = tmp_path / "site", tmp_path / "plain"
        ours = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)]
        # Not strict: without the macros the rule anchors are missing, which strict would refuse.
        plain = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain_config(tmp_path)), "-d", str(plain_out)]
        timed(ours), timed(plain)  # warm the file cache and the bytecode
        builds, plains = [], []
        for _ in range(runs):
            builds.append(timed(ours))
            plains.append(timed(plain))
        build, base = statistics.median(builds), statistics.median(plains)
        print(f"strict build, median of {runs}:   {build:.2f} s (min {min(builds):.2f} s)")
        print(f"plain Material, median of {runs}: {base:.2f} s (min {min(plains):.2f} s)")
        ratio, ratio_min = build / base, min(builds) / min(plains)
        print(f"ratio (target <= {TARGET_RATIO}):        {ratio:.2f} (of the minimums: {ratio_min:.2f})")
        shutil.rmtree(ROOT / ".cache", ignore_errors=True)  # the build's caches (checked data, partials)
        cold = timed(ours)
        print(f"one strict build without .cache/: {cold:.2f} s (ratio {cold / base:.2f}; the next one fills it)")

        site = out
        files = [p for p in site.rglob("*") if p.is_file()]
        print(f"\nsite: {len(files)} files, {kib(sum(p.stat().st_size for p in files))} on disk")
        own = [*sorted((site / "assets/javascripts/handbook").glob("*.js")), site / "assets/stylesheets/handbook.css"]
        for path in own:
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
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
