"""Helpers for browser tests: a page that records console errors and foreign requests, and axe-core."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@dataclass
class Watched:
    """A Playwright page plus what it did that a test may forbid."""

    page: object
    origin: str
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.errors, "console errors:\n" + "\n".join(self.errors)
        assert not self.foreign, "requests to other hosts:\n" + "\n".join(self.foreign)


def watch(context: object, origin: str) -> Watched:
    page = context.new_page()
    watched = Watched(page, origin)
    page.on("console", lambda m: m.type == "error" and watched.errors.append(f"{page.url}: {m.text}"))
    page.on("pageerror", lambda e: watched.errors.append(f"{page.url}: {e}"))

    def on_request(request: object) -> None:
        url = request.url
        if not url.startswith((origin, "data:", "blob:", "about:")):
            watched.foreign.append(url)

    page.on("request", on_request)
    # Nothing may leave the machine even if a test forgets to look.
    context.route(lambda url: not url.startswith((origin, "data:", "blob:", "about:")), lambda route: route.abort())
    return watched


def axe_violations(page: object) -> list[str]:
    """WCAG 2.1 A/AA violations that axe-core finds on the page as it is now."""
    # Let transitions (Material's header title, scrolling) finish: axe judges what it sees.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in result["violations"]
    ]


def page_paths(site_root: Path) -> list[str]:
    """URL paths ('', 'regler/', ...) of every built content page."""
    paths = []
    for index in sorted(site_root.rglob("index.html")):
        rel = index.parent.relative_to(site_root).as_posix()
        paths.append("" if rel == "." else rel + "/")
    return paths
