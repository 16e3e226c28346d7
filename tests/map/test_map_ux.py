"""Small defects of the map found in use (issue 15): the reports-to picker, the direction of
the Mermaid "reports to" edges, and `x` listed twice in the map's help."""

from __future__ import annotations

import re

from map_helpers import BANK, TODAY, account_id, make, open_map, person_named
from test_map_edits import select_in_chain

from kamtui.services import map_export as mx
from kamtui.services import map_data as st
from kamtui.services.context import Context
from kamtui.ui.screens.help import HelpDialog
from kamtui.ui.screens.person_picker import PersonPickerDialog
from textual.widgets import OptionList


def _below(data, person_id: str) -> set[str]:
    """Everyone who reports to the person, directly or not (walked here, not by the code)."""
    out: set[str] = set()
    grew = True
    while grew:
        grew = False
        for p in data.people:
            if p.id not in out and (p.reports_to_id == person_id or p.reports_to_id in out):
                out.add(p.id)
                grew = True
    return out


async def test_down_down_enter_in_the_reports_to_picker_sets_that_person(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        aid = account_id(app.ctx, BANK)
        await open_map(app, pilot, BANK)
        await select_in_chain(app, pilot, "Thomas Becker")  # the CIO: six people report to him
        await pilot.press("r")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PersonPickerDialog)
        data = st.load(app.ctx, aid)
        thomas = person_named(app.ctx, aid, "Thomas Becker")
        below = _below(data, thomas.id)
        assert len(below) == 6
        offered = {item.id for item in picker.shown}
        assert not offered & below and thomas.id not in offered  # nobody who would make a cycle
        plist = picker.query_one(OptionList)
        third = plist.get_option_at_index(2).id
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.screen is not picker
        assert person_named(app.ctx, aid, "Thomas Becker").reports_to_id == third
        assert not any(n.severity == "error" for n in app._notifications)


def test_mermaid_reports_to_edges_read_report_to_manager(demo_ws):
    ctx = Context(demo_ws, today=TODAY, user="tester")
    data = st.load(ctx, account_id(ctx, BANK))
    text = mx.mermaid(data, "organization", "en")
    ids = {}
    for nid, label in re.findall(r'^\s*(p\d+)\("(.*?)"\)$', text, re.M):
        ids[nid] = label.split("<br/>")[0]
    labelled = re.findall(r'^\s*(p\d+) -\.->\|"reports to"\| (p\d+)$', text, re.M)
    assert labelled, text
    by_name = {p.name: p for p in data.people}
    for a, b in labelled:  # "A reports to B", as it reads
        report, manager = by_name[ids[a]], by_name[ids[b]]
        assert report.reports_to_id == manager.id, (ids[a], ids[b])
    # Sandra Wei (Procurement) reports to Helen Zhou (Executive Committee)
    assert any((ids[a], ids[b]) == ("Sandra Wei", "Helen Zhou") for a, b in labelled)
    dot = mx.dot(data, "organization", "en")
    for a, b in re.findall(r'^\s*(p\d+) -> (p\d+) \[label="reports to"', dot, re.M):
        assert by_name[ids[a]].reports_to_id == by_name[ids[b]].id


async def test_each_key_is_listed_once_in_the_maps_help(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_map(app, pilot, BANK)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        keys = [k for k, _ in app.screen.rows]
        assert keys.count("x") == 1, keys
        # the x that runs here is the map's export of the view
        assert dict(app.screen.rows)["x"].startswith("Write the current view")
