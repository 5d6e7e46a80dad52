"""An offline copy of the handbook: a zip that works opened from disk (file://).
Called by scripts/publish.py before the swap; the zip goes into the new site as
handbok-offline.zip.

- The site is built a second time with MDX_OFFLINE=true, which turns on Material's
  offline plugin (mkdocs.yml): pages as files (use_directory_urls false) and the
  search index as a script, since a page opened from disk cannot fetch it.
- The plugin's shim that runs the search worker from disk (iframe-worker,
  pinned in package-lock.json) is copied from node_modules/ into the copy, and
  build_hooks points the page at it, so nothing is fetched from another host.
- Browsers refuse JavaScript modules from file://, so the handbook's modules
  (docs/assets/javascripts/handbook/) are joined into one classic script for the
  copy by esbuild (hooks/bundle.py): checklists, ticks that are remembered, the
  guide and the forms work from disk too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from mkdocs.exceptions import PluginError

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "hooks"))

import bundle  # noqa: E402  (hooks/bundle.py; hooks/ is not a package)

OFFLINE_ENV = "MDX_OFFLINE"
SHIM = Path("node_modules") / "iframe-worker" / "shim" / "index.js"
SHIM_TARGET = "assets/javascripts/iframe-worker-shim.js"  # also in hooks/build_hooks.py
BUNDLE = "assets/javascripts/handbook-offline.js"
FOLDER = "handbok"  # the folder inside the zip


class OfflineError(Exception):
    """The offline copy could not be made; the message is Swedish."""


def build(config_file: Path, out_zip: Path, env: dict[str, str]) -> int:
    """Build the offline copy next to `out_zip` and zip it there; returns the zip's size."""
    project = config_file.parent
    shim = next((p for p in (project / SHIM, HERE.parent / SHIM) if p.is_file()), None)
    if shim is None:
        raise OfflineError(
            f"{SHIM.as_posix()} saknas, så sökningen i kopian utan internet skulle inte fungera. "
            "Kör npm ci i projektets mapp (eller make test en gång) och publicera igen."
        )
    with tempfile.TemporaryDirectory(prefix=".offline-", dir=out_zip.parent.parent) as tmp:
        site = Path(tmp) / FOLDER
        build_env = {k: v for k, v in env.items() if k != "MDX_DOWNLOADS"}
        build_env[OFFLINE_ENV] = "true"
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site)],
            env=build_env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            shown = [line for line in (result.stdout + result.stderr).splitlines() if not line.startswith("INFO ")]
            raise OfflineError("Bygget av kopian utan internet misslyckades:\n" + "\n".join(shown).strip())
        shutil.copyfile(shim, site / SHIM_TARGET)
        # Material's document$ never emits on a page opened from disk; start the menu button
        # and the components when the page is read (a second start is a no-op).
        shutil.rmtree(site / bundle.MODULES)  # the modules a page on disk cannot load
        try:
            bundle.classic_script(
                project,
                project / "docs",
                site / BUNDLE,
                footer='document.addEventListener("DOMContentLoaded", () => __mdx_main.start());',
            )
        except PluginError as exc:
            raise OfflineError(str(exc)) from None
        for page in site.rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            changed = bundle.MAIN_TAG.sub(lambda m: f'<script src="{m.group(1)}{BUNDLE}"></script>', html)
            if changed != html:
                page.write_text(changed, encoding="utf-8")
        with zipfile.ZipFile(out_zip, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(site.rglob("*")):
                if path.is_file():
                    archive.write(path, (Path(FOLDER) / path.relative_to(site)).as_posix())
    return out_zip.stat().st_size


if __name__ == "__main__":  # python scripts/offline.py <mkdocs.yml> <out.zip>
    print(build(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve(), dict(os.environ)))
