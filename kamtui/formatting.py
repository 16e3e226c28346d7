"""How figures read on screen and in the CLI table (pure text, shared by cli and ui)."""

from __future__ import annotations

import datetime as dt

from kamtui.domain.enums import Lang, OrgLevel
from kamtui.domain.portfolio import LayerState

DASH = "—"


def index(value: float | None) -> str:
    return DASH if value is None else f"{value:+.0f}" if value < 0 else f"{value:.0f}"


def index_move(before: float | None, after: float | None) -> tuple[str, str]:
    """An index before and after a change, as `index` writes them, with one decimal where
    whole numbers would hide the move ("40.6 → 41.0", never "41 → 41")."""
    if before is not None and after is not None and before != after and index(before) == index(after):
        return f"{before:.1f}", f"{after:.1f}"
    return index(before), index(after)


def percent(value: float | None) -> str:
    return DASH if value is None else f"{value * 100:.0f}%"


_AGE_UNITS = {"en": ("d", "mo", "y", "future"), "zh": ("天", "个月", "年", "未来")}


def age(day: dt.date | None, today: dt.date, lang: Lang = "en") -> str:
    """'12d', '8mo', '2y' (12天, 8个月, 2年) since a date; '—' when never."""
    if day is None:
        return DASH
    d, mo, y, future = _AGE_UNITS.get(lang, _AGE_UNITS["en"])
    days = (today - day).days
    if days < 0:
        return future
    if days < 60:
        return f"{days}{d}"
    if days < 365:
        return f"{days // 30}{mo}"
    return f"{days // 365}{y}"


def level(value: OrgLevel | None, lang: Lang) -> str:
    return DASH if value is None else value.label(lang)


def level_with_target(state: LayerState, lang: Lang) -> str:
    current = level(state.org_level, lang)
    if state.org_target and state.org_target != state.org_level:
        return f"{current} → {state.org_target.label(lang)}"
    return current


def short_board(state: LayerState, lang: Lang) -> str:
    """"Info access 1 · Information Security": what is weak and how weak first, so that a
    narrow column cut at its end still says it."""
    if state.sb_indicator is None:
        return DASH
    return f"{state.sb_indicator.short(lang)} {state.sb_value} · {state.sb_department}"


def key_figures(lang: Lang, key_index: float | None, coverage: float | None, red_flags: int,
                short: bool = False) -> str:
    """"Key index 37 · Coverage 75% · ⚑ Red flags 1" ("Key 37 · Cover 75% · ⚑ 1" short): the
    key layer's three figures under their one name each (domain/figures.py), on whichever
    basis the caller says."""
    from kamtui.domain.figures import Figure, short as short_name

    if short:
        return (f"{short_name(Figure.key_index, lang)} {index(key_index)} · "
                f"{short_name(Figure.coverage, lang)} {percent(coverage)} · ⚑ {red_flags}")
    return (f"{Figure.key_index.label(lang)} {index(key_index)} · "
            f"{Figure.coverage.label(lang)} {percent(coverage)} · "
            f"⚑ {Figure.red_flags.label(lang)} {red_flags}")


def assessed_note(lang: Lang, on: dt.date | None) -> str:
    """"assessed 2026-10-01" / "2026-10-01 评估" / "not assessed yet"."""
    from kamtui.domain.figures import Basis, basis_note

    return basis_note(Basis.assessed, lang, on)


def now_note(lang: Lang) -> str:
    from kamtui.domain.figures import Basis, basis_note

    return basis_note(Basis.now, lang)
