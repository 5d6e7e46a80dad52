"""Make Material's search index find what staff type (search/search_index.json).

Material's search (lunr) matches each query word as a prefix of the words in
the index ("radera" finds "raderade", not "radering"); it does not stem
Swedish words and knows no synonyms. So the index itself says more:

- every rule is its own entry, at its own anchor on its section's page: the
  rule text is the title, why and how to check are the text; the rule's id
  (weighing more than a title) and its section's title are search-only words;
- every entry whose title or text holds a word from a group of synonyms
  (data file: `synonyms`, and each glossary term with its `forms`) gets the
  other words of that group as search-only words, in two extra fields that
  weigh like the title and the text, and that the result list never shows.

The rule cards themselves carry `data-search-exclude` (rules.html), so a page's
sections do not repeat the rules that have their own entries.

Pure: no MkDocs import. The build calls `enrich()` after Material wrote the index.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable

# Extra lunr fields: a synonym found in an entry's title weighs like the title,
# one found in its text like the text. Material indexes every field named in
# config.fields and shows only title, text and tags.
# A rule's id weighs like a title: it is the rule's name ("se regel alla-sekretess").
RULE_ID = "rule_id"
TITLE_WORDS = "title_words"
TEXT_WORDS = "text_words"
FIELDS = {RULE_ID: {"boost": 1e3}, TITLE_WORDS: {"boost": 1e3}, TEXT_WORDS: {"boost": 1e0}}

_MAX_ENDING = 3  # letters after a word of a group: Swedish inflection (see expander)
_TAGS = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[\w-]+")


def synonym_groups(data: dict) -> list[list[str]]:
    """The data file's synonym groups, and each glossary term with its forms."""
    groups = [list(group) for group in data.get("synonyms") or []]
    groups += [[entry["term"], *entry["forms"]] for entry in data["glossary"] if entry.get("forms")]
    return groups


def expander(groups: Iterable[list[str]]) -> Callable[[str], list[str]]:
    """A function: text -> the words of every group that the text mentions, less
    those the text already has (a word counted twice would weigh twice).

    A word of a group is found at the start of a word in the text, with an
    ending of up to three letters ("kommentarsregler" in "kommentarsreglerna"):
    Swedish inflection. One pass over the text's words serves every group."""
    cleaned = [sorted({w.strip().lower() for w in group if w.strip()}, key=len, reverse=True) for group in groups]
    by_first: dict[str, list[tuple[list[str], int]]] = {}
    for index, words in enumerate(cleaned):
        for word in words:
            tokens = _WORD.findall(word)
            by_first.setdefault(tokens[0], []).append((tokens, index))

    def inflected(token: str, word: str) -> bool:
        return token.startswith(word) and len(token) - len(word) <= _MAX_ENDING

    def expand(text: str) -> list[str]:
        tokens = _WORD.findall(text.lower())
        hit: list[int] = []
        for i, token in enumerate(tokens):
            for cut in range(max(1, len(token) - _MAX_ENDING), len(token) + 1):
                for words, index in by_first.get(token[:cut], ()):
                    if index in hit:
                        continue
                    n = len(words)
                    if n == 1 or (
                        cut == len(token)
                        and tokens[i + 1 : i + n - 1] == words[1:-1]
                        and i + n - 1 < len(tokens)
                        and inflected(tokens[i + n - 1], words[-1])
                    ):
                        hit.append(index)
        if not hit:
            return []
        padded = " " + " ".join(tokens) + " "
        found: list[str] = []
        for index in sorted(hit):  # the data file's order: the same index for the same data
            found += [w for w in cleaned[index] if w not in found and f" {w} " not in padded]
        return found

    return expand


def _padded(text: str) -> str:
    """The text's words in lower case, with one space between and around them."""
    return " " + " ".join(_WORD.findall(text.lower())) + " "


def plain(markup: str) -> str:
    """Text of an index field (Material keeps a few tags such as <p>)."""
    return html.unescape(_TAGS.sub(" ", markup))


def rule_entries(data: dict, page_url: Callable[[str], str]) -> list[dict]:
    """One index entry per rule, at the rule's anchor on its section's page."""
    sections = {s["id"]: s for s in data["sections"]}
    roles = {r["id"]: r["name"] for r in data["roles"]}
    entries = []
    for rule in data["rules"]:
        section = sections[rule["section"]]
        level = "Ska" if rule["level"] == "ska" else "Bör"
        parts = [f"{level}. Gäller: {', '.join(roles[r] for r in rule['roles'])}."]
        if rule.get("rationale"):
            parts.append(f"Varför: {_one_line(rule['rationale'])}")
        if rule.get("how_to_check"):
            parts.append(f"Så kontrollerar du: {_one_line(rule['how_to_check'])}")
        entries.append(
            {
                "location": f"{page_url(section['page'])}#{rule['id']}",
                "title": html.escape(_one_line(rule["text"]), quote=False),
                "text": "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in parts),
                RULE_ID: rule["id"],
                TEXT_WORDS: section["title"],
            }
        )
    return entries


def enrich(index: dict, data: dict, page_url: Callable[[str], str]) -> dict:
    """Material's index with an entry per rule and the synonyms of every entry."""
    docs = list(index["docs"])
    pages = {d["location"] for d in docs if "#" not in d["location"]}
    for entry in rule_entries(data, page_url):
        if entry["location"].split("#", 1)[0] in pages:  # a page left out of search keeps its rules out too
            docs.append(entry)
    expand = expander(synonym_groups(data))
    for doc in docs:
        title = plain(doc["title"])
        title_words = expand(title)
        text_words = [
            w
            for w in expand(plain(doc["text"] + " " + doc.get(TEXT_WORDS, "")))
            if w not in title_words and f" {w} " not in _padded(title)
        ]
        for field, words in ((TITLE_WORDS, title_words), (TEXT_WORDS, text_words)):
            value = " ".join([doc.get(field, ""), *words]).strip()
            if value:
                doc[field] = value
    config = dict(index["config"])
    config["fields"] = {**config["fields"], **FIELDS}
    return {**index, "config": config, "docs": docs}


def _one_line(text: str) -> str:
    return " ".join(text.split())
