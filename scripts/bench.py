"""Benchmark: how long a strict build takes against plain Material, how heavy
the pages are, and what Lighthouse says of the site as nginx serves it.

Prints figures; asserts nothing (timings on shared machines are noisy, so
compare figures from one run).

1. Build time. "Plain Material" is the same docs/ and the same mkdocs.yml
   without our hooks, macros and theme overrides; the two builds alternate so
   that a busy machine slows both alike. The target is a ratio of at most 1.5.
   Our build keeps two caches in .cache/ (the checked data file and the
   compiled partials); the first build after a change pays for them, and the
   script prints that figure too.
2. Sizes: the site, each page's HTML, the search index, and our own JavaScript
   and CSS as nginx sends them (gzip), in all and per page. Target: at most
   12 KB on any page.
3. Lighthouse (lighthouse in package-lock.json, mobile, its default simulated
   throttling) with Debian's chromium, against a strict build served by nginx
   with deploy/ (gzip on): the home page, the rule catalogue, a law page, the
   checklist page and the comment guide, each run `--runs` times (3 unless
   told), interleaved, and the median printed. The same runs on a bare
   Material page (one short page, Material's defaults) show what this machine
   allows; the same page with our light/dark palette shows what the toggle
   costs there (its script restyles the whole page on load: little on a short
   page, more on a long one).
   Target: 100 in performance, accessibility, best practices and SEO.

    make bench                                   # everything
    .venv/bin/python scripts/bench.py --only lighthouse --runs 3
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
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
sys.path.insert(0, str(ROOT / "scripts"))

import nginx  # noqa: E402  (scripts/nginx.py)
import pdf  # noqa: E402  (scripts/pdf.py: where Chromium is)

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
TARGET_RATIO = 1.5
TARGET_OWN_KB = 12
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {  # Lighthouse audit -> (column, unit divisor, unit)
    "first-contentful-paint": ("FCP", 1000, "s"),
    "largest-contentful-paint": ("LCP", 1000, "s"),
    "total-blocking-time": ("TBT", 1, "ms"),
    "cumulative-layout-shift": ("CLS", 1, ""),
    "speed-index": ("SI", 1000, "s"),
}
# The kinds of page issue 14 names, by their address in the site.
PAGES = {
    "home page": "",
    "rule catalogue": "regler/",
    "law page": "lagar/offentlighet/",
    "checklist": "checklistor/starta-konto/",
    "comment guide": "inlagg/hantera-kommentar/",
}
# Our own files, as built by hooks/bundle.py: what a page loads of them is counted.
OWN = ("/assets/javascripts/handbook/", "/assets/stylesheets/handbook", "/assets/javascripts/short-link.js")


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


def build_benchmark(runs: int) -> None:
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
        print("\npage HTML (gzip), heaviest first:")
        pages = sorted(site.rglob("index.html"), key=lambda p: p.stat().st_size, reverse=True)
        for page in pages:
            raw = page.read_bytes()
            name = page.parent.relative_to(site).as_posix()
            print(f"  /{'' if name == '.' else name + '/':34} {kib(len(raw))} ({kib(len(gzip.compress(raw)))})")
        index = site / "search" / "search_index.json"
        print(f"\nsearch index: {kib(index.stat().st_size)} ({kib(len(gzip.compress(index.read_bytes())))} gzip)")


def served_size(port: int, path: str) -> int:
    """The bytes nginx sends for `path` to a browser that accepts gzip (the body, not the headers)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
    body = conn.getresponse().read()
    conn.close()
    return len(body)


def lighthouse(url: str, chromium: str, out: Path) -> dict | None:
    """One Lighthouse run (mobile, simulated throttling); its report, or None when it failed."""
    flags = " ".join(a for a in pdf.CHROMIUM_ARGS if a != "--headless") + " --headless=new --disable-dev-shm-usage"
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={flags}",
            f"--only-categories={','.join(CATEGORIES)}",
        ],
        env={**os.environ, "CHROME_PATH": chromium},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0 or not out.exists():
        return None
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError") or any(report["categories"][c]["score"] is None for c in CATEGORIES):
        return None
    return report


def summarise(report: dict, port: int, sizes: dict[str, int]) -> dict:
    """Scores (0-100), metrics and the bytes of our own files this page requested."""
    row = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    for audit in METRICS:
        row[audit] = report["audits"][audit]["numericValue"]
    own = set()
    for item in report["audits"]["network-requests"]["details"]["items"]:
        path = item["url"].split(f"127.0.0.1:{port}", 1)[-1]
        if path.startswith(OWN):
            own.add(path)
    for path in own - sizes.keys():
        sizes[path] = served_size(port, path)
    row["own"] = sum(sizes[p] for p in own)
    return row


def our_palette() -> list:
    """The light/dark palette with its toggle, as in mkdocs.yml."""
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)["theme"]["palette"]


def bare_material(directory: Path, site_url: str, site: Path, palette: list | None = None) -> None:
    """Material as it comes, one short Swedish page: what this machine allows Lighthouse
    to see. With `palette`, the same with our light/dark toggle."""
    (directory / "docs").mkdir(parents=True)
    (directory / "docs" / "index.md").write_text("# Riktlinje\n\nEn kort sida.\n", encoding="utf-8")
    theme = {"name": "material", "language": "sv", **({"palette": palette} if palette else {})}
    config = {"site_name": "Material", "site_url": site_url, "theme": theme}
    (directory / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(directory / "mkdocs.yml"), "-d", str(site)],
        check=True,
        env=ENV,
        capture_output=True,
    )


# The references, on one nginx: name -> path.
REFERENCES = {"bare Material": "", "+ our palette": "palett/"}


def lighthouse_benchmark(runs: int) -> None:
    chromium = pdf.chromium_path()
    if not LIGHTHOUSE.is_file() or not chromium or not nginx.NGINX:
        print("Lighthouse skipped: it needs node_modules/ (npm ci), Debian's chromium and nginx (make bench has them).")
        return
    version = json.loads((ROOT / "node_modules" / "lighthouse" / "package.json").read_text())["version"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        port, bare_port = nginx.free_port(), nginx.free_port()
        site = tmp_path / "site"
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
            check=True,
            env={**ENV, "SITE_URL": f"http://127.0.0.1:{port}/"},
            cwd=ROOT,
            capture_output=True,
        )
        bare = tmp_path / "bare-site"
        for path, palette in zip(REFERENCES.values(), (None, our_palette()), strict=True):
            bare_material(tmp_path / f"bare-{len(path)}", f"http://127.0.0.1:{bare_port}/{path}", bare / path, palette)
        own_files = {
            "/" + p.relative_to(site).as_posix()
            for p in site.rglob("*")
            if p.is_file() and ("/" + p.relative_to(site).as_posix()).startswith(OWN)
        }
        rows: dict[str, list[dict]] = {name: [] for name in [*PAGES, *REFERENCES]}
        failed: dict[str, int] = dict.fromkeys(rows, 0)
        sizes: dict[str, int] = {}
        with (
            nginx.serving(site, tmp_path / "conf", port),
            nginx.serving(bare, tmp_path / "bare-conf", bare_port),
        ):
            total_own = sum(served_size(port, p) for p in own_files)
            targets = [(name, f"http://127.0.0.1:{port}/{path}", port) for name, path in PAGES.items()]
            targets += [(name, f"http://127.0.0.1:{bare_port}/{path}", bare_port) for name, path in REFERENCES.items()]
            for run in range(runs):  # interleaved: a busy moment slows every page alike
                for name, url, at in targets:
                    for _attempt in range(2):  # Lighthouse sometimes fails to record a trace
                        report = lighthouse(url, chromium, tmp_path / f"report-{run}.json")
                        if report:
                            rows[name].append(summarise(report, at, sizes))
                            break
                        failed[name] += 1
        print(f"\nLighthouse {version} (mobile, simulated throttling), Debian's chromium, nginx with gzip;")
        print(f"median of {runs} runs (lowest-highest). Targets: 100 everywhere, own JS+CSS <= {TARGET_OWN_KB} KB/page")
        head = f"  {'page':15} {'perf':>10} {'a11y':>5} {'bp':>4} {'seo':>4}"
        head += "".join(f" {col:>6}" for col, _, _ in METRICS.values()) + f" {'own JS+CSS':>11}"
        print(head)
        for name, results in rows.items():
            if not results:
                print(f"  {name:15} no run succeeded")
                continue
            perf = [r["performance"] for r in results]
            line = f"  {name:15} {statistics.median(perf):>4.0f} ({min(perf)}-{max(perf)})".ljust(28)
            line += "".join(f" {statistics.median(r[c] for r in results):>4.0f}" for c in CATEGORIES[1:])
            for audit, (_, divisor, unit) in METRICS.items():
                value = statistics.median(r[audit] for r in results) / divisor
                line += f" {value:>4.2f}" if unit != "ms" else f" {value:>4.0f}"
                line += unit.ljust(2)
            line += f" {results[0]['own'] / 1000:>6.2f} KB"
            print(line + (f"  ({failed[name]} failed runs retried)" if failed[name] else ""))
        print(f"  our JS+CSS in all, any page's: {total_own / 1000:.2f} KB gzip ({len(own_files)} files)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (build: 5, Lighthouse: 3)")
    parser.add_argument("--only", choices=("build", "lighthouse"), help="one part only")
    args = parser.parse_args(argv)
    if args.only != "lighthouse":
        build_benchmark(args.runs or 5)
    if args.only != "build":
        lighthouse_benchmark(args.runs or 3)


if __name__ == "__main__":
    main()
