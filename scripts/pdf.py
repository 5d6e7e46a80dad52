"""The whole handbook as a PDF, printed by Chromium from the print page
(docs/hela-handboken.md) of a built site. Called by scripts/publish.py before
the swap; the PDF goes into the new site as hela-handboken.pdf.

Chromium has no target-counter(), so the table of contents gets its page
numbers in two passes: print once, read on which page each section's heading
landed (the PDF's named destinations, which Chromium writes for every
in-page link target), write the numbers into the page and print again. The
numbers are reserved in the first pass, so the second lays out the same.

Each page has the handbook's title in its header and "Sida x av y" in its footer.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PRINT_PAGE = Path("hela-handboken") / "index.html"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_FOOTER_STYLE = "font-size:8pt;width:100%;margin:0 1.5cm;font-family:sans-serif;color:#444"


_FILL = """(pages) => {
  for (const s of document.querySelectorAll("[data-mdx-toc-page]")) s.textContent = pages[s.dataset.mdxTocPage];
}"""


class PdfError(Exception):
    """The PDF could not be made; the message is Swedish, for the person publishing."""


@dataclass(frozen=True)
class PdfResult:
    path: Path
    pages: int
    toc: dict[str, int]  # section heading id -> page number (1-based)


def chromium_path() -> str | None:
    """Debian's chromium when present (or $CHROMIUM), else Playwright's own browser."""
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def _templates(title: str) -> tuple[str, str]:
    header = f'<div style="{_FOOTER_STYLE};text-align:left">{_escape(title)}</div>'
    footer = (
        f'<div style="{_FOOTER_STYLE};text-align:right">'
        'Sida <span class="pageNumber"></span> av <span class="totalPages"></span></div>'
    )
    return header, footer


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def heading_pages(pdf: bytes, wanted: list[str]) -> dict[str, int]:
    """Page number (1-based) of each wanted named destination in the PDF."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    found = {}
    for name, dest in reader.named_destinations.items():
        key = str(name).removeprefix("/")
        if key in wanted:
            found[key] = reader.get_destination_page_number(dest) + 1
    return found


def _print(browser: Any, page_file: Path, options: dict) -> tuple[bytes, dict[str, int]]:
    """Two passes: the PDF, and the page of each section heading in it."""
    page = browser.new_page()
    try:
        page.goto(page_file.resolve().as_uri())
        page.emulate_media(media="print")
        slots = page.locator("[data-mdx-toc-page]")
        ids = [slots.nth(i).get_attribute("data-mdx-toc-page") for i in range(slots.count())]
        # Pass 1: the widest number in every slot, so that filling in the real ones moves nothing.
        page.evaluate(_FILL, dict.fromkeys(ids, "000"))
        pages = heading_pages(page.pdf(**options), ids)
        missing = [i for i in ids if i not in pages]
        if missing:
            raise PdfError("PDF:en blev inte rätt: rubrikerna " + ", ".join(missing) + " hittades inte i den.")
        page.evaluate(_FILL, {k: str(v) for k, v in pages.items()})
        return page.pdf(**options), pages
    finally:
        page.close()


def make_pdf(site: Path, out: Path, *, title: str, browser: Any = None) -> PdfResult:
    """Print site/hela-handboken/index.html to `out` with page numbers in its contents.
    `browser`: a Playwright browser that is already running (the tests'); else one is started."""
    page_file = site / PRINT_PAGE
    if not page_file.is_file():
        raise PdfError(f"Sidan {PRINT_PAGE.as_posix()} saknas i den byggda webbplatsen, så ingen PDF kan göras.")
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise PdfError(
            "Paketet playwright saknas, så PDF:en med hela handboken kan inte göras. "
            "Installera det med: .venv/bin/pip install -r requirements.txt"
        ) from None
    header, footer = _templates(title)
    options = {
        "format": "A4",
        "print_background": True,
        "display_header_footer": True,
        "header_template": header,
        "footer_template": footer,
        "margin": {"top": "2cm", "bottom": "2cm", "left": "1.5cm", "right": "1.5cm"},
        "tagged": True,
        "outline": True,
    }
    try:
        if browser is not None:
            final, pages = _print(browser, page_file, options)
        else:
            with sync_playwright() as pw:
                try:
                    own = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
                except PlaywrightError as exc:
                    raise PdfError(
                        "Chromium saknas eller går inte att starta, så PDF:en med hela handboken kan inte göras. "
                        "Installera Debians paket chromium (apt-get install chromium) eller Playwrights "
                        f"webbläsare (.venv/bin/playwright install chromium). Felet var: {str(exc).splitlines()[0]}"
                    ) from None
                try:
                    final, pages = _print(own, page_file, options)
                finally:
                    own.close()
    except PlaywrightError as exc:
        raise PdfError(f"Chromium kunde inte skriva ut hela handboken: {str(exc).splitlines()[0]}") from None
    out.write_bytes(final)
    from pypdf import PdfReader

    return PdfResult(out, len(PdfReader(io.BytesIO(final)).pages), pages)
