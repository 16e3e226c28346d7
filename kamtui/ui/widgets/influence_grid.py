"""Influence × attitude: influence 5→1 down, threat → advocate across, then unknown.

Arrow keys move between cells; the people of the selected cell are listed below it (tab
into the list to pick one). The high-influence-threat corner and the unknown column have
their own component styles and a symbol (⚑, ?), so they stand out without colour too.
The grid is one widget drawing one table: moving the cell re-renders one widget.
"""

from __future__ import annotations

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kamtui.domain.enums import Attitude
from kamtui.services.map_data import PersonRow
from kamtui.ui import i18n
from kamtui.ui.text import safe_line

i18n.register({
    "map.grid.empty_cell": ("Nobody in this cell.", "此格没有人员。"),
    "map.grid.more": ("… {n} more", "…… 另有 {n} 人"),
})

LIST_LIMIT = 200  # a cell's list shows this many; the cell itself says how many there are


class CellGrid(Widget, can_focus=True):
    """The headings and the 5 × 5 cells, drawn as one table; owns the cell cursor."""

    COMPONENT_CLASSES = {
        "cell-grid--head", "cell-grid--threat", "cell-grid--unknown-head", "cell-grid--rowhead",
        "cell-grid--cell", "cell-grid--unknown", "cell-grid--danger", "cell-grid--selected",
        "cell-grid--empty",
    }
    BINDINGS = [
        Binding("up", "move(-1, 0)", show=False), Binding("down", "move(1, 0)", show=False),
        Binding("left", "move(0, -1)", show=False), Binding("right", "move(0, 1)", show=False),
        Binding("enter", "into_list", show=False),
    ]

    def __init__(self, owner: "InfluenceGrid", **kwargs) -> None:
        super().__init__(**kwargs)
        self.owner = owner

    def action_move(self, dr: int, dc: int) -> None:
        self.owner.move(dr, dc)

    def action_into_list(self) -> None:
        self.owner.query_one(OptionList).focus()

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"cell-grid--{name}")

    def render(self) -> Table:
        owner, lang = self.owner, self.owner.lang
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(width=1, no_wrap=True)
        for _ in owner.attitudes:
            table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        heads = [Text("")]
        for a in owner.attitudes:  # two lines: the symbol, then the word (fits 9 cells at 80 columns)
            style = "threat" if a == Attitude.threat else "unknown-head" if a == Attitude.unknown else "head"
            heads.append(Text(f"{a.symbol}\n{a.label(lang)}", style=self._style(style)))
        table.add_row(*heads)
        for r, i in enumerate(owner.influences):
            cells: list[Text] = [Text(f"{i}\n", style=self._style("rowhead"))]
            for c, a in enumerate(owner.attitudes):
                people = owner.cells.get((i, a), [])
                selected = (r, c) == owner.at
                # the most particular area wins the background; an empty cell dims its text
                area = ("selected" if selected else "danger" if (i, a) in owner.danger
                        else "unknown" if a == Attitude.unknown else "cell")
                style = self._style(area)
                if not people:
                    style += Style(color=self._style("empty").color)
                mark = "▸" if selected else " "
                if people:
                    danger = " ⚑" if (i, a) in owner.danger else ""
                    text = f"{mark}{len(people)}{danger}\n " + ", ".join(safe_line(p.name) for p in people[:12])
                else:
                    text = f"{mark}·\n"
                cells.append(Text(text, style=style, no_wrap=True, overflow="ellipsis"))
            table.add_row(*cells)
        return table


class InfluenceGrid(Vertical):
    class Highlighted(Message):
        def __init__(self, grid: "InfluenceGrid", person_id: str | None) -> None:
            super().__init__()
            self.grid = grid
            self.person_id = person_id

        @property
        def control(self) -> "InfluenceGrid":
            return self.grid

    def __init__(self, influences: tuple[int, ...], attitudes: tuple[Attitude, ...],
                 danger: set[tuple[int, Attitude]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.influences = influences
        self.attitudes = attitudes
        self.danger = danger
        self.cells: dict[tuple[int, Attitude], list[PersonRow]] = {}
        self.flags: dict[str, str] = {}
        self.at = (0, 0)  # (row, column) of the selected cell
        self._keep: str | None = None

    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", "en")

    def compose(self) -> ComposeResult:
        yield CellGrid(self, id="grid-cells")
        yield OptionList(id="grid-people")

    def on_mount(self) -> None:
        self._fill_list(self._keep)  # data handed over before the grid was composed

    def relabel(self) -> None:
        self.query_one(CellGrid).refresh()
        self._fill_list(keep=self.selected)

    # -- data ---------------------------------------------------------------------
    def show(self, cells: dict[tuple[int, Attitude], list[PersonRow]], flags: dict[str, str],
             keep: str | None = None) -> None:
        self.cells = cells
        self.flags = flags
        self._keep = keep
        if keep:
            for (i, a), people in cells.items():
                if any(p.id == keep for p in people):
                    self.at = (self.influences.index(i), self.attitudes.index(a))
                    break
        if self.is_mounted:
            self.query_one(CellGrid).refresh()
            self._fill_list(keep)

    def key(self) -> tuple[int, Attitude]:
        r, c = self.at
        return self.influences[r], self.attitudes[c]

    def _fill_list(self, keep: str | None = None) -> None:
        people = self.cells.get(self.key(), [])
        options = []
        for p in people[:LIST_LIMIT]:
            flag = "⚑ " if p.id in self.flags else ""
            title = f" · {p.title}" if p.title else ""
            options.append(Option(Content(f"{flag}{safe_line(p.name)}{safe_line(title)}"), id=p.id))
        if len(people) > LIST_LIMIT:
            options.append(Option(Content(i18n.t("map.grid.more", self.lang, n=len(people) - LIST_LIMIT)),
                                  disabled=True))
        if not people:
            options.append(Option(Content(i18n.t("map.grid.empty_cell", self.lang)), disabled=True))
        plist = self.query_one(OptionList)
        plist.set_options(options)
        index = next((k for k, p in enumerate(people[:LIST_LIMIT]) if p.id == keep), 0)
        plist.highlighted = index if people else None
        self.post_message(self.Highlighted(self, self.selected))

    @property
    def selected(self) -> str | None:
        if not self.is_mounted or not self.query(OptionList):
            return None
        plist = self.query_one(OptionList)
        if plist.highlighted is None:
            return None
        return plist.get_option_at_index(plist.highlighted).id

    # -- moving -------------------------------------------------------------------
    def move(self, dr: int, dc: int) -> None:
        r, c = self.at
        self.at = (min(max(r + dr, 0), len(self.influences) - 1),
                   min(max(c + dc, 0), len(self.attitudes) - 1))
        self.query_one(CellGrid).refresh()
        self._fill_list()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self, event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()

    def focus_cells(self) -> None:
        self.query_one(CellGrid).focus()

    def cell_text(self, influence: int, attitude: Attitude) -> str:
        """What a cell shows, as plain text (for tests and screen readers)."""
        people = self.cells.get((influence, attitude), [])
        if not people:
            return "·"
        danger = " ⚑" if (influence, attitude) in self.danger else ""
        return f"{len(people)}{danger} " + ", ".join(p.name for p in people)
