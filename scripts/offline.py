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
  copy (`bundle`): checklists, ticks that are remembered, the guide and the forms
  work from disk too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OFFLINE_ENV = "MDX_OFFLINE"
SHIM = Path("node_modules") / "iframe-worker" / "shim" / "index.js"
SHIM_TARGET = "assets/javascripts/iframe-worker-shim.js"  # also in hooks/build_hooks.py
MODULES = Path("assets") / "javascripts" / "handbook"
BUNDLE = "assets/javascripts/handbook-offline.js"
FOLDER = "handbok"  # the folder inside the zip

_IMPORT = re.compile(r'^import\s+(?:\*\s+as\s+(\w+)|\{([^}]*)\})\s+from\s+"\./([\w-]+)\.js";[ \t]*$', re.M)
_EXPORT = re.compile(r"^export\s+((?:async\s+)?function\*?|const|let|class)\s+(\w+)", re.M)
_MODULE_TAG = re.compile(r'<script src="([^"]*)assets/javascripts/handbook/main\.js" type="module"></script>')


class OfflineError(Exception):
    """The offline copy could not be made; the message is Swedish."""


def bundle(directory: Path, entry: str = "main.js") -> str:
    """The ES modules under `directory`, starting at `entry`, as one classic script:
    each module in its own function scope, imports read from the modules before it."""
    order: list[str] = []
    seen: set[str] = set()
    sources: dict[str, str] = {}

    def visit(name: str) -> None:
        if name in seen:
            return
        seen.add(name)
        path = directory / f"{name}.js"
        if not path.is_file():
            raise OfflineError(f"Modulen {path.name} finns inte i {directory}.")
        sources[name] = text = path.read_text(encoding="utf-8")
        for match in _IMPORT.finditer(text):
            visit(match.group(3))
        order.append(name)

    visit(entry.removesuffix(".js"))
    parts = ['"use strict";']
    for name in order:
        text = sources[name]

        def imported(match: re.Match) -> str:
            target = "__mdx_" + match.group(3).replace("-", "_")
            if match.group(1):
                return f"const {match.group(1)} = {target};"
            names = [n.strip() for n in match.group(2).split(",") if n.strip()]
            return "const { " + ", ".join(n.replace(" as ", ": ") for n in names) + f" }} = {target};"

        text = _IMPORT.sub(imported, text)
        exported = _EXPORT.findall(text)
        text = _EXPORT.sub(r"\1 \2", text)
        if re.search(r"^\s*(import|export)\b", text, re.M):
            raise OfflineError(f"{name}.js har en import eller export som kopian utan internet inte kan läsa.")
        names = ", ".join(n for _, n in exported)
        parts.append(f"const __mdx_{name.replace('-', '_')} = (() => {{\n{text}\nreturn {{ {names} }};\n}})();")
    return "\n".join(parts) + "\n"


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
        # Material's document$ never emits on a page opened from disk; start the components
        # when the page is read (a second start is a no-op, main.js marks each component).
        script = (
            bundle(site / MODULES) + 'document.addEventListener("DOMContentLoaded", () => __mdx_main.startAll());\n'
        )
        (site / BUNDLE).write_text(script, encoding="utf-8")
        for page in site.rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            changed = _MODULE_TAG.sub(lambda m: f'<script src="{m.group(1)}{BUNDLE}"></script>', html)
            if changed != html:
                page.write_text(changed, encoding="utf-8")
        with zipfile.ZipFile(out_zip, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(site.rglob("*")):
                if path.is_file():
                    archive.write(path, (Path(FOLDER) / path.relative_to(site)).as_posix())
    return out_zip.stat().st_size


if __name__ == "__main__":  # python scripts/offline.py <mkdocs.yml> <out.zip>
    print(build(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve(), dict(os.environ)))
