"""The prerequisite graph of skills, as plain dicts.

``prerequisites`` maps a skill to the skills that must be mastered before it
(``{"fractions": ["division"], "division": ["multiplication"]}``). Skills that
appear only as prerequisites are skills too. The store rejects cycles at
import, but everything here still terminates on a cyclic graph: cycles are
broken by ignoring the edge that closes them, so no skill waits on itself.
"""
from __future__ import annotations

from itertools import chain
from typing import Collection, Iterable, Mapping, Sequence

Prerequisites = Mapping[str, Sequence[str]]


def all_skills(prerequisites: Prerequisites, extra: Iterable[str] = ()) -> list[str]:
    """Every skill named in the graph (as a key or a prerequisite) plus ``extra``, sorted."""
    names = set(extra)
    for skill, needs in prerequisites.items():
        names.add(skill)
        names.update(needs)
    return sorted(names)


def prerequisite_order(prerequisites: Prerequisites, skills: Iterable[str] = ()) -> list[str]:
    """Skills in an order where each comes after its prerequisites (a curriculum).

    Otherwise skills keep the order they are first named in: the graph's keys, each key's
    prerequisites, then ``skills``. The store lists skills in the order they came into the bank,
    and a pack lists its skills as they are taught (review 39: alphabetical ties put
    "Subtraction within 20" after "Multiplication facts"). On a cycle the skill visited first stays
    first, so the function always returns every skill exactly once.

    >>> prerequisite_order({"sub": ["add"], "times": ["add"], "add": []}, ["shapes"])
    ['add', 'sub', 'times', 'shapes']
    """
    named = list(dict.fromkeys(chain(chain.from_iterable([skill, *needs] for skill, needs in prerequisites.items()), skills)))
    rank = {skill: n for n, skill in enumerate(named)}.__getitem__  # every prerequisite is named
    order: list[str] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = placed
    for root in named:
        if state.get(root):
            continue
        # Iterative depth-first search: a long chain must not hit the recursion limit.
        stack: list[tuple[str, Iterable[str]]] = [(root, iter(sorted(prerequisites.get(root, ()), key=rank)))]
        state[root] = 1
        while stack:
            skill, pending = stack[-1]
            for need in pending:
                if not state.get(need):
                    state[need] = 1
                    stack.append((need, iter(sorted(prerequisites.get(need, ()), key=rank))))
                    break
            else:
                stack.pop()
                state[skill] = 2
                order.append(skill)
    return order


def ancestors(prerequisites: Prerequisites, skill: str) -> set[str]:
    """All skills that ``skill`` depends on, directly or through others (never itself)."""
    seen: set[str] = set()
    frontier = list(prerequisites.get(skill, ()))
    while frontier:
        need = frontier.pop()
        if need in seen or need == skill:
            continue
        seen.add(need)
        frontier.extend(prerequisites.get(need, ()))
    return seen


def shown_by_later_work(prerequisites: Prerequisites, went_well: Iterable[str], own_trouble: Collection[str] = ()) -> set[str]:
    """Skills a child's success on later skills shows she can build on: every prerequisite (direct or not)
    of a skill in ``went_well``, except those in ``own_trouble`` (her own answers on them say otherwise).

    A child who multiplies well is not sent back to counting because she was never asked to count.

    >>> shown_by_later_work({"times": ["add"], "add": ["count"]}, ["times"], own_trouble=["add"])
    {'count'}
    """
    shown: set[str] = set()
    frontier = [need for skill in went_well for need in prerequisites.get(skill, ()) if need != skill]
    while frontier:  # one walk from all of them: every skill is visited once, however many went well
        need = frontier.pop()
        if need not in shown:
            shown.add(need)
            frontier.extend(prerequisites.get(need, ()))
    return shown - set(own_trouble)


def furthest(prerequisites: Prerequisites, reached: Collection[str]) -> list[str]:
    """The skills of ``reached`` that no other skill of ``reached`` builds on: how far a class has got.

    >>> furthest({"times": ["add"], "add": ["count"]}, ["count", "add", "shapes"])
    ['add', 'shapes']
    """
    below = shown_by_later_work(prerequisites, reached)
    return sorted(s for s in reached if s not in below)


def find_cycle(prerequisites: Prerequisites) -> list[str] | None:
    """One cycle as a list of skills (first == last), or None when the graph has none."""
    state: dict[str, int] = {}
    for root in all_skills(prerequisites):
        if state.get(root):
            continue
        path = [root]
        iters = [iter(sorted(prerequisites.get(root, ())))]
        state[root] = 1
        while path:
            for need in iters[-1]:
                if state.get(need) == 1:
                    return path[path.index(need):] + [need]
                if not state.get(need):
                    state[need] = 1
                    path.append(need)
                    iters.append(iter(sorted(prerequisites.get(need, ()))))
                    break
            else:
                state[path.pop()] = 2
                iters.pop()
    return None


def ready_skills(prerequisites: Prerequisites, mastered: set[str], skills: Iterable[str]) -> list[str]:
    """Skills not yet mastered whose direct prerequisites are all mastered.

    A prerequisite that lies on a cycle through the skill itself is ignored,
    so a cyclic graph cannot lock every skill forever.
    """
    ready = []
    for skill in skills:
        if skill in mastered:
            continue
        needs = [n for n in prerequisites.get(skill, ()) if n != skill and skill not in ancestors(prerequisites, n)]
        if all(n in mastered for n in needs):
            ready.append(skill)
    return ready
