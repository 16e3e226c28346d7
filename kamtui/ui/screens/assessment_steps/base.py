"""What the four wizard steps share: the session, language, live line and problem display."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from kamtui import formatting as fmt
from kamtui.domain.enums import Attitude, Indicator, OrgDimension, OrgLevel
from kamtui.services.assessments import AssessmentSession, Problem
from kamtui.ui.screens.assessment_steps.grid import fit
from kamtui.ui.screens.assessment_steps.strings import tr
from kamtui.ui.text import plain

if TYPE_CHECKING:
    from kamtui.domain.rules.org import OrgResult
    from kamtui.domain.rules.summary import LayerFigures


ARROW: dict[int | None, str] = {1: "▲", -1: "▼", 0: "=", None: "≠"}


def value_text(v: Any, lang: str) -> str:
    """A rating or figure as words: levels and attitudes by label (attitude with its symbol)."""
    if v is None:
        return fmt.DASH
    if isinstance(v, OrgLevel):
        return v.label(lang)  # type: ignore[arg-type]
    if isinstance(v, Attitude):
        return f"{v.symbol} {v.label(lang)}"  # type: ignore[arg-type]
    if hasattr(v, "indicator"):  # a short board
        return f"{v.department} · {v.indicator.label(lang)} ({v.value})"
    if isinstance(v, float):
        return fmt.index(v)
    return str(v)


class Edited(Message):
    """A step changed the session: live figures, step bar and draft follow."""


class Step(Vertical):
    index: ClassVar[int] = 0

    def __init__(self, session: AssessmentSession) -> None:
        super().__init__(id=f"step-{self.index}", classes="step")
        self.session = session

    @property
    def lang(self) -> str:
        return self.app.lang  # type: ignore[attr-defined]

    def tr(self, key: str, **values: object) -> str:
        return tr(key, self.lang, **values)

    # -- for the screen ----------------------------------------------------------------
    def relabel(self) -> None:
        self.refresh_live()

    def refresh_live(self) -> None:
        """Redraw the live figures line."""

    def reload(self) -> None:
        """The session's values were replaced (discarded draft): show them again."""
        self.relabel()

    def show_problems(self, problems: list[Problem]) -> None:
        """Mark the fields the problems name and focus the first."""

    def first_field(self) -> Widget | None:
        """The widget that takes the focus when the step is shown (None: the screen's first)."""
        return None

    def guide_subject(self) -> OrgDimension | Indicator | None:
        """The rating under the cursor, for the `?` guide."""
        return None

    def edited(self) -> None:
        self.refresh_live()
        self.post_message(Edited())

    # -- shared wording ----------------------------------------------------------------
    def key_line(self, f: "LayerFigures") -> str:
        return self.tr("assess.live.key", index=fmt.index(f.key_index), coverage=fmt.percent(f.coverage),
                       flags=len(f.red_flags))

    def board_text(self, f: "LayerFigures") -> str:
        sb = f.short_board
        if sb is None:
            return self.tr("assess.none")
        return self.tr("assess.live.board", dept=sb.department, indicator=sb.indicator.label(self.lang),
                       value=sb.value)

    def org_line(self, org: "OrgResult | None") -> str:
        if org is None:
            return self.tr("assess.live.unrated")
        parts = [self.tr("assess.live.level", level=org.level.label(self.lang))]
        if org.holding_down:
            dims = ", ".join(d.label(self.lang) for d in org.holding_down)
            parts.append(self.tr("assess.live.holding", dims=dims))
        else:
            parts.append(self.tr("assess.live.top"))
        return " · ".join(parts)


class LiveLine(Static):
    """The step's live figures: plain text (names inside are user data)."""

    def show(self, text: str) -> None:
        self.update(plain(text))


class Lines(Widget):
    """Lines of text, each cut to the width with an ellipsis; a line may carry a component class."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"lines--title", "lines--muted", "lines--good",
                                             "lines--bad", "lines--warn"}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.lines: list[tuple[str, str | None]] = []

    def set_lines(self, lines: list[tuple[str, str | None]]) -> None:
        self.lines = lines
        self.refresh(layout=True)

    def render(self) -> Content:
        width = self.content_region.width or 40
        out = []
        for text, cls in self.lines:
            style = self.get_visual_style(f"lines--{cls}") if cls else None
            out.append(Content.styled(fit(text, width), style) if style else Content(fit(text, width)))
        return Content("\n").join(out)

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[override]
        return max(len(self.lines), 1)
