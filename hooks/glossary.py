"""The glossary's terms as abbreviations: shown as a tooltip wherever they are used.

Pure: no MkDocs import. The build gives `abbreviations()` to Markdown's abbr
extension (prose pages); the partials mark terms in rule texts with `marker()`,
since text rendered from data is raw HTML, which Markdown does not touch.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup, escape


def abbreviations(glossary: list[dict]) -> dict[str, str]:
    """Every form of every term (and each capitalised, for the start of a
    sentence) mapped to its definition on one line."""
    found: dict[str, str] = {}
    for entry in glossary:
        definition = " ".join(entry["definition"].split())
        forms = [entry["term"], *entry["forms"]]
        for form in forms + [f[:1].upper() + f[1:] for f in forms]:
            found.setdefault(form, definition)
    return found


def marker(abbrs: dict[str, str]) -> Callable[[str], Markup]:
    """A Jinja filter: the text escaped, each whole-word term wrapped in <abbr title="…">."""
    if not abbrs:
        return lambda text: escape(text)
    terms = sorted(abbrs, key=len, reverse=True)  # the longest form wins: "allmän handling" before "handling"
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(str(escape(t))) for t in terms) + r")(?!\w)")
    titles = {str(escape(t)): escape(d) for t, d in abbrs.items()}

    def mark(text: str) -> Markup:
        escaped = str(escape(text))
        return Markup(pattern.sub(lambda m: f'<abbr title="{titles[m.group(0)]}">{m.group(0)}</abbr>', escaped))

    return mark
