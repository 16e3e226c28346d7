"""New people of a contact import, made fast and put in an order the database accepts."""

from __future__ import annotations

from typing import Any

from kamtui.domain.models import Person


def copy_person(template: Person, values: dict[str, Any]) -> Person:
    """`template.model_copy(update=values)` without its per-copy copying of pydantic's own
    attributes (a third of the plan's time for 20,000 new people); a test holds the two equal."""
    new = Person.__new__(Person)
    data = template.__dict__.copy()
    data.update(values)
    object.__setattr__(new, "__dict__", data)
    object.__setattr__(new, "__pydantic_fields_set__", set(data))
    object.__setattr__(new, "__pydantic_extra__", None)
    object.__setattr__(new, "__pydantic_private__", None)
    return new


def parents_first(people: list[Person]) -> list[Person]:
    """New people, each after the new manager it reports to (the database checks the
    reference as each row goes in); the plan has no circles left."""
    new = {p.id: p for p in people}
    out: list[Person] = []
    done: set[str] = set()
    for p in people:
        chain: list[Person] = []
        at: Person | None = p
        while at is not None and at.id not in done:
            chain.append(at)
            done.add(at.id)
            at = new.get(at.reports_to_id or "")
        out.extend(reversed(chain))
    return out
