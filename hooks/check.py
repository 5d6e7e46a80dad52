"""The one check before a pull request: make check (CI runs it too).

    python hooks/check.py            # everything: data, pages, ids, the strict build, links, LIX
    python hooks/check.py --snabb    # only what needs no build (make serve and make build start with it)

Each step prints one line in Swedish, then the problems it found with file,
line and field. The exit code is 1 if any step found a problem. The quick part
needs no MkDocs, so it also guards a build by another engine.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import guideline_data
import ids
import lix
import page_macros

ROOT = Path(__file__).resolve().parent.parent
OK, FAIL = "✓", "✗"


def problems(root: Path = ROOT) -> tuple[dict[str, list[guideline_data.Problem]], dict]:
    """The quick checks: the data file (raises DataError), the pages and their
    macros, and the published ids. Returns the problems by kind and a few counts."""
    data_file = root / "data" / "guideline.yml"
    data = guideline_data.load(data_file)  # raises DataError with every problem of the file
    docs = root / "docs"
    pages = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8-sig") for p in sorted(docs.rglob("*.md"))}
    versions = ids.load_record(root)
    found = {
        "pages": guideline_data.page_problems(data_file, set(pages)) + page_macros.site_problems(pages, data),
        "ids": ids.problems(data, versions, ids.record_text(root), data_file.read_text(encoding="utf-8")),
    }
    counts = {
        "pages": len(pages),
        "rules": len(data["rules"]),
        "ska": sum(r["level"] == "ska" for r in data["rules"]),
        "forms": len(data["forms"]),
        "checklists": len(data["checklists"]),
        "versions": len(versions),
    }
    return found, counts


class Report:
    """Prints each step's line and remembers whether any step failed."""

    def __init__(self) -> None:
        self.failed = False

    def step(self, ok: bool, line: str, details: list[str] = ()) -> None:
        print(f"  {OK if ok else FAIL} {line}")
        for detail in details:
            print(f"      {detail}")
        self.failed |= not ok


def _build(root: Path, out: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.setdefault("SITE_URL", "http://127.0.0.1:8000/")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _build_problems(stderr: str) -> list[str]:
    """MkDocs' own ERROR and WARNING lines, and our reports under them."""
    keep, inside = [], False
    for line in stderr.splitlines():
        if line.startswith(("ERROR", "WARNING", "Aborted")):
            inside = True
            keep.append(line)
        elif inside and line.startswith("  "):
            keep.append(line)
        else:
            inside = False
    return keep or stderr.strip().splitlines()[-5:]


def run(root: Path = ROOT, quick: bool = False, build: Callable = _build) -> int:
    print("Kontroll av handboken")
    report = Report()
    try:
        found, counts = problems(root)
    except guideline_data.DataError as exc:
        details = exc.report().splitlines()[1:]
        report.step(False, "Datafilen har fel. Rätta dem först; de andra kontrollerna väntar.", details)
        print("Något behöver rättas. Se raderna med ✗ ovan.")
        return 1
    report.step(
        True,
        f"Datafilen: {counts['rules']} regler ({counts['ska']} ska, som vilar på lag eller riktlinjen), "
        f"{counts['forms']} blanketter, {counts['checklists']} checklistor",
    )
    pages = [str(p) for p in found["pages"]]
    report.step(not pages, f"Sidorna och deras makron: {counts['pages']} sidor", pages)
    n = counts["versions"]
    versions = {0: "inget publicerat än", 1: "1 publicerad version"}.get(n, f"{n} publicerade versioner")
    published = [str(p) for p in found["ids"]]
    report.step(not published, f"Publicerade id finns kvar eller är pensionerade ({versions})", published)
    if not quick:
        with tempfile.TemporaryDirectory(prefix="handbok-kontroll-") as tmp:
            result = build(root, Path(tmp) / "site")
            ok = result.returncode == 0
            report.step(ok, "Bygget (strikt), länkar och ankare", [] if ok else _build_problems(result.stderr))
            if ok:
                scores = lix.site_scores(Path(tmp) / "site")
                hard = lix.problems(scores)
                worst = max(scores.values())
                median = statistics.median(scores.values())
                report.step(
                    not hard,
                    f"Läsbarhet: LIX högst {worst:.0f} (gräns {lix.MAX_LIX}), median {median:.0f} "
                    f"(gräns {lix.MAX_MEDIAN_LIX}), {len(scores)} sidor",
                    hard,
                )
    print("Allt är i ordning." if not report.failed else "Något behöver rättas. Se raderna med ✗ ovan.")
    return 1 if report.failed else 0


def main(argv: list[str]) -> int:
    return run(quick="--snabb" in argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
