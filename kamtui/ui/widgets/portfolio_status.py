"""The portfolio's status line (counts, filter, sort, legend) and its first-run panel."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widgets import Static

from kamtui.domain.enums import Lang
from kamtui.ui.i18n import register, t
from kamtui.ui.widgets.account_table import ARCHIVED, OVERDUE, RED_FLAG

register({
    "portfolio.legend": (f"{OVERDUE} overdue {RED_FLAG} red flag {ARCHIVED} archived",
                         f"{OVERDUE} 逾期 {RED_FLAG} 红旗 {ARCHIVED} 归档"),
    "portfolio.count": ("{n} {n|account|accounts}", "{n} 个客户"),
    "portfolio.count_filtered": ("{shown} of {n} {n|account|accounts}", "{n} 个客户中的 {shown} 个"),
    "portfolio.loading": ("loading {n} {n|account|accounts}…", "正在载入 {n} 个客户…"),
    "portfolio.with_archived": ("archived shown", "含已归档"),
    "portfolio.sorted": ("sorted by {column} {arrow}", "按{column}{arrow}排序"),
    "portfolio.empty": (
        "No accounts yet.\n\n"
        "Press n to add your first account.\n"
        "To explore first, run `kamtui demo` in a shell: it opens a demo team with four accounts.\n\n"
        "? lists every key; ctrl+p opens the command palette.",
        "还没有客户。\n\n"
        "按 n 新建第一个客户。\n"
        "想先看看？在终端运行 `kamtui demo`，打开含四个客户的演示团队。\n\n"
        "? 列出所有按键；ctrl+p 打开命令面板。"),
    "portfolio.join": ("Press m to add yourself (login “{login}”) to the team: you then own what you plan "
                       "and have an agenda.",
                       "按 m 将自己加入团队（登录名“{login}”）。\n之后可负责所规划的活动，并拥有自己的日程。"),
    "portfolio.only_archived": ("Every account is archived: press A to show them.",
                                "所有客户均已归档：按 A 显示。"),
})


@dataclass(frozen=True)
class PortfolioState:
    total: int
    shown: int
    filtering: bool
    with_archived: bool
    sort_column: str
    sort_reverse: bool
    loading: int = 0  # accounts still on their way (loaded off the UI thread)


class PortfolioStatus(Static):
    def show(self, state: PortfolioState, lang: Lang) -> None:
        if state.loading:
            parts = [t("portfolio.loading", lang, n=state.loading)]
        elif state.filtering:
            parts = [t("portfolio.count_filtered", lang, shown=state.shown, n=state.total)]
        else:
            parts = [t("portfolio.count", lang, n=state.total)]
        if state.with_archived:
            parts.append(t("portfolio.with_archived", lang))
        column = t(f"table.col.{state.sort_column}", lang)
        parts.append(t("portfolio.sorted", lang, column=column, arrow="▼" if state.sort_reverse else "▲"))
        parts.append(t("portfolio.legend", lang))
        # One line, as wide as the screen, whatever it says: no layout pass of the whole
        # screen on every keystroke of a filter (half of those a key cost).
        self.update(Content(" · ".join(parts)), layout=False)


class FirstRun(Static):
    """Shown instead of the table while the workspace has no account to list."""

    def show(self, only_archived: bool, lang: Lang, join_as: str | None = None) -> None:
        """`join_as`: the acting user's login when they are not on the team yet (m adds them)."""
        text = t("portfolio.only_archived" if only_archived else "portfolio.empty", lang)
        if join_as is not None:
            text += "\n\n" + t("portfolio.join", lang, login=join_as)
        self.update(Content(text))
