"""One account at a glance: the three layers side by side, the next step (what it takes to
reach the next level, and the suggested activities), pitfalls, activities, and the account's
competitors, people and departments (added and edited here with simple forms)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TabbedContent, TabPane

from kamtui import formatting as fmt
from kamtui.domain.enums import Layer
from kamtui.domain.models import Competitor, Department, Person
from kamtui.errors import KamtuiError, NotFoundError
from kamtui.services import accounts
from kamtui.services import overview as overview_service
from kamtui.ui.i18n import t
from kamtui.ui.screens import account_overview_text  # noqa: F401 - registers the screen's words
from kamtui.ui.screens.account_forms import account_form, competitor_form, department_form, person_form
from kamtui.ui.screens.base import KamScreen
from kamtui.ui.screens.change_history import open_changes
from kamtui.ui.text import plain, safe
from kamtui.ui.widgets import overview_text as texts
from kamtui.ui.widgets.footer import KamFooter
from kamtui.ui.widgets.header import KamHeader
from kamtui.ui.widgets.next_step_text import next_step_text
from kamtui.ui.widgets.window_table import Column, WindowTable

SECTIONS = ("next", "pitfalls", "activities", "competitors", "people", "departments")
TEXTS = ("next", "pitfalls", "activities")  # sections that are text, not tables
EDITABLE = ("competitors", "people", "departments")
_ENTITY = {"competitors": "competitor", "people": "person", "departments": "department"}

_TABLE_COLUMNS: dict[str, tuple[tuple[str, int, int, str, bool], ...]] = {
    "competitors": (("name", 16, 0, "left", True), ("position", 10, 0, "left", False),
                    ("notes", 30, 1, "left", False)),
    "people": (("symbol", 4, 0, "left", False), ("name", 14, 0, "left", True),
               ("attitude", 10, 3, "left", False), ("title", 16, 4, "left", False),
               ("department", 14, 2, "left", False), ("role", 14, 1, "left", False),
               ("influence", 4, 0, "right", False), ("flags", 5, 1, "left", False),
               ("owner", 12, 5, "left", False)),
    "departments": (("name", 16, 0, "left", True), ("importance", 4, 0, "right", False),
                    ("people", 6, 1, "right", False), ("business_line", 16, 2, "left", False),
                    ("parent", 16, 3, "left", False)),
}


class AccountOverviewScreen(KamScreen):
    HELP_NOTES = ("help.figures.overview",)
    CSS_PATH = "account_overview.tcss"
    WRITE_ACTIONS = frozenset({"new", "edit", "edit_account"})
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("n", "new", "Add", id="overview_new"),
        Binding("e", "edit", "Edit", id="overview_edit"),
        Binding("enter", "edit", "Edit", show=False, id="overview_enter"),
        Binding("E", "edit_account", "Account", key_display="E", show=False, id="overview_account"),
        Binding("right_square_bracket", "section(1)", "Section", key_display="]", id="overview_next"),
        Binding("left_square_bracket", "section(-1)", "Previous", key_display="[", show=False,
                id="overview_prev"),
        Binding("h", "history", "History", show=False, id="overview_history"),
        Binding("H", "changes", "Changes", key_display="H", show=False, id="overview_changes"),
        Binding("a", "assess", "Assess", show=False, id="overview_assess"),
        Binding("p", "plan", "Plan", id="overview_plan"),
    ]

    def __init__(self, account_id: str) -> None:
        super().__init__()
        self.account_id = account_id
        self.ov: overview_service.Overview | None = None
        self._dept_names: dict[str, str] = {}
        self._per_dept: dict[str, int] = {}
        self._flagged: set[str] = set()
        self._resumes = 0
        self._under_modal = False

    # -- building ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield KamHeader()
        yield Static("", id="ov-title")
        with Horizontal(id="ov-layers"):
            for layer in ("org", "key", "ext"):
                yield Static("", id=f"ov-{layer}", classes="layer-card")
        with TabbedContent(id="ov-tabs", initial="tab-next"):
            for name in TEXTS:
                with TabPane("", id=f"tab-{name}"):
                    with VerticalScroll(classes="ov-scroll"):
                        yield Static("", id=f"ov-{name}")
            for name in EDITABLE:
                with TabPane("", id=f"tab-{name}"):
                    yield WindowTable(cells=self._cell_function(name), row_class=self._row_class,
                                      id=f"ov-{name}")
        yield KamFooter()

    def on_mount(self) -> None:
        self.kam.selected_account_id = self.account_id
        self.reload()
        if self.ov is not None and self.is_attached:  # (an account gone elsewhere pops the screen)
            self.focus_section(self.section)

    def on_screen_suspend(self) -> None:
        self._under_modal = isinstance(self.app.screen, ModalScreen)

    def on_screen_resume(self) -> None:
        self.kam.selected_account_id = self.account_id
        self._resumes += 1
        if self._resumes > 1 and self.ov is not None and not self._under_modal:
            self.reload()  # a screen opened from here (2 / 3 / 4) may have changed the account
        self._under_modal = False  # (a dialog's own callback reloads what it saved)

    def table(self, name: str) -> WindowTable:
        return self.query_one(f"#ov-{name}", WindowTable)

    @property
    def section(self) -> str:
        active = self.query_one("#ov-tabs", TabbedContent).active
        return active.removeprefix("tab-") if active else "next"

    # -- data ----------------------------------------------------------------------------
    def refresh_data(self) -> None:
        """Another process changed the workspace: re-read; each section keeps its cursor row."""
        if self.ov is not None:
            self.reload()

    def reload(self, keep: str | None = None) -> None:
        try:
            self.ov = overview_service.overview(self.kam.ctx, self.account_id)
        except NotFoundError:
            self.notify(self.tr("overview.gone"), severity="error")
            self.app.pop_screen()
            return
        self.relabel(keep)

    def relabel(self, keep: str | None = None) -> None:
        ov = self.ov
        if ov is None:
            return
        lang = self.lang
        a = ov.plan.account
        title: list[Any] = [(safe(a.name), "bold"), f" · {a.tier.label(lang)}"]  # type: ignore[arg-type]
        if ov.owner_name:
            title.append(" · " + self.tr("overview.owner", name=safe(ov.owner_name)))
        if a.industry:
            title.append(" · " + safe(a.industry))
        if a.archived:
            title.append(" · " + self.tr("overview.archived"))
        self.query_one("#ov-title", Static).update(Content.assemble(*title))
        cards = {"org": (Layer.organization, texts.org_card), "key": (Layer.key, texts.key_card),
                 "ext": (Layer.extensive, texts.extensive_card)}
        for name, (layer, build) in cards.items():
            card = self.query_one(f"#ov-{name}", Static)
            card.border_title = layer.label(lang)  # type: ignore[arg-type]
            # what the card's figures are measured on (docs/figures.md)
            card.border_subtitle = fmt.assessed_note(lang, ov.rated_on[layer]) if layer in ov.rated_on else ""  # type: ignore[arg-type]
            card.update(build(ov, lang))  # type: ignore[arg-type]
        self.query_one("#ov-key").set_class(bool(ov.red_flag_people), "-alert")
        self.query_one("#ov-next", Static).update(next_step_text(ov, lang))  # type: ignore[arg-type]
        self.query_one("#ov-pitfalls", Static).update(texts.pitfalls_text(ov, lang))  # type: ignore[arg-type]
        self.query_one("#ov-activities", Static).update(texts.activities_text(ov, lang))  # type: ignore[arg-type]
        rows = {"competitors": ov.plan.competitors, "people": ov.plan.active_people(),
                "departments": ov.plan.active_departments()}
        counts = {"pitfalls": len(ov.open_pitfalls), "activities": len(ov.overdue) + len(ov.next_activities) + len(ov.undated),
                  **{k: len(v) for k, v in rows.items()}}
        tabs = self.query_one("#ov-tabs", TabbedContent)
        for name in SECTIONS:
            tabs.get_tab(f"tab-{name}").label = Content(self.tr(f"overview.tab.{name}", n=counts.get(name, 0)))
        self._dept_names = ov.department_names
        self._per_dept = ov.people_per_department()
        self._flagged = {p.id for p, _ in ov.red_flag_people}
        for name in EDITABLE:
            table = self.table(name)
            table.empty_text = self.tr(f"overview.none.{name}")
            table.set_columns([Column(k, t(f"overview.col.{k}", lang), w, prio, align, flex)  # type: ignore[arg-type]
                               for k, w, prio, align, flex in _TABLE_COLUMNS[name]])
            table.set_rows(rows[name], keep if name == self.section else None)
        self.refresh_bindings()

    def _row_class(self, row: Any) -> str | None:
        return "alert" if isinstance(row, Person) and row.id in self._flagged else None

    def _cell_function(self, name: str) -> Callable[[Any, str], str]:
        return getattr(self, f"_{name}_cell")

    def _competitors_cell(self, c: Competitor, key: str) -> str:
        if key == "position":
            return c.position.label(self.lang)  # type: ignore[arg-type]
        if key == "notes":
            return c.notes.splitlines()[0] if c.notes else ""
        return c.name

    def _people_cell(self, p: Person, key: str) -> str:
        lang = self.lang
        if key == "symbol":
            return p.attitude.symbol
        if key == "attitude":
            return p.attitude.label(lang)  # type: ignore[arg-type]
        if key == "department":
            return self._dept_names.get(p.department_id or "", "")
        if key == "role":
            return p.role.label(lang) if p.role else ""  # type: ignore[arg-type]
        if key == "influence":
            return str(p.influence)
        if key == "flags":
            return ("◆" if p.hidden_decision_maker else "") + ("★" if p.rising_star else "") + \
                   ("C" if p.executive else "")
        if key == "owner":
            return (self.ov.members.get(p.owner_id or "", "") if self.ov else "")
        return str(getattr(p, key))

    def _departments_cell(self, d: Department, key: str) -> str:
        if key == "importance":
            return str(d.importance)
        if key == "people":
            return str(self._per_dept.get(d.id, 0))
        if key == "parent":
            return self._dept_names.get(d.parent_id or "", "")
        return str(getattr(d, key))

    # -- availability ---------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "assess":
            return "assessment" in self.kam.account_screens  # absent while its module fails
        if action == "plan":  # on the next step, where the suggestions are
            return self.is_mounted and self.section == "next" and "activities" in self.kam.account_screens
        if not self.is_mounted or self.ov is None:
            return True
        read_only = self.kam.ctx.read_only
        if action == "new":
            if self.section not in EDITABLE:
                return None
            return None if read_only else True
        if action == "edit":
            if self.section not in EDITABLE or self.table(self.section).current is None:
                return None
            return None if read_only else True
        if action == "edit_account":
            return None if read_only else True
        return True

    # -- actions --------------------------------------------------------------------------
    def action_back(self) -> None:
        self.app.pop_screen()

    def action_changes(self) -> None:
        """The selected person's, department's or competitor's changes; else the account's."""
        record = self.table(self.section).current if self.section in EDITABLE else None
        if record is not None:
            open_changes(self, _ENTITY[self.section], record.id, record.name)
        elif self.ov is not None:
            open_changes(self, None, self.account_id, self.ov.plan.account.name)

    def action_history(self) -> None:
        from kamtui.ui.screens.assessment_history import AssessmentHistoryScreen

        self.app.push_screen(AssessmentHistoryScreen(self.account_id))

    def action_plan(self) -> None:
        if self.check_action("plan", ()) is not True:
            return
        try:
            screen = self.kam.account_screens.open("activities", self.account_id)
        except ImportError:  # the planner's module failed to load: the app says so, the key goes
            self.kam._screens_failed()
            self.refresh_bindings()
            return
        if hasattr(screen, "open_on_suggestions"):
            screen.open_on_suggestions()
        self.app.push_screen(screen)

    def action_assess(self) -> None:
        if "assessment" not in self.kam.account_screens:
            return
        try:
            screen = self.kam.account_screens.open("assessment", self.account_id)
        except ImportError:  # the wizard's module failed to load: the app says so, the key goes
            self.kam._screens_failed()
            self.refresh_bindings()
            return
        self.app.push_screen(screen)

    def action_section(self, step: int) -> None:
        index = (SECTIONS.index(self.section) + step) % len(SECTIONS)
        self.show_section(SECTIONS[index])

    def show_section(self, name: str) -> None:
        self.query_one("#ov-tabs", TabbedContent).active = f"tab-{name}"
        self.focus_section(name)
        self.refresh_bindings()

    def focus_section(self, name: str) -> None:
        """The section's content takes the keys: a table its cursor, a text ↓ / j / page down
        (with the tab headers focused they scrolled nothing)."""
        if name in EDITABLE:
            self.table(name).focus()
        else:
            self.query_one(f"#tab-{name} .ov-scroll").focus()

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()

    @on(WindowTable.Selected)
    def _row_chosen(self) -> None:
        self.action_edit()

    @on(WindowTable.Highlighted)
    def _row_moved(self) -> None:
        self.refresh_bindings()

    def _saved(self, record: Any) -> None:
        if record is not None:
            self.reload(keep=getattr(record, "id", None))
            self.notify(self.tr("msg.saved"))

    def _form(self, section: str, record: Any = None):
        ov = self.ov
        assert ov is not None
        if section == "competitors":
            return competitor_form(self.kam, self.account_id, record)
        if section == "people":
            return person_form(self.kam, self.account_id, ov.plan.active_departments(),
                               ov.plan.competitors, record)
        return department_form(self.kam, self.account_id, ov.plan.active_departments(), record)

    def action_new(self, section: str | None = None) -> None:
        section = section or self.section
        if section not in EDITABLE or self.kam.ctx.read_only:
            return
        if section != self.section:
            self.show_section(section)
        self.app.push_screen(self._form(section), self._saved)

    def action_edit(self) -> None:
        if self.check_action("edit", ()) is not True:
            return
        record = self.table(self.section).current
        self.app.push_screen(self._form(self.section, record), self._saved)

    def action_edit_account(self) -> None:
        if self.kam.ctx.read_only:
            return
        try:
            account = accounts.get(self.kam.ctx, self.account_id)
        except KamtuiError as exc:
            self.notify(plain(exc.message(self.lang)), severity="error")
            return
        self.app.push_screen(account_form(self.kam, account), self._saved)

    # -- palette ---------------------------------------------------------------------------
    def commands(self) -> list[tuple[str, str, Callable[[], None]]]:
        out: list[tuple[str, str, Callable[[], None]]] = []
        if not self.kam.ctx.read_only:
            out.append((self.tr("cmd.overview_account"), self.tr("help.overview_account"),
                        self.action_edit_account))
            for name in EDITABLE:
                out.append((self.tr(f"cmd.overview.{name}"), self.tr("help.overview_new"),
                            lambda name=name: self.action_new(name)))
            if self.check_action("edit", ()) is True:
                out.append((self.tr("cmd.overview_edit"), self.tr("help.overview_edit"), self.action_edit))
        if "activities" in self.kam.account_screens:
            out.append((self.tr("cmd.overview_plan"), self.tr("help.overview_plan"),
                        lambda: (self.show_section("next"), self.action_plan())))
        out.append((self.tr("cmd.overview_changes"), self.tr("help.overview_changes"), self.action_changes))
        out.append((self.tr("cmd.overview_next"), self.tr("help.overview_next"),
                    lambda: self.action_section(1)))
        out.append((self.tr("cmd.overview_prev"), self.tr("help.overview_prev"),
                    lambda: self.action_section(-1)))
        out.append((self.tr("cmd.overview_back"), self.tr("help.back"), self.action_back))
        return out
