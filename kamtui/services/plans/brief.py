"""A one-page Markdown brief of an account plan, for people who do not use terminals.

The three layers with their figures and targets, the short boards, the pitfalls, the key
people and the next activities. All user text is escaped: it cannot become markup.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from kamtui import formatting
from kamtui import safe_text
from kamtui.domain.enums import Attitude, ChainRole, Lang, Layer
from kamtui.domain.models import Activity, LayerTarget, Person, Policy
from kamtui.domain.ordering import sort_key
from kamtui.domain.plan import AccountPlan
from kamtui.domain.rules.pitfalls import detect_pitfalls
from kamtui.domain.figures import Figure
from kamtui.domain.rules.summary import LayerFigures, figures, key_now

MAX_PEOPLE = 12
MAX_ACTIVITIES = 10

_T = {
    "brief": ("Account plan brief", "客户拓展计划简报"),
    "as_of": ("as of", "日期"),
    "owner": ("owner", "负责人"),
    "owner_h": ("Owner", "负责人"),
    "layers": ("Three layers", "三层客户关系"),
    "layer": ("Layer", "层面"),
    "now_key": ("Key layer now (people as recorded today)", "关键层当前（按现有人员记录）"),
    "target": ("Target", "目标"),
    "due": ("Due", "期限"),
    "last": ("Last assessment", "最近评估"),
    "never": ("No assessment yet.", "尚未评估。"),
    "by": ("by", "评估人"),
    "boards": ("Short boards", "短木板"),
    "holding": ("held down by", "拖后腿的维度"),
    "partner": ("at the top level", "已达最高级别"),
    "no_red": ("no red flags", "无红旗"),
    "pitfalls": ("Pitfalls", "常见问题"),
    "none": ("None.", "无。"),
    "dismissed": ("dismissed", "已忽略"),
    "people": ("Key people", "关键人物"),
    "name": ("Name", "姓名"),
    "title": ("Title", "职务"),
    "role": ("Role", "角色"),
    "influence": ("Infl.", "影响力"),
    "attitude": ("Attitude now", "当前态度"),
    "needs": ("Needs", "需求层次"),
    "flags": ("Flags", "标记"),
    "hidden": ("hidden decision maker", "隐性决策者"),
    "star": ("rising star", "明日之星"),
    "exec": ("CXO", "高层"),
    "career": ("career needs", "职业需求"),
    "next": ("Next activities", "近期活动"),
    "date": ("Date", "日期"),
    "activity": ("Activity", "活动"),
    "scope": ("Scope", "范围"),
    "targets": ("Targets", "对象"),
    "status": ("Status", "状态"),
    "overdue": ("overdue", "逾期"),
    "whole": ("whole account", "全客户"),
    "strategy": ("Strategy", "客户战略"),
    "threat_high_influence": ("threat with high influence", "高影响力的威胁者"),
    "unknown_decision_maker": ("decision maker of unknown attitude", "态度未知的决策者"),
    "more": ("more", "其余"),
}
_ATTITUDE_SIGN = {Attitude.advocate: "++", Attitude.accepting: "+", Attitude.commodity: "=",
                  Attitude.threat: "−−", Attitude.unknown: "?"}

# Characters that mean something in Markdown (or HTML) wherever they stand.
_INLINE = re.compile(r"([\\`*_{}\[\]<>|#~!&])")
_BLOCK_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def _t(key: str, lang: Lang) -> str:
    en, zh = _T[key]
    return zh if lang == "zh" else en


def md(text: str) -> str:
    """User text as inert Markdown on one line (table cells, list items)."""
    return _INLINE.sub(r"\\\1", " ".join(safe_text.line(text).split()))


def md_block(text: str) -> str:
    """User text as inert Markdown paragraphs, line breaks kept."""
    lines = []
    for line in safe_text.text(text).splitlines():
        line = _INLINE.sub(r"\\\1", line.rstrip())
        lines.append(_BLOCK_START.sub(r"\1\\\2", line))
    return "  \n".join(lines)


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return out


def _layer_rows(figs: LayerFigures | None, targets: Mapping[Layer, LayerTarget], lang: Lang) -> list[list[str]]:
    def due(layer: Layer) -> str:
        t = targets.get(layer)
        return t.due.isoformat() if t and t.due else ""

    org = formatting.level(figs.org_level if figs else None, lang)
    org_t = targets.get(Layer.organization)
    key = ext = formatting.DASH
    if figs:
        key = formatting.key_figures(lang, figs.key_index, figs.coverage, len(figs.red_flags))
        ext = f"{Figure.extensive_index.label(lang)} {formatting.index(figs.extensive_index)}"
    key_t, ext_t = targets.get(Layer.key), targets.get(Layer.extensive)
    return [
        [Layer.organization.label(lang), org,
         formatting.level(org_t.level if org_t else None, lang), due(Layer.organization)],
        [Layer.key.label(lang), key, formatting.index(key_t.index if key_t else None), due(Layer.key)],
        [Layer.extensive.label(lang), ext, formatting.index(ext_t.index if ext_t else None), due(Layer.extensive)],
    ]


def _key_people(plan: AccountPlan) -> list[Person]:
    def notable(p: Person) -> bool:
        return (p.role in (ChainRole.decision_maker, ChainRole.influencer, ChainRole.coach)
                or p.hidden_decision_maker or p.rising_star or p.executive)

    people = [p for p in plan.active_people() if notable(p)]
    return sorted(people, key=lambda p: (-p.influence, p.name, p.id))


def _activity_targets(a: Activity, people: Mapping[str, Person], depts: Mapping[str, str], lang: Lang) -> str:
    if a.target_person_ids:
        return ", ".join(md(people[i].name) if i in people else "?" for i in a.target_person_ids)
    if a.target_department_id:
        return md(depts.get(a.target_department_id, a.target_business_line or "?"))
    if a.target_business_line:
        return md(a.target_business_line)
    return _t("whole", lang)


def brief(plan: AccountPlan, policy: Policy, today: dt.date, *, lang: Lang = "en",
          include_private: bool = False, member_names: Mapping[str, str] | None = None) -> str:
    """The plan as one page of Markdown, figures as of `today`."""
    members = member_names or {}
    a = plan.account
    latest = plan.latest
    depts = {d.id: d.name for d in plan.departments}
    people = {p.id: p for p in plan.people}
    figs = figures(latest, depts) if latest else None
    targets = {t.layer: t for t in plan.targets}
    out: list[str] = [f"# {md(a.name)}", ""]
    facts = [md(x) for x in (a.short_name, a.industry, a.region) if x] + [a.tier.label(lang)]
    if a.owner_id and a.owner_id in members:
        facts.append(f"{_t('owner', lang)}: {md(members[a.owner_id])}")
    out += [f"*{_t('brief', lang)}, {_t('as_of', lang)} {today.isoformat()}* · " + " · ".join(facts), ""]

    out += [f"## {_t('layers', lang)}", ""]
    # the figures of the latest assessment, under the name of what they are (docs/figures.md)
    assessed = formatting.assessed_note(lang, latest.assessed_on if latest else None)
    out += _table([_t("layer", lang), assessed.capitalize() if lang == "en" else assessed,
                   _t("target", lang), _t("due", lang)], _layer_rows(figs, targets, lang))
    now = key_now(plan.active_people())
    out += ["", f"{_t('now_key', lang)}: "
            f"{formatting.key_figures(lang, now.key_index, now.coverage, len(now.red_flags))}", ""]
    if latest:
        by = f" ({_t('by', lang)} {md(latest.recorded_by)})" if latest.recorded_by else ""
        note = f": {md(latest.note)}" if latest.note else ""
        out += [f"{_t('last', lang)}: {latest.assessed_on.isoformat()}{by}{note}", ""]
    else:
        out += [_t("never", lang), ""]

    out += [f"## {_t('boards', lang)} ({assessed})" if latest else f"## {_t('boards', lang)}", ""]
    if figs and figs.org:
        if figs.org.holding_down:
            dims = ", ".join(f"{d.label(lang)} ({latest.org[d].value})" for d in figs.org.holding_down)  # type: ignore[union-attr]
            out.append(f"- **{Layer.organization.label(lang)}**: {_t('holding', lang)} {dims}")
        else:
            out.append(f"- **{Layer.organization.label(lang)}**: {_t('partner', lang)}")
    if figs:
        flags = []
        for flag in figs.red_flags:
            pid = latest.people[flag.index].person_id  # type: ignore[union-attr]
            name = md(people[pid].name) if pid in people else "?"
            flags.append(f"{name} ({_t(flag.reason, lang)})")
        out.append(f"- **{Layer.key.label(lang)}**: " + ("; ".join(flags) if flags else _t("no_red", lang)))
        if figs.short_board:
            sb = figs.short_board
            out.append(f"- **{Layer.extensive.label(lang)}**: {md(sb.department)} · "
                       f"{sb.indicator.label(lang)} ({sb.value})")
    if not figs:
        out.append(f"- {_t('never', lang)}")
    out.append("")

    out += [f"## {_t('pitfalls', lang)}", ""]
    found = detect_pitfalls(plan, policy, today)
    for p in found:
        data = f" ({', '.join(md(d) for d in p.data[:5])}{'…' if len(p.data) > 5 else ''})" if p.data else ""
        line = f"**{p.key.label(lang)}**: {md(p.detail(lang))}{data}"
        if p.dismissal:
            d = p.dismissal
            line = (f"~~{p.key.label(lang)}~~: {_t('dismissed', lang)} {d.dismissed_on.isoformat()}"
                    f"{' ' + md(d.dismissed_by) if d.dismissed_by else ''}: {md(d.reason)}")
        out.append(f"- {line}")
    if not found:
        out.append(_t("none", lang))
    out.append("")

    out += [f"## {_t('people', lang)}", ""]
    key_people = _key_people(plan)
    rows = []
    for p in key_people[:MAX_PEOPLE]:
        flags = [_t(k, lang) for k, on in (("exec", p.executive), ("hidden", p.hidden_decision_maker),
                                           ("star", p.rising_star)) if on]
        if include_private and p.career_needs:
            flags.append(f"{_t('career', lang)}: {md(p.career_needs)}")
        rows.append([md(p.name), md(p.title), p.role.label(lang) if p.role else "", str(p.influence),
                     f"{_ATTITUDE_SIGN[p.attitude]} {p.attitude.label(lang)}",
                     str(p.needs_level) if p.needs_level else "", "; ".join(flags)])
    if rows:
        out += _table([_t(k, lang) for k in ("name", "title", "role", "influence", "attitude", "needs", "flags")], rows)
        if len(key_people) > MAX_PEOPLE:
            out.append(f"\n… {len(key_people) - MAX_PEOPLE} {_t('more', lang)}")
    else:
        out.append(_t("none", lang))
    out.append("")

    out += [f"## {_t('next', lang)}", ""]
    open_acts = [x for x in plan.active_activities() if x.status.is_open]
    overdue = sorted((x for x in open_acts if x.is_overdue(today)), key=sort_key("Activity"))
    upcoming = sorted((x for x in open_acts if x.planned_on and x.planned_on >= today), key=sort_key("Activity"))
    chosen = (overdue + upcoming)[:MAX_ACTIVITIES]
    rows = []
    for x in chosen:
        status = x.status.label(lang) + (f" ({_t('overdue', lang)})" if x.is_overdue(today) else "")
        what = x.type.label(lang) + (f": {md(x.objective)}" if x.objective else "")
        rows.append([x.planned_on.isoformat() if x.planned_on else "", what, x.scope.label(lang),
                     _activity_targets(x, people, depts, lang), md(members.get(x.owner_id or "", "")), status])
    if rows:
        out += _table([_t(k, lang) for k in ("date", "activity", "scope", "targets", "owner_h", "status")], rows)
    else:
        out.append(_t("none", lang))
    out.append("")

    if a.strategy_notes:
        out += [f"## {_t('strategy', lang)}", "", md_block(a.strategy_notes), ""]
    return safe_text.text("\n".join(out))
