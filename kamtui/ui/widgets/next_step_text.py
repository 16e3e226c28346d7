"""The overview's "Next step": per layer, what it takes to reach the next level (the rules'
answer, rules/next_step.py, worded), and the suggested activities (suggestion_text).

Every line is made to fit 76 terminal cells (CJK counts two), so the section reads at 80
columns without wrapping; lists of evidence items continue on indented lines. User data
(names) is plain text, shortened with an ellipsis where a line would not fit.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.cells import cell_len
from textual.content import Content

from kamtui import formatting as fmt
from kamtui.domain.enums import Lang, Layer
from kamtui.domain.rules.key import red_flags
from kamtui.domain.rules.next_step import NextStep
from kamtui.ui.i18n import register, t
from kamtui.ui.widgets import suggestion_text
from kamtui.ui.widgets.suggestion_text import WIDTH, attitude_word, fit, shorten
from kamtui.domain.short_labels import short_label


register({
    "next.assessed": ("As assessed on {date}: what it takes to reach the next level", "按 {date} 的评估：达到下一级需要什么"),
    "next.not_assessed": ("Not assessed yet: assess the account (a) to see its next step.",
                          "尚未评估：评估该客户（a）后可见下一步。"),
    "next.org": ("Organization · {level}", "组织关系 · {level}"),
    "next.org.goal": ("Organization · {level} · goal {goal}", "组织关系 · {level} · 目标 {goal}"),
    "next.org.unrated": ("  rate all four dimensions to see the way up", "  四个维度都评分后可见提升路径"),
    "next.org.top": ("  at the top level: keep every dimension at 4", "  已是最高级：保持各维度为 4"),
    "next.org.reaches": ("reaches {level}", "可达{level}"),
    "next.org.or": (" (or {n} other ways)", "（另有 {n} 种方式）"),
    "next.org.or1": (" (or 1 other way)", "（另有 1 种方式）"),
    "next.org.unticked": ("    still unticked:", "    尚未勾选："),
    "next.org.also": ("    also unticked:", "    另未勾选："),
    "next.key": ("Key decision makers · key index {index}", "关键客户关系 · 关键指数 {index}"),
    "next.key.goal": ("Key decision makers · key index {index} · goal {goal}",
                      "关键客户关系 · 关键指数 {index} · 目标 {goal}"),
    "next.key.flag": ("  ⚑ {who}: {why}: clear this red flag", "  ⚑ {who}：{why}：先清除此红旗"),
    "next.key.lever": ("  {who} {before} → {after}: key index {a} → {b} (+{gain})",
                       "  {who} {before} → {after}：关键指数 {a} → {b}（+{gain}）"),
    "next.key.none": ("  every assessed person is an advocate", "  已评估的人员都是重视者"),
    "next.key.nobody": ("  nobody's attitude is assessed yet", "  尚未评估任何人的态度"),
    "next.key.unknown": ("  {n} attitudes still unknown: find them out", "  {n} 人态度未知：需摸清"),
    "next.key.unknown1": ("  1 attitude still unknown: find it out", "  1 人态度未知：需摸清"),
    "next.ext": ("Extensive · extensive index {index}", "普遍客户关系 · 普遍指数 {index}"),
    "next.ext.goal": ("Extensive · extensive index {index} · goal {goal}", "普遍客户关系 · 普遍指数 {index} · 目标 {goal}"),
    "next.ext.step": ("  {dept} · {indicator} {b} → {a}: index {x} → {y} (+{gain})",
                      "  {dept} · {indicator} {b} → {a}：指数 {x} → {y}（+{gain}）"),
    "next.ext.none": ("  no department rated yet", "  尚无部门评分"),
    "next.ext.top": ("  the short board is at 5 already", "  短木板已是 5 分"),
    "next.suggest": ("Suggested activities ({n}): p opens them in the planner, where enter plans one",
                     "建议活动（{n} 项）：按 p 在计划中打开，在那里按 enter 规划其一"),
    "next.suggest.more": ("  … {n} more in the planner (p)", "  … 另有 {n} 项，见计划（p）"),
    "next.suggest.none": ("  every gap above has an open activity", "  以上各项都已有活动在推进"),
    "next.flag.threat_high_influence": ("threat, influence {influence}", "威胁，影响力 {influence}"),
    "next.flag.unknown_decision_maker": ("decision maker, attitude unknown", "决策者，态度未知"),
})


def _gain(value: float) -> str:
    return fmt.index(value) if value >= 0.5 else f"{value:.1f}"


def wrap_items(head: str, items: list[str], width: int = WIDTH, indent: int = 6, sep: str = " · ") -> list[str]:
    """`head` then the items joined by `sep`, broken into lines of at most `width` cells
    (continuation lines indented by `indent`)."""
    lines, line = [], head
    for i, item in enumerate(items):
        piece = (" " if i == 0 and head and not head.endswith(" ") else "" if i == 0 else sep) + item
        if cell_len(line + piece) > width and line.strip():
            lines.append(line + (sep.rstrip() if i else ""))
            line = " " * indent + item
        else:
            line += piece
    lines.append(line)
    return [shorten(x, width) for x in lines]


def org_lines(step: NextStep, goal: str, lang: Lang) -> list[tuple[str, str | None]]:
    """(line, style) of the organization layer."""
    if step.org is None:
        return [(t("next.org", lang, level=fmt.DASH), "bold"), (t("next.org.unrated", lang), None)]
    head = t("next.org.goal" if goal else "next.org", lang, level=step.org.level.label(lang), goal=goal)
    out: list[tuple[str, str | None]] = [(shorten(head, WIDTH), "bold")]
    if not step.org.steps:
        return out + [(t("next.org.top", lang), None)]
    listed: set = set()
    for i, s in enumerate(step.org.steps):
        items = [f"{short_label(r.dimension, lang)} {r.before} → {r.after}" for r in s.rises]
        items[-1] += ("，" if lang == "zh" else " ") + t("next.org.reaches", lang, level=s.level.label(lang))
        if s.alternatives:
            items[-1] += t("next.org.or1" if s.alternatives == 1 else "next.org.or", lang, n=s.alternatives)
        out += [(x, None) for x in wrap_items("  ", items, sep="、" if lang == "zh" else ", ", indent=4)]
        missing = [e for e in s.missing_evidence if e not in listed]
        if missing:
            head = t("next.org.unticked" if i == 0 else "next.org.also", lang)
            out += [(x, "italic") for x in wrap_items(head, [short_label(e, lang) for e in missing])]
        listed.update(missing)
    return out


def key_lines(step: NextStep, names: Mapping[str, str], goal: str, lang: Lang) -> list[tuple[str, str | None]]:
    k = step.key
    index = fmt.index(k.key_index)
    out: list[tuple[str, str | None]] = [(t("next.key.goal" if goal else "next.key", lang, index=index, goal=goal), "bold")]
    flags = {f.index: f.reason for f in red_flags(step.people)}
    for i in k.red_flags:
        p = step.people[i]
        why = t(f"next.flag.{flags[i]}", lang, influence=p.influence)
        out.append((fit("next.key.flag", lang, ("who",), who=names.get(p.person_id, "?"), why=why), "bold"))
    for lv in k.levers:
        p = step.people[lv.index]
        out.append((fit("next.key.lever", lang, ("who",), who=names.get(p.person_id, "?"),
                        before=attitude_word(lv.before, lang), after=attitude_word(lv.after, lang),
                        a=fmt.index_move(k.key_index, lv.key_index_after)[0],
                        b=fmt.index_move(k.key_index, lv.key_index_after)[1], gain=_gain(lv.gain)), None))
    if not k.levers and not k.red_flags:
        out.append((t("next.key.nobody" if k.key_index is None else "next.key.none", lang), None))
    if k.unknown and k.key_index is not None:
        out.append((t("next.key.unknown1" if len(k.unknown) == 1 else "next.key.unknown", lang, n=len(k.unknown)),
                    "italic"))
    return out


def ext_lines(step: NextStep, index: float | None, board_rated: bool, goal: str, lang: Lang) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = [
        (t("next.ext.goal" if goal else "next.ext", lang, index=fmt.index(index), goal=goal), "bold")]
    e = step.extensive
    if e is None:
        return out + [(t("next.ext.top" if board_rated else "next.ext.none", lang), None)]
    out.append((fit("next.ext.step", lang, ("dept",), dept=e.department, indicator=short_label(e.indicator, lang),
                    b=e.before, a=e.after, x=fmt.index_move(e.index_before, e.index_after)[0], y=fmt.index_move(e.index_before, e.index_after)[1],
                    gain=_gain(e.gain)), None))
    return out


def _goal(ov, layer: Layer, lang: Lang) -> str:
    target = ov.targets.get(layer)
    if target is None:
        return ""
    if target.level is not None:
        return target.level.label(lang)
    return fmt.index(target.index) if target.index is not None else ""


def next_step_text(ov, lang: Lang) -> Content:
    """The overview's "Next step" section (`ov`: services.overview.Overview)."""
    step = ov.next_step
    if step is None:
        return Content(t("next.not_assessed", lang))
    names = {p.id: p.name for p in ov.plan.people}
    figs = ov.figures
    lines: list[tuple[str, str | None]] = [(t("next.assessed", lang, date=step.assessed_on.isoformat()), "italic")]
    lines += org_lines(step, _goal(ov, Layer.organization, lang), lang)
    lines += key_lines(step, names, _goal(ov, Layer.key, lang), lang)
    lines += ext_lines(step, figs.extensive_index if figs else None, bool(figs and figs.short_board),
                       _goal(ov, Layer.extensive, lang), lang)
    lines.append((t("next.suggest", lang, n=len(ov.suggestions)), "bold"))
    if not ov.suggestions:
        lines.append((t("next.suggest.none", lang), None))
    lookup = suggestion_text.Names(names, ov.department_names)
    for s in ov.suggestions[:3]:
        lines.append(("  " + suggestion_text.why_line(s, lookup, lang, width=WIDTH - 2), None))
    if len(ov.suggestions) > 3:
        lines.append((t("next.suggest.more", lang, n=len(ov.suggestions) - 3), "dim"))
    parts: list = []
    for i, (text, style) in enumerate(lines):
        if i:
            parts.append("\n")
        parts.append((text, style) if style else text)
    return Content.assemble(*parts)

