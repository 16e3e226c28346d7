"""Reads of what the method's assessment keeps per account: the dated snapshots (as models, or
as the figures the team view compares: `snapshot_point`), the layer targets and the pitfalls
dismissed."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from kamtui.domain.enums import Attitude, ChainRole, Indicator, OrgDimension
from kamtui.domain.rules.extensive import RatedDepartment
from kamtui.domain.team import Point, RatedKeyPerson, point

from kamtui.store.tables import ASSESSMENT, DISMISSAL, TARGET

if TYPE_CHECKING:
    from kamtui.domain.models import Assessment, LayerTarget, PitfallDismissal


def assessments(db: Any, account_id: str) -> list[Assessment]:
    """Oldest first."""
    return ASSESSMENT.models(db, "account_id = ?", [account_id])


def latest(db: Any, account_id: str) -> Assessment | None:
    """The newest snapshot: the same one as `AccountPlan.latest` (by date, then id)."""
    found = ASSESSMENT.models(db, "account_id = ?", [account_id], order="assessed_on DESC, id DESC LIMIT 1")
    return found[0] if found else None


def targets(db: Any, account_id: str) -> list[LayerTarget]:
    return TARGET.models(db, "account_id = ?", [account_id])


def dismissals(db: Any, account_id: str) -> list[PitfallDismissal]:
    return DISMISSAL.models(db, "account_id = ?", [account_id])


# -- the team view: each snapshot's figures -------------------------------------------------
# Stored snapshots were validated when written: read as plain JSON into the small tuples the
# rules read (thousands of them), not as pydantic models.
def snapshot_point(on: str, org: str, people: str, departments: str) -> Point:
    return point(
        dt.date.fromisoformat(on), {OrgDimension(d): r["value"] for d, r in json.loads(org).items()},
        [RatedKeyPerson(p["person_id"], Attitude(p.get("attitude", "unknown")), p.get("influence", 3),
                        ChainRole(p["role"]) if p.get("role") else None) for p in json.loads(people)],
        [RatedDepartment(d["department_id"], d["department_id"], d.get("importance", 2),
                         {Indicator(k): v for k, v in d.get("ratings", {}).items()})
         for d in json.loads(departments)],
    )


SNAPSHOT = "a.assessed_on, a.org, a.people, a.departments"  # snapshot_point's arguments


def history(db: Any, account_id: str) -> list[Point]:
    """Every assessment of one account as its figures, oldest first (its chart)."""
    return [snapshot_point(*r) for r in db.execute(
        f"SELECT {SNAPSHOT} FROM assessment a WHERE a.account_id = ? ORDER BY a.assessed_on, a.rowid",
        [account_id])]

