"""The portfolio: every account on one windowed table, filtered and sorted (the default screen)."""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.worker import get_current_worker

from kamtui.domain.portfolio import PortfolioRow
from kamtui.services import accounts, sync
from kamtui.ui import remembered
from kamtui.ui.screens.join_team import JoinTeam
from kamtui.ui.screens.portfolio_edits import AccountEdits
from kamtui.ui.screens.portfolio_filter import PortfolioFilter
from kamtui.ui.screens.portfolio_text import KEYS
from kamtui.ui.widgets.account_table import AccountTable
from kamtui.ui.widgets.footer import KamFooter
from kamtui.ui.widgets.header import KamHeader
from kamtui.ui.widgets.portfolio_status import FirstRun, PortfolioState, PortfolioStatus
from kamtui.ui.widgets.window_table import WindowTable

FIRST_PAGE = 100  # rows read at once when the rest load off the UI thread (a tall terminal's worth)

_WRITES = {"new", "edit", "delete", "restore"}


class PortfolioScreen(JoinTeam, AccountEdits, PortfolioFilter):
    HELP_NOTES = ("help.figures.portfolio",)
    CSS_PATH = "portfolio.tcss"
    WRITE_ACTIONS = frozenset(_WRITES)
    # (THREAD_ABOVE, PortfolioFilter's: above it loading runs off the UI thread too, 5,000
    # accounts taking ≈0.2 s to load)
    LOAD_ABOVE = 2 * FIRST_PAGE  # above which the first page shows while the rest load
    BINDINGS = [
        Binding("enter", "open", "Open", id="portfolio_open"),
        Binding("slash", "filter", "Filter", key_display="/", id="portfolio_filter"),
        Binding("escape", "clear", "Clear", id="portfolio_clear"),
        Binding("n", "new", "New", id="portfolio_new"),
        Binding("e", "edit", "Edit", id="portfolio_edit"),
        Binding("d", "delete", "Archive", id="portfolio_delete"),
        Binding("s", "sort", "Sort", show=False, id="portfolio_sort"),
        Binding("S", "reverse", "Reverse", key_display="S", show=False, id="portfolio_reverse"),
        Binding("A", "archived", "Archived", key_display="A", show=False, id="portfolio_archived"),
        Binding("u", "restore", "Restore", show=False, id="portfolio_restore"),
        Binding("m", "add_me", "Add me", id="portfolio_add_me"),  # only while the user is not on the team
        Binding("T", "tier", "Tier", key_display="T", show=False, id="portfolio_tier"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.all_rows: list[PortfolioRow] = []
        self.shown_rows: list[PortfolioRow] = []
        self.term = ""
        self.sort_column = "name"
        self.sort_reverse = False
        self.show_archived = False
        self._typeahead = False
        self._loaded = False
        self._resumes = 0
        self._under_modal = False
        self._availability: tuple = ()
        self._loading = 0  # accounts being loaded off the UI thread
        self._first_page = False  # the first screenful shown while the rest load
        self._stamp: tuple[int, int] | None = None  # the workspace's change stamp when read
        self._stale = False  # another process wrote while the first load was on its way
        self._names: accounts.NameIndex | None = None  # for the filter, above LOAD_ABOVE accounts
        self._names_due = False  # to be read once the filter is opened
        self._pinyin: dict[str, str] = {}  # account id → pinyin key, for Latin filter terms
        self._pinyin_of: list[PortfolioRow] | None = None  # the rows they are (being) built for

    # -- building --------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield KamHeader()
        yield PortfolioStatus("", id="portfolio-status")
        yield AccountTable(self.lang, self.kam.ctx.today, id="portfolio-table")  # type: ignore[arg-type]
        yield FirstRun("", id="portfolio-empty")
        yield KamFooter()

    @property
    def table(self) -> AccountTable:
        return self.query_one("#portfolio-table", AccountTable)

    def on_mount(self) -> None:
        self._set_texts()
        self.sort_column, self.sort_reverse = remembered.portfolio_sort(self.kam, accounts.SORT_COLUMNS)
        self.reload(keep=self.kam.selected_account_id)  # a remembered account screen may have set it
        self.table.focus()

    def on_screen_suspend(self) -> None:
        self._under_modal = isinstance(self.app.screen, ModalScreen)

    def on_screen_resume(self) -> None:
        self._resumes += 1
        if self._resumes > 1 and self._loaded and not self._under_modal and self._stamp != sync.change_stamp(self.kam.ctx):
            self.reload()  # back from another screen, which changed an account (or another user did)
        elif self._resumes > 1:
            self._sync_selection()  # another screen (the agenda) may have selected another account
        self._under_modal = False  # (a dialog's own callback reloads what it saved)

    def _set_texts(self) -> None:
        box = self._box()
        if box is not None:
            box.placeholder = self.tr("portfolio.filter_placeholder")
        self.table.set_language(self.lang, self.tr("portfolio.no_match"))  # type: ignore[arg-type]

    def relabel(self) -> None:
        self._set_texts()
        if self.term:
            self.apply_filter()  # the match reasons ("person: …") are worded per language
        self.update_status()

    # -- data --------------------------------------------------------------------------
    def refresh_data(self) -> None:
        """Another process changed the workspace: re-read; the cursor stays on its account and
        the filter (typed or not yet submitted) is kept."""
        if self._loaded:
            self.reload(keep=self.kam.selected_account_id)
        else:
            self._stale = True  # the rows on their way may predate it: read again on arrival

    def reload(self, keep: str | None = None) -> None:
        ctx = self.kam.ctx
        self._stamp = sync.change_stamp(ctx)
        self.refresh_me()
        self._names = None  # the names may have changed too: SQLite answers until they are read
        n = accounts.count(ctx, include_archived=self.show_archived)
        if n > min(self.LOAD_ABOVE, self.THREAD_ABOVE):
            self._loading = n
            self.update_status()
            if not self._loaded and not self.term and self.sort_column == "name" and not self.sort_reverse:
                # The first screenful at once (one small query), the rest off the UI thread
                # once it is painted: started sooner, that thread's Python slows the paint.
                self._show_first_page(accounts.first_page(ctx, FIRST_PAGE, self.show_archived))
                self.call_after_refresh(self._load_off_thread, self.show_archived, self.term, self.lang, keep)
                return
            self._load_off_thread(self.show_archived, self.term, self.lang, keep)
            return
        self._rows_loaded(accounts.portfolio(ctx, include_archived=self.show_archived))
        self.apply_filter(keep)

    @work(thread=True, exclusive=True, group="load")
    def _load_off_thread(self, archived: bool, term: str, lang: str, keep: str | None) -> None:
        ctx = self.kam.ctx.off_thread()
        rows = accounts.portfolio(ctx, include_archived=archived)
        matches = accounts.match_rows(ctx, rows, term, lang)  # type: ignore[arg-type]
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._loaded_off_thread, archived, rows, term, matches, keep)

    def _show_first_page(self, rows: list[PortfolioRow]) -> None:
        self.shown_rows = rows
        self.table.set_rows(rows)
        self._first_page = bool(rows)
        self._sync_selection()

    @property
    def rows_shown(self) -> bool:
        """Whether the table shows the portfolio's rows (all of them, or the first screenful
        while the rest load): the first useful frame."""
        return self._loaded or self._first_page

    def _loaded_off_thread(self, archived: bool, rows: list[PortfolioRow], term: str,
                           matches: list[tuple[PortfolioRow, str]], keep: str | None) -> None:
        if archived != self.show_archived:
            return  # A was pressed meanwhile: its own load is on the way
        keep = keep or self.table.current_key  # the cursor may have moved on the first page
        self._rows_loaded(rows)
        if term == self.term:
            self._show(matches, keep)
        else:
            self._filter_changed_to(self.term)
        if self._stale:  # another process wrote after these rows were read: the next look
            self._stale = False  # at the workspace (within a second) reads them again
            self._seen_version = None
        self._names_due = True
        self._want_names()

    def _rows_loaded(self, rows: list[PortfolioRow]) -> None:
        self.all_rows = rows
        self._loaded = True
        self._loading = 0
        self._want_pinyin()  # (their keys: the last load's serve until this one's are in)

    def apply_filter(self, keep: str | None = None) -> None:
        if self._loading and not self._loaded:
            # Only the first page is in: sorting or filtering it would show a wrong list. The
            # rows on their way are shown sorted and filtered as things stand when they arrive.
            self.table.set_sort(self.sort_column, self.sort_reverse)
            self.update_status()
            return
        matches = accounts.match_rows(self.kam.ctx, self.all_rows, self.term, self.lang,  # type: ignore[arg-type]
                                      self._names, self._pinyin)
        self._show(matches, keep)

    def _show(self, matches: list[tuple[PortfolioRow, str]], keep: str | None = None) -> None:
        from kamtui.services import tiers

        rows = tiers.of_tier(accounts.apply_matches(matches), getattr(self, "tier", None))
        if self.sort_column != "name" or self.sort_reverse:
            rows = accounts.sort_rows(rows, self.sort_column, self.sort_reverse)
        self.shown_rows = rows
        self.table.set_sort(self.sort_column, self.sort_reverse)
        self.table.set_rows(rows, keep)
        self._sync_selection()
        self.update_status()

    def update_status(self) -> None:
        self.query_one(PortfolioStatus).show(PortfolioState(
            len(self.all_rows), len(self.shown_rows), bool(self.term), self.show_archived,
            self.sort_column, self.sort_reverse, self._loading), self.lang)  # type: ignore[arg-type]
        first_run = self.query_one(FirstRun)
        no_accounts = not self.all_rows and not self.term and not self._loading
        if no_accounts:
            first_run.show(not self.show_archived and accounts.count(self.kam.ctx, include_archived=True) > 0,
                           self.lang, self._me.login if self._me else None)  # type: ignore[arg-type]
        first_run.display = no_accounts
        self.table.display = not no_accounts

    def joined(self) -> None:
        self.update_status()

    def _sync_selection(self) -> None:
        row = self.table.current
        self.kam.selected_account_id = row.id if row is not None else None
        # The footer recomposes on every refresh: only when what is available changes.
        availability = (row is None, row is not None and row.archived, bool(self.term), self.show_archived,
                        not self.all_rows, self._me is not None)
        if availability != self._availability:
            self._availability = availability
            self.refresh_bindings()

    def action_tier(self) -> None:
        """Show one tier at a time (T cycles: all → strategic → key → standard)."""
        from kamtui.services import team, tiers

        self.tier = tiers.next_tier(getattr(self, "tier", None))
        self.apply_filter(self.table.current.id if self.table.current else None)
        crit = team.tier_criteria(self.kam.ctx)
        self.notify(self.tr("portfolio.tier_shown", tier=team.tier_name(self.tier, crit, self.lang))
                    if self.tier else self.tr("portfolio.tier_all"), markup=False)

    @on(WindowTable.Highlighted, "#portfolio-table")
    def _highlighted(self) -> None:
        self._sync_selection()

    @on(WindowTable.Selected, "#portfolio-table")
    def _selected(self) -> None:
        self.action_open()

    # -- availability -------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        row = self.table.current if self.table.is_mounted else None
        if action == "clear":
            box = self._box()
            return bool(self.term) or (box is not None and box.display)
        if action in _WRITES and self.kam.ctx.read_only:
            return None
        if action == "add_me":
            # offered where a team is being started (no members, or no account yet); the
            # agenda offers it to anyone not on the team
            return self._me is not None and (self._me.team_size == 0 or not self.all_rows)
        if action in ("open", "edit", "delete") and not self.all_rows and self._loaded:
            return False  # no account at all: the footer keeps room for what to do first
        if action in ("open", "edit"):
            return row is not None or None
        if action == "delete":
            return (row is not None and not row.archived) or None
        if action == "restore":
            if not self.show_archived:
                return False
            return (row is not None and row.archived) or None
        return True

    # -- actions -------------------------------------------------------------------------
    def action_open(self) -> None:
        row = self.table.current
        if row is None:
            return
        from kamtui.ui.screens.account_overview import AccountOverviewScreen

        self.kam.selected_account_id = row.id
        self.app.push_screen(AccountOverviewScreen(row.id))

    def action_sort(self) -> None:
        cols = accounts.SORT_COLUMNS
        self.sort_column = cols[(cols.index(self.sort_column) + 1) % len(cols)]
        self.sort_reverse = False
        self.apply_filter()
        remembered.keep_portfolio_sort(self.kam, self.sort_column, self.sort_reverse)

    def action_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self.apply_filter()
        remembered.keep_portfolio_sort(self.kam, self.sort_column, self.sort_reverse)

    def action_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.reload()

    # -- palette -------------------------------------------------------------------------
    def commands(self) -> list[tuple[str, str, Callable[[], None]]]:
        out = []
        for name in KEYS:
            if self.check_action(name, ()) is True:
                out.append((self.tr(f"cmd.portfolio_{name}"), self.tr(f"help.portfolio_{name}"),
                            getattr(self, f"action_{name}")))
        return out
