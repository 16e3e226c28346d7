"""Activity tables: the list (Line API), the month timeline grouped by scope, cell helpers.

`ActivityList` paints only the rows on screen and asks for their cells then, so opening a
list of any length costs what shows. `MonthTimeline` is a DataTable (two-line month header)
fed a window at a time (`WINDOW` rows, more as the cursor nears the end). Cell texts are cut
to their column in terminal cells (CJK counts 2) with an ellipsis. State that must stand out
(overdue, approval needed, group headings) is styled through component classes the .tcss
defines; the symbols and words carry the meaning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from kamtui.domain.enums import ActivityStatus, Scope
from kamtui.domain.models import Activity
from kamtui.formatting import DASH
from kamtui.ui.text import safe_line
from kamtui.ui.widgets.window_table import Column as ListColumn
from kamtui.ui.widgets.window_table import WindowTable, fit

WINDOW = 80  # rows handed to the table at once: a few screens' worth
STATUS_SYMBOL = {ActivityStatus.planned: "○", ActivityStatus.in_progress: "◐",
                 ActivityStatus.done: "●", ActivityStatus.cancelled: "✕"}
OVERDUE_MARK = "!"
UNDATED_MARK = "?"  # open with no date: never overdue, so it is flagged instead
APPROVAL_MARK = "$"
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def status_text(status: ActivityStatus, lang: str) -> str:
    return f"{STATUS_SYMBOL[status]} {status.label(lang)}"  # type: ignore[arg-type]


def cut(value: object, width: int, style: Style | str = "") -> Text:
    """User data as a literal Text of at most `width` cells, ending in … when cut."""
    text = Text(safe_line(value), style=style, no_wrap=True, overflow="ellipsis")
    if cell_len(text.plain) > width:
        text.truncate(width, overflow="ellipsis")
    return text


def month_label(year: int, month: int, lang: str) -> str:
    return f"{month}月" if lang == "zh" else _MONTHS_EN[month - 1]


def add_months(day: dt.date, n: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass
class TableRow:
    key: str
    cells: list[Text]
    kind: str = "item"  # item | group


@dataclass
class Column:
    key: str
    label: Text | str
    width: int


@dataclass
class TableModel:
    columns: list[Column]
    rows: list[TableRow] = field(default_factory=list)


class WindowedTable(DataTable):
    """A row-cursor DataTable fed in windows; row keys are the ids of what they show."""

    COMPONENT_CLASSES = DataTable.COMPONENT_CLASSES | {
        "activity-table--overdue", "activity-table--attention", "activity-table--group",
        "activity-table--muted", "activity-table--today",
    }
    # DataTable's home/end scroll sideways; here, as G/g (kamtui.ui.habits), they move the cursor.
    BINDINGS = [Binding("home", "first", show=False), Binding("end", "last", show=False)]

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", False)
        super().__init__(**kwargs)
        self._model = TableModel([])
        self._shown = 0
        self._extending = False

    def role_style(self, role: str) -> Style | str:
        """The rich style of a component class (colours live in the .tcss, never here)."""
        if not role:
            return ""
        return self.get_component_rich_style(f"activity-table--{role}", partial=True)

    def show(self, model: TableModel, select: str | None = None) -> None:
        """Replace columns and rows; keep the cursor on `select` (a row key) when it is there."""
        self._model = TableModel([])
        self._shown = 0
        self.clear(columns=True)
        self._model = model
        for col in model.columns:
            self.add_column(col.label, width=col.width, key=col.key)
        self._shown = 0
        target = self.index_of(select) if select else None
        self._extend((target or 0) + WINDOW)
        if target is not None:
            self.move_cursor(row=target, animate=False)
        elif self._model.rows:
            first = next((i for i, r in enumerate(self._model.rows) if r.kind == "item"), 0)
            self.move_cursor(row=first, animate=False)

    def _extend(self, upto: int) -> None:
        if self._extending:
            return  # add_row re-sets the cursor, which would call us again
        self._extending = True
        try:
            upto = min(upto, len(self._model.rows))
            while self._shown < upto:
                r = self._model.rows[self._shown]
                self._shown += 1
                self.add_row(*r.cells, key=r.key)
        finally:
            self._extending = False

    def action_first(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_last(self) -> None:
        self._extend(len(self._model.rows))  # the rows not fed yet come first
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)

    def index_of(self, key: str | None) -> int | None:
        return next((i for i, r in enumerate(self._model.rows) if r.key == key), None)

    @property
    def total_rows(self) -> int:
        return len(self._model.rows)

    @property
    def current_key(self) -> str | None:
        if not self._model.rows or self.cursor_row >= self._shown:
            return None
        return self._model.rows[self.cursor_row].key

    @property
    def current_kind(self) -> str | None:
        if not self._model.rows or self.cursor_row >= self._shown:
            return None
        return self._model.rows[self.cursor_row].kind

    def on_resize(self) -> None:
        # Panels around the table grow and shrink with their texts: keep the cursor row in view.
        if self.row_count:
            self.call_after_refresh(lambda: self.move_cursor(row=self.cursor_row, scroll=True))

    def watch_cursor_coordinate(self, old, new) -> None:  # type: ignore[override]
        super().watch_cursor_coordinate(old, new)
        if new.row >= self._shown - 30 and self._shown < len(self._model.rows):
            self._extend(self._shown + WINDOW)


def group_row(key: str, label: str, width: int, columns: int, at: int, style: Style | str) -> TableRow:
    cells = [Text("") for _ in range(columns)]
    cells[at] = cut(label, width, style)
    return TableRow(key, cells, kind="group")


@dataclass(frozen=True)
class TimelineItem:
    activity: Activity
    label: str  # "Type · targets" as shown
    overdue: bool
    attention: bool  # approval needed


class MonthTimeline(WindowedTable):
    """Activities on a month grid: one row each, grouped by scope; the cell of its month shows
    the status symbol (or ! when overdue) and the day."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("header_height", 2)
        super().__init__(**kwargs)

    @staticmethod
    def month_count(width: int) -> int:
        return max(3, min(12, (width - 32) // 6))

    def build(self, groups: Sequence[tuple[Scope, str, Sequence[TimelineItem]]], start: dt.date,
              months: int, today: dt.date, lang: str, width: int) -> TableModel:
        label_w = max(16, width - 5 - months * 6 - 4)
        cols = [Column("flag", "", 2), Column("label", "", label_w)]
        this_month = dt.date(today.year, today.month, 1)
        for i in range(months):
            m = add_months(start, i)
            top = str(m.year) if (i == 0 or m.month == 1) else ("▾" if m == this_month else "")
            head = Text(f"{top}\n{month_label(m.year, m.month, lang)}", no_wrap=True)
            if m == this_month:
                head.stylize(self.role_style("today"))
            cols.append(Column(f"m{i}", head, 4))
        model = TableModel(cols)
        end = add_months(start, months)
        for scope, heading, items in groups:
            model.rows.append(group_row(f"group:{scope.value}", heading, label_w, len(cols), 1,
                                        self.role_style("group")))
            for it in items:
                model.rows.append(self._row(it, start, end, months, label_w))
        return model

    def _row(self, it: TimelineItem, start: dt.date, end: dt.date, months: int, label_w: int) -> TableRow:
        a = it.activity
        role = "overdue" if it.overdue else ("attention" if it.attention else (
            "muted" if a.status in (ActivityStatus.done, ActivityStatus.cancelled) else ""))
        style = self.role_style(role)
        flag = ((OVERDUE_MARK if it.overdue else UNDATED_MARK if a.is_undated() else "")
                + (APPROVAL_MARK if it.attention else ""))
        cells = [Text(flag, style=style), cut(it.label, label_w, style)]
        cells += [Text("") for _ in range(months)]
        day = a.planned_on
        if day is not None:
            mark = OVERDUE_MARK if it.overdue else STATUS_SYMBOL[a.status]
            if day < start:
                cells[2] = Text(f"‹{mark}", style=style)
            elif day >= end:
                cells[-1] = Text(f"{mark}›", style=style)
            else:
                i = (day.year - start.year) * 12 + day.month - start.month
                cells[2 + i] = Text(f"{mark}{day.day:02d}", style=style)
        return TableRow(a.id, cells)


@dataclass(frozen=True)
class ListRow:
    key: str  # the activity id, or "group:<name>"
    kind: str = "item"  # item | group
    heading: str = ""  # group rows
    item: Any = None  # what an item row shows (an Activity, an agenda entry)


class ActivityList(WindowTable):
    """Activities under group headings; a heading row spans the line."""

    COMPONENT_CLASSES = WindowTable.COMPONENT_CLASSES | {
        "window-table--overdue", "window-table--attention", "window-table--group",
    }
    INDENT = 3  # headings start under the first column after the mark column

    def row_texts(self, row: ListRow) -> list[str]:  # type: ignore[override]
        if row.kind == "group":
            return [fit(" " * self.INDENT + safe_line(row.heading), self._width())]
        return super().row_texts(row)

    def index_of(self, key: str | None) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.key == key), None)

    def measured_rows(self) -> list[ListRow]:
        return [r for r in super().measured_rows() if r.kind == "item"]

    def copy_text(self) -> str | None:
        row = self.current
        if row is not None and row.kind == "group":
            return safe_line(row.heading)
        return super().copy_text()

    @property
    def current_kind(self) -> str | None:
        row = self.current
        return row.kind if row is not None else None

    def show(self, rows: list[ListRow], select: str | None = None) -> None:
        """The rows, the cursor on `select` (else where it was, else the first item)."""
        keep = select if select is not None and any(r.key == select for r in rows) else self.current_key
        if keep is None or not any(r.key == keep and r.kind == "item" for r in rows):
            keep = next((r.key for r in rows if r.kind == "item"), None)
        self.set_rows(rows, keep=keep)

    def item_keys(self) -> list[str]:
        return [r.key for r in self.rows if r.kind == "item"]


def money(amount: float, currency: str) -> str:
    return f"{amount:,.2f} {currency}" if amount else DASH


class ActivityRows:
    """How one planner's activities read, in one language: groups by scope, targets, marks,
    the list's columns and cells (asked only for the rows that show), the timeline's items.

    `tr(key, **values)` is the screen's translator; the keys are the planner's.
    """

    def __init__(self, planner: Any, lang: str, tr: Callable[..., str]):
        self.p, self.lang, self.tr = planner, lang, tr

    def groups(self, flt: Any) -> list[tuple[Scope, str, list[Activity]]]:
        acts = self.p.visible(flt)
        out = []
        for scope in Scope:
            mine = [a for a in acts if a.scope == scope]
            if mine:
                out.append((scope, self.tr("planner.group", scope=scope.label(self.lang), n=len(mine)), mine))
        return out

    def targets(self, a: Activity) -> str:
        if a.target_person_ids:
            return ", ".join(self.p.target_names(a))
        if a.target_department_id or a.target_business_line:
            return self.p.department_name(a.target_department_id) or a.target_business_line
        return self.tr("planner.whole_account")

    def flags(self, a: Activity) -> tuple[bool, bool]:
        """(overdue, approval needed)"""
        return a.is_overdue(self.p.today), (not a.archived and self.p.needs_approval(a))

    def list_rows(self, groups: list[tuple[Scope, str, list[Activity]]]) -> list[ListRow]:
        rows = []
        for scope, heading, acts in groups:
            rows.append(ListRow(f"group:{scope.value}", "group", heading))
            rows += [ListRow(a.id, item=a) for a in acts]
        return rows

    def columns(self, width: int) -> list[ListColumn]:
        wide = width >= 110
        status_w = max(cell_len(status_text(s, self.lang)) for s in ActivityStatus)
        fixed = {"flag": 2, "date": 10, "status": status_w, "owner": 14 if wide else 8}
        if wide:
            fixed.update(cost=14, notes=17)
        rest = max(20, width - sum(fixed.values()) - (len(fixed) + 1))
        type_w = rest * 11 // 20
        spec = [("flag", ""), ("type", "planner.col.type"), ("targets", "planner.col.targets"),
                ("date", "planner.col.date"), ("status", "planner.col.status"), ("owner", "planner.col.owner")]
        if wide:
            spec += [("cost", "planner.col.cost"), ("notes", "planner.col.notes")]
        widths = {**fixed, "type": type_w, "targets": rest - type_w}
        return [ListColumn(k, self.tr(lbl) if lbl else "", widths[k], align="right" if k == "cost" else "left",
                           flex=k == "targets") for k, lbl in spec]

    def row_class(self, row: ListRow) -> str | None:
        if row.kind == "group":
            return "group"
        a = row.item
        overdue, attention = self.flags(a)
        if overdue:
            return "overdue"
        if attention or a.is_undated():
            return "attention"
        return "muted" if not a.status.is_open or a.archived else None

    def cell(self, row: ListRow, key: str) -> str:
        a, lang = row.item, self.lang
        if key in ("flag", "notes"):
            overdue, attention = self.flags(a)
            undated = a.is_undated()
            if key == "flag":
                return (OVERDUE_MARK if overdue else UNDATED_MARK if undated else "") + (APPROVAL_MARK if attention else "")
            return " ".join(w for w, on in ((f"{OVERDUE_MARK} {self.tr('planner.overdue')}", overdue),
                                            (f"{UNDATED_MARK} {self.tr('planner.no_date')}", undated),
                                            (f"{APPROVAL_MARK} {self.tr('planner.approval_needed')}", attention)) if on)
        if key == "type":
            return a.type.label(lang)
        if key == "targets":
            return self.targets(a)
        if key == "date":
            return a.planned_on.isoformat() if a.planned_on else self.tr("planner.no_date")
        if key == "status":
            return status_text(a.status, lang)
        if key == "owner":
            return self.p.member_name(a.owner_id) or DASH
        return money(a.cost, a.currency)

    def timeline_groups(self, groups: list[tuple[Scope, str, list[Activity]]]) -> list:
        return [(scope, heading, [TimelineItem(a, f"{a.type.label(self.lang)} · {self.targets(a)}", *self.flags(a))
                                  for a in acts]) for scope, heading, acts in groups]
