"""Use cases of the activity planner (method.md §5–§7): plan, move through statuses, comply.

`load` gives a `Planner` (kamtui.services.activity_planner: one account's activities with
everything needed to show them); the verbs below change one activity each, in one write
transaction, and the screen reloads the planner afterwards.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import ActivityStatus, Scope
from kamtui.domain.models import Activity, Approval, TeamMember
from kamtui.domain.rules.compliance import ComplianceCheck, check_activity, may_complete, person_year_totals
from kamtui.errors import InputError
from kamtui.domain.rules.suggest import Suggestion
from kamtui.services.activity_planner import (
    ActivityFilter, Board, LayerMonitor, Planner, PersonTotal, Readable, load, totals_against,
)
from kamtui.services.context import Context, build, changed
from kamtui.store import activities as store
from kamtui.store import people as store_people
from kamtui.store import team
from kamtui.store.activities import ActivityRow, AgendaEntry, AgendaPage

__all__ = [
    "ActivityFilter", "ActivityRow", "AgendaEntry", "AgendaPage", "Board", "LayerMonitor", "PersonTotal", "Planner",
    "Readable", "Suggestion", "advance", "approve", "archive", "cancel", "check_completion", "complete", "create", "edit",
    "load", "member_for_user", "my_agenda", "next_status", "person_compliance_totals", "restore",
]

NEXT_STATUS = {ActivityStatus.planned: ActivityStatus.in_progress,
               ActivityStatus.in_progress: ActivityStatus.done}


# -- reading ---------------------------------------------------------------------------
def get(ctx: Context, activity_id: str) -> Activity:
    return store.activity(ctx.db, activity_id)


def member_for_user(ctx: Context) -> TeamMember | None:
    return team.member_for_user(ctx.db, ctx.user)


def my_agenda(ctx: Context, weeks: int = 6, limit: int = 300) -> AgendaPage:
    """The acting user's open activities across all accounts: overdue first, then the coming
    weeks; at most `limit` of them (`total` says how many there are)."""
    return store.agenda(ctx.db, ctx.user, ctx.today, ctx.today + dt.timedelta(weeks=weeks), limit)


def person_compliance_totals(ctx: Context, person_id: str, year: int) -> list[PersonTotal]:
    """A person's yearly totals per regulated category against the per-person threshold."""
    acts = store.targeting(ctx.db, person_id, year, include_archived=False)
    totals = person_year_totals(acts, year).get(person_id, {})
    return totals_against(totals, team.settings(ctx.db).policy)


# -- writing ---------------------------------------------------------------------------
_EDITABLE = ("type", "scope", "layer", "target_person_ids", "target_department_id",
             "target_business_line", "short_board", "objective", "planned_on", "owner_id",
             "cost", "currency", "needs_level", "compliance_reviewed")


def _problem(name: str, code: str, **params: object) -> InputError:
    return InputError.at(name, code, **params)


def _check_targets(ctx: Context, a: Activity) -> None:
    if a.target_person_ids and store_people.foreign_people(ctx.db, a.account_id, a.target_person_ids):
        raise _problem("target_person_ids", "activity.target_not_here")
    if a.target_department_id:
        dept = store_people.department(ctx.db, a.target_department_id)
        if dept is None or dept.account_id != a.account_id:
            raise _problem("target_department_id", "activity.department_not_here")


def _fit_scope(data: dict[str, Any]) -> dict[str, Any]:
    """Targets that do not belong to the scope are dropped rather than kept invisibly."""
    scope = data.get("scope")
    if scope in (Scope.surface, Scope.organization, "surface", "organization"):
        data.update(target_person_ids=[], target_department_id=None, target_business_line="")
    elif scope in (Scope.point, "point"):
        data.update(target_department_id=None, target_business_line="")
    elif scope in (Scope.line, "line"):
        data.update(target_person_ids=[])
    return data


def create(ctx: Context, data: dict[str, Any]) -> Activity:
    """A new planned activity; scope and layer default to the catalogue entry of its type."""
    data = {k: v for k, v in data.items() if k in _EDITABLE or k in ("account_id", "id")}
    kind = data.get("type")
    if kind is None:
        raise _problem("type", "activity.pick_type")
    entry = ActivityType(kind).spec
    for name, default in (("scope", entry.scope), ("layer", entry.layer), ("cost", 0.0),
                          ("currency", team.settings(ctx.db).policy.currency)):
        if data.get(name) in (None, ""):
            data[name] = default
    activity = build(Activity, _fit_scope(data))
    _check_targets(ctx, activity)
    with ctx.write() as tx:
        return tx.insert(activity)


def edit(ctx: Context, activity: Activity, changes: dict[str, Any]) -> Activity:
    changes = {k: v for k, v in changes.items() if k in _EDITABLE}
    for name, default in (("cost", 0.0), ("currency", activity.currency)):
        if name in changes and changes[name] in (None, ""):
            changes[name] = default
    merged = _fit_scope({**activity.model_dump(), **changes})
    new = changed(activity, {k: merged[k] for k in _EDITABLE})
    _check_targets(ctx, new)
    with ctx.write() as tx:
        return tx.update(new)


def _save(ctx: Context, activity: Activity, changes: dict[str, Any]) -> Activity:
    new = changed(activity, changes)
    with ctx.write() as tx:
        return tx.update(new)


def archive(ctx: Context, activity: Activity) -> Activity:
    return _save(ctx, activity, {"archived": True})


def restore(ctx: Context, activity: Activity) -> Activity:
    return _save(ctx, activity, {"archived": False})


def next_status(activity: Readable) -> ActivityStatus | None:
    return None if activity.archived else NEXT_STATUS.get(activity.status)


def compliance(ctx: Context, activity: Activity) -> ComplianceCheck:
    """The activity checked against the policy and the account's other activities."""
    others = store.activities(ctx.db, activity.account_id)
    return check_activity(activity, team.settings(ctx.db).policy, others)


def advance(ctx: Context, activity: Activity, outcome: str | None = None) -> Activity:
    """planned → in progress → done (done needs the outcome, and an approval when over a threshold)."""
    nxt = next_status(activity)
    if nxt is None:
        raise _problem("status", "activity.does_not_advance", status=activity.status)
    if nxt == ActivityStatus.done:
        return complete(ctx, activity, outcome or "")
    return _save(ctx, activity, {"status": nxt})


def check_completion(ctx: Context, activity: Activity, outcome: str) -> None:
    """InputError unless the activity may be marked done with this outcome."""
    if activity.archived or not activity.status.is_open:
        raise _problem("status", "activity.only_open_done")
    if not (outcome or "").strip():
        raise _problem("outcome", "activity.say_outcome")
    if not may_complete(activity, compliance(ctx, activity)):
        raise _problem("approval", "activity.approval_first")


def complete(ctx: Context, activity: Activity, outcome: str) -> Activity:
    """Done, with its outcome (kamtui.services.assessments.rerating.complete also re-rates)."""
    check_completion(ctx, activity, outcome)
    return _save(ctx, activity, {"status": ActivityStatus.done, "outcome": outcome})


def cancel(ctx: Context, activity: Activity, reason: str) -> Activity:
    if activity.archived or not activity.status.is_open:
        raise _problem("status", "activity.only_open_cancelled")
    if not (reason or "").strip():
        raise _problem("reason", "value.give_reason")
    return _save(ctx, activity, {"status": ActivityStatus.cancelled, "cancel_reason": reason})


def approve(ctx: Context, activity: Activity, approver: str, approved_on: dt.date | None) -> Activity:
    """Record the approval (an approval is also the compliance review)."""
    if approved_on is None:
        raise _problem("approved_on", "activity.approval_date")
    approval = build(Approval, {"approver": approver, "approved_on": approved_on})
    return _save(ctx, activity, {"approval": approval, "compliance_reviewed": True})
