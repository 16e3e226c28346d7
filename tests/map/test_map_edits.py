"""Every edit on the map through the keys, with the store checked afterwards."""

from __future__ import annotations

from map_helpers import TELECOM, account_id, make, open_map, person_named, screen_text

from kamtui.domain import leaning
from kamtui.domain.enums import Attitude, ChainRole, LinkKind
from kamtui.domain.models import Department, PersonLink
from kamtui.services import map_data as md
from kamtui.services import people as people_service
from kamtui.services.context import Context
from kamtui.store import Workspace
from kamtui.store import audit as store_audit
from kamtui.store import people as store_people
from kamtui.store.tables import table_for
from kamtui.ui.screens.form import FormDialog
from kamtui.ui.screens.person_picker import PersonPickerDialog
from kamtui.ui.screens.stakeholder_map import StakeholderMapScreen
from kamtui.ui.widgets.decision_chain import DecisionChain
from kamtui.ui.widgets.org_tree import OrgTree, PersonData
from kamtui.ui.widgets.person_card import PersonCard
from textual.widgets import TextArea


def fill(app, **values) -> None:
    form = app.screen
    assert isinstance(form, FormDialog)
    for name, value in values.items():
        widget = form.query_one(f"#field-{name}")
        if isinstance(widget, TextArea):
            widget.load_text(value)
        else:
            widget.value = value


def dept_named(ctx, aid: str, name: str) -> Department:
    return next(d for d in people_service.departments(ctx, aid) if d.name == name)


async def select_in_tree(app, pilot, ident: str) -> None:
    tree = app.screen.query_one(OrgTree)
    node = tree.find(ident)
    assert node is not None
    tree._tree_lines
    tree.move_cursor(node)
    await pilot.pause()


async def select_in_chain(app, pilot, name: str) -> None:
    screen = app.screen
    if screen.view != "chain":
        screen.show_view("chain")
        await pilot.pause()
    chain = screen.query_one(DecisionChain)
    chain.cursor = next(i for i, r in enumerate(chain.rows) if r.key and r.payload.name == name)
    await pilot.pause()
    assert screen.person_id == chain.rows[chain.cursor].key


async def pick(app, pilot, typed: str) -> None:
    assert isinstance(app.screen, PersonPickerDialog)
    await pilot.press(*typed) if typed.isascii() else None
    if not typed.isascii():
        app.screen.query_one("#picker-input").value = typed
        await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_new_person_in_the_selected_department(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        aid = account_id(app.ctx, TELECOM)
        await open_map(app, pilot)
        plan_dept = dept_named(app.ctx, aid, "计划建设部")
        tree = app.screen.query_one(OrgTree)
        await select_in_tree(app, pilot, plan_dept.id)
        assert app.screen.department_id == plan_dept.id
        await pilot.press("n")
        await pilot.pause()
        assert "计划建设部" in str(app.screen.query_one("#form-title").render())
        await pilot.press("ctrl+s")  # the name is required: nothing is saved
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert app.screen.query_one("#row-name").has_class("-invalid")
        fill(app, name="王新", title="规划室经理", role=ChainRole.decision_maker, influence=5,
             attitude=Attitude.threat, rising_star=True, last_contact="2026-11-20")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StakeholderMapScreen)
        stored = person_named(app.ctx, aid, "王新")
        assert stored.department_id == plan_dept.id
        assert (stored.role, stored.influence, stored.attitude, stored.rising_star) == (
            ChainRole.decision_maker, 5, Attitude.threat, True)
        assert stored.last_contact.isoformat() == "2026-11-20"
        assert app.screen.person_id == stored.id  # the cursor lands on the new person
        node = tree.cursor_node
        assert isinstance(node.data, PersonData) and node.data.id == stored.id
        assert "⚑ 2 · People" in screen_text(app)  # a threat of influence 5
        assert store_audit.entries(app.ctx.db, aid)[-1]["who"] == "tester"


async def test_edit_a_person_and_the_card_follows(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        aid = account_id(app.ctx, TELECOM)
        await open_map(app, pilot)
        await select_in_chain(app, pilot, "董文博")
        before = person_named(app.ctx, aid, "董文博")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#field-name").value == "董文博"
        fill(app, attitude=Attitude.advocate, hidden_decision_maker=True, leaning=leaning.NOBODY,
             career_needs="想去集团")
        await pilot.press("ctrl+s")
        await pilot.pause()
        after = person_named(app.ctx, aid, "董文博")
        assert after.attitude == Attitude.advocate and after.hidden_decision_maker
        assert after.leaning_known and after.leaning_competitor_id is None
        assert after.career_needs == "想去集团" and after.version == before.version + 1
        assert "Attitude ++ Advocate" in app.screen.query_one(PersonCard).text


async def test_archive_then_restore_a_person(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        aid = account_id(app.ctx, TELECOM)
        await open_map(app, pilot)
        await select_in_chain(app, pilot, "姚丽")
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        everyone = store_people.people(app.ctx.db, aid, include_archived=True)
        assert next(p for p in everyone if p.name == "姚丽").archived
        chain = app.screen.query_one(DecisionChain)
        assert "姚丽" not in {r.payload.name for r in chain.rows if r.key}
        assert "People 18" in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        await pick(app, pilot, "姚")
        assert not person_named(app.ctx, aid, "姚丽").archived
        assert "People 19" in screen_text(app)


async def test_move_a_person_to_another_department(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        aid = account_id(app.ctx, TELECOM)
        await open_map(app, pilot)
        await select_in_chain(app, pilot, "林芳")
        await pilot.press("m")
        await pilot.pause()
        await pick(app, pilot, "采购")
        assert person_named(app.ctx, aid, "林芳").department_id == dept_named(app.ctx, aid, "采购与物流中心").id


async def test_reports_to_and_a_refused_cycle(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        aid = account_id(app.ctx, TELECOM)
        await open_map(app, pilot)
        await select_in_chain(app, pilot, "董文博")
        await pilot.press("r")
        await pilot.pause()
        await pick(app, pilot, "韩雪")
        assert person_named(app.ctx, aid, "董文博").reports_to_id == person_named(app.ctx, aid, "韩雪").id
        # 马骏 reports to 孙立群 who reports to 周建华: 周建华 cannot report to 马骏, who is not offered
        await select_in_chain(app, pilot, "周建华")
        await pilot.press("r")
        await pilot.pause()
        picker = app.screen
        await pick(app, pilot, "马骏")
        assert app.screen is picker and picker.shown == []
        await pilot.press("escape")
        await pilot.pause()
        assert person_named(app.ctx, aid, "周建华").reports_to_id is None
        # "(nobody)" clears it
        await select_in_chain(app, pilot, "董文博")
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("enter")  # the first line is "(nobody)"
        await pilot.pause()
        assert person_named(app.ctx, aid, "董文博").reports_to_id is None


async def test_add_a_typed_link(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        aid = account_id(app.ctx, TELECOM)
        await open_map(app, pilot)
        await select_in_chain(app, pilot, "唐颖")
        await pilot.press("l")
        await pilot.pause()
        await pick(app, pilot, "冯磊")
        assert isinstance(app.screen, FormDialog)
        fill(app, kind=LinkKind.opposes)
        await pilot.press("ctrl+s")
        await pilot.pause()
        tang, feng = person_named(app.ctx, aid, "唐颖"), person_named(app.ctx, aid, "冯磊")
        links = table_for(PersonLink).models(app.ctx.db, "from_id = :a", {"a": tang.id})
        assert [(l.to_id, l.kind) for l in links] == [(feng.id, LinkKind.opposes)]
        assert "→ Opposes 冯磊" in app.screen.query_one(PersonCard).text
        # the same link again is refused in the form
        await pilot.press("l")
        await pilot.pause()
        await pick(app, pilot, "冯磊")
        fill(app, kind=LinkKind.opposes)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert len(table_for(PersonLink).models(app.ctx.db, "from_id = :a", {"a": tang.id})) == 1


async def test_departments_add_rename_move_archive(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        aid = account_id(app.ctx, TELECOM)
        await open_map(app, pilot)
        net = dept_named(app.ctx, aid, "网络部")
        await select_in_tree(app, pilot, net.id)
        await pilot.press("a")
        await pilot.pause()
        fill(app, name="传输室", business_line="传输网", importance=3)
        await pilot.press("ctrl+s")
        await pilot.pause()
        new = dept_named(app.ctx, aid, "传输室")
        assert (new.parent_id, new.business_line, new.importance) == (net.id, "传输网", 3)
        assert app.screen.department_id == new.id
        # rename, importance and business line
        await pilot.press("e")
        await pilot.pause()
        fill(app, name="传输网络室", importance=1, business_line="光传输")
        await pilot.press("ctrl+s")
        await pilot.pause()
        renamed = table_for(Department).get(app.ctx.db, new.id)
        assert (renamed.name, renamed.importance, renamed.business_line) == ("传输网络室", 1, "光传输")
        # 网络部 is not offered a place under itself or its own sub-department
        await select_in_tree(app, pilot, net.id)
        await pilot.press("m")
        await pilot.pause()
        offered = {item.id for item in app.screen.items}
        assert net.id not in offered and new.id not in offered
        assert dept_named(app.ctx, aid, "信息技术部").id in offered
        await pilot.press("escape")
        await pilot.pause()
        # moving the new one under 信息技术部 works
        await select_in_tree(app, pilot, new.id)
        await pilot.press("m")
        await pilot.pause()
        await pick(app, pilot, "信息技术")
        it = dept_named(app.ctx, aid, "信息技术部")
        assert table_for(Department).get(app.ctx.db, new.id).parent_id == it.id
        # a department with people is not archived; an empty one is
        await select_in_tree(app, pilot, it.id)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not table_for(Department).get(app.ctx.db, it.id).archived
        await select_in_tree(app, pilot, new.id)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert table_for(Department).get(app.ctx.db, new.id).archived
        assert app.screen.query_one(OrgTree).find(new.id) is None


async def test_a_move_that_became_a_cycle_meanwhile_is_refused(demo_ws):
    """The picker offered 信息技术部; before the pick, someone else put 信息技术部 under 网络部:
    moving 网络部 there now would make a loop, and is refused."""
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        aid = account_id(app.ctx, TELECOM)
        await open_map(app, pilot)
        net, it = dept_named(app.ctx, aid, "网络部"), dept_named(app.ctx, aid, "信息技术部")
        parent = net.parent_id
        await select_in_tree(app, pilot, net.id)
        await pilot.press("m")
        await pilot.pause()
        assert it.id in {item.id for item in app.screen.items}
        other = Context(app.ctx.ws, today=app.ctx.today, user="bob")
        people_service.move_department(other, it, net.id)
        await pick(app, pilot, "信息技术")
        assert table_for(Department).get(app.ctx.db, net.id).parent_id == parent
        assert table_for(Department).get(app.ctx.db, it.id).parent_id == net.id
        assert any("cannot move under itself" in str(n.message) for n in app._notifications)
        # the organization tree still reaches both departments from its top
        index = md.org_index(app.ctx, aid)
        reached, stack = set(), [d.id for d in index.children[None]]
        while stack:
            reached.add(stack[-1])
            stack += [d.id for d in index.children.get(stack.pop(), [])]
        assert {net.id, it.id} <= reached


async def test_edits_in_chinese(demo_ws):
    app = make(demo_ws, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        aid = account_id(app.ctx, TELECOM)
        await open_map(app, pilot)
        await select_in_chain(app, pilot, "董文博")
        await pilot.press("r")
        await pilot.pause()
        assert "董文博 汇报给" in str(app.screen.query_one("#picker-title").render())
        # 冯磊 is offered, until someone else puts him below 董文博 meanwhile
        from kamtui.services import people as st

        st.set_reports_to(app.ctx, person_named(app.ctx, aid, "冯磊"), person_named(app.ctx, aid, "董文博").id)
        await pick(app, pilot, "冯磊")
        assert any("已（间接）汇报给此人" in str(n.message) for n in app._notifications)
        await select_in_chain(app, pilot, "周建华")
        await pilot.press("n")
        await pilot.pause()
        assert "在 总经理室 新建人员" in str(app.screen.query_one("#form-title").render())
        fill(app, name="新人")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert person_named(app.ctx, aid, "新人").department_id == dept_named(app.ctx, aid, "总经理室").id


async def test_read_only_workspace_offers_no_edits(demo_ws):
    path = demo_ws.path
    demo_ws.close()
    ro = Workspace.open(path, read_only=True)
    try:
        app = make(ro)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_map(app, pilot)
            screen = app.screen
            for action in ("new_person", "edit", "delete", "move", "reports_to", "link", "new_department"):
                assert screen.check_action(action, ()) is False
            await pilot.press("n")
            await pilot.pause()
            assert app.screen is screen
            assert "person: new" not in [t for t, _, _ in screen.commands()]
            await pilot.press("v")  # views still work
            assert screen.view == "chain"
    finally:
        ro.close()
