"""What every kamtui screen shares: the app's services, language and translated key labels;
live refresh when another process changes the workspace; and the read-only guard.

Live refresh: while a KamScreen is the active screen it polls `sync.data_version` every
POLL_SECONDS (a pragma: microseconds) and calls its `refresh_data()` hook when another
connection committed. Under a modal (a form) it is suspended and does not poll; when it
comes back it looks at once.

Read-only: a screen lists the actions that change the workspace in WRITE_ACTIONS. On a
read-only workspace their keys stay listed (footer, ?) but disabled, and pressing one,
choosing it from the palette or calling it says why instead of doing nothing. This wraps
the subclass's own `check_action`, `commands` and `action_<name>` methods when the class is
created, so a screen only declares the set.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events, on
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.timer import Timer

from kamtui.errors import KamtuiError
from kamtui.services import sync
from kamtui.ui.i18n import has, register, t
from kamtui.ui.text import plain

if TYPE_CHECKING:
    from kamtui.ui.app import KamtuiApp

register({
    "base.read_only.permission": (
        "Read-only: {file} cannot be changed here (no write permission on the file or its folder), "
        "so “{what}” is unavailable.",
        "只读：此处无法修改 {file}（对文件或其所在文件夹没有写权限），因此“{what}”不可用。"),
    "base.read_only.asked": (
        "Read-only: {file} was opened read-only (--read-only), so “{what}” is unavailable.",
        "只读：{file} 以只读方式打开（--read-only），因此“{what}”不可用。"),
    "base.read_only.network": (
        "Read-only: {file} is on a network filesystem, where two machines writing corrupt it, so “{what}” "
        "is unavailable; if only this machine writes to it, open it with --single-writer.",
        "只读：{file} 位于网络文件系统上，两台机器同时写入会损坏它，因此“{what}”不可用；"
        "若只有本机写入，请用 --single-writer 打开。"),
    "base.read_only.command": ("{title} (read-only)", "{title}（只读）"),
})

_GUARDED = "_kam_read_only_guard"


def translate_bindings(node: DOMNode, lang: str) -> None:
    """Give each binding with an id the description `key.<id>` and tooltip `help.<id>`.

    Bindings are copied per node, but their lists are shared with the class: replace the
    lists, never mutate them.
    """
    keymap = node._bindings.key_to_bindings
    for key, bindings in list(keymap.items()):
        new = []
        for b in bindings:
            if b.id and has(f"key.{b.id}"):
                b = replace(b, description=t(f"key.{b.id}", lang),
                            tooltip=t(f"help.{b.id}", lang) if has(f"help.{b.id}") else b.tooltip)
            new.append(b)
        keymap[key] = new


def _parse(action: str) -> tuple[str, str, tuple[object, ...]] | None:
    from textual.actions import ActionError, parse

    try:
        return parse(action)
    except ActionError:
        return None


def _available(node: DOMNode, action: str) -> bool:
    """False only when check_action hides the binding (None = shown but disabled)."""
    parsed = _parse(action)
    if parsed is None:
        return True
    namespace, name, params = parsed
    if namespace:
        return True  # another node's action: that node decides when it runs
    return node.check_action(name, params) is not False


def _guard_check(check: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(check)
    def check_action(self: Any, action: str, parameters: tuple[object, ...]) -> bool | None:
        available = check(self, action, parameters)
        if available is not False and self.blocked_by_read_only(action):
            return None  # listed, disabled (what the screen hides stays hidden)
        return available

    setattr(check_action, _GUARDED, True)
    return check_action


def _guard_commands(commands: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(commands)
    def with_read_only(self: Any) -> list:
        listed = list(commands(self))
        return listed + self.read_only_commands(listed)

    setattr(with_read_only, _GUARDED, True)
    return with_read_only


def _guard_action(name: str, action: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(action)
    def guarded(self: Any, *args: Any, **kwargs: Any) -> Any:
        if self.blocked_by_read_only(name):
            self.explain_read_only(name)
            return None
        return action(self, *args, **kwargs)

    setattr(guarded, _GUARDED, True)
    return guarded


class KamScreenMixin:
    """Mixed into Screen and ModalScreen subclasses."""

    # The screen's actions that change the workspace (see the module's docstring).
    WRITE_ACTIONS: ClassVar[frozenset[str]] = frozenset()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for attr, wrap in (("check_action", _guard_check), ("commands", _guard_commands)):
            own = cls.__dict__.get(attr)
            if own is not None and not getattr(own, _GUARDED, False):
                setattr(cls, attr, wrap(own))
        for name in cls.WRITE_ACTIONS:
            action = getattr(cls, f"action_{name}", None)
            if action is not None and not getattr(action, _GUARDED, False):
                setattr(cls, f"action_{name}", _guard_action(name, action))

    @property
    def kam(self) -> "KamtuiApp":
        return self.app  # type: ignore[attr-defined,return-value]

    @property
    def lang(self) -> str:
        return self.kam.lang

    def tr(self, key: str, **values: object) -> str:
        return t(key, self.kam.lang, **values)

    def on_mount(self) -> None:
        translate_bindings(self, self.kam.lang)  # type: ignore[arg-type]
        self.refresh_header()

    def apply_language(self) -> None:
        """Called on every screen in the stack when the language changes: relabel."""
        translate_bindings(self, self.kam.lang)  # type: ignore[arg-type]
        self.refresh_bindings()  # type: ignore[attr-defined]
        self.refresh_header()
        self.relabel()

    def refresh_header(self) -> None:
        """Show the app's header facts in this screen's KamHeader, if it has one."""
        from kamtui.ui.widgets.header import KamHeader

        for header in self.query(KamHeader):  # type: ignore[attr-defined]
            header.show(*self.kam.header_facts())

    def relabel(self) -> None:
        """Override: set every label and title of the screen in the current language."""

    def help_rows(self) -> list[tuple[str, str]]:
        """(key, sentence) for the help overlay: the screen's and the app's bindings."""
        rows = []
        seen = set()
        taken: set[str] = set()  # keys the screen binds: the app's binding of the same key never runs here
        for node in (self, self.kam):
            mine = set()
            for key, binding in node._bindings:  # type: ignore[attr-defined]
                if key in taken or not _available(node, binding.action):
                    continue  # absent keys (e.g. a screen not built yet) are not listed
                mine.add(key)
                if not binding.id or binding.id in seen or not has(f"help.{binding.id}"):
                    continue
                seen.add(binding.id)
                rows.append((self._key_shown(binding, key), t(f"help.{binding.id}", self.kam.lang)))
            taken |= mine
        # what the screen's figures are measured on, after its keys (docs/figures.md)
        rows += [(t("help.figures", self.kam.lang), t(note, self.kam.lang))
                 for note in getattr(self, "HELP_NOTES", ())]
        return rows

    def _key_shown(self, binding: Any, key: str) -> str:
        """The key as `?` shows it: the config file's [keys] may have moved it (Textual's keymap)."""
        rebound = getattr(self.kam, "_keymap", {}).get(binding.id)
        if rebound:
            return " ".join(self.kam.get_key_display(replace(binding, key=k, key_display=None))
                            for k in rebound.split(","))
        return binding.key_display or key

    # -- read-only -----------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if self.blocked_by_read_only(action) else True

    def blocked_by_read_only(self, action: str) -> bool:
        return action in self.WRITE_ACTIONS and self._read_only()

    def _read_only(self) -> bool:
        try:
            return bool(self.kam.ctx.read_only)
        except Exception:  # no running app yet (a screen being built): nothing to block
            return False

    def _write_binding(self, action: str) -> Any:
        for _, binding in self._bindings:  # type: ignore[attr-defined]
            parsed = _parse(binding.action)
            if parsed and not parsed[0] and parsed[1] == action:
                return binding
        return None

    def explain_read_only(self, action: str) -> None:
        """Say why `action` cannot run: the workspace is read-only, and for what reason."""
        binding = self._write_binding(action)
        what = binding.description if binding is not None and binding.description else action
        reason = sync.read_only_reason(self.kam.ctx) or "asked"
        file = Path(self.kam.ctx.ws.path).name
        self.notify(Content(self.tr(f"base.read_only.{reason}", file=file, what=what)),  # type: ignore[attr-defined]
                    severity="warning")

    def commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """Palette entries of the screen (title, help, callback); see KamtuiApp."""
        return self.read_only_commands([])

    def read_only_commands(self, listed: list) -> list[tuple[str, str, Callable[[], object]]]:
        """On a read-only workspace, an entry for each write action the screen left out of the
        palette: choosing it says why it is unavailable."""
        if not self.WRITE_ACTIONS or not self._read_only():
            return []
        callbacks = [entry[2] for entry in listed]
        titles = {str(entry[0]) for entry in listed}
        out: list[tuple[str, str, Callable[[], object]]] = []
        seen: set[str] = set()
        for _, binding in self._bindings:  # type: ignore[attr-defined]
            parsed = _parse(binding.action)
            if parsed is None or parsed[0] or parsed[1] not in self.WRITE_ACTIONS or parsed[1] in seen:
                continue
            name = parsed[1]
            seen.add(name)
            if getattr(self, f"action_{name}", None) in callbacks:
                continue  # listed by the screen: running it explains itself
            title = self.tr(f"cmd.{binding.id}") if binding.id and has(f"cmd.{binding.id}") else binding.description
            title = self.tr("base.read_only.command", title=title)
            if title in titles:
                continue
            help_text = self.tr(f"help.{binding.id}") if binding.id and has(f"help.{binding.id}") else ""
            out.append((title, help_text, functools.partial(self.explain_read_only, name)))
        return out


class KamScreen(KamScreenMixin, Screen):
    """A full screen: polls the workspace for other processes' changes while it is shown."""

    POLL_SECONDS: ClassVar[float] = 1.0
    _poll_timer: Timer | None = None
    _seen_version: int | None = None

    def refresh_data(self) -> None:
        """Override: re-read what the screen shows because another process changed the
        workspace. Keep the cursor (by id), the selection, the filter and anything typed."""

    def _data_version(self) -> int | None:
        try:
            return sync.data_version(self.kam.ctx)
        except KamtuiError:
            return None

    @on(events.ScreenResume)
    def _watch_workspace(self) -> None:
        if self._poll_timer is None:
            self._seen_version = self._data_version()
            self._poll_timer = self.set_interval(self.POLL_SECONDS, self.poll_workspace, name="workspace-poll")
        else:
            self._poll_timer.resume()
            self.poll_workspace()  # what changed while a form or another screen was on top

    @on(events.ScreenSuspend)
    def _stop_watching(self) -> None:
        if self._poll_timer is not None:
            self._poll_timer.pause()

    def poll_workspace(self) -> bool:
        """Refresh when another process committed since the last look; True when it did."""
        if self.app.screen is not self:
            return False
        version = self._data_version()
        if version is None or version == self._seen_version:
            return False
        self._seen_version = version
        try:
            self.refresh_data()
            self.refresh_header()  # the team name may have changed too
        except KamtuiError as exc:
            self.notify(plain(exc.message(self.lang)), severity="error")
        return True

    @on(events.Key)
    def _read_only_key(self, event: events.Key) -> None:
        """A write key on a read-only workspace: say why, rather than nothing happening."""
        if not self.WRITE_ACTIONS or not self._read_only():
            return
        name = self._pressed_write_action(event.key)
        if name is not None:
            event.stop()
            event.prevent_default()
            self.explain_read_only(name)

    def _pressed_write_action(self, key: str) -> str | None:
        """The write action `key` would run here, unless an enabled binding nearer the focus
        (or another of the screen's) takes the key first."""
        for node, bindings in self._modal_binding_chain:
            for binding in bindings.key_to_bindings.get(key, ()):
                if binding.priority:
                    continue  # ran already, before the key reached the focused widget
                parsed = _parse(binding.action)
                if parsed is None:
                    continue
                namespace, name, params = parsed
                if node is self and not namespace and name in self.WRITE_ACTIONS:
                    return name
                if namespace or node.check_action(name, params):
                    return None
        return None


ResultT = TypeVar("ResultT")


class KamModal(KamScreenMixin, ModalScreen[ResultT]):
    """A modal dialog; `KamModal[bool]` dismisses with a bool."""
