"""The team view's use cases (issue 16): every account's figures over a period, grouped by
owner, tier or organization level, one account's history, and the tiers' criteria.

The figures are the domain's (kamtui/domain/team.py); this module only gathers their inputs
from the store and groups them. The screen and `kamtui report --by` both call `report`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import OrgLevel, Tier
from kamtui.domain.team import NO_ENDS, AccountFigures, Execution, Period, PeriodEnds, Point, figures_with, quarter_of
from kamtui.domain.team_groups import GroupFigures, GroupInput, group_by, group_inputs, level_key, whole
from kamtui.domain.team import awaiting_approval as count_awaiting
from kamtui.services.tiers import next_tier, of_tier  # noqa: F401 - the team view's filter too
from kamtui.store import accounts as store_accounts
from kamtui.store import activities as store_activities
from kamtui.store import assessments as store_assessments
from kamtui.store import team as store_team
from kamtui.store import team_points

if TYPE_CHECKING:
    from kamtui.services.context import Context

By = Literal["owner", "tier", "level"]
BY: tuple[By, ...] = ("owner", "tier", "level")


@dataclass(frozen=True)
class TeamReport:
    period: Period
    today: dt.date
    by: By
    accounts: list[AccountFigures] | None  # None: the groups only (`overview`)
    groups: list[GroupFigures]
    total: GroupFigures

    def accounts_of(self, key: str) -> list[AccountFigures]:
        assert self.accounts is not None, "an overview holds no account's figures"
        return [a for a in self.accounts if group_key(self.by, a) == key]


def default_period(ctx: Context) -> Period:
    """This quarter."""
    return quarter_of(ctx.today)


def group_key(by: By, a: AccountFigures) -> str:
    if by == "owner":
        return a.owner
    if by == "tier":
        return f"{Tier(a.tier).rank}:{a.tier}"  # strategic, key, standard in the method's order
    return level_key(a)


def _regulated() -> list[str]:
    return [t.value for t in ActivityType if t.spec.compliance is not None]


def awaiting_approval(ctx: Context) -> dict[str, int]:
    """Per active account: open activities over a compliance threshold that nobody approved
    yet (accounts with none are left out). Read from the accounts' cached figures, which
    every write keeps current; computed here only for accounts whose cache is missing or
    stale (a file opened without bringing its figures current)."""
    return _awaiting_approval(ctx, _team_accounts(ctx))[0]


def _team_accounts(ctx: Context) -> list[store_accounts.TeamAccount]:
    from kamtui.domain.rules.version import RULES_VERSION

    return store_accounts.team_accounts(ctx.db, RULES_VERSION)


def _awaiting_approval(ctx: Context, accounts: list[store_accounts.TeamAccount]) -> tuple[dict[str, int], set[str]]:
    """awaiting_approval of these accounts, and those whose cached figures are missing or stale."""
    out = {a.id: a.awaiting_approval for a in accounts if a.awaiting_approval}
    stale = {a.id for a in accounts if a.awaiting_approval is None}
    if stale:
        out.update((k, n) for k, n in computed_awaiting_approval(ctx, stale).items() if n)
    return out, stale


def computed_awaiting_approval(ctx: Context, account_ids: set[str] | None = None) -> dict[str, int]:
    """awaiting_approval by the compliance rules over the stored activities (every account's,
    or only these), without the cache."""
    policy = store_team.settings(ctx.db).policy
    out: dict[str, int] = {}
    for account_id, acts in store_activities.regulated_activities(ctx.db, _regulated()).items():
        if account_ids is None or account_id in account_ids:
            out[account_id] = count_awaiting(acts, policy)  # type: ignore[arg-type]  # the fields the rules read
    return out


def figures(ctx: Context, period: Period | None = None, tier: Tier | None = None) -> list[AccountFigures]:
    """Every active account's figures over `period` (this quarter), by name; only `tier`'s."""
    period = period or default_period(ctx)
    accounts = _team_accounts(ctx)
    waiting, stale = _awaiting_approval(ctx, accounts)
    points = team_points.period_points(ctx.db, period.start, period.end)
    executed = store_activities.execution_counts(ctx.db, period.start, period.end, ctx.today, stale)
    none, no_points = Execution(), ()
    return [
        figures_with(a.id, a.name, a.owner, a.tier.value, points.get(a.id, no_points),
                     Execution(*executed[a.id]) if a.id in executed else none, period, waiting.get(a.id, 0))
        for a in accounts if tier is None or a.tier == tier
    ]


def report(ctx: Context, by: By = "owner", period: Period | None = None, tier: Tier | None = None) -> TeamReport:
    period = period or default_period(ctx)
    accounts = figures(ctx, period, tier)
    return TeamReport(period, ctx.today, by, accounts, group_by(accounts, lambda a: group_key(by, a)),
                      whole(accounts, "team"))


def overview(ctx: Context, by: By = "owner", period: Period | None = None, tier: Tier | None = None) -> TeamReport:
    """`report`'s groups and total without each account's figures (accounts None): what the
    team screen opens with. Each account's assessments are read as their ends over the period
    (store.team_points.period_ends), not as points; when some assessment has no current point
    this is `report` itself."""
    period = period or default_period(ctx)
    ends = team_points.period_ends(ctx.db, period.start, period.end)
    if ends is None:
        full = report(ctx, by, period, tier)
        return TeamReport(period, ctx.today, by, None, full.groups, full.total)
    accounts = _team_accounts(ctx)
    waiting, stale = _awaiting_approval(ctx, accounts)
    executed = store_activities.execution_counts(ctx.db, period.start, period.end, ctx.today, stale)
    none = Execution()
    level_rank = {lv: f"{lv.rank}:{lv.value}" for lv in OrgLevel}  # as group_key, without asking
    tier_rank = {t: f"{t.rank}:{t.value}" for t in Tier}  # each account's enum for its rank

    def key(a: store_accounts.TeamAccount, e: PeriodEnds) -> str:
        if by == "owner":
            return a.owner
        if by == "tier":
            return tier_rank[a.tier]
        return level_rank[e.level_end] if e.level_end else ""  # as level_key

    pairs = []
    for a in accounts:
        if tier is None or a.tier == tier:
            e = ends.get(a.id, NO_ENDS)
            pairs.append((key(a, e), GroupInput(a.name, e, Execution(*executed[a.id]) if a.id in executed else none,
                                                 waiting.get(a.id, 0))))
    groups, total = group_inputs(pairs)
    return TeamReport(period, ctx.today, by, None, groups, total)


class OverviewCache:
    """The last overview read, kept while nothing is written to the workspace by anyone (the
    stamp of services.sync.change_stamp, taken before the read) and for the same day,
    grouping, period and tier: reopening the team screen shows it without reading again.
    Its figures depend only on the stored records, `today` and the rules of this program."""

    def __init__(self) -> None:
        self._stamp: tuple | None = None
        self._report: TeamReport | None = None

    @staticmethod
    def stamp(ctx: Context, by: By, period: Period | None, tier: Tier | None) -> tuple:
        """Taken on the context the writes go through, before the read it will be kept with."""
        from kamtui.services import sync

        return (sync.change_stamp(ctx), ctx.today, by, period or default_period(ctx), tier)

    def get(self, stamp: tuple) -> TeamReport | None:
        return self._report if stamp == self._stamp else None

    def put(self, stamp: tuple, report: TeamReport) -> None:
        self._stamp, self._report = stamp, report


def report_between(ctx: Context, by: By, start: dt.date | None, end: dt.date | None,
                   tier: str | None = None) -> TeamReport:
    """`report` over [start, end]; a missing end is this quarter's. The CLI's entry (it
    knows no domain types). ValueError when the end is before the start."""
    quarter = default_period(ctx)
    return report(ctx, by, Period(start or quarter.start, end or quarter.end), Tier(tier) if tier else None)


def tier_names(ctx: Context, lang: str) -> dict[Tier, str]:
    """Every tier's name as the team calls it ("A · Strategic")."""
    criteria = tier_criteria(ctx)
    return {t: tier_name(t, criteria, lang) for t in Tier}


def as_group(account: AccountFigures) -> GroupFigures:
    """One account's figures in a group's shape (its line among an owner's accounts)."""
    return whole([account], account.id)


def history(ctx: Context, account_id: str) -> list[Point]:
    """One account's three layer figures at each of its assessments, oldest first."""
    return store_assessments.history(ctx.db, account_id)


def tier_criteria(ctx: Context) -> dict[Tier, tuple[str, str]]:
    """Per tier: (short name the team gave it, e.g. "A"; its criteria). Empty strings if unset."""
    found = store_team.tier_criteria(ctx.db)
    return {t: found.get(t, ("", "")) for t in Tier}


def save_tier_criteria(ctx: Context, values: dict[Tier, tuple[str, str]]) -> None:
    from kamtui import safe_text
    from kamtui.store import tier_writes

    clean = {t: (safe_text.line(label)[:20], safe_text.text(criteria)[:2000]) for t, (label, criteria) in values.items()}
    with ctx.write() as tx:
        tier_writes.save(tx, clean)


def tier_name(tier: Tier, criteria: dict[Tier, tuple[str, str]], lang: str) -> str:
    """"A · Strategic" when the team named it, else the method's label."""
    label = criteria.get(tier, ("", ""))[0]
    return f"{label} · {tier.label(lang)}" if label else tier.label(lang)  # type: ignore[arg-type]


