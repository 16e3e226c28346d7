"""Step 3: departments × the four indicators, typed 1–5 cell by cell; importance 1–3."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from kamtui import formatting as fmt
from kamtui.domain.enums import Indicator
from kamtui.domain.guides import SCALE5
from kamtui.ui.screens.assessment_steps.base import LiveLine, Step
from kamtui.ui.screens.assessment_steps.grid import Column, CellGrid
from kamtui.ui.screens.assessment_steps.strings import tr
from kamtui.ui.text import plain

INDICATORS = list(Indicator)
FIRST_INDICATOR = 2
COLUMNS = [
    Column("department", 0, editable=False), Column("importance", 4, "right"),
    *[Column(ind.value, 8, "center") for ind in INDICATORS],
    Column("score", 5, "right", editable=False),
]


class DepartmentGrid(CellGrid):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "rate(1)", "Rate", key_display="1–5", id="assess_rate"),
        Binding("2", "rate(2)", show=False),
        Binding("3", "rate(3)", show=False),
        Binding("4", "rate(4)", show=False),
        Binding("5", "rate(5)", show=False),
        Binding("backspace,delete,0", "clear", "Clear", key_display="⌫", id="assess_clear"),
    ]

    def __init__(self, step: "DepartmentsStep") -> None:
        super().__init__(COLUMNS, id="dept-grid")
        self.step = step
        self.session = step.session
        self.set_reactive(CellGrid.cursor_col, FIRST_INDICATOR)
        self._rows = step.session.department_rows()

    @property
    def lang(self) -> str:
        return self.app.lang  # type: ignore[attr-defined]

    @property
    def row_count(self) -> int:
        return len(self.session.data.departments)

    def reload(self) -> None:
        self._rows = self.session.department_rows()
        self.refresh_rows()

    def header_text(self, col: int) -> str:
        key = COLUMNS[col].key
        if FIRST_INDICATOR <= col < FIRST_INDICATOR + len(INDICATORS):
            return tr(f"assess.ind.{key}", self.lang)
        return tr(f"assess.col.{key}", self.lang)

    def indicator(self, col: int | None = None) -> Indicator | None:
        col = self.cursor_col if col is None else col
        if FIRST_INDICATOR <= col < FIRST_INDICATOR + len(INDICATORS):
            return INDICATORS[col - FIRST_INDICATOR]
        return None

    def cell(self, row: int, col: int) -> tuple[str, str | None]:
        e = self.session.data.departments[row]
        if col == 0:
            dept, depth = self._rows[row]
            return "  " * depth + dept.name, None
        if col == 1:
            return str(e.importance), None
        ind = self.indicator(col)
        if ind is not None:
            value = e.ratings.get(ind)
            if value is None:
                return "·", "grid--muted"
            board = self.session.figures().short_board
            if board and board.department_id == e.department_id and board.indicator == ind:
                return f"{value} ◀", "grid--bad"
            return str(value), "grid--warn" if value <= 2 else None
        score = self.session.figures().department_scores.get(e.department_id)
        return (fmt.DASH if score is None else f"{score:.1f}"), None

    def action_rate(self, value: int) -> None:
        if not self.row_count:
            return
        ind = self.indicator()
        if self.cursor_col == 1:
            if value > 3:
                self.app.bell()
                return
            self.session.set_importance(self.cursor_row, value)
        elif ind is not None:
            self.session.rate_department(self.cursor_row, ind, value)
        else:
            return
        self.refresh()
        self.step.edited()
        self._advance()

    def _advance(self) -> None:
        last = FIRST_INDICATOR + len(INDICATORS) - 1
        if self.cursor_col < last:
            self.cursor_col += 1
        elif self.cursor_row < self.row_count - 1:
            self.cursor_row += 1
            self.cursor_col = FIRST_INDICATOR

    def action_clear(self) -> None:
        ind = self.indicator()
        if ind is not None and self.row_count:
            self.session.rate_department(self.cursor_row, ind, None)
            self.refresh()
            self.step.edited()


class DepartmentsStep(Step):
    index = 2

    def compose(self) -> ComposeResult:
        yield Static("", id="depts-empty", classes="step-heading")
        yield DepartmentGrid(self)
        yield Static("", id="dept-detail", classes="detail")
        yield LiveLine("", id="dept-live", classes="live")

    def on_mount(self) -> None:
        self.relabel()

    @property
    def grid(self) -> DepartmentGrid:
        return self.query_one(DepartmentGrid)

    def reload(self) -> None:
        self.grid.reload()
        self.relabel()

    def relabel(self) -> None:
        empty = self.query_one("#depts-empty", Static)
        empty.update(Content(self.tr("assess.depts.empty")))
        empty.display = not self.session.data.departments
        self.grid.refresh()
        self._detail()
        self.refresh_live()

    def first_field(self) -> Widget:
        return self.grid

    def guide_subject(self) -> Indicator | None:
        return self.grid.indicator() if self.screen.focused is self.grid else None

    def refresh_live(self) -> None:
        f = self.session.figures()
        self.query_one("#dept-live", LiveLine).show(
            self.tr("assess.live.ext", index=fmt.index(f.extensive_index), board=self.board_text(f)))

    @on(CellGrid.CursorMoved, "#dept-grid")
    def _detail(self) -> None:
        detail = self.query_one("#dept-detail", Static)
        grid = self.grid
        if not self.session.data.departments:
            detail.update(Content(""))
            return
        dept, _ = grid._rows[grid.cursor_row]
        ind = grid.indicator()
        if ind is None:
            detail.update(plain(dept.name))
            return
        value = self.session.data.departments[grid.cursor_row].ratings.get(ind)
        text = self.tr("assess.depts.cell", dept=dept.name, indicator=ind.label(self.lang))
        if value is not None:
            en, zh = SCALE5[value]
            text += f" = {value}: {zh if self.lang == 'zh' else en}"
        detail.update(plain(text))
