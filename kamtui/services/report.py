"""The portfolio summary as plain data (JSON) for `kamtui report`."""

from __future__ import annotations

from typing import Any

from kamtui.domain.enums import Lang
from kamtui.domain.portfolio import PortfolioRow

__all__ = ["Lang", "PortfolioRow", "as_json"]


def _num(v: float | None) -> float | None:
    return None if v is None else round(v, 1)


def as_json(row: PortfolioRow) -> dict[str, Any]:
    s = row.state
    return {
        "id": row.id,
        "name": row.name,
        "org_level": s.org_level.value if s.org_level else None,
        "key_index": _num(s.key_index),
        "coverage": round(s.coverage, 3),
        "extensive_index": _num(s.extensive_index),
        "short_board": (
            {"department": s.sb_department, "indicator": s.sb_indicator.value}
            if s.sb_indicator else None
        ),
        "open_activities": row.open_activities,
        "overdue_activities": row.overdue_activities,
        "last_assessed": s.last_assessed.isoformat() if s.last_assessed else None,
        "pitfalls": [k.value for k in row.pitfalls],
    }
