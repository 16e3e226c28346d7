"""Find an account by id, id prefix, name or short name (for CLI arguments)."""

from __future__ import annotations

from kamtui.domain.models import Account
from kamtui.errors import InputError, NotFoundError
from kamtui.messages import Message
from kamtui.services.context import Context
from kamtui.store import accounts as store


def find_account(ctx: Context, name_or_id: str) -> Account:
    """An account by id, id prefix (≥ 6 characters), exact name or short name (case-insensitive)."""
    accounts = store.accounts(ctx.db, include_archived=True)
    wanted = name_or_id.strip()
    for test in (
        lambda a: a.id == wanted,
        lambda a: a.name.casefold() == wanted.casefold(),
        lambda a: a.short_name.casefold() == wanted.casefold() and a.short_name != "",
        lambda a: len(wanted) >= 6 and a.id.startswith(wanted),
    ):
        found = [a for a in accounts if test(a)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            names = [f"{a.name} ({a.id[:8]})" for a in found[:5]]
            raise InputError("account.ambiguous", [("--account", Message("value.ambiguous"))],
                             wanted=wanted, names=names)
    raise NotFoundError("account.not_found", wanted=wanted)
