"""How a suggested activity reads (rules/suggest.py): its why-line (one line of at most 76
cells in either language, CJK counted double), its detail (on demand), and what it fills
into the activity form (objective, short board).

The short board it writes names the item in the words `rules.rerate.addressed` reads back
when the activity is completed, so the re-rating offers exactly that item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from rich.cells import cell_len, set_cell_size

from kamtui import formatting as fmt
from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import Lang, Layer, NeedsLevel, OrgLevel, Scope
from kamtui.domain.rules.suggest import Reason, Strategy, Suggestion
from kamtui.ui.i18n import register, t
from kamtui.ui.text import safe_line
from kamtui.domain.short_labels import short_label

WIDTH = 76

register({
    "suggest.key_threat": ("⚑ {type} with {who}: threat → commodity, key index +{gain}",
                           "⚑ {type}：{who} 威胁 → 商品，关键指数 +{gain}"),
    "suggest.key_unknown": ("⚑ {type} with {who}: decision maker, attitude unknown",
                            "⚑ {type}：{who}，决策者，态度未知"),
    "suggest.key_lever": ("{type} with {who}: {before} → {after}, key index +{gain}",
                          "{type}：{who} {before} → {after}，关键指数 +{gain}"),
    "suggest.org_rise": ("{type}: {dim} {b} → {a} {reach} {level}", "{type}：{dim} {b} → {a}，{reach}{level}"),
    "suggest.reaches": ("reaches", "可达"),
    "suggest.toward": ("toward", "迈向"),
    "suggest.org_evidence": ("{type}: {level} needs {evidence}", "{type}：{level}尚缺{evidence}"),
    "suggest.ext_board": ("{type} with {dept}: {indicator} {b} → {a}, extensive +{gain}",
                          "{type}：{dept} {indicator} {b} → {a}，普遍指数 +{gain}"),
    # detail (on demand)
    "suggest.detail.person": ("{who} ({role}influence {influence}) is assessed {attitude}.",
                              "{who}（{role}影响力 {influence}）评估为{attitude}。"),
    "suggest.detail.threat": ("To commodity: key index {x} → {y}, one red flag fewer.",
                              "转为商品：关键指数 {x} → {y}，少一面红旗。"),
    "suggest.detail.unknown": ("A decision maker of unknown attitude is a red flag: meet them, find out.",
                               "态度未知的决策者是红旗：先接触，摸清态度。"),
    "suggest.detail.lever": ("To {after}: key index {x} → {y}, among the largest gains.",
                             "提升至{after}：关键指数 {x} → {y}，提升幅度居前。"),
    "suggest.detail.needs": ("Needs level {now}; {type} serves rung {rung}: {label}.",
                             "需求层次 {now}；{type}满足第 {rung} 层：{label}。"),
    "suggest.detail.needs_unknown": ("Needs level unknown; {type} serves rung {rung}: {label}.",
                                     "需求层次未知；{type}满足第 {rung} 层：{label}。"),
    "suggest.detail.rise": ("{level} needs {dim} {b} → {a}; {type} works on it.",
                            "达到{level}需要{dim} {b} → {a}；{type}正是为此。"),
    "suggest.detail.evidence": ("{level} shows “{evidence}”, not ticked yet; {type} is how it is shown.",
                                "{level}应有“{evidence}”，尚未勾选；{type}可以达成。"),
    "suggest.detail.board": ("The short board is {dept} · {indicator} ({b}); one step up lifts the "
                             "extensive index {x} → {y}.",
                             "短木板是{dept} · {indicator}（{b} 分）；提升一级可使普遍指数 {x} → {y}。"),
    "suggest.detail.people": ("At {level} the breakthrough is the key people: help them succeed "
                              "and meet their personal needs.",
                              "处于{level}时，突破点在关键人物：帮助其取得专业成功，满足个人需求。"),
    "suggest.detail.business": ("At {level} the breakthrough is the organization: raise its business "
                                "performance together.",
                                "处于{level}时，突破点在组织：共同提升客户的经营业绩。"),
    "suggest.detail.enter": ("enter plans it (the form opens filled in).", "enter 规划（表单已预填）。"),
    # what it fills into the activity form
    "suggest.objective.person": ("Move {who} from {before} to {after}; serve needs rung {rung} ({label})",
                                 "推动{who}从{before}转为{after}；满足需求第 {rung} 层（{label}）"),
    "suggest.objective.unknown": ("Meet {who}: learn their attitude to us and their needs",
                                  "拜访{who}：摸清其对我方的态度和需求"),
    "suggest.objective.rise": ("Raise {dim} from {b} to {a}, toward {level}", "将{dim}从 {b} 提升到 {a}，迈向{level}"),
    "suggest.objective.evidence": ("Show “{evidence}”, toward {level}", "达成“{evidence}”，迈向{level}"),
    "suggest.objective.board": ("Raise {dept}'s {indicator} from {b} to {a}", "将{dept}的{indicator}从 {b} 提升到 {a}"),
    "suggest.board.person": ("{who}: {before} → {after}", "{who}：{before} → {after}"),
    "suggest.board.unknown": ("{who}: attitude unknown", "{who}：态度未知"),
    "suggest.board.rise": ("{dim} {b} → {a}", "{dim} {b} → {a}"),
    "suggest.board.ext": ("{dept}: {indicator}", "{dept}：{indicator}"),
})


def shorten(text: str, cells: int) -> str:
    """`text` cut to `cells` terminal cells with an ellipsis (user data: one line, filtered)."""
    text = safe_line(text)
    if cell_len(text) <= cells:
        return text
    return set_cell_size(text, max(cells - 1, 0)) + "…"


def fit(key: str, lang: Lang, name_keys: tuple[str, ...] = (), width: int = WIDTH, **values: object) -> str:
    """The string `key` with `values`, at most `width` cells: the names (`name_keys`) give way
    first (down to 8 cells each), then the line's end."""
    names = {k: safe_line(str(values[k])) for k in name_keys}
    line = t(key, lang, **{**values, **names})
    over = cell_len(line) - width
    for k in name_keys:
        if over <= 0:
            break
        room = max(cell_len(names[k]) - over, 8)
        over -= cell_len(names[k]) - room
        names[k] = shorten(names[k], room)
    line = t(key, lang, **{**values, **names})
    return shorten(line, width) if cell_len(line) > width else line


@dataclass(frozen=True)
class Names:
    """Names of the account's people and departments, by id."""

    people: Mapping[str, str] = field(default_factory=dict)
    departments: Mapping[str, str] = field(default_factory=dict)

    def who(self, s: Suggestion) -> str:
        return ", ".join(self.people.get(p, "?") for p in s.person_ids)

    def dept(self, s: Suggestion) -> str:
        return s.department or self.departments.get(s.department_id or "", "?")


def attitude_word(a, lang: Lang) -> str:
    """An attitude inside a sentence: "threat", "重视" (English labels are capitalised)."""
    if a is None:
        return ""
    return a.label(lang).lower() if lang == "en" else a.label(lang)


def _gain(value: float | None) -> str:
    if value is None:
        return fmt.DASH
    return fmt.index(value) if value >= 0.5 else f"{value:.1f}"


def _level(level: OrgLevel | None, lang: Lang) -> str:
    return level.label(lang) if level else fmt.DASH


def why_line(s: Suggestion, names: Names, lang: Lang, width: int = WIDTH) -> str:
    """One line, at most `width` cells: what to do, with whom, what it moves."""
    kind = s.type.label(lang)
    r = s.reason
    if r in (Reason.key_threat, Reason.key_lever, Reason.key_unknown):
        return fit(f"suggest.{r.value}", lang, ("who",), width, type=kind, who=names.who(s),
                   before=attitude_word(s.attitude, lang), after=attitude_word(s.attitude_after, lang),
                   gain=_gain(s.gain))
    if r == Reason.org_rise:
        return fit("suggest.org_rise", lang, (), width, type=kind, dim=short_label(s.dimension, lang),  # type: ignore[union-attr]
                   b=s.before, a=s.after, level=_level(s.level, lang),
                   reach=t("suggest.reaches" if s.completes else "suggest.toward", lang))
    if r == Reason.org_evidence:
        return fit("suggest.org_evidence", lang, (), width, type=kind, level=_level(s.level, lang),
                   evidence=short_label(s.evidence, lang))  # type: ignore[union-attr]
    return fit("suggest.ext_board", lang, ("dept",), width, type=kind, dept=names.dept(s),
               indicator=short_label(s.indicator, lang), b=s.before, a=s.after, gain=_gain(s.gain))  # type: ignore[union-attr]


def _rung_label(rung: int | None, lang: Lang) -> str:
    return list(NeedsLevel)[rung - 1].label(lang) if rung else fmt.DASH


def detail(s: Suggestion, names: Names, lang: Lang, level: OrgLevel | None) -> str:
    """A few sentences: the gap, why this activity, the level strategy; how to plan it."""
    kind = s.type.label(lang)
    parts = []
    if s.person_ids:
        role = f"{s.role.label(lang)}{'，' if lang == 'zh' else ', '}" if s.role else ""
        parts.append(t("suggest.detail.person", lang, who=names.who(s), role=role, influence=s.influence or 0,
                       attitude=attitude_word(s.attitude, lang) or fmt.DASH))
        if s.reason == Reason.key_threat:
            parts.append(t("suggest.detail.threat", lang, x=fmt.index_move(s.index_before, s.index_after)[0], y=fmt.index_move(s.index_before, s.index_after)[1]))
        elif s.reason == Reason.key_unknown:
            parts.append(t("suggest.detail.unknown", lang))
        else:
            parts.append(t("suggest.detail.lever", lang, after=attitude_word(s.attitude_after, lang),
                           x=fmt.index_move(s.index_before, s.index_after)[0], y=fmt.index_move(s.index_before, s.index_after)[1]))
        key = "suggest.detail.needs" if s.needs_now else "suggest.detail.needs_unknown"
        parts.append(t(key, lang, now=s.needs_now or 0, type=kind, rung=s.needs_level or 0,
                       label=_rung_label(s.needs_level, lang)))
    elif s.reason == Reason.org_rise:
        parts.append(t("suggest.detail.rise", lang, level=_level(s.level, lang), dim=s.dimension.label(lang),  # type: ignore[union-attr]
                       b=s.before, a=s.after, type=kind))
    elif s.reason == Reason.org_evidence:
        parts.append(t("suggest.detail.evidence", lang, level=_level(s.level, lang),
                       evidence=s.evidence.label(lang), type=kind))  # type: ignore[union-attr]
    else:
        parts.append(t("suggest.detail.board", lang, dept=names.dept(s), indicator=s.indicator.label(lang),  # type: ignore[union-attr]
                       b=s.before, x=fmt.index_move(s.index_before, s.index_after)[0], y=fmt.index_move(s.index_before, s.index_after)[1]))
    strategy = "suggest.detail.people" if s.strategy == Strategy.people else "suggest.detail.business"
    parts.append(t(strategy, lang, level=_level(level, lang) if level else _level(OrgLevel.vendor, lang)))
    parts.append(t("suggest.detail.enter", lang))
    return (" " if lang == "en" else "").join(parts)


def objective(s: Suggestion, names: Names, lang: Lang) -> str:
    """The objective the form is filled with."""
    if s.reason == Reason.key_unknown:
        return t("suggest.objective.unknown", lang, who=names.who(s))
    if s.person_ids:
        return t("suggest.objective.person", lang, who=names.who(s),
                 before=attitude_word(s.attitude, lang), after=attitude_word(s.attitude_after, lang),
                 rung=s.needs_level or 0,
                 label=_rung_label(s.needs_level, lang))
    if s.reason == Reason.org_rise:
        return t("suggest.objective.rise", lang, dim=s.dimension.label(lang), b=s.before, a=s.after,  # type: ignore[union-attr]
                 level=_level(s.level, lang))
    if s.reason == Reason.org_evidence:
        return t("suggest.objective.evidence", lang, evidence=s.evidence.label(lang), level=_level(s.level, lang))  # type: ignore[union-attr]
    return t("suggest.objective.board", lang, dept=names.dept(s), indicator=s.indicator.label(lang),  # type: ignore[union-attr]
             b=s.before, a=s.after)


def short_board(s: Suggestion, names: Names, lang: Lang) -> str:
    """The short board the form is filled with: the item, in words the re-rating reads back."""
    if s.reason == Reason.key_unknown:
        return t("suggest.board.unknown", lang, who=names.who(s))
    if s.person_ids:
        return t("suggest.board.person", lang, who=names.who(s), before=attitude_word(s.attitude, lang),
                 after=attitude_word(s.attitude_after, lang))
    if s.reason == Reason.org_rise:
        return t("suggest.board.rise", lang, dim=short_label(s.dimension, lang), b=s.before, a=s.after)  # type: ignore[union-attr]
    if s.reason == Reason.org_evidence:
        return s.evidence.label(lang)  # type: ignore[union-attr]
    return t("suggest.board.ext", lang, dept=names.dept(s), indicator=s.indicator.label(lang))  # type: ignore[union-attr]


@dataclass(frozen=True)
class Prefill:
    """What a new activity's form starts with (from a suggestion)."""

    type: ActivityType
    scope: Scope
    layer: Layer
    person_ids: tuple[str, ...] = ()
    department_id: str | None = None
    objective: str = ""
    short_board: str = ""
    needs_level: int | None = None
    planned_on: dt.date | None = None

    @classmethod
    def of(cls, s: Suggestion, names: Names, lang: Lang) -> "Prefill":
        return cls(s.type, s.scope, s.layer, s.person_ids, s.department_id,
                   objective(s, names, lang), short_board(s, names, lang), s.needs_level, s.planned_on)
