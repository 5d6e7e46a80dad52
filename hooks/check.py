"""Check the data file and the pages before any site engine runs.

    python hooks/check.py            # or: make check

The same checks run inside the MkDocs build (hooks/build_hooks.py); this
command needs no MkDocs, so it also guards a build by another engine, and an
editor gets every problem at once, in Swedish, with file, line and field.
"""

from __future__ import annotations

import sys
from pathlib import Path

import guideline_data
import page_macros

ROOT = Path(__file__).resolve().parent.parent


def problems(root: Path = ROOT) -> tuple[list[guideline_data.Problem], dict]:
    data_file = root / "data" / "guideline.yml"
    data = guideline_data.load(data_file)  # raises DataError with every problem of the file
    docs = root / "docs"
    pages = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8-sig") for p in sorted(docs.rglob("*.md"))}
    found = guideline_data.page_problems(data_file, set(pages))
    found += page_macros.site_problems(pages, data)
    return found, {"pages": len(pages), "rules": len(data["rules"])}


def main() -> int:
    try:
        found, counts = problems()
    except guideline_data.DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    if found:
        print(guideline_data.DataError(found, subject="Handboken").report(), file=sys.stderr)
        return 1
    print(f"Datafilen och sidorna är i ordning ({counts['rules']} regler, {counts['pages']} sidor).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
