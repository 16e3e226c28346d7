"""What the contact import tests share: a context, an account to import into, and the
account's people as the import left them (name -> title, e-mail, department path, manager,
phone)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kamtui.services.context import Context

TODAY = dt.date(2026, 11, 26)


def ctx_of(ws) -> Context:
    return Context(ws, today=TODAY, user="tester")


def new_account(ctx: Context, name: str = "Huaxin Mobile") -> str:
    from kamtui.services import accounts

    return accounts.create(ctx, {"name": name}).id


def department_paths(ctx: Context, account_id: str) -> dict[str, str]:
    from kamtui.services import people

    depts = {d.id: d for d in people.departments(ctx, account_id)}

    def path(dept_id: str | None) -> str:
        parts = []
        while dept_id in depts:
            parts.append(depts[dept_id].name)
            dept_id = depts[dept_id].parent_id
        return " / ".join(reversed(parts))

    return {d: path(d) for d in depts}


def stored(ctx: Context, account_id: str) -> dict[str, tuple]:
    from kamtui.services import people

    persons = people.people(ctx, account_id)
    names = {p.id: p.name for p in persons}
    paths = department_paths(ctx, account_id)
    return {p.name: (p.title, p.email, paths.get(p.department_id or "", ""), names.get(p.reports_to_id or "", ""),
                     p.phone) for p in persons}


def run_import(ctx: Context, account_id: str, path: Path, **options):
    from kamtui.services.contacts import apply

    maps = options.pop("maps", ())
    prepared = apply.prepare(path, maps=maps, sheet=options.pop("sheet", None),
                             encoding=options.pop("encoding", None), preset=options.pop("preset", None))
    return apply.import_contacts(ctx, account_id, prepared, **options)
