"""The portfolio summary as plain data (JSON) for `kamtui report`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from kamtui import safe_text
from kamtui.domain.enums import Lang
from kamtui.domain.portfolio import PortfolioRow, pitfall_keys
from kamtui.domain.rules.dated import DatedFacts
from kamtui.store import accounts as store

if TYPE_CHECKING:
    from kamtui.services.context import Context

__all__ = ["Lang", "PortfolioRow", "as_json", "json_report"]


def _num(v: float | None) -> float | None:
    return None if v is None else round(v, 1)


def _share(v: float | None) -> float | None:
    return None if v is None else round(v, 3)


def _entry(id_: str, name: str, level: str | None, key: float | None, coverage: float | None,
           flags: int, key_now: float | None, coverage_now: float | None, flags_now: int,
           extensive: float | None, sb_department: str | None, sb_indicator: str | None,
           open_: int, overdue: int, assessed: str | None, pitfalls: list[str],
           next_step: dict[str, Any] | None, undated: int) -> dict[str, Any]:
    """One account's object in the report: the one place its keys and rounding are written.
    The figures are those of the assessment of `last_assessed` (docs/figures.md); the
    `*_now` ones are the key layer from the people as recorded now."""
    return {
        "id": id_,
        "name": name,
        "org_level": level,
        "key_index": _num(key),
        "coverage": _share(coverage),
        "red_flags": flags or 0,
        "key_index_now": _num(key_now),
        "coverage_now": _share(coverage_now),
        "red_flags_now": flags_now or 0,
        "extensive_index": _num(extensive),
        "short_board": {"department": sb_department, "indicator": sb_indicator} if sb_indicator else None,
        "open_activities": open_,
        "overdue_activities": overdue or 0,
        "undated_activities": undated or 0,
        "last_assessed": assessed,
        "pitfalls": pitfalls,
        "next_step": next_step,
    }


def as_json(row: PortfolioRow) -> dict[str, Any]:
    s = row.state
    return _entry(
        row.id, row.name, s.org_level.value if s.org_level else None, s.key_index, s.coverage,
        s.red_flags, s.key_index_now, s.coverage_now, s.red_flags_now, s.extensive_index, s.sb_department, s.sb_indicator.value if s.sb_indicator else None,
        row.open_activities, row.overdue_activities,
        s.last_assessed.isoformat() if s.last_assessed else None, [k.value for k in row.pitfalls],
        s.next_step, row.undated_activities,
    )


def json_report(ctx: Context) -> str:
    """The report as JSON text: the list of `as_json` objects, one account per line.

    Built from the summary's stored values (no LayerState, no enums), so that 5,000 accounts
    cost little more than reading them; tests hold it equal to `as_json` of the portfolio.
    """
    today = ctx.today
    lines = []
    for (id_, name, level, key, coverage, flags, key_now, coverage_now, flags_now, extensive,
         sb_dept, sb_ind, open_, overdue, assessed, pitfalls, dismissed,
         facts, next_step, undated) in store.report_values(ctx.ws.conn, today):
        keys = pitfall_keys(json.loads(pitfalls or "[]"), json.loads(dismissed or "[]"),
                            DatedFacts.from_json(json.loads(facts or "{}")), today)
        entry = _entry(id_, name, level, key, coverage, flags, key_now, coverage_now, flags_now,
                       extensive, sb_dept, sb_ind, open_, overdue, assessed, [k.value for k in keys],
                       json.loads(next_step) if next_step else None, undated)
        lines.append(safe_text.json_dumps(entry))
    return "[\n" + ",\n".join("  " + line for line in lines) + "\n]" if lines else "[]"
