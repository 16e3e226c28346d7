"""Keys people bring from other terminal tools, in one place for every screen: j/k/g/G move in
whatever list, tree or table has the focus, and `y` copies the selected name or row.

The app binds the keys (below the focused widget and the screen: a widget or screen with its
own meaning for a key keeps it); this module finds, for the focused widget, the action that
means "down", "up", "first" or "last" there, and the text a copy takes.
"""

from __future__ import annotations

import inspect

from rich.text import Text
from textual.actions import ActionError, parse
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget

from kamtui.ui.i18n import register, t

# What each move is called by the widgets kamtui shows, first match wins: Textual's Tree,
# DataTable, OptionList, ListView; kamtui's WindowTable (cursor), PersonLines (move, edge),
# the influence grid (move with two steps); any scrolling container last.
NAV_ACTIONS: dict[str, tuple[str, ...]] = {
    "down": ("cursor_down", "cursor(1)", "move(1)", "move(1, 0)", "scroll_down"),
    "up": ("cursor_up", "cursor(-1)", "move(-1)", "move(-1, 0)", "scroll_up"),
    "first": ("first", "scroll_top", "edge(-1)", "scroll_home"),
    "last": ("last", "scroll_bottom", "edge(1)", "scroll_end"),
}


def navigate(widget: Widget | None, where: str) -> bool:
    """Run the focused widget's own action for `where`; False when it has none."""
    if widget is None:
        return False
    for action in NAV_ACTIONS[where]:
        try:
            _ns, name, params = parse(action)
        except ActionError:  # pragma: no cover - the table above is fixed
            continue
        method = getattr(widget, f"action_{name}", None)
        if method is None:
            continue
        try:
            arity = len(inspect.signature(method).parameters)
        except (TypeError, ValueError):
            continue
        if arity != len(params):
            continue
        method(*params)
        return True
    return False


def _plain(value: object) -> str:
    if isinstance(value, Text):
        return value.plain
    plain = getattr(value, "plain", None)  # textual Content
    return plain if isinstance(plain, str) else str(value)


def copy_text(widget: Widget | None) -> str | None:
    """The selected name or row of `widget` as plain text (cells joined by tabs), or None."""
    if widget is None:
        return None
    own = getattr(widget, "copy_text", None)
    if callable(own):
        return own()
    from textual.widgets import DataTable, OptionList, Tree

    if isinstance(widget, DataTable):
        if not widget.row_count:
            return None
        cells = widget.get_row_at(widget.cursor_row)
        return "\t".join(_plain(c).strip() for c in cells)
    if isinstance(widget, Tree):
        node = widget.cursor_node
        return None if node is None else _plain(node.label).strip()
    if isinstance(widget, OptionList):
        index = widget.highlighted
        if index is None:
            return None
        return _plain(widget.get_option_at_index(index).prompt).strip()
    return None


register({
    "key.nav_down": ("Down", "下移"),
    "help.nav_down": ("Down in the list, tree or table (as the down arrow)", "在列表、树或表格中下移（同下方向键）"),
    "key.nav_up": ("Up", "上移"),
    "help.nav_up": ("Up in the list, tree or table (as the up arrow)", "在列表、树或表格中上移（同上方向键）"),
    "key.nav_first": ("First", "首项"),
    "help.nav_first": ("To the first line (as Home)", "移到第一行（同 Home）"),
    "key.nav_last": ("Last", "末项"),
    "help.nav_last": ("To the last line (as End)", "移到最后一行（同 End）"),
    "key.copy": ("Copy", "复制"),
    "help.copy": ("Copy the selected name or row to the clipboard", "将所选名称或行复制到剪贴板"),
    "habits.copied": ("Copied: {text}", "已复制：{text}"),
    "habits.nothing": ("Nothing selected to copy here", "此处没有可复制的选中项"),
})

HABIT_BINDINGS = [
    Binding("j", "nav('down')", "Down", show=False, id="nav_down"),
    Binding("k", "nav('up')", "Up", show=False, id="nav_up"),
    Binding("g", "nav('first')", "First", show=False, id="nav_first"),
    Binding("G", "nav('last')", "Last", key_display="G", show=False, id="nav_last"),
    Binding("y", "copy", "Copy", show=False, id="copy"),
]


class HabitActions:
    """The app's side of the keys above (mixed into KamtuiApp)."""

    def action_nav(self, where: str) -> None:
        navigate(self.focused, where)  # type: ignore[attr-defined]

    def action_copy(self) -> None:
        text = copy_text(self.focused)  # type: ignore[attr-defined]
        lang = self.lang  # type: ignore[attr-defined]
        if not text:
            self.notify(t("habits.nothing", lang), severity="warning", markup=False)  # type: ignore[attr-defined]
            return
        self.copy_to_clipboard(text)  # type: ignore[attr-defined]
        shown = text.replace("\t", "  ")
        shown = shown if len(shown) <= 60 else shown[:59] + "…"
        self.notify(Content(t("habits.copied", lang, text=shown)), timeout=3)  # type: ignore[attr-defined]
