"""The map's tab strip and legend: both draw from the screen's current view and language,
so switching views only repaints them."""

from __future__ import annotations

from typing import Any, Protocol

from rich.text import Text
from textual.widget import Widget

from kamtui.services.map_data import VIEWS


class MapScreen(Protocol):
    view: str

    def tr(self, key: str, **values: object) -> str: ...


class MapTabs(Widget):
    """The four views in one line, the current one marked ▸ and underlined."""

    COMPONENT_CLASSES = {"map-tabs--tab", "map-tabs--current"}

    def __init__(self, screen: "MapScreen", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.map = screen

    def render(self) -> Text:
        out = Text(no_wrap=True, overflow="ellipsis", justify="right")
        for v in VIEWS:
            current = v == self.map.view
            label = self.map.tr("map.tab.grid" if v == "grid" else f"map.view.{v}")
            style = self.get_component_rich_style("map-tabs--current" if current else "map-tabs--tab", partial=True)
            out.append("  " + ("▸ " if current else "") + label, style)
        return out


class MapLegend(Widget):
    """What the current view's symbols mean."""

    def __init__(self, screen: "MapScreen", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.map = screen

    def render(self) -> Text:
        return Text(self.map.tr(f"map.legend.{self.map.view}"))
