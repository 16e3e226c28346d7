"""Shown when the workspace fails its integrity check: what to do, and nothing but quitting.

The check runs after the app's first paint (see KamtuiApp); until it answers the app is usable,
afterwards this dialog blocks it: working on in a damaged file could make the damage worse.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from kamtui.ui.i18n import register
from kamtui.ui.screens.base import KamModal
from kamtui.ui.text import fill

register({
    "damaged.title": ("The workspace file is damaged", "工作区文件已损坏"),
    "damaged.body": (
        "$path is damaged ($detail): quit, then restore its newest verified backup with "
        "`kamtui restore $path $backup`.",
        "$path 已损坏（$detail）：请退出，然后用 `kamtui restore $path $backup` 恢复其最新的已验证备份。"),
    "damaged.body.no_backup": (
        "$path is damaged ($detail) and no verified backup was found next to it: quit, and check "
        "it with `kamtui check $path` before using it again.",
        "$path 已损坏（$detail），且旁边没有已验证的备份：请退出，并先用 `kamtui check $path` 检查后再使用。"),
    "damaged.quit": ("Quit", "退出"),
    "key.damaged_quit": ("Quit", "退出"),
    "help.damaged_quit": ("Quit kamtui (the damaged file is left untouched)", "退出 kamtui（损坏的文件保持原样）"),
})

DETAIL_MAX = 120  # characters of SQLite's finding: enough to recognise it, short enough to read


def short_detail(detail: str) -> str:
    """quick_check's answer on one line (it may run to many), cut with an ellipsis."""
    text = " ".join(detail.replace("*", "").split())
    return text if len(text) <= DETAIL_MAX else text[:DETAIL_MAX - 1] + "…"


class DamagedDialog(KamModal[None]):
    """Blocks the app (KamtuiApp.check_action refuses everything but quitting and L)."""

    CSS_PATH = "damaged.tcss"
    BINDINGS = [
        Binding("q", "app.quit", "Quit", id="damaged_quit"),
        # a modal screen keeps the app's keys out: the language switch is brought in again
        Binding("L", "app.toggle_lang", "中文", key_display="L", id="lang"),
    ]

    def __init__(self, path: Path, detail: str, backup: Path | None) -> None:
        super().__init__()
        self.path = path
        self.detail = short_detail(detail)
        self.backup = backup

    def compose(self) -> ComposeResult:
        with Vertical(id="damaged-box"):
            yield Static("", id="damaged-title")
            yield Static("", id="damaged-body")
            with Horizontal(id="damaged-buttons"):
                yield Button("", id="damaged-quit", variant="error", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.relabel()
        self.query_one("#damaged-quit", Button).focus()

    def relabel(self) -> None:
        if not self.query("#damaged-title"):
            return  # mounted while the app was already closing: its children are gone
        self.query_one("#damaged-title", Static).update(Content(self.tr("damaged.title")))
        if self.backup is not None:
            body = fill(self.tr("damaged.body"), path=self.path, detail=self.detail, backup=self.backup)
        else:
            body = fill(self.tr("damaged.body.no_backup"), path=self.path, detail=self.detail)
        self.query_one("#damaged-body", Static).update(body)
        self.query_one("#damaged-quit", Button).label = Content(self.tr("damaged.quit") + " (q)")

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.app.action_quit()  # exits 1 with the damage in one sentence
