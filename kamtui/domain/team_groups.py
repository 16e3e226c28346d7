"""The team view's groups (issue 16): an owner's, a tier's, a level's or the whole team's
figures over a period, summed from each account's (kamtui.domain.team)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from kamtui.domain.enums import OrgLevel
from kamtui.domain.team import LEVEL_RANK, Execution, PeriodEnds

if TYPE_CHECKING:
    from kamtui.domain.team import AccountFigures

T = TypeVar("T")


class GroupInput(NamedTuple):
    """One account as a group adds it (GroupFigures.add_ends)."""

    name: str
    ends: PeriodEnds
    execution: Execution
    awaiting_approval: int



@dataclass
class GroupFigures:
    """The figures of a group of accounts (an owner's, a tier's, a level's, the team's)."""

    key: str
    accounts: int = 0
    levels_start: dict[OrgLevel | None, int] = field(default_factory=dict)
    levels_end: dict[OrgLevel | None, int] = field(default_factory=dict)
    ups: list[str] = field(default_factory=list)  # account names
    downs: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    key_deltas: list[float] = field(default_factory=list)
    extensive_deltas: list[float] = field(default_factory=list)
    flags_opened: int = 0
    flags_cleared: int = 0
    key_people: int = 0
    key_known: int = 0
    execution: Execution = field(default_factory=Execution)
    awaiting_approval: int = 0

    @property
    def key_delta(self) -> float | None:
        """Mean of the accounts' deltas, over those with a figure at both ends."""
        return sum(self.key_deltas) / len(self.key_deltas) if self.key_deltas else None

    @property
    def extensive_delta(self) -> float | None:
        return sum(self.extensive_deltas) / len(self.extensive_deltas) if self.extensive_deltas else None

    @property
    def coverage(self) -> float | None:
        """Decision makers and influencers with a known attitude, over all of the group's."""
        return self.key_known / self.key_people if self.key_people else None

    def add(self, a: AccountFigures) -> None:
        self.add_all((a,))

    def add_all(self, accounts: Iterable[AccountFigures]) -> None:
        """add each account (in one pass: the whole team of a large workspace is thousands)."""
        self.add_ends(GroupInput(a.name, a.ends, a.execution, a.awaiting_approval) for a in accounts)

    def add_ends(self, accounts: Iterable[GroupInput]) -> None:
        """add each account as its period's ends (what add_all reads of its figures)."""
        starts, ends = self.levels_start, self.levels_end
        sums = list(self.execution)
        n = people = known = opened = cleared = waiting = 0
        for name, p, e, waits in accounts:
            n += 1
            ls, le = p.level_start, p.level_end
            starts[ls] = starts.get(ls, 0) + 1
            ends[le] = ends.get(le, 0) + 1
            if le is not None:  # as AccountFigures.level_change
                if ls is None:
                    self.new.append(name)
                elif LEVEL_RANK[le] > LEVEL_RANK[ls]:
                    self.ups.append(name)
                elif LEVEL_RANK[le] < LEVEL_RANK[ls]:
                    self.downs.append(name)
            # as AccountFigures.key_delta, extensive_delta (None at an end without a point)
            if p.key_start is not None and p.key_end is not None:
                self.key_deltas.append(p.key_end - p.key_start)
            if p.extensive_start is not None and p.extensive_end is not None:
                self.extensive_deltas.append(p.extensive_end - p.extensive_start)
            opened += p.flags_opened
            cleared += p.flags_cleared
            people += p.key_people
            known += p.key_known
            sums[0] += e.planned
            sums[1] += e.on_time
            sums[2] += e.late
            sums[3] += e.done_unrecorded
            sums[4] += e.overdue
            sums[5] += e.upcoming
            sums[6] += e.cancelled
            sums[7] += e.undated
            waiting += waits
        self.accounts += n
        self.flags_opened += opened
        self.flags_cleared += cleared
        self.key_people += people
        self.key_known += known
        self.execution = Execution(*sums)
        self.awaiting_approval += waiting


def _buckets(pairs: Iterable[tuple[str, T]]) -> list[tuple[str, list[T]]]:
    """Items per key, in key order ("" — no owner, no tier — last), each in the order met."""
    members: dict[str, list[T]] = {}
    for k, item in pairs:
        found = members.get(k)
        if found is None:
            members[k] = [item]
        else:
            found.append(item)
    return [(k, members[k]) for k in sorted(members, key=lambda k: (k == "", k))]


def group_by(accounts: Iterable[AccountFigures], key: Callable[[AccountFigures], str]) -> list[GroupFigures]:
    """One GroupFigures per key, in key order ("" — no owner, no tier — last)."""
    groups = []
    for k, members in _buckets((key(a), a) for a in accounts):
        g = GroupFigures(k)
        g.add_all(members)
        groups.append(g)
    return groups


def group_inputs(accounts: Iterable[tuple[str, GroupInput]]) -> tuple[list[GroupFigures], GroupFigures]:
    """(key, account) pairs as group_by's groups, in key order, and the whole of them (key
    "team"): what group_by and whole give over the same accounts in the same order."""
    pairs = list(accounts)
    groups = []
    for k, members in _buckets(pairs):
        g = GroupFigures(k)
        g.add_ends(members)
        groups.append(g)
    total = GroupFigures("team")
    total.add_ends([a for _, a in pairs])
    return groups, total


def whole(accounts: Iterable[AccountFigures], key: str = "") -> GroupFigures:
    g = GroupFigures(key)
    g.add_all(accounts)
    return g


def level_key(a: AccountFigures) -> str:
    """Group key by level now: its rank and value ("2:supplier"), "" when not assessed."""
    lv = a.level_end
    return f"{lv.rank}:{lv.value}" if lv else ""
