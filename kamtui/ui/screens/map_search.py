"""`/` on the stakeholder map: type-ahead over the people of the current view (the whole
organization in the tree and the grid; the chain's or the coverage's people there)."""

from __future__ import annotations

from typing import Any

from kamtui.ui import i18n
from kamtui.ui.screens.type_ahead import TypeAhead
from kamtui.ui.widgets.decision_chain import PersonLines

i18n.register({
    "key.map_search": ("Search", "搜索"),
    "help.map_search": ("Search people by name or title (pinyin too): ↓↑ next, enter stay, esc back",
                        "按姓名或职务搜索人员（也可用拼音）：↓↑ 下一个，enter 停留，esc 返回"),
    "cmd.map_search": ("person: search", "人员：搜索"),
})


class MapSearch(TypeAhead):
    """Mixed into StakeholderMapScreen."""

    def _lines_view(self) -> PersonLines | None:
        widget = self._view_widget(self.view)  # type: ignore[attr-defined]
        return widget if isinstance(widget, PersonLines) else None

    def search_lines(self) -> list[tuple[str, str]]:
        data = self._ensure()  # type: ignore[attr-defined]
        lines = self._lines_view()
        if lines is not None:
            people = [data.by_id[r.key] for r in lines.rows if r.key and r.key in data.by_id]
        else:
            people = data.people
        return [(p.id, f"{p.name}\t{p.title or ''}") for p in people]

    def search_start(self) -> Any:
        return (self.person_id, self.department_id)  # type: ignore[attr-defined]

    def search_go(self, ident: Any) -> None:
        person_id, department_id = ident if isinstance(ident, tuple) else (ident, None)
        person = self._ensure().by_id.get(person_id or "")  # type: ignore[attr-defined]
        if person is not None:
            department_id = person.department_id
        lines = self._lines_view()
        if lines is not None:
            found = next((i for i, r in enumerate(lines.rows) if r.key == person_id), None)
            if found is not None:
                lines.cursor = found  # its Highlighted message selects the person
            return
        self.person_id, self.department_id = person_id, department_id  # type: ignore[attr-defined]
        self._fill(self.view, force=True)  # type: ignore[attr-defined]
        self._card()  # type: ignore[attr-defined]
        self.refresh_bindings()  # type: ignore[attr-defined]

    def search_closed(self) -> None:
        widget = self._view_widget(self.view)  # type: ignore[attr-defined]
        focus_cells = getattr(widget, "focus_cells", None)
        if callable(focus_cells):
            focus_cells()
        else:
            widget.focus()
