"""The organization view: departments, their people below them, reports-to lines below those.

Nothing below a node exists until the node opens, and a long list arrives in chunks, so a
department of thousands costs what its first chunk costs. Labels are drawn at render time
from the node's data: a language switch or a theme change needs no rebuild.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from kamtui.domain.models import Department
from kamtui.services.map_data import OrgIndex, PersonNode
from kamtui.ui import i18n
from kamtui.ui.text import safe_line
from kamtui.ui.widgets.decision_chain import marks
from kamtui.ui.widgets.quiet_scrollbars import QuietScrollbars

i18n.register({
    "map.org.no_department": ("(no department)", "（无部门）"),
    "map.org.more": ("… {n} more: enter shows them", "…… 另有 {n} 人：按 enter 显示"),
    "map.org.people": ("{n} {n|person|people}", "{n} 人"),
})

CHUNK = 100
_BLANK = Text()  # every node's stored label: labels are drawn from the node's data


@dataclass
class DeptData:
    department: Department | None  # None: the people in no department
    loaded: bool = False
    width: tuple[str, int] | None = None  # (language, cells) of the label: see get_label_width

    @property
    def id(self) -> str:
        return self.department.id if self.department else ""


@dataclass
class PersonData:
    node: PersonNode
    loaded: bool = False
    width: tuple[str, int] | None = None

    @property
    def id(self) -> str:
        return self.node.person.id


@dataclass
class MoreData:
    rest: Sequence[PersonNode] = field(default_factory=list)
    id: str = ""
    width: tuple[str, int] | None = None


class OrgTree(QuietScrollbars, Tree):
    COMPONENT_CLASSES = {"org-tree--department", "org-tree--muted", "org-tree--flag", "org-tree--threat"}
    _batch = 0  # > 0: nodes are being added; the tree lays its lines out once, after them
    _invalidated = False
    _line_style: Style | None = None  # the tree's style while it draws its lines

    class Highlighted(Message):
        def __init__(self, tree: "OrgTree", person_id: str | None, department_id: str | None) -> None:
            super().__init__()
            self.tree = tree
            self.person_id = person_id
            self.department_id = department_id

        @property
        def control(self) -> "OrgTree":
            return self.tree

    def __init__(self, load_people: Callable[[str | None], Sequence[PersonNode]], **kwargs) -> None:
        super().__init__("", **kwargs)
        self.load_people = load_people
        self.index: OrgIndex | None = None
        self.show_root = False
        self.guide_depth = 3
        self._drawn_size: Size | None = None

    def process_label(self, label: str | Text) -> Text:
        return _BLANK if label == "" else super().process_label(label)

    def _invalidate(self) -> None:
        if self._batch:
            self._invalidated = True  # each added node would lay the whole tree out again
            return
        super()._invalidate()

    @contextmanager
    def _adding(self) -> Iterator[None]:
        self._batch += 1
        try:
            yield
        finally:
            self._batch -= 1
            if not self._batch and self._invalidated:
                self._invalidated = False
                super()._invalidate()

    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", "en")

    # -- building -----------------------------------------------------------------
    def build(self, index: OrgIndex, expanded: set[str] | None = None, select: str | None = None) -> None:
        """(Re)build from the top; re-open the nodes in `expanded`, put the cursor on `select`."""
        self.index = index
        self.clear()
        top = sorted(index.children.get(None, []), key=lambda d: (-d.importance, d.name, d.id))
        with self._adding():
            for d in top:
                self._add_department(self.root, d)
            if index.people_count.get(None):
                self.root.add("", DeptData(None))
            if expanded is None:  # first opening: one level down is what people look for
                expanded = {d.id for d in top}
            self._reopen(self.root, expanded)
        target = self.find(select) if select else None
        if target is None and self.root.children:
            target = self.root.children[0]
        if target is not None:
            self._tree_lines  # lay the lines out so that the node knows its line
            self.move_cursor(target)

    def _add_department(self, parent: TreeNode, d: Department) -> None:
        assert self.index is not None
        has_content = bool(self.index.children.get(d.id) or self.index.people_count.get(d.id))
        parent.add("", DeptData(d), allow_expand=has_content)

    def _reopen(self, node: TreeNode, expanded: set[str]) -> None:
        for child in list(node.children):
            data = child.data
            if isinstance(data, (DeptData, PersonData)) and data.id in expanded and child.allow_expand:
                self.load(child)
                child.expand()
                self._reopen(child, expanded)

    def load(self, node: TreeNode) -> None:
        data = node.data
        if isinstance(data, DeptData) and not data.loaded:
            data.loaded = True
            assert self.index is not None
            # the people first: the head of a department reads before its sub-departments
            self._add_people(node, self.load_people(data.department.id if data.department else None))
            if data.department is not None:
                subs = self.index.children.get(data.department.id, [])
                with self._adding():
                    for d in sorted(subs, key=lambda d: (-d.importance, d.name, d.id)):
                        self._add_department(node, d)
        elif isinstance(data, PersonData) and not data.loaded:
            data.loaded = True
            self._add_people(node, data.node.reports)

    def _add_people(self, node: TreeNode, people: Sequence[PersonNode]) -> None:
        with self._adding():
            for p in people[:CHUNK]:
                node.add("", PersonData(p), allow_expand=p.has_reports)
            if len(people) > CHUNK:
                node.add_leaf("", MoreData(people[CHUNK:]))

    def walk(self, node: TreeNode | None = None):
        for child in (node or self.root).children:
            yield child
            yield from self.walk(child)

    def find(self, ident: str) -> TreeNode | None:
        for node in self.walk():
            data = node.data
            if isinstance(data, (DeptData, PersonData)) and data.id == ident:
                return node
        return None

    def expanded_ids(self) -> set[str]:
        return {n.data.id for n in self.walk()
                if n.is_expanded and isinstance(n.data, (DeptData, PersonData))}

    def render_lines(self, crop: Region) -> list[Strip]:
        self._drawn_size = self.size
        self._line_style = self.rich_style  # the stock tree works it out again for every line
        try:
            return super().render_lines(crop)
        finally:
            self._line_style = None

    def render_line(self, y: int) -> Strip:
        style = self._line_style if self._line_style is not None else self.rich_style
        scroll_x, scroll_y = self.scroll_offset
        return self._render_line(y + scroll_y, scroll_x, scroll_x + self.size.width, style)

    def _on_resize(self, event: events.Resize) -> None:
        """A pushed screen's widgets get a resize after its first frame, to the size they were
        drawn at; the stock tree then lays out and draws every line again. Labels do not depend
        on the size: only a new one (the line cache is keyed by width) needs that."""
        if event.size == self._drawn_size:
            event.prevent_default()  # Textual calls Tree._on_resize after this one otherwise

    def relabel(self) -> None:
        self._updates += 1
        self._invalidate()

    # -- events -------------------------------------------------------------------
    def on_tree_node_expanded(self, event: Tree.NodeExpanded) -> None:
        self.load(event.node)

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        node = event.node
        if isinstance(node.data, MoreData) and node.parent is not None:
            parent, rest = node.parent, node.data.rest
            node.remove()
            self._add_people(parent, rest)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        data = event.node.data
        if isinstance(data, PersonData):
            self.post_message(self.Highlighted(self, data.id, data.node.person.department_id))
        elif isinstance(data, DeptData):
            self.post_message(self.Highlighted(self, None, data.id or None))
        # the hidden root and "… more" lines select nothing: the card keeps what it shows

    @property
    def selected(self) -> tuple[str | None, str | None]:
        """(person id, department id) under the cursor."""
        node = self.cursor_node
        data = node.data if node else None
        if isinstance(data, PersonData):
            return data.id, data.node.person.department_id
        if isinstance(data, DeptData):
            return None, data.id or None
        return None, None

    def copy_text(self) -> str | None:
        """The name under the cursor, without its marks (`y` copies it: see kamtui.ui.habits)."""
        node = self.cursor_node
        data = node.data if node else None
        if isinstance(data, PersonData):
            return data.node.person.name
        if isinstance(data, DeptData) and data.department is not None:
            return data.department.name
        return None

    # -- drawing ------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"org-tree--{name}", partial=True)

    def get_label_width(self, node: TreeNode) -> int:
        """The tree measures every line each time it lays its lines out (after every resize and
        style update): the width of a label is kept with its data, per language."""
        data = node.data
        if not isinstance(data, (DeptData, PersonData, MoreData)):
            return super().get_label_width(node)
        if data.width is None or data.width[0] != self.lang:
            data.width = (self.lang, sum(cell_len(part) for part, _ in self._label_parts(data)))
        return data.width[1] + (2 if node.allow_expand or isinstance(data, PersonData) else 0)

    def render_label(self, node: TreeNode, base_style: Style, style: Style) -> Text:
        data = node.data
        text = self._label_text(data)
        text.stylize(style)
        if node.allow_expand:
            icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
            return Text.assemble((icon, base_style + Style(bold=True)), text)
        return Text.assemble(("  ", base_style), text) if isinstance(data, PersonData) else text

    def _label_text(self, data: object) -> Text:
        text = Text(no_wrap=True, end="")
        for part, style in self._label_parts(data):
            text.append(part, self._style(style) if style else Style())
        return text

    def _label_parts(self, data: object) -> list[tuple[str, str | None]]:
        """A label as (text, component style) parts: drawn styled, measured plain (the tree
        measures every label it lays out, a department of thousands a chunk at a time)."""
        parts: list[tuple[str, str | None]] = []
        if isinstance(data, DeptData):
            if data.department is None:
                parts.append((i18n.t("map.org.no_department", self.lang), "department"))
                count = self.index.people_count.get(None, 0) if self.index else 0
            else:
                d = data.department
                parts.append((safe_line(d.name), "department"))
                if d.business_line:
                    parts.append((" · " + safe_line(d.business_line), "muted"))
                count = self.index.people_count.get(d.id, 0) if self.index else 0
            if count:
                parts.append((" (" + i18n.t("map.org.people", self.lang, n=count) + ")", "muted"))
        elif isinstance(data, PersonData):
            p = data.node.person
            flags = marks(p, data.node.flag).strip()
            if flags:
                parts.append((flags + " ", "flag"))
            parts.append((p.attitude.symbol + " ", "threat" if p.attitude.value == "threat" else None))
            parts.append((safe_line(p.name), None))
            if p.title:
                title = safe_line(p.title)
                parts.append((" " + (title if len(title) <= 16 else title[:15] + "…"), "muted"))
            parts.append((f" · {p.influence}", "muted"))
        elif isinstance(data, MoreData):
            parts.append((i18n.t("map.org.more", self.lang, n=len(data.rest)), "muted"))
        return parts
