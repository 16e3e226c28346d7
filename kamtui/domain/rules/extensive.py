"""Extensive relationship: department scores, index, short board (method.md §3)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kamtui.domain.enums import Indicator


@dataclass(frozen=True)
class RatedDepartment:
    department_id: str
    name: str
    importance: int
    ratings: Mapping[Indicator, int]


def department_score(ratings: Mapping[Indicator, int]) -> float | None:
    """Mean of the rated indicators; None when none is rated."""
    return sum(ratings.values()) / len(ratings) if ratings else None


def extensive_index(departments: Iterable[RatedDepartment]) -> float | None:
    """Importance-weighted mean of department scores, 1 → 0 and 5 → 100."""
    num = den = 0.0
    for d in departments:
        score = department_score(d.ratings)
        if score is None:
            continue
        num += d.importance * score
        den += d.importance
    if den == 0:
        return None
    return (num / den - 1.0) * 25.0


@dataclass(frozen=True)
class ShortBoard:
    department_id: str
    department: str
    indicator: Indicator
    value: int


def short_board(departments: Iterable[RatedDepartment]) -> ShortBoard | None:
    """The lowest-rated (department, indicator); ties → higher importance, then name."""
    order = {ind: i for i, ind in enumerate(Indicator)}
    best: tuple | None = None
    found: ShortBoard | None = None
    for d in departments:
        for ind, value in d.ratings.items():
            key = (value, -d.importance, d.name, order[ind], d.department_id)
            if best is None or key < best:
                best = key
                found = ShortBoard(d.department_id, d.name, ind, value)
    return found
