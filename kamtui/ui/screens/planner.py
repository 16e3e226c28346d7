"""The activity planner of one account (key 4): list ⇄ month timeline, monitoring, suggestions.

Everything shown comes from `kamtui.services.activity_planner.Planner`; each key calls one service
verb and reloads. Overdue rows carry "!" and the `overdue` style, approval-needed ones "$".
The suggested activities (one why-line each, aimed at the next step's gaps) take the focus
with `s`; `enter` opens the activity form filled in from the highlighted one, whose detail
shows below meanwhile. Marking an activity done asks for its outcome and offers a quick
re-rating of what it addressed (completion_dialog).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from kamtui.domain.enums import OrgLevel
from kamtui.formatting import DASH, index
from kamtui.services import activities
from kamtui.services.activities import ActivityFilter, ActivityRow, Planner
from kamtui.ui.screens import planner_dialogs as dialogs
from kamtui.ui.screens.base import KamScreen
from kamtui.ui.screens.planner_actions import PlannerActions
from kamtui.ui.screens.planner_detail import PlannerDetail
from kamtui.ui.screens.planner_search import PlannerSearch
from kamtui.ui.screens.planner_suggestions import SuggestionsMixin
from kamtui.ui.screens.planner_text import layer_name
from kamtui.ui.widgets.header import KamHeader
from kamtui.ui.widgets.planner_footer import PlannerFooter
from kamtui.ui.widgets.quiet_scrollbars import QuietScrollbars
from kamtui.ui.widgets.suggestion_list import SuggestionList
from kamtui.ui.widgets.timeline import (
    OVERDUE_MARK, UNDATED_MARK, ActivityList, ActivityRows, MonthTimeline, add_months,
)

class PlannerList(QuietScrollbars, ActivityList):
    """The planner's list: its scrollbar is not repainted a frame after the planner's first."""


_WRITES = ("new", "edit", "advance", "cancel", "approve", "archive", "restore", "plan_suggestion")
_CONTEXT_ACTIONS = ("edit", "archive", "advance", "cancel", "approve", "restore", "shift", "suggestions")
_ACTIONS = ("view", "filter", "search", "new", "edit", "advance", "cancel", "approve", "archive", "restore", "export",
            "suggestions", "changes")


class PlannerScreen(PlannerSearch, SuggestionsMixin, PlannerDetail, PlannerActions, KamScreen):
    CSS_PATH = "planner.tcss"
    AUTO_FOCUS = "#planner-list"  # the suggestions above it take the focus with s
    WRITE_ACTIONS = frozenset(_WRITES)
    # The footer shows what fits at 80 columns; ? and the palette list every key.
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("v", "view", "View", id="planner_view"),
        Binding("f", "filter", "Filter", id="planner_filter"),
        Binding("slash", "search", "Search", key_display="/", show=False, id="planner_search"),
        Binding("n", "new", "New", id="planner_new"),
        Binding("e", "edit", "Edit", id="planner_edit"),
        Binding("space", "advance", "Advance", id="planner_advance"),
        Binding("c", "cancel", "Cancel", show=False, id="planner_cancel"),
        Binding("a", "approve", "Approval", show=False, id="planner_approve"),
        Binding("d", "archive", "Archive", show=False, id="planner_archive"),
        Binding("r", "restore", "Restore", show=False, id="planner_restore"),
        Binding("i", "export", "Export", show=False, id="planner_export"),
        Binding("s", "suggestions", "Suggestions", show=False, id="planner_suggestions"),
        Binding("H", "changes", "Changes", key_display="H", show=False, id="planner_changes"),
        Binding("left_square_bracket", "shift(-1)", "Earlier", show=False, key_display="[", id="planner_earlier"),
        Binding("right_square_bracket", "shift(1)", "Later", show=False, key_display="]", id="planner_later"),
    ]

    def __init__(self, account_id: str, select: str | None = None, suggestions: bool = False):
        super().__init__()
        self._suggestions_first = suggestions  # opened from the overview's next step
        self.account_id = account_id
        self.planner: Planner | None = None
        self.flt = ActivityFilter()
        self.view = "list"
        self.month_shift = 0
        self._select = select
        self._key_state: tuple = ()
        self.rows: ActivityRows | None = None
        self._drawn_width = 0  # the width the table was last drawn for
        self._detail_text: str | None = None  # what #planner-detail shows (a row's detail)

    # -- building ------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield KamHeader()
        with Vertical(id="planner-top"):
            yield Static("", id="planner-title")
            yield Static("", id="planner-monitor")
            yield SuggestionList(id="planner-suggest")
        with Vertical(id="planner-body"):
            # the list paints only the rows that show; the timeline is mounted when first shown
            yield PlannerList(cells=lambda row, key: self.rows.cell(row, key),
                               row_class=lambda row: self.rows.row_class(row), row_key=lambda r: r.key,
                               id="planner-list")
        yield Static("", id="planner-detail")
        yield PlannerFooter()

    def open_on_suggestions(self) -> None:
        """Take the focus on the suggested activities once shown (the overview's `p`)."""
        self._suggestions_first = True

    def on_mount(self) -> None:
        super().on_mount()
        self.reload(self._select)  # the list takes the focus itself (the screen's AUTO_FOCUS)
        if self._suggestions_first:
            self.call_after_refresh(self.action_suggestions)

    @property
    def table(self) -> ActivityList | MonthTimeline:
        if self.view == "list":
            return self.query_one("#planner-list", ActivityList)
        return self.query_one("#planner-timeline", MonthTimeline)

    def refresh_data(self) -> None:
        """Another process changed the workspace: re-read; view, filter and cursor are kept."""
        if self.planner is not None:
            self.reload(self.current_id)

    def reload(self, select: str | None = None) -> None:
        self.planner = activities.load(self.kam.ctx, self.account_id)
        self.render_all(select)

    def relabel(self) -> None:
        self.render_all(self.current_id)

    def on_resize(self) -> None:
        # The first layout usually confirms the width the table was drawn for at mount.
        if self.planner is not None and self._table_width() != self._drawn_width:
            self.render_table(self.current_id)

    def _table_width(self) -> int:
        if self.view == "list":
            return max(40, (self.query_one("#planner-list", ActivityList).size.width or self.size.width or 80) - 1)
        return max(40, (self.query_one(MonthTimeline).size.width or self.size.width or 80) - 2)

    def render_all(self, select: str | None = None) -> None:
        self.query_one(KamHeader).show(*self.kam.header_facts())
        self.render_top()
        self.render_table(select)
        self.render_detail()
        self.refresh_keys()

    # -- top: title, monitoring, suggestions ---------------------------------------
    def render_top(self) -> None:
        p, lang = self.planner, self.lang
        assert p is not None
        title = self.tr("planner.title" if self.view == "list" else "planner.title.timeline", account=p.account.name)
        if self.flt.active:
            title += self.tr("planner.filtered", what=dialogs.describe_filter(self.flt, p, lang))
        self.query_one("#planner-title", Static).update(Content(title))
        lines, monitors = [], p.monitor()
        for m in monitors:
            current = m.current.label(lang) if isinstance(m.current, OrgLevel) else index(m.current)
            target = DASH
            if m.target is not None:
                target = m.target.level.label(lang) if m.target.level else index(m.target.index)
            due = self.tr("planner.due", date=m.target.due.isoformat()) if m.target and m.target.due else ""
            met = m.target is not None and m.current is not None and (
                m.current.rank >= m.target.level.rank if isinstance(m.current, OrgLevel) and m.target.level
                else not isinstance(m.current, OrgLevel) and m.target.index is not None and m.current >= m.target.index)
            lines.append(self.tr("planner.monitor.met" if met else "planner.monitor", layer=layer_name(m.layer, lang), current=current,
                                 target=target, due=due, planned=m.planned, progress=m.in_progress,
                                 done=m.done, overdue=m.overdue, mark=OVERDUE_MARK if m.overdue else ""))
        soon = p.agenda(30)
        items = " · ".join(f"{a.planned_on:%m-%d} {a.type.label(lang)}" for a in soon) or self.tr("planner.nothing")
        undated = sum(m.undated for m in monitors)
        lines.append((self.tr("planner.undated", mark=UNDATED_MARK, n=undated) if undated else "")
                     + self.tr("planner.next30", items=items))
        monitor = self.query_one("#planner-monitor", Static)
        monitor.update(Content("\n".join(lines)))
        monitor.set_class(any(m.overdue for m in monitors), "-overdue")
        self.render_suggestions()

    # -- the table -----------------------------------------------------------------
    def render_table(self, select: str | None = None) -> None:
        assert self.planner is not None
        self.rows = ActivityRows(self.planner, self.lang, self.tr)
        groups = self.rows.groups(self.flt)
        width = self._drawn_width = self._table_width()
        if self.view == "list":
            table = self.query_one("#planner-list", ActivityList)
            table.empty_text = self.tr("planner.empty.filter" if self.flt.active else "planner.empty")
            table.set_columns(self.rows.columns(width))
            table.show(self.rows.list_rows(groups), select)
        else:
            timeline = self.query_one(MonthTimeline)
            start = add_months(self.planner.today.replace(day=1), -2 + self.month_shift)
            timeline.show(timeline.build(self.rows.timeline_groups(groups), start, MonthTimeline.month_count(width),
                                         self.planner.today, self.lang, width), select)

    # -- detail --------------------------------------------------------------------
    @property
    def current_id(self) -> str | None:
        try:
            key = self.table.current_key
        except Exception:
            return None
        return key if key and not key.startswith("group:") else None

    @property
    def current(self) -> ActivityRow | None:
        key = self.current_id
        return self.planner.activity(key) if key and self.planner else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.render_detail()
        self.refresh_keys()

    def on_window_table_highlighted(self, event: ActivityList.Highlighted) -> None:
        self.render_detail()
        self.refresh_keys()

    def refresh_keys(self) -> None:
        """Tell the footer only when a key's availability changed: each telling rebuilds it."""
        state = tuple(self.check_action(name, ()) for name in _CONTEXT_ACTIONS)
        if state != self._key_state:
            first = not self._key_state
            self._key_state = state
            if not first:  # the screen's own start-up refreshes the footer anyway
                self.refresh_bindings()

    # -- availability --------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """None (shown, greyed) when the selected row does not allow it: ? still lists every key."""
        if action in _WRITES and self.kam.ctx.read_only:
            return None
        a = self.current
        ok = {
            "edit": lambda: a is not None and not a.archived,
            "archive": lambda: a is not None and not a.archived,
            "advance": lambda: a is not None and activities.next_status(a) is not None,
            "cancel": lambda: a is not None and not a.archived and a.status.is_open,
            "approve": lambda: (a is not None and not a.archived and self.planner is not None
                                and self.planner.check(a).regulated),
            "restore": lambda: a is not None and a.archived,
            "changes": lambda: a is not None,
            "shift": lambda: self.view == "timeline",
            "suggestions": lambda: self.planner is not None and bool(self.planner.suggestions()),
        }.get(action)
        if ok is None:
            return True
        return True if ok() else None

    def commands(self) -> list[tuple[str, str, object]]:
        return [(self.tr(f"planner.cmd.{name}"), self.tr(f"help.planner_{name}"), getattr(self, f"action_{name}"))
                for name in _ACTIONS]

    # -- actions -------------------------------------------------------------------
    def action_back(self) -> None:
        if self.query_one(SuggestionList).has_focus:
            self.table.focus()
        elif self.flt.active:
            self.flt = ActivityFilter()
            self.render_all(self.current_id)
        else:
            self.dismiss()

    async def action_view(self) -> None:
        keep = self.current_id
        self.view = "timeline" if self.view == "list" else "list"
        if self.view == "timeline" and not self.query("#planner-timeline"):
            await self.query_one("#planner-body").mount(MonthTimeline(id="planner-timeline"))
        self.query_one("#planner-list").display = self.view == "list"
        self.query_one("#planner-timeline").display = self.view == "timeline"
        self.render_all(keep)
        self.table.focus()

    def action_shift(self, months: int) -> None:
        self.month_shift += months
        self.render_table(self.current_id)
