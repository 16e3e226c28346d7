"""An assessment in the change history (issue 15.5) reads as what it rated: the ratings that
moved since the snapshot before, and the activity a re-rating came from, in the reader's
language (walk-through defect: the raw snapshot, Python dicts and hex ids, in English)."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Static

from kamtui.domain.enums import Indicator
from kamtui.domain.rules.rerate import Rerating
from kamtui.services import change_log
from kamtui.services.assessments import rerating
from kamtui.store import activities as store_activities
from kamtui.ui.screens.change_history import ChangeHistoryDialog
from test_ui_overview import ctx_of, harbour_id, open_overview


def _rerate(ws):
    ctx = ctx_of(ws)
    bank = harbour_id(ws)
    a = next(x for x in store_activities.activities(ctx.db, bank)
             if x.type.value == "business_exchange" and x.status.is_open)
    o = rerating.offer(ctx, a)
    dept = o.departments[0].department_id
    done = rerating.complete(ctx, o, "tender calendar shared",
                             Rerating(indicators={(dept, Indicator.information_access): 2}))
    return ctx, bank, done


def test_the_service_gives_an_assessment_entry_its_moves_and_activity(demo_ws):
    ctx, bank, done = _rerate(demo_ws)
    entry = next(e for e in change_log.account_history(ctx, bank).entries if e.entity == "assessment")
    assert entry.entity_id == done.assessment.id and entry.activity == "business_exchange"
    assert [(m.kind, m.department, m.indicator, m.before, m.after) for m in entry.moves] == [
        ("indicator", "Information Security", Indicator.information_access, 1, 2)]
    first = change_log.record_history(ctx, "assessment", done.assessment.id).entries[0]
    assert first.moves == entry.moves


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_H_on_the_overview_words_a_rerating(demo_ws, make, lang):
    _rerate(demo_ws)
    app = make(demo_ws, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_overview(app, pilot, harbour_id(demo_ws))
        await pilot.press("H")
        await pilot.pause()
        assert isinstance(app.screen, ChangeHistoryDialog)
        content = app.screen.query_one("#changes-rows", Static).content
        text = getattr(content, "plain", str(content))
    if lang == "en":
        assert "re-rated after Business exchange" in text
        assert "Information Security · Information access: 1 → 2" in text
    else:
        assert "完成 业务交流 2026-11-10 后重新评估" in text
        assert "Information Security · 信息获取: 1 → 2" in text  # the department's name as the user wrote it
    assert "{'" not in text and "department_id" not in text
    shown = "\n".join(line for line in text.splitlines() if ".toml" not in line)  # a file's name is its name
    assert not re.search(r"\b[0-9a-f]{8,32}\b", shown), shown  # no ids where names belong
    assert ("Business exchange 2026-11-10" if lang == "en" else "业务交流 2026-11-10") in text  # the activity named
