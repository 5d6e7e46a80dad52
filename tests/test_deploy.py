"""The site served for real: Debian's nginx with deploy/handbok.conf and
deploy/handbok-headers.conf, in front of a fresh strict build, tested over HTTP
and in Chromium (no Content-Security-Policy violation on any kind of page).

nginx runs as the current user on 127.0.0.1 and a free port, with its pid, logs
and temporary files in a temporary directory; only the `listen` and `root`
lines of deploy/handbok.conf are replaced. `make test` installs nginx
(`make nginx`); these tests are skipped only where it cannot be installed.
"""

from __future__ import annotations

import gzip
import http.client
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import ids
import pytest
import site_check
from browser import axe_violations, watch
from conftest import BUILD_ENV, ROOT, copy_project, read_data, soup, write_data
from test_checklists import DATA, START, START_ITEMS, SUBMIT, fill_required
from test_ids import V1, loose_rule

DEPLOY = ROOT / "deploy"
sys.path.insert(0, str(ROOT / "scripts"))
import nginx  # noqa: E402  (scripts/nginx.py)

EDIT_URL = "https://git.example.org/kommun/handbok/-/edit/main/"
SECURITY_HEADERS = {
    "content-security-policy",
    "x-content-type-options",
    "referrer-policy",
    "permissions-policy",
    "x-frame-options",
}
# A redirect page such as the build writes for a short link (/r/<rule id>/).
REDIRECT_PAGE = '<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=../../regler/">'
# An SVG large enough to be compressed (the favicon is below gzip_min_length).
BIG_SVG = '<svg xmlns="http://www.w3.org/2000/svg">' + '<circle r="1"/>' * 100 + "</svg>"


@dataclass(frozen=True)
class Served:
    root: Path  # the built site nginx serves
    url: str  # http://127.0.0.1:<port>/
    port: int
    retired: str  # a rule id published once and retired since
    replacement: str  # the rule that replaced it


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    if not nginx.NGINX:
        pytest.skip("nginx saknas och kunde inte installeras (make nginx installerar Debians paket som root)")
    tmp = tmp_path_factory.mktemp("nginx")
    site, conf_dir = tmp / "site", tmp / "conf"
    port = nginx.free_port()
    url = f"http://127.0.0.1:{port}/"
    # A project copy with one published version and one rule retired since, so that a
    # retired id's short link is served too.
    project = copy_project(tmp / "project")
    retired = loose_rule(project)
    ids.record_publication(project, DATA, V1)
    data = read_data(project)
    data["rules"] = [r for r in data["rules"] if r["id"] != retired["id"]]
    replacement = next(r for r in data["rules"] if r["section"] == retired["section"])
    data["retired"] = [{"id": retired["id"], "replaced_by": replacement["id"]}]
    write_data(project, data)
    # Built with the repository's address set, so every page also has 'Föreslå en ändring'.
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        env={**BUILD_ENV, "SITE_URL": url, "REPO_EDIT_URL": EDIT_URL},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (site / "r" / "exempel").mkdir(parents=True)
    (site / "r" / "exempel" / "index.html").write_text(REDIRECT_PAGE, encoding="utf-8")
    (site / "assets" / "test.svg").write_text(BIG_SVG, encoding="utf-8")
    with nginx.serving(site, conf_dir, port):
        yield Served(site, url, port, retired["id"], replacement["id"])


def get(served: Served, path: str, **headers: str) -> tuple[http.client.HTTPResponse, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    conn.request("GET", "/" + path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def fingerprinted(served: Served) -> list[str]:
    """Site-relative paths of the theme's files named by their content."""
    return sorted(
        p.relative_to(served.root).as_posix()
        for p in (served.root / "assets").rglob("*.min.*")
        if re.search(r"\.[0-9a-f]{8}\.min\.(css|js)$", p.name)
    )


def assert_security_headers(response: http.client.HTTPResponse, what: str) -> None:
    sent = {name.lower() for name in response.headers}
    assert sent >= SECURITY_HEADERS, f"{what}: missing {SECURITY_HEADERS - sent}"
    assert response.headers["Content-Security-Policy"] == site_check.policy()
    assert response.headers["X-Content-Type-Options"] == "nosniff"


# --- The configuration itself ------------------------------------------------------------------


def test_the_policy_allows_only_this_site() -> None:
    csp = site_check.policy()
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    assert directives["default-src"] == ["'self'"]
    for name, values in {
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "worker-src": ["'self'"],
        "style-src": ["'self'"],
        "connect-src": ["'self'"],
    }.items():
        assert directives[name] == values, name
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp and "blob:" not in csp
    assert all(v == "'self'" or v.startswith("'sha256-") for v in directives["script-src"])
    assert not re.search(r"https?:|\*", csp), "no other host"


def test_every_inline_script_of_a_build_is_allowed(served: Served) -> None:
    assert site_check.csp_problems(served.root) == []


# --- Over HTTP ----------------------------------------------------------------------------------


def test_pages_assets_and_the_404_page_carry_the_headers(served: Served) -> None:
    page, _ = get(served, "regler/")
    assert page.status == 200
    assert_security_headers(page, "page")
    asset, _ = get(served, fingerprinted(served)[0])
    assert asset.status == 200
    assert_security_headers(asset, "asset")
    missing, _ = get(served, "finns-inte/")
    assert missing.status == 404
    assert_security_headers(missing, "404")


def test_the_404_page_is_the_sites_own_in_swedish(served: Served) -> None:
    for path in ("finns-inte/", "regler/finns-inte", "assets/stylesheets/main.00000000.min.css"):
        response, body = get(served, path)
        assert response.status == 404, path
        assert body == (served.root / "404.html").read_bytes(), path
        assert '<html lang="sv"' in body.decode("utf-8")


def test_directory_urls_and_redirect_pages_are_served(served: Served) -> None:
    response, body = get(served, "regler/")
    assert response.status == 200 and body == served.root.joinpath("regler/index.html").read_bytes()
    response, _ = get(served, "regler")
    assert response.status == 301 and response.headers["Location"] == "/regler/"
    response, body = get(served, "r/exempel/")
    assert response.status == 200 and body.decode() == REDIRECT_PAGE


def test_long_cache_only_for_fingerprinted_files(served: Served) -> None:
    names = fingerprinted(served)
    assert any(n.startswith("assets/stylesheets/main.") for n in names)
    assert any(n.startswith("assets/javascripts/bundle.") for n in names)
    assert any(n.startswith("assets/javascripts/workers/search.") for n in names)
    for name in names:
        response, _ = get(served, name)
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable", name
    for path in (
        "",
        "regler/",
        "assets/stylesheets/handbook.css",
        "assets/javascripts/handbook/main.js",
        "search/search_index.json",
        "assets/javascripts/lunr/min/lunr.sv.min.js",
        "sitemap.xml",
    ):
        response, _ = get(served, path)
        assert response.status == 200, path
        assert response.headers["Cache-Control"] == "no-cache, must-revalidate", path


@pytest.mark.parametrize(
    ("path", "mime"),
    [
        ("regler/", "text/html"),
        ("assets/stylesheets/handbook.css", "text/css"),
        ("assets/javascripts/handbook/main.js", "application/javascript"),
        ("search/search_index.json", "application/json"),
        ("assets/test.svg", "image/svg+xml"),
        ("sitemap.xml", "text/xml"),
    ],
)
def test_gzip_when_asked(served: Served, path: str, mime: str) -> None:
    plain, body = get(served, path)
    assert plain.headers["Content-Type"].startswith(mime)
    assert plain.headers.get("Content-Encoding") is None
    packed, packed_body = get(served, path, **{"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip", path
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed_body) == body


# --- 'Föreslå en ändring' -----------------------------------------------------------------------


def test_every_page_suggests_a_change_to_its_own_source(served: Served) -> None:
    docs = ROOT / "docs"
    for source in sorted(docs.rglob("*.md")):
        src = source.relative_to(docs).as_posix()
        url_dir = re.sub(r"(^|/)index$", "", src.removesuffix(".md"))
        page = served.root / url_dir / "index.html"
        links = soup(page).select("a.mdx-edit__link")
        assert [a["href"] for a in links] == [f"{EDIT_URL}docs/{src}"], src
        assert links[0].get_text() == "Föreslå en ändring"
    assert not soup(served.root / "404.html").select("a.mdx-edit__link")


def test_no_suggestion_link_without_the_address(site: object) -> None:
    for page in site.root.rglob("*.html"):
        assert "mdx-edit" not in page.read_text(encoding="utf-8"), page


def test_a_repository_address_that_is_not_absolute_stops_the_build(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(tmp_path)],
        env={**BUILD_ENV, "REPO_EDIT_URL": "git.example.org/kommun/handbok"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "repository_edit_url i mkdocs.yml (eller REPO_EDIT_URL) ska vara en hel adress" in result.stderr


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_suggestion_link_passes_axe(served: Served, browser: object, scheme: str) -> None:
    # axe is injected as an inline script, which the site's policy rightly blocks.
    context = browser.new_context(locale="sv-SE", color_scheme=scheme, bypass_csp=True)
    try:
        watched = watch(context, served.url.rstrip("/"))
        watched.page.goto(served.url + "regler/", wait_until="load")
        assert watched.page.locator("a.mdx-edit__link").is_visible()
        assert not axe_violations(watched.page)
        watched.assert_clean()
    finally:
        context.close()


# --- In Chromium, through nginx -----------------------------------------------------------------

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", e =>
  window.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));
"""


@pytest.fixture
def checked(browser: object, served: Served) -> Iterator[tuple[object, list[str]]]:
    """A page that records CSP violations (also after navigations), console errors and
    requests to other hosts."""
    context = browser.new_context(locale="sv-SE", accept_downloads=True)
    violations: list[str] = []
    context.expose_binding("__cspViolation", lambda source, text: violations.append(f"{source['frame'].url}: {text}"))
    context.add_init_script(REPORT_VIOLATIONS)
    context.grant_permissions(["clipboard-write"], origin=served.url.rstrip("/"))
    watched = watch(context, served.url.rstrip("/"))
    yield watched, violations
    context.close()


def assert_no_violation(watched: object, violations: list[str]) -> None:
    watched.page.wait_for_timeout(200)  # violation events are queued
    assert not violations, "CSP violations:\n" + "\n".join(violations)
    watched.assert_clean()


@pytest.mark.browser
def test_home_and_instant_navigation_without_violation(served: Served, checked: tuple) -> None:
    watched, violations = checked
    page = watched.page
    page.goto(served.url, wait_until="load")
    assert page.locator("a.mdx-edit__link").get_attribute("href") == f"{EDIT_URL}docs/index.md"
    page.evaluate("window.__stillHere = true")
    page.locator(".md-nav--primary a.md-nav__link[href$='/regler/']").first.click()
    page.wait_for_url(served.url + "regler/")
    page.locator("h1", has_text="Alla regler").wait_for()
    assert page.evaluate("window.__stillHere === true"), "instant navigation fell back to a full page load"
    assert_no_violation(watched, violations)


@pytest.mark.browser
def test_rule_catalogue_filters_without_violation(served: Served, checked: tuple) -> None:
    watched, violations = checked
    page = watched.page
    page.goto(served.url + "regler/", wait_until="load")
    page.select_option("#filter-niva", "ska")
    page.locator("[data-mdx-rule-count]").filter(has_text="Visar").wait_for()
    page.reload(wait_until="load")
    assert page.input_value("#filter-niva") == "ska"
    assert_no_violation(watched, violations)


@pytest.mark.browser
def test_checklist_registration_downloads_and_copy_without_violation(served: Served, checked: tuple) -> None:
    watched, violations = checked
    page = watched.page
    page.goto(served.url + START, wait_until="load")
    page.locator("[data-mdx-summary]").wait_for(state="visible")
    page.check(f"#{START_ITEMS[0]['id']}")
    fill_required(page)
    page.click(SUBMIT)
    page.locator("[data-mdx-review]").wait_for(state="visible")
    for kind in ("json", "csv", "csv-row"):
        with page.expect_download() as info:
            page.click(f"[data-mdx-review] [data-mdx-download={kind}]")
        assert Path(info.value.path()).stat().st_size > 0, kind
    page.click("[data-mdx-copy]")
    page.locator("[data-mdx-status]").filter(has_text="kopierad").wait_for()
    assert_no_violation(watched, violations)


@pytest.mark.browser
def test_search_without_violation(served: Served, checked: tuple) -> None:
    watched, violations = checked
    page = watched.page
    page.goto(served.url, wait_until="load")
    page.locator(".md-search__input").click()
    page.keyboard.type("riktlinjen", delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    assert_no_violation(watched, violations)


@pytest.mark.browser
def test_404_page_without_violation(served: Served, checked: tuple) -> None:
    watched, violations = checked
    page = watched.page
    response = page.goto(served.url + "lagar/finns-inte/", wait_until="load")
    assert response.status == 404
    assert page.evaluate("document.documentElement.lang") == "sv"
    assert page.locator(".md-header").is_visible(), "the theme's styles and scripts load at any depth"
    # The 404 response itself is logged as a failed resource; nothing else may be.
    watched.errors[:] = [e for e in watched.errors if "404" not in e]
    assert_no_violation(watched, violations)


@pytest.mark.browser
def test_short_links_and_a_retired_id_lead_on_without_violation(served: Served, checked: tuple) -> None:
    """A rule's short link lands on the rule; a retired id's short link lands on the
    note at its old anchor, which says the rule has changed and links to its replacement."""
    watched, violations = checked
    page = watched.page
    page.goto(served.url + f"r/{served.replacement}/")
    page.wait_for_url(f"**#{served.replacement}")
    assert page.locator(f"[id='{served.replacement}']").is_visible()
    page.goto(served.url + f"r/{served.retired}/")
    page.wait_for_url(f"**#{served.retired}")
    note = page.locator(f".mdx-retired[id='{served.retired}']")
    assert note.is_visible()
    assert "finns inte längre" in note.inner_text()
    note.locator(f"a[href$='#{served.replacement}']").click()
    page.wait_for_url(f"**#{served.replacement}")
    response, _ = get(served, f"r/{served.retired}/")
    assert response.status == 200
    assert_security_headers(response, "a retired id's short link")
    assert_no_violation(watched, violations)
