"""The planner's read model of one account (method.md §5–§7): its activities with everything
needed to show them (names, policy, latest figures, targets, short boards), monitoring per
layer, suggested activities for the gaps of the next step nobody works on (rules/suggest.py),
compliance totals.

The activities are light rows (the activity table's `ActivityRow`), read without pydantic (a
1,000-activity account reads in a third of the time); `row.model()` gives the validated
`Activity` the verbs take.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from kamtui.domain.enums import Attitude, ComplianceCategory, Layer, OrgLevel, Scope
from kamtui.domain.models import Account, Activity, Assessment, Department, LayerTarget, Policy, TeamMember
from kamtui.domain.rules.compliance import ComplianceCheck, check_activity, person_year_totals
from kamtui.domain.rules.next_step import NextStep, next_step
from kamtui.domain.rules.suggest import Suggestion, suggest
from kamtui.domain.rules.summary import LayerFigures, figures
from kamtui.services.context import Context
from kamtui.store import accounts, activities, assessments, team
from kamtui.store import people as store_people
from kamtui.store.activities import ActivityRow
from kamtui.store.people import PersonRow

# What the planner's reads take: the validated model or its light row (same fields).
Readable = Activity | ActivityRow

@dataclass(frozen=True)
class ActivityFilter:
    status: str | None = None  # an ActivityStatus value, or "open"
    owner_id: str | None = None
    scope: Scope | None = None
    layer: Layer | None = None
    archived: bool = False  # show the archived activities (to restore them) instead

    @property
    def active(self) -> bool:
        return self != ActivityFilter()

    def keeps(self, a: Readable) -> bool:
        if a.archived != self.archived:
            return False
        if self.status == "open" and not a.status.is_open:
            return False
        if self.status not in (None, "open") and a.status.value != self.status:
            return False
        return ((self.owner_id is None or a.owner_id == self.owner_id)
                and (self.scope is None or a.scope == self.scope)
                and (self.layer is None or a.layer == self.layer))


@dataclass(frozen=True)
class Board:
    """A layer's short board as the planner names it; `words` mentioned in an activity's
    short-board text mean the activity addresses it."""

    layer: Layer
    en: str
    zh: str
    department_id: str | None = None
    person_id: str | None = None
    needs_level: int | None = None
    words: tuple[str, ...] = ()

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def addressed_by(self, a: Readable) -> bool:
        if a.layer != self.layer or a.archived or not a.status.is_open:
            return False
        if self.person_id and self.person_id in a.target_person_ids:
            return True
        if self.department_id and a.target_department_id == self.department_id:
            return True
        said = a.short_board.casefold()
        return bool(said) and any(w.casefold() in said for w in self.words if w)


@dataclass(frozen=True)
class LayerMonitor:
    layer: Layer
    current: OrgLevel | float | None
    target: LayerTarget | None
    planned: int = 0
    in_progress: int = 0
    done: int = 0
    overdue: int = 0
    cancelled: int = 0
    undated: int = 0  # open with no date


@dataclass(frozen=True)
class PersonTotal:
    category: ComplianceCategory
    total: float
    limit: float | None

    @property
    def over(self) -> bool:
        return self.limit is not None and self.total > self.limit


@dataclass
class Planner:
    account: Account
    today: dt.date
    policy: Policy
    activities: list[ActivityRow]  # archived ones included
    departments: list[Department]
    names: dict[str, str]  # person id -> name, every person of the account (archived too)
    members: list[TeamMember]
    latest: Assessment | None
    figures: LayerFigures | None
    targets: dict[Layer, LayerTarget]
    boards: dict[Layer, Board] = field(default_factory=dict)
    me: TeamMember | None = None
    next_step: NextStep | None = None  # of the latest assessment
    # A planner is read once and thrown away after any change, so what it derives is kept.
    _cache: dict = field(default_factory=dict, repr=False, compare=False)
    _read_people: Callable[[], list[PersonRow]] | None = field(default=None, repr=False, compare=False)

    @property
    def people(self) -> dict[str, PersonRow]:
        """Every person of the account (archived too) as light rows in list order, read when
        first asked for (the activity form picks from them): the planner's own lines need
        only `names`, and an account can hold thousands of people."""
        if "people" not in self._cache:
            rows = self._read_people() if self._read_people is not None else []
            self._cache["people"] = {p.id: p for p in rows}
        return self._cache["people"]

    # -- lookups -------------------------------------------------------------------
    def activity(self, activity_id: str) -> ActivityRow | None:
        if "by_id" not in self._cache:
            self._cache["by_id"] = {a.id: a for a in self.activities}
        return self._cache["by_id"].get(activity_id)

    def active(self) -> list[Readable]:
        if "active" not in self._cache:
            self._cache["active"] = [a for a in self.activities if not a.archived]
        return self._cache["active"]

    def member_name(self, member_id: str | None) -> str:
        if "members" not in self._cache:
            self._cache["members"] = {m.id: m.name for m in self.members}
        return self._cache["members"].get(member_id, "")

    def department_name(self, department_id: str | None) -> str:
        if "departments" not in self._cache:
            self._cache["departments"] = {d.id: d.name for d in self.departments}
        return self._cache["departments"].get(department_id, "")

    def target_names(self, a: Readable) -> list[str]:
        return [self.names.get(p, "?") for p in a.target_person_ids]

    def visible(self, flt: ActivityFilter = ActivityFilter()) -> list[Readable]:
        """The activities a filter keeps, grouped by scope, by date within a scope."""
        order = {s: i for i, s in enumerate(Scope)}
        kept = [a for a in self.activities if flt.keeps(a)]
        return sorted(kept, key=lambda a: (order[a.scope], a.planned_on is None,
                                           a.planned_on or dt.date.max, a.id))

    # -- compliance ----------------------------------------------------------------
    def check(self, a: Readable) -> ComplianceCheck:
        checks = self._cache.setdefault("checks", {})
        if a.id not in checks:
            checks[a.id] = check_activity(a, self.policy, self._sharing_people(a))
        return checks[a.id]

    def _sharing_people(self, a: Readable) -> list[Readable]:
        """The active activities naming one of `a`'s people: all a check's yearly totals can
        come from (the same answer as passing every activity, without the n² walk)."""
        index = self._cache.get("by_person")
        if index is None:
            index = {}
            for other in self.active():
                for pid in other.target_person_ids:
                    index.setdefault(pid, []).append(other)
            self._cache["by_person"] = index
        seen: dict[str, Readable] = {}
        for pid in a.target_person_ids:
            for other in index.get(pid, ()):
                seen[other.id] = other
        return list(seen.values())

    def needs_approval(self, a: Readable) -> bool:
        return self.check(a).needs_approval and a.approval is None

    def person_totals(self, year: int) -> dict[str, dict[ComplianceCategory, float]]:
        totals = self._cache.setdefault("totals", {})
        if year not in totals:
            totals[year] = person_year_totals(self.active(), year)
        return totals[year]

    def totals_of(self, person_id: str, year: int) -> list[PersonTotal]:
        return totals_against(self.person_totals(year).get(person_id, {}), self.policy)

    # -- monitoring and suggestions ------------------------------------------------
    def monitor(self) -> list[LayerMonitor]:
        """Per layer, the active activities counted by status, overdue and undated (open
        ones with a date before today / with none): one pass, each field read once."""
        counts = {layer: dict.fromkeys(("planned", "in_progress", "done", "cancelled", "overdue", "undated"), 0)
                  for layer in Layer}
        today = self.today
        for a in self.active():
            c = counts[a.layer]
            status = a.status
            if status.value in c:
                c[status.value] += 1
            if status.is_open:
                day = a.planned_on
                if day is None:
                    c["undated"] += 1
                elif day < today:
                    c["overdue"] += 1
        return [LayerMonitor(layer, _current(self.figures, layer), self.targets.get(layer), **counts[layer])
                for layer in Layer]

    def agenda(self, days: int = 30) -> list[Readable]:
        """Open activities of the next `days` days, soonest first."""
        until = self.today + dt.timedelta(days=days)
        return sorted((a for a in self.active() if a.status.is_open and a.planned_on
                       and self.today <= a.planned_on <= until), key=lambda a: (a.planned_on, a.id))

    def overdue(self) -> list[Readable]:
        return sorted((a for a in self.active() if a.is_overdue(self.today)),
                      key=lambda a: (a.planned_on, a.id))

    def suggestions(self) -> list[Suggestion]:
        """Activities for the gaps of the next step that no open activity works on yet, the
        red flags first, then the layers in turn as the level strategy orders them."""
        if "suggestions" not in self._cache:
            step = self.next_step
            self._cache["suggestions"] = [] if step is None else suggest(step, self.today, self.activities)
        return self._cache["suggestions"]

    def person_name(self, person_id: str) -> str:
        return self.names.get(person_id, "?")

    def board_text(self, layer: Layer, lang: str) -> str:
        board = self.boards.get(layer)
        return board.text(lang) if board else ""


def _current(figs: LayerFigures | None, layer: Layer) -> OrgLevel | float | None:
    if figs is None:
        return None
    return {Layer.organization: figs.org_level, Layer.key: figs.key_index,
            Layer.extensive: figs.extensive_index}[layer]


def totals_against(by_category: dict[ComplianceCategory, float], policy: Policy) -> list[PersonTotal]:
    out = []
    for cat in ComplianceCategory:
        if by_category.get(cat):
            limit = policy.thresholds.get(cat)
            out.append(PersonTotal(cat, by_category[cat], limit.per_person_year if limit else None))
    return out


def _boards(figs: LayerFigures | None, latest: Assessment | None,
            people: dict[str, str]) -> dict[Layer, Board]:
    if figs is None or latest is None:
        return {}
    boards: dict[Layer, Board] = {}
    if figs.org and figs.org.holding_down and figs.org_level != OrgLevel.partner:
        dims = figs.org.holding_down
        boards[Layer.organization] = Board(
            Layer.organization, ", ".join(d.label("en") for d in dims),
            "、".join(d.label("zh") for d in dims),
            words=tuple(d.label(lang) for d in dims for lang in ("en", "zh")))
    key = _key_board(figs, latest, people)
    if key:
        boards[Layer.key] = key
    sb = figs.short_board
    if sb:
        boards[Layer.extensive] = Board(
            Layer.extensive, f"{sb.department}: {sb.indicator.label('en')}",
            f"{sb.department}：{sb.indicator.label('zh')}", department_id=sb.department_id,
            words=(sb.department,))
    return boards


def _key_board(figs: LayerFigures, latest: Assessment, people: dict[str, str]) -> Board | None:
    """The person who holds the key index down: a red flag (threats first, most influential
    first), else the assessed person whose attitude weighs least (`people`: id -> name)."""
    rated = [r for r in latest.people if r.person_id in people]
    flagged = [(latest.people[f.index], f.reason) for f in figs.red_flags
               if latest.people[f.index].person_id in people]
    if flagged:
        r, reason = min(flagged, key=lambda fr: (fr[1] != "threat_high_influence",
                                                 -fr[0].influence, people[fr[0].person_id]))
    else:
        known = [r for r in rated if r.attitude.value_score is not None and r.attitude != Attitude.advocate]
        if not known:
            return None
        r = min(known, key=lambda r: (r.attitude.value_score * r.influence, -r.influence,
                                      people[r.person_id]))
        reason = ""
    name = people[r.person_id]
    what_en = {"threat_high_influence": "threat, influence", "unknown_decision_maker":
               "decision maker, attitude unknown,"}.get(reason, f"{r.attitude.label('en')}, influence")
    what_zh = {"threat_high_influence": "威胁，影响力", "unknown_decision_maker":
               "决策者态度未知，影响力"}.get(reason, f"{r.attitude.label('zh')}，影响力")
    return Board(Layer.key, f"{name}: {what_en} {r.influence}", f"{name}：{what_zh} {r.influence}",
                 person_id=r.person_id, needs_level=r.needs_level, words=(name,))


def load(ctx: Context, account_id: str) -> Planner:
    db = ctx.db
    account = accounts.account(db, account_id)
    departments = store_people.departments(db, account_id, include_archived=True)
    people = store_people.person_names(db, account_id)
    latest = assessments.latest(db, account_id)
    names = {d.id: d.name for d in departments}
    figs = figures(latest, names) if latest else None
    return Planner(
        account=account, today=ctx.today, policy=team.settings(db).policy,
        activities=activities.activity_rows(db, account_id),
        departments=departments, names=people, members=team.members(db, include_archived=True),
        latest=latest, figures=figs,
        targets={t.layer: t for t in assessments.targets(db, account_id)},
        boards=_boards(figs, latest, people), me=team.member_for_user(db, ctx.user),
        next_step=next_step(latest, names) if latest else None,
        _read_people=lambda: store_people.person_rows(db, account_id),
    )

