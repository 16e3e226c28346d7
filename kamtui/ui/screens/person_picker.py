"""Type-ahead pickers: type any part of a name or title (Chinese too), enter takes the highlight.

Dismisses with the chosen item's id, `NOBODY` when the "(nobody)" line is taken, or None
when cancelled.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from kamtui.services import pinyin
from kamtui.services.stakeholders import PickItem
from kamtui.ui import i18n
from kamtui.ui.screens.base import KamModal
from kamtui.ui.text import plain, safe

i18n.register({
    "picker.placeholder": ("Type part of a name or title", "输入姓名或职务的任意部分"),
    "picker.nobody": ("(nobody)", "（无）"),
    "picker.more": ("… {n} more: type to narrow", "…… 另有 {n} 项：继续输入以缩小范围"),
    "picker.none_found": ("Nothing matches.", "没有匹配项。"),
    "picker.hint": ("enter picks · escape cancels", "enter 选择 · escape 取消"),
    "key.picker_cancel": ("Cancel", "取消"),
    "help.picker_cancel": ("Close without choosing", "不选择并关闭"),
})

NOBODY = "\x00nobody"  # the id of the "(nobody)" line: clears a reports-to or a parent
SHOWN = 100  # more matches than this: the list says how many more and asks to narrow


class PersonPickerDialog(KamModal[str | None]):
    CSS_PATH = "stakeholder_map.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker_cancel"),
        Binding("down", "move(1)", show=False, priority=True),
        Binding("up", "move(-1)", show=False, priority=True),
    ]

    def __init__(self, title: str, items: list[PickItem], allow_nobody: bool = False) -> None:
        super().__init__()
        self.heading = title
        self.items = items
        self.allow_nobody = allow_nobody
        self.shown: list[PickItem] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static(plain(self.heading), id="picker-title")
            yield Input(placeholder=self.tr("picker.placeholder"), id="picker-input")
            yield OptionList(id="picker-list")
            yield Static(Content(self.tr("picker.hint")), id="picker-hint")

    def on_mount(self) -> None:
        super().on_mount()
        self.refilter("")
        self.query_one(Input).focus()
        self._pinyin_keys()

    @work(thread=True, exclusive=True, group="pinyin")
    def _pinyin_keys(self) -> None:
        # once per name, before the typing needs them (pypinyin's first use takes ≈0.5 s)
        for item in self.items:
            item.pinyin_keys()

    def refilter(self, term: str) -> None:
        needle = term.strip().casefold()
        spelled = pinyin.needle(term)
        found = [i for i in self.items if not needle or i.matches(needle, spelled)]
        self.shown = found[:SHOWN]
        options: list[Option] = []
        if self.allow_nobody and not needle:
            options.append(Option(Content(self.tr("picker.nobody")), id=NOBODY))
        for item in self.shown:
            detail = " · ".join(safe(x) for x in (item.title, item.detail) if x)
            options.append(Option(Content(safe(item.name) + (f"  {detail}" if detail else "")), id=item.id))
        if len(found) > SHOWN:
            options.append(Option(Content(self.tr("picker.more", n=len(found) - SHOWN)), disabled=True))
        if not options:
            options.append(Option(Content(self.tr("picker.none_found")), disabled=True))
        plist = self.query_one(OptionList)
        plist.set_options(options)
        plist.highlighted = 0 if not options[0].disabled else None

    @property
    def highlighted_id(self) -> str | None:
        plist = self.query_one(OptionList)
        if plist.highlighted is None:
            return None
        return plist.get_option_at_index(plist.highlighted).id

    @on(Input.Changed, "#picker-input")
    def _typed(self, event: Input.Changed) -> None:
        self.refilter(event.value)

    @on(Input.Submitted, "#picker-input")
    def _enter(self) -> None:
        chosen = self.highlighted_id
        if chosen is not None:
            self.dismiss(chosen)

    @on(OptionList.OptionSelected, "#picker-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(event.option.id)

    def action_move(self, step: int) -> None:
        plist = self.query_one(OptionList)
        if step > 0:
            plist.action_cursor_down()
        else:
            plist.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)


class DepartmentPickerDialog(PersonPickerDialog):
    """The same type-ahead over departments (name or business line)."""
