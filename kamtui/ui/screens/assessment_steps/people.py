"""Step 2: the decision chain, edited in place with single keys; add a missing person here."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from kamtui.domain import leaning
from kamtui.domain.enums import Attitude, ChainRole
from kamtui.domain.models import Person
from kamtui.services import people as people_service
from kamtui.services.assessments.bring_in import bring_in, people_outside
from kamtui.services.stakeholders import PickItem
from kamtui.ui.screens.assessment_steps.base import LiveLine, Step
from kamtui.ui.screens.assessment_steps.grid import Column, CellGrid
from kamtui.ui.screens.assessment_steps.strings import tr
from kamtui.ui.screens.form import FormDialog, FormField
from kamtui.ui.screens.person_picker import PersonPickerDialog
from kamtui.ui.text import plain

COLUMNS = [
    Column("name", 0, editable=False), Column("role", 0, editable=False), Column("attitude", 11),
    Column("influence", 4, "right"), Column("needs", 5, "right"), Column("leaning", 10),
    Column("hidden", 6, "center"), Column("star", 4, "center"),
]
ATTITUDE_CYCLE = [Attitude.unknown, Attitude.advocate, Attitude.accepting, Attitude.commodity, Attitude.threat]
ATTITUDE_SCALE = [Attitude.threat, Attitude.commodity, Attitude.accepting, Attitude.advocate]
_ATTITUDE_CLASS = {Attitude.advocate: "grid--good", Attitude.accepting: "grid--good",
                   Attitude.threat: "grid--bad", Attitude.unknown: "grid--muted"}


class PeopleGrid(CellGrid):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "cycle", "Change", key_display="space", id="assess_cycle"),
        Binding("plus,equals_sign", "nudge(1)", "Raise", key_display="+", id="assess_raise"),
        Binding("minus", "nudge(-1)", "Lower", key_display="-", id="assess_lower"),
        Binding("1", "digit(1)", "Set", key_display="1–5", id="assess_digit"),
        Binding("2", "digit(2)", show=False),
        Binding("3", "digit(3)", show=False),
        Binding("4", "digit(4)", show=False),
        Binding("5", "digit(5)", show=False),
        Binding("backspace,delete,0", "clear", "Clear", key_display="⌫", id="assess_clear"),
        Binding("h", "toggle('hidden')", "Hidden", id="assess_hidden"),
        Binding("r", "toggle('rising_star')", "Star", id="assess_star"),
        Binding("n", "add_person", "Add person", id="assess_add_person"),
        # not in the footer (full at 120 columns): the step's hint names the key when it applies
        Binding("a", "bring_in", "Bring in", show=False, id="assess_bring_in"),
    ]

    def __init__(self, step: "PeopleStep") -> None:
        super().__init__(COLUMNS, id="people-grid")
        self.step = step
        self.session = step.session

    @property
    def lang(self) -> str:
        return self.app.lang  # type: ignore[attr-defined]

    @property
    def row_count(self) -> int:
        return len(self.session.data.people)

    def header_text(self, col: int) -> str:
        return tr(f"assess.col.{COLUMNS[col].key}", self.lang)

    def cell(self, row: int, col: int) -> tuple[str, str | None]:
        e = self.session.data.people[row]
        key = COLUMNS[col].key
        if key == "name":
            return self.session.person(e.person_id).name, None
        if key == "role":
            return (e.role.label(self.lang) if e.role else "—"), "grid--muted"
        if key == "attitude":
            return f"{e.attitude.symbol} {e.attitude.label(self.lang)}", _ATTITUDE_CLASS.get(e.attitude)
        if key == "influence":
            return str(e.influence), None
        if key == "needs":
            return (str(e.needs_level) if e.needs_level else "–"), None
        if key == "leaning":
            if not e.leaning_known:
                return "?", "grid--muted"
            if e.leaning_competitor_id is None:
                return tr("assess.leaning.nobody", self.lang), None
            return self.session.competitor_names().get(e.leaning_competitor_id, "?"), "grid--warn"
        flag = e.hidden if key == "hidden" else e.rising_star
        return ("✓" if flag else "·"), ("grid--mark" if flag else "grid--muted")

    # -- edits -------------------------------------------------------------------------
    def _set(self, **changes: Any) -> None:
        if not self.row_count:
            return
        self.session.update_person(self.cursor_row, **changes)
        self.refresh_row(self.cursor_row)
        self.step.edited()

    def _column(self) -> str:
        return COLUMNS[self.cursor_col].key

    def action_cycle(self) -> None:
        if not self.row_count:
            return
        e = self.session.data.people[self.cursor_row]
        key = self._column()
        if key == "attitude":
            self._set(attitude=ATTITUDE_CYCLE[(ATTITUDE_CYCLE.index(e.attitude) + 1) % len(ATTITUDE_CYCLE)])
        elif key == "influence":
            self._set(influence=e.influence % 5 + 1)
        elif key == "needs":
            self._set(needs_level=None if e.needs_level == 5 else (e.needs_level or 0) + 1)
        elif key == "leaning":
            options = [leaning.NOT_ASSESSED, leaning.NOBODY, *self.session.competitor_names()]
            now = leaning.choice(e.leaning_known, e.leaning_competitor_id)
            at = options.index(now) if now in options else 0
            self._set(**leaning.fields(options[(at + 1) % len(options)]))
        elif key in ("hidden", "star"):
            self.action_toggle("hidden" if key == "hidden" else "rising_star")

    def action_nudge(self, delta: int) -> None:
        if not self.row_count:
            return
        e = self.session.data.people[self.cursor_row]
        key = self._column()
        if key == "attitude":
            pos = ATTITUDE_SCALE.index(e.attitude) if e.attitude in ATTITUDE_SCALE else 1 - min(delta, 0)
            self._set(attitude=ATTITUDE_SCALE[min(max(pos + delta, 0), len(ATTITUDE_SCALE) - 1)])
        elif key == "influence":
            self._set(influence=min(max(e.influence + delta, 1), 5))
        elif key == "needs":
            self._set(needs_level=min(max((e.needs_level or (1 - delta)) + delta, 1), 5))

    def action_digit(self, value: int) -> None:
        key = self._column()
        if key == "influence":
            self._set(influence=value)
        elif key == "needs":
            self._set(needs_level=value)

    def action_clear(self) -> None:
        key = self._column()
        if key == "attitude":
            self._set(attitude=Attitude.unknown)
        elif key == "needs":
            self._set(needs_level=None)
        elif key == "leaning":
            self._set(leaning_known=False, leaning_competitor_id=None)

    def action_toggle(self, flag: str) -> None:
        if self.row_count:
            self._set(**{flag: not getattr(self.session.data.people[self.cursor_row], flag)})

    def action_add_person(self) -> None:
        self.step.add_person()

    def action_bring_in(self) -> None:
        self.step.bring_in()


class PeopleStep(Step):
    index = 1
    _outside: int | None = None  # how many of the account's people are not listed: read once

    def compose(self) -> ComposeResult:
        yield Static("", id="people-empty", classes="step-heading")
        yield PeopleGrid(self)
        yield Static("", id="people-detail", classes="detail")
        yield LiveLine("", id="people-live", classes="live")

    def on_mount(self) -> None:
        self.relabel()

    @property
    def grid(self) -> PeopleGrid:
        return self.query_one(PeopleGrid)

    def reload(self) -> None:
        self.grid.refresh_rows()
        self.relabel()

    def relabel(self) -> None:
        if self._outside is None:
            self._outside = len(people_outside(self.session))
        lines = [] if self.session.data.people else [self.tr("assess.people.empty")]
        if self._outside:
            lines.append(self.tr("assess.people.outside", n=self._outside))
        empty = self.query_one("#people-empty", Static)
        empty.update(Content("\n".join(lines)))
        empty.display = bool(lines)
        self.grid.refresh()
        self._detail()
        self.refresh_live()

    def first_field(self) -> Widget:
        return self.grid

    def refresh_live(self) -> None:
        f = self.session.figures()
        text = self.key_line(f)
        if f.red_flags:
            names = [f"{self.session.person(self.session.data.people[x.index].person_id).name} "
                     f"({self.tr(f'assess.flag.{x.reason}')})" for x in f.red_flags[:3]]
            text += ": " + "; ".join(names) + (" …" if len(f.red_flags) > 3 else "")
        self.query_one("#people-live", LiveLine).show(text)

    @on(CellGrid.CursorMoved, "#people-grid")
    def _detail(self) -> None:
        detail = self.query_one("#people-detail", Static)
        if not self.session.data.people:
            detail.update(Content(""))
            return
        p = self.session.person(self.session.data.people[self.grid.cursor_row].person_id)
        dept = self.session.department_names().get(p.department_id or "", "")
        detail.update(plain(" · ".join(x for x in (p.name, p.title, dept) if x)))

    # -- adding a person -----------------------------------------------------------------
    def add_person(self) -> None:
        ctx = self.app.ctx  # type: ignore[attr-defined]
        account = self.session.account
        fields = [
            FormField("name", ("Name", "姓名"), required=True),
            FormField("title", ("Title", "职务")),
            FormField("department_id", ("Department", "部门"), kind="select",
                      options=[(d.id, d.name) for d, _ in self.session.department_rows()]),
            FormField("role", ("Decision-chain role", "决策链角色"), kind="select", value=ChainRole.influencer,
                      options=[(r, (r.label("en"), r.label("zh"))) for r in ChainRole], required=True),
            FormField("influence", ("Influence 1–5", "影响力 1–5"), kind="int", value=3, required=True),
            FormField("attitude", ("Attitude", "态度"), kind="select", value=Attitude.unknown, required=True,
                      options=[(a, (f"{a.symbol} {a.label('en')}", f"{a.symbol} {a.label('zh')}"))
                               for a in Attitude]),
        ]

        def submit(data: dict[str, Any]) -> Person:
            return people_service.add_person(ctx, {**data, "account_id": account.id})

        def added(person: Person | None) -> None:
            if person is None:
                return
            row = self.session.add_person(person)
            self.grid.refresh_rows()
            self.grid.cursor_row = row
            self.relabel()
            self.grid.focus()
            self.edited()

        title = Content(self.tr("assess.person.title", account=account.name))
        self.app.push_screen(FormDialog(title, fields, submit), added)

    # -- bringing in the account's people who are not listed -----------------------------
    def bring_in(self) -> None:
        outside = people_outside(self.session)
        self._outside = len(outside)
        if not outside:
            self.app.notify(self.tr("assess.bring_in.none"))
            self.relabel()
            return
        by_id = {p.id: p for p in outside}
        everyone = PickItem(ALL, self.tr("assess.bring_in.all", n=len(outside)))
        items = [everyone] + [PickItem(p.id, p.name, p.title, self.session.department_names().get(p.department_id or "", ""))
                              for p in outside]

        def picked(chosen: str | None) -> None:
            if chosen is None:
                return
            row = bring_in(self.session, outside if chosen == ALL else [by_id[chosen]])
            self._outside = None
            self.grid.refresh_rows()
            if row is not None:
                self.grid.cursor_row = row
            self.relabel()
            self.grid.focus()
            self.edited()

        title = self.tr("assess.bring_in.title", account=self.session.account.name)
        self.app.push_screen(PersonPickerDialog(title, items), picked)


ALL = "\x00everyone"  # the picker's first line: everyone it lists
