"""What every kamtui screen shares: the app's services, language and translated key labels."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from kamtui.ui.i18n import has, t

if TYPE_CHECKING:
    from kamtui.ui.app import KamtuiApp


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


def _available(node: DOMNode, action: str) -> bool:
    """False only when check_action hides the binding (None = shown but disabled)."""
    from textual.actions import ActionError, parse

    try:
        namespace, name, params = parse(action)
    except ActionError:
        return True
    if namespace:
        return True  # another node's action: that node decides when it runs
    return node.check_action(name, params) is not False


class KamScreenMixin:
    """Mixed into Screen and ModalScreen subclasses."""

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
        for node in (self, self.kam):
            for key, binding in node._bindings:  # type: ignore[attr-defined]
                if not binding.id or binding.id in seen or not has(f"help.{binding.id}"):
                    continue
                if not _available(node, binding.action):
                    continue  # absent keys (e.g. a screen not built yet) are not listed
                seen.add(binding.id)
                rows.append((binding.key_display or key, t(f"help.{binding.id}", self.kam.lang)))
        return rows


class KamScreen(KamScreenMixin, Screen):
    pass


ResultT = TypeVar("ResultT")


class KamModal(KamScreenMixin, ModalScreen[ResultT]):
    """A modal dialog; `KamModal[bool]` dismisses with a bool."""
