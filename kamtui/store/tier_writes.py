"""The tier criteria the team writes (customer definition), saved inside a write transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kamtui.domain.enums import Tier

if TYPE_CHECKING:
    from kamtui.store.writes import Tx


def save(tx: Tx, values: dict[Tier, tuple[str, str]]) -> None:
    """Replace each given tier's (short name, criteria), audited as a settings change."""
    for tier, (label, criteria) in values.items():
        before = tx.db.execute("SELECT label, criteria FROM tier_criteria WHERE tier = ?", [tier.value]).fetchone()
        if before is not None and tuple(before) == (label, criteria):
            continue
        tx.db.execute(
            "INSERT INTO tier_criteria(tier, label, criteria) VALUES (?, ?, ?) ON CONFLICT(tier) DO UPDATE "
            "SET label = excluded.label, criteria = excluded.criteria, version = version + 1",
            [tier.value, label, criteria])
        old = {"label": before[0], "criteria": before[1]} if before else {}
        changes = {k: [old.get(k), v] for k, v in (("label", label), ("criteria", criteria)) if old.get(k) != v}
        tx.audit("tier_criteria", tier.value, None, "update" if before else "create", changes)
