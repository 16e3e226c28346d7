"""One account's line in the portfolio, read from the cached summary.

Plain dataclasses, no pydantic: the portfolio is the first screen and `kamtui report`'s data,
both paid for at start-up. How a plan becomes a LayerState is `rules.state.layer_state`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kamtui.domain.enums import Indicator, OrgDimension, OrgLevel, PitfallKey, Tier
from kamtui.domain.rules.dated import DatedFacts, dated_pitfalls


@dataclass(slots=True)
class LayerState:
    """What the summary table caches per account (computed at write time, no calendar)."""

    org_level: OrgLevel | None = None
    org_holding: tuple[OrgDimension, ...] = ()
    org_target: OrgLevel | None = None
    key_index: float | None = None
    key_target: float | None = None
    coverage: float = 0.0
    red_flags: int = 0
    extensive_index: float | None = None
    extensive_target: float | None = None
    sb_department: str | None = None
    sb_indicator: Indicator | None = None
    sb_value: int | None = None
    last_assessed: dt.date | None = None
    pitfalls: tuple[PitfallKey, ...] = ()  # open, calendar-free
    dismissed: tuple[str, ...] = ()
    facts: DatedFacts = field(default_factory=DatedFacts)
    people: int = 0
    departments: int = 0
    activities: int = 0
    assessments: int = 0


def open_pitfalls(state: LayerState, today: dt.date) -> list[PitfallKey]:
    """The cached calendar-free pitfalls plus the calendar ones as of today, undismissed."""
    dated = [p.key for p in dated_pitfalls(state.facts, today) if p.key.value not in state.dismissed]
    keys = set(state.pitfalls) | set(dated)
    return [k for k in PitfallKey if k in keys]


@dataclass(slots=True)
class PortfolioRow:
    id: str
    name: str
    short_name: str
    industry: str
    tier: Tier
    owner: str
    archived: bool
    state: LayerState
    open_activities: int
    overdue_activities: int
    pitfalls: list[PitfallKey]
    match: str = ""  # why a filter matched, e.g. "person: 王强"
