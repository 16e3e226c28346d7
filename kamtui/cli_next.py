"""`kamtui report --next`: under the portfolio table, each assessed account's path to the next
level per layer, from the cached next step (the report JSON's `next_step`):

    Harbourline Bank (China) Co., Ltd.
      Org   → Partner: Communication 3 → 4, Business fit 3 → 4, Corporate alliance 2 → 4
      Key   ⚑ Daniel Ng · Daniel Ng Threat → Commodity: 33 → 41 · 1 attitude unknown
      Ext   Information Security · Information access 1 → 2: 40 → 41

One line per layer (worded in services/report_next.py), cut to the terminal's width; names go
through the output filter."""

from __future__ import annotations

from rich.text import Text

from kamtui import safe_text
from kamtui.services.report import Lang, PortfolioRow
from kamtui.services.report_next import layer_label, layer_lines, title


def next_step_lines(rows: list[PortfolioRow], lang: Lang, width: int) -> list[Text]:
    """The block printed under the table: a title, then four lines per assessed account."""
    out = [Text(title(lang), style="bold underline")]
    for r in rows:
        step = r.state.next_step
        if step is None:
            continue
        out.append(Text(safe_text.line(r.name), style="bold"))
        for layer, text in layer_lines(step, lang):
            line = Text(f"  {layer_label(layer, lang)}  " + safe_text.line(text), no_wrap=True, overflow="ellipsis")
            line.truncate(width, overflow="ellipsis")
            out.append(line)
    return out
