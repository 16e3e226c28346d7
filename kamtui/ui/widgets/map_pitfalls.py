"""The map's pitfall line: the open pitfalls by name, what triggered them in the tooltip.

The names come with the map's first read (from the summary the store keeps); the words
behind them need the account's full plan, so they are read when the tooltip is first asked
for (the mouse resting on the line, or a test reading `tooltip`), not when the map opens.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import Static


class PitfallLine(Static):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._explain: Callable[[], VisualType | None] | None = None

    def explain_with(self, explain: Callable[[], VisualType | None]) -> None:
        """Draw the tooltip with `explain()` when it is first asked for."""
        Widget.tooltip.fset(self, None)  # type: ignore[attr-defined]
        self._explain = explain

    @property  # type: ignore[override]
    def tooltip(self) -> VisualType | None:
        if self._explain is not None:
            explain, self._explain = self._explain, None
            self._tooltip = explain()
        return self._tooltip

    @tooltip.setter
    def tooltip(self, tooltip: VisualType | None) -> None:
        self._explain = None
        Widget.tooltip.fset(self, tooltip)  # type: ignore[attr-defined]
