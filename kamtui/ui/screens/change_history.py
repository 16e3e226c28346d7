"""Who changed what, when, before → after (issue 15.5): one record's audit log (a person, a
department, an activity) or an account's, in the reader's language. Key H on the overview,
the map and the planner opens it; `changes_dialog` words the entries."""

from __future__ import annotations

import json
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from kamtui.domain import enums
from kamtui.domain.catalogue import ActivityType
from kamtui.formatting import DASH
from kamtui.services.change_log import LogEntry, RecordHistory
from kamtui.ui.i18n import register, t
from kamtui.ui.screens.base import KamModal
from kamtui.ui.text import safe_line

# field -> (English, 中文): the words the forms use
_FIELDS = {
    "name": ("Name", "名称"), "title": ("Title", "职务"), "department_id": ("Department", "部门"),
    "reports_to_id": ("Reports to", "汇报对象"), "role": ("Role", "角色"), "influence": ("Influence", "影响力"),
    "attitude": ("Attitude", "态度"), "executive": ("Executive", "高层"),
    "hidden_decision_maker": ("Hidden decision maker", "隐性决策者"), "rising_star": ("Rising star", "明日之星"),
    "needs_level": ("Needs level", "需求层次"), "personal_needs": ("Personal needs", "个人需求"),
    "career_needs": ("Career needs", "职业需求"), "private_notes": ("Private notes", "私人备注"),
    "owner_id": ("Owner", "负责人"), "leaning_known": ("Leaning assessed", "倾向已评估"),
    "leaning_competitor_id": ("Leans to", "倾向"), "last_contact": ("Last contact", "最近联系"),
    "archived": ("Archived", "已归档"), "short_name": ("Short name", "简称"), "industry": ("Industry", "行业"),
    "tier": ("Tier", "级别"), "region": ("Region", "区域"), "strategy_notes": ("Strategy notes", "战略备注"),
    "parent_id": ("Parent department", "上级部门"), "business_line": ("Business line", "业务线"),
    "importance": ("Importance", "重要性"), "type": ("Type", "类型"), "scope": ("Scope", "范围"),
    "layer": ("Layer", "层面"), "objective": ("Objective", "目标"), "short_board": ("Short board", "短木板"),
    "planned_on": ("Date", "日期"), "status": ("Status", "状态"), "outcome": ("Outcome", "结果"),
    "cancel_reason": ("Reason cancelled", "取消原因"), "cost": ("Cost", "费用"), "currency": ("Currency", "币种"),
    "compliance_reviewed": ("Compliance reviewed", "已合规审查"), "approval": ("Approval", "审批"),
    "target_person_ids": ("Targets", "对象"), "target_department_id": ("Target department", "对象部门"),
    "target_business_line": ("Target line", "对象业务线"), "position": ("Position", "地位"),
    "notes": ("Notes", "备注"), "created": ("Records created", "新建记录"), "source": ("From file", "来源文件"),
    "recorded_by": ("Recorded by", "记录人"),
}
_ENUMS: dict[str, Any] = {
    "attitude": enums.Attitude, "role": enums.ChainRole, "tier": enums.Tier, "scope": enums.Scope,
    "layer": enums.Layer, "status": enums.ActivityStatus, "position": enums.CompetitorPosition,
    "type": ActivityType,
}
_ENTITIES = {"person": ("person", "人员"), "department": ("department", "部门"), "activity": ("activity", "活动"),
             "account": ("account", "客户"), "competitor": ("competitor", "竞争对手"),
             "assessment": ("assessment", "评估"), "target": ("target", "目标"), "link": ("link", "关系")}
_ACTIONS = {"create": ("created", "新建"), "update": ("changed", "修改"), "delete": ("deleted", "删除"),
            "import": ("imported", "导入")}

register({
    "changes.title": ("Changes · {what}", "变更记录 · {what}"),
    "changes.none": ("No change recorded yet.", "尚无变更记录。"),
    "changes.more": ("Only the newest {n} are shown; `kamtui log` prints them all.",
                     "仅显示最近 {n} 条；`kamtui log` 可列出全部。"),
    "changes.footer": ("esc closes · ↑/↓ scroll · times in UTC", "esc 关闭 · ↑/↓ 滚动 · 时间为 UTC"),
    "changes.yes": ("yes", "是"), "changes.no": ("no", "否"),
    "changes.assessed_on": ("Assessed on", "评估日期"),
    "changes.rerated_after": ("re-rated after {activity}", "完成 {activity} 后重新评估"),
    "changes.needs_of": ("{person} · needs level", "{person} · 需求层次"),
    "changes.ticked": ("ticked", "已勾选"), "changes.unticked": ("not ticked", "未勾选"),
    "changes.nothing_moved": ("no rating moved", "没有评分变化"),
    "key.close_changes": ("Close", "关闭"),
    "help.close_changes": ("Close the change history", "关闭变更记录"),
})


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "zh" else pair[0]


def field_label(name: str, lang: str) -> str:
    return _pick(_FIELDS[name], lang) if name in _FIELDS else name.replace("_", " ")


def value_text(name: str, value: Any, names: dict[str, str], lang: str) -> str:
    """A before/after value as the reader knows it: labels for enums, names for ids."""
    if value is None or value == "" or value == []:
        return DASH
    if isinstance(value, bool):
        return t("changes.yes" if value else "changes.no", lang)  # type: ignore[arg-type]
    if name in _ENUMS:
        try:
            return _ENUMS[name](value).label(lang)
        except ValueError:
            return safe_line(value)
    if name == "needs_level" and isinstance(value, int):
        levels = list(enums.NeedsLevel)
        return f"{value} {levels[value - 1].label(lang)}" if 1 <= value <= len(levels) else str(value)  # type: ignore[arg-type]
    if isinstance(value, list):
        return ", ".join(names.get(v, safe_line(v)) if isinstance(v, str) else safe_line(v) for v in value)
    if isinstance(value, str):
        text = names.get(value, value) if name.endswith("_id") else value
        text = safe_line(text)
        return text if len(text) <= 60 else text[:59] + "…"
    if isinstance(value, dict):
        return safe_line(json.dumps(value, ensure_ascii=False))[:60]
    return safe_line(value)


def record_text(e: LogEntry, names: dict[str, str], activities: dict[str, tuple[str, str]], lang: str) -> str:
    """What the reader knows a record by: its name; an activity's type and date; an
    assessment's date. The id's first characters only where none of these is kept."""
    if e.entity == "activity" and e.entity_id in activities:
        kind, on = activities[e.entity_id]
        return ActivityType(kind).label(lang) + (f" {on}" if on else "")  # type: ignore[arg-type]
    if e.entity == "assessment" and e.extra.get("assessed_on"):
        return e.extra["assessed_on"]
    return safe_line(names.get(e.entity_id, e.entity_id[:8]))


def entry_lines(e: LogEntry, names: dict[str, str], lang: str, with_record: bool,
                activities: dict[str, tuple[str, str]] | None = None) -> list[str]:
    when = e.at[:16].replace("T", " ")
    action = _pick(_ACTIONS[e.action], lang) if e.action in _ACTIONS else e.action
    head = f"{when} · {safe_line(e.who)} · {action}"
    if with_record:
        kind = _pick(_ENTITIES[e.entity], lang) if e.entity in _ENTITIES else e.entity
        head += f" {kind} {record_text(e, names, activities or {}, lang)}"
    if e.activity:
        head += " · " + t("changes.rerated_after", lang, activity=ActivityType(e.activity).label(lang)  # type: ignore[arg-type]
                          + (f" {e.activity_on}" if e.activity_on else ""))
    lines = [head]
    if e.moves is not None:
        return lines + _assessment_lines(e, lang)
    for c in e.changes:
        if c.field in ("id", "account_id") or (c.before is None and c.after in (None, "", [], False)):
            continue  # a new record's empty fields and its ids say nothing
        lines.append(f"    {field_label(c.field, lang)}: {value_text(c.field, c.before, names, lang)}"
                     f" → {value_text(c.field, c.after, names, lang)}")
    return lines


def _assessment_lines(e: LogEntry, lang: str) -> list[str]:
    """A snapshot's entry as what it rated: each rating that moved since the snapshot before."""
    lines = [f"    {t('changes.assessed_on', lang)}: {e.extra.get('assessed_on', DASH)}"]  # type: ignore[arg-type]
    for m in e.moves or ():
        if m.kind == "org":
            what = m.dimension.label(lang)
        elif m.kind == "evidence":
            what = m.evidence.label(lang)
        elif m.kind == "attitude":
            what = f"{safe_line(m.person)} · {_pick(_FIELDS['attitude'], lang)}"
        elif m.kind == "needs":
            what = t("changes.needs_of", lang, person=safe_line(m.person))  # type: ignore[arg-type]
        else:
            what = f"{safe_line(m.department)} · {m.indicator.label(lang)}"
        before, after = (_rating_text(m.kind, v, lang) for v in (m.before, m.after))
        lines.append(f"    {what}: {before} → {after}")
    if not e.moves:
        lines.append(f"    {t('changes.nothing_moved', lang)}")  # type: ignore[arg-type]
    if e.extra.get("note"):
        lines.append(f"    {field_label('notes', lang)}: {value_text('notes', e.extra['note'], {}, lang)}")
    return lines


def _rating_text(kind: str, value: Any, lang: str) -> str:
    if kind == "evidence":
        return t("changes.ticked" if value else "changes.unticked", lang)  # type: ignore[arg-type]
    if value is None:
        return DASH
    if kind == "attitude":
        return enums.Attitude(value).label(lang)  # type: ignore[arg-type]
    return value_text("needs_level" if kind == "needs" else "", value, {}, lang)


def open_changes(screen: Any, entity: str | None, record_id: str, what: str) -> None:
    """Push the history of one record (`entity` the table), or of a whole account (None)."""
    from kamtui.services import change_log

    ctx = screen.kam.ctx
    history = (change_log.record_history(ctx, entity, record_id) if entity
               else change_log.account_history(ctx, record_id))
    screen.app.push_screen(ChangeHistoryDialog(what, history, with_record=entity is None))


class ChangeHistoryDialog(KamModal[None]):
    BINDINGS = [Binding("escape", "close", "Close", id="close_changes")]

    def __init__(self, what: str, history: RecordHistory, with_record: bool = False):
        super().__init__()
        self.what = what
        self.history = history
        self.with_record = with_record  # an account's log: each entry says which record

    def compose(self) -> ComposeResult:
        lang, h = self.lang, self.history
        with VerticalScroll(id="changes-box"):
            yield Static(Content(self.tr("changes.title", what=self.what)), id="changes-title")
            lines: list[str] = []
            for e in h.entries:
                lines += entry_lines(e, h.names, lang, self.with_record, h.activities)
            if not h.entries:
                lines.append(self.tr("changes.none"))
            if h.more:
                lines += ["", self.tr("changes.more", n=len(h.entries))]
            yield Static(Content("\n".join(lines)), id="changes-rows")
            yield Static(Content(self.tr("changes.footer")), id="changes-footer")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#changes-box").focus()

    def action_close(self) -> None:
        self.dismiss(None)
