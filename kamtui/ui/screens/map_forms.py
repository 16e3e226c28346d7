"""The stakeholder map's edits: its forms (on the shell's FormDialog) and the flows that open
them from the keys — person, department, link, archive/restore, move, reports-to, export."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kamtui.domain import leaning, ordering
from kamtui.domain.enums import Attitude, ChainRole, LinkKind, NeedsLevel
from kamtui.domain.models import Department, Person
from kamtui.errors import InputError, KamtuiError
from kamtui.messages import sentence
from kamtui.services import map_export, people
from kamtui.services import stakeholders as st
from kamtui.services.map_data import MapData
from kamtui.ui import i18n
from kamtui.ui.delivery import deliver
from kamtui.ui.screens.confirm import ConfirmDialog
from kamtui.ui.screens.form import FormDialog, FormField
from kamtui.ui.screens.person_picker import NOBODY, DepartmentPickerDialog, PersonPickerDialog
from kamtui.ui.text import safe

i18n.register({
    "map.new_person": ("New person in {where}", "在 {where} 新建人员"),
    "map.top": ("the top level", "顶层"),
    "map.edit_person": ("Edit {name}", "编辑 {name}"),
    "map.new_department": ("New department under {where}", "在 {where} 下新建部门"),
    "map.edit_department": ("Edit department {name}", "编辑部门 {name}"),
    "map.archive.title": ("Archive {name}?", "归档 {name}？"),
    "map.archive.body": ("They leave the map; u brings them back.", "该人员将离开关系图；按 u 可恢复。"),
    "map.archive.dept_title": ("Archive the department {name}?", "归档部门 {name}？"),
    "map.archived": ("Archived {name}: u restores.", "已归档 {name}：按 u 恢复。"),
    "map.restored": ("Restored {name}.", "已恢复 {name}。"),
    "map.move_to": ("Move {name} to…", "将 {name} 移到……"),
    "map.reports_to": ("{name} reports to…", "{name} 汇报给……"),
    "map.link_to": ("Link {name} to…", "将 {name} 关联到……"),
    "map.restore_pick": ("Restore whom?", "恢复哪位？"),
    "map.export_title": ("Export the {view} view", "导出{view}视图"),
    "map.exported": ("Wrote {path} ({size} {size|byte|bytes})", "已写入 {path}（{size} 字节）"),
})

Submit = Callable[[dict[str, Any]], Any]


def _labelled(values, fmt=lambda v, en, zh: (en, zh)) -> list:
    return [(v, fmt(v, v.label("en"), v.label("zh"))) for v in values]


def person_form(title: str, data: MapData, person: Person | None, submit: Submit) -> FormDialog:
    p = person
    members = [(m.id, m.name) for m in sorted(data.members.values(), key=ordering.sort_key("TeamMember"))
               if not m.archived or (p is not None and p.owner_id == m.id)]
    leanings: list = [(leaning.NOT_ASSESSED, ("not assessed", "未评估")),
                      (leaning.NOBODY, ("leans to nobody", "无倾向"))]
    leanings += [(c.id, c.name) for c in sorted(data.competitors.values(), key=ordering.sort_key("Competitor"))]
    needs = [(i, (f"{i} · {n.label('en')}", f"{i} · {n.label('zh')}"))
             for i, n in enumerate(NeedsLevel, 1)]
    fields = [
        FormField("name", ("Name", "姓名"), value=p.name if p else "", required=True),
        FormField("title", ("Title", "职务"), value=p.title if p else ""),
        FormField("email", ("E-mail", "电子邮件"), value=p.email if p else ""),
        FormField("phone", ("Phone", "电话"), value=p.phone if p else ""),
        FormField("role", ("Decision-chain role", "决策链角色"), "select",
                  value=p.role if p else None, options=_labelled(ChainRole)),
        FormField("influence", ("Influence (1–5)", "影响力（1–5）"), "select",
                  value=p.influence if p else 3, options=[(i, str(i)) for i in range(1, 6)], required=True),
        FormField("attitude", ("Attitude toward us", "对我方态度"), "select",
                  value=p.attitude if p else Attitude.unknown, required=True,
                  options=_labelled(Attitude, lambda v, en, zh: (f"{v.symbol} {en}", f"{v.symbol} {zh}"))),
        FormField("executive", ("Executive (CXO level)", "高层（CXO 级）"), "bool", value=p.executive if p else False),
        FormField("hidden_decision_maker", ("Hidden decision maker", "隐性决策者"), "bool",
                  value=p.hidden_decision_maker if p else False),
        FormField("rising_star", ("Rising star", "明日之星"), "bool", value=p.rising_star if p else False),
        FormField("needs_level", ("Needs level", "需求层次"), "select",
                  value=p.needs_level if p else None, options=needs),
        FormField("owner_id", ("Our relationship owner", "我方关系负责人"), "select",
                  value=p.owner_id if p else None, options=members),
        FormField("leaning", ("Competitor leaning", "竞争倾向"), "select",
                  value=people.leaning_choice(p), options=leanings, required=True),
        FormField("last_contact", ("Last contact (YYYY-MM-DD)", "最近接触（YYYY-MM-DD）"), "date",
                  value=p.last_contact.isoformat() if p and p.last_contact else ""),
        FormField("personal_needs", ("Personal needs", "个人需求"), "note", value=p.personal_needs if p else ""),
        FormField("career_needs", ("Career needs", "职业需求"), "note", value=p.career_needs if p else ""),
    ]
    return FormDialog(title, fields, submit)


def department_form(title: str, dept: Department | None, submit: Submit) -> FormDialog:
    fields = [
        FormField("name", ("Name", "名称"), value=dept.name if dept else "", required=True),
        FormField("business_line", ("Business line", "业务线"), value=dept.business_line if dept else ""),
        FormField("importance", ("Importance (1–3)", "重要性（1–3）"), "select",
                  value=dept.importance if dept else 2, required=True,
                  options=[(1, ("1 · low", "1 · 低")), (2, ("2 · medium", "2 · 中")), (3, ("3 · high", "3 · 高"))]),
    ]
    return FormDialog(title, fields, submit)


def link_form(title: str, submit: Submit) -> FormDialog:
    return FormDialog(title, [
        FormField("kind", ("The first person … the second", "前者……后者"), "select",
                  value=LinkKind.influences, options=_labelled(LinkKind), required=True),
    ], submit)


def export_form(title: str, default_path: str, submit: Submit) -> FormDialog:
    return FormDialog(title, [
        FormField("path", ("File: .mmd for Mermaid, .dot for Graphviz", "文件：.mmd 为 Mermaid，.dot 为 Graphviz"),
                  value=default_path, required=True),
    ], submit)


class MapEdits:
    """Mixed into the map screen: every edit goes through kamtui.services.people and,
    once saved, asks the screen to `reload()` around the changed record."""

    account_id: str
    person_id: str | None
    department_id: str | None
    view: str

    def _attempt(self, fn: Callable[[], Any]) -> Any:
        """Run a service call; a refusal becomes a notification in the current language."""
        try:
            return fn()
        except InputError as exc:  # the problems themselves: no field of a form to name
            said = [m.text(self.lang) for _, m in exc.problems] or [exc.message(self.lang)]
            self.notify(sentence(("；" if self.lang == "zh" else "; ").join(said), self.lang),
                        severity="error", markup=False)
        except KamtuiError as exc:
            self.notify(exc.message(self.lang), severity="error", markup=False)
        return None

    def _done(self, kind: str) -> Callable[[Any], None]:
        def saved(record: Any) -> None:
            if record is not None:
                self.reload(record.id if kind == "person" else None, record.id if kind == "department" else None)
        return saved

    def _person(self):
        return self._attempt(lambda: people.get_person(self.kam.ctx, self.person_id)) if self.person_id else None

    def _department(self):
        if self.department_id is None:
            return None
        return self._attempt(lambda: people.get_department(self.kam.ctx, self.department_id))

    def action_new_person(self) -> None:
        data = self._ensure()
        dept = self.department_id if self.department_id in data.departments else None
        where = safe(data.department_name(dept)) or self.tr("map.top")
        self.app.push_screen(person_form(
            self.tr("map.new_person", where=where), data, None,
            lambda values: people.add_person(self.kam.ctx, {**values, "account_id": self.account_id,
                                                            "department_id": dept})), self._done("person"))

    def action_changes(self) -> None:
        from kamtui.ui.screens.change_history import open_changes

        if self.person_id:
            person = self._person()
            if person is not None:
                open_changes(self, "person", person.id, person.name)
        elif (dept := self._department()) is not None:
            open_changes(self, "department", dept.id, dept.name)

    def action_edit(self) -> None:
        ctx, data = self.kam.ctx, self._ensure()
        if self.person_id:
            person = self._person()
            if person is not None:
                self.app.push_screen(person_form(
                    self.tr("map.edit_person", name=safe(person.name)), data, person,
                    lambda values: people.edit_person(ctx, person, values)), self._done("person"))
        elif (dept := self._department()) is not None:
            self.app.push_screen(department_form(
                self.tr("map.edit_department", name=safe(dept.name)), dept,
                lambda values: people.edit_department(ctx, dept, values)), self._done("department"))

    def action_new_department(self) -> None:
        data = self._ensure()
        parent = self.department_id if self.department_id in data.departments else None
        where = safe(data.department_name(parent)) or self.tr("map.top")
        self.app.push_screen(department_form(
            self.tr("map.new_department", where=where), None,
            lambda values: people.add_department(self.kam.ctx, {**values, "account_id": self.account_id,
                                                                "parent_id": parent})),
            self._done("department"))

    def action_delete(self) -> None:
        ctx = self.kam.ctx
        if self.person_id:
            person = self._person()
            if person is None:
                return

            def answered(yes: bool | None) -> None:
                if yes and self._attempt(lambda: people.archive_person(ctx, person)) is not None:
                    self.notify(self.tr("map.archived", name=safe(person.name)), markup=False)
                    self.reload(None, person.department_id)
            self.app.push_screen(ConfirmDialog(self.tr("map.archive.title", name=safe(person.name)),
                                               self.tr("map.archive.body")), answered)
        elif (dept := self._department()) is not None:
            def answered_dept(yes: bool | None) -> None:
                if yes and self._attempt(lambda: people.archive_department(ctx, dept)) is not None:
                    self.reload(None, dept.parent_id)
            self.app.push_screen(ConfirmDialog(self.tr("map.archive.dept_title", name=safe(dept.name)), ""),
                                 answered_dept)

    def action_restore(self) -> None:
        data = self._ensure()

        def picked(pid: str | None) -> None:
            person = self._attempt(lambda: people.get_person(self.kam.ctx, pid)) if pid else None  # fresh: versioned
            if person is not None and self._attempt(lambda: people.restore_person(self.kam.ctx, person)):
                self.notify(self.tr("map.restored", name=safe(person.name)), markup=False)
                self.reload(person.id, person.department_id)
        self.app.push_screen(PersonPickerDialog(self.tr("map.restore_pick"), st.people_items(data, archived=True)),
                             picked)

    def action_move(self) -> None:
        ctx, data = self.kam.ctx, self._ensure()
        if self.person_id:
            person = self._person()
            if person is None:
                return

            def moved(dept_id: str | None) -> None:
                if dept_id is not None and self._attempt(
                        lambda: people.move_person(ctx, person, None if dept_id == NOBODY else dept_id)):
                    self.reload(person.id, None if dept_id == NOBODY else dept_id)
            items = st.department_items(data, {person.department_id or ""})
            self.app.push_screen(DepartmentPickerDialog(self.tr("map.move_to", name=safe(person.name)), items,
                                                        allow_nobody=True), moved)
        elif (dept := self._department()) is not None:
            def moved_dept(parent: str | None) -> None:
                if parent is not None and self._attempt(
                        lambda: people.move_department(ctx, dept, None if parent == NOBODY else parent)):
                    self.reload(None, dept.id)
            self.app.push_screen(DepartmentPickerDialog(self.tr("map.move_to", name=safe(dept.name)),
                                                        st.parent_items(data, dept), allow_nobody=True),
                                 moved_dept)

    def action_reports_to(self) -> None:
        person, data = self._person(), self._ensure()
        if person is None:
            return

        def picked(pid: str | None) -> None:
            if pid is not None and self._attempt(
                    lambda: people.set_reports_to(self.kam.ctx, person, None if pid == NOBODY else pid)):
                self.reload(person.id, person.department_id)
        self.app.push_screen(PersonPickerDialog(self.tr("map.reports_to", name=safe(person.name)),
                                                st.manager_items(data, person.id), allow_nobody=True), picked)

    def action_link(self) -> None:
        person, data = self._person(), self._ensure()
        if person is None:
            return

        def picked(pid: str | None) -> None:
            other = data.by_id.get(pid or "")
            if other is None:
                return
            self.app.push_screen(link_form(f"{safe(person.name)} → {safe(other.name)}",
                                           lambda values: people.add_link(self.kam.ctx, person, other.id, values["kind"])),
                                 lambda link: link is not None and self.reload(person.id, person.department_id))
        self.app.push_screen(PersonPickerDialog(self.tr("map.link_to", name=safe(person.name)),
                                                st.people_items(data, {person.id})), picked)

    def action_import_people(self) -> None:
        """People from a contact file into this account (the dialog loads its libraries)."""
        from kamtui.ui.screens.people_import import PeopleImportDialog

        def imported(result: Any) -> None:
            if result is not None and result.written:
                self.reload()

        account = self._ensure().account
        self.app.push_screen(PeopleImportDialog(self.account_id, account.name), imported)

    def action_export(self) -> None:
        data = self._ensure()
        title = self.tr("map.export_title", view=self.tr(f"map.view.{self.view}"))

        def write(values: dict[str, Any]) -> tuple:
            return map_export.export(data, self.view, values["path"], self.lang, ctx=self.kam.ctx)  # type: ignore[arg-type]

        def written(result: tuple | None) -> None:
            if result:
                path, size = result
                path = deliver(self.app, path)
                self.notify(self.tr("map.exported", path=safe(path), size=f"{size:,}"), markup=False)
        self.app.push_screen(export_form(title, map_export.filename(data, self.view), write), written)
