"""How figures read on screen and in the CLI table (pure text, shared by cli and ui)."""

from __future__ import annotations

import datetime as dt

from kamtui.domain.enums import Lang, OrgLevel
from kamtui.domain.portfolio import LayerState

DASH = "—"


def index(value: float | None) -> str:
    return DASH if value is None else f"{value:+.0f}" if value < 0 else f"{value:.0f}"


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
    if state.sb_indicator is None:
        return DASH
    return f"{state.sb_department} · {state.sb_indicator.label(lang)} ({state.sb_value})"
