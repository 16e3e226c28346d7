"""The short figures shown in tables, in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from kamtui.formatting import DASH, age

TODAY = dt.date(2026, 11, 26)


@pytest.mark.parametrize(("days", "en", "zh"), [
    (0, "0d", "0天"), (59, "59d", "59天"), (60, "2mo", "2个月"), (364, "12mo", "12个月"),
    (365, "1y", "1年"), (800, "2y", "2年"), (-1, "future", "未来"),
])
def test_age_in_each_language(days: int, en: str, zh: str) -> None:
    day = TODAY - dt.timedelta(days=days)
    assert age(day, TODAY) == age(day, TODAY, "en") == en
    assert age(day, TODAY, "zh") == zh


def test_no_date_is_a_dash() -> None:
    assert age(None, TODAY, "zh") == age(None, TODAY) == DASH


def test_an_index_move_that_whole_numbers_would_hide_gets_a_decimal():
    """Walk-through defect: "lifts the extensive index 41 → 41" for a +0.4 gain."""
    from kamtui import formatting as fmt

    assert fmt.index_move(40.6, 41.0) == ("40.6", "41.0")
    assert fmt.index_move(33.0, 41.2) == ("33", "41")
    assert fmt.index_move(41.0, 41.0) == ("41", "41")  # no move: nothing to show
    assert fmt.index_move(None, 41.0) == ("—", "41")
