"""Find an account by id, id prefix, name or short name (for CLI arguments)."""

from __future__ import annotations

from collections.abc import Callable

from kamtui.domain.models import Account
from kamtui.errors import InputError, NotFoundError
from kamtui.messages import Message
from kamtui.services.context import Context
from kamtui.store import accounts as store

SHOWN = 8  # candidates named when a name is ambiguous


def find_account(ctx: Context, name_or_id: str) -> Account:
    """An account by id, exact name or short name (case-insensitive), id prefix (≥ 6
    characters), then a unique prefix, then a unique part of its name or short name (English
    or 中文), then its pinyin (`hxyd` → 华信移动). The first test that finds anything decides:
    one account is the answer, several are listed."""
    from kamtui.services import pinyin

    accounts = store.accounts(ctx.db, include_archived=True)
    wanted = name_or_id.strip()
    folded = wanted.casefold()
    spelled = pinyin.needle(wanted)

    def names(a: Account) -> tuple[str, ...]:
        return tuple(n.casefold() for n in (a.name, a.short_name) if n)

    tests: tuple[Callable[[Account], bool], ...] = (
        lambda a: a.id == wanted,
        lambda a: a.name.casefold() == folded,
        lambda a: a.short_name.casefold() == folded and a.short_name != "",
        lambda a: len(wanted) >= 6 and a.id.startswith(wanted),
        lambda a: any(n.startswith(folded) for n in names(a)),
        lambda a: any(folded in n for n in names(a)),
        lambda a: pinyin.matches(a.name, spelled) or pinyin.matches(a.short_name, spelled),
    )
    if wanted:
        for test in tests:
            found = [a for a in accounts if test(a)]
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                shown = [f"{a.name} ({a.short_name}, {a.id[:8]})" if a.short_name else f"{a.name} ({a.id[:8]})"
                         for a in sorted(found, key=lambda a: a.name)[:SHOWN]]
                if len(found) > SHOWN:
                    shown.append("…")
                raise InputError("account.ambiguous", [("--account", Message("value.ambiguous"))],
                                 wanted=wanted, names=shown, n=len(found))
    raise NotFoundError("account.not_found", wanted=wanted)
