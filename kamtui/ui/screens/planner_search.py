"""`/` in the planner: type-ahead over the activities shown (their type, people, owner, dates,
objective), in the list and in the month timeline."""

from __future__ import annotations

from typing import Any

from kamtui.ui import i18n
from kamtui.ui.screens.type_ahead import TypeAhead
from kamtui.ui.widgets.timeline import WindowedTable

i18n.register({
    "key.planner_search": ("Search", "搜索"),
    "help.planner_search": ("Search the activities shown (type, people, owner, objective; pinyin too): "
                            "↓↑ next, enter stay, esc back",
                            "搜索显示的活动（类型、人员、负责人、目标；也可用拼音）：↓↑ 下一个，enter 停留，esc 返回"),
    "planner.cmd.search": ("plan: search activities", "计划：搜索活动"),
})


def _plain(cell: object) -> str:
    plain = getattr(cell, "plain", None)
    return plain if isinstance(plain, str) else str(cell)


class PlannerSearch(TypeAhead):
    """Mixed into PlannerScreen."""

    def search_lines(self) -> list[tuple[str, str]]:
        table = self.table  # type: ignore[attr-defined]
        planner = self.planner  # type: ignore[attr-defined]
        if isinstance(table, WindowedTable):
            found = [(r.key, "\t".join(_plain(c) for c in r.cells)) for r in table._model.rows if r.kind == "item"]
        else:
            found = [(table.row_key(r), "\t".join(str(table.cells(r, c.key)) for c in table.columns))
                     for r in table.rows if getattr(r, "kind", "item") == "item"]
        out = []
        for key, text in found:
            if not key or key.startswith("group:"):
                continue
            activity = planner.activity(key) if planner else None
            objective = getattr(activity, "objective", "") or ""
            out.append((key, f"{text}\t{objective}"))
        return out

    def search_start(self) -> Any:
        return self.current_id  # type: ignore[attr-defined]

    def search_go(self, ident: Any) -> None:
        table = self.table  # type: ignore[attr-defined]
        if isinstance(table, WindowedTable):
            at = table.index_of(ident)
            if at is not None:
                table._extend(at + 1)
                table.move_cursor(row=at)
        else:
            table.move_to(ident)

    def search_closed(self) -> None:
        self.table.focus()  # type: ignore[attr-defined]
