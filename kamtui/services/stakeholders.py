"""The stakeholder map's use cases: its views' data, the key layer's figures, the person card,
and every edit of people, departments and links (method.md §2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kamtui.domain.enums import ComplianceCategory, LinkKind
from kamtui.domain.models import Activity, Department, Person, PersonLink
from kamtui.domain.rules.compliance import person_year_totals
from kamtui.errors import InputError, NotFoundError, entity_name
from kamtui.formatting import age
from kamtui.services.context import Context, build, changed
# the map's data and views live in map_data; their names stay importable from here
from kamtui.services.map_data import (  # noqa: F401
    GRID_ATTITUDES, GRID_INFLUENCE, KNOWING, MAP_PITFALLS, VIEWS, Coverage, CoverageRow, Header, MapData,
    MapLink, MapPerson, Nodes, OrgIndex, PersonNode, chain, coverage_matrix, danger_cell, department_nodes,
    department_people, flags_of, grid, index_of, load, org_index, people_trees, pitfall_details,
)
from kamtui.domain.rules.pitfalls import Pitfall  # noqa: F401  (the screen's tooltip names it)
from kamtui.store import people_queries as pq
from kamtui.store import queries

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
        contact_age=age(p.last_contact, ctx.today), flag=flags_of([p]).get(p.id),
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

    def matches(self, needle: str, spelled: str = "") -> bool:
        """Any part of the name or title, case-insensitive (Chinese needs no folding), or
        the name's pinyin: `spelled` is `pinyin.needle(term)` (`zq`, `zhouqiang` → 周强)."""
        if needle in self.name.casefold() or needle in self.title.casefold():
            return True
        if not spelled:
            return False
        from kamtui.services import pinyin

        return pinyin.matches(self.name, spelled) or pinyin.matches(self.title, spelled)

    def pinyin_keys(self) -> None:
        """Compute (and cache) the pinyin keys `matches` uses: from a worker, once per picker."""
        from kamtui.services import pinyin

        pinyin.key(self.name)
        pinyin.key(self.title)


def people_items(data: MapData, exclude: set[str] = frozenset(), archived: bool = False) -> list[PickItem]:
    source = data.archived_people() if archived else data.people
    return [PickItem(p.id, p.name, p.title, data.department_name(p.department_id))
            for p in source if p.id not in exclude]


def below(data: MapData, person_id: str) -> set[str]:
    """Everyone who reports to the person, directly or through others."""
    reports: dict[str, list[str]] = {}
    for p in data.people:
        if p.reports_to_id:
            reports.setdefault(p.reports_to_id, []).append(p.id)
    out: set[str] = set()
    todo = list(reports.get(person_id, ()))
    while todo:
        pid = todo.pop()
        if pid not in out:
            out.add(pid)
            todo += reports.get(pid, ())
    return out


def manager_items(data: MapData, person_id: str) -> list[PickItem]:
    """Whom the person may report to: nobody below them (that would make a cycle)."""
    return people_items(data, below(data, person_id) | {person_id})


def department_items(data: MapData, exclude: set[str] = frozenset()) -> list[PickItem]:
    return [PickItem(d.id, d.name, d.business_line)
            for d in sorted(data.departments.values(), key=lambda d: (d.name, d.id)) if d.id not in exclude]


# -- edits -----------------------------------------------------------------------------
def get_person(ctx: Context, person_id: str) -> Person:
    """Read fresh before an edit, so the versioned update compares with what is stored."""
    found = pq.people_by_ids(ctx.db, [person_id])
    if not found:
        raise NotFoundError("record.gone", entity=entity_name("person"))
    return found[0]


def get_department(ctx: Context, department_id: str) -> Department:
    found = pq.department(ctx.db, department_id)
    if found is None:
        raise NotFoundError("record.gone", entity=entity_name("department"))
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
        raise InputError.at("reports_to_id", "person.reports_cycle")
    return _save(ctx, person, {"reports_to_id": manager_id})


def add_link(ctx: Context, person: Person, other_id: str, kind: LinkKind | str) -> PersonLink:
    link = build(PersonLink, {"account_id": person.account_id, "from_id": person.id,
                              "to_id": other_id, "kind": kind})
    if any(l.from_id == link.from_id and l.to_id == link.to_id and l.kind == link.kind
           for l in pq.links_of(ctx.db, person.id)):
        raise InputError.at("kind", "link.exists")
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
        raise InputError.at("parent_id", "department.cycle")
    return _save(ctx, dept, {"parent_id": parent_id})


def archive_department(ctx: Context, dept: Department) -> Department:
    index = org_index(ctx, dept.account_id)
    if index.people_count.get(dept.id) or index.children.get(dept.id):
        raise InputError.at("department", "department.not_empty")
    return _save(ctx, dept, {"archived": True})
