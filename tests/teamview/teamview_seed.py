"""A small workspace whose team figures over Q4 2026 were worked out by hand.

Ann owns Rising (supplier at the start, strategic supplier in October, supplier again in
December: rose and fell) and Fresh (first assessed in November: no start figures). Bob owns
Climber (vendor → supplier). Nobody owns Orphan (never assessed). Activities of Rising: one
done a day late, one done on its day, one overdue, one cancelled, one undated, and a gift over
the threshold waiting for approval (upcoming).
"""

from __future__ import annotations

import datetime as dt

from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import ActivityStatus, Attitude, ChainRole, OrgDimension, Tier
from kamtui.domain.models import Account, Activity, Assessment, OrgRating, Person, PersonRating, TeamMember
from kamtui.store.writes import write

TODAY = dt.date(2026, 11, 26)
D = dt.date
VISIT = ActivityType.company_visit


def _org(*v: int) -> dict:
    return {d: OrgRating(value=x) for d, x in zip(OrgDimension, v)}


def _assess(account: str, on: dt.date, org: tuple, people: list[PersonRating]) -> Assessment:
    return Assessment(account_id=account, assessed_on=on, org=_org(*org), people=people)


def seed(ws) -> dict[str, str]:
    ann, bob = TeamMember(name="Ann"), TeamMember(name="Bob")
    rising = Account(name="Rising", owner_id=ann.id, tier=Tier.strategic)
    fresh = Account(name="Fresh", owner_id=ann.id, tier=Tier.key)
    climber = Account(name="Climber", owner_id=bob.id, tier=Tier.strategic)
    orphan = Account(name="Orphan [b]x[/b]", tier=Tier.standard)
    dm = Person(account_id=rising.id, name="DM", role=ChainRole.decision_maker)

    def act(account, planned, status=ActivityStatus.planned, type_=VISIT, **kw):
        return Activity(account_id=account.id, type=type_, scope=type_.spec.scope, layer=type_.spec.layer,
                        target_person_ids=[dm.id], planned_on=planned, status=status, **kw)

    late, on_day = act(rising, D(2026, 10, 10)), act(rising, D(2026, 10, 12))
    others = [act(rising, D(2026, 11, 2)), act(rising, D(2026, 12, 20), ActivityStatus.cancelled,
                                                   cancel_reason="moved"), act(rising, None),
              # over the gift threshold (500), not approved: waiting for approval; upcoming
              act(rising, D(2026, 12, 10), type_=ActivityType.gift, cost=800.0)]
    flagged = [PersonRating(person_id=dm.id, attitude=Attitude.unknown, influence=5, role=ChainRole.decision_maker)]
    known = [PersonRating(person_id=dm.id, attitude=Attitude.advocate, influence=5, role=ChainRole.decision_maker)]
    with write(ws, who="seed", now=dt.datetime(2026, 9, 1, tzinfo=dt.timezone.utc)) as tx:
        tx.insert_many([ann, bob, rising, fresh, climber, orphan, dm, late, on_day, *others])
        tx.insert_many([
            _assess(rising.id, D(2026, 8, 10), (2, 2, 2, 2), flagged),
            _assess(rising.id, D(2026, 10, 20), (3, 3, 3, 3), known),
            _assess(rising.id, D(2026, 12, 5), (2, 2, 2, 2), known),
            _assess(fresh.id, D(2026, 11, 3), (3, 3, 3, 3), []),
            _assess(climber.id, D(2026, 9, 1), (1, 1, 1, 1), []),
            _assess(climber.id, D(2026, 10, 9), (2, 2, 2, 2), []),
        ])
    # completed through the write helper, on known days: the audit keeps when
    for activity, day in ((late, 11), (on_day, 12)):
        with write(ws, who="seed", now=dt.datetime(2026, 10, day, 9, tzinfo=dt.timezone.utc)) as tx:
            tx.update(activity.model_copy(update={"status": ActivityStatus.done}))
    return {"rising": rising.id, "fresh": fresh.id, "climber": climber.id, "orphan": orphan.id}
