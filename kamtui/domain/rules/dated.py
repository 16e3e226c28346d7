"""The calendar-dependent pitfalls and what they need, apart from the plan models.

The cached account summary stores DatedFacts; the portfolio turns them into pitfalls as of
today without loading any plan (this module stays free of pydantic for a light start-up).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kamtui.domain.enums import PitfallKey

if TYPE_CHECKING:
    from kamtui.domain.models import PitfallDismissal

EXEC_VISIT_WINDOW = dt.timedelta(days=183)
SPONSOR_WINDOW = dt.timedelta(days=365)
# Pitfalls whose truth moves with the calendar: summaries cached at write time leave them out.
TIME_DEPENDENT = frozenset({PitfallKey.no_exec_visit, PitfallKey.sponsor_groups_missing})


@dataclass(frozen=True)
class Pitfall:
    key: PitfallKey
    en: str  # what triggered it, in words
    zh: str
    data: tuple[str, ...] = ()  # user data behind it (names, dates): shown literally
    dismissal: PitfallDismissal | None = None

    def detail(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    @property
    def open(self) -> bool:
        return self.dismissal is None


def no_exec_visit(last_visit: dt.date | None, today: dt.date) -> Pitfall | None:
    if last_visit is not None and today - last_visit <= EXEC_VISIT_WINDOW:
        return None
    when = last_visit.isoformat() if last_visit else None
    return Pitfall(
        PitfallKey.no_exec_visit,
        f"last CXO visit done: {when or 'never'}",
        f"最近一次高层互访：{when or '从未'}",
    )


@dataclass(frozen=True)
class DatedFacts:
    """What the calendar-dependent pitfalls need: small enough to cache per account."""

    last_exec_visit: dt.date | None = None
    sponsor_meetings: tuple[dt.date, ...] = ()  # not cancelled, newest first
    sponsor_ticked: bool = False
    sponsor_change_dates: tuple[dt.date, ...] = ()

    def to_json(self) -> dict:
        return {
            "last_exec_visit": self.last_exec_visit.isoformat() if self.last_exec_visit else None,
            "sponsor_meetings": [d.isoformat() for d in self.sponsor_meetings],
            "sponsor_ticked": self.sponsor_ticked,
            "sponsor_change_dates": [d.isoformat() for d in self.sponsor_change_dates],
        }

    @classmethod
    def from_json(cls, data: dict) -> "DatedFacts":
        day = dt.date.fromisoformat
        return cls(
            day(data["last_exec_visit"]) if data.get("last_exec_visit") else None,
            tuple(day(d) for d in data.get("sponsor_meetings", ())),
            bool(data.get("sponsor_ticked")),
            tuple(day(d) for d in data.get("sponsor_change_dates", ())),
        )


def dated_pitfalls(facts: DatedFacts, today: dt.date) -> list[Pitfall]:
    found = []
    visit = no_exec_visit(facts.last_exec_visit, today)
    if visit:
        found.append(visit)
    since = today - SPONSOR_WINDOW
    meetings = [d for d in facts.sponsor_meetings if since <= d <= today]
    changes = sum(d >= since for d in facts.sponsor_change_dates)
    if not meetings and not facts.sponsor_ticked:
        found.append(Pitfall(PitfallKey.sponsor_groups_missing,
                             "no sponsor working-group meeting in 12 months",
                             "12 个月内没有 Sponsor 工作组例会"))
    elif changes > 1:
        found.append(Pitfall(PitfallKey.sponsor_groups_missing,
                             f"the sponsor changed {changes} times in 12 months",
                             f"12 个月内 Sponsor 更换 {changes} 次"))
    return found
