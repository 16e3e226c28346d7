"""The map's tree and the planner's list repaint their scrollbar only when it changes: Textual
repaints it at every layout, and after a screen's first frame that was one frame more."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kamtui.ui.widgets.quiet_scrollbars import QuietScrollbars


class Tall(ScrollView):
    def on_mount(self) -> None:
        self.virtual_size = Size(10, 100)

    def render_line(self, y: int) -> Strip:
        return Strip.blank(self.size.width)


class QuietTall(QuietScrollbars, Tall):
    pass


class Holder(App[None]):
    def __init__(self, cls: type[ScrollView]) -> None:
        super().__init__()
        self.cls = cls

    def compose(self) -> ComposeResult:
        yield self.cls()


async def _bar_repaints_on_relayout(cls: type[ScrollView]) -> tuple[int, object]:
    app = Holder(cls)
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        view = app.query_one(cls)
        bar = view.vertical_scrollbar
        calls = [0]
        original = bar.refresh

        def counted(*args, **kwargs):
            calls[0] += 1
            return original(*args, **kwargs)

        bar.refresh = counted  # type: ignore[method-assign]
        app.screen.refresh(layout=True)  # what a pushed screen gets after its first frame
        await pilot.pause()
        quiet = calls[0]
        view.virtual_size = Size(10, 200)  # the content grew: the bar follows
        await pilot.pause()
        return quiet, (bar.window_virtual_size, bar.window_size)


async def test_a_relayout_with_the_same_sizes_leaves_the_scrollbar_alone():
    stock, _ = await _bar_repaints_on_relayout(Tall)
    assert stock >= 1  # Textual's own: repainted anyway
    quiet, sizes = await _bar_repaints_on_relayout(QuietTall)
    assert quiet == 0
    assert sizes == (200, 10)


def test_the_widgets_keep_their_css_type_names():
    from kamtui.ui.screens.planner import PlannerList
    from kamtui.ui.widgets.org_tree import OrgTree

    assert {"Tree", "ScrollView"} <= OrgTree._css_type_names
    assert {"ActivityList", "WindowTable"} <= PlannerList._css_type_names
