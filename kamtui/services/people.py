"""The customer's people, departments, competitors and the links between people: every write
of them, whichever screen asks (the overview's forms, the stakeholder map, the assessment
wizard), with one set of checks, and the reads that go with them.

The checks run inside the write transaction, on what is stored then: a department cannot sit
under itself or one of its own sub-departments, a person cannot report to someone who reports
to them, a link is not made twice, a department is archived only once it is empty.
"""

from __future__ import annotations

from typing import Any

from kamtui.domain import leaning, tree
from kamtui.domain.enums import LinkKind
from kamtui.domain.models import Competitor, Department, Person, PersonLink
from kamtui.errors import InputError, NotFoundError, entity_name
from kamtui.services.context import Context, build, changed
from kamtui.store import people as store


# -- reads -----------------------------------------------------------------------------------
def departments(ctx: Context, account_id: str) -> list[Department]:
    """The account's active departments, every level."""
    return store.departments(ctx.db, account_id)


def people(ctx: Context, account_id: str, department_id: str | None = None) -> list[Person]:
    """The account's active people (of one department)."""
    return store.people(ctx.db, account_id, department_id)


def competitors(ctx: Context, account_id: str) -> list[Competitor]:
    return store.competitors(ctx.db, account_id)


def get_person(ctx: Context, person_id: str) -> Person:
    """Read fresh before an edit, so the versioned update compares with what is stored."""
    found = store.person(ctx.db, person_id)
    if found is None:
        raise NotFoundError("record.gone", entity=entity_name("person"))
    return found


def get_department(ctx: Context, department_id: str) -> Department:
    found = store.department(ctx.db, department_id)
    if found is None:
        raise NotFoundError("record.gone", entity=entity_name("department"))
    return found


def parent_options(departments: list[Department], dept: Department | None) -> list[Department]:
    """The departments `dept` may sit under (None: a new one, under any): neither itself nor
    any department below it."""
    if dept is None:
        return list(departments)
    below = tree.subtree(departments, dept.id)
    return [d for d in departments if d.id not in below]


# -- the checks --------------------------------------------------------------------------------
def _check(db: Any, record: Any, before: Any = None) -> None:
    """Refuse a record that would break a rule of the module's docstring (`before`: the
    record as it was, None for a new one)."""
    if isinstance(record, Department):
        moved = before is None or record.parent_id != before.parent_id
        if moved and not tree.parent_allowed(store.departments(db, record.account_id, include_archived=True),
                                             record.id, record.parent_id):
            raise InputError.at("parent_id", "department.cycle")
        if record.archived and (before is None or not before.archived):
            people = store.people(db, record.account_id, record.id)
            children = [d for d in store.departments(db, record.account_id) if d.parent_id == record.id]
            if people or children:
                raise InputError.at("department", "department.not_empty")
    elif isinstance(record, Person):
        if (before is None or record.reports_to_id != before.reports_to_id) and not tree.manager_allowed(
                store.person_rows(db, record.account_id), record.id, record.reports_to_id):
            raise InputError.at("reports_to_id", "person.reports_cycle")
    elif isinstance(record, PersonLink):
        if any(link.from_id == record.from_id and link.to_id == record.to_id and link.kind == record.kind
               and link.id != record.id for link in store.links_of(db, record.from_id)):
            raise InputError.at("kind", "link.exists")


def _insert(ctx: Context, record: Any) -> Any:
    with ctx.write() as tx:
        _check(tx.db, record)
        return tx.insert(record)


def update_in(tx: Any, record: Any, changes: dict[str, Any], base_version: int | None = None) -> Any:
    """Save `changes` to a record inside an open transaction, after the checks (the assessment
    wizard saves people and departments with its snapshot this way)."""
    new = changed(record, changes)
    _check(tx.db, new, record)
    return tx.update(new, base_version=base_version)


def _update(ctx: Context, record: Any, changes: dict[str, Any]) -> Any:
    with ctx.write() as tx:
        return update_in(tx, record, changes)


def _person_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Form values to Person fields: a form's one `leaning` choice is two stored fields."""
    out = dict(data)
    if "leaning" in out:
        out.update(leaning.fields(out.pop("leaning")))
    return out


# -- departments -------------------------------------------------------------------------------
def add_department(ctx: Context, data: dict[str, Any]) -> Department:
    return _insert(ctx, build(Department, data))


def edit_department(ctx: Context, dept: Department, changes: dict[str, Any]) -> Department:
    """Rename, importance, business line, or (`parent_id`) a move."""
    return _update(ctx, dept, changes)


def move_department(ctx: Context, dept: Department, parent_id: str | None) -> Department:
    return _update(ctx, dept, {"parent_id": parent_id})


def archive_department(ctx: Context, dept: Department) -> Department:
    return _update(ctx, dept, {"archived": True})


def restore_department(ctx: Context, dept: Department) -> Department:
    return _update(ctx, dept, {"archived": False})


# -- people ------------------------------------------------------------------------------------
def add_person(ctx: Context, data: dict[str, Any]) -> Person:
    return _insert(ctx, build(Person, _person_fields(data)))


def edit_person(ctx: Context, person: Person, changes: dict[str, Any]) -> Person:
    return _update(ctx, person, _person_fields(changes))


def move_person(ctx: Context, person: Person, department_id: str | None) -> Person:
    return _update(ctx, person, {"department_id": department_id})


def set_reports_to(ctx: Context, person: Person, manager_id: str | None) -> Person:
    return _update(ctx, person, {"reports_to_id": manager_id})


def archive_person(ctx: Context, person: Person) -> Person:
    return _update(ctx, person, {"archived": True})


def restore_person(ctx: Context, person: Person) -> Person:
    return _update(ctx, person, {"archived": False})


def leaning_choice(person: Person | None) -> str:
    """The forms' one value for the person's competitor leaning (none yet: not assessed)."""
    return leaning.choice(person.leaning_known, person.leaning_competitor_id) if person else leaning.NOT_ASSESSED


# -- competitors and links ---------------------------------------------------------------------
def add_competitor(ctx: Context, data: dict[str, Any]) -> Competitor:
    return _insert(ctx, build(Competitor, data))


def edit_competitor(ctx: Context, comp: Competitor, changes: dict[str, Any]) -> Competitor:
    return _update(ctx, comp, changes)


def remove_competitor(ctx: Context, comp: Competitor) -> None:
    with ctx.write() as tx:
        tx.delete(comp)


def add_link(ctx: Context, person: Person, other_id: str, kind: LinkKind | str) -> PersonLink:
    return _insert(ctx, build(PersonLink, {"account_id": person.account_id, "from_id": person.id,
                                           "to_id": other_id, "kind": kind}))


def remove_link(ctx: Context, link: PersonLink) -> None:
    with ctx.write() as tx:
        tx.delete(link)
