"""Workspace settings (palette "workspace: settings"): team name, currency, default language,
compliance thresholds per category, and our team members (added and edited here)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from kamtui.domain.enums import ComplianceCategory
from kamtui.domain.models import Settings, TeamMember
from kamtui.errors import InputError
from kamtui.services import settings as settings_service
from kamtui.services import team as team_service
from kamtui.ui.i18n import register, t
from kamtui.ui.screens.base import KamScreen
from kamtui.ui.screens.form import FormDialog, FormField
from kamtui.ui.screens.tier_criteria import tier_dialog
from kamtui.ui.text import fill, safe, safe_line
from kamtui.ui.widgets.footer import KamFooter
from kamtui.ui.widgets.header import KamHeader
from kamtui.ui.widgets.window_table import Column, WindowTable

register({
    "settings.tiers": ("Tiers (t edits their short names and criteria):", "客户级别（按 t 编辑简称与标准）："),
    "settings.tiers.none": ("no criteria written yet", "尚未填写标准"),
    "settings.title": ("Workspace settings", "工作区设置"),
    "settings.team": ("Team", "团队"),
    "settings.currency": ("Currency", "币种"),
    "settings.default_lang": ("Default language", "默认语言"),
    "settings.thresholds": ("Compliance thresholds (per activity / per person and year)",
                            "合规阈值（每项活动 / 每人每年）"),
    "settings.no_limit": ("no limit", "不限"),
    "settings.members": ("Our team members ({n})", "我方团队成员（{n}）"),
    "settings.no_members": ("No team members yet: n adds one.", "尚无团队成员：按 n 添加。"),
    "settings.col.name": ("Name", "姓名"),
    "settings.col.title": ("Title", "职务"),
    "settings.col.login": ("Login", "登录名"),
    "settings.col.status": ("Status", "状态"),
    "settings.archived": ("archived", "已归档"),
    "settings.active": ("active", "在职"),
    "settings.form.title": ("Edit workspace settings", "编辑工作区设置"),
    "settings.member.new": ("New team member", "新建团队成员"),
    "settings.member.edit": ("Edit team member: $name", "编辑团队成员：$name"),
    "key.settings_edit": ("Settings", "设置"),
    "help.settings_edit": ("Edit team name, currency, default language and thresholds",
                           "编辑团队名称、币种、默认语言和阈值"),
    "key.settings_new_member": ("Add", "添加"),
    "help.settings_new_member": ("Add one of our team members", "添加我方团队成员"),
    "key.settings_edit_member": ("Edit", "编辑"),
    "help.settings_edit_member": ("Edit the highlighted team member (also enter)", "编辑所选团队成员（也可按 enter）"),
    "key.settings_enter": ("Edit", "编辑"),
    "help.settings_enter": ("Edit the highlighted team member", "编辑所选团队成员"),
    "cmd.settings_edit": ("settings: edit", "设置：编辑"),
    "cmd.settings_back": ("view: back", "视图：返回"),
    "cmd.settings_new_member": ("team member: add", "团队成员：添加"),
    "cmd.settings_edit_member": ("team member: edit", "团队成员：编辑"),
})

_LANGS = [("en", ("English", "English")), ("zh", ("中文", "中文"))]


class SettingsScreen(KamScreen):
    CSS_PATH = "settings.tcss"
    WRITE_ACTIONS = frozenset({"edit_settings", "new_member", "edit_member", "tiers"})
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("w", "edit_settings", "Edit settings", id="settings_edit"),
        Binding("n", "new_member", "Add member", id="settings_new_member"),
        Binding("e", "edit_member", "Edit member", id="settings_edit_member"),
        Binding("enter", "edit_member", "Edit member", show=False, id="settings_enter"),
        Binding("t", "tiers", "Tiers", show=False, id="settings_tiers"),
    ]

    def compose(self) -> ComposeResult:
        yield KamHeader()
        yield Static("", id="settings-summary")
        yield Static("", id="settings-members-title")
        yield WindowTable(cells=self._cell, row_class=lambda m: "muted" if m.archived else None,
                          id="settings-members")
        yield KamFooter()

    @property
    def table(self) -> WindowTable:
        return self.query_one("#settings-members", WindowTable)

    def on_mount(self) -> None:
        self.reload()
        self.table.focus()

    def refresh_data(self) -> None:
        """Another process changed the workspace: re-read; the cursor stays on its member."""
        if hasattr(self, "settings"):
            self.reload()

    def reload(self, keep: str | None = None) -> None:
        self.settings = settings_service.get(self.kam.ctx)
        self.members = settings_service.members(self.kam.ctx, include_archived=True)
        self.tiers = team_service.tier_criteria(self.kam.ctx)
        self.relabel(keep)

    def relabel(self, keep: str | None = None) -> None:
        if not hasattr(self, "settings"):
            return
        s, lang = self.settings, self.lang
        lines: list[Any] = [(self.tr("settings.title"), "bold"), "\n",
                            f"{self.tr('settings.team')}: ", safe(s.team_name), "\n",
                            f"{self.tr('settings.currency')}: {s.policy.currency}   "
                            f"{self.tr('settings.default_lang')}: {dict(_LANGS)[s.default_lang][0]}", "\n",
                            self.tr("settings.thresholds")]
        for cat in ComplianceCategory:
            th = s.policy.thresholds.get(cat)
            per_act = self._amount(th.per_activity if th else None)
            per_year = self._amount(th.per_person_year if th else None)
            lines += ["\n", f"  {cat.label(lang)}: {per_act} / {per_year}"]  # type: ignore[arg-type]
        lines += ["\n", self.tr("settings.tiers")]
        for tier, (label, criteria) in self.tiers.items():
            name = tier.label(lang) + (f" ({safe_line(label)})" if label else "")  # type: ignore[arg-type]
            lines += ["\n", f"  {name}: ", safe_line(criteria) if criteria else self.tr("settings.tiers.none")]
        self.query_one("#settings-summary", Static).update(Content.assemble(*lines))
        self.query_one("#settings-members-title", Static).update(
            Content(self.tr("settings.members", n=len(self.members))))
        table = self.table
        table.empty_text = self.tr("settings.no_members")
        table.set_columns([
            Column("name", t("settings.col.name", lang), 18, 0, flex=True),  # type: ignore[arg-type]
            Column("title", t("settings.col.title", lang), 24, 2),  # type: ignore[arg-type]
            Column("login", t("settings.col.login", lang), 12, 1),  # type: ignore[arg-type]
            Column("status", t("settings.col.status", lang), 8, 1),  # type: ignore[arg-type]
        ])
        table.set_rows(self.members, keep)
        self.refresh_bindings()

    def _amount(self, value: float | None) -> str:
        if value is None:
            return self.tr("settings.no_limit")
        return f"{value:,.0f} {self.settings.policy.currency}"

    def _cell(self, m: TeamMember, key: str) -> str:
        if key == "status":
            return self.tr("settings.archived" if m.archived else "settings.active")
        return str(getattr(m, key))

    # -- availability ------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_settings", "new_member", "edit_member", "tiers") and self.kam.ctx.read_only:
            return None
        if action == "edit_member" and self.is_mounted and self.table.current is None:
            return None
        return True

    # -- actions -----------------------------------------------------------------------
    def action_back(self) -> None:
        self.app.pop_screen()

    def _saved(self, record: Any) -> None:
        if record is not None:
            self.reload(keep=getattr(record, "id", None))
            self.kam.refresh_headers()
            self.notify(self.tr("msg.saved"))

    def action_edit_settings(self) -> None:
        if self.check_action("edit_settings", ()) is not True:
            return
        s = settings_service.get(self.kam.ctx)
        fields = [
            FormField("team_name", ("Team name", "团队名称"), value=s.team_name, required=True),
            FormField("currency", ("Currency (3 letters)", "币种（3 个字母）"), value=s.policy.currency,
                      required=True),
            FormField("default_lang", ("Default language", "默认语言"), "select", s.default_lang, _LANGS,
                      required=True),
        ]
        for cat in ComplianceCategory:
            th = s.policy.thresholds.get(cat)
            en, zh = type(cat).__labels__[cat.value]
            fields += [
                FormField(f"{cat.value}__per_activity", (f"{en}: per activity", f"{zh}：每项活动"), "amount",
                          th.per_activity if th else None),
                FormField(f"{cat.value}__per_person_year", (f"{en}: per person and year", f"{zh}：每人每年"),
                          "amount", th.per_person_year if th else None),
            ]

        def submit(data: dict[str, Any]) -> Settings:
            thresholds = {cat.value: {"per_activity": data[f"{cat.value}__per_activity"],
                                      "per_person_year": data[f"{cat.value}__per_person_year"]}
                          for cat in ComplianceCategory}
            changes = {"team_name": data["team_name"], "default_lang": data["default_lang"],
                       "policy": {"currency": (data["currency"] or "").upper(), "thresholds": thresholds}}
            try:
                return settings_service.save(self.kam.ctx, s, changes)
            except InputError as exc:
                # the service names nested paths (policy.thresholds.gift.per_activity): name our fields
                raise InputError(problems=[(_field_of(p), m) for p, m in exc.problems]) from None

        self.app.push_screen(FormDialog(self.tr("settings.form.title"), fields, submit), self._saved)

    def _member_form(self, member: TeamMember | None) -> FormDialog:
        m = member
        fields = [
            FormField("name", ("Name", "姓名"), value=m.name if m else "", required=True),
            FormField("title", ("Title", "职务"), value=m.title if m else ""),
            FormField("login", ("Login (for KAMTUI_USER)", "登录名（对应 KAMTUI_USER）"), value=m.login if m else ""),
        ]
        if m is not None:
            fields.append(FormField("archived", ("Archived (left the team)", "已归档（已离开团队）"), "bool",
                                    m.archived))

        def submit(data: dict[str, Any]) -> TeamMember:
            if m is None:
                return settings_service.add_member(self.kam.ctx, data)
            return settings_service.edit_member(self.kam.ctx, m, data)

        title = fill(self.tr("settings.member.edit"), name=m.name) if m else Content(self.tr("settings.member.new"))
        return FormDialog(title, fields, submit)

    def action_new_member(self) -> None:
        if self.check_action("new_member", ()) is True:
            self.app.push_screen(self._member_form(None), self._saved)

    def action_edit_member(self) -> None:
        if self.check_action("edit_member", ()) is True:
            self.app.push_screen(self._member_form(self.table.current), self._saved)

    def action_tiers(self) -> None:
        if self.check_action("tiers", ()) is True:
            self.app.push_screen(tier_dialog(self.kam.ctx, self.lang), self._saved)

    @on(WindowTable.Selected)
    def _chosen(self) -> None:
        self.action_edit_member()

    def commands(self) -> list[tuple[str, str, Callable[[], None]]]:
        out = []
        for name in ("edit", "new_member", "edit_member", "tiers"):
            action = "edit_settings" if name == "edit" else name
            if self.check_action(action, ()) is True:
                out.append((self.tr(f"cmd.settings_{name}"), self.tr(f"help.settings_{name}"),
                            getattr(self, f"action_{action}")))
        out.append((self.tr("cmd.settings_back"), self.tr("help.back"), self.action_back))
        return out


def _field_of(path: str) -> str:
    if path == "policy.currency":
        return "currency"
    if path.startswith("policy.thresholds."):
        return path.removeprefix("policy.thresholds.").replace(".", "__", 1)
    return path
