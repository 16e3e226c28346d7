"""Key 3: the customer's people — who decides, who is for or against us, who of ours knows whom.

Four views of the same people (organization, decision chain, influence × attitude, coverage)
with the selected person's card beside them. The map is read once, light (plain rows, no
models), before the first frame, and again after each edit; only the organization view is
built then, the others when first shown (or mounted in the background a moment later).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static

from kamtui.errors import KamtuiError
from kamtui import formatting as fmt
from kamtui.domain.figures import Figure, short
from kamtui.formatting import index as fmt_index
from kamtui.domain.rules.pitfalls import Pitfall
from kamtui.services import map_data as md
from kamtui.services import stakeholders as st
from kamtui.ui import i18n
from kamtui.ui.screens.base import KamScreen
from kamtui.ui.screens.map_forms import MapEdits
from kamtui.ui.screens.map_search import MapSearch
from kamtui.ui.text import plain, safe
from kamtui.ui.widgets.coverage_matrix import CoverageMatrix
from kamtui.ui.widgets.decision_chain import DecisionChain, PersonLines
from kamtui.ui.widgets.footer import KamFooter
from kamtui.ui.widgets.header import KamHeader
from kamtui.ui.widgets.influence_grid import InfluenceGrid
from kamtui.ui.widgets.map_pitfalls import PitfallLine
from kamtui.ui.widgets.map_tabs import MapLegend, MapTabs
from kamtui.ui.widgets.org_tree import OrgTree
from kamtui.ui.widgets.person_card import PersonCard

VIEWS = md.VIEWS
# id -> (key, action, shown in the footer, en/zh label, en/zh help, en/zh palette title)
_KEYS: dict[str, tuple[str, str, bool, tuple[str, str], tuple[str, str], tuple[str, str]]] = {
    "map_new_person": ("n", "new_person", True, ("New", "新建"),
                       ("Add a person to the selected department", "在所选部门添加人员"), ("person: new", "人员：新建")),
    "map_edit": ("e", "edit", True, ("Edit", "编辑"),
                 ("Edit the selected person or department", "编辑所选人员或部门"), ("person: edit", "人员：编辑")),
    "map_delete": ("d", "delete", True, ("Archive", "归档"),
                   ("Archive the selected person (u restores) or an empty department",
                    "归档所选人员（按 u 恢复）或空部门"), ("person: archive", "人员：归档")),
    "map_move": ("m", "move", False, ("Move", "移动"),
                 ("Move the person to another department, or the department under another",
                  "将人员移到其他部门，或将部门移到其他部门之下"), ("person: move to department", "人员：移到部门")),
    "map_reports_to": ("r", "reports_to", False, ("Reports to", "汇报"),
                       ("Set whom the selected person reports to", "设置所选人员的汇报对象"),
                       ("person: set reports-to", "人员：设置汇报对象")),
    "map_link": ("l", "link", False, ("Link", "关系"),
                 ("Add a typed link: influences, opposes, close to (was k)",
                  "添加关系：影响、反对、亲近（原为 k）"),
                 ("person: add link", "人员：添加关系")),
    "map_new_department": ("a", "new_department", False, ("Department", "部门"),
                           ("Add a department under the selected one", "在所选部门下添加部门"),
                           ("department: new", "部门：新建")),
    "map_restore": ("u", "restore", False, ("Restore", "恢复"),
                    ("Bring back an archived person", "恢复已归档的人员"), ("person: restore", "人员：恢复")),
    "map_view": ("v", "next_view", True, ("View", "视图"),
                 ("Next view: organization, decision chain, influence × attitude, coverage",
                  "下一视图：组织、决策链、影响力×态度、覆盖"), ("map: next view", "关系图：下一视图")),
    "map_changes": ("H", "changes", False, ("Changes", "变更"),
                    ("Who changed the selected person or department, when, before → after",
                     "所选人员或部门的变更：谁、何时、前 → 后"), ("person: change history", "人员：变更记录")),
    "map_import_people": ("i", "import_people", False, ("Import", "导入"),
                          ("Import people from a contact file (CSV, Excel, vCard): a preview first",
                           "从联系人文件（CSV、Excel、vCard）导入人员：先预览"), ("people: import…", "人员：导入…")),
    "map_export": ("x", "export", True, ("Export", "导出"),
                   ("Write the current view as Mermaid (.mmd) or Graphviz (.dot)",
                    "将当前视图导出为 Mermaid (.mmd) 或 Graphviz (.dot)"), ("map: export view", "关系图：导出视图")),
}
_VIEW_NAMES = {"organization": ("Organization", "组织"), "chain": ("Decision chain", "决策链"),
               "grid": ("Influence × attitude", "影响力×态度"), "coverage": ("Coverage", "覆盖")}
_LEGEND_PEOPLE = ("⚑ red flag  ◆ hidden decision maker  ★ rising star  ·  ++ advocate  + accepting  "
                  "= commodity  !! threat  ? unknown  ·  1–5 influence",
                  "⚑ 红旗  ◆ 隐性决策者  ★ 明日之星  ·  ++ 重视  + 接受  = 商品  !! 威胁  ? 未知  ·  1–5 影响力")
i18n.register({
    **{f"key.{k}": v[3] for k, v in _KEYS.items()},
    **{f"help.{k}": v[4] for k, v in _KEYS.items()},
    **{f"cmd.{k}": v[5] for k, v in _KEYS.items()},
    **{f"map.view.{k}": v for k, v in _VIEW_NAMES.items()},
    **{f"cmd.map_view_{k}": (f"map: {en.lower()} view", f"关系图：{zh}视图") for k, (en, zh) in _VIEW_NAMES.items()},
    "cmd.map_back": ("map: back", "关系图：返回"),
    "map.title": ("Map", "关系图"),
    "map.tab.grid": ("Influence×attitude", "影响力×态度"),
    "map.figures": ("{now}: {figures} · People {people} │ {assessed}: {key_index} {assessed_index}",
                    "{now}：{figures} · 人员 {people} │ {assessed}：{key_index} {assessed_index}"),
    "map.figures.unassessed": ("{now}: {figures} · People {people} │ {assessed}",
                               "{now}：{figures} · 人员 {people} │ {assessed}"),
    "map.loading": ("Reading the map…", "正在读取关系图……"),
    "map.pitfalls": ("Pitfalls: {items}", "常见问题：{items}"),
    "map.pitfalls.none": ("Pitfalls: none open in the key layer", "常见问题：关键层无未解决问题"),
    "map.legend.organization": _LEGEND_PEOPLE,
    "map.legend.chain": _LEGEND_PEOPLE,
    "map.legend.grid": ("rows: influence 5→1  ·  ⚑ high influence and a threat  ·  ? unknown: assess "
                        "them  ·  arrows move, tab goes to the list",
                        "行：影响力 5→1  ·  ⚑ 高影响力的威胁者  ·  ? 未知：需评估  ·  方向键移动，tab 进入列表"),
    "map.legend.coverage": ("● owner  ○ contact through an activity  ·  no owner: decision maker nobody "
                            "owns  ·  1 only: one of us knows them",
                            "● 负责人  ○ 通过活动接触  ·  无负责人：无人负责的决策者  ·  单线：仅我方一人熟悉"),
})


class StakeholderMapScreen(MapSearch, MapEdits, KamScreen):
    HELP_NOTES = ("help.figures.map",)
    CSS_PATH = "stakeholder_map.tcss"
    BINDINGS = [Binding(v[0], v[1], v[3][0], show=v[2], id=k) for k, v in _KEYS.items()] + [
        Binding("escape", "back", "Back", id="back"),
        Binding("slash", "search", "Search", key_display="/", show=False, id="map_search"),
    ]

    def __init__(self, account_id: str) -> None:
        super().__init__()
        self.account_id = account_id
        self.view = "organization"
        self.data: md.MapData | None = None
        self.index: md.OrgIndex | None = None
        self.person_id: str | None = None
        self.department_id: str | None = None
        self.stale: set[str] = set(VIEWS)
        self._details: tuple[Pitfall, ...] | None = None  # the pitfalls' words, read when asked for

    # -- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield KamHeader()
        with Horizontal(id="map-bar"):
            yield Static("", id="map-account")
            yield MapTabs(self, id="map-tabs")
        yield Static("", id="map-figures")
        yield PitfallLine("", id="map-pitfalls")
        with Horizontal(id="map-body"):
            with ContentSwitcher(initial="view-organization", id="map-views"):
                yield OrgTree(self._department_people, id="view-organization")  # the others: when first shown
            yield PersonCard(id="map-card")
        yield MapLegend(self, id="map-legend")
        yield KamFooter()

    def on_mount(self) -> None:
        """One light read of the account, then everything the first frame shows: the tree
        one level open, the figures, the card."""
        super().on_mount()
        self._load()
        self.account = self._ensure().account
        tree = self.query_one(OrgTree)
        tree.build(self.index)
        self.stale.discard("organization")
        self.person_id, self.department_id = tree.selected  # before its message: no second footer
        self._title()
        self._tabs()
        self._card()
        tree.focus()
        self.call_after_refresh(self._premount_later)

    def _premount_later(self) -> None:
        """Mount the other views while the user reads, one at a time, so that `v` stays
        quick; counted from the first frame, so that on a slow machine they never delay it."""
        for i, view in enumerate(VIEWS[1:], 1):
            self.set_timer(0.25 * i, lambda view=view: self._premount(view))

    def _department_people(self, department_id: str | None) -> md.Nodes:
        return md.department_nodes(self._ensure(), department_id)

    def _load(self) -> None:
        self.data = md.load(self.kam.ctx, self.account_id)
        self.index = md.index_of(self.data)
        self._details = None
        self._figures()
        if self.person_id:
            self._card()

    def _premount(self, view: str) -> None:
        if self.is_attached:
            self._view_widget(view, hidden=True)

    def _ensure(self) -> md.MapData:
        if self.data is None:
            self._load()
        assert self.data is not None
        return self.data

    # -- texts --------------------------------------------------------------------
    def relabel(self) -> None:
        self._title()
        self._tabs(layout=True)
        self._figures()
        self.query_one(OrgTree).relabel()
        for lines in self.query(PersonLines):
            lines.refresh()
        for grid in self.query(InfluenceGrid):
            grid.relabel()
        self._card()

    def _title(self) -> None:
        title = self.query_one("#map-account", Static)
        title.update(Content(safe(self.account.short_name or self.account.name)))
        title.tooltip = Content(f"{self.tr('map.title')} · {safe(self.account.name)}")  # a name: never markup

    def _tabs(self, layout: bool = False) -> None:
        """The tab strip and the legend draw from `self.view`: switching views only repaints
        them (their size moves with the language alone)."""
        self.query_one(MapTabs).refresh(layout=layout)
        self.query_one(MapLegend).refresh(layout=layout)

    def _figures(self) -> None:
        figures = self.query_one("#map-figures", Static)
        pitfalls = self.query_one("#map-pitfalls", PitfallLine)
        if self.data is None:
            figures.update(Content(self.tr("map.loading")))
            pitfalls.update("")
            return
        h = self.data.header
        # the people as they are now, and the key index of the latest assessment beside it
        key = "map.figures" if h.assessed_on else "map.figures.unassessed"
        figures.update(Content(self.tr(
            key, now=fmt.now_note(self.lang).capitalize(),
            figures=fmt.key_figures(self.lang, h.key_index, h.coverage, h.red_flags, short=True),
            people=h.people, key_index=short(Figure.key_index, self.lang),
            assessed=fmt.assessed_note(self.lang, h.assessed_on),
            assessed_index=fmt_index(h.assessed_key_index))))
        figures.set_class(h.red_flags > 0, "-flagged")
        if h.pitfalls:
            items = "; ".join(k.label(self.lang) for k in h.pitfalls)
            pitfalls.update(Content(self.tr("map.pitfalls", items=items)))
            pitfalls.explain_with(self._pitfall_tooltip)
        else:
            pitfalls.update(Content(self.tr("map.pitfalls.none")))
            pitfalls.tooltip = None
        pitfalls.set_class(bool(h.pitfalls), "-open")

    def _pitfall_tooltip(self) -> Content:
        """What triggered each open pitfall (a full read of the people: only when asked for)."""
        if self._details is None:
            self._details = md.pitfall_details(self.kam.ctx, self.account_id)
        return plain("\n".join(f"{p.key.label(self.lang)}: {p.detail(self.lang)}" for p in self._details))

    # -- views --------------------------------------------------------------------
    def _view_widget(self, view: str, hidden: bool = False) -> Widget:
        """A view's widget, mounted the first time it is asked for (opening stays cheap)."""
        found = self.query(f"#view-{view}")
        if found:
            return found.first()
        if view == "chain":
            widget: Widget = DecisionChain(id="view-chain")
        elif view == "grid":
            danger = {(i, a) for i in md.GRID_INFLUENCE for a in md.GRID_ATTITUDES if md.danger_cell(i, a)}
            widget = InfluenceGrid(md.GRID_INFLUENCE, md.GRID_ATTITUDES, danger, id="view-grid")
        else:
            widget = CoverageMatrix(id="view-coverage")
        widget.display = not hidden and self.view == view
        self.query_one(ContentSwitcher).mount(widget)
        return widget

    def show_view(self, view: str) -> None:
        self.view = view
        widget = self._view_widget(view)
        self.query_one(ContentSwitcher).current = f"view-{view}"
        self._fill(view)
        self._tabs()
        if isinstance(widget, InfluenceGrid):
            self.call_after_refresh(widget.focus_cells)  # its cells exist once it has composed
        else:
            widget.focus()

    def _fill(self, view: str, force: bool = False) -> None:
        if view not in self.stale and not force:
            return
        keep = self.person_id or self.department_id
        if view == "organization":
            tree = self.query_one(OrgTree)
            self.index = md.index_of(self._ensure())
            tree.build(self.index, tree.expanded_ids() | self._path_to(self.person_id, self.department_id), keep)
        else:
            data = self._ensure()
            widget = self._view_widget(view)
            if isinstance(widget, DecisionChain):
                widget.show(md.chain(data), data.flags, self.person_id)
            elif isinstance(widget, InfluenceGrid):
                widget.show(md.grid(data), data.flags, self.person_id)
            elif isinstance(widget, CoverageMatrix):
                widget.show(md.coverage_matrix(data), data.flags, self.person_id)
        self.stale.discard(view)

    def _path_to(self, person_id: str | None, department_id: str | None) -> set[str]:
        """The tree nodes to open so that a person or a department shows."""
        path: set[str] = set()
        data, index = self.data, self.index
        person = data.by_id.get(person_id or "") if data else None
        if person is not None and index is not None and person.department_id not in index.departments:
            path.add("")  # the people in no department
        seen: set[str] = set()
        while person is not None and person.reports_to_id and person.id not in seen:
            seen.add(person.id)
            manager = data.by_id.get(person.reports_to_id) if data else None
            if manager is None or manager.department_id != person.department_id:
                break
            path.add(manager.id)
            person = manager
        dept = index.departments.get(department_id or "") if index else None
        while dept is not None and dept.id not in path:
            path.add(dept.id)
            dept = index.departments.get(dept.parent_id or "") if index else None
        return path

    def reload(self, person_id: str | None = None, department_id: str | None = None) -> None:
        """After an edit: read the map again and redraw the current view around the record."""
        if person_id is not None or department_id is not None:
            self.person_id, self.department_id = person_id, department_id
        self.data = None
        self.stale = set(VIEWS)
        self._load()
        person = self._ensure().by_id.get(self.person_id or "")
        if person is not None:
            self.department_id = person.department_id
        self._fill(self.view)

    def refresh_data(self) -> None:
        """Another process changed the workspace: read the map again. The view, the open tree
        nodes and the selection (by id) stay; the title follows a renamed account."""
        self.reload()
        self.account = self._ensure().account
        self._title()

    def action_next_view(self) -> None:
        self.show_view(VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)])

    # -- selection and the card ---------------------------------------------------
    def _select(self, person_id: str | None, department_id: str | None, source: Any) -> None:
        if source is not self.query_one(f"#view-{self.view}"):
            return  # a hidden view refilling itself does not move the selection
        if (person_id, department_id) == (self.person_id, self.department_id):
            return
        before = (self.person_id is None, self.department_id is None)
        self.person_id, self.department_id = person_id, department_id
        self._card()
        if before != (person_id is None, department_id is None):
            self.refresh_bindings()  # only when a key starts or stops applying: the footer dims it

    def on_org_tree_highlighted(self, event: OrgTree.Highlighted) -> None:
        self._select(event.person_id, event.department_id, event.tree)

    def on_person_lines_highlighted(self, event: PersonLines.Highlighted) -> None:
        data = self.data
        person = data.by_id.get(event.person_id or "") if data else None
        self._select(event.person_id, person.department_id if person else None, event.lines)

    def on_influence_grid_highlighted(self, event: InfluenceGrid.Highlighted) -> None:
        data = self.data
        person = data.by_id.get(event.person_id or "") if data else None
        self._select(event.person_id, person.department_id if person else None, event.grid)

    def _card(self) -> None:
        card = self.query_one(PersonCard)
        try:
            if self.person_id:
                card.show_person(st.card(self.kam.ctx, self._ensure(), self.person_id))
            elif self.department_id and self.index and self.department_id in self.index.departments:
                card.show_department(st.department_card(self.kam.ctx, self.index, self.department_id))
            else:
                card.clear()
        except KamtuiError:
            card.clear()

    # -- availability ---------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        edits = {"new_person", "edit", "delete", "move", "reports_to", "link", "new_department", "restore",
                 "import_people"}
        if action in edits and self.kam.ctx.read_only:
            return False  # absent: nothing can be saved here
        # None: listed and shown dimmed until a selection makes the key apply
        if action in ("reports_to", "link"):
            return True if self.person_id is not None else None
        if action in ("edit", "delete", "move", "changes"):
            selected = self.person_id is not None or (self.view == "organization" and self.department_id is not None)
            return True if selected else None
        if action == "restore":
            return True if self.data is None or self.data.archived_people() else None
        return True

    def commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        out = [(self.tr(f"cmd.{k}"), self.tr(f"help.{k}"), lambda a=v[1]: self.run_action(a))
               for k, v in _KEYS.items() if self.check_action(v[1], ())]
        out += [(self.tr(f"cmd.map_view_{v}"), self.tr("help.map_view"), lambda v=v: self.show_view(v))
                for v in VIEWS]
        out.append((self.tr("cmd.map_search"), self.tr("help.map_search"), lambda: self.run_action("search")))
        out.append((self.tr("cmd.map_back"), self.tr("help.back"), self.action_back))
        return out

    def action_back(self) -> None:
        self.app.pop_screen()
