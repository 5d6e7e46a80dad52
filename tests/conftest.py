"""Shared fixtures: one strict build of the site, served on 127.0.0.1, and Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from nginx import free_port  # noqa: E402  (scripts/nginx.py)
from pdf import CHROMIUM_ARGS, chromium_path  # noqa: E402  (one place for how Chromium is started)

BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
# What a project copy needs to build.
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "data")


@dataclass(frozen=True)
class Site:
    root: Path  # the built site
    url: str  # where it is served, ending in /

    def pages(self) -> list[Path]:
        """Every built content page (not the 404 page, not the short links r/<id>/)."""
        return sorted(
            p for p in self.root.rglob("*.html") if p.name == "index.html" and not is_short_link(self.root, p)
        )

    def page(self, url_path: str) -> Path:
        return self.root / url_path / "index.html"


def is_short_link(site_root: Path, path: Path) -> bool:
    """A generated short link page (r/<id>/index.html), which only sends the reader on."""
    return path.relative_to(site_root).parts[0] == "r" and len(path.relative_to(site_root).parts) == 3


def soup(path: Path) -> BeautifulSoup:
    """A built page, parsed."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def mkdocs_build(project: Path, out: Path, site_url: str = "http://127.0.0.1:8000/") -> subprocess.CompletedProcess:
    """Run a strict build the way `make build` does and return the finished process."""
    return subprocess.run(
        # Not -q: MkDocs counts only the warnings it prints, so -q would let --strict pass them.
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
        env={**BUILD_ENV, "SITE_URL": site_url},
        capture_output=True,
        text=True,
        timeout=300,
    )


def copy_project(dest: Path) -> Path:
    """A copy of the project to change without touching the real one."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    # The build's esbuild (hooks/bundle.py), read only: never run npm in a copy.
    (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return dest


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that answers a missing path with the site's 404.html, as nginx's
    `error_page 404 /404.html` does (and GitHub Pages, Netlify)."""

    def log_message(self, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(directory: Path, port: int | None = None) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 while the block runs; yields its URL, ending in /."""
    port = port or free_port()
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    out = tmp_path_factory.mktemp("site")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    result = mkdocs_build(ROOT, out, url)
    assert result.returncode == 0, result.stderr
    with serve(out, port):
        yield Site(out, url)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def read_data(project: Path) -> dict:
    """A project copy's data file as written (without the defaults the loader adds)."""
    return yaml.safe_load((project / "data" / "guideline.yml").read_text(encoding="utf-8"))


def write_data(project: Path, data: dict) -> None:
    """Replace a project copy's data file with `data` (comments are not kept)."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    (project / "data" / "guideline.yml").write_text(text, encoding="utf-8")
