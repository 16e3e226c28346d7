"""The portfolio's filter: the box `/` opens, matching as the user types, and the pinyin keys
that let a Latin term find Chinese names (`wq`, `wangqiang` → 王强).

A base of PortfolioScreen, which holds the rows (`all_rows`), the table and `apply_filter()`.
Above THREAD_ABOVE accounts a term is matched off the UI thread. The pinyin keys are built
once per load, and only when a term needs them (a Latin word, on a portfolio with Chinese
names): their first build may load pypinyin (≈0.6 s, ≈57 MiB), which no start-up should pay.
"""

from __future__ import annotations

from textual import events, on, work
from textual.widget import AwaitMount
from textual.widgets import Input
from textual.worker import get_current_worker

from kamtui.domain.portfolio import PortfolioRow
from kamtui.services import accounts, pinyin
from kamtui.ui.screens.base import KamScreen


class PortfolioFilter(KamScreen):
    # accounts: above this, filtering runs off the UI thread (5,000 accounts take ≈0.1 s to
    # search for a short term: typing must not wait)
    THREAD_ABOVE = 1000
    # set by PortfolioScreen.__init__
    all_rows: list[PortfolioRow]
    term: str
    _loaded: bool
    _loading: int  # accounts being loaded off the UI thread
    _typeahead: bool
    _typed_ahead = ""  # typed after "/" before the box was there
    _names: accounts.NameIndex | None  # for the filter, above LOAD_ABOVE accounts
    _names_due: bool  # the rows are in and their names not read yet
    _pinyin: dict[str, str]  # account id → pinyin key, for Latin filter terms
    _pinyin_of: list[PortfolioRow] | None  # the rows whose keys are built (or on their way)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#portfolio-filter", Input)

    def _box(self) -> Input | None:
        """The filter box, once mounted: at the first `/`. Hidden until then, it has no part
        in the first frame, and an Input mounted with it would cost that frame a tenth of its
        time (or, mounted just after it, the frames that follow)."""
        found = self.query("#portfolio-filter")
        return found.first(Input) if found else None

    def _mount_filter(self) -> AwaitMount | None:
        if self._box() is not None or not self.is_attached:
            return None
        box = Input(placeholder=self.tr("portfolio.filter_placeholder"), id="portfolio-filter", compact=True)
        return self.mount(box, before=self.table)

    async def action_filter(self) -> None:
        mounting = self._mount_filter()  # the first "/"
        if mounting is not None:
            await mounting
        self._want_names()
        box = self.filter_input
        box.display = True
        # at once, not via call_later: keys typed right after "/" must land in the box
        self.set_focus(box)
        if self._typed_ahead:  # keys that came while the box was being mounted
            box.insert_text_at_cursor(self._typed_ahead)
            self._typed_ahead = ""

    def on_key(self, event: events.Key) -> None:
        # Keys typed right after "/" are queued for the table before the box takes the focus;
        # they bubble up here, after the "/": they belong in the box, kept until it is there.
        # (Keys the box receives itself never get here: it stops every printable key.)
        box = self._box()
        if event.key == "slash" and (box is None or not box.has_focus):
            self._typeahead = True  # the binding still runs, mounts and focuses the box
        elif self._typeahead and event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            if box is None:
                self._typed_ahead += event.character
            else:
                box.insert_text_at_cursor(event.character)

    @on(Input.Blurred, "#portfolio-filter")
    def _filter_left(self) -> None:
        self._typeahead = False

    @on(Input.Changed, "#portfolio-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._filter_changed_to(event.value)

    def _filter_changed_to(self, term: str) -> None:
        self.term = term
        self._want_pinyin()
        if self._loading:
            return  # the rows on their way are filtered when they arrive
        if len(self.all_rows) > self.THREAD_ABOVE and self.term.strip():
            self._filter_off_thread(self.all_rows, self.term, self.lang)
        else:
            self.workers.cancel_group(self, "filter")
            self.apply_filter()

    @work(thread=True, exclusive=True, group="filter")
    def _filter_off_thread(self, rows: list[PortfolioRow], term: str, lang: str) -> None:
        # A short term on a 5,000-account workspace scans every name: typing must not wait.
        matches = accounts.match_rows(self.kam.ctx.off_thread(), rows, term, lang,  # type: ignore[arg-type]
                                      self._names, self._pinyin)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._filtered, rows, term, matches)

    def _filtered(self, rows: list[PortfolioRow], term: str, matches: list[tuple[PortfolioRow, str]]) -> None:
        # a later keystroke (or a reload) has its own answer on the way: drop this one
        if term == self.term and rows is self.all_rows:
            self._show(matches)

    @on(Input.Submitted, "#portfolio-filter")
    def _filter_done(self) -> None:
        self._typeahead = False
        if not self.term:
            self.filter_input.display = False
        self.table.focus()

    def action_clear(self) -> None:
        box = self._box()
        had = self.term
        self._typeahead = False
        self.workers.cancel_group(self, "filter")
        self.term = ""
        if box is not None:
            with box.prevent(Input.Changed):
                box.value = ""
            box.display = False
        self.table.focus()
        if had:
            self.apply_filter()

    # -- names in memory -----------------------------------------------------------------
    def _want_names(self) -> None:
        """Above LOAD_ABOVE accounts the filter tests the names of their people and departments
        in memory, not by a scan per key: read once the filter is first opened (≈0.3 s and
        10 MB at 5,000 accounts, which a start that never filters does not need). Until they
        are in, SQLite answers."""
        if self._names_due and self._box() is not None:
            self._names_due = False
            self._load_names()

    @work(thread=True, exclusive=True, group="names")
    def _load_names(self) -> None:
        names = accounts.name_index(self.kam.ctx.off_thread())
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(setattr, self, "_names", names)

    # -- pinyin keys ---------------------------------------------------------------------
    def _want_pinyin(self) -> None:
        """Build the rows' pinyin keys if the term is a Latin word and they are not built yet;
        until they are in, the term matches letters only (then it is applied again)."""
        if self._loaded and pinyin.needle(self.term) and self._pinyin_of is not self.all_rows:
            self._pinyin_of = self.all_rows
            self._load_pinyin(self.all_rows)

    @work(thread=True, exclusive=True, group="pinyin")
    def _load_pinyin(self, rows: list[PortfolioRow]) -> None:
        # Once per load, not per keystroke; until they are in, a Latin term matches letters only.
        keys = accounts.pinyin_keys(rows)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._pinyin_loaded, rows, keys)

    def _pinyin_loaded(self, rows: list[PortfolioRow], keys: dict[str, str]) -> None:
        if rows is not self.all_rows:
            return  # a reload has its own keys on the way
        had, self._pinyin = self._pinyin, keys
        if self.term.strip() and keys != had:
            self._filter_changed_to(self.term)
