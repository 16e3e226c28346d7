"""Organization relationship: the short-board rule for the level (method.md §1)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kamtui.domain.enums import OrgDimension, OrgLevel


@dataclass(frozen=True)
class OrgResult:
    level: OrgLevel
    # The dimensions rated lowest while the level is below partner: raising them is the way up.
    holding_down: tuple[OrgDimension, ...]
    # The dimensions whose ratings stop the next level (empty at partner).
    blocking_next: tuple[OrgDimension, ...]


def _holds(values: list[int], level: int) -> bool:
    return sum(v >= level for v in values) >= 3 and all(v >= level - 1 for v in values)


def org_level(ratings: Mapping[OrgDimension, int]) -> OrgResult | None:
    """The highest L in 4..1 with at least 3 of 4 dimensions ≥ L and none below L−1.

    None until all four dimensions are rated.
    """
    if set(ratings) != set(OrgDimension):
        return None
    values = [ratings[d] for d in OrgDimension]
    level = next(lv for lv in (4, 3, 2, 1) if lv == 1 or _holds(values, lv))
    if level == 4:
        return OrgResult(OrgLevel.partner, (), ())
    low = min(values)
    holding = tuple(d for d in OrgDimension if ratings[d] == low)
    nxt = level + 1
    # Below L (i.e. < nxt−1) blocks outright; below nxt blocks when it leaves fewer than 3 at nxt.
    blocking = tuple(
        d for d in OrgDimension
        if ratings[d] < nxt - 1 or (ratings[d] < nxt and sum(v >= nxt for v in values) < 3)
    )
    return OrgResult(OrgLevel.of_rank(level), holding, blocking)
