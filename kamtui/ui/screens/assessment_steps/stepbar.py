"""Where you are in the wizard: the four steps, the current one marked ▶ and bracketed.

A step's state is never shown by colour alone: ▶ marks the current step, ! one with invalid
input, ✓ one that is complete.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from kamtui.services.assessments import STEPS
from kamtui.ui.screens.assessment_steps.strings import tr


class StepBar(Horizontal):
    def __init__(self) -> None:
        super().__init__(id="step-bar")
        self.current = 0
        self.invalid: set[int] = set()
        self._shown: tuple | None = None

    def compose(self) -> ComposeResult:
        for i in range(STEPS):
            yield Static("", id=f"stepbar-{i}", classes="stepbar-item")

    def on_mount(self) -> None:
        self.show(self.current, self.invalid)

    def show(self, current: int, invalid: set[int]) -> None:
        lang = self.app.lang  # type: ignore[attr-defined]
        state = (current, frozenset(invalid), lang)
        if state == self._shown:
            return  # class changes restyle the bar: skip when nothing moved
        self._shown = state
        self.current, self.invalid = current, set(invalid)
        for i in range(STEPS):
            item = self.query_one(f"#stepbar-{i}", Static)
            mark = "▶" if i == current else "!" if i in invalid else "✓" if i < current else " "
            name = f"{i + 1} {tr(f'assess.step.{i}', lang)}"
            flag = " !" if i in invalid else ""
            item.update(Content(f"{mark}[{name}{flag}]" if i == current else f"{mark} {name} "))
            item.set_class(i == current, "-current")
            item.set_class(i in invalid, "-invalid")
            item.set_class(i < current and i not in invalid, "-done")
