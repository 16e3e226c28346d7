"""The customer's two hierarchies: departments within departments, people reporting to people.

Neither may loop: a department under itself or one of its own sub-departments leaves the
organization tree without a root (the map then shows neither those departments nor their
people), and a reports-to loop has no head.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
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


def parent_allowed(departments: Iterable[Placed], department_id: str, parent_id: str | None) -> bool:
    """Whether the department may sit under `parent_id` (None: at the top)."""
    return parent_id is None or parent_id not in subtree(departments, department_id)


def manager_allowed(people: Iterable[Reporting], person_id: str, manager_id: str | None) -> bool:
    """Whether the person may report to `manager_id`: not to themselves, nor to anyone who
    reports to them (directly or not)."""
    if manager_id is None:
        return True
    boss = {p.id: p.reports_to_id for p in people}
    seen = set()
    at: str | None = manager_id
    while at is not None and at not in seen:
        if at == person_id:
            return False
        seen.add(at)
        at = boss.get(at)
    return True
