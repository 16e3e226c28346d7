"""The card beside every view: the selected person (or department), all of it, read-only.

One Static draws the whole card (a rich Group of plain texts, the facts wrapped beside their
labels at render time), so moving the cursor through thousands of people re-renders one
widget, and a card drawn before the first layout (the map's opening) is wrapped once, at the
width it is shown at.
"""

from __future__ import annotations


from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from kamtui import formatting as fmt
from kamtui.domain.enums import NeedsLevel
from kamtui.services.stakeholders import Card, DepartmentCard
from kamtui.ui import i18n
from kamtui.ui.text import safe

i18n.register({
    "map.card.none": ("Select a person to see their card.", "选择一位人员以查看其卡片。"),
    "map.card.role": ("Role", "角色"),
    "map.card.attitude": ("Attitude", "态度"),
    "map.card.influence": ("Influence", "影响力"),
    "map.card.needs": ("Needs", "需求层次"),
    "map.card.department": ("Department", "部门"),
    "map.card.reports_to": ("Reports to", "汇报给"),
    "map.card.owner": ("Owner", "我方负责人"),
    "map.card.known_by": ("Known by", "我方熟悉者"),
    "map.card.leaning": ("Leaning", "竞争倾向"),
    "map.card.contact": ("Contact", "最近接触"),
    "map.card.none_value": ("—", "—"),
    "map.card.no_role": ("not in the chain", "不在决策链中"),
    "map.card.leaning_unknown": ("not assessed", "未评估"),
    "map.card.leaning_nobody": ("nobody", "无倾向"),
    "map.card.executive": ("CXO", "高层"),
    "map.card.hidden": ("◆ hidden decision maker", "◆ 隐性决策者"),
    "map.card.star": ("★ rising star", "★ 明日之星"),
    "map.card.flag.threat_high_influence": ("⚑ red flag: a threat with high influence",
                                            "⚑ 红旗：高影响力的威胁者"),
    "map.card.flag.unknown_decision_maker": ("⚑ red flag: decision maker, attitude unknown",
                                             "⚑ 红旗：态度未知的决策者"),
    "map.card.links": ("Links", "关系"),
    "map.card.no_links": ("none yet (k adds one)", "暂无（按 k 添加）"),
    "map.card.out": ("→", "→"),
    "map.card.in": ("←", "←"),
    "map.card.activities": ("Activities", "活动"),
    "map.card.no_activities": ("none yet", "暂无"),
    "map.card.compliance": ("{year} regulated spend: {total}", "{year} 年受控支出：{total}"),
    "map.card.personal": ("Personal needs", "个人需求"),
    "map.card.career": ("Career needs", "职业需求"),
    "map.card.archived": ("archived (u restores)", "已归档（按 u 恢复）"),
    "map.card.dept.parent": ("Under", "上级部门"),
    "map.card.dept.line": ("Business line", "业务线"),
    "map.card.dept.importance": ("Importance", "重要性"),
    "map.card.dept.people": ("People", "人员"),
    "map.card.dept.subs": ("Sub-departments", "下级部门"),
    "map.card.dept.keys": ("n adds a person here, a a sub-department, e edits, m moves.",
                           "n 在此添加人员，a 添加下级部门，e 编辑，m 移动。"),
})


class PersonCard(VerticalScroll):
    COMPONENT_CLASSES = {
        "person-card--name", "person-card--muted", "person-card--flag", "person-card--warning",
        "person-card--key", "person-card--section",
    }

    def compose(self) -> ComposeResult:
        yield Static("", id="card-body")

    def on_mount(self) -> None:
        self.text = ""  # what the card shows, as plain text (tests read it)
        self.facts: Facts | None = None  # its labelled facts, as last drawn

    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", "en")

    def tr(self, key: str, **values: object) -> str:
        return i18n.t(key, self.lang, **values)  # type: ignore[arg-type]

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"person-card--{name}", partial=True)

    def _show(self, parts: list[RenderableType], plain: list[str]) -> None:
        text = "\n".join(plain)
        if text == self.text:
            return  # the same card again (a re-highlight): nothing to draw
        self.text = text
        self.query_one("#card-body", Static).update(Group(*parts))

    def _facts(self, pairs: list[tuple[str, str]]) -> "Facts":
        self.facts = Facts(pairs, self._style("key"))
        return self.facts

    def clear(self) -> None:
        message = self.tr("map.card.none")
        self._show([Text(message, style=self._style("muted"))], [message])

    def show_person(self, card: Card) -> None:
        p, lang, dash = card.person, self.lang, self.tr("map.card.none_value")
        flags = []
        if card.flag:
            flags.append(self.tr(f"map.card.flag.{card.flag}"))
        if p.hidden_decision_maker:
            flags.append(self.tr("map.card.hidden"))
        if p.rising_star:
            flags.append(self.tr("map.card.star"))
        if p.archived:
            flags.append(self.tr("map.card.archived"))
        needs = dash
        if p.needs_level:
            needs = f"{p.needs_level} {list(NeedsLevel)[p.needs_level - 1].label(lang)}"
        if card.leaning is None:
            leaning = self.tr("map.card.leaning_unknown")
        else:
            leaning = safe(card.leaning) or self.tr("map.card.leaning_nobody")
        contact = dash if p.last_contact is None else (
            f"{p.last_contact.isoformat()} ({fmt.age(p.last_contact, self.app.ctx.today, lang)})")
        role = p.role.label(lang) if p.role else self.tr("map.card.no_role")
        if p.executive:
            role += " · " + self.tr("map.card.executive")
        facts = [
            (self.tr("map.card.role"), role),
            (self.tr("map.card.attitude"), f"{p.attitude.symbol} {p.attitude.label(lang)}"),
            (self.tr("map.card.influence"), f"{p.influence} / 5"),
            (self.tr("map.card.needs"), needs),
            (self.tr("map.card.reports_to"), safe(card.reports_to) or dash),
            (self.tr("map.card.owner"), safe(card.owner) or dash),
            (self.tr("map.card.known_by"), ", ".join(safe(k) for k in card.knowers) or dash),
            (self.tr("map.card.leaning"), leaning),
            (self.tr("map.card.contact"), contact),
        ]
        links = [f"{self.tr('map.card.out' if l.outgoing else 'map.card.in')} {l.kind.label(lang)} "
                 f"{safe(l.other_name)}" for l in card.links] or [self.tr("map.card.no_links")]
        acts_title = self.tr("map.card.activities")
        if card.year_totals:
            total = sum(card.year_totals.values())
            acts_title += " · " + self.tr("map.card.compliance", year=card.year,
                                          total=f"{total:,.0f} {card.currency}")
        acts = [f"{a.planned_on.isoformat() if a.planned_on else '—'} {a.type.label(lang)} · "
                f"{a.status.label(lang)}" + (f" · {a.cost:,.0f}" if a.cost else "")
                for a in card.activities[:12]] or [self.tr("map.card.no_activities")]
        needs_text = []
        if p.personal_needs:
            needs_text.append(f"{self.tr('map.card.personal')}: {safe(p.personal_needs)}")
        if p.career_needs:
            needs_text.append(f"{self.tr('map.card.career')}: {safe(p.career_needs)}")
        sub = " · ".join(safe(x) for x in (p.title, card.department) if x)
        flag_style = self._style("flag" if card.flag else "warning")
        parts: list[RenderableType] = [Text(safe(p.name), style=self._style("name"))]
        plain = [safe(p.name)]
        if sub:
            parts.append(Text(sub, style=self._style("muted")))
            plain.append(sub)
        reach = " · ".join(safe(x) for x in (p.email, p.phone) if x)
        if reach:
            parts.append(Text(reach, style=self._style("muted")))
            plain.append(reach)
        if flags:
            parts.append(Text("\n".join(flags), style=flag_style))
            plain += flags
        parts.append(self._facts(facts))
        plain += [f"{k} {v}" for k, v in facts]
        for title, lines in ((self.tr("map.card.links"), links), (acts_title, acts)):
            parts += [Text(""), Text(title, style=self._style("section")), Text("\n".join(lines))]
            plain += [title, *lines]
        if needs_text:
            parts += [Text(""), Text("\n".join(needs_text), style=self._style("muted"))]
            plain += needs_text
        self._show(parts, plain)

    def show_department(self, card: DepartmentCard) -> None:
        d, dash = card.department, self.tr("map.card.none_value")
        facts = [
            (self.tr("map.card.dept.parent"), safe(card.parent) or dash),
            (self.tr("map.card.dept.line"), safe(d.business_line) or dash),
            (self.tr("map.card.dept.importance"), f"{d.importance} / 3"),
            (self.tr("map.card.dept.people"), str(card.people)),
            (self.tr("map.card.dept.subs"), str(card.subdepartments)),
        ]
        keys = self.tr("map.card.dept.keys")
        self._show([Text(safe(d.name), style=self._style("name")), self._facts(facts), Text(""),
                    Text(keys, style=self._style("muted"))],
                   [safe(d.name), *(f"{k} {v}" for k, v in facts), keys])


class Facts:
    """Labels beside values; a long value wraps under itself, not under its label.

    Plain Text, wrapped when rendered (at the card's width, whatever it is then), because a
    rich Table costs a measuring pass per draw."""

    def __init__(self, pairs: list[tuple[str, str]], key_style: Style) -> None:
        self.pairs = pairs
        self.key_style = key_style
        self.label = max((cell_len(k) for k, _ in pairs), default=0)
        self._wrapped: dict[int, Text] = {}  # a layout measures and then draws: wrap once a width
        self.drawn_width = 0  # the width the facts were last drawn at

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        self.drawn_width = width = options.max_width
        if width not in self._wrapped:
            self._wrapped[width] = self._wrap(console, width)
        yield self._wrapped[width]

    def _wrap(self, console: Console, width: int) -> Text:
        """A value beside its label where its words fit there; else under it, indented: at 8
        cells "Executive Committee" folded into "Executiv / e / Committe / e"."""
        label = self.label
        beside = max(width - label - 1, 1)
        out = Text(no_wrap=True, overflow="fold")
        for n, (key, value) in enumerate(self.pairs):
            if n:
                out.append("\n")
            if max((cell_len(w) for w in value.split()), default=0) > beside:
                out.append(key, self.key_style)
                for line in Text(value).wrap(console, max(width - 2, 4), overflow="fold") or [Text("")]:
                    out.append("\n  ")
                    out.append_text(line)
                continue
            lines = Text(value).wrap(console, beside, overflow="fold") or [Text("")]
            for i, line in enumerate(lines):
                if i:
                    out.append("\n")
                out.append(key + " " * (label - cell_len(key)) if i == 0 else " " * label, self.key_style)
                out.append(" ")
                out.append_text(line)
        return out

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(self.label + 9, options.max_width), options.max_width)
