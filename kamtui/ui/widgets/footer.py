"""The bottom line: the keys of the current screen, in one widget.

Textual's Footer recomposes a widget per key whenever the bindings change (≈35 ms at a time
here, six times while the portfolio starts). This one paints a single line from the screen's
active bindings, drops the keys that do not fit rather than cutting one in half, and keeps the
command-palette hint at the right. A click on a key presses it, as on the stock footer.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.widget import Widget

from kamtui.ui.i18n import register, t

register({"footer.palette": ("palette", "命令")})


class KamFooter(Widget, can_focus=False):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "kam-footer--key", "kam-footer--description", "kam-footer--disabled", "kam-footer--palette",
    }
    DEFAULT_CSS = """
    KamFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        text-wrap: nowrap;
        & > .kam-footer--key { color: $footer-key-foreground; text-style: bold; }
        & > .kam-footer--description { color: $footer-description-foreground; }
        & > .kam-footer--disabled { color: $footer-description-foreground; text-style: dim; }
        & > .kam-footer--palette { color: $footer-description-foreground; }
    }
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._items: list[tuple[str, str, bool]] | None = None
        self._keys: list[str] = []  # the key of each item, for clicks
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) of each painted key
        self._recheck_pending = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        # The one signal the stock Footer recomposes on, too. Textual sends it after every
        # focus change, mostly with the same keys: the footer repaints only when they changed
        # (a repaint after the screen's first frame is one more frame). The keys are compared
        # once the sender's handler is done, so that they include its later changes.
        if self._items is None:
            self.refresh()
        elif not self._recheck_pending:
            self._recheck_pending = True
            self.call_later(self._recheck)

    def _recheck(self) -> None:
        self._recheck_pending = False
        if self._items is None or not self.is_attached:
            return
        before, keys = self._items, self._keys
        self._items = self._active_items()
        if self._items != before or self._keys != keys:
            self.refresh()

    def items(self) -> list[tuple[str, str, bool]]:
        """(key as shown, description, enabled) of each key shown, in binding order."""
        if self._items is None:
            self._items = self._active_items()
        return self._items

    def _active_items(self) -> list[tuple[str, str, bool]]:
        # the screen's active bindings ask check_action of every binding: once per change
        out, seen = [], set()
        self._keys = []
        for _key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            out.append((self.app.get_key_display(binding), binding.description, active.enabled))
            self._keys.append(binding.key)
        return out

    def render(self) -> Content:
        key_style = self.get_visual_style("kam-footer--key")
        text_style = self.get_visual_style("kam-footer--description")
        off_style = self.get_visual_style("kam-footer--disabled")
        palette = ""
        if self.app.ENABLE_COMMAND_PALETTE:
            word = t("footer.palette", getattr(self.app, "lang", "en"))  # type: ignore[arg-type]
            palette = f"{self.app.COMMAND_PALETTE_BINDING.replace('ctrl+', '^')} {word}"
        room = self.size.width - (cell_len(palette) + 2 if palette else 0)
        parts: list = []
        used = 0
        self._spans = []
        for (key, description, enabled), pressed in zip(self.items(), self._keys):
            width = cell_len(key) + 1 + cell_len(description) + 2
            if used + width > room:
                break
            parts += [" ", (key, key_style if enabled else off_style), " ",
                      (description, text_style if enabled else off_style), " "]
            self._spans.append((used, used + width, pressed))
            used += width
        if palette:
            gap = max(self.size.width - used - cell_len(palette) - 1, 1)
            start = used + gap
            self._spans.append((start, start + cell_len(palette), self.app.COMMAND_PALETTE_BINDING))
            parts += [" " * gap, (palette, self.get_visual_style("kam-footer--palette")), " "]
        return Content.assemble(*parts)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
