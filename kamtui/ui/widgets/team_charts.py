"""The team view's pictures (textual-plotext): levels at the period's start against its end,
plan execution per group as stacked bars, one account's three layers over time. Each chart has
its numbers as text beside it (`*_text`): screen readers read them, and with NO_COLOR they
carry what the colours would have.

The widgets only draw figures the services computed; labels are the caller's, already in the
reader's language.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import RenderResult
from textual_plotext import PlotextPlot


class _Chart(PlotextPlot):
    """Draws nothing until its figures are shown: an empty plot is as slow to build as a full
    one, and the screen's first frame with its rows would pay for both."""

    shown = False

    def render(self) -> RenderResult:
        return super().render() if self.shown else ""


def _plain(plot: _Chart, title: str) -> None:
    plot.shown = True
    plt = plot.plt
    plt.clear_data()
    plt.clear_figure()
    plt.title(title)


class LevelsChart(_Chart):
    """Accounts per organization level: at the period's start and at its end, side by side."""

    def show(self, title: str, levels: Sequence[str], start: Sequence[int], end: Sequence[int],
             start_label: str, end_label: str) -> None:
        _plain(self, title)
        # horizontal: every level keeps its name on the axis at any width (plotext drops
        # crowded x labels, and which ones depended on the order of resizes)
        self.plt.multiple_bar(list(levels), [list(start), list(end)], labels=[start_label, end_label],
                              orientation="h")
        self.refresh()


class ExecutionChart(_Chart):
    """Per group: activities done on time, late, overdue (stacked, horizontal)."""

    def show(self, title: str, groups: Sequence[str], series: Sequence[Sequence[int]], labels: Sequence[str]) -> None:
        _plain(self, title)
        if groups:
            self.plt.stacked_bar(list(groups), [list(s) for s in series], labels=list(labels), orientation="h")
        self.refresh()


class HistoryChart(_Chart):
    """One account's key and extensive indices, and its organization level (rank × 25), at
    each of its assessments."""

    def show(self, title: str, days: Sequence[str], lines: Sequence[tuple[str, Sequence[float | None]]]) -> None:
        _plain(self, title)
        plt = self.plt
        plt.date_form("Y-m-d")
        for label, values in lines:
            pts = [(d, v) for d, v in zip(days, values) if v is not None]
            if pts:
                plt.plot([d for d, _ in pts], [v for _, v in pts], label=label, marker="braille")
        self.refresh()
