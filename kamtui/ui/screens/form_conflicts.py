"""What FormDialog does when its save meets a ConflictError (see form.py and conflict.py).

The record's values at open are learnt from the form's own submit (sync.capture); mine is
what the failed save tried to store, theirs what is stored now. Fields only one side changed
merge silently; the rest go to ConflictDialog; the form then shows the resolved values and
saves again through sync.rebased, over the newer version.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from enum import Enum
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from kamtui.domain.merge import MISSING, flatten, merge, same, unflatten
from kamtui.errors import ConflictError
from kamtui.services import sync
from kamtui.ui.i18n import register
from kamtui.ui.screens.conflict import ConflictDialog, ConflictField, ConflictView, entity_text, when_text
from kamtui.ui.text import safe, safe_line

if TYPE_CHECKING:
    from kamtui.ui.screens.form import FormField

register({
    "form.yes": ("yes", "是"),
    "form.no": ("no", "否"),
    "form.theirs": ("{who} saved: {value}  ({when})", "{who} 保存为：{value}（{when}）"),
    "form.merged_edit": ("Merged with the changes {who} saved. Decide the marked fields, then save again.",
                         "已合并 {who} 保存的修改。请处理标记的字段后再保存。"),
    "form.merged_saved": ("Merged with the changes {who} saved.", "已与 {who} 保存的修改合并。"),
    "form.not_saved": ("Not saved: {who} changed this {entity} meanwhile. Your input is kept; "
                       "ctrl+s compares again.",
                       "未保存：{who} 同时修改了此{entity}。您的输入已保留；按 ctrl+s 再次比较。"),
    "form.not_saved.deleted": ("Not saved: {who} deleted this {entity} meanwhile. Your input is kept; "
                               "ctrl+s offers to re-create it.",
                               "未保存：{who} 同时删除了此{entity}。您的输入已保留；按 ctrl+s 可重新创建。"),
})


def to_text(value: Any) -> str:
    """A value as a text field shows it."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return safe(value)


def _jsonable(value: Any) -> Any:
    """A form value as the record stores it (`model_dump(mode="json")`)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _values(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != "version"}


class FormConflicts:
    """Mixed into FormDialog (which provides fields, submit, _save, _say, _parse…)."""

    fields: list["FormField"]
    _initial: dict[str, Any]
    _opened: dict[str, Any] | None
    _rebase: sync.Rebase | None
    _hints: dict[str, Content]
    _merged_with: str | None

    def _conflicted(self, exc: ConflictError, data: dict[str, Any], rounds: int) -> None:
        # the submit still builds the record from the version the form was opened on
        seen = self._rebase.seen_version if self._rebase else exc.base_version
        who = exc.stored_by or self.tr("conflict.someone")
        if exc.stored is None:
            def recreate(choice: Any) -> None:
                if choice == "recreate":
                    self._rebase = sync.Rebase(exc.entity, exc.entity_id, seen, None)
                    self.action_save()
                else:
                    self._kept(exc)

            self.app.push_screen(ConflictDialog(ConflictView(exc.entity, exc.stored_by, exc.stored_at,
                                                             deleted=True)), recreate)
            return
        mine, theirs = _values(exc.attempted), _values(exc.stored)
        base = self._base(mine)
        merged, conflicts = merge(base, mine, theirs)
        rebase = sync.Rebase(exc.entity, exc.entity_id, seen, exc.stored["version"], base, theirs)
        self._merged_with = who
        if not conflicts and rounds < 3:
            self._rebase = rebase  # nothing to ask: save mine merged onto theirs
            self._save(data, rounds + 1)
            return
        paths = self._field_paths(mine)

        def resolved(choices: dict[str, str] | None) -> None:
            if choices is None:
                self._kept(exc)
                return
            flat, their = flatten(merged), flatten(theirs)
            for path in conflicts:
                if choices.get(path) == "theirs":
                    flat[path] = their.get(path, MISSING)
            shown = self._show(flat, paths, data)
            pinned = {p: flat[p] for p in conflicts if choices.get(p) != "edit" and p not in shown}
            self._rebase = replace(rebase, keep=frozenset(shown), pinned=pinned)
            left = [p for p in conflicts if choices.get(p) == "edit" and p in paths]
            if left:
                self._mark(left, their, paths, who, exc.stored_at)
            else:
                self.action_save()

        self.app.push_screen(ConflictDialog(self._view(exc, base, mine, theirs, conflicts, paths)), resolved)

    def _kept(self, exc: ConflictError) -> None:
        key = "form.not_saved.deleted" if exc.stored is None else "form.not_saved"
        self._say(self.tr(key, who=exc.stored_by or self.tr("conflict.someone"),
                          entity=entity_text(exc.entity, self.lang)))

    def _base(self, mine: dict[str, Any]) -> dict[str, Any]:
        """The record's values when the form opened (or at the version last merged against)."""
        if self._rebase is not None and self._rebase.theirs is not None:
            return self._rebase.theirs
        initial, problems = self._parse(self._initial)
        if self._opened is None and not problems:
            self._opened = sync.capture(self.kam.ctx, lambda: self.submit(initial))
        if self._opened is not None:
            return self._opened
        # the submit would not tell: mine, with the form's fields as they were at open
        flat = flatten(mine)
        for path, f in self._field_paths(mine).items():
            if f.name in initial:
                flat[path] = _jsonable(initial[f.name])
        return unflatten(flat)

    def _field_paths(self, record: dict[str, Any]) -> dict[str, FormField]:
        """Record path -> the field that edits it: the same name, or a name that ends the
        path ("gift__per_activity" edits "policy.thresholds.gift.per_activity")."""
        keys = list(flatten(record))
        out: dict[str, FormField] = {}
        for f in self.fields:
            hits = [k for k in keys if k == f.name] or \
                   [k for k in keys if k.replace(".", "__").endswith("__" + f.name)]
            if len(hits) == 1:
                out[hits[0]] = f
        return out

    def _show(self, flat: dict[str, Any], paths: dict[str, FormField], data: dict[str, Any]) -> set[str]:
        """Put the resolved values into the widgets; the paths the form now shows."""
        shown = set()
        for path, f in paths.items():
            want = flat.get(path, MISSING)
            if same(_jsonable(data.get(f.name)), want) or self._set_widget(f, want):
                shown.add(path)
        return shown

    def _set_widget(self, f: FormField, value: Any) -> bool:
        if value is MISSING:
            return False
        w = self.query_one(f"#field-{f.name}")
        if isinstance(w, Select):
            match = [opt for opt, _ in f.options if same(_jsonable(opt), value)]
            if match:
                w.value = match[0]
            elif value is None and not f.required:
                w.clear()
            else:
                return False
        elif isinstance(w, Checkbox):
            if not isinstance(value, bool):
                return False
            w.value = value
        elif isinstance(w, TextArea):
            w.text = to_text(value)
        elif isinstance(w, Input):
            w.value = safe_line(to_text(value))
        return True

    def _mark(self, left: list[str], theirs: dict[str, Any], paths: dict[str, FormField],
              who: str, at: str | None) -> None:
        """Fields left to decide: marked, with their value under the field."""
        for row in self.query(".form-row.-conflict"):
            row.remove_class("-conflict")
        self._hints = {}
        for path in left:
            f = paths[path]
            hint = Content(self.tr("form.theirs", who=safe(who), when=when_text(at) or "",
                                   value=self._display(path, theirs.get(path, MISSING), paths)))
            self._hints[f.name] = hint
            self.query_one(f"#row-{f.name}").add_class("-conflict")
            self.query_one(f"#error-{f.name}", Static).update(hint)
        message = self.query_one("#form-message", Static)
        message.add_class("-merged")
        message.update(Content(self.tr("form.merged_edit", who=safe(who))))
        self.query_one(f"#field-{paths[left[0]].name}").focus()

    def _view(self, exc: ConflictError, base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any],
              conflicts: list[str], paths: dict[str, FormField]) -> ConflictView:
        b, m, t = flatten(base), flatten(mine), flatten(theirs)
        show = lambda p, side: self._display(p, side.get(p, MISSING), paths)  # noqa: E731
        fields = [ConflictField(p, self._path_label(p, paths), show(p, b), show(p, t), show(p, m))
                  for p in conflicts]
        only_theirs, only_mine = [], []
        for p in dict.fromkeys([*m, *t, *b]):
            bv, mv, tv = b.get(p, MISSING), m.get(p, MISSING), t.get(p, MISSING)
            label = self._path_label(p, paths)
            if same(mv, bv) and not same(tv, bv) and label not in only_theirs:
                only_theirs.append(label)
            elif same(tv, bv) and not same(mv, bv) and label not in only_mine:
                only_mine.append(label)
        return ConflictView(exc.entity, exc.stored_by, exc.stored_at, False, fields, only_theirs, only_mine)

    def _path_label(self, path: str, paths: dict[str, FormField]) -> str:
        f = paths.get(path)
        return self._label_of(f.name) if f else path.replace("_", " ").replace(".", " › ")

    def _display(self, path: str, value: Any, paths: dict[str, FormField]) -> str:
        """A stored value as the form would name it (an option's label, yes / no…)."""
        if value is MISSING or value is None or value == "":
            return "—"
        f = paths.get(path)
        selects = [f] if f is not None and f.kind == "select" else \
                  [x for x in self.fields if x.kind == "select"] if f is None and isinstance(value, str) else []
        for x in selects:
            for opt, label in x.options:
                if same(_jsonable(opt), value):
                    return self._option_label(label).plain
        if isinstance(value, bool):
            return self.tr("form.yes" if value else "form.no")
        if isinstance(value, float):
            return f"{value:g}"
        if isinstance(value, list):
            return ", ".join(safe(v) for v in value)
        if isinstance(value, dict):
            return safe(json.dumps(value, ensure_ascii=False, sort_keys=True))
        return safe(value)

