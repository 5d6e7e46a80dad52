"""The checks of the guide "Hantera en kommentar" (comment_guide: in the data file).

The guide is a graph: questions whose answers lead (`next`) to another question
or to an outcome. The checks make sure a reader can never get lost in it:

- ids are unique among the questions and outcomes, and none is a rule's id;
- `start` names a question;
- every answer leads to a question or an outcome that exists;
- a question has at least two answers, and no two of them lead to the same step
  (a step's id in the URL then says which answer was chosen);
- every question and every outcome can be reached from the start;
- no path goes round in a circle, so every path ends in an outcome;
- every rule id and role id that an outcome names exists.

Pure, like guideline_data (which calls `problems`): no MkDocs. Each problem
names the file, the line and the field, in Swedish.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

Where = tuple  # a path into the data, e.g. ("comment_guide", "questions", 2, "answers", 0, "next")
MakeProblem = Callable[..., Any]  # guideline_data's problem(path, message, key=False)

GUIDE = "comment_guide"


def _items(value: Any) -> Iterator[tuple[int, dict]]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def graph(guide: dict) -> dict[str, list[str]]:
    """Step id -> the ids its answers lead to (an outcome leads nowhere)."""
    edges: dict[str, list[str]] = {}
    for _, question in _items(guide.get("questions")):
        if isinstance(question.get("id"), str):
            answers = _items(question.get("answers"))
            edges[question["id"]] = [a["next"] for _, a in answers if isinstance(a.get("next"), str)]
    for _, outcome in _items(guide.get("outcomes")):
        if isinstance(outcome.get("id"), str):
            edges.setdefault(outcome["id"], [])
    return edges


def paths(guide: dict) -> list[list[str]]:
    """Every path from the start to an outcome (for the tests and the report);
    call only on a guide that passed the checks."""
    edges = graph(guide)
    found: list[list[str]] = []

    def walk(path: list[str]) -> None:
        nexts = edges[path[-1]]
        if not nexts:
            found.append(path)
        for step in nexts:
            walk([*path, step])

    walk([guide["start"]])
    return found


def problems(
    data: dict, problem: MakeProblem, line: Callable[[Where], int], rule_ids: set[str], role_ids: set[str]
) -> Iterator[Any]:
    """Every problem of the guide; `problem(path, message, key=False)` makes one (on the line of
    the key with key=True), `line(path)` is a path's line."""
    guide = data.get(GUIDE)
    if not isinstance(guide, dict):
        return  # absent, or the schema reports the wrong shape
    questions = dict(_items(guide.get("questions")))
    outcomes = dict(_items(guide.get("outcomes")))

    # Ids: one namespace for questions and outcomes (they are anchors on one page).
    where: dict[str, Where] = {}
    for kind, noun, items in (("questions", "fråga", questions), ("outcomes", "utfall", outcomes)):
        for i, item in items.items():
            step_id, path = item.get("id"), (GUIDE, kind, i, "id")
            if not isinstance(step_id, str):
                continue
            if step_id in where:
                yield problem(
                    path,
                    f"Id {step_id!r} används redan av en annan fråga eller ett annat utfall i guiden "
                    f"(rad {line(where[step_id])}). Varje id måste vara unikt.",
                )
            elif step_id in rule_ids:
                yield problem(path, f"Id {step_id!r} är redan id för en regel. Ge {noun} ett eget id.")
            else:
                where[step_id] = path
    question_ids = {q["id"] for q in questions.values() if isinstance(q.get("id"), str)}
    outcome_ids = {o["id"] for o in outcomes.values() if isinstance(o.get("id"), str)}
    steps = question_ids | outcome_ids

    start = guide.get("start")
    if isinstance(start, str) and start not in question_ids:
        if start in outcome_ids:
            message = f"Guiden börjar med {start!r}, som är ett utfall. Guiden ska börja med en fråga."
        else:
            message = f"Frågan {start!r} finns inte. Det finns: {', '.join(sorted(question_ids))}."
        yield problem((GUIDE, "start"), message)

    # Answers lead somewhere that exists; at least two answers, each to its own step.
    for i, question in questions.items():
        answers = dict(_items(question.get("answers")))
        qpath = (GUIDE, "questions", i)
        if len(answers) < 2 and isinstance(question.get("answers"), list):
            count = "inga svar" if not answers else "bara ett svar"
            yield problem(
                (*qpath, "answers"),
                f"Frågan har {count}, så vägen tar slut här. Ge den minst två svar som leder till en "
                "fråga eller ett utfall (answers, med text och next).",
                key=True,  # the line of answers:, not of its first item
            )
        seen: dict[str, int] = {}
        for j, answer in answers.items():
            nxt, apath = answer.get("next"), (*qpath, "answers", j, "next")
            if not isinstance(nxt, str):
                continue
            if nxt not in steps:
                yield problem(
                    apath,
                    f"Svaret leder till {nxt!r}, men det finns ingen fråga eller inget utfall med det id:t. "
                    "Kontrollera stavningen, eller lägg till frågan eller utfallet.",
                )
            elif nxt == question.get("id"):
                yield problem(apath, "Svaret leder tillbaka till samma fråga. Låt det leda vidare.")
            elif nxt in seen:
                yield problem(
                    apath,
                    f"Svar nr {seen[nxt] + 1} leder redan till {nxt!r}. Två svar på samma fråga får inte leda "
                    "till samma ställe. Slå ihop dem till ett svar.",
                )
            else:
                seen[nxt] = j

    edges = graph(guide)
    edges = {step: [n for n in nexts if n in steps] for step, nexts in edges.items()}

    # No cycles: depth-first from every question; report the answer that closes a circle once.
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    reported: set[tuple[str, str]] = set()
    answer_path = {
        (q.get("id"), a.get("next")): (GUIDE, "questions", i, "answers", j, "next")
        for i, q in questions.items()
        for j, a in _items(q.get("answers"))
    }
    cycles: list[tuple[tuple, str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in edges.get(node, []):
            if nxt == node:
                continue  # reported above
            if state.get(nxt) == 1:
                loop = [*trail[trail.index(nxt) :], node, nxt]
                if (node, nxt) not in reported:
                    reported.add((node, nxt))
                    cycles.append((answer_path[(node, nxt)], " → ".join(loop)))
            elif state.get(nxt) is None:
                visit(nxt, [*trail, node])
        state[node] = 2

    ordered = [start] if isinstance(start, str) and start in question_ids else []
    ordered += sorted(question_ids)
    for node in ordered:
        if state.get(node) is None:
            visit(node, [])
    for path, loop in cycles:
        yield problem(
            path,
            f"Svaret leder tillbaka till en fråga som redan har ställts, så vägen går runt i en cirkel: {loop}. "
            "Låt svaret leda till en ny fråga eller till ett utfall.",
        )

    # Everything can be reached from the start.
    if isinstance(start, str) and start in question_ids:
        reached, todo = {start}, [start]
        while todo:
            for nxt in edges.get(todo.pop(), []):
                if nxt not in reached:
                    reached.add(nxt)
                    todo.append(nxt)
        for kind, noun, items in (("questions", "frågan", questions), ("outcomes", "utfallet", outcomes)):
            for i, item in items.items():
                step_id = item.get("id")
                if isinstance(step_id, str) and step_id not in reached and where.get(step_id) == (GUIDE, kind, i, "id"):
                    yield problem(
                        (GUIDE, kind, i, "id"),
                        f"Inget svar leder till {noun} {step_id!r}, så ingen kan komma dit från början av "
                        f"guiden ({start}). Låt ett svar leda hit (next: {step_id}), eller ta bort {noun}.",
                    )

    # Rules and roles that the outcomes name exist.
    for i, outcome in outcomes.items():
        for part in ("steps", "dont"):
            for j, item in _items(outcome.get(part)):
                base = (GUIDE, "outcomes", i, part, j)
                for k, role in enumerate(item.get("roles") or []):
                    if isinstance(role, str) and role not in role_ids:
                        choices = ", ".join(sorted(role_ids))
                        yield problem((*base, "roles", k), f"Rollen {role!r} finns inte. Det finns: {choices}.")
                for k, rule in enumerate(item.get("rules") or []):
                    if isinstance(rule, str) and rule not in rule_ids:
                        yield problem((*base, "rules", k), f"Regeln {rule!r} finns inte. Kontrollera stavningen.")


def outcomes_by_rule(guide: dict | None) -> dict[str, list[dict]]:
    """Rule id -> the outcomes that cite it (in the guide's order), for "Se också" at each rule."""
    found: dict[str, list[dict]] = {}
    if not guide:
        return found
    for outcome in guide["outcomes"]:
        for rule_id in cited_rules(outcome):
            found.setdefault(rule_id, []).append(outcome)
    return found


def cited_rules(outcome: dict) -> list[str]:
    """The rule ids an outcome's steps and don'ts cite, each once, in order."""
    ids = [r for part in ("steps", "dont") for item in outcome.get(part) or [] for r in item.get("rules") or []]
    return list(dict.fromkeys(ids))
