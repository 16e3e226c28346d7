"""`/` on a screen: type-ahead that moves to the people or activities matching what is typed
(words anywhere in the line, any case; Chinese names by pinyin too: `hx`, `huaxin` → 华信).

A screen mixes `TypeAhead` in, binds `/` to `search` and says two things: `search_lines()`,
(id, text) of what can be found, in the order shown; and `search_go(id)`, which moves there.
`↓`/`↑` go to the next or previous match, `enter` stays on it, `escape` goes back to where the
search started (the bar: kamtui.ui.widgets.search_bar).
"""

from __future__ import annotations

from typing import Any

from kamtui.services import pinyin
from kamtui.ui.i18n import register
from kamtui.ui.widgets.search_bar import SearchBar

register({
    "search.placeholder": ("Search: type a name or a word · ↓↑ next/previous · enter stay · esc back",
                           "搜索：输入名称或词语 · ↓↑ 下一个/上一个 · enter 停留 · esc 返回"),
    "search.count": ("{at}/{n}", "{at}/{n}"),
    "search.none": ("no match", "无匹配"),
})


def matching(lines: list[tuple[str, str]], term: str) -> list[str]:
    """The ids whose text holds `term` (casefolded), or matches it by pinyin."""
    needle = term.strip().casefold()
    if not needle:
        return []
    spelled = pinyin.needle(term)
    return [ident for ident, text in lines
            if needle in text.casefold() or (spelled and pinyin.matches(text, spelled))]


class TypeAhead:
    """Mixed into a KamScreen (before it): the `search` action and the bar's messages."""

    _search_matches: list[str]
    _search_at = 0
    _search_from: Any = None

    def search_lines(self) -> list[tuple[str, str]]:
        """Override: (id, text) of each thing that can be found, in the order shown."""
        return []

    def search_go(self, ident: Any) -> None:
        """Override: move the selection to `ident` (also the start, given back on escape)."""

    def search_start(self) -> Any:
        """Override: what escape goes back to (the current selection's id)."""
        return None

    async def action_search(self) -> None:
        found = self.query(SearchBar)  # type: ignore[attr-defined]
        if found:
            bar = found.first()
        else:  # mounted when first asked for: opening the screen does not pay for it
            bar = SearchBar()
            await self.mount(bar)  # type: ignore[attr-defined]
        self._search_matches, self._search_at = [], 0
        self._search_from = self.search_start()
        self._search_lines = self.search_lines()
        bar.open(self.tr("search.placeholder"))  # type: ignore[attr-defined]

    # handlers by name: `@on` is not seen on a mixin that is no Textual class
    def on_search_bar_changed(self, event: SearchBar.Changed) -> None:
        self._search_matches = matching(self._search_lines, event.term)
        self._search_at = 0
        self._search_show(event.bar, event.term)

    def on_search_bar_step(self, event: SearchBar.Step) -> None:
        if self._search_matches:
            self._search_at = (self._search_at + event.step) % len(self._search_matches)
        self._search_show(event.bar, "x")

    def _search_show(self, bar: SearchBar, term: str) -> None:
        if not term.strip():
            bar.show_count("")
            if self._search_from is not None:
                self.search_go(self._search_from)
            return
        if not self._search_matches:  # back where the search started, until something matches
            bar.show_count(self.tr("search.none"), found=False)  # type: ignore[attr-defined]
            if self._search_from is not None:
                self.search_go(self._search_from)
            return
        bar.show_count(self.tr("search.count", at=self._search_at + 1, n=len(self._search_matches)))  # type: ignore[attr-defined]
        self.search_go(self._search_matches[self._search_at])

    def on_search_bar_closed(self, event: SearchBar.Closed) -> None:
        if not event.kept and self._search_from is not None:
            self.search_go(self._search_from)
        self.search_closed()

    def search_closed(self) -> None:
        """Override: give the focus back to the list."""
