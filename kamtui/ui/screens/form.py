"""A modal form per entity: fields from specs, services validate, errors name the field.

ctrl+s (or Enter in the last field) saves; escape cancels, asking first if anything changed.
Nothing is saved until all is valid; a busy workspace keeps what was typed.

When someone else saved the record since the form opened, fields only one side changed merge
without asking and the rest go to a ConflictDialog (keep mine / take theirs / edit); a record
they deleted can be re-created. The form's `submit` knows nothing of this: kamtui.services.sync
redirects its save (merged onto the newer version, or inserted again).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from kamtui.errors import BusyError, ConflictError, InputError, KamtuiError, Problem, WorkspaceChangedError
from kamtui.messages import Message
from kamtui.services import sync
from kamtui.ui.screens.confirm import GuardedForm
from kamtui.ui.screens.form_conflicts import FormConflicts, to_text as _to_text
from kamtui.ui.text import plain, safe, safe_line

Option = tuple[Any, str | tuple[str, str]]  # (value, label: user data str, or (en, zh))
_NOT_A = {"int": "value.not_whole_number", "amount": "value.not_amount", "date": "value.not_date"}


@dataclass
class FormField:
    name: str
    label: tuple[str, str]  # (en, zh)
    kind: str = "text"  # text | note | int | amount | date | select | bool
    value: Any = None
    options: list[Option] = field(default_factory=list)
    required: bool = False
    placeholder: str = ""


class FormDialog(FormConflicts, GuardedForm[Any]):
    """Dismisses with whatever `submit` returned (the saved record), or None on cancel."""

    CSS_PATH = "conflict.tcss"  # the marks a conflict leaves on fields
    BINDINGS = [
        # Not a priority binding: those run as the key arrives, ahead of the characters still
        # queued for the focused field, and would save what was typed a moment before.
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(self, title: str | Content, fields: list[FormField],
                 submit: Callable[[dict[str, Any]], Any]):
        super().__init__()
        self.heading = title if isinstance(title, Content) else plain(title)
        self.fields = fields
        self.submit = submit
        self._initial: dict[str, Any] = {}  # the widgets' values at open
        self._opened: dict[str, Any] | None = None  # the record's values at open (on a conflict)
        self._rebase: sync.Rebase | None = None  # set once a conflict is resolved
        self._hints: dict[str, Content] = {}  # field -> "theirs" note of a field left to decide
        self._merged_with: str | None = None

    # -- building ------------------------------------------------------------------
    def _label(self, f: FormField) -> str:
        en, zh = f.label
        text = zh if self.lang == "zh" else en
        return text + (" *" if f.required else "")

    def _option_label(self, label: str | tuple[str, str]) -> Text:
        if isinstance(label, tuple):
            return Text(label[1] if self.lang == "zh" else label[0])
        return Text(safe(label))

    def _widget(self, f: FormField) -> Widget:
        wid = f"field-{f.name}"
        if f.kind == "note":
            return TextArea(_to_text(f.value), id=wid, soft_wrap=True, tab_behavior="focus")
        if f.kind == "bool":
            return Checkbox(Content(self._label(f)), bool(f.value), id=wid, compact=True)
        if f.kind == "select":
            options = [(self._option_label(lbl), val) for val, lbl in f.options]
            values = [v for v, _ in f.options]
            return Select(options, id=wid, allow_blank=not f.required,
                          value=f.value if f.value in values else Select.NULL,
                          prompt=self.tr("form.none"), compact=True)
        return Input(safe_line(_to_text(f.value)), id=wid, placeholder=f.placeholder, compact=True)

    def compose(self) -> ComposeResult:
        # One line per field (label left, input right) so a dozen fields fit at 80×24.
        with Vertical(id="form-box"):
            yield Static(self.heading, id="form-title")
            with VerticalScroll(id="form-fields", can_focus=False):  # tab goes to the fields, which scroll into view
                for f in self.fields:
                    with Vertical(classes="form-row", id=f"row-{f.name}"):
                        with Horizontal(classes="form-line"):
                            label = "" if f.kind == "bool" else self._label(f)
                            yield Label(Content(label), classes="form-label")
                            yield self._widget(f)
                        yield Static("", classes="form-error", id=f"error-{f.name}")
            yield Static("", id="form-message")
            with Horizontal(id="form-buttons"):
                yield Button(Content(self.tr("form.save") + " ^s"), id="form-save", variant="primary",
                             compact=True)
                yield Button(Content(self.tr("form.cancel") + " esc"), id="form-cancel", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self._initial = self._raw_values()
        first = self.query(".form-row Input, .form-row TextArea, .form-row Select, .form-row Checkbox").first()
        first.focus()

    # -- values --------------------------------------------------------------------
    def _raw_values(self) -> dict[str, Any]:
        out = {}
        for f in self.fields:
            w = self.query_one(f"#field-{f.name}")
            if isinstance(w, TextArea):
                out[f.name] = w.text
            elif isinstance(w, Select):
                out[f.name] = None if w.value is Select.NULL else w.value
            elif isinstance(w, Checkbox):
                out[f.name] = w.value
            else:
                out[f.name] = w.value  # type: ignore[attr-defined]
        return out

    def _parse(self, raw_values: dict[str, Any] | None = None) -> tuple[dict[str, Any], list[Problem]]:
        data, problems = {}, []
        values = self._raw_values() if raw_values is None else raw_values
        for f in self.fields:
            raw = values[f.name]
            if f.kind in ("text", "int", "amount", "date") and isinstance(raw, str):
                raw = raw.strip()
                if raw == "":
                    if f.required:
                        problems.append((f.name, Message("value.required")))
                    data[f.name] = "" if f.kind == "text" else None
                    continue
                try:
                    if f.kind == "int":
                        raw = int(raw)
                    elif f.kind == "amount":
                        raw = round(float(raw.replace(",", "")), 2)
                    elif f.kind == "date":
                        raw = dt.date.fromisoformat(raw)
                except ValueError:
                    problems.append((f.name, Message(_NOT_A[f.kind])))
                    continue
            elif f.kind == "select" and raw is None and f.required:
                problems.append((f.name, Message("value.required")))
            data[f.name] = raw
        return data, problems

    @property
    def dirty(self) -> bool:
        return self._raw_values() != self._initial

    # -- errors --------------------------------------------------------------------
    def show_problems(self, problems: list[Problem]) -> None:
        """Each problem on its field's row, and all of them in the message line, in the
        reader's language: "名称：已有同名客户"."""
        names = {f.name for f in self.fields}
        for f in self.fields:
            self.query_one(f"#row-{f.name}").remove_class("-invalid")
            self.query_one(f"#error-{f.name}", Static).update("")
        for name, hint in self._hints.items():
            if not any(p.split(".")[0].split("[")[0] == name for p, _ in problems):
                self.query_one(f"#error-{name}", Static).update(hint)
        colon, sep = ("：", "；") if self.lang == "zh" else (": ", "; ")
        for path, message in problems:
            name = path.split(".")[0].split("[")[0]
            if name in names:
                self.query_one(f"#row-{name}").add_class("-invalid")
                self.query_one(f"#error-{name}", Static).update(
                    plain(f"{self._label_of(name)}{colon}{message.text(self.lang)}"))
        listed = sep.join(f"{self._label_of(p.split('.')[0])}{colon}{m.text(self.lang)}" for p, m in problems)
        self.query_one("#form-message", Static).update(
            Content(self.tr("form.invalid", problems=listed)) if problems else Content("")
        )
        if problems:
            bad = next((p.split(".")[0] for p, _ in problems if p.split(".")[0] in names), None)
            if bad:
                self.query_one(f"#field-{bad}").focus()

    def _label_of(self, name: str) -> str:
        f = next((f for f in self.fields if f.name == name), None)
        return self._label(f).rstrip(" *") if f else name

    def _say(self, text: str) -> None:
        message = self.query_one("#form-message", Static)
        message.remove_class("-merged")
        message.update(plain(text))
        self.notify(plain(text), severity="error")

    # -- actions -------------------------------------------------------------------
    def action_save(self) -> None:
        data, problems = self._parse()
        if problems:
            self.show_problems(problems)
            return
        self._save(data)

    def _save(self, data: dict[str, Any], rounds: int = 0) -> None:
        try:
            result = self._submit(data)
        except InputError as exc:
            if exc.problems:
                self.show_problems(exc.problems)
            else:
                self._say(exc.message(self.lang))
            return
        except ConflictError as exc:
            self._conflicted(exc, data, rounds)
            return
        except BusyError:
            self._say(self.tr("msg.busy"))
            return
        except WorkspaceChangedError as exc:
            self._say(self.tr("msg.reopened" if exc.reopened else "msg.file_gone"))
            return
        except KamtuiError as exc:
            self._say(exc.message(self.lang))
            return
        if self._merged_with is not None:
            self.notify(Content(self.tr("form.merged_saved", who=self._merged_with)))
        self.dismiss(result)

    def _submit(self, data: dict[str, Any]) -> Any:
        if self._rebase is None:
            return self.submit(data)
        with sync.rebased(self.kam.ctx, self._rebase):
            return self.submit(data)

    @on(Input.Submitted)
    def _next_or_save(self, event: Input.Submitted) -> None:
        inputs = list(self.query(".form-row Input, .form-row TextArea, .form-row Select, .form-row Checkbox"))
        if event.input is inputs[-1]:
            self.action_save()
        else:
            self.focus_next()
