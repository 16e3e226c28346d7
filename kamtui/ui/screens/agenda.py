"""My agenda: the acting user's open activities across all accounts, overdue first.

The acting user is `app.ctx.user`; an activity is theirs when its owner is the team member
whose login (else name) is that user. `agenda_command(app)` is the app-wide palette entry.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Static

from kamtui.formatting import DASH
from kamtui.services import activities
from kamtui.services.activities import AgendaEntry, AgendaPage
from kamtui.ui import i18n
from kamtui.ui.delivery import deliver
from kamtui.ui.screens import planner_dialogs as dialogs
from kamtui.services import calendar
from kamtui.services.context import Context
from kamtui.ui.i18n import t
from kamtui.ui.screens.base import KamScreen
from kamtui.ui.screens.form import FormDialog, FormField
from kamtui.ui.widgets.header import KamHeader
from kamtui.ui.widgets.timeline import OVERDUE_MARK, ActivityList, ListRow, status_text
from kamtui.ui.widgets.window_table import Column as ListColumn

WEEKS = (2, 4, 6, 8, 12)

i18n.register({
    "agenda.cmd": ("plan: my agenda", "计划：我的日程"),
    "agenda.cmd.help": ("Your open activities across all accounts, overdue first", "您在所有客户的未结束活动，逾期优先"),
    "key.agenda_open": ("Open", "打开"),
    "help.agenda_open": ("Open the planner of the selected activity's account", "打开所选活动所属客户的计划"),
    "key.agenda_weeks": ("Weeks", "周数"),
    "help.agenda_weeks": ("Look 2, 4, 6, 8 or 12 weeks ahead", "查看未来 2、4、6、8 或 12 周"),
    "key.agenda_export": ("Export .ics", "导出日历"),
    "help.agenda_export": ("Export my agenda as an iCalendar (.ics) file", "将我的日程导出为 iCalendar (.ics) 文件"),
    "agenda.cmd.weeks": ("plan: agenda weeks ahead", "计划：日程周数"),
    "agenda.cmd.export": ("plan: export my agenda (.ics)", "计划：导出我的日程 (.ics)"),
    "agenda.title": ("My agenda · {who} · next {weeks} {weeks|week|weeks}", "我的日程 · {who} · 未来 {weeks} 周"),
    "agenda.summary": ("{mark}{overdue} overdue · {coming} coming · as of {today}", "{mark}逾期 {overdue} · 即将 {coming} · 截至 {today}"),
    "agenda.more": (" · showing the first {shown} of {total}", " · 仅显示前 {shown} 项（共 {total} 项）"),
    "agenda.no_member": ("No team member has the login or name “{user}”: add it in workspace: settings.",
                         "没有登录名或姓名为“{user}”的团队成员：请在“工作区：设置”中添加。"),
    "agenda.empty": ("Nothing open for you in the coming {weeks} {weeks|week|weeks}.", "未来 {weeks} 周没有您的待办活动。"),
    "agenda.group.overdue": ("{mark} Overdue · {n}", "{mark} 逾期 · {n}"),
    "agenda.group.coming": ("Coming · {n}", "即将 · {n}"),
    "agenda.col.date": ("Date", "日期"),
    "agenda.col.account": ("Account", "客户"),
    "agenda.col.type": ("Activity", "活动"),
    "agenda.col.targets": ("Targets", "对象"),
    "agenda.col.status": ("Status", "状态"),
})


class AgendaScreen(KamScreen):
    CSS_PATH = "planner.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("enter", "open", "Open", id="agenda_open"),
        Binding("w", "weeks", "Weeks", id="agenda_weeks"),
        Binding("i", "export", "Export", id="agenda_export"),
    ]

    def __init__(self, weeks: int = 6):
        super().__init__()
        self.weeks = weeks
        self.page: AgendaPage | None = None
        self.member_name: str | None = None
        self._key_state: bool | None | str = False

    def compose(self) -> ComposeResult:
        yield KamHeader()
        with Vertical(id="agenda-top"):
            yield Static("", id="agenda-title")
            yield Static("", id="agenda-summary")
        yield ActivityList(cells=self._cell, row_class=self._row_class, row_key=lambda r: r.key, id="agenda-table")
        yield Footer()

    @property
    def table(self) -> ActivityList:
        return self.query_one("#agenda-table", ActivityList)

    def on_mount(self) -> None:
        super().on_mount()
        self.reload()  # the list takes the focus itself (the screen's AUTO_FOCUS)

    def refresh_data(self) -> None:
        """Another process changed the workspace: re-read; the cursor stays on its activity."""
        if self.page is not None:
            self.reload(self.table.current_key)

    def reload(self, select: str | None = None) -> None:
        ctx = self.kam.ctx
        member = activities.member_for_user(ctx)
        self.member_name = member.name if member else None
        self.page = activities.my_agenda(ctx, self.weeks)
        self.render_all(select)

    def relabel(self) -> None:
        self.render_all(self.table.current_key)

    def on_resize(self) -> None:
        if self.page is not None:
            self.render_all(self.table.current_key)

    def _split(self) -> tuple[list[AgendaEntry], list[AgendaEntry]]:
        assert self.page is not None
        today = self.kam.ctx.today
        late = [e for e in self.page.entries if e.activity.is_overdue(today)]
        return late, [e for e in self.page.entries if not e.activity.is_overdue(today)]

    def render_all(self, select: str | None = None) -> None:
        ctx, page = self.kam.ctx, self.page
        assert page is not None
        late, coming = self._split()
        who = self.member_name or ctx.user
        self.query_one("#agenda-title", Static).update(Content(self.tr("agenda.title", who=who, weeks=self.weeks)))
        summary = self.tr("agenda.summary", overdue=len(late), coming=len(coming), today=ctx.today.isoformat(),
                          mark=f"{OVERDUE_MARK} " if late else "")
        if page.truncated:
            summary += self.tr("agenda.more", shown=len(page.entries), total=page.total)
        self.query_one("#agenda-summary", Static).update(Content(summary))
        table = self.table
        table.empty_text = (self.tr("agenda.empty", weeks=self.weeks) if self.member_name
                            else self.tr("agenda.no_member", user=ctx.user))
        table.set_columns(self._columns(max(40, (table.size.width or self.size.width or 80) - 1)))
        rows = []
        for key, heading, entries in (("overdue", self.tr("agenda.group.overdue", mark=OVERDUE_MARK, n=len(late)), late),
                                      ("coming", self.tr("agenda.group.coming", n=len(coming)), coming)):
            if entries:
                rows.append(ListRow(f"group:{key}", "group", heading))
                rows += [ListRow(e.activity.id, item=e) for e in entries]
        table.show(rows, select)
        self.refresh_keys()

    def _columns(self, width: int) -> list[ListColumn]:
        status_w = 13 if self.lang == "en" else 8
        rest = max(30, width - 2 - 10 - status_w - 6)
        type_w, account_w = rest * 4 // 10, rest * 3 // 10
        spec = [("flag", "", 2), ("date", "agenda.col.date", 10), ("type", "agenda.col.type", type_w),
                ("account", "agenda.col.account", account_w),
                ("targets", "agenda.col.targets", rest - type_w - account_w), ("status", "agenda.col.status", status_w)]
        return [ListColumn(k, self.tr(lbl) if lbl else "", w, flex=k == "targets") for k, lbl, w in spec]

    def _row_class(self, row: ListRow) -> str | None:
        if row.kind == "group":
            return "group"
        return "overdue" if row.item.activity.is_overdue(self.kam.ctx.today) else None

    def _cell(self, row: ListRow, key: str) -> str:
        e: AgendaEntry = row.item
        a = e.activity
        if key == "flag":
            return OVERDUE_MARK if a.is_overdue(self.kam.ctx.today) else ""
        if key == "date":
            return a.planned_on.isoformat() if a.planned_on else DASH
        if key == "type":
            return a.type.label(self.lang)  # type: ignore[arg-type]
        if key == "account":
            return e.account_name
        if key == "targets":
            return e.target_names or e.department_name or a.target_business_line or DASH
        return status_text(a.status, self.lang)

    # -- keys ------------------------------------------------------------------------
    def _current(self) -> AgendaEntry | None:
        key = self.table.current_key
        if not key or key.startswith("group:") or self.page is None:
            return None
        return next((e for e in self.page.entries if e.activity.id == key), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return True if self._current() is not None else None
        return True

    def on_window_table_highlighted(self, event: ActivityList.Highlighted) -> None:
        self.refresh_keys()

    def refresh_keys(self) -> None:
        """Tell the footer only when enter's availability changed: each telling rebuilds it."""
        state = self.check_action("open", ())
        if state != self._key_state:
            first = self._key_state is False
            self._key_state = state
            if not first:  # the screen's own start-up refreshes the footer anyway
                self.refresh_bindings()

    def commands(self) -> list[tuple[str, str, object]]:
        return [(self.tr("agenda.cmd.weeks"), self.tr("help.agenda_weeks"), self.action_weeks),
                (self.tr("agenda.cmd.export"), self.tr("help.agenda_export"), self.action_export)]

    def action_back(self) -> None:
        self.dismiss()

    def action_open(self) -> None:
        entry = self._current()
        if entry is None:
            return
        from kamtui.ui.screens.planner import PlannerScreen

        self.kam.selected_account_id = entry.activity.account_id
        self.app.push_screen(PlannerScreen(entry.activity.account_id, select=entry.activity.id),
                             lambda _: self.reload(entry.activity.id))

    def action_weeks(self) -> None:
        later = [w for w in WEEKS if w > self.weeks]
        self.weeks = later[0] if later else WEEKS[0]
        self.reload(self.table.current_key)

    def action_export(self) -> None:
        self.app.push_screen(_export_dialog(self.kam.ctx, self.weeks, self.lang), self._exported)

    def _exported(self, result: object) -> None:
        if result is not None:
            shown = deliver(self.app, result.path)  # type: ignore[attr-defined]
            self.notify(Content(dialogs.export_message(result, self.lang, shown)))  # type: ignore[arg-type]


def _export_dialog(ctx: Context, weeks: int, lang: str) -> FormDialog:
    path = calendar.suggested_path(ctx, f"agenda-{ctx.user}")
    return FormDialog(t("activity_form.export.title", lang), [  # type: ignore[arg-type]
        FormField("path", dialogs.pair("activity_form.path"), value=str(path), required=True),
        FormField("overwrite", dialogs.pair("activity_form.overwrite"), "bool", False),
    ], lambda d: calendar.export_agenda(ctx, d["path"], lang, weeks, bool(d["overwrite"])))  # type: ignore[arg-type]


def agenda_command(app) -> tuple[str, str, Callable[[], object]]:
    """The app-wide palette entry "plan: my agenda" (title, help, callback), in the app's language."""
    return (i18n.t("agenda.cmd", app.lang), i18n.t("agenda.cmd.help", app.lang),
            lambda: app.push_screen(AgendaScreen()))
