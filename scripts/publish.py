"""Publish the handbook so that it can never be half-published.

    SITE_URL=https://<handbokens-adress>/ make publish     # or: python scripts/publish.py --out site
    make rollback                                          # back to the previous publication

1. Refuses to start without the public address (SITE_URL, an absolute http(s) address).
2. Checks the data file and the pages (hooks/check.py --snabb), records the
   version in data/published.yml (hooks/ids.py: the published ids and rule
   texts, dated today, so the page Ändringar shows it), and builds with
   `mkdocs build --strict` into a temporary directory next to the output.
   With MDX_DOWNLOADS=1 the pages link to the two files of step 3.
3. Prints the whole handbook with Chromium to hela-handboken.pdf in the new
   site (scripts/pdf.py: title page, contents with page numbers, header and
   footer), and builds an offline copy (use_directory_urls false, Material's
   offline plugin) into handbok-offline.zip there (scripts/offline.py).
   Without Chromium the publication stops and says how to install it: the
   pages link to the PDF, so a site without it would have a broken link.
4. Runs checks_before_swap() over the finished site: the site's own checks
   (hooks/site_check.py) and readability (hooks/lix.py).
5. Only then replaces the output directory in one move: the new directory and the
   published one swap places (renameat2 RENAME_EXCHANGE on Linux, else two renames),
   and the previous site is kept as <out>.previous for `make rollback`.
6. after_publish() says what was published, and that data/published.yml goes
   into a pull request.

Anything that fails before step 5 leaves the published site exactly as it was,
and the record of published versions as it was.
Messages are Swedish and a user's mistake never shows a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import datetime
import errno
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import downloads  # noqa: E402  (hooks/ is not a package)
import guideline_data  # noqa: E402
import ids  # noqa: E402
import lix  # noqa: E402
import offline  # noqa: E402  (scripts/offline.py)
import pdf  # noqa: E402  (scripts/pdf.py)
import site_check  # noqa: E402

BUILD_ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "DISABLE_MKDOCS_2_WARNING": "true",
    "PYTHONDONTWRITEBYTECODE": "1",
    downloads.ENV: "1",
}
HOW_TO_SET = (
    "Skriv adressen före kommandot, till exempel:\n"
    "  SITE_URL=https://<handbokens-adress>/ make publish\n"
    "Adressen är den som läsarna skriver i webbläsaren, med https:// först och / sist."
)


class PublishError(Exception):
    """A reason not to publish, in Swedish, for the person who ran the command."""


def site_url_from(value: str | None) -> str:
    """The public address, checked and ending in /."""
    if not value or not value.strip():
        raise PublishError("Handboken publiceras inte: den publika adressen (SITE_URL) saknas.\n" + HOW_TO_SET)
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PublishError(
            f"Handboken publiceras inte: SITE_URL ska vara en hel adress som börjar med https://, "
            f"men är {value!r}.\n" + HOW_TO_SET
        )
    if parts.query or parts.fragment:
        raise PublishError(f"Handboken publiceras inte: SITE_URL får inte innehålla ? eller #, men är {value!r}.")
    return value if value.endswith("/") else value + "/"


def run_step(command: list[str], what: str) -> str:
    """Run one step; its own (Swedish) report is shown if it fails."""
    result = subprocess.run(command, env=BUILD_ENV, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        shown = [line for line in (result.stdout + result.stderr).splitlines() if not line.startswith("INFO ")]
        raise PublishError(f"{what} misslyckades:\n" + "\n".join(shown).strip())
    return result.stderr


def checks_before_swap(tmp_dir: Path, *, site_url: str) -> list[str]:
    """Everything the finished site must pass before it replaces the published one.
    Returns the problems, one Swedish sentence each; add new checks here."""
    problems = site_check.problems(tmp_dir, site_url)
    problems += lix.problems(lix.site_scores(tmp_dir))
    return problems


def make_downloads(site: Path, config_file: Path) -> None:
    """The whole handbook as a PDF, and the offline copy, into the new site (before the
    checks, which then find the files the pages link to)."""
    started = time.monotonic()
    print("Skriver ut hela handboken till en PDF med Chromium …")
    title = guideline_data.load(guideline_data.data_file_for(str(config_file)))["guideline"]["title"]
    try:
        result = pdf.make_pdf(site, site / downloads.PDF, title=f"Handbok: {title}")
    except pdf.PdfError as exc:
        raise PublishError(str(exc)) from None
    size = f"{result.path.stat().st_size / 1_000_000:.1f}".replace(".", ",")
    print(f"  {downloads.PDF}: {result.pages} sidor, {size} MB ({time.monotonic() - started:.0f} s)")
    started = time.monotonic()
    print("Bygger kopian att läsa utan internet …")
    try:
        zipped = offline.build(config_file, site / downloads.OFFLINE_ZIP, BUILD_ENV)
    except offline.OfflineError as exc:
        raise PublishError(str(exc)) from None
    size = f"{zipped / 1_000_000:.1f}".replace(".", ",")
    print(f"  {downloads.OFFLINE_ZIP}: {size} MB ({time.monotonic() - started:.0f} s)")


def after_publish(out_dir: Path, *, site_url: str, version: dict | None = None) -> None:
    """Called once the new site is in place: says what was published."""
    pages = sum(1 for p in out_dir.rglob("index.html"))
    size = sum(p.stat().st_size for p in out_dir.rglob("*") if p.is_file())
    megabytes = f"{size / 1_000_000:.1f}".replace(".", ",")
    print(f"Publicerat: {pages} sidor ({megabytes} MB) i {out_dir.name}/, för adressen {site_url}")
    previous = previous_dir(out_dir)
    if previous.exists():
        print(f"Den förra versionen finns kvar i {previous.name}/. Vill du gå tillbaka till den: make rollback")
    if version is not None:
        print(
            f"Handbokens version {version['version']} ({version['date']}) står i data/published.yml. "
            "Lägg in filen i ett ändringsförslag, så att id:n i den här versionen skyddas."
        )


def previous_dir(out_dir: Path) -> Path:
    return out_dir.with_name(out_dir.name + ".previous")


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one atomic step (Linux renameat2); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(a))


def swap_in(new: Path, out_dir: Path) -> None:
    """Put `new` where `out_dir` is; the published site becomes <out>.previous."""
    previous = previous_dir(out_dir)
    if not out_dir.exists():
        new.rename(out_dir)
        return
    if previous.exists():
        shutil.rmtree(previous)
    if _exchange(new, out_dir):
        new.rename(previous)  # `new` now holds the site that was published
    else:
        out_dir.rename(previous)
        new.rename(out_dir)


@contextlib.contextmanager
def publishing_lock(out_dir: Path) -> Iterator[None]:
    """One publication at a time in the output's directory (a lock on that directory,
    so no lock file is left behind)."""
    fd = os.open(out_dir.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishError(
                f"En annan publicering till {out_dir.name}/ pågår. Vänta tills den är klar och försök igen."
            ) from None
        yield
    finally:
        os.close(fd)


def publish(out_dir: Path, config_file: Path, site_url: str) -> None:
    project = config_file.parent
    if out_dir.exists() and not out_dir.is_dir():
        raise PublishError(f"{out_dir} finns redan och är ingen mapp. Välj en annan plats med --out.")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with publishing_lock(out_dir):
        tmp_dir = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.ny-", dir=out_dir.parent))
        umask = os.umask(0)
        os.umask(umask)
        tmp_dir.chmod(0o777 & ~umask)  # as a plain mkdir would make it: the web server must read it
        record_before = ids.record_text(project)
        published = False
        try:
            print("Kontrollerar datafilen och sidorna (hooks/check.py) …")
            run_step(
                [sys.executable, str(project / "hooks" / "check.py"), "--snabb"], "Kontrollen av datafilen och sidorna"
            )
            data = guideline_data.parse((project / "data" / "guideline.yml").read_bytes())
            version = ids.record_publication(project, data, datetime.date.today())
            print(f"Bygger handboken för {site_url} (mkdocs build --strict) …")
            output = run_step(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(tmp_dir)],
                "Bygget",
            )
            for line in output.splitlines():
                if line.startswith(("VARNING", "WARNING")):
                    print(line, file=sys.stderr)
            make_downloads(tmp_dir, config_file)
            print("Kontrollerar den byggda webbplatsen …")
            problems = checks_before_swap(tmp_dir, site_url=site_url)
            if problems:
                count = "1 fel" if len(problems) == 1 else f"{len(problems)} fel"
                raise PublishError(f"Den byggda webbplatsen har {count}:\n" + "\n".join(f"  - {p}" for p in problems))
            swap_in(tmp_dir, out_dir)
            published = True
        finally:
            if tmp_dir.exists():
                shutil.rmtree(tmp_dir)
            if not published:  # the record says what is public: put it back as it was
                record = project / ids.RECORD
                if record_before:
                    record.write_text(record_before, encoding="utf-8")
                else:
                    record.unlink(missing_ok=True)
    after_publish(out_dir, site_url=site_url, version=version)


def rollback(out_dir: Path) -> None:
    previous = previous_dir(out_dir)
    if not previous.is_dir() or not out_dir.is_dir():
        raise PublishError(f"Det finns ingen tidigare publicering att gå tillbaka till ({previous.name}/ saknas).")
    with publishing_lock(out_dir):
        if not _exchange(previous, out_dir):
            aside = out_dir.with_name(out_dir.name + ".rollback")
            out_dir.rename(aside)
            previous.rename(out_dir)
            aside.rename(previous)
    print(
        f"Den förra versionen är publicerad igen i {out_dir.name}/. Den som just togs bort finns nu i "
        f"{previous.name}/ (make rollback en gång till tar tillbaka den)."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bygg, kontrollera och publicera handboken i ett enda byte.")
    parser.add_argument("--out", default=os.environ.get("SITE", "site"), help="mappen som webbservern visar")
    parser.add_argument("--config-file", default=str(ROOT / "mkdocs.yml"), help="mkdocs.yml för projektet")
    parser.add_argument("--rollback", action="store_true", help="gå tillbaka till den förra publiceringen")
    args = parser.parse_args(argv)
    out_dir = Path(args.out).resolve()
    try:
        if args.rollback:
            rollback(out_dir)
            return 0
        site_url = site_url_from(os.environ.get("SITE_URL"))
        BUILD_ENV["SITE_URL"] = site_url
        if urlsplit(site_url).scheme == "http":
            print("Obs: adressen börjar med http://. Använd https:// om servern har ett certifikat.", file=sys.stderr)
        publish(out_dir, Path(args.config_file).resolve(), site_url)
    except PublishError as exc:
        print(
            f"{exc}\n\nPubliceringen avbröts. Den publicerade webbplatsen i {out_dir.name}/ är oförändrad.",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        print(f"\nAvbrutet. Den publicerade webbplatsen i {out_dir.name}/ är oförändrad.", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
