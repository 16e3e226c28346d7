"""The planner's detail line under the list (mixed into PlannerScreen): the highlighted
activity's type, status, owner, cost, people, objective, compliance and outcome."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from kamtui.domain.enums import ActivityStatus
from kamtui.formatting import DASH
from kamtui.services.activities import ActivityRow
from kamtui.ui.screens.planner_text import layer_name
from kamtui.ui.widgets.timeline import APPROVAL_MARK, OVERDUE_MARK, UNDATED_MARK, money, status_text

if TYPE_CHECKING:
    from kamtui.services.activities import Planner
    from kamtui.ui.widgets.timeline import ActivityRows


class PlannerDetail:
    """Needs the screen's `planner`, `rows`, `current`, `lang`, `tr`, `query_one` and
    `suggestion_detail` (the highlighted suggestion's detail takes the line while focused)."""

    planner: "Planner | None"
    rows: "ActivityRows | None"
    _detail_text: str | None

    def render_detail(self) -> None:
        detail = self.query_one("#planner-detail", Static)  # type: ignore[attr-defined]
        if self.suggestion_detail(detail):  # type: ignore[attr-defined]
            return
        detail.set_class(False, "-suggestion")
        a, p, lang = self.current, self.planner, self.lang
        if a is None or p is None:
            self._show_detail(detail, self.tr("planner.detail.none"), overdue=False)
            return
        overdue, attention = self.rows.flags(a) if self.rows else (False, False)
        head = self.tr("planner.detail.head", type=a.type.label(lang), scope=a.scope.label(lang),  # type: ignore[arg-type]
                       layer=layer_name(a.layer, lang), status=status_text(a.status, lang),
                       owner=p.member_name(a.owner_id) or DASH, cost=money(a.cost, a.currency))
        if overdue:
            head = f"{OVERDUE_MARK} {self.tr('planner.overdue')} · {head}"
        elif a.is_undated():
            head = f"{UNDATED_MARK} {self.tr('planner.no_date')} · {head}"
        lines = [head, self.tr("planner.detail.targets", targets=self.rows.targets(a) if self.rows else '', objective=a.objective or DASH)]
        lines.append(self._compliance_line(a, attention))
        if a.status == ActivityStatus.done and a.outcome:
            lines.append(self.tr("planner.detail.outcome", text=a.outcome))
        elif a.status == ActivityStatus.cancelled and a.cancel_reason:
            lines.append(self.tr("planner.detail.reason", text=a.cancel_reason))
        self._show_detail(detail, "\n".join(x for x in lines if x), overdue, attention)

    def _show_detail(self, detail: Static, text: str, overdue: bool, attention: bool | None = None) -> None:
        """The row's detail; the same text again (each highlight and focus asks for it while
        the screen opens) changes nothing, so it lays nothing out again."""
        if text != self._detail_text:
            self._detail_text = text
            detail.update(Content(text))
        detail.set_class(overdue, "-overdue")
        if attention is not None:
            detail.set_class(attention, "-attention")

    def _compliance_line(self, a: ActivityRow, attention: bool) -> str:
        p, lang = self.planner, self.lang
        assert p is not None
        check = p.check(a)
        if not check.regulated:
            return ""
        parts = []
        if attention:
            parts.append(f"{APPROVAL_MARK} {self.tr('planner.approval_needed')}")
        elif a.approval:
            parts.append(self.tr("planner.approved", who=a.approval.approver, date=a.approval.approved_on.isoformat()))
        parts.append(self.tr("planner.detail.reviewed" if a.compliance_reviewed else "planner.detail.unreviewed"))
        if a.planned_on and a.target_person_ids:
            year = a.planned_on.year
            totals = p.person_totals(year)
            limit = p.policy.thresholds.get(check.category)  # type: ignore[arg-type]
            cap = f" / {limit.per_person_year:,.0f}" if limit and limit.per_person_year is not None else ""
            items = ", ".join(
                f"{p.names.get(pid, '?')} {totals.get(pid, {}).get(check.category, 0.0):,.0f}{cap}"  # type: ignore[arg-type]
                + (f" {OVERDUE_MARK}" if pid in check.over_person else "")
                for pid in a.target_person_ids)
            parts.append(self.tr("planner.detail.totals", year=year, items=items))
        return self.tr("planner.detail.compliance", category=check.category.label(lang),  # type: ignore[union-attr,arg-type]
                       parts=" · ".join(parts))
