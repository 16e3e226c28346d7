"""Find an account by id, exact name, or short name (for CLI arguments)."""

from __future__ import annotations

from kamtui.domain.models import Account
from kamtui.errors import NotFoundError
from kamtui.services.context import Context
from kamtui.store import queries


def find_account(ctx: Context, name_or_id: str) -> Account:
    wanted = name_or_id.strip()
    accounts = queries.accounts(ctx.db, include_archived=True)
    for match in (
        lambda a: a.id == wanted,
        lambda a: a.name == wanted,
        lambda a: a.short_name and a.short_name == wanted,
        lambda a: a.name.casefold() == wanted.casefold(),
    ):
        found = [a for a in accounts if match(a)]
        if len(found) == 1:
            return found[0]
    partial = [a for a in accounts if wanted.casefold() in a.name.casefold()]
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise NotFoundError(f"{wanted!r} matches {len(partial)} accounts: give more of the name or the id.")
    raise NotFoundError(f"No account named {wanted!r}.")
