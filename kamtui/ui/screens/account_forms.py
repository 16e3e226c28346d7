"""The simple forms of an account and what hangs off it: departments, people, competitors.

Each function returns a FormDialog whose submit calls a service; the dialog dismisses with
the saved record (or None when cancelled).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content

from kamtui.domain import leaning
from kamtui.domain.enums import Attitude, ChainRole, CompetitorPosition, Labeled, NeedsLevel, Tier
from kamtui.domain.models import Account, Competitor, Department, Person
from kamtui.services import accounts, people
from kamtui.services import settings as settings_service
from kamtui.ui.i18n import register, t
from kamtui.ui.screens.form import FormDialog, FormField, Option
from kamtui.ui.text import fill

if TYPE_CHECKING:
    from kamtui.ui.app import KamtuiApp

register({
    "forms.account.new": ("New account", "新建客户"),
    "forms.account.edit": ("Edit account: $name", "编辑客户：$name"),
    "forms.department.new": ("New department", "新建部门"),
    "forms.department.edit": ("Edit department: $name", "编辑部门：$name"),
    "forms.person.new": ("New person", "新建人员"),
    "forms.person.edit": ("Edit person: $name", "编辑人员：$name"),
    "forms.competitor.new": ("New competitor", "新建竞争对手"),
    "forms.competitor.edit": ("Edit competitor: $name", "编辑竞争对手：$name"),
})


def enum_options(cls: type[Labeled]) -> list[Option]:
    return [(m, cls.__labels__[m.value]) for m in cls]


def _members(kam: "KamtuiApp") -> list[Option]:
    return [(m.id, m.name) for m in settings_service.members(kam.ctx)]


def _title(kam: "KamtuiApp", key: str, name: str | None) -> Content:
    if name is None:
        return Content(t(f"forms.{key}.new", kam.lang))
    return fill(t(f"forms.{key}.edit", kam.lang), name=name)


def account_form(kam: "KamtuiApp", account: Account | None = None) -> FormDialog:
    a = account
    fields = [
        FormField("name", ("Name", "名称"), value=a.name if a else "", required=True),
        FormField("short_name", ("Short name", "简称"), value=a.short_name if a else ""),
        FormField("industry", ("Industry", "行业"), value=a.industry if a else ""),
        FormField("region", ("Region", "区域"), value=a.region if a else ""),
        FormField("tier", ("Tier", "级别"), "select", a.tier if a else Tier.key,
                  enum_options(Tier), required=True),
        FormField("owner_id", ("Owner (our team)", "负责人（我方）"), "select",
                  a.owner_id if a else accounts.default_owner(kam.ctx), _members(kam)),
        FormField("strategy_notes", ("Customer strategy notes", "客户战略解读"), "note",
                  a.strategy_notes if a else ""),
    ]

    def submit(data: dict[str, Any]) -> Account:
        if a is None:
            return accounts.create(kam.ctx, data)
        return accounts.update(kam.ctx, a, data)

    return FormDialog(_title(kam, "account", a.name if a else None), fields, submit)


def department_form(kam: "KamtuiApp", account_id: str, departments: list[Department],
                    dept: Department | None = None) -> FormDialog:
    d = dept
    parents = [(x.id, x.name) for x in people.parent_options(departments, d)]
    fields = [
        FormField("name", ("Name", "名称"), value=d.name if d else "", required=True),
        FormField("parent_id", ("Part of", "上级部门"), "select", d.parent_id if d else None, parents),
        FormField("importance", ("Importance", "重要性"), "select", d.importance if d else 2,
                  [(1, ("1 low", "1 低")), (2, ("2 medium", "2 中")), (3, ("3 high", "3 高"))],
                  required=True),
        FormField("business_line", ("Business line", "业务线"), value=d.business_line if d else ""),
    ]

    def submit(data: dict[str, Any]) -> Department:
        if d is None:
            return people.add_department(kam.ctx, {**data, "account_id": account_id})
        return people.edit_department(kam.ctx, d, data)

    return FormDialog(_title(kam, "department", d.name if d else None), fields, submit)


def person_form(kam: "KamtuiApp", account_id: str, departments: list[Department],
                competitors: list[Competitor], person: Person | None = None) -> FormDialog:
    p = person
    leanings: list[Option] = [(leaning.NOT_ASSESSED, ("Not assessed", "未评估")),
                              (leaning.NOBODY, ("Leans to no competitor", "不倾向任何竞争对手"))]
    leanings += [(c.id, c.name) for c in competitors]
    fields = [
        FormField("name", ("Name", "姓名"), value=p.name if p else "", required=True),
        FormField("title", ("Title", "职务"), value=p.title if p else ""),
        FormField("department_id", ("Department", "部门"), "select", p.department_id if p else None,
                  [(x.id, x.name) for x in departments if not x.archived]),
        FormField("role", ("Decision-chain role", "决策链角色"), "select", p.role if p else None,
                  enum_options(ChainRole)),
        FormField("influence", ("Influence 1–5", "影响力 1–5"), "int", p.influence if p else 3,
                  required=True),
        FormField("attitude", ("Attitude toward us", "对我方态度"), "select",
                  p.attitude if p else Attitude.unknown,
                  [(m, (f"{m.symbol} {m.label('en')}", f"{m.symbol} {m.label('zh')}")) for m in Attitude],
                  required=True),
        FormField("executive", ("CXO level (executive channel)", "高层（CXO）"), "bool",
                  p.executive if p else False),
        FormField("hidden_decision_maker", ("Hidden decision maker", "隐性决策者"), "bool",
                  p.hidden_decision_maker if p else False),
        FormField("rising_star", ("Rising star", "明日之星"), "bool", p.rising_star if p else False),
        FormField("needs_level", ("Needs level", "需求层次"), "select", p.needs_level if p else None,
                  [(m.rank, (f"{m.rank} {m.label('en')}", f"{m.rank} {m.label('zh')}")) for m in NeedsLevel]),
        FormField("career_needs", ("Career needs", "职业需求"), "note", p.career_needs if p else ""),
        FormField("personal_needs", ("Personal needs", "个人需求"), "note", p.personal_needs if p else ""),
        FormField("owner_id", ("Relationship owner (our team)", "关系负责人（我方）"), "select",
                  p.owner_id if p else None, _members(kam)),
        FormField("leaning", ("Competitor leaning", "竞争倾向"), "select", people.leaning_choice(p), leanings,
                  required=True),
        FormField("last_contact", ("Last contact (YYYY-MM-DD)", "最近联系（年-月-日）"), "date",
                  p.last_contact if p else None),
    ]

    def submit(data: dict[str, Any]) -> Person:
        if p is None:
            return people.add_person(kam.ctx, {**data, "account_id": account_id})
        return people.edit_person(kam.ctx, p, data)

    return FormDialog(_title(kam, "person", p.name if p else None), fields, submit)


def competitor_form(kam: "KamtuiApp", account_id: str, comp: Competitor | None = None) -> FormDialog:
    c = comp
    fields = [
        FormField("name", ("Name", "名称"), value=c.name if c else "", required=True),
        FormField("position", ("Position at the account", "在客户处的地位"), "select",
                  c.position if c else CompetitorPosition.present, enum_options(CompetitorPosition),
                  required=True),
        FormField("notes", ("Notes", "备注"), "note", c.notes if c else ""),
    ]

    def submit(data: dict[str, Any]) -> Competitor:
        if c is None:
            return people.add_competitor(kam.ctx, {**data, "account_id": account_id})
        return people.edit_competitor(kam.ctx, c, data)

    return FormDialog(_title(kam, "competitor", c.name if c else None), fields, submit)
