"""The texts of the account overview: layer cards, pitfalls, activities.

Figures come from the overview service (domain rules); this module only words them. User
data (names, notes, pitfall data) is assembled as plain text, never parsed as markup.
"""

from __future__ import annotations

from textual.content import Content

from kamtui import formatting as fmt
from kamtui.domain.enums import Lang, Layer
from kamtui.domain.figures import Figure, short
from kamtui.domain.models import Activity
from kamtui.services.overview import Overview
from kamtui.ui.i18n import register, t
from kamtui.ui.text import safe

RED_FLAG = "⚑"
OVERDUE = "!"
PITFALL = "▲"

register({
    "overview.not_assessed": ("not assessed yet", "尚未评估"),
    "overview.goal": ("goal", "目标"),
    "overview.no_goal": ("no goal set", "未设目标"),
    "overview.held_down": ("held down by:", "受限于："),
    "overview.top_level": ("at the top level", "已是最高级"),
    "overview.no_red_flags": ("no red flags", "无红旗"),
    "overview.flag.threat_high_influence": ("threat, influence {influence}", "威胁，影响力 {influence}"),
    "overview.flag.unknown_decision_maker": ("decision maker, attitude unknown", "决策者，态度未知"),
    "overview.short_board": ("short board:", "短木板："),
    "overview.no_short_board": ("no department rated", "尚无部门评分"),
    "overview.no_pitfalls": ("No open pitfalls.", "没有未处理的常见问题。"),
    "overview.dismissed": ("{n} dismissed (with a reason)", "{n} 项已忽略（附理由）"),
    "overview.overdue": ("Overdue", "已逾期"),
    "overview.next": ("Next", "接下来"),
    "overview.no_activities": ("No open activities.", "没有未完成的活动。"),
    "overview.none_next": ("nothing planned ahead", "暂无后续计划"),
})


def _lines(*parts: Content | str | tuple[str, str]) -> Content:
    return Content.assemble(*parts)


def _goal_line(ov: Overview, layer: Layer, lang: Lang) -> str:
    target = ov.targets.get(layer)
    if target is None or (target.level is None and target.index is None):
        return f"{t('overview.goal', lang)}: {t('overview.no_goal', lang)}"
    value = target.level.label(lang) if target.level else fmt.index(target.index)
    due = f" · {target.due.isoformat()}" if target.due else ""
    return f"{t('overview.goal', lang)}: {value}{due}"


def org_card(ov: Overview, lang: Lang) -> Content:
    if ov.figures is None or ov.figures.org is None:
        return _lines(t("overview.not_assessed", lang), "\n", _goal_line(ov, Layer.organization, lang))
    level = ov.figures.org.level
    parts: list = [(level.label(lang), "bold"), "\n", _goal_line(ov, Layer.organization, lang), "\n"]
    holding = ov.org_holding()
    if not holding:
        parts.append(t("overview.top_level", lang))
    else:
        dims = ", ".join(f"{dim.label(lang)} ({value})" for dim, value in holding)
        parts.append(f"{t('overview.held_down', lang)} {dims}")
    return _lines(*parts)


def key_card(ov: Overview, lang: Lang) -> Content:
    f = ov.figures
    if f is None:
        return _lines(t("overview.not_assessed", lang), "\n", _goal_line(ov, Layer.key, lang),
                      *_now_line(ov, lang))
    # the table's short names: the card is a third of 80 columns and its title names the layer
    parts: list = [(f"{short(Figure.key_index, lang)} {fmt.index(f.key_index)}", "bold"),
                   f" · {short(Figure.coverage, lang)} {fmt.percent(f.coverage)}", "\n",
                   _goal_line(ov, Layer.key, lang), *_now_line(ov, lang)]
    if not ov.red_flag_people:
        parts += ["\n", t("overview.no_red_flags", lang)]
    for person, reason in ov.red_flag_people:
        why = t(f"overview.flag.{reason}", lang, influence=person.influence)
        parts += ["\n", (f"{RED_FLAG} ", "bold"), safe(person.name), f": {why}"]
    return _lines(*parts)


def _now_line(ov: Overview, lang: Lang) -> list:
    """The key layer as the people are recorded now, where that differs from the assessment
    (an attitude changed in a form or an import since): never shown as the assessed figure."""
    now, f = ov.now, ov.figures
    if now is None:
        return []
    same = f is not None and (now.key_index, now.coverage, len(now.red_flags)) == (
        f.key_index, f.coverage, len(f.red_flags))
    if same or (f is None and now.key_index is None):
        return []
    figures = fmt.key_figures(lang, now.key_index, now.coverage, len(now.red_flags), short=True)
    return ["\n", (f"{fmt.now_note(lang)}: {figures}", "italic")]


def extensive_card(ov: Overview, lang: Lang) -> Content:
    f = ov.figures
    if f is None:
        return _lines(t("overview.not_assessed", lang), "\n", _goal_line(ov, Layer.extensive, lang))
    parts: list = [(f"{Figure.extensive_index.label(lang)} {fmt.index(f.extensive_index)}", "bold"), "\n",
                   _goal_line(ov, Layer.extensive, lang), "\n"]
    sb = f.short_board
    if sb is None:
        parts.append(t("overview.no_short_board", lang))
    else:
        parts += [f"{t('overview.short_board', lang)} ", safe(sb.department),
                  f" · {sb.indicator.label(lang)} ({sb.value})"]
    return _lines(*parts)


def pitfalls_text(ov: Overview, lang: Lang) -> Content:
    open_ = ov.open_pitfalls
    if not open_:
        parts: list = [t("overview.no_pitfalls", lang)]
    else:
        parts = []
        for i, p in enumerate(open_):
            if i:
                parts.append("\n")
            parts += [(f"{PITFALL} {p.key.label(lang)}", "bold"), f" ({p.key.layer.label(lang)})",
                      "\n", "  " + safe(p.detail(lang))]
            if p.data:
                parts += ["\n", ("  " + " · ".join(safe(d) for d in p.data), "italic")]
    dismissed = ov.dismissed_pitfalls
    if dismissed:
        parts += ["\n\n", t("overview.dismissed", lang, n=len(dismissed))]
    return _lines(*parts)


def _activity_line(a: Activity, ov: Overview, lang: Lang, mark: str) -> list:
    when = a.planned_on.isoformat() if a.planned_on else fmt.DASH
    owner = ov.members.get(a.owner_id or "", "")
    line: list = [f"{mark} {when}  ", (a.type.label(lang), "bold"), f" · {a.scope.label(lang)}"]
    if a.objective:
        line += [" · ", safe(a.objective.splitlines()[0])]
    if owner:
        line += [" · ", safe(owner)]
    return line


def activities_text(ov: Overview, lang: Lang) -> Content:
    if not ov.overdue and not ov.next_activities:
        return Content(t("overview.no_activities", lang))
    parts: list = []
    if ov.overdue:
        parts.append((t("overview.overdue", lang), "bold"))
        for a in ov.overdue:
            parts += ["\n", *_activity_line(a, ov, lang, OVERDUE)]
        parts.append("\n\n")
    parts.append((t("overview.next", lang), "bold"))
    if not ov.next_activities:
        parts += ["\n", t("overview.none_next", lang)]
    for a in ov.next_activities:
        parts += ["\n", *_activity_line(a, ov, lang, "·")]
    return _lines(*parts)

