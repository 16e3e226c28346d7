"""The decision chain view, on a line-API list that renders only the lines on screen.

`PersonLines` is shared with the coverage matrix: a sticky header line, a cursor that only
stops on selectable rows, a frozen left part and a horizontally scrolling right part.
Thousands of rows cost nothing until they scroll into view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kamtui.domain.enums import ChainRole
from kamtui.services.map_data import PersonRow
from kamtui.ui import i18n
from kamtui.ui.text import safe_line

i18n.register({
    "map.chain.name": ("Name", "姓名"),
    "map.chain.title": ("Title", "职务"),
    "map.chain.attitude": ("Attitude", "态度"),
    "map.chain.influence": ("Infl.", "影响"),
    "map.chain.no_role": ("No role yet", "未定角色"),
    "map.chain.empty": ("Nobody on the map yet: n adds a person.", "关系图中还没有人员：按 n 添加。"),
})


def cut(value: object, width: int, style: Style | str = "") -> Text:
    """User data cut (with an ellipsis) or padded to exactly `width` cells, CJK-aware."""
    text = Text(safe_line(value), style=style, no_wrap=True, end="")
    text.truncate(max(width, 0), overflow="ellipsis", pad=True)
    return text


def marks(p: PersonRow, flag: str | None) -> str:
    """Flags as symbols (never colour alone): ⚑ red flag, ◆ hidden decision maker, ★ rising star."""
    return ("⚑" if flag else " ") + ("◆" if p.hidden_decision_maker else " ") + ("★" if p.rising_star else " ")


@dataclass(frozen=True)
class Row:
    key: str | None  # a person id: selectable; None: a group heading
    payload: Any
    style: str = ""  # component class for the whole line


class PersonLines(ScrollView, can_focus=True):
    """Rows of people under a sticky header; subclasses say how a row looks."""

    COMPONENT_CLASSES = {
        "person-lines--header", "person-lines--group", "person-lines--cursor",
        "person-lines--flag", "person-lines--muted", "person-lines--threat",
    }
    BINDINGS = [
        Binding("up", "move(-1)", show=False), Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False), Binding("pagedown", "page(1)", show=False),
        Binding("home", "edge(-1)", show=False), Binding("end", "edge(1)", show=False),
    ]
    cursor = reactive(-1, always_update=True)

    class Highlighted(Message):
        def __init__(self, lines: "PersonLines", person_id: str | None) -> None:
            super().__init__()
            self.lines = lines
            self.person_id = person_id

        @property
        def control(self) -> "PersonLines":
            return self.lines

    empty_key = "map.chain.empty"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.flags: dict[str, str] = {}
        self.rows: list[Row] = []
        self.frozen = 0  # width of the part that does not scroll sideways
        self.scrolling = 0  # width of the part that does

    # -- content ------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", "en")

    def set_rows(self, rows: list[Row], keep: str | None = None) -> None:
        self.rows = rows
        self._sync_size()
        target = next((i for i, r in enumerate(rows) if keep and r.key == keep), None)
        if target is None:
            target = next((i for i, r in enumerate(rows) if r.key), -1)
        self.cursor = target
        self.refresh()

    def _sync_size(self) -> None:
        self.header(self.scrollable_content_region.width)  # lets a subclass size its columns
        self.virtual_size = Size(self.frozen + self.scrolling, len(self.rows) + 1)

    def on_resize(self, event: events.Resize) -> None:
        self._sync_size()

    @property
    def selected(self) -> str | None:
        return self.rows[self.cursor].key if 0 <= self.cursor < len(self.rows) else None

    def copy_text(self) -> str | None:
        """The selected person's name (`y` copies it: see kamtui.ui.habits)."""
        if not 0 <= self.cursor < len(self.rows) or not self.rows[self.cursor].key:
            return None
        payload = self.rows[self.cursor].payload
        person = getattr(payload, "person", payload)
        name = getattr(person, "name", None)
        return name if isinstance(name, str) else None

    def header(self, width: int) -> tuple[Text, Text]:
        return Text(), Text()

    def row_text(self, row: Row, width: int) -> tuple[Text, Text]:
        raise NotImplementedError

    def style_of(self, name: str) -> Style:
        return self.get_component_rich_style(f"person-lines--{name}", partial=True)

    # -- rendering ----------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        scroll_x, scroll_y = self.scroll_offset
        if y == 0:
            left, right = self.header(width)
            style = base + self.style_of("header")
        else:
            index = scroll_y + y - 1
            if not self.rows and y == 1:
                text = cut(i18n.t(self.empty_key, self.lang), width, self.style_of("muted"))
                return Strip(list(text.render(self.app.console))).crop_extend(0, width, None).apply_style(base)
            if index >= len(self.rows):
                return Strip.blank(width, base)
            row = self.rows[index]
            left, right = self.row_text(row, width)
            style = base + (self.style_of(row.style) if row.style else Style())
            if index == self.cursor:
                style += self.get_component_rich_style("person-lines--cursor", partial=not self.has_focus)
        console = self.app.console
        left_strip = Strip(list(left.render(console)), cell_len(left.plain))
        right_strip = Strip(list(right.render(console)), cell_len(right.plain))
        right_width = max(width - left_strip.cell_length, 0)
        right_strip = right_strip.crop_extend(scroll_x, scroll_x + right_width, None)
        strip = Strip.join([left_strip, right_strip]).crop_extend(0, width, None)
        return strip.apply_style(style)

    def watch_cursor(self, cursor: int) -> None:
        if cursor < 0:
            self.post_message(self.Highlighted(self, None))
            return
        visible = max(self.scrollable_content_region.height - 1, 1)
        if cursor < self.scroll_offset.y:
            self.scroll_to(y=cursor, animate=False)
        elif cursor >= self.scroll_offset.y + visible:
            self.scroll_to(y=cursor - visible + 1, animate=False)
        self.refresh()
        self.post_message(self.Highlighted(self, self.selected))

    # -- moving -------------------------------------------------------------------
    def _selectable(self, start: int, step: int) -> int | None:
        i = start
        while 0 <= i < len(self.rows):
            if self.rows[i].key:
                return i
            i += step
        return None

    def action_move(self, step: int) -> None:
        found = self._selectable(self.cursor + step, step)
        if found is not None:
            self.cursor = found

    def action_page(self, step: int) -> None:
        jump = max(self.scrollable_content_region.height - 2, 1)
        target = min(max(self.cursor + step * jump, 0), len(self.rows) - 1)
        found = self._selectable(target, step) or self._selectable(target, -step)
        if found is not None:
            self.cursor = found

    def action_edge(self, step: int) -> None:
        found = self._selectable(0 if step < 0 else len(self.rows) - 1, -step if step > 0 else 1)
        if found is not None:
            self.cursor = found

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y - 1
        if event.y >= 1 and 0 <= index < len(self.rows) and self.rows[index].key:
            self.cursor = index

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


class DecisionChain(PersonLines):
    """People grouped by decision-chain role; attitude and influence on every line."""

    def show(self, groups: list[tuple[ChainRole | None, list[PersonRow]]], flags: dict[str, str],
             keep: str | None = None) -> None:
        self.flags = flags
        rows: list[Row] = []
        for role, people in groups:
            rows.append(Row(None, (role, len(people)), "group"))
            rows += [Row(p.id, p, "flag" if p.id in flags else "") for p in people]
        self.frozen = 0
        self.scrolling = 0
        self.set_rows(rows, keep)

    def _columns(self, width: int) -> tuple[int, int, int]:
        name = min(14, max(8, width // 4))
        attitude = 10 if self.lang == "en" else 5
        title = max(width - name - attitude - 15, 0)
        return name, title, attitude

    def header(self, width: int) -> tuple[Text, Text]:
        name, title, attitude = self._columns(width)
        t = Text(" " * 7, no_wrap=True, end="")
        t.append_text(cut(i18n.t("map.chain.name", self.lang), name))
        t.append(" ")
        t.append_text(cut(i18n.t("map.chain.title", self.lang), title))
        t.append(" ")
        t.append_text(cut(i18n.t("map.chain.attitude", self.lang), attitude))
        t.append(" ")
        t.append_text(cut(i18n.t("map.chain.influence", self.lang), 5))
        return t, Text()

    def row_text(self, row: Row, width: int) -> tuple[Text, Text]:
        if row.key is None:
            role, n = row.payload
            label = role.label(self.lang) if role else i18n.t("map.chain.no_role", self.lang)
            return cut(f"▾ {label} · {n}", width), Text()
        p: PersonRow = row.payload
        name, title, attitude = self._columns(width)
        t = Text(marks(p, self.flags.get(p.id)) + " ", no_wrap=True, end="")
        t.append_text(cut(p.attitude.symbol, 2, self.style_of("threat") if p.attitude.value == "threat" else ""))
        t.append(" ")
        t.append_text(cut(p.name, name))
        t.append(" ")
        t.append_text(cut(p.title, title, self.style_of("muted")))
        t.append(" ")
        t.append_text(cut(p.attitude.label(self.lang), attitude))
        t.append(" ")
        t.append_text(cut(f"{p.influence}", 5))
        return t, Text()
