"""The coverage matrix: key people down, our team members across, who knows whom."""

from __future__ import annotations

from rich.text import Text

from kamtui.services.map_data import Coverage, CoverageRow
from kamtui.ui import i18n
from kamtui.ui.widgets.decision_chain import PersonLines, Row, cut, marks

i18n.register({
    "map.cov.people": ("Key people", "关键人物"),
    "map.cov.unowned": ("no owner", "无负责人"),
    "map.cov.single": ("1 only", "单线"),
    "map.cov.count": ("Σ", "Σ"),
    "map.cov.empty": ("No decision makers or influencers yet.", "还没有决策者或影响者。"),
})

COLUMN = 6  # cells per team member
OWNER, CONTACT, NONE = "●", "○", "·"


def short(name: str) -> str:
    """A member's column heading: the first word of their name."""
    return (name.split() or [name])[0]


class CoverageMatrix(PersonLines):
    empty_key = "map.cov.empty"

    def show(self, cov: Coverage, flags: dict[str, str], keep: str | None = None) -> None:
        self.members = cov.members
        self.flags = flags
        rows = [Row(r.person.id, r, "flag" if r.unowned_decision_maker else "") for r in cov.rows]
        self.scrolling = COLUMN * len(self.members) + 3
        self.set_rows(rows, keep)

    def _columns(self, width: int) -> tuple[int, int]:
        status = 9
        name = min(max(width - 3 - 1 - 1 - status - 1 - self.scrolling, 8), 16)
        self.frozen = 3 + 1 + name + 1 + status + 1
        return name, status

    def header(self, width: int) -> tuple[Text, Text]:
        name, status = self._columns(width)
        left = Text(" " * 4, no_wrap=True, end="")
        left.append_text(cut(i18n.t("map.cov.people", self.lang), name + 1 + status + 1))
        right = Text(no_wrap=True, end="")
        for m in self.members:
            right.append_text(cut(short(m.name), COLUMN - 1))
            right.append(" ")
        right.append(i18n.t("map.cov.count", self.lang))
        return left, right

    def row_text(self, row: Row, width: int) -> tuple[Text, Text]:
        r: CoverageRow = row.payload
        name, status = self._columns(width)
        words = []
        if r.unowned_decision_maker:
            words.append(i18n.t("map.cov.unowned", self.lang))
        if r.single_thread:
            words.append(i18n.t("map.cov.single", self.lang))
        left = Text(marks(r.person, self.flags.get(r.person.id)) + " ", no_wrap=True, end="")
        left.append_text(cut(r.person.name, name))
        left.append(" ")
        left.append_text(cut(" ".join(words), status, self.style_of("flag") if words else ""))
        left.append(" ")
        right = Text(no_wrap=True, end="")
        for m in self.members:
            mark = OWNER if m.id == r.person.owner_id else CONTACT if m.id in r.knowers else NONE
            right.append(f"  {mark}   "[:COLUMN])
        right.append(str(len(r.knowers)))
        return left, right
