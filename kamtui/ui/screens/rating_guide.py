"""`?` on a dimension or indicator: questions that help choose the value, in both languages."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from kamtui.domain.enums import Indicator, OrgDimension
from kamtui.domain.guides import DESCRIPTORS, QUESTIONS, SCALE5
from kamtui.ui import i18n
from kamtui.ui.screens.base import KamModal

i18n.register({
    "guide.questions": ("Questions that help choose the value", "帮助选择分值的问题"),
    "guide.other": ("中文", "English"),
    "guide.scale": ("What the values mean", "分值含义"),
    "guide.footer": ("escape or ? closes · F1: the keys of the screen", "按 escape 或 ? 关闭 · F1：本屏按键"),
    "guide.kind.dimension": ("Organisation dimension, rated 1–4", "组织关系维度，评 1–4 分"),
    "guide.kind.indicator": ("Department indicator, rated 1–5", "部门指标，评 1–5 分"),
    "key.guide_close": ("Close", "关闭"),
    "help.guide_close": ("Close the guide", "关闭指引"),
})


class RatingGuideDialog(KamModal[None]):
    CSS_PATH = "assessment.tcss"
    BINDINGS = [
        Binding("escape", "close", "Close", id="guide_close"),
        Binding("question_mark", "close", "Close", show=False),
        Binding("f1", "keys", show=False),
    ]

    def __init__(self, subject: OrgDimension | Indicator) -> None:
        super().__init__()
        self.subject = subject

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="guide-box"):
            yield Static("", id="guide-title")
            yield Static("", id="guide-kind")
            yield Static("", id="guide-questions")
            yield Static("", id="guide-other")
            yield Static("", id="guide-scale-title")
            yield Static("", id="guide-scale")
            yield Static("", id="guide-footer")

    def on_mount(self) -> None:
        super().on_mount()
        self.relabel()

    def relabel(self) -> None:
        lang, other = self.lang, ("en" if self.lang == "zh" else "zh")
        s = self.subject
        kind = "dimension" if isinstance(s, OrgDimension) else "indicator"
        pairs = QUESTIONS[s]
        pick = 1 if lang == "zh" else 0

        def put(wid: str, text: str) -> None:
            self.query_one(wid, Static).update(Content(text))

        put("#guide-title", f"{s.label(lang)} · {s.label(other)}")  # type: ignore[arg-type]
        put("#guide-kind", self.tr(f"guide.kind.{kind}"))
        put("#guide-questions", self.tr("guide.questions") + "\n"
            + "\n".join(f"{n}. {q[pick]}" for n, q in enumerate(pairs, 1)))
        put("#guide-other", "\n".join(f"{n}. {q[1 - pick]}" for n, q in enumerate(pairs, 1)))
        put("#guide-scale-title", self.tr("guide.scale"))
        scale = DESCRIPTORS[s] if isinstance(s, OrgDimension) else SCALE5
        put("#guide-scale", "\n".join(f"{n}  {text[pick]}" for n, text in scale.items()))
        put("#guide-footer", self.tr("guide.footer"))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_keys(self) -> None:
        self.dismiss(None)
        self.app.call_later(self.kam.action_keys)
