"""The portfolio's table: one line per account, painted only where it is visible."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from kamtui import formatting as fmt
from kamtui.domain.enums import Lang
from kamtui.domain.portfolio import PortfolioRow
from kamtui.ui.i18n import register, t
from kamtui.ui.widgets.window_table import Column, WindowTable

OVERDUE = "!"
RED_FLAG = "⚑"
ARCHIVED = "×"

register({
    "table.col.flags": ("", ""),
    "table.col.name": ("Account", "客户"),
    "table.col.match": ("Matched", "匹配"),
    "table.col.level": ("Org level", "组织关系"),
    "table.col.key": ("Key", "关键"),
    "table.col.coverage": ("Cover", "覆盖"),
    "table.col.extensive": ("Ext", "普遍"),
    "table.col.activities": ("Open/late", "进行/逾期"),
    "table.col.assessed": ("Assessed", "评估"),
    "table.col.short_board": ("Short board", "短木板"),
    "table.col.tier": ("Tier", "级别"),
    "table.col.owner": ("Owner", "负责人"),
})

# key, width, priority (higher gives way first), align, flex. The short board (the method's
# main message) gives way last: at 80 columns the table keeps flags, name, level, key, ext
# and the short board; a filter's "matched" column takes the level's place.
_COLUMNS: tuple[tuple[str, int, int, str, bool], ...] = (
    ("flags", 2, 0, "left", False),
    ("name", 18, 0, "left", True),
    ("match", 20, 1, "left", False),
    ("level", 18, 2, "left", False),
    ("key", 5, 3, "right", False),
    ("coverage", 5, 5, "right", False),
    ("extensive", 4, 3, "right", False),
    ("activities", 9, 4, "right", False),
    ("assessed", 8, 6, "right", False),
    ("short_board", 22, 1, "left", False),
    ("owner", 14, 7, "left", False),
    ("tier", 8, 8, "left", False),
)


def flags(row: PortfolioRow) -> str:
    if row.archived:
        return ARCHIVED
    return (OVERDUE if row.overdue_activities else " ") + (RED_FLAG if row.red_flags else " ")


def needs_attention(row: PortfolioRow) -> bool:
    return bool(row.overdue_activities or row.red_flags)


class AccountTable(WindowTable):
    """Accounts (PortfolioRow) with their layer figures; texts from kamtui.formatting."""

    CACHE_TEXTS = True  # rows change only through set_rows; the language through set_columns

    def __init__(self, lang: Lang, today: dt.date, *, id: str | None = None) -> None:
        self.lang: Lang = lang
        self.today = today
        self._with_match = False
        super().__init__(self._columns(), cells=self.cell, row_class=self.style_of,
                         row_key=lambda r: r.id, id=id)

    def _columns(self) -> list[Column]:
        return [
            Column(key, t(f"table.col.{key}", self.lang), width, prio, align, flex)
            for key, width, prio, align, flex in _COLUMNS
            if key != "match" or self._with_match
        ]

    def set_language(self, lang: Lang, empty: str = "") -> None:
        self.lang = lang
        self.empty_text = empty
        self.set_columns(self._columns())

    def set_rows(self, rows: Sequence[PortfolioRow], keep: object = None) -> None:  # type: ignore[override]
        with_match = any(r.match for r in rows)
        if with_match != self._with_match:
            self._with_match = with_match
            self.columns = self._columns()
            self._layout = None
        super().set_rows(rows, keep)  # forgets the cached texts

    def style_of(self, row: PortfolioRow) -> str | None:
        if row.archived:
            return "muted"
        return "alert" if needs_attention(row) else None

    def cell(self, row: PortfolioRow, key: str) -> str:
        s, lang = row.state, self.lang
        if key == "flags":
            return flags(row)
        if key == "name":
            return row.name
        if key == "match":
            return row.match
        if key == "level":
            return fmt.level_with_target(s, lang)
        if key == "key":
            return fmt.index(s.key_index)
        if key == "coverage":
            return fmt.percent(s.coverage) if s.last_assessed else fmt.DASH
        if key == "extensive":
            return fmt.index(s.extensive_index)
        if key == "activities":
            return f"{row.open_activities}/{row.overdue_activities}"
        if key == "assessed":
            return fmt.age(s.last_assessed, self.today, lang)
        if key == "short_board":
            return fmt.short_board(s, lang)
        if key == "tier":
            return row.tier.label(lang)
        if key == "owner":
            return row.owner
        raise KeyError(key)
