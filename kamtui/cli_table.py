"""The portfolio as a rich table for `kamtui report` (every cell a Text through the output
filter: never markup, no terminal controls)."""

from __future__ import annotations

import datetime as dt

from rich.table import Table
from rich.text import Text

from kamtui import formatting as fmt
from kamtui import safe_text
from kamtui.services.report import Lang, PortfolioRow

# (en, zh, justify, min width, max width): figures keep their width; text columns give way.
# Key / Ext: the key and extensive indices; Age: since the last assessment; Pits: open pitfalls.
_COLUMNS = [
    ("Account", "客户", "left", 8, 34),
    ("Org level", "组织关系", "left", 8, 26),
    ("Key", "关键", "right", 4, None),
    ("Cover", "覆盖", "right", 5, None),
    ("Ext", "普遍", "right", 4, None),
    ("Open", "进行", "right", 4, None),
    ("Late", "逾期", "right", 4, None),
    ("Age", "评估", "right", 6, None),
    ("Pits", "问题", "right", 4, None),
    ("Short board", "短木板", "left", 10, 44),
]


# Below this width the assessment's age and the pitfall count give way (they are in the JSON
# and on the overview), never the short board: it is the method's main message.
_NARROW = 110
_NARROW_DROPS = ("Age", "Pits")


def portfolio_table(rows: list[PortfolioRow], lang: Lang, today: dt.date, width: int | None = None) -> Table:
    columns = _COLUMNS if width is None or width >= _NARROW else [c for c in _COLUMNS if c[0] not in _NARROW_DROPS]
    widths = _fit(columns, width)
    # no vertical rules: at 80 columns every figure keeps its place
    table = Table(title=Text("Portfolio" if lang == "en" else "客户组合"), expand=False, box=None,
                  pad_edge=False, header_style="bold underline")
    for (en, zh, justify, lo, hi), w in zip(columns, widths):
        table.add_column(zh if lang == "zh" else en, justify=justify, no_wrap=True, overflow="ellipsis",
                         min_width=lo, max_width=hi, width=w)
    for r in rows:
        s = r.state
        cells = [
            r.name, fmt.level_with_target(s, lang), fmt.index(s.key_index),
            fmt.percent(s.coverage), fmt.index(s.extensive_index), str(r.open_activities),
            str(r.overdue_activities), fmt.age(s.last_assessed, today, lang),
            str(len(r.pitfalls)) if r.pitfalls else "0", fmt.short_board(s, lang),
        ]
        keep = [c for c, col in zip(cells, _COLUMNS) if col in columns]
        table.add_row(*(Text(safe_text.line(c)) for c in keep))
    undated = [r for r in rows if r.undated_activities]
    if undated:
        # never overdue and in no count of late work: said under the table, or nobody sees them
        names = ", ".join(f"{r.name} ({r.undated_activities})" for r in undated)
        table.caption = Text(safe_text.line(
            ("? open activities without a date: " if lang == "en" else "? 未定日期的进行中活动：") + names),
            justify="left")
    return table


def _fit(columns: list, width: int | None) -> list[int | None]:
    """Fixed widths for the text columns so the figures always fit (rich does not shrink
    no-wrap columns by itself)."""
    if width is None:
        return [None] * len(columns)
    text = [i for i, c in enumerate(columns) if c[2] == "left"]
    fixed = sum(c[3] for i, c in enumerate(columns) if i not in text)
    room = max(width - fixed - 2 * (len(columns) - 1) - 1, sum(columns[i][3] for i in text))
    out: list[int | None] = [None] * len(columns)
    # name and level take a share each; the short board (last) takes what is left, so that
    # at 80 columns it shows the weak indicator, its value and the start of the department
    shares = {0: 0.45, 1: 0.3} if len(columns) == len(_COLUMNS) else {0: 0.3, 1: 0.23}
    for i in text[:-1]:
        lo, hi = columns[i][3], columns[i][4] or room
        out[i] = max(lo, min(hi, int(room * shares[i])))
    last = text[-1]
    out[last] = max(columns[last][3], min(columns[last][4] or room, room - sum(out[i] for i in text[:-1])))
    return out
