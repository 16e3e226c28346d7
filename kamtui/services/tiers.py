"""The portfolio's tier filter, kept light: the portfolio is the first frame, which loads no
models (tests/test_startup.py)."""

from __future__ import annotations

from kamtui.domain.enums import Tier


def next_tier(tier: Tier | None) -> Tier | None:
    """The tier filter's next step: all → strategic → key → standard → all."""
    order: list[Tier | None] = [None, *Tier]
    return order[(order.index(tier) + 1) % len(order)]


def of_tier(rows: list, tier: Tier | None) -> list:
    """Rows (anything with a `tier`) of one tier; all when None."""
    return rows if tier is None else [r for r in rows if r.tier == tier]
