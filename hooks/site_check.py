"""Check a built site before it is published (scripts/publish.py, the tests).

- the files a server needs are there: index.html, 404.html, sitemap.xml, and
  the sitemap names the public address;
- every link and anchor in the finished pages (navigation included) leads
  somewhere that exists (hooks/html_check.py, over the written files);
- every script written into a page is allowed by the Content-Security-Policy
  in deploy/handbok-headers.conf, so the served site breaks nothing.

Pure: no MkDocs import. Each check returns Swedish sentences, one a problem.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

import html_check

ROOT = Path(__file__).resolve().parent.parent
HEADERS_CONF = ROOT / "deploy" / "handbok-headers.conf"
REQUIRED_FILES = ("index.html", "404.html", "sitemap.xml")

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"\stype\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_JS_TYPES = {"", "module", "text/javascript", "application/javascript"}
_CSP = re.compile(r"add_header\s+Content-Security-Policy\s+\"([^\"]+)\"")


def inline_scripts(html: str) -> list[str]:
    """The text of every script in the page that the browser runs (not JSON data blocks)."""
    found = []
    for attrs, body in _SCRIPT.findall(html):
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in _JS_TYPES:
            found.append(body)
    return found


def script_hash(text: str) -> str:
    """A CSP hash source for an inline script, e.g. 'sha256-abc…='."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def policy(conf: Path = HEADERS_CONF) -> str:
    """The Content-Security-Policy the server sends, as written in its configuration."""
    match = _CSP.search(conf.read_text(encoding="utf-8"))
    if not match:
        raise ValueError(f"{conf.name} har ingen rad add_header Content-Security-Policy.")
    return match.group(1)


def script_sources(csp: str) -> set[str]:
    for directive in csp.split(";"):
        name, *values = directive.split()
        if name == "script-src":
            return set(values)
    return set()


def site_hashes(site: Path) -> dict[str, str]:
    """Hash source -> the first page (site-relative) whose inline script has it."""
    found: dict[str, str] = {}
    for page in sorted(site.rglob("*.html")):
        for text in inline_scripts(page.read_text(encoding="utf-8")):
            found.setdefault(script_hash(text), page.relative_to(site).as_posix())
    return found


def csp_problems(site: Path, conf: Path = HEADERS_CONF) -> list[str]:
    allowed = script_sources(policy(conf))
    missing = {h: page for h, page in site_hashes(site).items() if h not in allowed}
    if not missing:
        return []
    pages = ", ".join(sorted(set(missing.values()))[:5])
    wanted = " ".join(sorted(site_hashes(site)))
    return [
        f"{len(missing)} skript i sidorna (till exempel i {pages}) stoppas av webbserverns "
        f"Content-Security-Policy i {conf.name}. Temat eller overrides/main.html har ändrats. "
        f"Skriv script-src 'self' {wanted} i {conf.name}, installera den på servern och publicera igen."
    ]


def required_problems(site: Path, site_url: str) -> list[str]:
    found = [f"{name} saknas i den byggda webbplatsen." for name in REQUIRED_FILES if not (site / name).is_file()]
    sitemap = site / "sitemap.xml"
    if sitemap.is_file() and f"<loc>{site_url}" not in sitemap.read_text(encoding="utf-8"):
        found.append(f"sitemap.xml nämner inte den publika adressen {site_url}. Bygg med SITE_URL={site_url}.")
    return found


def link_problems(site: Path, site_url: str) -> list[str]:
    """Every link in the written pages. The 404 page's links start at the site's
    path (it is shown at any depth); they are checked as links from the root."""
    base = urlsplit(site_url).path or "/"
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        html = path.read_text(encoding="utf-8")
        if rel == "404.html":
            html = html.replace(f'href="{base}', 'href="./')
        url = rel.removesuffix("index.html")
        pages.append(html_check.RenderedPage(rel, url, html))
    others = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.suffix != ".html"}
    return [str(p) for p in html_check.problems(pages, others)]


def problems(site: Path, site_url: str, conf: Path = HEADERS_CONF) -> list[str]:
    found = required_problems(site, site_url)
    if not found:
        found += link_problems(site, site_url)
        found += csp_problems(site, conf)
    return found
