"""The portfolio as a rich table for `kamtui report` (user data as Text, never markup)."""

from __future__ import annotations

import datetime as dt

from rich.table import Table
from rich.text import Text

from kamtui import formatting as fmt
from kamtui.domain.enums import Lang
from kamtui.domain.portfolio import PortfolioRow

_HEAD = {
    "en": ["Account", "Org level", "Key idx", "Cover", "Ext idx", "Short board", "Open", "Late", "Assessed", "Pitfalls"],
    "zh": ["客户", "组织关系", "关键指数", "覆盖", "普遍指数", "短木板", "进行", "逾期", "评估", "常见问题"],
}


def portfolio_table(rows: list[PortfolioRow], lang: Lang, today: dt.date) -> Table:
    table = Table(title=Text("Portfolio" if lang == "en" else "客户组合"), expand=False)
    for i, head in enumerate(_HEAD[lang]):
        table.add_column(head, justify="right" if 2 <= i <= 4 or 6 <= i <= 7 else "left",
                         no_wrap=True, overflow="ellipsis", min_width=4 if i == 9 else None)
    for r in rows:
        s = r.state
        table.add_row(
            Text(r.name), Text(fmt.level_with_target(s, lang)), fmt.index(s.key_index),
            fmt.percent(s.coverage), fmt.index(s.extensive_index), Text(fmt.short_board(s, lang)),
            str(r.open_activities), str(r.overdue_activities), fmt.age(s.last_assessed, today),
            Text(str(len(r.pitfalls)) if r.pitfalls else ""),
        )
    return table
