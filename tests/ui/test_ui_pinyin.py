"""Pinyin: the portfolio filter and the name pickers find Chinese names from initials (`hx`)
and full pinyin (`huaxin`), from any syllable on, and not from inside a syllable."""

from __future__ import annotations

from kamtui.services import pinyin
from kamtui.services.stakeholders import PickItem

TELECOM = "华信移动通信集团上海有限公司"
GRID = "江淮电网江苏"


def names(app) -> list[str]:
    return [r.name for r in app.screen.table.rows]


async def _filter(app, pilot, term: str) -> list[str]:
    await pilot.press("escape")
    await pilot.press("slash", *term)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return names(app)


async def test_portfolio_filter_matches_pinyin_initials_and_syllables(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.screen._pinyin == {}, "no pinyin key is built before a Latin term needs one"
        assert await _filter(app, pilot, "hx") == [TELECOM]  # built off the UI thread, then applied
        assert app.screen._pinyin, "the demo's Chinese accounts have pinyin keys"
        assert await _filter(app, pilot, "huaxin") == [TELECOM]
        assert await _filter(app, pilot, "Hua Xin") == [TELECOM]
        assert await _filter(app, pilot, "xinyidong") == [TELECOM]  # from a later syllable
        assert await _filter(app, pilot, "uaxin") == []  # not from inside a syllable
        assert [n for n in await _filter(app, pilot, "jhdw") if n.startswith("江淮")]
        assert TELECOM not in await _filter(app, pilot, "jhdw")
        # a Latin name still matches by its letters, whatever the pinyin keys hold
        assert await _filter(app, pilot, "Harbour") == ["Harbourline Bank (China) Co., Ltd."]


async def test_filter_typed_before_the_keys_arrive_is_applied_again(demo_ws, make):
    from kamtui.services import accounts

    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        screen = app.screen
        keys = accounts.pinyin_keys(screen.all_rows)
        screen._pinyin_of = screen.all_rows  # as in the first moment after "h": on their way
        await pilot.press("slash", "h", "x")
        assert names(app) == []
        screen._pinyin_loaded(screen.all_rows, keys)
        await pilot.pause()
        assert names(app) == [TELECOM]


def test_pinyin_keys_are_computed_once_per_name():
    pinyin.key.cache_clear()
    item = PickItem("p1", "周建华", "计划建设部总经理")
    for term in ("z", "zj", "zjh", "zhoujian", "jianhua"):
        assert item.matches(term, pinyin.needle(term)), term
    assert pinyin.key.cache_info().misses == 1  # the name's key, once for five keystrokes
    assert not item.matches("hoj", pinyin.needle("hoj"))
    assert item.matches("jhjs", pinyin.needle("jhjs"))  # the title's initials: 计划建设
    assert item.matches("zjl", pinyin.needle("zjl"))  # 总经理
    assert pinyin.key.cache_info().misses == 2  # and the title's, once
    assert pinyin.needle("周") == "" and pinyin.key("Harbourline") == ""


async def test_person_picker_matches_pinyin(demo_ws):
    from map_helpers import TELECOM as SHORT, make as make_map
    from test_map_picker import names as picked, open_picker

    app = make_map(demo_ws, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_picker(app, pilot, SHORT)
        await app.workers.wait_for_complete()
        await pilot.press(*"lzy")
        assert picked(app) == {"陆振宇"}
        await pilot.press("backspace", "backspace", "backspace", *"zhoujianhua")
        assert picked(app) == {"周建华"}
        await pilot.press("enter")
        await pilot.pause()
        assert len(dialog.results) == 1


def test_activity_types_match_their_chinese_labels_pinyin():
    from kamtui.ui.screens.activity_form_pickers import type_matches

    # 展览会 (exhibition) by its pinyin, which is in no English label or key
    assert [k.value for k in type_matches("zhanlan")] == ["exhibition"]
    assert "gift" in [k.value for k in type_matches("liwu")]
