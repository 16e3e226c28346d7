"""The record you are saving was changed (or deleted) by someone else since you opened it.

Shown by FormDialog. Per field both sides changed: the value when you opened the form, theirs
(who, when) and mine; choose keep mine / take theirs / edit (back to the form with the merged
values). Fields only one side changed were merged already and are listed. Escape goes back to
the form with everything you typed. A deleted record can be re-created with your values.

The import of plan files shows its three-way conflicts in the same dialog, worded for it
(import_conflict.py: ROW_CHOICES, FIRST_CHOICE and WORDS are what a subclass changes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any, ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Button, Static

from kamtui.errors import entity_name
from kamtui.ui.i18n import register
from kamtui.ui.screens.base import KamModal
from kamtui.ui.text import safe, safe_line
from kamtui.ui.widgets.window_table import fit

Choice = Literal["mine", "theirs", "edit", "skip"]
CHOICES: tuple[Choice, ...] = ("mine", "theirs", "edit")
ALL_CHOICES: tuple[Choice, ...] = ("mine", "theirs", "edit", "skip")

register({
    "conflict.title": ("Changed meanwhile: {entity}", "他人已修改：{entity}"),
    "conflict.title.deleted": ("Deleted meanwhile: {entity}", "他人已删除：{entity}"),
    "conflict.who": ("{who} saved it at {when}, after you opened the form.",
                     "{who} 于 {when} 保存了它（在您打开表单之后）。"),
    "conflict.who.deleted": ("{who} deleted it at {when}, after you opened the form.",
                             "{who} 于 {when} 删除了它（在您打开表单之后）。"),
    "conflict.someone": ("someone", "他人"),
    "conflict.sometime": ("an unknown time", "未知时间"),
    "conflict.deleted.body": ("Your input is kept. Re-create it with your values, or go back to the form.",
                              "您的输入已保留。可用您的内容重新创建，或返回表单。"),
    "conflict.intro": ("Both of you changed these fields: choose for each.", "你们都修改了以下字段：请逐项选择。"),
    "conflict.merged": ("Merged without asking: {items}", "已自动合并：{items}"),
    "conflict.merged.theirs": ("{label} (theirs)", "{label}（他人）"),
    "conflict.merged.mine": ("{label} (yours)", "{label}（您的）"),
    "conflict.col.field": ("Field", "字段"),
    "conflict.col.base": ("When opened", "打开时"),
    "conflict.col.theirs": ("Theirs", "他人的"),
    "conflict.col.mine": ("Mine", "我的"),
    "conflict.col.choice": ("Choice", "选择"),
    "conflict.choice.mine": ("keep mine", "保留我的"),
    "conflict.choice.theirs": ("take theirs", "采用他人的"),
    "conflict.choice.edit": ("edit", "编辑"),
    "conflict.detail": ("{label} · opened: {base}\ntheirs: {theirs}\nmine: {mine}",
                        "{label} · 打开时：{base}\n他人的：{theirs}\n我的：{mine}"),
    "conflict.hint": ("m mine · t theirs · e edit · ←→ change · M/T all · ↑↓ field",
                      "m 我的 · t 他人的 · e 编辑 · ←→ 切换 · M/T 全部 · ↑↓ 字段"),
    "conflict.save": ("Save", "保存"),
    "conflict.to_form": ("Edit in form", "在表单中编辑"),
    "conflict.back": ("Back to form", "返回表单"),
    "conflict.recreate": ("Re-create", "重新创建"),
    "key.conflict_apply": ("Apply", "应用"),
    "help.conflict_apply": ("Save with these choices (or go to the form when a field says edit)",
                            "按所选保存（若有字段选“编辑”则进入表单）"),
    "key.conflict_back": ("Back", "返回"),
    "help.conflict_back": ("Back to the form; nothing you typed is lost", "返回表单，输入内容不会丢失"),
    "key.conflict_mine": ("Mine", "我的"),
    "help.conflict_mine": ("Keep my value for this field", "此字段保留我的值"),
    "key.conflict_theirs": ("Theirs", "他人的"),
    "help.conflict_theirs": ("Take their value for this field", "此字段采用他人的值"),
    "key.conflict_edit": ("Edit", "编辑"),
    "help.conflict_edit": ("Decide this field in the form", "在表单中决定此字段"),
    "key.conflict_all_mine": ("All mine", "全用我的"),
    "help.conflict_all_mine": ("Keep my value for every field", "所有字段保留我的值"),
    "key.conflict_all_theirs": ("All theirs", "全用他人的"),
    "help.conflict_all_theirs": ("Take their value for every field", "所有字段采用他人的值"),
    "key.conflict_recreate": ("Re-create", "重新创建"),
    "help.conflict_recreate": ("Add the deleted record again with your values", "用您的内容重新添加被删除的记录"),
})


@dataclass(frozen=True)
class ConflictField:
    """One field both sides changed, as texts to show (user data: shown literally)."""

    path: str
    label: str
    base: str
    theirs: str
    mine: str


@dataclass(frozen=True)
class ConflictView:
    entity: str  # as ConflictError names it: "account", "team member"…
    who: str | None
    when: str | None  # ISO time of their save (the audit log's)
    deleted: bool = False
    fields: list[ConflictField] = field(default_factory=list)
    merged_theirs: list[str] = field(default_factory=list)  # labels taken from theirs silently
    merged_mine: list[str] = field(default_factory=list)  # labels of mine kept silently
    mine_by: str | None = None  # who made mine, where it is not the user (an import's workspace side)
    mine_when: str | None = None
    name: str = ""  # the record's name (an import's dialog shows it)
    place: str = ""  # e.g. "1/3": which of several this is


def when_text(at: str | None) -> str | None:
    """"2026-11-26T09:30:00+00:00" -> "2026-11-26 09:30 UTC" (the same for everybody)."""
    if not at:
        return None
    try:
        moment = dt.datetime.fromisoformat(at)
    except ValueError:
        return safe(at)
    if moment.tzinfo is not None:
        return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M")


def entity_text(entity: str, lang: str) -> str:
    """The record's kind in the current language ("team member" -> 团队成员)."""
    return entity_name(entity).text(lang)


class ConflictRow(Widget, can_focus=True):
    """One conflicting field on one line: label, when opened, theirs, mine, the choice."""

    CYCLE = [
        Binding("right", "cycle(1)", "Next choice", show=False),
        Binding("left", "cycle(-1)", "Previous choice", show=False),
        Binding("space", "cycle(1)", "Next choice", show=False),
    ]
    BINDINGS = [
        Binding("m", "choose('mine')", "Mine", id="conflict_mine"),
        Binding("t", "choose('theirs')", "Theirs", id="conflict_theirs"),
        Binding("e", "choose('edit')", "Edit", id="conflict_edit"),
        *CYCLE,
    ]

    choice: reactive[Choice] = reactive("mine")

    def __init__(self, item: ConflictField, label_of: Callable[[Choice], str],
                 choices: tuple[Choice, ...] = CHOICES, first: Choice = "mine"):
        super().__init__(classes="conflict-row")
        self.item = item
        self.label_of = label_of
        self.choices = choices
        self.set_reactive(ConflictRow.choice, first)

    def on_mount(self) -> None:
        self.watch_choice(self.choice)

    def render(self) -> Content:
        return Content(row_text(self.size.width, self.item.label, self.item.base, self.item.theirs,
                                self.item.mine, self.label_of(self.choice)))

    def watch_choice(self, choice: Choice) -> None:
        for c in ALL_CHOICES:
            self.set_class(choice == c, f"-{c}")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "choose" or parameters[0] in self.choices

    def action_choose(self, choice: Choice) -> None:
        if choice not in self.choices:
            return
        self.choice = choice
        self.post_message(ConflictRow.Changed())

    def action_cycle(self, step: int) -> None:
        self.action_choose(self.choices[(self.choices.index(self.choice) + step) % len(self.choices)])

    def on_focus(self) -> None:
        self.post_message(ConflictRow.Changed())

    class Changed(Message):
        """The choice or the focused row changed: the dialog updates its detail and button."""


def row_text(width: int, label: str, base: str, theirs: str, mine: str, choice: str) -> str:
    """One line in `width` cells: field | when opened | theirs | mine | choice."""
    width = max(width, 40)
    label_w, choice_w = 12, 12
    rest = width - label_w - choice_w - 4
    base_w = rest // 4
    value_w = (rest - base_w) // 2
    mine_w = rest - base_w - value_w
    def first(text: str) -> str:  # a note shows its first line here, all of it below the table
        lines = text.splitlines()
        return safe_line(lines[0] + " …" if len(lines) > 1 else text)

    return " ".join([fit(first(label), label_w), fit(first(base), base_w), fit(first(theirs), value_w),
                     fit(first(mine), mine_w), fit(safe_line(choice), choice_w)])


class ConflictDialog(KamModal[Any]):
    """Dismisses with {path: "mine" | "theirs" | "edit"}, "recreate" (deleted record), or
    None (back to the form, nothing decided)."""

    CSS_PATH = "conflict.tcss"
    BINDINGS = [
        Binding("ctrl+s", "apply", "Apply", id="conflict_apply"),
        Binding("escape", "back", "Back", id="conflict_back"),
        Binding("M", "all('mine')", "All mine", key_display="M", id="conflict_all_mine"),
        Binding("T", "all('theirs')", "All theirs", key_display="T", id="conflict_all_theirs"),
        Binding("r", "recreate", "Re-create", id="conflict_recreate"),
        Binding("down", "app.focus_next", show=False),
        Binding("up", "app.focus_previous", show=False),
    ]

    ROW: ClassVar[type[ConflictRow]] = ConflictRow
    ROW_CHOICES: ClassVar[tuple[Choice, ...]] = CHOICES
    FIRST_CHOICE: ClassVar[Choice] = "mine"
    WORDS: ClassVar[dict[str, str]] = {}  # "title" -> the i18n key used instead of "conflict.title"

    def __init__(self, view: ConflictView):
        super().__init__()
        self.view = view

    def word(self, key: str, **values: object) -> str:
        return self.tr(self.WORDS.get(key, f"conflict.{key}"), **values)

    def theirs_head(self) -> str:
        return f"{self.word('col.theirs')} ({safe(self.view.who or self.word('someone'))})"

    def choice_label(self, choice: Choice) -> str:
        return self.word(f"choice.{choice}")

    # -- building ------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        v = self.view
        entity = entity_text(v.entity, self.lang)
        who = v.who or self.word("someone")
        when = when_text(v.when) or self.word("sometime")
        mine_by = v.mine_by or self.word("someone")
        mine_when = when_text(v.mine_when) or self.word("sometime")
        with Vertical(id="conflict-box", classes="-deleted" if v.deleted else ""):
            yield Static(Content(self.word("title.deleted" if v.deleted else "title", entity=entity,
                                           name=safe_line(v.name), place=v.place)), id="conflict-title")
            yield Static(Content(self.word("who.deleted" if v.deleted else "who", who=safe(who), when=when,
                                           mine_by=safe(mine_by), mine_when=mine_when)), id="conflict-who")
            if v.deleted:
                yield Static(Content(self.tr("conflict.deleted.body")), id="conflict-body")
            else:
                merged = [self.word("merged.theirs", label=x) for x in v.merged_theirs]
                merged += [self.word("merged.mine", label=x) for x in v.merged_mine]
                if merged:
                    yield Static(Content(self.word("merged", items=" · ".join(merged))),
                                 id="conflict-merged")
                yield Static(Content(self.word("intro")), id="conflict-intro")
                yield Static("", id="conflict-head")
                with VerticalScroll(id="conflict-rows"):
                    for item in v.fields:
                        yield self.ROW(item, self.choice_label, self.ROW_CHOICES, self.FIRST_CHOICE)
                yield Static("", id="conflict-detail")
                yield Static(Content(self.word("hint")), id="conflict-hint")
            with Horizontal(id="conflict-buttons"):
                if v.deleted:
                    yield Button(Content(self.tr("conflict.recreate") + " r"), id="conflict-recreate",
                                 variant="warning", compact=True)
                else:
                    yield Button(Content(self.word("save") + " ^s"), id="conflict-apply",
                                 variant="primary", compact=True)
                yield Button(Content(self.word("back") + " esc"), id="conflict-back", compact=True)

    def on_mount(self) -> None:
        rows = list(self.query(ConflictRow))
        if rows:
            rows[0].focus()
        else:
            self.query_one("#conflict-recreate" if self.view.deleted else "#conflict-back", Button).focus()

    def on_resize(self) -> None:
        self._update()

    @property
    def rows(self) -> list[ConflictRow]:
        return list(self.query(ConflictRow))

    @property
    def choices(self) -> dict[str, Choice]:
        return {row.item.path: row.choice for row in self.rows}

    @on(ConflictRow.Changed)
    def _update(self) -> None:
        if self.view.deleted or not self.is_mounted:
            return
        head = self.query_one("#conflict-head", Static)
        mine = self.word("col.mine")
        if self.view.mine_by:
            mine = f"{mine} ({safe(self.view.mine_by)})"
        head.update(Content(row_text(head.size.width or 70, self.word("col.field"), self.word("col.base"),
                                     self.theirs_head(), mine, self.word("col.choice"))))
        focused = self.focused if isinstance(self.focused, ConflictRow) else (self.rows[:1] or [None])[0]
        if focused is not None:
            i = focused.item
            self.query_one("#conflict-detail", Static).update(Content(self.word(
                "detail", label=i.label, base=i.base, theirs=i.theirs, mine=i.mine)))
        to_form = any(c == "edit" for c in self.choices.values())
        self.query_one("#conflict-apply", Button).label = Content(
            self.word("to_form" if to_form else "save") + " ^s")

    # -- availability --------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "recreate":
            return self.view.deleted
        if action in ("all", "apply"):
            return True if action == "apply" or not self.view.deleted else False
        return True

    # -- actions -------------------------------------------------------------------
    def action_all(self, choice: Choice) -> None:
        for row in self.rows:
            row.choice = choice
        self._update()

    def action_apply(self) -> None:
        if self.view.deleted:
            self.dismiss("recreate")
        else:
            self.dismiss(self.choices)

    def action_recreate(self) -> None:
        self.dismiss("recreate")

    def action_back(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#conflict-apply")
    def _apply_pressed(self) -> None:
        self.action_apply()

    @on(Button.Pressed, "#conflict-recreate")
    def _recreate_pressed(self) -> None:
        self.action_recreate()

    @on(Button.Pressed, "#conflict-back")
    def _back_pressed(self) -> None:
        self.action_back()
