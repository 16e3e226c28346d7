"""An import's three-way conflicts, one record at a time, in the conflict dialog: per field the
last synced value, the workspace's (who changed it, when) and the file's (who, where known);
the user keeps the workspace's or takes the file's per field, or skips the record, which then
stays as the workspace has it and travels with the files until decided.

`decide` walks the records and hands back the choices as the import takes them:
(kind, key) -> {field path: "workspace" / "file"}; records left out are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding

from kamtui.ui.i18n import register, t
from kamtui.ui.screens.conflict import ConflictDialog, ConflictField, ConflictRow, ConflictView
from kamtui.ui.text import safe

if TYPE_CHECKING:
    from kamtui.services.plans.results import Conflict

Choices = dict[tuple[str, str], dict[str, str]]

register({
    "import_conflict.title": ("Import conflict {place}: {entity} “{name}”", "导入冲突 {place}：{entity}“{name}”"),
    "import_conflict.who": ("Workspace: changed by {mine_by} ({mine_when}). File: changed by {who}.",
                            "工作区：由 {mine_by} 修改（{mine_when}）。文件：由 {who} 修改。"),
    "import_conflict.intro": ("Both changed these fields since the last sync: keep one side per field, "
                              "or skip the record.",
                              "自上次同步后双方都修改了以下字段：逐项保留一方，或跳过此记录。"),
    "import_conflict.col.base": ("Last synced", "上次同步"),
    "import_conflict.base_unknown": ("not known", "未知"),
    "import_conflict.col.mine": ("Workspace", "工作区"),
    "import_conflict.col.theirs": ("File", "文件"),
    "import_conflict.choice.mine": ("keep workspace", "保留工作区"),
    "import_conflict.choice.theirs": ("take file", "采用文件"),
    "import_conflict.choice.skip": ("skip", "跳过"),
    "import_conflict.detail": ("{label} · last synced: {base}\nworkspace: {mine}\nfile: {theirs}",
                               "{label} · 上次同步：{base}\n工作区：{mine}\n文件：{theirs}"),
    "import_conflict.hint": ("w workspace · f file · s skip (the record stays) · W/F all · ↑↓ field",
                             "w 工作区 · f 文件 · s 跳过（整条保持原样）· W/F 全部 · ↑↓ 字段"),
    "import_conflict.save": ("Apply", "应用"),
    "import_conflict.back": ("Skip record", "跳过此记录"),
    "import_conflict.someone": ("an unknown author", "未知作者"),
    "import_conflict.empty": ("(empty)", "（空）"),
    "key.import_conflict_skip": ("Skip", "跳过"),
    "help.import_conflict_skip": ("Leave this field, and so the record, as it is", "此字段（及整条记录）保持原样"),
    "key.import_conflict_apply": ("Apply", "应用"),
    "help.import_conflict_apply": ("Import this record with these choices (a field on skip skips it)",
                                   "按所选导入此记录（有字段跳过则整条跳过）"),
    "key.import_conflict_back": ("Skip record", "跳过此记录"),
    "help.import_conflict_back": ("Leave this record as the workspace has it", "此记录保持工作区中的样子"),
    "key.import_conflict_workspace": ("Workspace", "工作区"),
    "help.import_conflict_workspace": ("Keep the workspace's value of this field", "此字段保留工作区的值"),
    "key.import_conflict_file": ("File", "文件"),
    "help.import_conflict_file": ("Take the file's value of this field", "此字段采用文件中的值"),
    "key.import_conflict_all_workspace": ("All workspace", "全用工作区"),
    "help.import_conflict_all_workspace": ("Keep the workspace's value of every field", "所有字段保留工作区的值"),
    "key.import_conflict_all_file": ("All file", "全用文件"),
    "help.import_conflict_all_file": ("Take the file's value of every field", "所有字段采用文件中的值"),
    "key.import_conflict_skip_rest": ("Skip the rest", "跳过其余"),
    "help.import_conflict_skip_rest": ("Skip this record and every one after it", "跳过此记录及其后所有记录"),
})

# the import's kinds of record as the conflict dialog names them (conflict.entity.*)
_ENTITY = {"link": "person link", "target": "layer target", "dismissal": "pitfall dismissal",
           "member": "team member"}
SIDE = {"mine": "workspace", "theirs": "file"}


def value_text(value: Any, empty: str) -> str:
    """A field's value (as the record's JSON form has it) as one shows it; user data, literal."""
    if value is None or value == "":
        return empty
    if isinstance(value, str):
        return safe(value)
    return safe(json.dumps(value, ensure_ascii=False, default=str))


class ImportConflictRow(ConflictRow, inherit_bindings=False):
    """A field of an import's conflict: w keeps the workspace's value, f takes the file's."""

    BINDINGS = [
        Binding("w", "choose('mine')", "Workspace", id="import_conflict_workspace"),
        Binding("f", "choose('theirs')", "File", id="import_conflict_file"),
        Binding("s", "choose('skip')", "Skip", id="import_conflict_skip"),
        *ConflictRow.CYCLE,
    ]


class ImportConflictDialog(ConflictDialog, inherit_bindings=False):
    """Dismisses with {path: "workspace" | "file"} when every field is decided, None to skip
    the record, or "skip-rest"."""

    ROW = ImportConflictRow
    ROW_CHOICES = ("mine", "theirs", "skip")
    FIRST_CHOICE = "skip"
    WORDS = {k: f"import_conflict.{k}" for k in (
        "title", "who", "intro", "col.base", "col.mine", "col.theirs", "choice.mine", "choice.theirs",
        "choice.skip", "detail", "hint", "save", "back", "someone")}
    BINDINGS = [
        Binding("ctrl+s", "apply", "Apply", id="import_conflict_apply"),
        Binding("escape", "back", "Skip record", id="import_conflict_back"),
        Binding("W", "all('mine')", "All workspace", key_display="W", id="import_conflict_all_workspace"),
        Binding("F", "all('theirs')", "All file", key_display="F", id="import_conflict_all_file"),
        Binding("S", "skip_rest", "Skip the rest", key_display="S", id="import_conflict_skip_rest"),
        Binding("down", "app.focus_next", show=False),
        Binding("up", "app.focus_previous", show=False),
    ]

    def theirs_head(self) -> str:  # the file's author is known only from git or a merge's entries
        return super().theirs_head() if self.view.who else self.word("col.theirs")

    def action_skip_rest(self) -> None:
        self.dismiss("skip-rest")

    def action_apply(self) -> None:
        choices = self.choices
        if choices and all(c in SIDE for c in choices.values()):
            self.dismiss({path: SIDE[c] for path, c in choices.items()})
        else:
            self.dismiss(None)


def view_of(conflict: Conflict, place: str, empty: str, unknown: str = "?") -> ConflictView:
    # a conflict a merge wrote into the file names its last synced value where that merge
    # knew it (older files: not known)
    fields = [ConflictField(f.path, f.path.replace("_", " "),
                            unknown if conflict.recorded and f.base is None else value_text(f.base, empty),
                            value_text(f.file, empty), value_text(f.workspace, empty))
              for f in conflict.fields]
    return ConflictView(_ENTITY.get(conflict.kind, conflict.kind), conflict.file_by, None, fields=fields,
                        mine_by=conflict.workspace_by, mine_when=conflict.workspace_at,
                        name=conflict.label, place=place)


def decide(app: App, conflicts: list[Conflict], empty: str, done: Callable[[Choices], None]) -> None:
    """Show each conflict in turn; `done(choices)` when the last is decided or the rest skipped."""
    choices: Choices = {}

    def show(i: int) -> None:
        if i >= len(conflicts):
            done(choices)
            return
        c = conflicts[i]

        def answered(answer: Any) -> None:
            if answer == "skip-rest":
                done(choices)
                return
            if isinstance(answer, dict):
                choices[(c.kind, c.key)] = answer
            show(i + 1)

        unknown = t("import_conflict.base_unknown", getattr(app, "lang", "en"))
        app.push_screen(ImportConflictDialog(view_of(c, f"{i + 1}/{len(conflicts)}", empty, unknown)), answered)

    show(0)
