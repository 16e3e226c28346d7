"""The customer's two hierarchies: departments within departments, people reporting to people.

Neither may loop: a department under itself or one of its own sub-departments leaves the
organization tree without a root (the map then shows neither those departments nor their
people), and a reports-to loop has no head.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Protocol


class Placed(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def parent_id(self) -> str | None: ...


class Reporting(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def reports_to_id(self) -> str | None: ...


def subtree(departments: Iterable[Placed], department_id: str) -> set[str]:
    """The department and every department below it, however deep (archived ones too)."""
    children: dict[str | None, list[str]] = defaultdict(list)
    for d in departments:
        children[d.parent_id].append(d.id)
    found = {department_id}
    stack = [department_id]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def reports_below(people: Iterable[Reporting], person_id: str) -> set[str]:
    """Everyone who reports to the person, directly or through others (not the person)."""
    reports: dict[str | None, list[str]] = defaultdict(list)
    for p in people:
        reports[p.reports_to_id].append(p.id)
    found: set[str] = set()
    stack = [person_id]
    while stack:
        for below in reports.get(stack.pop(), ()):
            if below not in found and below != person_id:
                found.add(below)
                stack.append(below)
    return found


def parent_allowed(departments: Iterable[Placed], department_id: str, parent_id: str | None) -> bool:
    """Whether the department may sit under `parent_id` (None: at the top)."""
    return parent_id is None or parent_id not in subtree(departments, department_id)


def manager_allowed(people: Iterable[Reporting], person_id: str, manager_id: str | None) -> bool:
    """Whether the person may report to `manager_id`: not to themselves, nor to anyone who
    reports to them (directly or not)."""
    if manager_id is None:
        return True
    boss: dict[str, str | None] = {p.id: p.reports_to_id for p in people}
    boss[person_id] = manager_id
    return not any(person_id in circle for circle in cycles(boss))


def cycles(up: Mapping[str, str | None]) -> list[list[str]]:
    """Every loop in `up` (record -> the one above it: a manager, a parent department), each
    once, starting from its smallest id: [["a", "b"]] when a is under b and b under a. Linear
    in the number of records (a contact file checks all of its reports-to at once)."""
    state: dict[str, int] = {}  # 1: on the current walk, 2: done
    found: list[list[str]] = []
    for start in up:
        if start in state:
            continue
        walk: list[str] = []
        at: str | None = start
        while at is not None and at in up and at not in state:
            state[at] = 1
            walk.append(at)
            at = up[at]
        if at is not None and state.get(at) == 1:  # came back onto this walk: a loop
            circle = walk[walk.index(at):]
            first = circle.index(min(circle))
            found.append(circle[first:] + circle[:first])
        for p in walk:
            state[p] = 2
    return found
