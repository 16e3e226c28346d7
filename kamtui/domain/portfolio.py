"""One account's line in the portfolio, read from the cached summary.

Plain dataclasses, no pydantic: the portfolio is the first screen and `kamtui report`'s data,
both paid for at start-up. How a plan becomes a LayerState is `rules.state.layer_state`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
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
    coverage: float | None = None
    red_flags: int = 0
    # the key layer from the people as they are now (rules.summary.key_now), beside the
    # figures above, which are those of the latest assessment (`last_assessed`)
    key_index_now: float | None = None
    coverage_now: float | None = None
    red_flags_now: int = 0
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
    # the path to the next level per layer, as assessed (rules.next_step.next_step_json)
    next_step: dict | None = None


def open_pitfalls(state: LayerState, today: dt.date) -> list[PitfallKey]:
    """The cached calendar-free pitfalls plus the calendar ones as of today, undismissed."""
    return pitfall_keys(state.pitfalls, state.dismissed, state.facts, today)


_ORDER = {k: i for i, k in enumerate(PitfallKey)}


def pitfall_keys(cached: Iterable[str], dismissed: Iterable[str], facts: DatedFacts,
                 today: dt.date) -> list[PitfallKey]:
    """`open_pitfalls` from the summary's stored values (keys as strings will do), in the
    method's order: the report's path, which builds no LayerState."""
    gone = set(dismissed)
    keys = set(cached)
    keys.update(p.key for p in dated_pitfalls(facts, today) if p.key.value not in gone)
    return sorted((PitfallKey(k) for k in keys), key=_ORDER.__getitem__)


class PortfolioRow:
    """One account's line. Its figures (`state`) and pitfalls may be given, or derived on
    first use from `load()`: a screenful of rows is painted long before 5,000 are parsed."""

    __slots__ = ("id", "name", "short_name", "industry", "tier", "owner", "archived",
                 "open_activities", "overdue_activities", "undated_activities", "red_flags", "match",
                 "_state", "_pitfalls", "_load", "_today")

    def __init__(self, id: str, name: str, short_name: str, industry: str, tier: Tier, owner: str,
                 archived: bool, state: LayerState | None = None, open_activities: int = 0,
                 overdue_activities: int = 0, pitfalls: list[PitfallKey] | None = None,
                 match: str = "", *, load: Callable[[], LayerState] | None = None,
                 red_flags: int | None = None, today: dt.date | None = None,
                 undated_activities: int = 0) -> None:
        if state is None and load is None:
            state = LayerState()
        if pitfalls is None and today is None and state is not None:
            pitfalls = []
        self.id, self.name, self.short_name, self.industry = id, name, short_name, industry
        self.tier, self.owner, self.archived = tier, owner, archived
        self.open_activities, self.overdue_activities = open_activities, overdue_activities
        self.undated_activities = undated_activities  # open with no date (never overdue)
        self.match = match  # why a filter matched, e.g. "person: 王强"
        self._state, self._load, self._pitfalls, self._today = state, load, pitfalls, today
        # needed for every row (flags, the attention count): kept apart from the lazy state
        self.red_flags = state.red_flags if state is not None else (red_flags or 0)

    @property
    def state(self) -> LayerState:
        if self._state is None:
            assert self._load is not None
            self._state, self._load = self._load(), None
        return self._state

    @property
    def pitfalls(self) -> list[PitfallKey]:
        if self._pitfalls is None:
            assert self._today is not None
            self._pitfalls = open_pitfalls(self.state, self._today)
        return self._pitfalls

    def _values(self) -> tuple:
        return (self.id, self.name, self.short_name, self.industry, self.tier, self.owner,
                self.archived, self.state, self.open_activities, self.overdue_activities,
                self.pitfalls, self.match)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PortfolioRow):
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # mutable (match), like the dataclass it was

    def __repr__(self) -> str:
        return f"PortfolioRow(id={self.id!r}, name={self.name!r})"
