"""The stakeholder map's data: one light read of the account's people (kamtui.store.people)
from which the figures, the organization tree and the other three views are all drawn.

Opening the map reads this once, before its first frame; so does every edit. The key
figures come from the domain rules over those rows; the open pitfalls come from the summary
the store keeps current inside every write, and their wording (which needs the full plan)
is read only when someone asks for it (`pitfall_details`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import overload

from kamtui.domain.enums import ActivityStatus, Attitude, ChainRole, PitfallKey
from kamtui.domain import ordering
from kamtui.domain.models import Account, Competitor, Department, Person, TeamMember
from kamtui.domain.plan import AccountPlan
from kamtui.domain.rules.key import red_flags
from kamtui.domain.rules.pitfalls import Pitfall, detect_pitfalls
from kamtui.domain.rules.summary import key_now
from kamtui.services.context import Context
from kamtui.store import accounts, assessments, team
from kamtui.store import activities as store_activities
from kamtui.store import people as store_people
from kamtui.store.people import LinkRow, PersonRow

VIEWS = ("organization", "chain", "grid", "coverage")
# The key layer's pitfalls that concern people (compliance belongs to the activity planner).
MAP_PITFALLS = (
    PitfallKey.hidden_chain, PitfallKey.rising_stars_missed, PitfallKey.competitors_ignored,
    PitfallKey.career_needs_ignored, PitfallKey.shallow_relationships,
)
GRID_ATTITUDES = (Attitude.threat, Attitude.commodity, Attitude.accepting, Attitude.advocate,
                  Attitude.unknown)
GRID_INFLUENCE = (5, 4, 3, 2, 1)
KNOWING = (ActivityStatus.done, ActivityStatus.in_progress)  # contact actually made


def flags_of(people: Iterable[PersonRow | Person]) -> dict[str, str]:
    """Person id -> red-flag reason, from the domain rule."""
    people = list(people)
    return {people[f.index].id: f.reason for f in red_flags(people)}


# -- the whole map ---------------------------------------------------------------------
@dataclass(frozen=True)
class Header:
    """The map's figures: the key layer *now*, from the people it shows (docs/figures.md),
    with the key index of the latest assessment beside it for comparison."""

    key_index: float | None
    coverage: float | None
    red_flags: int
    pitfalls: tuple[PitfallKey, ...]  # open ones of MAP_PITFALLS, in that order
    people: int
    assessed_key_index: float | None = None
    assessed_on: dt.date | None = None


@dataclass
class MapData:
    account: Account
    people: list[PersonRow]  # active, name order
    by_id: dict[str, PersonRow]  # every person of the account, archived too
    departments: dict[str, Department]  # active
    members: dict[str, TeamMember]  # archived too: old owners keep their names
    competitors: dict[str, Competitor]
    links: list[LinkRow]
    flags: dict[str, str]
    knows: dict[str, set[str]]  # person id -> ids of our members who have met them
    header: Header
    _archived: list[PersonRow] | None = field(default=None, init=False, repr=False, compare=False)

    def archived_people(self) -> list[PersonRow]:
        # Asked by the map's key checks (every footer and key press): worked out once per read,
        # not once per question over thousands of people. The data is read anew after an edit.
        if self._archived is None:
            self._archived = [p for p in self.by_id.values() if p.archived]
        return self._archived

    def department_name(self, department_id: str | None) -> str:
        d = self.departments.get(department_id or "")
        return d.name if d else ""


def load(ctx: Context, account_id: str) -> MapData:
    """The account's people and what the map shows about them, read once per change.

    Activities and assessments stay out: who has met whom comes from one query over the
    activities' targets; the pitfalls from the summary (see `pitfall_details` for their words).
    """
    db = ctx.db
    everyone = store_people.person_rows(db, account_id)
    people = [p for p in everyone if not p.archived]
    knows: dict[str, set[str]] = defaultdict(set)
    for person in people:
        if person.owner_id:
            knows[person.id].add(person.owner_id)
    for person_id, member_id in store_activities.contacts(db, account_id, [s.value for s in KNOWING]):
        knows[person_id].add(member_id)
    now = key_now(people)
    flags = {people[f.index].id: f.reason for f in now.red_flags}
    cached = accounts.summary_facts(db, account_id)
    assessed_key = assessed_on = None
    if cached is None:  # no summary row yet: detect them from the plan
        pitfalls = tuple(p.key for p in pitfall_details(ctx, account_id))
    else:
        pitfalls = tuple(k for k in MAP_PITFALLS if k.value in cached[0])
        assessed_key, assessed_on = cached[1], dt.date.fromisoformat(cached[2]) if cached[2] else None
    return MapData(
        account=accounts.account(db, account_id), people=people, by_id={p.id: p for p in everyone},
        departments={d.id: d for d in store_people.departments(db, account_id)},
        members={m.id: m for m in team.members(db, include_archived=True)},
        competitors={c.id: c for c in store_people.competitors(db, account_id)},
        links=store_people.link_rows(db, account_id), flags=flags, knows=dict(knows),
        header=Header(now.key_index, now.coverage, len(flags), pitfalls, len(people),
                      assessed_key, assessed_on),
    )


def pitfall_details(ctx: Context, account_id: str) -> tuple[Pitfall, ...]:
    """The open map pitfalls with what triggered them, detected from the account's plan
    (people and competitors: the compliance check over thousands of activities stays out)."""
    db = ctx.db
    plan = AccountPlan(
        account=accounts.account(db, account_id),
        people=store_people.people(db, account_id, include_archived=True),
        competitors=store_people.competitors(db, account_id),
        dismissals=assessments.dismissals(db, account_id),
    )
    found = detect_pitfalls(plan, team.settings(db).policy, ctx.today)
    by_key = {f.key: f for f in found if f.open}
    return tuple(by_key[k] for k in MAP_PITFALLS if k in by_key)


# -- organization view: one level at a time ----------------------------------------------
@dataclass
class OrgIndex:
    departments: dict[str, Department]
    children: dict[str | None, list[Department]]  # parent id (None: top) -> departments
    people_count: dict[str | None, int]  # department id (None: in no department) -> people


def _index(depts: list[Department], counts_by_dept: Iterable[tuple[str | None, int]]) -> OrgIndex:
    by_id = {d.id: d for d in depts}
    children: dict[str | None, list[Department]] = defaultdict(list)
    for d in depts:
        children[d.parent_id if d.parent_id in by_id else None].append(d)
    counts: dict[str | None, int] = {}
    for dept_id, n in counts_by_dept:
        key = dept_id if dept_id in by_id else None
        counts[key] = counts.get(key, 0) + n
    return OrgIndex(by_id, dict(children), counts)


def org_index(ctx: Context, account_id: str) -> OrgIndex:
    """Departments are few even in large accounts: all of them, people only counted."""
    depts = store_people.departments(ctx.db, account_id)
    return _index(depts, store_people.people_counts(ctx.db, account_id).items())


def index_of(data: MapData) -> OrgIndex:
    """The same index, from a map already read."""
    counts: dict[str | None, int] = defaultdict(int)
    for p in data.people:
        counts[p.department_id] += 1
    return _index(list(data.departments.values()), counts.items())


class Forest:
    """A department's people as reports-to trees, heads first (highest influence first).

    Only the order of the heads is worked out up front; a node and its reports are made
    when the tree shows them, so a department of thousands costs one sort, not a node each.
    """

    def __init__(self, people: list[PersonRow], flags: dict[str, str] | None = None) -> None:
        self.flags = flags_of(people) if flags is None else flags
        ids = {p.id for p in people}
        self.below: dict[str, list[PersonRow]] = defaultdict(list)
        for p in people:
            if p.reports_to_id in ids:
                self.below[p.reports_to_id].append(p)
        order = sorted(people, key=_rank)
        heads = [p for p in order if p.reports_to_id not in ids]
        self.tree: dict[str, int] = {}  # person id -> the head (index) whose tree shows them
        for i, p in enumerate(heads):
            if p.id in self.below:
                self._place(p.id, i)
            else:  # most people head nobody
                self.tree[p.id] = i
        # a reports-to cycle inside the department has no head: its first person (in head
        # order) heads what is not shown yet, and nobody is shown twice
        for p in order:
            if p.id not in self.tree:
                heads.append(p)
                self._place(p.id, len(heads) - 1)
        self.heads = Nodes(self, heads)

    def _place(self, head: str, i: int) -> None:
        stack = [head]
        while stack:
            pid = stack.pop()
            self.tree[pid] = i
            stack += [k.id for k in self.below.get(pid, ()) if k.id not in self.tree]

    def reports(self, person: PersonRow, root: str) -> "Nodes":
        return Nodes(self, sorted(self._kids(person, root), key=_rank), root)

    def _kids(self, person: PersonRow, root: str) -> Iterable[PersonRow]:
        # each person has one manager: below them are those their head's tree placed there
        tree = self.tree.get(person.id)
        return (k for k in self.below.get(person.id, ()) if k.id != root and self.tree.get(k.id) == tree)


def _rank(p: PersonRow) -> tuple:
    return (-p.influence, p.name, p.id)


class Nodes(Sequence["PersonNode"]):
    """People of a forest, made into nodes one at a time as they are read."""

    def __init__(self, forest: Forest, people: list[PersonRow], root: str | None = None) -> None:
        self.forest, self.people, self.root = forest, people, root  # root None: heads, their own

    def __len__(self) -> int:
        return len(self.people)

    @overload
    def __getitem__(self, i: int) -> "PersonNode": ...
    @overload
    def __getitem__(self, i: slice) -> "Nodes": ...
    def __getitem__(self, i):
        if isinstance(i, slice):
            return Nodes(self.forest, self.people[i], self.root)
        person = self.people[i]
        return PersonNode(person, self.forest.flags.get(person.id), self.forest, self.root or person.id)


class PersonNode:
    __slots__ = ("person", "flag", "_forest", "_root")

    def __init__(self, person: PersonRow, flag: str | None, forest: Forest, root: str) -> None:
        self.person, self.flag, self._forest, self._root = person, flag, forest, root

    @property
    def has_reports(self) -> bool:
        return any(True for _ in self._forest._kids(self.person, self._root))

    @property
    def reports(self) -> Nodes:
        return self._forest.reports(self.person, self._root)


def people_trees(people: list[PersonRow], flags: dict[str, str] | None = None) -> Nodes:
    """A department's people as reports-to trees: heads first (highest influence first)."""
    return Forest(people, flags).heads


def department_nodes(data: MapData, department_id: str | None) -> Nodes:
    """The same trees, from a map already read."""
    if department_id is None:
        people = [p for p in data.people if p.department_id not in data.departments]
    else:
        people = [p for p in data.people if p.department_id == department_id]
    return people_trees(people, data.flags)


# -- decision chain, grid, coverage ------------------------------------------------------
def chain(data: MapData) -> list[tuple[ChainRole | None, list[PersonRow]]]:
    groups: dict[ChainRole | None, list[PersonRow]] = defaultdict(list)
    for p in data.people:
        groups[p.role].append(p)
    order: list[ChainRole | None] = [*ChainRole, None]
    return [(r, sorted(groups[r], key=_rank)) for r in order if groups.get(r)]


def grid(data: MapData) -> dict[tuple[int, Attitude], list[PersonRow]]:
    cells: dict[tuple[int, Attitude], list[PersonRow]] = {
        (i, a): [] for i in GRID_INFLUENCE for a in GRID_ATTITUDES}
    for p in data.people:
        cells[(p.influence, p.attitude)].append(p)
    return cells


def danger_cell(influence: int, attitude: Attitude) -> bool:
    """The corner where a red flag lives: a threat with high influence."""
    return bool(red_flags([_Rated(attitude, influence)]))


@dataclass(frozen=True)
class _Rated:
    attitude: Attitude
    influence: int
    role: ChainRole | None = None


@dataclass(frozen=True)
class CoverageRow:
    person: PersonRow
    knowers: frozenset[str]
    unowned_decision_maker: bool
    single_thread: bool  # only one of ours knows them


@dataclass(frozen=True)
class Coverage:
    members: list[TeamMember]
    rows: list[CoverageRow]


def coverage_matrix(data: MapData) -> Coverage:
    key = sorted((p for p in data.people if p.is_key),
                 key=lambda p: (p.role != ChainRole.decision_maker, -p.influence, p.name, p.id))
    rows = []
    involved: set[str] = set()
    for p in key:
        knowers = frozenset(data.knows.get(p.id, ()))
        involved |= knowers
        rows.append(CoverageRow(p, knowers, p.role == ChainRole.decision_maker and not p.owner_id,
                                len(knowers) == 1))
    members = sorted((data.members[m] for m in involved if m in data.members),
                     key=ordering.sort_key("TeamMember"))
    return Coverage(members, rows)


__all__ = [
    "VIEWS", "MAP_PITFALLS", "GRID_ATTITUDES", "GRID_INFLUENCE", "KNOWING", "Header", "MapData", "PersonRow",
    "LinkRow", "load", "pitfall_details", "OrgIndex", "org_index", "index_of", "PersonNode", "Nodes",
    "people_trees", "department_nodes", "chain", "grid", "danger_cell", "CoverageRow",
    "Coverage", "coverage_matrix", "flags_of",
]
