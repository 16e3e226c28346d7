"""Reads of what the method's assessment keeps per account: the dated snapshots, the layer
targets and the pitfalls dismissed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
