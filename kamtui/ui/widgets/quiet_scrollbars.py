"""Scrollbars repainted only when they change.

Textual (8.2.8, Widget._scroll_update) repaints a scrolling widget's scrollbars at every
layout, changed or not. After a pushed screen's first frame its widgets are laid out once
more; a long list's scrollbar then repainted a frame after that first frame, one frame more
for opening the map or the planner. This is Textual's method, with the repaint only when a
bar's sizes moved (a new position repaints it by itself).
"""

from __future__ import annotations

from typing import Any

from textual.geometry import Size


class QuietScrollbars:
    """Mixed in before a scrolling widget class (not a widget itself: the widget keeps its
    CSS type names, which Textual takes from its first widget base)."""

    def _scroll_update(self: Any, virtual_size: Size) -> None:
        self._refresh_scrollbars()
        width, height = self.container_size
        if self.show_vertical_scrollbar and self.styles.scrollbar_size_vertical:
            _resize(self.vertical_scrollbar, virtual_size.height, height - self.scrollbar_size_horizontal)
        if self.show_horizontal_scrollbar and self.styles.scrollbar_size_horizontal:
            _resize(self.horizontal_scrollbar, virtual_size.width, width - self.scrollbar_size_vertical)
        self.scroll_x = self.validate_scroll_x(self.scroll_x)
        self.scroll_y = self.validate_scroll_y(self.scroll_y)


def _resize(bar, virtual: int, window: int) -> None:
    if (bar.window_virtual_size, bar.window_size) != (virtual, window):
        bar.window_virtual_size, bar.window_size = virtual, window
        bar.refresh()
