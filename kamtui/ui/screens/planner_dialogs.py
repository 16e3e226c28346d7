"""The planner's small forms, built on the shared FormDialog: the outcome of a finished
activity, the reason of a cancellation, an approval, the list's filter, the calendar export."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content

from kamtui.domain.enums import ActivityStatus, Layer, Scope
from kamtui.domain.models import Activity
from kamtui.errors import InputError
from kamtui.services import activities, calendar
from kamtui.services.activities import ActivityFilter, Planner, Readable
from kamtui.services.context import Context
from kamtui.ui import i18n
from kamtui.ui.i18n import t
from kamtui.ui.screens import activity_forms  # noqa: F401  (registers the field labels shared with it)
from kamtui.ui.screens.form import FormDialog, FormField

i18n.register({
    "activity_form.outcome.title": ("Done: what came out of “{what}”?", "完成：“{what}”的成果？"),
    "activity_form.outcome": ("Outcome", "成果"),
    "activity_form.cancel.title": ("Cancel “{what}”", "取消“{what}”"),
    "activity_form.reason": ("Reason", "原因"),
    "activity_form.approve.title": ("Approval of “{what}”", "“{what}”的审批"),
    "activity_form.approver": ("Approver", "审批人"),
    "activity_form.approved_on": ("Approved on", "审批日期"),
    "activity_form.filter.title": ("Filter activities", "筛选活动"),
    "activity_form.status": ("Status", "状态"),
    "activity_form.open": ("Open (planned or in progress)", "未结束（计划中或进行中）"),
    "activity_form.archived": ("Show the archived activities (to restore them)", "显示已归档活动（以便恢复）"),
    "activity_form.export.title": ("Export to a calendar file (.ics)", "导出为日历文件 (.ics)"),
    "activity_form.what": ("Activities", "活动"),
    "activity_form.what.shown": ("Those shown ({n})", "当前显示的（{n}）"),
    "activity_form.what.selected": ("The selected one", "所选的一项"),
    "activity_form.what.account": ("All of the account's ({n})", "客户的全部（{n}）"),
    "activity_form.path": ("File", "文件"),
    "activity_form.overwrite": ("Overwrite the file if it exists", "文件已存在时覆盖"),
    "activity_form.exported": ("Exported {events} {events|event|events} to {path} ({size} {size|byte|bytes})",
                               "已导出 {events} 个日程到 {path}（{size} 字节）"),
    "activity_form.skipped": ("; {n} without a date left out", "；{n} 项无日期未导出"),
})


def _title(key: str, a: Activity, lang: str) -> Content:
    return Content(t(key, lang, what=a.type.label(lang)))  # type: ignore[arg-type]


def _required_note(data: dict, name: str) -> str:
    text = (data.get(name) or "").strip()
    if not text:
        raise InputError.at(name, "value.required")
    return text


def outcome_dialog(ctx: Context, a: Activity, lang: str) -> FormDialog:
    return FormDialog(_title("activity_form.outcome.title", a, lang),
                      [FormField("outcome", (t("activity_form.outcome", "en"), t("activity_form.outcome", "zh")),
                                 kind="note", value=a.outcome, required=True)],
                      lambda d: activities.complete(ctx, a, _required_note(d, "outcome")))


def cancel_dialog(ctx: Context, a: Activity, lang: str) -> FormDialog:
    return FormDialog(_title("activity_form.cancel.title", a, lang),
                      [FormField("reason", (t("activity_form.reason", "en"), t("activity_form.reason", "zh")),
                                 kind="note", required=True)],
                      lambda d: activities.cancel(ctx, a, _required_note(d, "reason")))


def approval_dialog(ctx: Context, a: Activity, lang: str) -> FormDialog:
    return FormDialog(_title("activity_form.approve.title", a, lang), [
        FormField("approver", (t("activity_form.approver", "en"), t("activity_form.approver", "zh")),
                  value=a.approval.approver if a.approval else "", required=True),
        FormField("approved_on", (t("activity_form.approved_on", "en"), t("activity_form.approved_on", "zh")),
                  kind="date", value=a.approval.approved_on if a.approval else ctx.today, required=True),
    ], lambda d: activities.approve(ctx, a, d["approver"], d["approved_on"]))


def pair(key: str) -> tuple[str, str]:
    return (t(key, "en"), t(key, "zh"))


def filter_dialog(planner: Planner, flt: ActivityFilter, lang: str) -> FormDialog:
    statuses = [("open", pair("activity_form.open"))] + [(s.value, (s.label("en"), s.label("zh"))) for s in ActivityStatus]
    members = [(m.id, m.name) for m in planner.members]
    fields = [
        FormField("status", pair("activity_form.status"), "select", flt.status, statuses),
        FormField("owner_id", pair("activity_form.owner"), "select", flt.owner_id, members),  # type: ignore[arg-type]
        FormField("scope", pair("activity_form.scope"), "select", flt.scope,
                  [(s, (s.label("en"), s.label("zh"))) for s in Scope]),
        FormField("layer", pair("activity_form.layer"), "select", flt.layer,
                  [(x, (x.label("en"), x.label("zh"))) for x in Layer]),
        FormField("archived", pair("activity_form.archived"), "bool", flt.archived),
    ]
    return FormDialog(t("activity_form.filter.title", lang), fields,  # type: ignore[arg-type]
                      lambda d: ActivityFilter(d["status"], d["owner_id"], d["scope"], d["layer"], bool(d["archived"])))


def describe_filter(flt: ActivityFilter, planner: Planner, lang: str) -> str:
    parts = []
    if flt.status == "open":
        parts.append(t("activity_form.open", lang))  # type: ignore[arg-type]
    elif flt.status:
        parts.append(ActivityStatus(flt.status).label(lang))  # type: ignore[arg-type]
    if flt.owner_id:
        parts.append(planner.member_name(flt.owner_id))
    for value in (flt.scope, flt.layer):
        if value is not None:
            parts.append(value.label(lang))  # type: ignore[arg-type]
    if flt.archived:
        parts.append(t("planner.archived", lang))  # type: ignore[arg-type]
    return " · ".join(parts)


def export_dialog(ctx: Context, planner: Planner, shown: list[Readable], current: Readable | None,
                  lang: str) -> FormDialog:
    every = planner.active()
    what = [("shown", (t("activity_form.what.shown", "en", n=len(shown)), t("activity_form.what.shown", "zh", n=len(shown))))]
    if current is not None:
        what.append(("selected", pair("activity_form.what.selected")))
    what.append(("account", (t("activity_form.what.account", "en", n=len(every)), t("activity_form.what.account", "zh", n=len(every)))))
    path = calendar.suggested_path(ctx, planner.account.short_name or planner.account.name)

    def submit(d: dict) -> calendar.ExportResult:
        chosen = {"shown": shown, "selected": [current] if current else [], "account": every}[d["what"]]
        return calendar.export_activities(ctx, planner, chosen, d["path"], lang, bool(d["overwrite"]))  # type: ignore[arg-type]

    return FormDialog(t("activity_form.export.title", lang), [  # type: ignore[arg-type]
        FormField("what", pair("activity_form.what"), "select", "shown", what, required=True),  # type: ignore[arg-type]
        FormField("path", pair("activity_form.path"), value=str(path), required=True),
        FormField("overwrite", pair("activity_form.overwrite"), "bool", False),
    ], submit)


def export_message(result: calendar.ExportResult, lang: str, shown: Path | None = None) -> str:
    """What an export did; the file called `shown` (the browser's download) or by its path."""
    text = t("activity_form.exported", lang, events=result.events, path=str(shown or result.path),  # type: ignore[arg-type]
             size=f"{result.size:,}")
    if result.skipped:
        text += t("activity_form.skipped", lang, n=result.skipped)  # type: ignore[arg-type]
    return text
