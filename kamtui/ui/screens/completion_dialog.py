"""Marking an activity done: its outcome, and a quick re-rating of exactly what it addressed
(its people's attitude and needs level, its department's indicators, the organization
dimensions and evidence items it worked on), each field starting from the value it has now.

Whatever moved is saved as a partial assessment dated today with the activity as its
evidence (services.assessments.rerating); what stayed as it was is not re-rated. The
planner then says which figures moved. Built on the shared FormDialog (ctrl+s saves,
escape asks before dropping what was typed).
"""

from __future__ import annotations

from typing import Any

from textual.content import Content

from kamtui import formatting as fmt
from kamtui.domain.enums import Attitude, NeedsLevel
from kamtui.domain.figures import Figure
from kamtui.domain.models import Activity
from kamtui.domain.rules.rerate import Rerating
from kamtui.services.assessments import rerating
from kamtui.services.assessments.history import FigureMove
from kamtui.services.context import Context
from kamtui.ui import i18n
from kamtui.ui.i18n import t
from kamtui.ui.screens.form import FormDialog, FormField
from kamtui.ui.screens.planner_dialogs import pair, required_note
from kamtui.domain.short_labels import short_label

i18n.register({
    "done.intro": ("Re-rate what it addressed if it moved (saved as an assessment of {date}, this activity its "
                   "evidence); leave the rest as it is.",
                   "如有变化，请重新评定其针对的项目（保存为 {date} 的评估，以此活动为依据）；未变化的保持原样。"),
    "done.attitude": ("{who} · attitude", "{who} · 态度"),
    "done.needs": ("{who} · needs level", "{who} · 需求层次"),
    "done.indicator": ("{dept} · {indicator}", "{dept} · {indicator}"),
    "done.org": ("{dimension}", "{dimension}"),
    "done.evidence": ("Ticked: {evidence}", "已达成：{evidence}"),
    "done.saved": ("Done: {what}", "已完成：{what}"),
    "done.moved": ("Done: {what} · {moves}", "已完成：{what} · {moves}"),
    "done.rerated": ("Done: {what} · re-rated, no figure moved", "已完成：{what} · 已重新评定，各项指标未变"),
})


def _rating_options(top: int) -> list[tuple[Any, tuple[str, str]]]:
    return [(v, (str(v), str(v))) for v in range(1, top + 1)]


def _attitude_options() -> list[tuple[Any, tuple[str, str]]]:
    return [(a, (f"{a.symbol} {a.label('en')}", f"{a.symbol} {a.label('zh')}")) for a in Attitude]


def _needs_options() -> list[tuple[Any, tuple[str, str]]]:
    return [(n.rank, (f"{n.rank} {n.label('en')}", f"{n.rank} {n.label('zh')}")) for n in NeedsLevel]


def _label(key: str, **values: object) -> tuple[str, str]:
    return (t(key, "en", **values), t(key, "zh", **values))


def fields_of(o: rerating.Offer) -> list[FormField]:
    """The outcome, then one field per item the activity addressed, at its value now."""
    a = o.activity
    fields = [FormField("outcome", pair("activity_form.outcome"), kind="note", value=a.outcome, required=True)]
    for p in o.people:
        fields.append(FormField(rerating.person_field("attitude", p.person_id), _label("done.attitude", who=p.name),
                                "select", p.attitude, _attitude_options(), required=True))
        fields.append(FormField(rerating.person_field("needs", p.person_id), _label("done.needs", who=p.name),
                                "select", p.needs_level, _needs_options()))
    for d in o.departments:
        for indicator, value in d.ratings.items():
            fields.append(FormField(f"indicator_{d.department_id}_{indicator.value}",
                                    (t("done.indicator", "en", dept=d.name, indicator=short_label(indicator, "en")),
                                     t("done.indicator", "zh", dept=d.name, indicator=short_label(indicator, "zh"))),
                                    "select", value, _rating_options(5)))
    for dim, value in o.org.items():
        fields.append(FormField(f"org_{dim.value}", (short_label(dim, "en"), short_label(dim, "zh")),
                                "select", value, _rating_options(4)))
    for item, ticked in o.evidence.items():
        fields.append(FormField(f"evidence_{item.value}",
                                (t("done.evidence", "en", evidence=item.label("en")),
                                 t("done.evidence", "zh", evidence=item.label("zh"))), "bool", ticked))
    return fields


def rerating_of(o: rerating.Offer, data: dict[str, Any]) -> Rerating:
    """The items whose value differs from the one the dialog started from."""
    r = Rerating()
    for p in o.people:
        att = data.get(rerating.person_field("attitude", p.person_id))
        if att is not None and att != p.attitude:
            r.attitudes[p.person_id] = att
        needs = data.get(rerating.person_field("needs", p.person_id))
        if needs != p.needs_level:
            r.needs[p.person_id] = needs
    for d in o.departments:
        for indicator, value in d.ratings.items():
            new = data.get(f"indicator_{d.department_id}_{indicator.value}")
            if new is not None and new != value:
                r.indicators[(d.department_id, indicator)] = new
    for dim, value in o.org.items():
        new = data.get(f"org_{dim.value}")
        if new is not None and new != value:
            r.org[dim] = new
    for item, ticked in o.evidence.items():
        new = bool(data.get(f"evidence_{item.value}"))
        if new != ticked:
            r.evidence[item] = new
    return r


def completion_dialog(ctx: Context, a: Activity, lang: str) -> FormDialog:
    o = rerating.offer(ctx, a)
    title = t("activity_form.outcome.title", lang, what=a.type.label(lang))  # type: ignore[arg-type]
    if not o.empty:
        title += "\n" + t("done.intro", lang, date=ctx.today.isoformat())  # type: ignore[arg-type]

    def submit(data: dict[str, Any]) -> rerating.Completed:
        return rerating.complete(ctx, o, required_note(data, "outcome"), rerating_of(o, data))

    return FormDialog(Content(title), fields_of(o), submit)


def _value(m: FigureMove, v: Any, lang: str) -> str:
    if m.name == "org_level":
        return fmt.level(v, lang)  # type: ignore[arg-type]
    if m.name == "coverage":
        return fmt.percent(v)
    if m.name == "short_board":
        return f"{v.department} · {short_label(v.indicator, lang)} {v.value}" if v else fmt.DASH
    if m.name == "red_flags":
        return str(v)
    return fmt.index(v)


def done_message(result: rerating.Completed, lang: str) -> str:
    """"Done: Business exchange · Extensive index 40 → 44": what the re-rating moved."""
    what = result.activity.type.label(lang)  # type: ignore[arg-type]
    if result.assessment is None:
        return t("done.saved", lang, what=what)  # type: ignore[arg-type]
    if not result.moves:
        return t("done.rerated", lang, what=what)  # type: ignore[arg-type]
    moves = " · ".join(f"{Figure(m.name).label(lang)} {_value(m, m.before, lang)} → {_value(m, m.after, lang)}"  # type: ignore[arg-type]
                       for m in result.moves)
    return t("done.moved", lang, what=what, moves=moves)  # type: ignore[arg-type]
