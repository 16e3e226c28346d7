"""Live refresh: the map notices what another connection saved and keeps its place."""

from __future__ import annotations

import time

from map_helpers import TELECOM, TODAY, account_id, make, open_map, person_named

from kamtui.domain.enums import Attitude
from kamtui.services import accounts
from kamtui.services import people as people_service
from kamtui.services.context import Context
from kamtui.store import Workspace
from kamtui.ui.widgets.decision_chain import DecisionChain
from kamtui.ui.widgets.org_tree import DeptData, OrgTree, PersonData
from kamtui.ui.widgets.person_card import PersonCard


async def wait_for(pilot, condition, timeout: float = 3.0) -> float:
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"not within {timeout} s")
        await pilot.pause(0.05)
    return time.monotonic() - start


async def test_a_change_from_another_connection_shows_and_the_cursor_stays(demo_ws):
    theirs = Workspace.open(demo_ws.path, verify=False)
    try:
        other = Context(theirs, today=TODAY, user="bruno")
        app = make(demo_ws)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_map(app, pilot, TELECOM)
            tree = screen.query_one(OrgTree)
            net = next(n for n in tree.walk() if isinstance(n.data, DeptData) and n.data.id and
                       n.data.department.name == "网络部")
            tree.move_cursor(net)
            await pilot.press("space")  # open it: 马骏 heads it
            await pilot.pause()
            await pilot.press("down", "space", "down")  # open 马骏, onto his first report
            await pilot.pause()
            node = tree.cursor_node
            assert isinstance(node.data, PersonData)
            chosen, open_before = node.data.id, tree.expanded_ids()
            aid = account_id(other, TELECOM)
            # they change the person under our cursor, add one, and rename the account
            person = people_service.get_person(other, chosen)
            new_attitude = Attitude.threat if person.attitude != Attitude.threat else Attitude.advocate
            people_service.edit_person(other, person, {"attitude": new_attitude})
            people_service.add_person(other, {"account_id": aid, "name": "新来的 Newcomer"})
            accounts.update(other, accounts.get(other, aid), {"short_name": "华信 renamed"})
            card = screen.query_one(PersonCard)
            took = await wait_for(pilot, lambda: f"Attitude {new_attitude.symbol} " in card.text)
            assert took < 2.5
            assert tree.cursor_node.data.id == chosen and screen.person_id == chosen  # the cursor stayed
            assert open_before <= tree.expanded_ids()
            assert screen.data.header.people == 20 and "新来的 Newcomer" in {p.name for p in screen.data.people}
            assert "华信 renamed" in str(screen.query_one("#map-account").content)
    finally:
        theirs.close()


async def test_the_chain_view_keeps_its_person_through_a_refresh(demo_ws):
    theirs = Workspace.open(demo_ws.path, verify=False)
    try:
        other = Context(theirs, today=TODAY, user="bruno")
        app = make(demo_ws)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_map(app, pilot, TELECOM)
            await pilot.press("v")
            await pilot.pause()
            chain = screen.query_one(DecisionChain)
            for _ in range(4):
                await pilot.press("down")
            await pilot.pause()
            chosen = chain.selected
            assert chosen is not None and screen.person_id == chosen
            aid = account_id(other, TELECOM)
            someone = person_named(other, aid, "马骏")
            people_service.edit_person(other, someone, {"title": "总经理 (new)"})
            assert screen.poll_workspace()  # what the timer does every second
            await pilot.pause()
            assert chain.selected == chosen and screen.person_id == chosen and screen.view == "chain"
            assert any(r.key == someone.id and r.payload.title == "总经理 (new)" for r in chain.rows)
            assert not screen.poll_workspace()  # nothing new since
    finally:
        theirs.close()
