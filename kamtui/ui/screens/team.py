"""The team view (issue 16): per owner (or tier, or level) and for the whole team, over a
period, the figures services.team computed, with pictures and their numbers as text.

`enter` on a group lists its accounts with the same figures (TeamAccountsScreen); `enter`
on an account opens it. `b` groups by owner → tier → level; `p` picks the period.
"""

from __future__ import annotations

import datetime as dt
import weakref
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.worker import get_current_worker
from textual.binding import Binding
from textual.content import Content
from textual.containers import Horizontal
from rich.cells import cell_len
from textual import on
from textual.widgets import Static

from kamtui import safe_text
from kamtui.domain.enums import OrgLevel, Tier
from kamtui.domain.team import AccountFigures, Period
from kamtui.domain.team_groups import GroupFigures
from kamtui.services import team, team_report, workspaces
from kamtui.services.team import BY, TeamReport
from kamtui.ui import i18n
from kamtui.ui.screens.team_text import SHORT_HEADINGS as _SHORT  # (importing it registers the words)
from kamtui.ui.screens.base import KamScreen
from kamtui.ui.widgets.footer import KamFooter
from kamtui.ui.widgets.header import KamHeader
from kamtui.ui.widgets.team_charts import ExecutionChart, HistoryChart, LevelsChart
from kamtui.ui.widgets.window_table import Column, WindowTable


_HEADINGS = team_report.HEADINGS
# Which columns give way first when the width is short (WindowTable: 0 never does): the
# counts the text under the charts also gives and the levels the chart draws go first, the
# moves, execution and the share on time last.
_GIVES_WAY = {"accounts": 0, "share": 0, "ups": 1, "downs": 1, "planned": 1, "on_time": 1, "late": 1, "overdue": 1,
              "key": 2, "ext": 2, "coverage": 2, "approval": 3, "flags": 4, "levels": 5, "undated": 6, "cancelled": 6}



_CACHES: weakref.WeakKeyDictionary[Any, team.OverviewCache] = weakref.WeakKeyDictionary()


def forget_kept() -> None:
    """Drop every kept overview: the next open reads (the perf suite's first-open measure)."""
    _CACHES.clear()


def _cell(row: tuple[str, str, list[str]], key: str) -> str:
    return row[1] if key == "name" else row[2][_COLUMN[key]]


_COLUMN = {h: i for i, h in enumerate(_HEADINGS)}


def _pair(key: str) -> tuple[str, str]:
    return i18n.t(key, "en"), i18n.t(key, "zh")


def _levels(counts: dict[OrgLevel | None, int], lang: str) -> str:
    return ", ".join(f"{lv.label(lang)} {counts.get(lv, 0)}" for lv in OrgLevel)  # type: ignore[arg-type]


def _names(names: list[str], lang: str) -> str:
    if not names:
        return i18n.t("team.none", lang)  # type: ignore[arg-type]
    return ", ".join(safe_text.line(n) for n in names[:8]) + (" …" if len(names) > 8 else "")


class _FiguresScreen(KamScreen):
    """What the team screen and an owner's accounts share: a table of figures, charts and
    their text, the period and the grouping."""

    CSS_PATH = "team.tcss"

    def __init__(self, period: Period | None = None, by: str = "owner", tier: Tier | None = None):
        super().__init__()
        self.period = period
        self.by = by
        self.tier = tier
        self.report: TeamReport | None = None

    def compose(self) -> ComposeResult:
        yield KamHeader()
        yield Static("", id="team-title", markup=False)
        yield WindowTable(id="team-table", cells=_cell, row_key=lambda row: row[0])
        with Horizontal(id="team-charts"):
            yield from self.charts()
        yield Static("", id="team-text", markup=False)
        yield KamFooter()

    def charts(self) -> ComposeResult:
        yield from ()

    @property
    def table(self) -> WindowTable:
        return self.query_one("#team-table", WindowTable)

    def on_mount(self) -> None:
        super().on_mount()
        self.reload()
        self.table.focus()

    def refresh_data(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read off the UI thread: a large workspace's quarter takes seconds (docs/team.md);
        what the cache still holds (nothing written since, same day and choices) at once."""
        cache = self.cache()
        stamp = None
        if cache is not None:
            stamp = cache.stamp(self.kam.ctx, self.by, self.period, self.tier)  # type: ignore[arg-type]
            found = cache.get(stamp)
            if found is not None:
                self._loaded(found)
                return
        self.query_one("#team-title", Static).update(self.tr("team.loading"))
        self._load(self.by, self.period, self.tier, stamp)

    def cache(self) -> team.OverviewCache | None:
        """Where this screen keeps what it read, if it keeps it."""
        return None

    @work(thread=True, exclusive=True, group="team")
    def _load(self, by: str, period: Period | None, tier: Tier | None, stamp: tuple | None) -> None:
        # On the read-only second connection: the app's own is the UI thread's (its polls and
        # reads would wait for this worker's queries, and a write it has open must not be seen)
        ctx = self.kam.ctx.off_thread()
        with workspaces.reading(ctx.ws):
            report = self.read(ctx, by, period, tier)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._read_done, report, stamp)

    def _read_done(self, report: TeamReport, stamp: tuple | None) -> None:
        cache = self.cache()
        if cache is not None and stamp is not None:
            cache.put(stamp, report)
        self._loaded(report)

    def read(self, ctx: Any, by: str, period: Period | None, tier: Tier | None) -> TeamReport:
        """The figures this screen shows (in the worker)."""
        raise NotImplementedError

    def _loaded(self, report: TeamReport) -> None:
        self.report = report
        self.period = report.period
        self.render_all()

    def relabel(self) -> None:
        if self.report is not None:
            self.render_all()

    def tier_names(self) -> dict[Tier, str]:
        crit = team.tier_criteria(self.kam.ctx)
        return {t: team.tier_name(t, crit, self.lang) for t in Tier}

    def render_all(self) -> None:
        raise NotImplementedError

    def fill(self, first: str, rows: list[tuple[str, str, list[str]]]) -> None:
        """rows: (key, name, cells). Every cell is literal text (WindowTable): names are user
        data. The columns are as wide as their widest text; at a short width the less read
        ones give way (`_GIVES_WAY`), the name and the share on time last."""
        cols = [Column("name", first, max(min(max((cell_len(r[1]) for r in rows), default=0), 24), 10),
                       flex=True)]
        for i, h in enumerate(_HEADINGS):
            title = _SHORT[h][self.lang == "zh"] if h in _SHORT else team_report.word(h, self.lang)  # type: ignore[arg-type]
            wide = max([cell_len(title)] + [cell_len(r[2][i]) for r in rows])
            cols.append(Column(h, title, wide, _GIVES_WAY[h], align="right"))
        table = self.table
        table.set_columns(cols)
        table.set_rows(rows)

    @on(WindowTable.Selected)
    def _selected(self, event: WindowTable.Selected) -> None:
        event.stop()
        self.action_open()  # type: ignore[attr-defined]

    def current_key(self) -> str | None:
        return self.table.current_key

    def exec_text(self, g: GroupFigures) -> str:
        e = g.execution
        return self.tr("team.text.exec", planned=e.planned, on_time=e.on_time, late=e.late,
                       unrecorded=e.done_unrecorded, overdue=e.overdue, upcoming=e.upcoming,
                       cancelled=e.cancelled, undated=e.undated, share=team_report.fmt_share(e.share_on_time),
                       approval=g.awaiting_approval)

    # -- period ----------------------------------------------------------------------
    def action_period(self) -> None:
        from kamtui.ui.screens.form import FormDialog, FormField

        assert self.period is not None

        def submit(data: dict[str, Any]) -> Period:
            start, end = data["start"], data["end"]
            if isinstance(start, str):
                start, end = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
            return Period(min(start, end), max(start, end))  # any two dates, in either order

        fields = [FormField("start", _pair("team.period.from"), "date", self.period.start, required=True),
                  FormField("end", _pair("team.period.to"), "date", self.period.end, required=True)]
        self.app.push_screen(FormDialog(self.tr("team.period.title"), fields, submit), self._period_picked)

    def _period_picked(self, period: object) -> None:
        if isinstance(period, Period):
            self.period = period
            self.reload()


class TeamScreen(_FiguresScreen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("enter", "open", "Open", id="team_open"),
        Binding("b", "by", "Group by", id="team_by"),
        Binding("p", "period", "Period", id="team_period"),
        Binding("T", "tier", "Tier", key_display="T", id="team_tier"),
    ]

    def read(self, ctx: Any, by: str, period: Period | None, tier: Tier | None) -> TeamReport:
        return team.overview(ctx, by, period, tier)  # type: ignore[arg-type]  # the groups only

    def cache(self) -> team.OverviewCache:
        # One per app (a screen lives from one push to its pop): reopening the team screen
        # with nothing written since shows the figures it read last.
        found = _CACHES.get(self.app)
        if found is None:
            found = _CACHES[self.app] = team.OverviewCache()
        return found

    def charts(self) -> ComposeResult:
        yield LevelsChart(id="team-levels")
        yield ExecutionChart(id="team-execution")

    def render_all(self) -> None:
        r = self.report
        assert r is not None
        lang = self.lang
        names = self.tier_names()
        title = self.tr("team.title", start=r.period.start.isoformat(), end=r.period.end.isoformat(),
                        by=self.tr(f"team.by.{self.by}"))
        if self.tier is not None:
            title += self.tr("team.tier", tier=names[self.tier])
        self.query_one("#team-title", Static).update(title)
        rows = [(g.key, team_report.group_name(r, g.key, lang, names), team_report.table_cells(g))  # type: ignore[arg-type]
                for g in r.groups]
        rows.append(("team", team_report.group_name(r, "team", lang), team_report.table_cells(r.total)))  # type: ignore[arg-type]
        self.fill(team_report.word(f"by.{self.by}", lang), rows)  # type: ignore[arg-type]
        t = r.total
        levels = [lv.label(lang) for lv in OrgLevel]  # type: ignore[arg-type]
        self.query_one(LevelsChart).show(
            self.tr("team.chart.levels"), levels, [t.levels_start.get(lv, 0) for lv in OrgLevel],
            [t.levels_end.get(lv, 0) for lv in OrgLevel], self.tr("team.chart.start"), self.tr("team.chart.end"))
        groups = [safe_text.line(team_report.group_name(r, g.key, lang, names)) for g in r.groups]  # type: ignore[arg-type]
        self.query_one(ExecutionChart).show(
            self.tr("team.chart.execution"), groups,
            [[g.execution.on_time for g in r.groups], [g.execution.late for g in r.groups],
             [g.execution.overdue for g in r.groups]],
            [team_report.word(k, lang) for k in ("on_time", "late", "overdue")])  # type: ignore[arg-type]
        self.show_text()

    @on(WindowTable.Highlighted)
    def _highlighted(self, event: WindowTable.Highlighted) -> None:
        if self.report is not None:  # (the table's first cursor comes before the figures)
            self.show_text()

    def show_text(self) -> None:
        """Every figure of the highlighted row (the whole team's by default) as text: what
        the columns a short width drops still say, and what screen readers read."""
        r, lang = self.report, self.lang
        assert r is not None
        key = self.current_key()
        g = next((g for g in r.groups if g.key == key), r.total)
        name = team_report.group_name(r, g.key if g is not r.total else "team", lang, self.tier_names())  # type: ignore[arg-type]
        self.query_one("#team-text", Static).update(Content("\n").join([
            Content(safe_text.line(name) + ": ") + Content(self.tr(
                "team.text.figures", key_delta=team_report.fmt_delta(g.key_delta),
                ext_delta=team_report.fmt_delta(g.extensive_delta),
                opened=g.flags_opened, cleared=g.flags_cleared, coverage=team_report.fmt_share(g.coverage))),
            Content(self.tr("team.text.levels", start=_levels(g.levels_start, lang), end=_levels(g.levels_end, lang))),
            Content(self.tr("team.text.moves", ups=_names(g.ups, lang), downs=_names(g.downs, lang),
                            new=_names(g.new, lang))),
            Content(self.exec_text(g))]))

    def action_back(self) -> None:
        self.dismiss()

    def action_by(self) -> None:
        self.by = BY[(BY.index(self.by) + 1) % len(BY)]  # type: ignore[arg-type]
        self.table.cursor = 0
        self.reload()

    def action_tier(self) -> None:
        self.tier = team.next_tier(self.tier)
        self.reload()

    def action_open(self) -> None:
        key = self.current_key()
        if key is None or self.report is None:
            return
        name = team_report.group_name(self.report, key, self.lang, self.tier_names())  # type: ignore[arg-type]
        self.app.push_screen(TeamAccountsScreen(self.period, self.by, key, name, self.tier))

    def commands(self) -> list[tuple[str, str, object]]:
        return [(self.tr("cmd.team_by"), self.tr("help.team_by"), self.action_by),
                (self.tr("cmd.team_tier"), self.tr("help.team_tier"), self.action_tier),
                (self.tr("cmd.team_period"), self.tr("help.team_period"), self.action_period)]


class TeamAccountsScreen(_FiguresScreen):
    """One group's accounts (an owner's, a tier's…, or the whole team's), with the chart of
    the highlighted account's three layers over time."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("enter", "open", "Open", id="team_open"),
        Binding("p", "period", "Period", id="team_period"),
    ]

    def __init__(self, period: Period | None, by: str, group: str, group_name: str, tier: Tier | None = None):
        super().__init__(period, by, tier)
        self.group, self.group_name = group, group_name

    def read(self, ctx: Any, by: str, period: Period | None, tier: Tier | None) -> TeamReport:
        return team.report(ctx, by, period, tier)  # type: ignore[arg-type]

    def charts(self) -> ComposeResult:
        yield HistoryChart(id="team-history")

    def accounts(self) -> list[AccountFigures]:
        assert self.report is not None
        return self.report.accounts if self.group == "team" else self.report.accounts_of(self.group)

    def render_all(self) -> None:
        r = self.report
        assert r is not None
        self.query_one("#team-title", Static).update(self.tr(
            "team.accounts_title", group=safe_text.line(self.group_name), start=r.period.start.isoformat(),
            end=r.period.end.isoformat()))

        rows = [(a.id, a.name, team_report.table_cells(team.as_group(a))) for a in self.accounts()]
        self.fill(self.tr("team.col.account"), rows)
        self.show_history()

    @on(WindowTable.Highlighted)
    def _highlighted(self, event: WindowTable.Highlighted) -> None:
        if self.report is not None:  # (the table's first cursor comes before the figures)
            self.show_history()

    def show_history(self) -> None:
        key = self.current_key()
        account = next((a for a in self.accounts() if a.id == key), None)
        chart, text = self.query_one(HistoryChart), self.query_one("#team-text", Static)
        if account is None:
            chart.show("", [], [])
            text.update("")
            return
        points = team.history(self.kam.ctx, account.id)
        days = [p.on.isoformat() for p in points]
        chart.show(self.tr("team.chart.history", name=safe_text.line(account.name)), days, [
            (self.tr("team.line.key"), [p.key_index for p in points]),
            (self.tr("team.line.ext"), [p.extensive_index for p in points]),
            (self.tr("team.line.org"), [p.org_level.rank * 25 if p.org_level else None for p in points]),
        ])
        dash = team_report.fmt_delta(None)
        lines = [self.tr("team.text.history", day=p.on.isoformat(),
                         level=p.org_level.label(self.lang) if p.org_level else dash,  # type: ignore[arg-type]
                         keyi=f"{p.key_index:.0f}" if p.key_index is not None else dash,
                         ext=f"{p.extensive_index:.0f}" if p.extensive_index is not None else dash)
                 for p in points[-4:]]
        text.update("\n".join([self.exec_text(team.as_group(account))] + lines))

    def action_back(self) -> None:
        self.dismiss()

    def action_open(self) -> None:
        key = self.current_key()
        if key is None:
            return
        from kamtui.ui.screens.account_overview import AccountOverviewScreen

        self.kam.selected_account_id = key
        self.app.push_screen(AccountOverviewScreen(key))


def team_command(app) -> tuple[str, str, Any]:
    """The app-wide palette entry "team: view"."""
    return (i18n.t("cmd.team", app.lang), i18n.t("help.team", app.lang), lambda: app.push_screen(TeamScreen()))
