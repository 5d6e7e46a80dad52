"""`make publish` (scripts/publish.py): refuses without the public address, and a
failed check or build leaves the published site byte for byte as it was."""

from __future__ import annotations

import datetime
import hashlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import BUILD_ENV, ROOT, copy_project

PUBLISH = ROOT / "scripts" / "publish.py"
URL = "https://handbok.example.se/"

sys.path.insert(0, str(ROOT / "scripts"))
import ids  # noqa: E402
import publish  # noqa: E402


def run_publish(
    out: Path, project: Path | None = None, site_url: str | None = URL, *extra: str, env_extra: dict | None = None
):
    env = {k: v for k, v in BUILD_ENV.items() if k not in ("SITE_URL", "REPO_EDIT_URL", "CHROMIUM")}
    env.update(env_extra or {})
    if site_url is not None:
        env["SITE_URL"] = site_url
    command = [sys.executable, str(PUBLISH), "--out", str(out), *extra]
    if project:
        command += ["--config-file", str(project / "mkdocs.yml")]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


def snapshot(directory: Path) -> dict[str, str]:
    """Every file and folder under `directory` with a digest of its bytes."""
    return {
        p.relative_to(directory).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(directory.rglob("*"))
    }


def assert_refused(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "Publiceringen avbröts. Den publicerade webbplatsen i site/ är oförändrad." in result.stderr
    for word in words:
        assert word in result.stderr


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """A project copy published once: (project, output directory, its snapshot)."""
    tmp = tmp_path_factory.mktemp("publish")
    project = copy_project(tmp / "project")
    out = tmp / "www" / "site"
    result = run_publish(out, project)
    assert result.returncode == 0, result.stderr
    assert f"Publicerat: {len(list(out.rglob('index.html')))} sidor" in result.stdout
    assert URL in result.stdout
    return project, out, snapshot(out)


@pytest.mark.parametrize(
    ("site_url", "said"),
    [(None, "den publika adressen (SITE_URL) saknas"), ("", "saknas"), ("handbok.example.se", "hel adress")],
)
def test_refuses_without_an_absolute_public_address(tmp_path: Path, site_url: str | None, said: str) -> None:
    out = tmp_path / "site"
    result = run_publish(out, site_url=site_url)
    assert_refused(result, said, "SITE_URL=https://<handbokens-adress>/ make publish")
    assert not tmp_path.joinpath("site").exists()
    assert list(tmp_path.iterdir()) == []


def test_a_publication_records_its_version_and_shows_it(published: tuple) -> None:
    """The ids published today are recorded (for the pull request), and the page
    Ändringar of the published site already shows this version with today's date."""
    project, out, _ = published
    today = datetime.date.today().isoformat()
    [version] = ids.load_record(project)
    assert (version["version"], version["date"]) == (1, today)
    page = (out / "andringar" / "index.html").read_text(encoding="utf-8")
    assert f"Version 1, {today}" in page


def test_first_publication_is_complete_and_readable(published: tuple) -> None:
    _, out, _ = published
    for name in ("index.html", "404.html", "sitemap.xml", "regler/index.html"):
        assert (out / name).is_file(), name
    assert URL in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert out.stat().st_mode & 0o055 == 0o055, "the web server (another user) can read the published folder"
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"], "no temporary folder or lock file left"


def test_a_publication_has_the_whole_handbook_as_pdf_and_an_offline_copy(published: tuple) -> None:
    _, out, _ = published
    assert (out / "hela-handboken.pdf").read_bytes().startswith(b"%PDF-")
    with zipfile.ZipFile(out / "handbok-offline.zip") as archive:
        names = set(archive.namelist())
    assert {"handbok/index.html", "handbok/regler.html", "handbok/search/search_index.js"} <= names
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="hela-handboken.pdf"' in home and 'href="handbok-offline.zip"' in home
    assert 'href="../hela-handboken.pdf"' in (out / "hela-handboken" / "index.html").read_text(encoding="utf-8")


def test_without_chromium_nothing_is_published(published: tuple) -> None:
    """The pages link to the PDF: without a browser to print it, the publication stops."""
    project, out, before = published
    result = run_publish(out, project, env_extra={"CHROMIUM": "/finns/inte/chromium"})
    assert_refused(result, "Chromium saknas", "apt-get install chromium")
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]


def test_a_broken_data_file_leaves_the_published_site_untouched(published: tuple) -> None:
    project, out, before = published
    data = project / "data" / "guideline.yml"
    good = data.read_text(encoding="utf-8")
    record = (project / "data" / "published.yml").read_bytes()
    try:
        data.write_text(good.replace("level: bör", "level: kanske", 1), encoding="utf-8")
        result = run_publish(out, project)
    finally:
        data.write_text(good, encoding="utf-8")
    assert_refused(result, "Kontrollen av datafilen och sidorna misslyckades", "data/guideline.yml:", "kanske")
    assert snapshot(out) == before
    assert (project / "data" / "published.yml").read_bytes() == record
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]


def test_a_failed_build_leaves_the_published_site_untouched(published: tuple) -> None:
    project, out, before = published
    page = project / "docs" / "ordlista.md"
    good = page.read_text(encoding="utf-8")
    # A changed rule text too, so that this publication would have been a new version.
    data = project / "data" / "guideline.yml"
    good_data = data.read_text(encoding="utf-8")
    try:
        page.write_text(good + "\n[En trasig länk](finns-inte.md)\n", encoding="utf-8")
        data.write_text(good_data.replace("Du bör svara", "Du bör alltid svara", 1), encoding="utf-8")
        assert data.read_text(encoding="utf-8") != good_data
        result = run_publish(out, project)
    finally:
        page.write_text(good, encoding="utf-8")
        data.write_text(good_data, encoding="utf-8")
    assert_refused(result, "Bygget misslyckades", "finns-inte.md")
    assert snapshot(out) == before
    assert [v["version"] for v in ids.load_record(project)] == [1], "no version recorded for a failed publication"


def test_a_failed_check_before_the_swap_leaves_the_published_site_untouched(published: tuple) -> None:
    """A script in every page that the server's Content-Security-Policy would block."""
    project, out, before = published
    main = project / "overrides" / "main.html"
    good = main.read_text(encoding="utf-8")
    try:
        main.write_text(good.replace("{% block extrahead %}", "{% block extrahead %}<script>1</script>"), "utf-8")
        result = run_publish(out, project)
    finally:
        main.write_text(good, encoding="utf-8")
    assert_refused(result, "Den byggda webbplatsen har 1 fel", "Content-Security-Policy", "handbok-headers.conf")
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]


def test_a_second_publication_keeps_the_first_for_rollback(published: tuple, tmp_path: Path) -> None:
    project, out, _ = published
    page = project / "docs" / "ordlista.md"
    good = page.read_text(encoding="utf-8")
    first = snapshot(out)
    try:
        page.write_text(good + "\nEn ny mening i ordlistan.\n", encoding="utf-8")
        result = run_publish(out, project)
    finally:
        page.write_text(good, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert "make rollback" in result.stdout
    previous = out.with_name("site.previous")
    assert snapshot(previous) == first
    second = snapshot(out)
    assert second != first and "En ny mening i ordlistan." in (out / "ordlista" / "index.html").read_text("utf-8")

    back = run_publish(out, project, None, "--rollback")
    assert back.returncode == 0, back.stderr
    assert "Den förra versionen är publicerad igen" in back.stdout
    assert snapshot(out) == first and snapshot(previous) == second
    run_publish(out, project, None, "--rollback")
    assert snapshot(out) == second


def test_rollback_without_a_previous_publication_is_refused(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    result = run_publish(tmp_path / "site", None, None, "--rollback")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Det finns ingen tidigare publicering" in result.stderr


def test_checks_before_swap_names_what_is_missing(published: tuple, tmp_path: Path) -> None:
    _, out, _ = published
    assert publish.checks_before_swap(out, site_url=URL) == []
    assert any("sitemap.xml nämner inte" in p for p in publish.checks_before_swap(out, site_url="https://annan.se/"))
    copy = tmp_path / "site"

    shutil.copytree(out, copy)
    (copy / "404.html").unlink()
    assert publish.checks_before_swap(copy, site_url=URL) == ["404.html saknas i den byggda webbplatsen."]
    (copy / "404.html").write_text("<p>x</p>", encoding="utf-8")
    (copy / "regler" / "index.html").unlink()
    assert any("Länken leder till en sida som inte finns" in p for p in publish.checks_before_swap(copy, site_url=URL))


def test_the_swap_is_one_move(tmp_path: Path) -> None:
    """Where the platform can (Linux), the new and the published folder trade places atomically."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a")
    (b / "x").write_text("b")
    if not publish._exchange(a, b):
        pytest.skip("this file system cannot swap two folders in one step; publish falls back to two renames")
    assert (a / "x").read_text() == "b" and (b / "x").read_text() == "a"
