"""A table's columns: which of them fit a width, how wide each one is, and a cell's text cut
to its width in terminal cells (CJK characters take two), with an ellipsis.

Columns carry a priority: when the width is short, the highest numbers give way first; the
spare width is shared by the texts that would use it. Used by WindowTable and by the screens
that lay out lines of their own (the agenda, the timeline, the conflict dialog).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size

ELLIPSIS = "…"


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int  # preferred width; a flex column's minimum
    priority: int = 0  # 0 never gives way; higher numbers give way first
    align: str = "left"  # left | right
    flex: bool = False  # takes the width left over


def fit(text: str, width: int, align: str = "left") -> str:
    """`text` in exactly `width` cells: cut with an ellipsis, padded on the aligned side."""
    if width <= 0:
        return ""
    n = cell_len(text)
    if n > width:
        cut = set_cell_size(text, width - 1)
        if cell_len(cut.rstrip(" ")) < width - 1 and not text.startswith(cut):
            cut = cut[:-1]  # a wide character did not fit: no gap before the ellipsis
        text = cut + ELLIPSIS
        n = cell_len(text)
    if align == "right":
        return " " * (width - n) + text
    return text + " " * (width - n)


def layout(columns: Sequence[Column], width: int, gap: int = 1,
           wants: Mapping[str, int] | None = None) -> list[tuple[Column, int]]:
    """The columns that fit in `width`, with their widths.

    Spare width is shared fairly: each column that its texts (`wants`: key -> the widest text)
    would fill past its preferred width gets an equal share, the narrowest needs met first,
    after the flex column (the row's name) has taken up to half of it; what is left goes to
    the flex column. Without `wants`, the flex column takes it all."""
    shown = list(columns)

    def needed(cols: list[Column]) -> int:
        return sum(c.width for c in cols) + gap * max(len(cols) - 1, 0)

    while needed(shown) > width:
        droppable = [c for c in shown if c.priority > 0]
        if not droppable:
            break
        worst = max(droppable, key=lambda c: (c.priority, shown.index(c)))
        shown.remove(worst)
    spare = max(width - needed(shown), 0)
    extra = {id(c): 0 for c in shown}
    flex = [c for c in shown if c.flex]
    if flex and wants and wants.get(flex[0].key, 0) > flex[0].width:
        # the row's name first, up to half the spare width: it says which row this is
        first = min(wants[flex[0].key] - flex[0].width, spare // 2)
        extra[id(flex[0])] += first
        spare -= first
    hungry = sorted((c for c in shown if wants and wants.get(c.key, 0) > c.width + extra[id(c)]),
                    key=lambda c: wants[c.key] - c.width - extra[id(c)])  # type: ignore[index]
    while spare > 0 and hungry:
        share = max(spare // len(hungry), 1)
        for c in list(hungry):
            give = min(share, wants[c.key] - c.width - extra[id(c)], spare)  # type: ignore[index]
            extra[id(c)] += give
            spare -= give
            if c.width + extra[id(c)] >= wants[c.key] or spare == 0:  # type: ignore[index]
                hungry.remove(c)
    if flex:
        extra[id(flex[0])] += spare
    return [(c, c.width + extra[id(c)]) for c in shown]
