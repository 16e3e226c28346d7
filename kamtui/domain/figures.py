"""The figures kamtui shows, named once, and the two things a figure can be measured on.

A figure is either *as assessed*: computed from the account's latest dated assessment (what
the team agreed when it last assessed the relationship), or *now*: computed from the records
as they are today (a person's attitude changed in their form, an import). Only the key layer
has both: organization and extensive ratings exist only in assessments. Every screen, the
report, the brief and the exports take their labels from here, so the same figure has the
same name everywhere and a "now" figure never reads like an assessed one. docs/figures.md
says which surface shows which.
"""

from __future__ import annotations

import datetime as dt

from kamtui.domain.enums import Labeled, Lang, _labels


class Figure(Labeled):
    org_level = "org_level"
    key_index = "key_index"
    coverage = "coverage"
    red_flags = "red_flags"
    extensive_index = "extensive_index"
    short_board = "short_board"


_labels(Figure, {
    "org_level": ("Organization level", "组织关系级别"),
    "key_index": ("Key index", "关键客户指数"),
    "coverage": ("Coverage", "覆盖率"),
    "red_flags": ("Red flags", "红旗"),
    "extensive_index": ("Extensive index", "普遍客户指数"),
    "short_board": ("Short board", "短木板"),
})

# Column headings where a table has little room (portfolio, report, history).
SHORT: dict[Figure, tuple[str, str]] = {
    Figure.org_level: ("Org level", "组织级别"),
    Figure.key_index: ("Key", "关键"),
    Figure.coverage: ("Cover", "覆盖"),
    Figure.red_flags: ("Flags", "红旗"),
    Figure.extensive_index: ("Ext", "普遍"),
    Figure.short_board: ("Short board", "短木板"),
}


def short(figure: Figure, lang: Lang) -> str:
    en, zh = SHORT[figure]
    return zh if lang == "zh" else en


class Basis(Labeled):
    assessed = "assessed"
    now = "now"


_labels(Basis, {
    "assessed": ("assessed", "评估"),
    "now": ("now", "当前"),
})

# Which basis each figure is shown on where only one is shown.
ASSESSED_ONLY = (Figure.org_level, Figure.extensive_index, Figure.short_board)


def basis_note(basis: Basis, lang: Lang, on: dt.date | None = None) -> str:
    """"assessed 2026-10-01" / "2026-10-01 评估", "not assessed yet" / "尚未评估", "now" / "当前"."""
    if basis == Basis.now:
        return basis.label(lang)
    if on is None:
        return "尚未评估" if lang == "zh" else "not assessed yet"
    return f"{on.isoformat()} 评估" if lang == "zh" else f"assessed {on.isoformat()}"


def heading(figure: Figure, basis: Basis, lang: Lang, on: dt.date | None = None) -> str:
    """"Key index (assessed 2026-10-01)", "Key index (now)"."""
    if lang == "zh":
        return f"{figure.label(lang)}（{basis_note(basis, lang, on)}）"
    return f"{figure.label(lang)} ({basis_note(basis, lang, on)})"
