"""A table that renders only the rows on screen (Line API), for lists of any length.

The stock DataTable measures every cell it is given (measured.md: ≈170 µs per row), so a
5,000-account portfolio or a 2,000-person account would stall. This widget keeps the rows
as plain objects and asks a `cells` callback for the text of the ~20 rows it paints.
Columns (kamtui.ui.widgets.table_columns) carry a priority: when the width is short, the
highest priority numbers give way first. Every cell is literal text (never markup), cut to its
width in terminal cells with an ellipsis, so CJK text stays aligned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.cells import cell_len
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
from kamtui.ui.widgets.table_columns import ELLIPSIS, Column, fit, layout

__all__ = ["ELLIPSIS", "Column", "WindowTable", "fit", "layout"]  # the columns' names, for the screens


class WindowTable(ScrollView, can_focus=True):
    """Rows of any objects; `cells(row, column_key) -> str` gives the text of a cell;
    `row_class(row) -> str | None` names a component class that styles the whole row."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "window-table--header",
        "window-table--cursor",
        "window-table--alert",
        "window-table--muted",
        "window-table--empty",
    }

    DEFAULT_CSS = """
    WindowTable {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        height: 1fr;
        background: $surface;
        & > .window-table--header { text-style: bold; color: $text-primary; background: $panel; }
        & > .window-table--cursor { background: $block-cursor-blurred-background; }
        &:focus > .window-table--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
        & > .window-table--alert { color: $text-warning; }
        & > .window-table--muted { color: $foreground-muted; text-style: italic; }
        & > .window-table--empty { color: $foreground-muted; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
    ]  # enter is left to the screen, whose binding names what it does

    cursor = reactive(0, always_update=True, repaint=False)

    class Highlighted(Message):
        def __init__(self, table: "WindowTable", row: Any | None, index: int) -> None:
            super().__init__()
            self.table = table
            self.row = row
            self.index = index

        @property
        def control(self) -> "WindowTable":
            return self.table

    class Selected(Highlighted):
        pass

    CACHE_TEXTS: ClassVar[bool] = False

    def _forget_texts(self) -> None:
        if self._texts is not None:
            self._texts.clear()

    def __init__(
        self,
        columns: Sequence[Column] = (),
        cells: Callable[[Any, str], str] | None = None,
        row_class: Callable[[Any], str | None] | None = None,
        row_key: Callable[[Any], Any] | None = None,
        *,
        empty: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: list[Column] = list(columns)
        self.cells = cells or (lambda row, key: str(getattr(row, key, "")))
        self.row_class = row_class or (lambda row: None)
        self.row_key = row_key or (lambda row: getattr(row, "id", row))
        self.rows: list[Any] = []
        self.empty_text = empty
        self.sort_key: str | None = None
        self.sort_reverse = False
        self._layout: tuple[int, list[tuple[Column, int]]] | None = None
        self._measured = False  # whether the layout measured rows (see shown_columns)
        self._last_highlight: Any = object()
        self._pass_styles: dict[str, Style] | None = None  # styles of the current render pass
        self._pass_width = 0  # and its width (0: not painting)
        # A subclass whose rows change only through set_rows/set_columns may keep each row's
        # cell texts between paints (the cursor moving, focus, a resize back and forth).
        self._texts: dict[tuple[Any, int], list[str]] | None = {} if self.CACHE_TEXTS else None

    # -- data ----------------------------------------------------------------------
    def set_columns(self, columns: Sequence[Column]) -> None:
        self.columns = list(columns)
        self._layout = None
        self._forget_texts()
        self.refresh()

    def set_sort(self, key: str | None, reverse: bool = False) -> None:
        self.sort_key, self.sort_reverse = key, reverse
        self.refresh()

    def set_rows(self, rows: Sequence[Any], keep: Any = None) -> None:
        """Show `rows`; the cursor stays on the row whose key is `keep` (else the current one)."""
        want = keep if keep is not None else self.current_key
        self.rows = list(rows)
        if self._layout is not None and not self._measured and self.rows:
            self._layout = None  # laid out before any row came: measure them now
        self._forget_texts()
        self.virtual_size = self._virtual()
        index = 0
        if want is not None:
            index = next((i for i, r in enumerate(self.rows) if self.row_key(r) == want), None)
            if index is None:
                index = min(self.cursor, max(len(self.rows) - 1, 0))
        self.cursor = index
        self.refresh()

    @property
    def current(self) -> Any | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    @property
    def current_key(self) -> Any | None:
        row = self.current
        return None if row is None else self.row_key(row)

    def copy_text(self) -> str | None:
        """The current row's cells, tab-separated (`y` copies it: see kamtui.ui.habits)."""
        row = self.current
        if row is None:
            return None
        return "\t".join(str(self.cells(row, c.key)).strip() for c in self.columns)

    def move_to(self, key: Any) -> bool:
        for i, r in enumerate(self.rows):
            if self.row_key(r) == key:
                self.cursor = i
                return True
        return False

    # -- cursor ----------------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_cursor_into_view()
        self.refresh()
        row = self.current
        key = None if row is None else self.row_key(row)
        if key != self._last_highlight:
            self._last_highlight = key
            self.post_message(self.Highlighted(self, row, new))

    def _page_rows(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def _scroll_cursor_into_view(self) -> None:
        page = self._page_rows()
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + page:
            self.scroll_to(y=self.cursor - page + 1, animate=False, immediate=True)

    def action_cursor(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * self._page_rows()

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.rows) - 1

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self, self.current, self.cursor))

    async def _on_click(self, event: events.Click) -> None:
        index = round(self.scroll_y) + event.y - 1
        if event.y >= 1 and 0 <= index < len(self.rows):
            self.cursor = index
            if event.chain >= 2:
                self.action_select()

    # -- layout ----------------------------------------------------------------------
    def _virtual(self) -> Size:
        # Columns give way rather than scroll sideways, so the width plays no part: a width
        # here would change with every resize and cost the screen another layout pass.
        return Size(0, len(self.rows) + 1)

    def _width(self) -> int:
        if self._pass_width:
            return self._pass_width
        return max(self.scrollable_content_region.width, 1)

    def _wants(self) -> dict[str, int]:
        """The widest text of each column (title included) over the first screenful of rows:
        what is seen first, and as cheap as painting them whatever the table's length."""
        wants: dict[str, int] = {}
        rows = self.measured_rows()
        for col in self.columns:
            widest = cell_len(col.title) + 1  # the sort arrow
            for row in rows:
                widest = max(widest, cell_len(str(self.cells(row, col.key))))
            wants[col.key] = widest
        return wants

    def measured_rows(self) -> Sequence[Any]:
        """The rows whose cells the columns are measured on (a subclass drops headings)."""
        return self.rows[: max(self.size.height, 1)]

    def shown_columns(self) -> list[tuple[Column, int]]:
        width = self._width()
        if self._layout is None or self._layout[0] != width:
            # Measured only when there is width to share (not at 80 columns), and kept while
            # the rows change (a filter being typed does not make the columns jump).
            spare = width - sum(c.width + 1 for c in self.columns) + 1
            wants = self._wants() if spare > 0 and self.rows else None
            self._measured = bool(wants)
            self._layout = (width, layout(self.columns, width, wants=wants))
        return self._layout[1]

    def on_resize(self, event: events.Resize) -> None:
        self._layout = None
        self.virtual_size = self._virtual()
        self._scroll_cursor_into_view()

    # -- painting --------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        cache = self._pass_styles
        if cache is None:
            return self.get_component_rich_style(name)
        if name not in cache:
            cache[name] = self.get_component_rich_style(name)
        return cache[name]

    def _base_style(self) -> Style:
        cache = self._pass_styles
        if cache is None:
            return self.rich_style
        if "" not in cache:
            cache[""] = self.rich_style
        return cache[""]

    def render_lines(self, crop: Region) -> list[Strip]:
        # Styles and width cannot change within one pass: each costs a walk up the DOM, once
        # per pass rather than once per line (two thirds of painting a screenful of rows).
        self._pass_styles = {}
        self._pass_width = 0
        self._pass_width = self._width()
        try:
            return super().render_lines(crop)
        finally:
            self._pass_styles = None
            self._pass_width = 0

    def _line(self, texts: list[str], style: Style, width: int) -> Strip:
        text = " ".join(texts)
        return Strip([Segment(fit(text, width), style)], width)

    def header_text(self) -> list[str]:
        out = []
        for col, w in self.shown_columns():
            title = col.title
            if col.key == self.sort_key:
                title += "▼" if self.sort_reverse else "▲"
            out.append(fit(title, w, col.align))
        return out

    def row_texts(self, row: Any) -> list[str]:
        if self._texts is None:
            return self._row_texts(row)
        key = (self.row_key(row), self._width())
        found = self._texts.get(key)
        if found is None:
            found = self._texts[key] = self._row_texts(row)
        return found

    def _row_texts(self, row: Any) -> list[str]:
        return [fit(safe_line(self.cells(row, col.key)), w, col.align) for col, w in self.shown_columns()]

    def render_line(self, y: int) -> Strip:
        width = self._width()
        base = self._base_style()
        if y == 0:
            return self._line(self.header_text(), base + self._style("window-table--header"), width)
        index = round(self.scroll_y) + y - 1
        if not self.rows:
            if y == 1 and self.empty_text:
                return self._line([" " + safe_line(self.empty_text)], base + self._style("window-table--empty"), width)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        style = base
        extra = self.row_class(row)
        if extra:
            style = style + self._style(f"window-table--{extra}")
        if index == self.cursor:
            style = style + self._style("window-table--cursor")
        return self._line(self.row_texts(row), style, width)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    # -- what is on screen (tests, screen readers of a sort) ---------------------------
    def visible_lines(self) -> list[str]:
        """The text of each painted line, header first."""
        height = self.scrollable_content_region.height
        return [self.render_line(y).text.rstrip() for y in range(height)]
