"""The team view's pictures: levels at the period's start against its end and plan execution
per group as horizontal bars, one account's three layers over time as a line chart
(textual-plotext). Each chart has its numbers as text beside it (`*_text` on the screen):
screen readers read them, and with NO_COLOR they carry what the colours would have.

The bars are drawn here, a line of text each, with the value written after every bar: the
team screen opens with them (docs/team.md "Speed"), and building a plotext figure for two bar
charts cost as much as the rest of the screen's first frame. The widgets only draw figures
the services computed; labels are the caller's, already in the reader's language, and are
user data (owner names): plain text, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from textual.app import RenderResult
from textual.content import Content
from textual.widget import Widget
from textual_plotext import PlotextPlot

_EIGHTHS = " ▏▎▍▌▋▊▉"
_FULL = "█"


def _bar(value: float, scale: float) -> str:
    """`value` as a bar of `scale` cells per unit, to the eighth of a cell."""
    eighths = round(value * scale * 8)
    return _FULL * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")


def _fit(label: str, width: int) -> str:
    """A label cut to `width` cells with "…" where it was cut, padded on the left (the labels
    line up at the axis)."""
    if cell_len(label) > width:
        while label and cell_len(label) > width - 1:
            label = label[:-1]
        label += "…"
    return " " * (width - cell_len(label)) + label


class _Bars(Widget):
    """Horizontal bars: per category, one or more lines of stacked segments, each segment in
    its series' style, the line's values after it. Nothing is drawn until `show`."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "bars--title", "bars--0", "bars--1", "bars--2", "bars--3", "bars--4", "bars--axis"}
    DEFAULT_CSS = """
    _Bars {
        text-wrap: nowrap;
        text-overflow: clip;
        & > .bars--title { text-style: bold; }
        & > .bars--0 { color: $success; }
        & > .bars--1 { color: $warning; }
        & > .bars--2 { color: $error; }
        & > .bars--3 { color: $foreground-muted; }
        & > .bars--4 { color: $primary; }
        & > .bars--axis { color: $foreground-muted; }
    }
    """
    SERIES = 5

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._title = ""
        self._legend: list[tuple[str, int]] = []  # (name, series)
        self._lines: list[tuple[str, list[tuple[int, int]]]] = []  # (label, [(series, value)])

    def draw(self, title: str, legend: Sequence[tuple[str, int]],
             lines: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> None:
        self._title, self._legend = title, list(legend)
        self._lines = [(label, list(segments)) for label, segments in lines]
        self.refresh()

    def render(self) -> RenderResult:
        if not self._title:
            return ""
        width = max(self.size.width, 10)
        styles = [self.get_visual_style(f"bars--{i}") for i in range(self.SERIES)]
        axis = self.get_visual_style("bars--axis")
        out: list[Content] = [Content.assemble((self._title, self.get_visual_style("bars--title"))).center(width)]
        legend: list = []
        for name, series in self._legend:
            legend += [("██", styles[series]), " ", name, "  "]
        out.append(Content.assemble(*legend))
        labels = max((cell_len(label) for label, _ in self._lines), default=0)
        label_width = min(labels, width // 3)
        numbers = [" " + "·".join(str(v) for _, v in segments) for _, segments in self._lines]
        room = max(width - label_width - 2 - max((len(n) for n in numbers), default=0), 1)
        top = max((sum(v for _, v in segments) for _, segments in self._lines), default=0)
        scale = room / top if top else 0.0
        for (label, segments), number in zip(self._lines, numbers):
            parts: list = [_fit(label, label_width), (" ┤", axis)]
            if len(segments) == 1:  # to the eighth of a cell
                series, value = segments[0]
                parts.append((_bar(value, scale), styles[series]))
            else:  # stacked: whole cells, each segment ending where the running total does
                done = drawn = 0
                for series, value in segments:
                    done += value
                    cells = round(done * scale) - drawn
                    if cells > 0:
                        parts.append((_FULL * cells, styles[series]))
                        drawn += cells
            parts.append(number)
            out.append(Content.assemble(*parts))
        return Content("\n").join(out[: max(self.size.height, 1)])


class LevelsChart(_Bars):
    """Accounts per organization level: at the period's start (muted) and at its end, one
    line each."""

    def show(self, title: str, levels: Sequence[str], start: Sequence[int], end: Sequence[int],
             start_label: str, end_label: str) -> None:
        lines: list[tuple[str, list[tuple[int, int]]]] = []
        for level, a, b in zip(levels, start, end):
            lines += [(level, [(3, a)]), ("", [(4, b)])]
        self.draw(title, [(start_label, 3), (end_label, 4)], lines)


class ExecutionChart(_Bars):
    """Per group: activities done on time, late, overdue (stacked)."""

    def show(self, title: str, groups: Sequence[str], series: Sequence[Sequence[int]], labels: Sequence[str]) -> None:
        self.draw(title, [(name, i) for i, name in enumerate(labels)],
                  [(g, [(i, s[n]) for i, s in enumerate(series)]) for n, g in enumerate(groups)])


class _Chart(PlotextPlot):
    """Draws nothing until its figures are shown: an empty plot is as slow to build as a full
    one, and the screen's first frame with its rows would pay for both."""

    shown = False

    def render(self) -> RenderResult:
        return super().render() if self.shown else ""


class HistoryChart(_Chart):
    """One account's key and extensive indices, and its organization level (rank × 25), at
    each of its assessments."""

    def show(self, title: str, days: Sequence[str], lines: Sequence[tuple[str, Sequence[float | None]]]) -> None:
        self.shown = True
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(title)
        plt.date_form("Y-m-d")
        # The legend sits in the plot's top left: the y axis runs past the figures' 100 so
        # that it covers no line; each series has its own marker, told apart without colour.
        plt.ylim(0, 135)
        for (label, values), marker in zip(lines, ("braille", "dot", "x")):
            pts = [(d, v) for d, v in zip(days, values) if v is not None]
            if pts:
                plt.plot([d for d, _ in pts], [v for _, v in pts], label=label, marker=marker)
        self.refresh()
