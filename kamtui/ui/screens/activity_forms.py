"""The planner's new / edit activity dialog (its small forms are in planner_dialogs).

The activity form picks the type by typing in either language; the type fills scope, layer
and needs level; the target picker follows the scope (people for point, a department or
business line for line, the whole account otherwise); the short board of the chosen layer is
suggested until the user writes their own. Opened from a suggested activity, the form is
filled in from it (`Prefill`: type, targets, objective, short board, needs level, a date)
through the widgets' own values, so every field shows what it holds and stays editable.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import (
    Button, Checkbox, Input, Label, OptionList, Select, SelectionList, Static, TextArea,
)

from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import Layer, NeedsLevel, Scope
from kamtui.domain.models import Activity
from kamtui.errors import InputError, KamtuiError, Problem
from kamtui.messages import Message
from kamtui.services import activities, pinyin
from kamtui.services.activities import Planner
from kamtui.ui.i18n import t
from kamtui.ui.screens import activity_form_text  # noqa: F401 - registers the form's words
from kamtui.ui.screens.activity_form_pickers import ActivityPickers
from kamtui.ui.text import plain, safe, safe_line
from kamtui.ui.widgets.suggested_input import SuggestedInput, SuggestedTextArea
from kamtui.ui.widgets.suggestion_text import Prefill

_TARGET_FIELDS = {"target_person_ids", "target_department_id", "target_business_line"}


def _l(lang: str, en: str, zh: str) -> str:
    return zh if lang == "zh" else en


def saved_message(a: Activity, lang: str) -> str:
    return t("activity_form.saved", lang, what=a.type.label(lang))  # type: ignore[arg-type]


class ActivityFormDialog(ActivityPickers):
    """Dismisses with the saved activity, or None when cancelled."""

    CSS_PATH = "planner.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", priority=True),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(self, planner: Planner, activity: Activity | None, prefill: Prefill | None = None):
        super().__init__()
        self.planner = planner
        self.activity = activity
        self.prefill = prefill if activity is None else None
        self.kind: ActivityType | None = activity.type if activity else None
        self.chosen: list[str] = list(activity.target_person_ids) if activity else []
        self._suggested = ""  # the short-board text we put in; replaced while untouched
        self._board_layer: Layer | None = None  # the layer that text was put in for
        self._board = ""  # the chosen layer's current short board
        self._initial: dict[str, Any] = {}

    # -- building ------------------------------------------------------------------
    def _row(self, name: str, label: str, *widgets) -> Vertical:
        """One field as the shared forms lay it out: label left, input right, error below."""
        field = widgets[0] if len(widgets) == 1 else Vertical(*widgets, classes="form-stack")
        return Vertical(Horizontal(Label(Content(label), classes="form-label", id=f"label-{name}"), field,
                                   classes="form-line"),
                        Static("", classes="form-error", id=f"error-{name}"), classes="form-row", id=f"row-{name}")

    def compose(self) -> ComposeResult:
        a, p, lang = self.activity, self.planner, self.lang
        scope = a.scope if a else Scope.point
        members = [(plain(m.name), m.id) for m in p.members if not m.archived or (a and m.id == a.owner_id)]
        owner = a.owner_id if a else (p.me.id if p.me else None)
        lines = [(plain(d.name + (f" · {d.business_line}" if d.business_line else "")), f"dept:{d.id}")
                 for d in p.departments if not d.archived or (a and d.id == a.target_department_id)]
        for bl in sorted({d.business_line for d in p.departments if d.business_line}):
            lines.append((Content(self.tr("activity_form.line_option", line=bl)), f"line:{bl}"))
        line_value = (f"dept:{a.target_department_id}" if a and a.target_department_id
                      else f"line:{a.target_business_line}" if a and a.target_business_line else Select.NULL)
        needs = [(Content(f"{n.rank} {n.label(lang)}"), n.rank) for n in NeedsLevel]  # type: ignore[arg-type]
        none = self.tr("form.none")
        with Vertical(id="form-box", classes="activity-form"):
            yield Static(Content(self.tr("activity_form.edit" if a else "activity_form.new")), id="form-title")
            with VerticalScroll(id="activity-fields", can_focus=False):  # tab goes to the fields, which scroll into view
                yield self._row("type", self.tr("activity_form.type"),
                                Input(self.kind.label(lang) if self.kind else "", id="type-search", compact=True),  # type: ignore[arg-type]
                                OptionList(id="type-list", compact=True), Static("", id="type-chosen"))
                yield self._row("scope", self.tr("activity_form.scope"), Select(
                    [(Content(s.label(lang)), s) for s in Scope], value=scope, allow_blank=False,  # type: ignore[arg-type]
                    id="field-scope", compact=True))
                yield self._row("layer", self.tr("activity_form.layer"), Select(
                    [(Content(x.label(lang)), x) for x in Layer], value=a.layer if a else Layer.key,  # type: ignore[arg-type]
                    allow_blank=False, id="field-layer", compact=True))
                yield self._row("targets", "",
                                Vertical(Input("", id="people-search", compact=True,
                                               placeholder=self.tr("activity_form.search_people")),
                                         SelectionList[str](id="people-list", compact=True),
                                         Static("", id="people-chosen"), id="targets-people"),
                                Select(lines, value=line_value if any(v == line_value for _, v in lines) else Select.NULL,
                                       prompt=none, id="field-line", compact=True),
                                Static(Content(self.tr("activity_form.whole", account=p.account.name)), id="targets-whole"))
                yield self._row("objective", self.tr("activity_form.objective"),
                                SuggestedTextArea(safe(a.objective) if a else "", id="field-objective", soft_wrap=True,
                                         tab_behavior="focus", compact=True))
                yield self._row("short_board", self.tr("activity_form.short_board"),
                                SuggestedInput(safe_line(a.short_board) if a else "", id="field-short_board", compact=True),
                                Static("", id="board-hint"))
                yield self._row("needs_level", self.tr("activity_form.needs"), Select(
                    needs, value=a.needs_level if a and a.needs_level else Select.NULL, prompt=none,
                    id="field-needs_level", compact=True))
                # no placeholder that looks like a date: an empty field says it is empty
                yield self._row("planned_on", self.tr("activity_form.date"), Input(
                    a.planned_on.isoformat() if a and a.planned_on else "", placeholder=self.tr("activity_form.no_date"),
                    id="field-planned_on", compact=True), Static("", id="date-hint"))
                yield self._row("owner_id", self.tr("activity_form.owner"), Select(
                    members, value=owner if any(v == owner for _, v in members) else Select.NULL,
                    prompt=none, id="field-owner_id", compact=True))
                yield self._row("cost", self.tr("activity_form.cost"),
                                Input(f"{a.cost:g}" if a and a.cost else "", placeholder="0", id="field-cost", compact=True))
                yield self._row("currency", self.tr("activity_form.currency"),
                                Input(safe_line(a.currency if a else p.policy.currency), id="field-currency", compact=True))
                yield self._row("compliance_reviewed", "", Checkbox(
                    Content(self.tr("activity_form.reviewed")), bool(a and a.compliance_reviewed),
                    id="field-compliance_reviewed", compact=True))
            yield Static("", id="form-message")
            with Horizontal(id="form-buttons"):
                yield Button(Content(self.tr("form.save") + " ^s"), id="form-save", variant="primary", compact=True)
                yield Button(Content(self.tr("form.cancel") + " esc"), id="form-cancel", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self._fill_types(self.query_one("#type-search", Input).value if self.kind is None else "")
        self._fill_people("")
        self._show_kind()
        self._show_targets(self.query_one("#field-scope", Select).value)  # type: ignore[arg-type]
        self._suggest_board()
        self._show_date_hint()
        if self.prefill is not None:
            self._fill_from(self.prefill)
        self._initial = self._values()
        self.query_one("#type-search", Input).focus()
        self._pinyin_keys()

    @work(thread=True, exclusive=True, group="pinyin")
    def _pinyin_keys(self) -> None:
        # once per name, before the typing needs them (pypinyin's first use takes ≈0.5 s)
        for name in [p.name for p in self.planner.people.values()] + [k.label("zh") for k in ActivityType]:
            pinyin.key(name)

    def _fill_from(self, f: Prefill) -> None:
        """The prefill put into the widgets as if typed: the type (which sets scope, layer and
        needs level), then what the suggestion says beyond it."""
        self.query_one("#type-search", Input).value = f.type.label(self.lang)  # type: ignore[arg-type]
        self.choose_type(f.type)
        self.query_one("#field-scope", Select).value = f.scope
        self.query_one("#field-layer", Select).value = f.layer
        self._show_targets(f.scope)
        if f.person_ids:
            self.chosen = [p for p in f.person_ids if p in self.planner.people]
            self._fill_people("")
        if f.department_id and any(d.id == f.department_id and not d.archived for d in self.planner.departments):
            self.query_one("#field-line", Select).value = f"dept:{f.department_id}"
        if f.needs_level:
            self.query_one("#field-needs_level", Select).value = f.needs_level
        goal = self.query_one("#field-objective", SuggestedTextArea)
        goal.suggested = goal.text = f.objective
        board = self.query_one("#field-short_board", SuggestedInput)
        board.suggested = board.value = safe_line(f.short_board)  # typing replaces it whole
        board.cursor_position = 0  # its start in sight, not its tail
        self._suggested = board.value  # a layer chosen later may replace it, as any suggested board
        self._board_layer = f.layer  # the layer select's own Changed event (it comes later) keeps it
        if f.planned_on:
            self.query_one("#field-planned_on", Input).value = f.planned_on.isoformat()
        self._mark_suggested()
        self._show_date_hint()

    # -- short board ---------------------------------------------------------------
    @on(Select.Changed, "#field-layer")
    def _layer_changed(self, event: Select.Changed) -> None:
        # Changed events arrive after the code that set the value has run: one from the
        # select's first value or from the type's layer can come after a suggestion set the
        # layer and its board; only the select's value now counts.
        now = event.select.value
        if isinstance(now, Layer) and event.value == now and now != self._board_layer:
            self._suggest_board(now)

    def _suggest_board(self, layer: Layer | None = None) -> None:
        if layer is None:
            value = self.query_one("#field-layer", Select).value
            layer = value if isinstance(value, Layer) else None
        text = self.planner.board_text(layer, self.lang) if layer else ""
        self._board_layer = layer
        self._board = text
        box = self.query_one("#field-short_board", SuggestedInput)
        if box.value in ("", self._suggested) and not (self.activity and box.value == self.activity.short_board and box.value):
            box.suggested = safe_line(text)
            box.value = box.suggested
            box.cursor_position = 0  # its start in sight ("Risk & Compliance: …"), not its tail
            self._suggested = text
        self._mark_suggested()

    @on(Input.Changed, "#field-short_board")
    def _board_typed(self, event: Input.Changed) -> None:
        self._mark_suggested()

    def _mark_suggested(self) -> None:
        """An untouched suggestion looks like one (muted, italic) and the hint says typing replaces it."""
        box = self.query_one("#field-short_board", SuggestedInput)
        box.set_class(box.untouched, "-suggested")
        key = ("activity_form.short_board.suggested" if box.untouched else
               "activity_form.short_board.hint" if self._board else "activity_form.short_board.none")
        self.query_one("#board-hint", Static).update(Content(self.tr(key, board=self._board)))

    # -- date ----------------------------------------------------------------------
    @on(Input.Changed, "#field-planned_on")
    def _date_typed(self, event: Input.Changed) -> None:
        self._show_date_hint()

    def _show_date_hint(self) -> None:
        empty = not self.query_one("#field-planned_on", Input).value.strip()
        hint = self.query_one("#date-hint", Static)
        hint.update(Content(self.tr("activity_form.date.none")) if empty else "")
        hint.display = empty

    # -- values --------------------------------------------------------------------
    def _values(self) -> dict[str, Any]:
        q = self.query_one
        return {
            "type": self.kind, "scope": q("#field-scope", Select).value, "layer": q("#field-layer", Select).value,
            "people": list(self.chosen), "line": q("#field-line", Select).value,
            "objective": q("#field-objective", TextArea).text, "short_board": q("#field-short_board", Input).value,
            "needs_level": q("#field-needs_level", Select).value, "planned_on": q("#field-planned_on", Input).value,
            "owner_id": q("#field-owner_id", Select).value, "cost": q("#field-cost", Input).value,
            "currency": q("#field-currency", Input).value, "reviewed": q("#field-compliance_reviewed", Checkbox).value,
        }

    @property
    def dirty(self) -> bool:
        return self._values() != self._initial

    def data(self) -> dict[str, Any]:
        """The form as service input; raises InputError for what it can tell."""
        v, problems = self._values(), []
        null = Select.NULL
        if self.kind is None:
            problems.append(("type", Message("activity.pick_type_listed")))
        out: dict[str, Any] = {
            "account_id": self.planner.account.id, "type": self.kind, "scope": v["scope"], "layer": v["layer"],
            "objective": v["objective"], "short_board": v["short_board"].strip(),
            "needs_level": None if v["needs_level"] is null else v["needs_level"],
            "owner_id": None if v["owner_id"] is null else v["owner_id"],
            "currency": v["currency"].strip().upper(), "compliance_reviewed": v["reviewed"],
            "target_person_ids": [], "target_department_id": None, "target_business_line": "",
        }
        if v["scope"] == Scope.point:
            out["target_person_ids"] = list(v["people"])
            if not v["people"]:
                problems.append(("targets", Message("activity.choose_people")))
        elif v["scope"] == Scope.line:
            line = v["line"]
            if line is null:
                problems.append(("targets", Message("activity.choose_line")))
            elif str(line).startswith("dept:"):
                dept_id = str(line)[5:]
                out["target_department_id"] = dept_id
                out["target_business_line"] = next((d.business_line for d in self.planner.departments if d.id == dept_id), "")
            else:
                out["target_business_line"] = str(line)[5:]
        try:
            out["planned_on"] = dt.date.fromisoformat(v["planned_on"].strip()) if v["planned_on"].strip() else None
        except ValueError:
            problems.append(("planned_on", Message("value.not_date")))
        try:
            out["cost"] = round(float(v["cost"].replace(",", "").strip()), 2) if v["cost"].strip() else 0.0
        except ValueError:
            problems.append(("cost", Message("value.not_amount")))
        if problems:
            raise InputError(problems=problems)
        return out

    def show_problems(self, problems: list[Problem]) -> None:
        for row in self.query(".form-row"):
            row.remove_class("-invalid")
        for err in self.query(".form-error"):
            err.update("")  # type: ignore[attr-defined]
        general, first = [], None
        for path, problem in problems:
            message = problem.text(self.lang)
            name = path.split(".")[0].split("[")[0]
            name = "targets" if name in _TARGET_FIELDS else name
            rows = self.query(f"#row-{name}")
            if rows:
                rows.first().add_class("-invalid")
                self.query_one(f"#error-{name}", Static).update(plain(message))
                first = first or rows.first()
            general.append(message if rows else f"{path}: {message}")
        self.query_one("#form-message", Static).update(plain(("；" if self.lang == "zh" else "; ").join(general)))
        if first is not None:
            self.query_one("#activity-fields", VerticalScroll).scroll_to_widget(first, animate=False)

    # -- actions -------------------------------------------------------------------
    def action_save(self) -> None:
        ctx = self.kam.ctx
        try:
            data = self.data()
            if self.activity is None:
                saved = activities.create(ctx, data)
            else:
                saved = activities.edit(ctx, self.activity, data)
        except InputError as exc:
            self.show_problems(exc.problems or [("(record)", Message(exc.code, **exc.params))])
            return
        except KamtuiError as exc:
            self.query_one("#form-message", Static).update(plain(exc.message(self.lang)))
            self.notify(plain(exc.message(self.lang)), severity="error")
            return
        self.dismiss(saved)

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        self.focus_next()
