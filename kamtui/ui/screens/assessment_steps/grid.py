"""A windowed table with a cell cursor: only the visible rows are ever rendered.

Subclasses say how many rows there are and what each cell shows; the grid draws a fixed
header, moves the cursor, keeps it in view and cuts every cell to its width in terminal
cells (CJK counts double) with an ellipsis. Cell text is user data: it is drawn as plain
segments, never parsed as markup.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kamtui.ui.text import safe_line


class Column(NamedTuple):
    key: str
    width: int  # cells; 0: takes what the other columns leave
    align: str = "left"  # left | right | center
    editable: bool = True


def fit(text: str, width: int, align: str = "left") -> str:
    """`text` cut (with an ellipsis) or padded to exactly `width` terminal cells."""
    if width <= 0:
        return ""
    text = safe_line(text)
    length = cell_len(text)
    if length > width:
        return set_cell_size(text, width - 1) + "…" if width > 1 else "…"
    pad = width - length
    if align == "right":
        return " " * pad + text
    if align == "center":
        return " " * (pad // 2) + text + " " * (pad - pad // 2)
    return text + " " * pad


class CellGrid(ScrollView, can_focus=True):
    """Override `row_count`, `header_text(col)` and `cell(row, col) -> (text, component class)`."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "grid--header", "grid--cursor", "grid--cursor-row", "grid--muted", "grid--bad",
        "grid--good", "grid--warn", "grid--mark",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1, 0)", show=False),
        Binding("down", "move(1, 0)", show=False),
        Binding("left", "move(0, -1)", show=False),
        Binding("right", "move(0, 1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "edge(-1)", show=False),
        Binding("end", "edge(1)", show=False),
    ]

    show_header: ClassVar[bool] = True
    _base: Style | None = None  # the grid's style while it draws its lines
    row_cursor: ClassVar[bool] = False  # the whole row is the cursor (lists), not one cell
    cursor_row: reactive[int] = reactive(0, init=False)
    cursor_col: reactive[int] = reactive(0, init=False)

    class CursorMoved(Message):
        def __init__(self, grid: "CellGrid") -> None:
            super().__init__()
            self.grid = grid

        @property
        def control(self) -> "CellGrid":
            return self.grid

    def __init__(self, columns: list[Column], *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.columns = columns
        first = next((i for i, c in enumerate(columns) if c.editable), 0)
        self.set_reactive(CellGrid.cursor_col, first)

    # -- to override -----------------------------------------------------------------
    @property
    def row_count(self) -> int:
        return 0

    def header_text(self, col: int) -> str:
        return self.columns[col].key

    def cell(self, row: int, col: int) -> tuple[str, str | None]:
        return "", None

    # -- geometry --------------------------------------------------------------------
    def widths(self, total: int) -> list[int]:
        fixed = sum(c.width for c in self.columns) + len(self.columns) - 1
        flex = [i for i, c in enumerate(self.columns) if c.width == 0]
        spare = max(total - fixed, 4 * len(flex))
        out = [c.width for c in self.columns]
        for n, i in enumerate(flex):
            out[i] = spare // len(flex) + (1 if n < spare % len(flex) else 0)
        return out

    def refresh_rows(self) -> None:
        """Call after the number of rows changed (or any cell)."""
        self.virtual_size = Size(self.scrollable_content_region.width, self.row_count + self._head)
        if self.row_count and self.cursor_row >= self.row_count:
            self.cursor_row = self.row_count - 1
        self.refresh()

    def on_mount(self) -> None:
        self.refresh_rows()

    def on_resize(self) -> None:
        self.refresh_rows()

    @property
    def _head(self) -> int:
        return 1 if self.show_header else 0

    @property
    def page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - self._head)

    # -- rendering -------------------------------------------------------------------
    def _style(self, name: str | None) -> Style:
        return self.get_component_rich_style(name) if name else Style()

    def render_lines(self, crop: Region) -> list[Strip]:
        # The grid's own style walks every ancestor: worked out once a draw, not once a line.
        self._base = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._base = None

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._base if self._base is not None else self.rich_style
        widths = self.widths(width)
        if y == 0 and self.show_header:
            style = base + self._style("grid--header")
            text = " ".join(fit(self.header_text(i), w, c.align)
                            for i, (c, w) in enumerate(zip(self.columns, widths)))
            return Strip([Segment(fit(text, width), style)], width)
        row = int(self.scroll_offset.y) + y - self._head
        if row >= self.row_count:
            return Strip.blank(width, base)
        on_row = row == self.cursor_row and self.has_focus
        segments = []
        for i, (c, w) in enumerate(zip(self.columns, widths)):
            text, cls = self.cell(row, i)
            style = base + self._style(cls)
            if on_row:
                style += self._style("grid--cursor" if self.row_cursor or i == self.cursor_col
                                     else "grid--cursor-row")
            segments.append(Segment(fit(text, w, c.align), style))
            if i < len(self.columns) - 1:
                gap = ("grid--cursor" if self.row_cursor else "grid--cursor-row") if on_row else None
                segments.append(Segment(" ", base + self._style(gap)))
        strip = Strip(segments)
        return strip.crop_extend(0, width, base)

    def refresh_row(self, row: int) -> None:
        y = row - int(self.scroll_offset.y) + self._head
        if self._head <= y < self.size.height:
            self.refresh_lines(y)

    # -- cursor ----------------------------------------------------------------------
    def _editable(self) -> list[int]:
        return [i for i, c in enumerate(self.columns) if c.editable] or [0]

    def watch_cursor_row(self, old: int, new: int) -> None:
        top = int(self.scroll_offset.y)
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif new >= top + self.page_rows:
            self.scroll_to(y=new - self.page_rows + 1, animate=False)
        self.refresh()
        self.post_message(self.CursorMoved(self))

    def watch_cursor_col(self) -> None:
        self.refresh_row(self.cursor_row)
        self.post_message(self.CursorMoved(self))

    def action_move(self, rows: int, cols: int) -> None:
        if rows and self.row_count:
            self.cursor_row = min(max(self.cursor_row + rows, 0), self.row_count - 1)
        if cols:
            editable = self._editable()
            pos = editable.index(self.cursor_col) if self.cursor_col in editable else 0
            self.cursor_col = editable[min(max(pos + cols, 0), len(editable) - 1)]

    def action_page(self, direction: int) -> None:
        self.action_move(direction * self.page_rows, 0)

    def action_edge(self, direction: int) -> None:
        if self.row_count:
            self.cursor_row = 0 if direction < 0 else self.row_count - 1

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        if event.y < self._head:
            return
        row = int(self.scroll_offset.y) + event.y - self._head
        if row < self.row_count:
            self.cursor_row = row
        x = 0
        for i, w in enumerate(self.widths(self.scrollable_content_region.width)):
            if x <= event.x < x + w + 1 and self.columns[i].editable:
                self.cursor_col = i
            x += w + 1
