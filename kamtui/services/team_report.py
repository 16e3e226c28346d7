"""The team view's figures as files: JSON, CSV, a Markdown one-page team review, and the
rows a terminal table prints. The columns are documented in docs/team.md and stay stable:
new ones are only ever appended.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from kamtui import safe_text
from kamtui.domain.enums import Lang, OrgLevel, Tier
from kamtui.domain.team_groups import GroupFigures
from kamtui.services.team import TeamReport

COLUMNS = (
    "group", "accounts",
    "level_vendor_start", "level_supplier_start", "level_strategic_supplier_start", "level_partner_start",
    "level_none_start",
    "level_vendor", "level_supplier", "level_strategic_supplier", "level_partner", "level_none",
    "level_ups", "level_downs", "level_new", "key_index_delta", "extensive_index_delta",
    "red_flags_opened", "red_flags_cleared", "coverage",
    "planned", "done_on_time", "done_late", "done_unrecorded", "overdue", "upcoming", "cancelled",
    "undated", "share_on_time", "awaiting_approval", "from", "to",
)

_LABELS: dict[str, tuple[str, str]] = {
    "title": ("Team review", "团队回顾"),
    "period": ("{start} to {end}", "{start} 至 {end}"),
    "by.owner": ("Owner", "负责人"),
    "by.tier": ("Tier", "级别"),
    "by.level": ("Organization level now", "当前组织关系级别"),
    "team": ("Whole team", "全团队"),
    "none.owner": ("(no owner)", "（无负责人）"),
    "none.level": ("(not assessed)", "（未评估）"),
    "accounts": ("Accounts", "客户"),
    "levels": ("Levels start → end", "级别 期初 → 期末"),
    "ups": ("Up", "上升"),
    "downs": ("Down", "下降"),
    "key": ("Key Δ", "关键Δ"),
    "ext": ("Ext Δ", "普遍Δ"),
    "flags": ("Flags +/−", "红旗 +/−"),
    "coverage": ("DM coverage", "决策者覆盖"),
    "planned": ("Planned", "计划"),
    "on_time": ("On time", "按时"),
    "late": ("Late", "延迟"),
    "overdue": ("Overdue", "逾期"),
    "undated": ("Undated", "无日期"),
    "cancelled": ("Cancelled", "取消"),
    "share": ("On time %", "按时率"),
    "approval": ("Awaiting approval", "待审批"),
    "left_out": ("Not shown at this width: {columns} (a wider terminal, --format md, csv or json has them).",
                 "此宽度下未显示：{columns}（更宽的终端或 --format md、csv、json 可见）。"),
    "moved_up": ("Moved up", "级别上升"),
    "moved_down": ("Moved down", "级别下降"),
    "unrecorded": ("done without a recorded day: {n}", "完成但无完成日期：{n}"),
    "notes": ("Δ: end of the period against its start, over accounts assessed at both; "
              "coverage: decision makers and influencers of known attitude, pooled.",
              "Δ：期末相对期初，仅计两端均有评估的客户；覆盖率：态度已知的决策者与影响者（合计）。"),
}


def word(key: str, lang: Lang, **params: Any) -> str:
    en, zh = _LABELS[key]
    return (zh if lang == "zh" else en).format(**params)


def group_name(report: TeamReport, key: str, lang: Lang, tier_names: dict[Tier, str] | None = None) -> str:
    """The group's name for people: an owner, a tier, a level; the team; "(no owner)"."""
    if key == "team":
        return word("team", lang)
    if report.by == "owner":
        return key or word("none.owner", lang)
    if report.by == "tier":
        tier = Tier(key.split(":", 1)[1])
        return (tier_names or {}).get(tier) or tier.label(lang)
    if not key:
        return word("none.level", lang)
    return OrgLevel(key.split(":", 1)[1]).label(lang)


def _num(v: float | None, digits: int = 1) -> float | None:
    return None if v is None else round(v, digits)


def record(report: TeamReport, g: GroupFigures, name: str) -> dict[str, Any]:
    """One group as the stable columns (JSON object, CSV row)."""
    e = g.execution
    out: dict[str, Any] = {"group": name, "accounts": g.accounts}
    for when, counts in (("_start", g.levels_start), ("", g.levels_end)):
        for lv in OrgLevel:
            out[f"level_{lv.value}{when}"] = counts.get(lv, 0)
        out[f"level_none{when}"] = counts.get(None, 0)
    out.update({
        "level_ups": len(g.ups), "level_downs": len(g.downs), "level_new": len(g.new),
        "key_index_delta": _num(g.key_delta), "extensive_index_delta": _num(g.extensive_delta),
        "red_flags_opened": g.flags_opened, "red_flags_cleared": g.flags_cleared,
        "coverage": _num(g.coverage, 3), "planned": e.planned, "done_on_time": e.on_time,
        "done_late": e.late, "done_unrecorded": e.done_unrecorded, "overdue": e.overdue,
        "upcoming": e.upcoming, "cancelled": e.cancelled, "undated": e.undated,
        "share_on_time": _num(e.share_on_time, 3), "awaiting_approval": g.awaiting_approval,
        "from": report.period.start.isoformat(), "to": report.period.end.isoformat(),
    })
    assert tuple(out) == COLUMNS
    return out


def records(report: TeamReport, lang: Lang = "en", tier_names: dict[Tier, str] | None = None) -> list[dict[str, Any]]:
    """Each group, then the whole team."""
    rows = [record(report, g, group_name(report, g.key, lang, tier_names)) for g in report.groups]
    return rows + [record(report, report.total, group_name(report, "team", lang))]


def as_json(report: TeamReport, lang: Lang = "en", tier_names: dict[Tier, str] | None = None) -> str:
    rows = [safe_text.json_dumps(r) for r in records(report, lang, tier_names)]
    return "[\n" + ",\n".join("  " + r for r in rows) + "\n]"


def as_csv(report: TeamReport, lang: Lang = "en", tier_names: dict[Tier, str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in records(report, lang, tier_names):
        writer.writerow({k: ("" if v is None else safe_text.line(str(v))) for k, v in r.items()})
    return out.getvalue()


def fmt_delta(v: float | None) -> str:
    return "—" if v is None else f"{v:+.1f}"


def fmt_share(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.0f}%"


def levels_text(g: GroupFigures) -> str:
    """"3·5·2·1 → 2·6·2·1" (vendor · supplier · strategic · partner)."""
    def row(c: dict) -> str:
        return "·".join(str(c.get(lv, 0)) for lv in OrgLevel)
    return f"{row(g.levels_start)} → {row(g.levels_end)}"


def table_cells(g: GroupFigures) -> list[str]:
    """The figures of one group as the terminal table and the screen show them."""
    e = g.execution
    return [str(g.accounts), levels_text(g), str(len(g.ups)), str(len(g.downs)), fmt_delta(g.key_delta),
            fmt_delta(g.extensive_delta), f"+{g.flags_opened}/−{g.flags_cleared}", fmt_share(g.coverage),
            str(e.planned), str(e.on_time), str(e.late), str(e.overdue), str(e.undated), str(e.cancelled),
            fmt_share(e.share_on_time), str(g.awaiting_approval)]


HEADINGS = ("accounts", "levels", "ups", "downs", "key", "ext", "flags", "coverage", "planned", "on_time",
            "late", "overdue", "undated", "cancelled", "share", "approval")


def _md(s: str) -> str:
    s = safe_text.line(s)
    for ch in "\\`*_[]<>|#":
        s = s.replace(ch, "\\" + ch)
    return s


def as_markdown(report: TeamReport, team_name: str, lang: Lang = "en",
                tier_names: dict[Tier, str] | None = None) -> str:
    """A one-page team review to paste into an email or a wiki."""
    p = report.period
    lines = [f"# {word('title', lang)} · {_md(team_name)}", "",
             f"**{word('period', lang, start=p.start.isoformat(), end=p.end.isoformat())}** · "
             f"{word('by.' + report.by, lang)}", ""]
    heads = [word("by." + report.by, lang)] + [word(h, lang) for h in HEADINGS]
    lines += ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for g in [*report.groups, report.total]:
        name = group_name(report, g.key if g is not report.total else "team", lang, tier_names)
        bold = "**" if g is report.total else ""
        lines.append("| " + " | ".join([f"{bold}{_md(name)}{bold}"] + table_cells(g)) + " |")
    t = report.total
    lines.append("")
    for key, names in (("moved_up", t.ups), ("moved_down", t.downs)):
        if names:
            shown = ", ".join(_md(n) for n in names[:12]) + (" …" if len(names) > 12 else "")
            lines.append(f"- **{word(key, lang)}** ({len(names)}): {shown}")
    if t.execution.done_unrecorded:
        lines.append(f"- {word('unrecorded', lang, n=t.execution.done_unrecorded)}")
    lines += ["", f"_{word('notes', lang)}_", ""]
    return "\n".join(lines)
