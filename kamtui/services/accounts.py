"""Use cases on accounts: the portfolio, filtering, creating, editing, archiving."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kamtui.domain.enums import Lang
from kamtui.domain.portfolio import PortfolioRow
from kamtui.errors import InputError
from kamtui.services.context import Context, build, changed
from kamtui.store import accounts as store
from kamtui.store import team

if TYPE_CHECKING:  # the portfolio is the first screen: models load on first edit
    from kamtui.domain.models import Account


def portfolio(ctx: Context, include_archived: bool = False) -> list[PortfolioRow]:
    return store.portfolio(ctx.ws.conn, ctx.today, include_archived)


def first_page(ctx: Context, limit: int, include_archived: bool = False) -> list[PortfolioRow]:
    """The first `limit` lines of the portfolio by name, as `portfolio()` has them."""
    return store.first_rows(ctx.ws.conn, ctx.today, limit, include_archived)


def count(ctx: Context, include_archived: bool = False) -> int:
    return store.account_count(ctx.ws.conn, include_archived)


_KIND_LABEL = {"person": ("person", "人员"), "department": ("department", "部门")}


class NameIndex:
    """Every account's person and department names, casefolded once: a filter keystroke tests
    5,000 accounts in a few milliseconds where SQLite scans 245,000 names for a short term."""

    _KINDS = {"\x01": "person", "\x02": "department"}

    def __init__(self, names: list[tuple[str, str]]):
        self._names = dict(names)
        self._folded = {account_id: text.casefold() for account_id, text in names}

    def first(self, account_id: str, needle: str) -> tuple[str, str] | None:
        """(kind, text) of the account's first name containing `needle` (casefolded)."""
        folded = self._folded.get(account_id)
        if folded is None:
            return None
        at = folded.find(needle)
        if at < 0:
            return None
        original = self._names[account_id]
        if len(original) != len(folded):  # a character whose casefold is longer ("ß" → "ss")
            line = next(line for line in original.split("\n") if needle in line.casefold())
        else:
            start = folded.rfind("\n", 0, at) + 1
            end = folded.find("\n", at)
            line = original[start:end if end >= 0 else len(original)]
        return self._KINDS[line[0]], line[1:]


def name_index(ctx: Context) -> NameIndex:
    """Read once per portfolio load, off the UI thread (≈0.3 s and 10 MB at 5,000 accounts)."""
    return NameIndex(store.names_by_account(ctx.ws.conn))


def pinyin_keys(rows: list[PortfolioRow]) -> dict[str, str]:
    """Account id → the pinyin key of its name and short name (accounts with Chinese names
    only): built once per load, off the UI thread (pypinyin's first use takes ≈0.5 s)."""
    from kamtui.services import pinyin

    return pinyin.keys({r.id: [r.name, r.short_name] for r in rows if pinyin.has_han(r.name + r.short_name)})


def match_rows(ctx: Context, rows: list[PortfolioRow], term: str, lang: Lang = "en",
               names: NameIndex | None = None,
               pinyin: dict[str, str] | None = None) -> list[tuple[PortfolioRow, str]]:
    """(row, why) for each row matching `term`, leaving the rows untouched (safe off the UI
    thread). `why` is "" for a match in the row's own fields, else e.g. "person: 王强".
    With `names` (the portfolio's NameIndex) no query is needed; with `pinyin`
    (`pinyin_keys()`) a Latin term also finds Chinese names by pinyin (`hx` → 华信)."""
    term = term.strip()
    if not term:
        return [(r, "") for r in rows]
    needle = term.casefold()
    own = [any(needle in f.casefold() for f in (r.name, r.short_name, r.industry, r.owner)) for r in rows]
    if pinyin:
        from kamtui.services.pinyin import SEP, needle as pinyin_needle

        spelled = pinyin_needle(term)
        if spelled:
            spelled = SEP + spelled
            own = [mine or spelled in pinyin.get(r.id, "") for r, mine in zip(rows, own)]
    via: dict[str, str] = {}

    def because(kind: str, text: str) -> str:
        en, zh = _KIND_LABEL[kind]
        return f"{zh if lang == 'zh' else en}: {text}"

    if names is not None:
        for r, mine in zip(rows, own):
            if not mine:
                hit = names.first(r.id, needle)
                if hit is not None:
                    via[r.id] = because(*hit)
    elif not all(own):  # the name search (a scan of every name for short terms) only when it can add
        for hit in store.via_names(ctx.ws.conn, term):
            via[hit.account_id] = because(hit.kind, hit.text)
    out = []
    for r, mine in zip(rows, own):
        if mine:
            out.append((r, ""))
        elif r.id in via:
            out.append((r, via[r.id]))
    return out


def apply_matches(matches: list[tuple[PortfolioRow, str]]) -> list[PortfolioRow]:
    for row, why in matches:
        row.match = why
    return [row for row, _ in matches]


# The portfolio's sortable columns, in the order `s` cycles through them.
SORT_COLUMNS: tuple[str, ...] = (
    "name", "level", "key", "coverage", "extensive", "activities", "assessed",
    "short_board", "tier", "owner",
)


def _sort_value(row: PortfolioRow, column: str) -> Any:
    s = row.state
    if column == "name":
        return row.name.casefold()
    if column == "tier":
        return row.tier.rank
    if column == "owner":
        return row.owner.casefold() or None
    if column == "level":
        return None if s.org_level is None else (s.org_level.rank, s.org_target.rank if s.org_target else 0)
    if column == "key":
        return s.key_index
    if column == "coverage":
        return s.coverage if s.last_assessed else None
    if column == "extensive":
        return s.extensive_index
    if column == "short_board":
        return None if s.sb_value is None else (s.sb_value, (s.sb_department or "").casefold())
    if column == "activities":
        return (row.overdue_activities, row.open_activities)
    if column == "assessed":
        return s.last_assessed
    raise ValueError(f"unknown sort column {column!r}")


def sort_rows(rows: list[PortfolioRow], column: str, reverse: bool = False) -> list[PortfolioRow]:
    """Rows ordered by a portfolio column; rows without a value always come last, and the
    name then id keep equal values in a stable, repeatable order."""
    known = [r for r in rows if _sort_value(r, column) is not None]
    unknown = [r for r in rows if _sort_value(r, column) is None]
    tie = sorted(rows, key=lambda r: (r.name.casefold(), r.id))
    rank = {r.id: i for i, r in enumerate(tie)}
    known.sort(key=lambda r: rank[r.id])
    known.sort(key=lambda r: _sort_value(r, column), reverse=reverse)
    unknown.sort(key=lambda r: rank[r.id])
    return known + unknown


def default_owner(ctx: Context) -> str | None:
    """The team member who is the acting user (by login), the natural owner of a new account."""
    return next((m.id for m in team.members(ctx.db) if m.login and m.login == ctx.user), None)


def get(ctx: Context, account_id: str) -> Account:
    return store.account(ctx.db, account_id)


def create(ctx: Context, data: dict[str, Any]) -> Account:
    from kamtui.domain.models import Account

    account = build(Account, data)
    existing = {a.name.casefold() for a in store.accounts(ctx.db, include_archived=True)}
    if account.name.casefold() in existing:
        raise InputError.at("name", "account.name_taken")
    with ctx.write() as tx:
        return tx.insert(account)


def update(ctx: Context, account: Account, changes: dict[str, Any]) -> Account:
    new = changed(account, changes)
    with ctx.write() as tx:
        return tx.update(new)


@dataclass(frozen=True)
class Dependents:
    people: int
    departments: int
    activities: int
    assessments: int
    competitors: int


def dependents(ctx: Context, account_id: str) -> Dependents:
    c = store.counts(ctx.db, account_id)
    return Dependents(c["person"], c["department"], c["activity"], c["assessment"], c["competitor"])


def archive(ctx: Context, account: Account) -> Account:
    """Deleting an account archives it: everything stays and `restore` brings it back."""
    return update(ctx, account, {"archived": True})


def restore(ctx: Context, account: Account) -> Account:
    return update(ctx, account, {"archived": False})
