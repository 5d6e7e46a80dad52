"""Helpers for browser tests: a page that records console errors and foreign requests, and axe-core."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from conftest import ROOT, is_short_link

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


def as_without_javascript(context: object) -> None:
    """Pages in `context` look as they do with JavaScript off, while tests can still run
    axe: our scripts are blocked, and handbook.css's rules for a browser that runs
    scripts (@media (scripting: enabled): space kept for what a component reveals)
    apply as they do with JavaScript off, which Chromium cannot emulate."""
    context.route("**/assets/javascripts/handbook/*.js", lambda route: route.abort())

    def flipped(route: object) -> None:
        response = route.fetch()
        css = response.text()
        css, flips = re.subn(r"\(scripting:\s*enabled\)", "(scripting: none)", css)
        assert flips, "handbook.css has no rules for a browser that runs scripts"
        route.fulfill(response=response, body=css)

    context.route("**/assets/stylesheets/handbook.css", flipped)


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


def axe_violations(page: object, rules: list[str] | None = None, *, as_loaded: bool = False) -> list[str]:
    """WCAG 2.1 A/AA violations that axe-core finds on the page as it is now; or only
    those of `rules`. `as_loaded`: as Lighthouse sees the page, parts not drawn yet too."""
    # Let transitions (Material's header title, scrolling) finish: axe judges what it sees.
    # Two frames first, so a transition that a scroll has just triggered has started.
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    # Parts of long pages are drawn only near the screen (content-visibility: auto in
    # handbook.css). axe finds the background behind a text by what is drawn at its
    # place, which for a part not drawn yet is wrong, so it runs with every part drawn:
    # the colours and the content are the same either way.
    result = page.evaluate(
        """async ([only, asLoaded]) => {
          const drawn = new CSSStyleSheet();
          drawn.replaceSync(asLoaded ? "" : "* { content-visibility: visible !important; }");
          document.adoptedStyleSheets = [...document.adoptedStyleSheets, drawn];
          await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
          try {
            return await axe.run(document, {runOnly: only, resultTypes: ['violations']});
          } finally {
            document.adoptedStyleSheets = document.adoptedStyleSheets.filter(s => s !== drawn);
          }
        }""",
        [rules or {"type": "tag", "values": WCAG_21_AA}, as_loaded],
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in result["violations"]
    ]


def page_paths(site_root: Path) -> list[str]:
    """URL paths ('', 'regler/', ...) of every built content page."""
    paths = []
    for index in sorted(p for p in site_root.rglob("index.html") if not is_short_link(site_root, p)):
        rel = index.parent.relative_to(site_root).as_posix()
        paths.append("" if rel == "." else rel + "/")
    return paths


# The palettes in mkdocs.yml: the colour scheme a test emulates and the scheme Material then sets.
PALETTES = {"light": "default", "dark": "slate"}


def palette_context(browser: object, scheme: str, **options: object) -> object:
    """A fresh context in one palette. Material picks the palette from the media query on
    the first load and stores it (`__palette` in localStorage); after that, emulate_media
    in the same context changes nothing, so each palette needs its own context."""
    return browser.new_context(locale="sv-SE", color_scheme=scheme, **options)


def assert_palette(page: object, scheme: str) -> None:
    assert page.evaluate("document.body.dataset.mdColorScheme") == PALETTES[scheme], f"not in the {scheme} palette"


def _rgb(css: str) -> tuple[float, float, float]:
    parts = css[css.index("(") + 1 : css.index(")")].replace(",", " ").replace("/", " ").split()
    return tuple(float(p) for p in parts[:3])


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two computed CSS colours (rgb()/rgba(), alpha ignored)."""

    def luminance(css: str) -> float:
        lin = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in _rgb(css)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# The colour behind an element: the first ancestor (or itself) with an opaque background.
BACKGROUND = """el => {
  for (let node = el; node; node = node.parentElement) {
    const bg = getComputedStyle(node).backgroundColor;
    if (!/rgba\\(.*,\\s*0\\)$/.test(bg) && bg !== "transparent") return bg;
  }
  return "rgb(255, 255, 255)";
}"""


def background(page: object, selector: str) -> str:
    return page.locator(selector).first.evaluate(BACKGROUND)


# The focused element's ring, the colour around it (its parent's background: the
# ring sits outside the element, past outline-offset), and the ancestor that cuts
# the ring off, if any: paint containment (content-visibility: auto, contain:
# paint) clips what is drawn outside the box, short of its overflow-clip-margin,
# and so does a box that scrolls or hides what overflows it (a sidebar, a table).
FOCUS_RING = f"""() => {{
  const el = document.activeElement;
  const style = getComputedStyle(el);
  // How far the ring reaches outside the box (a negative offset draws it inside).
  const reach = Math.max(0, parseFloat(style.outlineWidth) + (parseFloat(style.outlineOffset) || 0));
  const ring = el.getBoundingClientRect();
  let clippedBy = null;
  // Not <html> or <body>: their overflow is the viewport's, which scrolls to the focus.
  for (let box = el.parentElement; box && box !== document.body && !clippedBy; box = box.parentElement) {{
    const b = getComputedStyle(box);
    const paint = ["auto", "hidden"].includes(b.contentVisibility) || /paint|strict|content/.test(b.contain);
    const scrolls = b.overflowX !== "visible" || b.overflowY !== "visible";
    if (!paint && !scrolls) continue;
    const margin = paint || b.overflowX === "clip" ? parseFloat(b.overflowClipMargin) || 0 : 0;
    const r = box.getBoundingClientRect();
    if (ring.left - reach < r.left - margin - 0.5 || ring.right + reach > r.right + margin + 0.5 ||
        ring.top - reach < r.top - margin - 0.5 || ring.bottom + reach > r.bottom + margin + 0.5) {{
      clippedBy = box.tagName.toLowerCase() + "." + [...box.classList].join(".");
    }}
  }}
  return {{
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    color: style.outlineColor,
    around: ({BACKGROUND})(el.parentElement),
    clippedBy,
  }};
}}"""


def focus_ring_problem(page: object) -> str | None:
    """Why the focused element has no visible focus ring (WCAG 2.4.7, 1.4.11), or None."""
    ring = page.evaluate(FOCUS_RING)
    if ring["style"] in ("none", "hidden") or ring["width"] < 2:
        return f"outline {ring['style']} {ring['width']}px"
    if ring["clippedBy"]:
        return f"outline cut off by {ring['clippedBy']} (paint containment or overflow)"
    ratio = contrast(ring["color"], ring["around"])
    if ratio < 3:
        return f"outline {ring['color']} on {ring['around']}: {ratio:.2f}:1"
    return None


def tab_to(page: object, selector: str, limit: int = 300) -> None:
    """Press Tab until the element matching `selector` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("sel => document.activeElement.matches(sel)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")
