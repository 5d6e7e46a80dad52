"""Readability of a built page: LIX = words per sentence + 100 × share of words
longer than six letters (Björnsson). Counted on the page's main content, rules
from the data file included; code, permalink symbols and the rules' "#id" links
are left out. A sentence ends at . : ! ? (a full stop only before a capital
letter or at the end, so "2 kap. 4 §" is one sentence). A heading, list item,
table cell or other block that ends without a full stop also ends a sentence.

Used by `make check` (hooks/check.py) and the tests.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

from bs4 import BeautifulSoup, Tag

MAX_LIX = 42  # no page harder than this
MAX_MEDIAN_LIX = 35  # and the pages, taken together, easy to read

BLOCKS = [
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th", "summary",
    "figcaption", "caption", "blockquote", "div", "article", "section", "dl", "ul", "ol", "table",
]  # fmt: skip
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?]+(?=\s+[\"'(«”A-ZÅÄÖÉ§])|[:!?]+(?=\s)")


def article(html: str) -> Tag | None:
    """A built page's main content, without permalink symbols."""
    main = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
    if main is not None:
        for link in main.select(".headerlink"):
            link.decompose()
    return main


def text_blocks(main: Tag) -> list[str]:
    """The text of each innermost block, in document order."""
    for el in main.select("pre, code, script, style, .headerlink, .mdx-rule__link"):
        el.decompose()
    blocks: dict[int, list[str]] = {}
    for node in main.find_all(string=True):
        blocks.setdefault(id(node.find_parent(BLOCKS)), []).append(str(node))
    texts = (" ".join("".join(parts).split()) for parts in blocks.values())
    return [t for t in texts if WORD.search(t)]


def lix(blocks: list[str]) -> float:
    words = long_words = sentences = 0
    for block in blocks:
        found = WORD.findall(block)
        words += len(found)
        long_words += sum(1 for w in found if len(w.replace("-", "")) > 6)
        sentences += len(SENTENCE_END.findall(block)) + 1  # + the block's own end
    if not words:
        raise ValueError("no text to measure")
    return words / sentences + 100 * long_words / words


def site_scores(site: Path) -> dict[str, float]:
    """LIX of every content page of a built site, by its path ('' for the home page)."""
    scores = {}
    for index in sorted(site.rglob("index.html")):
        main = article(index.read_text(encoding="utf-8"))
        if main is None:
            continue  # a redirect page, not content
        name = index.parent.relative_to(site).as_posix()
        scores["(startsida)" if name == "." else name] = lix(text_blocks(main))
    return scores


def problems(scores: dict[str, float]) -> list[str]:
    """Pages over the limit, and a median over its limit, in Swedish."""
    found = [
        f"{name}: LIX {score:.0f}, gränsen är {MAX_LIX}. Korta meningarna och byt långa ord mot kortare."
        for name, score in sorted(scores.items())
        if score > MAX_LIX
    ]
    median = statistics.median(scores.values())
    if median > MAX_MEDIAN_LIX:
        found.append(f"Medianen för alla sidor är LIX {median:.0f}, gränsen är {MAX_MEDIAN_LIX}.")
    return found
