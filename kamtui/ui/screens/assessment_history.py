"""An account's assessments in date order, a trend per layer, and what moved between two dates.

space marks a date (two marks are compared), enter compares the row with the one before it,
`a` starts a new assessment of the account.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from kamtui import formatting as fmt
from kamtui.errors import KamtuiError
from kamtui.services import assessments
from kamtui.services.assessments import History, RatingMove
from kamtui.ui import i18n
from kamtui.ui.screens.assessment_steps.base import ARROW, Lines, value_text
from kamtui.ui.screens.assessment_steps.grid import Column, CellGrid
from kamtui.ui.screens.base import KamScreen, translate_bindings
from kamtui.ui.text import plain
from kamtui.ui.widgets.footer import KamFooter
from kamtui.ui.widgets.header import KamHeader

i18n.register({
    "history.title": ("Assessment history · {account}", "评估历史 · {account}"),
    "history.col.mark": ("", ""),
    "history.col.date": ("Date", "日期"),
    "history.col.by": ("Recorded by", "记录人"),
    "history.col.level": ("Org level", "组织级别"),
    "history.col.key": ("Key", "关键"),
    "history.col.coverage": ("Cover", "覆盖"),
    "history.col.extensive": ("Ext", "普遍"),
    "history.col.board": ("Short board", "短木板"),
    "history.col.what": ("What moved", "变化项"),
    "history.col.before": ("Before", "之前"),
    "history.col.after": ("After", "之后"),
    "history.col.dir": ("", ""),
    "history.trend": ("{layer}: {bars}  {first} → {last}", "{layer}：{bars}  {first} → {last}"),
    "history.diff": ("What moved from {a} to {b} ({n})", "{a} 至 {b} 的变化（{n} 项）"),
    "history.diff.none": ("Nothing moved from {a} to {b}.", "{a} 至 {b} 没有变化。"),
    "history.diff.pick": ("Mark two dates with space (or enter: against the one before).",
                          "用空格标记两个日期（或按 enter：与前一次对比）。"),
    "history.empty": ("No assessment yet: press a to assess the account.", "尚无评估：按 a 评估该客户。"),
    "history.layer.organization": ("Organization", "组织"),
    "history.layer.key": ("Key", "关键"),
    "history.layer.extensive": ("Extensive", "普遍"),
    "key.history_mark": ("Mark", "标记"),
    "help.history_mark": ("Mark or unmark the date; two marked dates are compared", "标记/取消日期；比较两个已标记的日期"),
    "key.history_prev": ("Compare", "对比"),
    "help.history_prev": ("Compare the date with the assessment before it", "与前一次评估对比"),
    "key.history_new": ("Assess", "评估"),
    "help.history_new": ("Start a new assessment of this account", "开始对该客户的新评估"),
    "key.history_back": ("Back", "返回"),
    "help.history_back": ("Go back", "返回"),
    "cmd.history_new": ("account: new assessment", "客户：新建评估"),
})

BARS = "▁▂▃▄▅▆▇█"


def bars(values: list[float | None], low: float, high: float) -> str:
    """One block per snapshot, its height the value within [low, high]; · when not rated."""
    out = []
    for v in values:
        if v is None:
            out.append("·")
        else:
            share = (min(max(v, low), high) - low) / (high - low)
            out.append(BARS[round(share * (len(BARS) - 1))])
    return "".join(out)


class HistoryGrid(CellGrid):
    row_cursor = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "mark", "Mark", key_display="space", id="history_mark"),
        Binding("enter", "previous", "Compare", key_display="enter", id="history_prev"),
    ]

    def __init__(self, screen: "AssessmentHistoryScreen") -> None:
        super().__init__([Column("mark", 2, editable=False), Column("date", 10), Column("by", 0, editable=False),
                          Column("level", 0, editable=False), Column("key", 4, "right", editable=False),
                          Column("coverage", 5, "right", editable=False),
                          Column("extensive", 4, "right", editable=False), Column("board", 0, editable=False)],
                         id="history-grid")
        self.owner = screen

    @property
    def row_count(self) -> int:
        return len(self.owner.history.entries) if self.owner.history else 0

    def header_text(self, col: int) -> str:
        return self.owner.tr(f"history.col.{self.columns[col].key}")

    def cell(self, row: int, col: int) -> tuple[str, str | None]:
        e = self.owner.history.entries[row]  # type: ignore[union-attr]
        f, lang = e.figures, self.owner.lang
        key = self.columns[col].key
        if key == "mark":
            marks = self.owner.marks
            return ("AB"[marks.index(e.assessment.id)] if e.assessment.id in marks else ""), "grid--mark"
        return {
            "date": (e.assessment.assessed_on.isoformat(), None),
            "by": (e.recorded_by, "grid--muted"),
            "level": (fmt.level(f.org_level, lang), None),  # type: ignore[arg-type]
            "key": (fmt.index(f.key_index), None),
            "coverage": (fmt.percent(f.coverage), None),
            "extensive": (fmt.index(f.extensive_index), None),
            "board": (value_text(f.short_board, lang), None),
        }[key]

    def action_mark(self) -> None:
        self.owner.mark(self.cursor_row)

    def action_previous(self) -> None:
        self.owner.compare_previous(self.cursor_row)


class DiffGrid(CellGrid):
    row_cursor = True

    def __init__(self, screen: "AssessmentHistoryScreen") -> None:
        super().__init__([Column("what", 0, editable=False), Column("before", 14, editable=False),
                          Column("dir", 2, editable=False), Column("after", 14, editable=False),
                          Column("by", 0, editable=False)], id="diff-grid")
        self.owner = screen
        self.moves: list[RatingMove] = []

    @property
    def row_count(self) -> int:
        return len(self.moves)

    def header_text(self, col: int) -> str:
        return self.owner.tr(f"history.col.{self.columns[col].key}")

    def cell(self, row: int, col: int) -> tuple[str, str | None]:
        m, lang = self.moves[row], self.owner.lang
        key = self.columns[col].key
        if key == "what":
            if m.kind == "org":
                return m.dimension.label(lang), None  # type: ignore[union-attr]
            if m.kind == "attitude":
                return m.person, None
            return f"{m.department} · {m.indicator.label(lang)}", None  # type: ignore[union-attr]
        if key == "dir":
            tone = {1: "grid--good", -1: "grid--bad"}.get(m.direction, "grid--warn")  # type: ignore[arg-type]
            return ARROW[m.direction], tone
        if key == "by":
            return m.by, "grid--muted"
        return value_text(m.before if key == "before" else m.after, lang), None


class AssessmentHistoryScreen(KamScreen):
    CSS_PATH = "assessment.tcss"
    BINDINGS = [
        Binding("a", "new_assessment", "Assess", id="history_new"),
        Binding("2", "new_assessment", show=False),
        Binding("escape", "back", "Back", key_display="esc", id="history_back"),
    ]

    def __init__(self, account_id: str) -> None:
        super().__init__()
        self.account_id = account_id
        self.history: History | None = None
        self.account_name = ""
        self.marks: list[str] = []  # up to two assessment ids, oldest mark first

    def compose(self) -> ComposeResult:
        yield KamHeader()
        yield Static("", id="history-title")
        yield Static("", id="history-empty")
        yield HistoryGrid(self)
        yield Lines(id="history-trends")
        yield Static("", id="history-diff-title")
        yield DiffGrid(self)
        yield KamFooter()

    def on_mount(self) -> None:
        super().on_mount()  # translates the keys, fills the header
        self.load()
        self.query_one(HistoryGrid).focus()

    def on_screen_resume(self) -> None:
        if self.history is not None:
            self.load()  # back from a new assessment: show it

    def load(self) -> None:
        from kamtui.services import accounts

        try:
            self.account_name = accounts.get(self.kam.ctx, self.account_id).name
            self.history = assessments.history(self.kam.ctx, self.account_id)
        except KamtuiError as exc:
            self.notify(plain(exc.message(self.lang)), severity="error")
            self.history = History([], {}, {})
        ids = [e.assessment.id for e in self.history.entries]
        self.marks = [m for m in self.marks if m in ids] or ids[-2:]
        grid = self.query_one(HistoryGrid)
        grid.refresh_rows()
        if ids:
            grid.cursor_row = len(ids) - 1
        self.relabel()

    def relabel(self) -> None:
        self.query_one("#history-title", Static).update(Content(self.tr("history.title", account=self.account_name)))
        empty = self.query_one("#history-empty", Static)
        empty.update(Content(self.tr("history.empty")))
        empty.display = not (self.history and self.history.entries)
        for grid in self.query(CellGrid):
            translate_bindings(grid, self.lang)
            grid.refresh()
        self._trends()
        self._diff()

    def _trends(self) -> None:
        entries = self.history.entries if self.history else []
        if not entries:
            self.query_one("#history-trends", Lines).set_lines([])
            return
        figs = [e.figures for e in entries]
        lines = []
        for layer, values, low, high, shown in (
            ("organization", [f.org_level.rank if f.org_level else None for f in figs], 1, 4,
             [fmt.level(f.org_level, self.lang) for f in figs]),  # type: ignore[arg-type]
            ("key", [f.key_index for f in figs], -100, 100, [fmt.index(f.key_index) for f in figs]),
            ("extensive", [f.extensive_index for f in figs], 0, 100, [fmt.index(f.extensive_index) for f in figs]),
        ):
            lines.append((self.tr("history.trend", layer=self.tr(f"history.layer.{layer}"),
                                  bars=bars(values, low, high), first=shown[0], last=shown[-1]), None))
        self.query_one("#history-trends", Lines).set_lines(lines)

    def _diff(self) -> None:
        title = self.query_one("#history-diff-title", Static)
        grid = self.query_one(DiffGrid)
        if self.history is None or len(self.marks) < 2:
            grid.moves = []
            title.update(Content(self.tr("history.diff.pick") if self.history and self.history.entries else ""))
        else:
            a, b = (self.history.entry(m).assessment for m in self.marks)
            if (a.assessed_on, a.id) > (b.assessed_on, b.id):
                a, b = b, a
            grid.moves = self.history.diff(a.id, b.id)
            key = "history.diff" if grid.moves else "history.diff.none"
            title.update(Content(self.tr(key, a=a.assessed_on.isoformat(), b=b.assessed_on.isoformat(),
                                         n=len(grid.moves))))
        grid.cursor_row = 0
        grid.refresh_rows()

    # -- actions -------------------------------------------------------------------------
    def mark(self, row: int) -> None:
        if self.history is None or not self.history.entries:
            return
        aid = self.history.entries[row].assessment.id
        if aid in self.marks:
            self.marks.remove(aid)
        else:
            self.marks = (self.marks + [aid])[-2:]
        self.query_one(HistoryGrid).refresh()
        self._diff()

    def compare_previous(self, row: int) -> None:
        if self.history is None or row < 1:
            return
        self.marks = [self.history.entries[row - 1].assessment.id, self.history.entries[row].assessment.id]
        self.query_one(HistoryGrid).refresh()
        self._diff()

    def action_new_assessment(self) -> None:
        from kamtui.ui.screens.assessment import AssessmentScreen

        self.app.push_screen(AssessmentScreen(self.account_id))

    def action_back(self) -> None:
        self.app.pop_screen()

    def commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        if self.kam.selected_account_id == self.account_id:
            return []  # the app's own "account: new assessment" already opens it
        return [(self.tr("cmd.history_new"), self.tr("help.history_new"), self.action_new_assessment)]
