"""Where you are in the wizard: the four steps, the current one marked ▶ and bracketed.

A step's state is never shown by colour alone: ▶ marks the current step, ! one with invalid
input, ✓ one that is complete. One widget paints the line (four widgets cost every layout
pass of the wizard's opening a little more).
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.widget import Widget

from kamtui.services.assessments import STEPS
from kamtui.ui.screens.assessment_steps.strings import tr


class StepBar(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"stepbar--item", "stepbar--done", "stepbar--invalid",
                                             "stepbar--current"}

    def __init__(self) -> None:
        super().__init__(id="step-bar")
        self.current = 0
        self.invalid: set[int] = set()
        self._shown: tuple | None = None

    def show(self, current: int, invalid: set[int]) -> None:
        state = (current, frozenset(invalid), self.app.lang)  # type: ignore[attr-defined]
        if state == self._shown:
            return  # nothing moved: no repaint
        self._shown = state
        self.current, self.invalid = current, set(invalid)
        self.refresh()

    def items(self) -> list[tuple[str, str]]:
        """(text, component class) of each step, in order."""
        lang = self.app.lang  # type: ignore[attr-defined]
        out = []
        for i in range(STEPS):
            bad = i in self.invalid
            mark = "▶" if i == self.current else "!" if bad else "✓" if i < self.current else " "
            name = f"{i + 1} {tr(f'assess.step.{i}', lang)}"
            flag = " !" if bad else ""
            if i == self.current:
                out.append((f"{mark}[{name}{flag}]", "stepbar--current"))
            else:
                out.append((f"{mark} {name} ", "stepbar--invalid" if bad else
                            "stepbar--done" if i < self.current else "stepbar--item"))
        return out

    def render(self) -> Content:
        # One blank between the steps (what the items' right margin was).
        return Content(" ").join(Content.styled(text, self.get_visual_style(cls)) for text, cls in self.items())

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[override]
        return 1
