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

# A word of a group is found at the start of a word, with an ending of up to three
# letters ("kommentarsregler" in "kommentarsreglerna"): Swedish inflection.
_ENDING = r"\w{0,3}(?!\w)"
_TAGS = re.compile(r"<[^>]+>")


def synonym_groups(data: dict) -> list[list[str]]:
    """The data file's synonym groups, and each glossary term with its forms."""
    groups = [list(group) for group in data.get("synonyms") or []]
    groups += [[entry["term"], *entry["forms"]] for entry in data["glossary"] if entry.get("forms")]
    return groups


def expander(groups: Iterable[list[str]]) -> Callable[[str], list[str]]:
    """A function: text -> the words of every group that the text mentions, less
    those the text already has (a word counted twice would weigh twice)."""
    compiled = []
    for group in groups:
        words = sorted({w.strip().lower() for w in group if w.strip()}, key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + ")" + _ENDING, re.IGNORECASE)
        compiled.append((pattern, words))

    def expand(text: str) -> list[str]:
        found: list[str] = []
        lowered = text.lower()
        for pattern, words in compiled:
            if pattern.search(text):
                found += [w for w in words if w not in found and not _has_word(lowered, w)]
        return found

    return expand


def _has_word(lowered: str, word: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", lowered) is not None


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
            if w not in title_words and not _has_word(title.lower(), w)
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
