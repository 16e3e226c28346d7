"""The plain-data shape of one demo account; demo_content turns it into domain models.

Rows are tuples so an account reads as a table. Keys ("gm", "zhou", …) are readable seeds
for the stable ids; they only need to be unique within their account and kind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import (
    ActivityStatus, Attitude, ChainRole, CompetitorPosition, Evidence, OrgLevel, Tier,
)

D = dt.date
T = ActivityType

# Decision-chain roles, short.
DM, INF, EV, US, GK, CO = (
    ChainRole.decision_maker, ChainRole.influencer, ChainRole.evaluator,
    ChainRole.user, ChainRole.gatekeeper, ChainRole.coach,
)
# Competitor positions, short.
INC, STRONG, PRESENT, WEAK = (
    CompetitorPosition.incumbent, CompetitorPosition.strong,
    CompetitorPosition.present, CompetitorPosition.weak,
)
# Activity statuses, short.
PLANNED, IN_PROGRESS, DONE, CANCELLED = (
    ActivityStatus.planned, ActivityStatus.in_progress, ActivityStatus.done, ActivityStatus.cancelled,
)

# One character per assessment snapshot in a person's attitude history ("-": not rated yet).
ATTITUDE_CODES = {
    "A": Attitude.advocate, "+": Attitude.accepting, "=": Attitude.commodity,
    "!": Attitude.threat, "?": Attitude.unknown,
}
NOT_RATED = "-"


class Dept(NamedTuple):
    key: str
    parent: str | None
    name: str
    importance: int
    business_line: str
    # Per snapshot: four digits 1–5 in Indicator order, or "-" when not rated then.
    ratings: tuple[str, ...]


class P(NamedTuple):
    """A person: the last history character is the current attitude."""

    key: str
    dept: str
    name: str
    title: str
    reports_to: str | None
    role: ChainRole | None
    influence: int
    history: str  # attitude per snapshot, see ATTITUDE_CODES
    flags: str  # space-separated: exec hidden star
    needs: int | None
    owner: str | None  # our team member's login
    last_contact: dt.date | None


class Snapshot(NamedTuple):
    on: dt.date
    by: str  # login of the team member who recorded it
    note: str
    # (value 1–4, evidence note) in OrgDimension order:
    # communication, business_fit, alliance, identification.
    org: tuple[tuple[int, str], tuple[int, str], tuple[int, str], tuple[int, str]]


class Tick(NamedTuple):
    """An evidence item: ticked on a date, unticked again from `lapsed` on (if ever)."""

    evidence: Evidence
    ticked: dt.date
    lapsed: dt.date | None = None


@dataclass(frozen=True)
class Act:
    """A development activity; scope and layer come from the catalogue entry of its type."""

    key: str
    type: ActivityType
    status: ActivityStatus
    on: dt.date
    owner: str
    objective: str
    people: tuple[str, ...] = ()  # point: person keys
    dept: str | None = None  # line: department key
    outcome: str = ""
    cancel_reason: str = ""
    cost: float = 0.0
    reviewed: bool = False
    approval: tuple[str, dt.date] | None = None  # (approver, approved on)
    short_board: str = ""


class Target(NamedTuple):
    value: OrgLevel | float
    due: dt.date
    notes: str


class Dismissal(NamedTuple):
    key: str  # PitfallKey value
    reason: str
    by: str
    on: dt.date


@dataclass(frozen=True)
class AccountSpec:
    key: str
    name: str
    short_name: str
    industry: str
    region: str
    tier: Tier
    owner: str
    strategy: str
    departments: tuple[Dept, ...]
    people: tuple[P, ...]
    competitors: tuple[tuple[str, str, CompetitorPosition, str], ...]  # key, name, position, notes
    leanings: dict[str, str | None]  # person key -> competitor key (None: leans to nobody)
    texts: dict[str, tuple[str, str]]  # person key -> (personal needs, career needs)
    links: tuple[tuple[str, str, str], ...]  # (from, LinkKind value, to)
    snapshots: tuple[Snapshot, ...]  # oldest first
    evidence: tuple[Tick, ...]
    targets: tuple[Target, Target, Target]  # organization, key, extensive
    activities: tuple[Act, ...]
    dismissals: tuple[Dismissal, ...] = field(default=())
