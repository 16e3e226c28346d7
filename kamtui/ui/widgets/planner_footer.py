"""The planner's bottom line: Textual's Footer look, painted by one widget.

Textual's `Footer` mounts a `FooterKey` widget per key and recomposes them all whenever the
bindings change: ≈45 ms each time the planner opens, a third of what opening it may cost.
This widget paints the same line (the same keys, styles, and the command-palette key at the
right behind a `▏`) from the screen's active bindings, and re-paints when they change.
A click on a key presses it, as on the stock footer.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

PALETTE_BAR = "▏"  # the stock footer's `border-left: vkey` in front of the palette key
# The stock palette key is drawn compact (no padding around the key, one space before the
# description), then one cell of padding; the other keys are not.


class PlannerFooter(Widget, can_focus=False):
    # The same theme variables and paddings as textual.widgets._footer (Footer, FooterKey).
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "planner-footer--item", "planner-footer--key", "planner-footer--description",
        "planner-footer--disabled", "planner-footer--bar",
    }
    DEFAULT_CSS = """
    PlannerFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        & > .planner-footer--item { background: $footer-item-background; }
        & > .planner-footer--key {
            color: $footer-key-foreground; background: $footer-key-background; text-style: bold;
        }
        & > .planner-footer--description {
            color: $footer-description-foreground; background: $footer-description-background;
        }
        & > .planner-footer--disabled { background: $footer-item-background; text-style: dim; }
        & > .planner-footer--bar { color: $foreground 20%; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) of each painted key
        self._drawn: tuple | None = None  # (keys, palette key) last painted
        self._recheck_pending = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        # Textual sends this after every focus change, mostly with the same keys: a repaint
        # (one more frame after the planner's first) only when they changed. Compared once the
        # sender's handler is done, so that its later changes count.
        if self._drawn is None:
            self.refresh()
        elif not self._recheck_pending:
            self._recheck_pending = True
            self.call_later(self._recheck)

    def _recheck(self) -> None:
        self._recheck_pending = False
        if self._drawn is not None and self.is_attached and self._state() != self._drawn:
            self.refresh()

    def _state(self) -> tuple:
        return tuple(self.items()), self._palette()

    def items(self) -> list[tuple[str, str, str, bool]]:
        """(key, key as shown, description, enabled) of each shown key, one per action, in
        binding order, as the stock footer lists them."""
        out, seen = [], set()
        for _key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            out.append((binding.key, self.app.get_key_display(binding), binding.description, active.enabled))
        return out

    def _palette(self) -> tuple[str, str, str, bool] | None:
        if not self.app.ENABLE_COMMAND_PALETTE:
            return None
        found = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if found is None:
            return None
        b = found.binding
        return b.key, self.app.get_key_display(b), b.description, found.enabled

    def _key_text(self, display: str, description: str, enabled: bool, compact: bool = False) -> Text:
        base = self.get_component_rich_style("planner-footer--item" if enabled else "planner-footer--disabled")
        key_style = self.get_component_rich_style("planner-footer--key")
        text_style = self.get_component_rich_style("planner-footer--description")
        if description and compact:
            text = Text.assemble((display, key_style), (f" {description}", text_style))
        elif description:
            text = Text.assemble((f" {display} ", key_style), (f"{description} ", text_style))
        else:
            text = Text.assemble((display, key_style))
        text.stylize_before(base)
        return text

    def render(self) -> Text:
        width = self.size.width
        palette = self._palette()
        items = self.items()
        self._drawn = (tuple(items), palette)
        tail = Text()
        if palette is not None:
            tail = Text.assemble((PALETTE_BAR, self.get_component_rich_style("planner-footer--bar")),
                                 self._key_text(palette[1], palette[2], palette[3], compact=True), " ")
        room = max(width - cell_len(tail.plain), 0)
        line = Text(no_wrap=True, end="")
        self._spans = []
        for key, display, description, enabled in items:
            start = cell_len(line.plain)
            if start >= room:
                break
            line.append_text(self._key_text(display, description, enabled))
            self._spans.append((start, min(cell_len(line.plain), room), key))
        line.truncate(room, pad=True)
        if palette is not None:
            self._spans.append((room, width, palette[0]))
        line.append_text(tail)
        line.stylize_before(Style())
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
