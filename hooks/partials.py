"""Render the handbook's Jinja partials (overrides/partials/*.html).

One environment per build: templates are compiled once, autoescaped (text from
the data file is never markup) and strict (a misspelled name in a partial stops
the build instead of rendering as an empty string). The loader fills every
optional field of the data with None, so `{% if rule.how_to_chek %}` fails too.

Pure: no MkDocs import, so another engine or a script can use it.
"""

from __future__ import annotations

import itertools
import re
import traceback
from pathlib import Path
from typing import Any

import jinja2
from guideline_data import Problem

# Problems met while rendering partials in the current build. Macros record them
# here (a macro must return text); the build hooks report them all at once.
problems: list[Problem] = []


class Stash:
    """Rendered HTML kept out of Markdown's way.

    A macro's HTML is already final; run through Markdown it is only parsed
    again (md_in_html, the tree processors) and comes out the same. When the
    build can put it back after Markdown (build_hooks.on_page_content does),
    a macro leaves a short placeholder instead. Without that hook (another
    engine), `enabled` stays False and the HTML goes into the page as before."""

    def __init__(self) -> None:
        self.enabled = False
        self._blocks: dict[str, str] = {}
        self._count = itertools.count()

    def put(self, page: str, html: str) -> str:
        """A placeholder for `html`. It carries the ids in `html` as empty anchors,
        so that MkDocs' own check of links to anchors still finds them."""
        if not self.enabled or not html:
            return html
        key = f"{page}:{next(self._count)}"
        self._blocks[key] = html
        anchors = "".join(f'<a id="{anchor}"></a>' for anchor in dict.fromkeys(_ID.findall(html)))
        return f'\n\n<div data-mdx-stash="{key}">{anchors}</div>\n\n'

    def restore(self, page: str, html: str) -> str:
        """The page's HTML with its placeholders replaced; an unknown one is left as it is."""

        def back(match: re.Match) -> str:
            return self._blocks.pop(match.group(1), match.group(0))

        return re.sub(r'<div data-mdx-stash="(' + re.escape(page) + r':\d+)">.*?</div>', back, html, flags=re.S)

    def left_behind(self) -> list[Problem]:
        """Placeholders that never came back (Markdown changed or dropped them)."""
        pages = sorted({key.rsplit(":", 1)[0] for key in self._blocks})
        self._blocks.clear()
        message = "Ett makros innehåll kom inte med på sidan. Står makrot inne i en lista, en tabell eller kod?"
        return [Problem(f"docs/{page}", 0, "", message) for page in pages]


_ID = re.compile(r'\sid="([^"]+)"')
stash = Stash()


class PartialError(Exception):
    """A partial could not be rendered; `problem` names the partial and line."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


class Partials:
    def __init__(
        self,
        directory: Path,
        root: Path,
        cache: Path | None = None,
        filters: dict[str, Any] | None = None,
        **globals_: Any,
    ):
        self.directory = directory
        self.root = root
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(directory)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            auto_reload=False,
            bytecode_cache=_bytecode_cache(cache),
        )
        self.env.globals.update(globals_)
        self.env.filters.update(filters or {})

    def render_or_record(self, template: str, **context: Any) -> str:
        """Render, or record the problem in `problems` and return ''."""
        try:
            return self.render(template, **context)
        except PartialError as exc:
            problems.append(exc.problem)
            return ""

    def render(self, template: str, **context: Any) -> str:
        """Render partials/<template>; any mistake becomes a PartialError."""
        name = f"partials/{template}"
        try:
            return self.env.get_template(name).render(**context)
        except jinja2.TemplateSyntaxError as exc:
            where = self._display(exc.filename or str(self.directory / name))
            message = f"Mallen går inte att läsa ({exc.message})."
            raise PartialError(Problem(where, exc.lineno or 0, "", message)) from None
        except jinja2.UndefinedError as exc:
            where, line = self._template_frame(exc, name)
            message = (
                f"Mallen använder något som inte finns ({_swedish_undefined(exc)}). "
                "Kontrollera stavningen mot fälten i datafilen (se sidan För redaktörer)."
            )
            raise PartialError(Problem(where, line, "", message)) from None
        except jinja2.TemplateNotFound as exc:
            where, line = self._template_frame(exc, name)
            raise PartialError(Problem(where, line, "", f"Mallen {exc.name} finns inte.")) from None

    def _template_frame(self, exc: BaseException, fallback: str) -> tuple[str, int]:
        """The innermost template frame of a rendering error: (file, line)."""
        directory = str(self.directory.resolve())
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.startswith(directory) and frame.filename.endswith(".html"):
                return self._display(frame.filename), frame.lineno or 0
        return self._display(str(self.directory / fallback)), 0

    def _display(self, filename: str) -> str:
        path = Path(filename).resolve()
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def _swedish_undefined(exc: jinja2.UndefinedError) -> str:
    """jinja2's English message, reworded: "'dict object' has no attribute 'txt'"."""
    text = str(exc.message or exc)
    if "has no attribute" in text:
        return "fältet " + text.rsplit("has no attribute", 1)[1].strip()
    if "is undefined" in text:
        return "namnet " + text.replace(" is undefined", "").strip()
    return text


def _bytecode_cache(directory: Path | None) -> jinja2.BytecodeCache | None:
    """Compiled partials kept between builds (Jinja checks each template's source)."""
    if directory is None:
        return None
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only checkout builds without the cache
    return jinja2.FileSystemBytecodeCache(str(directory))
