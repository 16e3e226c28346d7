"""The stakeholder map's use cases: its views' data, the key layer's figures, the person card,
and every edit of people, departments and links (method.md §2)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from kamtui.domain.enums import (
    ActivityStatus, Attitude, ChainRole, ComplianceCategory, LinkKind, PitfallKey,
)
from kamtui.domain.models import (
    Account, Activity, Competitor, Department, Person, PersonLink, PitfallDismissal, TeamMember,
)
from kamtui.domain.plan import AccountPlan
from kamtui.domain.rules.compliance import person_year_totals
from kamtui.domain.rules.key import coverage, key_index, red_flags
from kamtui.domain.rules.pitfalls import Pitfall, detect_pitfalls
from kamtui.errors import InputError, NotFoundError
from kamtui.formatting import age
from kamtui.services.context import Context, build, changed
from kamtui.store import people_queries as pq
from kamtui.store import queries

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


def _flags(people: list[Person]) -> dict[str, str]:
    """Person id -> red-flag reason, from the domain rule."""
    return {people[f.index].id: f.reason for f in red_flags(people)}


# -- the whole map ---------------------------------------------------------------------
@dataclass(frozen=True)
class Header:
    key_index: float | None
    coverage: float
    red_flags: int
    pitfalls: tuple[Pitfall, ...]  # open ones of MAP_PITFALLS
    people: int


@dataclass
class MapData:
    plan: AccountPlan
    people: list[Person]  # active, name order
    by_id: dict[str, Person]  # every person of the account, archived too
    departments: dict[str, Department]  # active
    members: dict[str, TeamMember]  # archived too: old owners keep their names
    competitors: dict[str, Competitor]
    flags: dict[str, str]
    knows: dict[str, set[str]]  # person id -> ids of our members who have met them
    header: Header

    @property
    def account(self) -> Account:
        return self.plan.account

    def archived_people(self) -> list[Person]:
        return [p for p in self.plan.people if p.archived]

    def department_name(self, department_id: str | None) -> str:
        d = self.departments.get(department_id or "")
        return d.name if d else ""


def load(ctx: Context, account_id: str) -> MapData:
    """The account's people and what the map shows about them, read once per change.

    Activities and assessments stay out of the plan: the map's pitfalls read people and
    competitors only (the compliance check over thousands of activities would cost seconds),
    and who has met whom comes from one query over the activities' targets.
    """
    db, p = ctx.db, {"a": account_id}
    plan = AccountPlan(
        account=queries.get(db, Account, account_id),
        departments=queries.rows(db, Department, "account_id = :a", p),
        people=queries.rows(db, Person, "account_id = :a", p),
        links=queries.rows(db, PersonLink, "account_id = :a", p),
        competitors=queries.rows(db, Competitor, "account_id = :a", p),
        dismissals=queries.rows(db, PitfallDismissal, "account_id = :a", p),
    )
    policy = queries.settings(db).policy
    people = plan.active_people()
    knows: dict[str, set[str]] = defaultdict(set)
    for person in people:
        if person.owner_id:
            knows[person.id].add(person.owner_id)
    for person_id, member_id in pq.contacts(db, account_id, [s.value for s in KNOWING]):
        knows[person_id].add(member_id)
    flags = _flags(people)
    pitfalls = tuple(p for p in detect_pitfalls(plan, policy, ctx.today)
                     if p.key in MAP_PITFALLS and p.open)
    return MapData(
        plan=plan, people=people, by_id={p.id: p for p in plan.people},
        departments={d.id: d for d in plan.active_departments()},
        members={m.id: m for m in queries.members(ctx.db, include_archived=True)},
        competitors={c.id: c for c in plan.competitors},
        flags=flags, knows=dict(knows),
        header=Header(key_index(people), coverage(people), len(flags), pitfalls, len(people)),
    )


# -- organization view: one level at a time ----------------------------------------------
@dataclass
class OrgIndex:
    departments: dict[str, Department]
    children: dict[str | None, list[Department]]  # parent id (None: top) -> departments
    people_count: dict[str | None, int]  # department id (None: in no department) -> people


def org_index(ctx: Context, account_id: str) -> OrgIndex:
    """Departments are few even in large accounts: all of them, people only counted."""
    depts = queries.departments(ctx.db, account_id, all_levels=True)
    by_id = {d.id: d for d in depts}
    children: dict[str | None, list[Department]] = defaultdict(list)
    for d in depts:
        children[d.parent_id if d.parent_id in by_id else None].append(d)
    counts: dict[str | None, int] = {}
    for dept_id, n in pq.people_counts(ctx.db, account_id).items():
        key = dept_id if dept_id in by_id else None
        counts[key] = counts.get(key, 0) + n
    return OrgIndex(by_id, dict(children), counts)


@dataclass(frozen=True)
class PersonNode:
    person: Person
    flag: str | None
    reports: tuple["PersonNode", ...] = ()


def department_people(ctx: Context, account_id: str, department_id: str | None) -> list[PersonNode]:
    """A department's people as reports-to trees: heads first (highest influence first)."""
    people = pq.department_people(ctx.db, account_id, department_id)
    flags = _flags(people)
    ids = {p.id for p in people}
    below: dict[str, list[Person]] = defaultdict(list)
    for p in people:
        if p.reports_to_id in ids:
            below[p.reports_to_id].append(p)
    order = sorted(people, key=lambda p: (-p.influence, p.name, p.id))
    placed: set[str] = set()

    def node(p: Person) -> PersonNode:
        placed.add(p.id)
        kids = sorted(below.get(p.id, []), key=lambda q: (-q.influence, q.name, q.id))
        return PersonNode(p, flags.get(p.id), tuple(node(k) for k in kids if k.id not in placed))

    heads = [node(p) for p in order if p.reports_to_id not in ids]
    # a reports-to cycle inside the department has no head: show its members at the top
    heads += [node(p) for p in order if p.id not in placed]
    return heads


# -- decision chain, grid, coverage ------------------------------------------------------
def chain(data: MapData) -> list[tuple[ChainRole | None, list[Person]]]:
    groups: dict[ChainRole | None, list[Person]] = defaultdict(list)
    for p in data.people:
        groups[p.role].append(p)
    order: list[ChainRole | None] = [*ChainRole, None]
    return [(r, sorted(groups[r], key=lambda p: (-p.influence, p.name, p.id)))
            for r in order if groups.get(r)]


def grid(data: MapData) -> dict[tuple[int, Attitude], list[Person]]:
    cells: dict[tuple[int, Attitude], list[Person]] = {
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
    person: Person
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
                     key=lambda m: (m.name, m.id))
    return Coverage(members, rows)


# -- the card --------------------------------------------------------------------------
@dataclass(frozen=True)
class LinkLine:
    outgoing: bool
    kind: LinkKind
    other_id: str
    other_name: str
    link: PersonLink


@dataclass(frozen=True)
class Card:
    person: Person
    department: str
    reports_to: str
    owner: str
    leaning: str | None  # competitor name; "" leans to nobody; None: not assessed
    links: list[LinkLine]
    activities: list[Activity]  # newest first
    year: int
    year_totals: dict[ComplianceCategory, float]
    currency: str
    contact_age: str
    flag: str | None
    knowers: list[str] = field(default_factory=list)


def card(ctx: Context, data: MapData, person_id: str) -> Card:
    p = get_person(ctx, person_id)
    links = []
    for link in pq.links_of(ctx.db, person_id):
        out = link.from_id == person_id
        other = data.by_id.get(link.to_id if out else link.from_id)
        if other is not None:
            links.append(LinkLine(out, link.kind, other.id, other.name, link))
    acts = sorted(pq.activities_of(ctx.db, person_id),
                  key=lambda a: (a.planned_on is not None, a.planned_on, a.id), reverse=True)
    year = ctx.today.year
    manager = data.by_id.get(p.reports_to_id or "")
    leaning = None
    if p.leaning_known:
        comp = data.competitors.get(p.leaning_competitor_id or "")
        leaning = comp.name if comp else ""
    owner = data.members.get(p.owner_id or "")
    return Card(
        person=p, department=data.department_name(p.department_id),
        reports_to=manager.name if manager else "", owner=owner.name if owner else "",
        leaning=leaning, links=links, activities=acts, year=year,
        year_totals=person_year_totals(acts, year).get(person_id, {}),
        currency=queries.settings(ctx.db).policy.currency,
        contact_age=age(p.last_contact, ctx.today), flag=_flags([p]).get(p.id),
        knowers=sorted(data.members[m].name for m in data.knows.get(p.id, ()) if m in data.members),
    )


@dataclass(frozen=True)
class DepartmentCard:
    department: Department
    parent: str
    people: int
    subdepartments: int


def department_card(ctx: Context, index: OrgIndex, department_id: str) -> DepartmentCard:
    d = index.departments[department_id]
    parent = index.departments.get(d.parent_id or "")
    return DepartmentCard(d, parent.name if parent else "", index.people_count.get(d.id, 0),
                          len(index.children.get(d.id, [])))


# -- pickers ---------------------------------------------------------------------------
@dataclass(frozen=True)
class PickItem:
    id: str
    name: str
    title: str = ""  # matched like the name: a person's title, a department's business line
    detail: str = ""  # shown only (the person's department)

    def matches(self, needle: str) -> bool:
        """Any part of the name or title, case-insensitive (Chinese needs no folding)."""
        return needle in self.name.casefold() or needle in self.title.casefold()


def people_items(data: MapData, exclude: set[str] = frozenset(), archived: bool = False) -> list[PickItem]:
    source = data.archived_people() if archived else data.people
    return [PickItem(p.id, p.name, p.title, data.department_name(p.department_id))
            for p in source if p.id not in exclude]


def department_items(data: MapData, exclude: set[str] = frozenset()) -> list[PickItem]:
    return [PickItem(d.id, d.name, d.business_line)
            for d in sorted(data.departments.values(), key=lambda d: (d.name, d.id)) if d.id not in exclude]


# -- edits -----------------------------------------------------------------------------
def get_person(ctx: Context, person_id: str) -> Person:
    """Read fresh before an edit, so the versioned update compares with what is stored."""
    found = pq.people_by_ids(ctx.db, [person_id])
    if not found:
        raise NotFoundError("This person was deleted meanwhile.")
    return found[0]


def get_department(ctx: Context, department_id: str) -> Department:
    found = pq.department(ctx.db, department_id)
    if found is None:
        raise NotFoundError("This department was deleted meanwhile.")
    return found


def _person_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Form values to Person fields: `leaning` is "unknown", "none" or a competitor id."""
    out = dict(data)
    if "leaning" in out:
        leaning = out.pop("leaning") or "unknown"
        out["leaning_known"] = leaning != "unknown"
        out["leaning_competitor_id"] = None if leaning in ("unknown", "none") else leaning
    return out


def leaning_value(person: Person) -> str:
    if not person.leaning_known:
        return "unknown"
    return person.leaning_competitor_id or "none"


def new_person(ctx: Context, account_id: str, department_id: str | None, data: dict[str, Any]) -> Person:
    person = build(Person, {**_person_fields(data), "account_id": account_id,
                            "department_id": department_id})
    with ctx.write() as tx:
        return tx.insert(person)


def _save(ctx: Context, record: Any, changes: dict[str, Any]) -> Any:
    new = changed(record, changes)
    with ctx.write() as tx:
        return tx.update(new)


def edit_person(ctx: Context, person: Person, data: dict[str, Any]) -> Person:
    return _save(ctx, person, _person_fields(data))


def archive_person(ctx: Context, person: Person) -> Person:
    return _save(ctx, person, {"archived": True})


def restore_person(ctx: Context, person: Person) -> Person:
    return _save(ctx, person, {"archived": False})


def move_person(ctx: Context, person: Person, department_id: str | None) -> Person:
    return _save(ctx, person, {"department_id": department_id})


def set_reports_to(ctx: Context, person: Person, manager_id: str | None) -> Person:
    if manager_id is not None and (manager_id == person.id or person.id in pq.manager_chain(ctx.db, manager_id)):
        raise InputError("reports_to_id: this person already sits above the one chosen",
                         [("reports_to_id", "this person already sits above the one chosen")])
    return _save(ctx, person, {"reports_to_id": manager_id})


def add_link(ctx: Context, person: Person, other_id: str, kind: LinkKind | str) -> PersonLink:
    link = build(PersonLink, {"account_id": person.account_id, "from_id": person.id,
                              "to_id": other_id, "kind": kind})
    if any(l.from_id == link.from_id and l.to_id == link.to_id and l.kind == link.kind
           for l in pq.links_of(ctx.db, person.id)):
        raise InputError("kind: this link exists already", [("kind", "this link exists already")])
    with ctx.write() as tx:
        return tx.insert(link)


def remove_link(ctx: Context, link: PersonLink) -> None:
    with ctx.write() as tx:
        tx.delete(link)


def new_department(ctx: Context, account_id: str, parent_id: str | None, data: dict[str, Any]) -> Department:
    dept = build(Department, {**data, "account_id": account_id, "parent_id": parent_id})
    with ctx.write() as tx:
        return tx.insert(dept)


def edit_department(ctx: Context, dept: Department, data: dict[str, Any]) -> Department:
    """Rename, importance, business line."""
    return _save(ctx, dept, data)


def move_department(ctx: Context, dept: Department, parent_id: str | None) -> Department:
    if parent_id is not None and parent_id in pq.subtree_ids(ctx.db, dept.id):
        raise InputError("parent_id: a department cannot move under itself or its own sub-department",
                         [("parent_id", "a department cannot move under itself or its own sub-department")])
    return _save(ctx, dept, {"parent_id": parent_id})


def archive_department(ctx: Context, dept: Department) -> Department:
    index = org_index(ctx, dept.account_id)
    if index.people_count.get(dept.id) or index.children.get(dept.id):
        raise InputError("department: move its people and sub-departments out first",
                         [("department", "move its people and sub-departments out first")])
    return _save(ctx, dept, {"archived": True})
