"""Use cases on the customer's people, departments, competitors and the links between people."""

from __future__ import annotations

from typing import Any

from kamtui.domain.models import Competitor, Department, Person, PersonLink
from kamtui.services.context import Context, build, changed
from kamtui.store import queries


def add_department(ctx: Context, data: dict[str, Any]) -> Department:
    dept = build(Department, data)
    with ctx.write() as tx:
        return tx.insert(dept)


def add_person(ctx: Context, data: dict[str, Any]) -> Person:
    person = build(Person, data)
    with ctx.write() as tx:
        return tx.insert(person)


def add_competitor(ctx: Context, data: dict[str, Any]) -> Competitor:
    comp = build(Competitor, data)
    with ctx.write() as tx:
        return tx.insert(comp)


def add_link(ctx: Context, data: dict[str, Any]) -> PersonLink:
    link = build(PersonLink, data)
    with ctx.write() as tx:
        return tx.insert(link)


def edit(ctx: Context, record: Any, changes: dict[str, Any]) -> Any:
    """Save changes to a department, person, competitor or link (versioned)."""
    new = changed(record, changes)
    with ctx.write() as tx:
        return tx.update(new)


def archive(ctx: Context, record: Department | Person) -> Any:
    return edit(ctx, record, {"archived": True})


def restore(ctx: Context, record: Department | Person) -> Any:
    return edit(ctx, record, {"archived": False})


def remove(ctx: Context, record: Competitor | PersonLink) -> None:
    with ctx.write() as tx:
        tx.delete(record)


def departments(ctx: Context, account_id: str) -> list[Department]:
    return queries.departments(ctx.db, account_id, all_levels=True)


def people(ctx: Context, account_id: str, department_id: str | None = None) -> list[Person]:
    return queries.people(ctx.db, account_id, department_id)


def competitors(ctx: Context, account_id: str) -> list[Competitor]:
    return queries.rows(ctx.db, Competitor, "account_id = :a", {"a": account_id})
