"""The wizard driven with the keyboard on the demo data: the whole walk, resume, validation,
pitfall dismissal, the guide, adding a person, language switch, user data shown literally."""

from __future__ import annotations

import datetime as dt

from assess_helpers import BANK, TODAY, app_for, dept_id, grid_text, person_id, widget_text
from kamtui.domain.enums import Attitude, Evidence, Indicator, Layer, OrgDimension, OrgLevel
from kamtui.domain.models import Department, LayerTarget, Person, PitfallDismissal
from kamtui.services import accounts
from kamtui.services import people as people_service
from kamtui.services.assessments import AssessmentSession
from kamtui.store import drafts
from kamtui.store import assessments as store_assessments
from kamtui.store.tables import table_for
from kamtui.ui.screens.assessment import AssessmentScreen
from kamtui.ui.screens.assessment_steps.departments import DepartmentGrid
from kamtui.ui.screens.assessment_steps.organization import EvidenceGrid
from kamtui.ui.screens.assessment_steps.people import PeopleGrid
from kamtui.ui.screens.assessment_steps.review import PitfallGrid
from kamtui.ui.screens.confirm import ConfirmDialog
from kamtui.ui.screens.form import FormDialog
from kamtui.ui.screens.help import HelpDialog
from kamtui.ui.screens.rating_guide import RatingGuideDialog

MARGARET = person_id("harbourline-cn", "coo")
DANIEL = person_id("harbourline-cn", "ciso")
PAUL = person_id("harbourline-cn", "cro")
SEC = dept_id("harbourline-cn", "sec")
EXCO = dept_id("harbourline-cn", "exco")


async def open_wizard(app, pilot, account_id: str = BANK) -> AssessmentScreen:
    await app.push_screen(AssessmentScreen(account_id))
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, AssessmentScreen) and screen.session is not None
    return screen


async def to_row(pilot, grid, row: int) -> None:
    await pilot.press("home", *["down"] * row)
    assert grid.cursor_row == row


async def to_col(pilot, grid, col: int) -> None:
    while grid.cursor_col > col:
        await pilot.press("left")
    while grid.cursor_col < col:
        await pilot.press("right")


def row_of(screen: AssessmentScreen, pid: str) -> int:
    return next(i for i, e in enumerate(screen.session.data.people) if e.person_id == pid)


async def test_the_whole_wizard_with_the_keyboard_saves_the_snapshot(demo_ws):
    app = app_for(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_wizard(app, pilot)
        assert screen.focused.id == "dim-communication"
        assert "Level: Strategic supplier · held down by: Corporate alliance" in widget_text(
            screen.query_one("#org-live"))
        # step 1: organisation 4 / 4 / 3 / 4, a note, a ticked and dated evidence item
        await pilot.press("4", "tab", *"Exec review [EU] Q3 [/] notes", "tab", "right", "tab", "tab", "3",
                          "tab", "tab", "4", "tab", "tab")
        assert isinstance(screen.focused, EvidenceGrid)
        await pilot.press("down", "down", "down", "space", *"2026-11-20")
        assert screen.session.data.evidence[Evidence.framework_contract] == "2026-11-20"
        await pilot.pause()
        assert "Level: Partner" in widget_text(screen.query_one("#org-live"))
        assert "[x]" in grid_text(screen.query_one(EvidenceGrid))[4]
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.current == 1 and isinstance(screen.focused, PeopleGrid)

        # step 2: Margaret advocates, Daniel (threat) moves up to commodity, Paul is hidden and a star
        grid = screen.query_one(PeopleGrid)
        await to_row(pilot, grid, row_of(screen, MARGARET))
        await to_col(pilot, grid, 2)
        await pilot.press("plus")
        await to_row(pilot, grid, row_of(screen, DANIEL))
        await pilot.press("plus", "right", "right", "5")  # attitude +, then needs level 5
        await to_row(pilot, grid, row_of(screen, PAUL))
        await pilot.press("h", "r")
        await to_col(pilot, grid, 3)
        await pilot.press("space")  # influence column: 3 → 4
        await pilot.pause()
        live = widget_text(screen.query_one("#people-live"))
        assert "Key index" in live and "red flags 0" in live
        assert "Margaret Lin" in grid_text(grid)[row_of(screen, MARGARET) + 1]
        await pilot.press("ctrl+right")
        await pilot.pause()
        assert screen.current == 2

        # step 3: Executive Committee rated 3 3 3 3, Information Security's information access 3, importance 3
        dgrid = screen.query_one(DepartmentGrid)
        exco = next(i for i, e in enumerate(screen.session.data.departments) if e.department_id == EXCO)
        sec = next(i for i, e in enumerate(screen.session.data.departments) if e.department_id == SEC)
        await to_row(pilot, dgrid, exco)
        await to_col(pilot, dgrid, 2)
        await pilot.press("3", "3", "3", "3")
        assert dgrid.cursor_row == exco + 1 and dgrid.cursor_col == 2
        await to_row(pilot, dgrid, sec)
        await pilot.press("left", "3", "right", "right", "3")
        await pilot.pause()
        assert "short board: Risk & Compliance" in widget_text(screen.query_one("#dept-live"))
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.current == 3

        # step 4: date, targets, a pitfall dismissed with a reason, ctrl+s
        assert screen.focused.id == "review-date"
        await pilot.press("end", "ctrl+u", *"2026-11-25", "tab", *"Quarter review")
        pit = screen.query_one(PitfallGrid)
        hidden_row = next(i for i, p in enumerate(pit.pitfalls) if p.key.value == "compliance")
        await pilot.press("tab")
        assert screen.focused is pit
        await to_row(pilot, pit, hidden_row)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Gift hampers are reviewed in December", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen and not pit.pitfalls[hidden_row].open
        await pilot.press("tab", "4", "tab", *"2027-12-31", "tab", "ctrl+u", *"55")
        await pilot.pause()
        layers = widget_text(screen.query_one("#layer-organization"))
        assert "▲ Level: Partner" in layers
        assert "▲ Communication: 4 (3)" in layers
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not screen

    snaps = store_assessments.assessments(demo_ws.db, BANK)
    assert len(snaps) == 3
    saved = max(snaps, key=lambda a: a.assessed_on)
    assert saved.assessed_on == dt.date(2026, 11, 25) and saved.recorded_by == "tester"
    assert saved.note == "Quarter review"
    assert {d: r.value for d, r in saved.org.items()} == {
        OrgDimension.communication: 4, OrgDimension.business_fit: 4, OrgDimension.alliance: 3,
        OrgDimension.identification: 4}
    assert saved.org[OrgDimension.communication].note == "Exec review [EU] Q3 [/] notes"
    assert saved.org[OrgDimension.alliance].note == "Framework contract still with procurement"
    assert saved.evidence == {Evidence.key_products: dt.date(2026, 6, 30), Evidence.exec_workshops: dt.date(2026, 7, 20),
                              Evidence.cxo_visits: dt.date(2026, 9, 2), Evidence.framework_contract: dt.date(2026, 11, 20)}
    ratings = {p.person_id: p for p in saved.people}
    assert len(ratings) == 17
    assert ratings[MARGARET].attitude == Attitude.advocate
    assert (ratings[DANIEL].attitude, ratings[DANIEL].needs_level) == (Attitude.commodity, 5)
    assert ratings[PAUL].influence == 4
    depts = {d.department_id: d for d in saved.departments}
    assert set(depts[EXCO].ratings.values()) == {3}
    assert depts[SEC].importance == 3 and depts[SEC].ratings[Indicator.information_access] == 3
    paul = table_for(Person).get(demo_ws.db, PAUL)
    assert paul.hidden_decision_maker and paul.rising_star and paul.influence == 4
    assert table_for(Department).get(demo_ws.db, SEC).importance == 3
    targets = {t.layer: t for t in table_for(LayerTarget).models(demo_ws.db, "account_id = :a", {"a": BANK})}
    assert targets[Layer.organization].level == OrgLevel.partner
    assert targets[Layer.organization].due == dt.date(2027, 12, 31)
    assert targets[Layer.key].index == 55.0
    dismissal = table_for(PitfallDismissal).models(demo_ws.db, "account_id = :a", {"a": BANK})
    assert [(d.key, d.reason, d.dismissed_by) for d in dismissal] == [
        ("compliance", "Gift hampers are reviewed in December", "tester")]
    assert drafts.get(demo_ws.db, BANK, "tester", "assessment") is None
    from kamtui.services.context import Context

    row = next(r for r in accounts.portfolio(Context(demo_ws, today=TODAY)) if r.id == BANK)
    assert row.state.last_assessed == dt.date(2026, 11, 25) and row.state.org_level == OrgLevel.partner


async def test_leaving_keeps_a_draft_that_reopening_resumes_and_discard_drops(demo_ws):
    app = app_for(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_wizard(app, pilot)
        await pilot.press("1", "right_square_bracket")
        await pilot.pause()
        assert screen.current == 1
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen
        kept = drafts.get(demo_ws.db, BANK, "tester", "assessment")
        assert kept is not None and kept.data["data"]["org"]["communication"] == 1

        screen = await open_wizard(app, pilot)
        assert screen.current == 1 and screen.session.resumed_at
        assert screen.session.data.org[OrgDimension.communication] == 1
        assert any("Resumed your draft" in str(n.message) for n in app._notifications)
        assert "▶[2 Key people]" in widget_text(screen.query_one("#step-bar"))
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert screen.current == 0 and screen.session.data.org[OrgDimension.communication] == 3
        assert drafts.get(demo_ws.db, BANK, "tester", "assessment") is None
        assert "communication: 3" in widget_text(screen.query_one("#dim-communication"))


async def test_a_step_with_invalid_input_cannot_be_left_forward(demo_ws):
    ctx_account = accounts.create(_ctx(demo_ws), {"name": "Fresh Account"})
    app = app_for(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_wizard(app, pilot, ctx_account.id)
        assert "rate all four dimensions" in widget_text(screen.query_one("#org-live"))
        assert "!" in widget_text(screen.query_one("#step-bar")).split("2 Key")[0]
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.current == 0
        assert screen.query_one("#dim-communication").has_class("-invalid")
        assert any("Fix this step first" in str(n.message) for n in app._notifications)
        await pilot.press("2", "tab", "tab", "2", "tab", "tab", "1", "tab", "tab", "2", "tab", "tab")
        assert isinstance(screen.focused, EvidenceGrid)
        await pilot.press("space", *"2026-1")  # an unfinished date blocks as well
        await pilot.press("ctrl+right")
        await pilot.pause()
        assert screen.current == 0 and "2026-1 !" in grid_text(screen.query_one(EvidenceGrid))[1]
        await pilot.press("backspace", *"11-01")
        await pilot.press("ctrl+right")
        await pilot.pause()
        assert screen.current == 1
        assert "Nobody in the decision chain yet" in widget_text(screen.query_one("#people-empty"))
        await pilot.press("ctrl+right", "ctrl+right")
        await pilot.pause()
        assert screen.current == 3
        await pilot.press("end", "ctrl+u", *"2026-02-30", "ctrl+s")
        await pilot.pause()
        assert screen.query_one("#review-date").has_class("-invalid")
        assert len(store_assessments.assessments(demo_ws.db, ctx_account.id)) == 0
        await pilot.press("ctrl+u", *"2026-11-01", "ctrl+s")
        await pilot.pause()
    saved = store_assessments.assessments(demo_ws.db, ctx_account.id)
    assert len(saved) == 1 and saved[0].assessed_on == dt.date(2026, 11, 1)
    assert saved[0].evidence == {Evidence.cxo_visits: dt.date(2026, 11, 1)}
    assert {d: r.value for d, r in saved[0].org.items()} == {
        OrgDimension.communication: 2, OrgDimension.business_fit: 2, OrgDimension.alliance: 1,
        OrgDimension.identification: 2}


def _ctx(ws):
    from kamtui.services.context import Context

    return Context(ws, today=TODAY, user="tester")


async def test_question_mark_guides_a_rating_and_lists_keys_elsewhere(demo_ws):
    app = app_for(demo_ws, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_wizard(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, RatingGuideDialog)
        questions = widget_text(app.screen.query_one("#guide-questions"))
        assert "本周您能直接打电话给对方级别最高的人是谁" in questions
        assert "Who is the most senior person" in widget_text(app.screen.query_one("#guide-other"))
        await pilot.press("escape", "ctrl+right", "ctrl+right")
        await pilot.pause()
        await pilot.press("right", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, RatingGuideDialog)
        assert app.screen.subject == Indicator.negative_containment
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        rows = dict(app.screen.rows)
        assert rows["1–5"].startswith("输入评分") and "^→" in rows and "esc" in rows
        await pilot.press("escape", "ctrl+left")
        await pilot.pause()
        await pilot.press("question_mark")  # no rating under the cursor in the people grid: the keys
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        assert dict(app.screen.rows)["h"] == "标记/取消隐性决策者"


async def test_a_missing_person_is_added_without_leaving(demo_ws):
    app = app_for(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_wizard(app, pilot)
        await pilot.press("ctrl+right", "n")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Nina Park [CFO office]", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen and screen.current == 1
        grid = screen.query_one(PeopleGrid)
        entry = screen.session.data.people[grid.cursor_row]
        nina = table_for(Person).get(demo_ws.db, entry.person_id)
        assert nina.name == "Nina Park [CFO office]" and nina.account_id == BANK
        assert grid.row_count == 18
        await pilot.press("plus")  # from unknown, + lands on "+ accepting" and - on "= commodity"
        assert screen.session.data.people[grid.cursor_row].attitude == Attitude.accepting
        await pilot.press("minus", "minus")
        assert screen.session.data.people[grid.cursor_row].attitude == Attitude.threat
        assert "Nina Park [CFO office]" in widget_text(screen.query_one("#people-detail"))


async def test_the_language_switch_relabels_every_step(demo_ws):
    app = app_for(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_wizard(app, pilot)
        await pilot.press("ctrl+right", "L")
        await pilot.pause()
        assert "关键人物" in widget_text(screen.query_one("#step-bar"))
        assert "关键关系指数" in widget_text(screen.query_one("#people-live"))
        assert "态度" in grid_text(screen.query_one(PeopleGrid))[0]
        await pilot.press("ctrl+left")
        await pilot.pause()
        assert "双方组织及核心人员沟通" in widget_text(screen.query_one("#dim-communication"))
        assert "级别：战略级供应商" in widget_text(screen.query_one("#org-live"))


async def test_user_data_is_shown_literally_on_every_step(demo_ws):
    ctx = _ctx(demo_ws)
    account = accounts.create(ctx, {"name": "[@click=app.quit]x[/] ACME [EU]"})
    dept = people_service.add_department(ctx, {"account_id": account.id, "name": "Q3 [/] notes"})
    people_service.add_competitor(ctx, {"account_id": account.id, "name": "[red]Rival[/red]"})
    person = people_service.add_person(ctx, {"account_id": account.id, "name": "[red]x[/red]",
                                             "role": "decision_maker", "department_id": dept.id})
    app = app_for(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_wizard(app, pilot, account.id)
        assert widget_text(screen.query_one("#assess-title")).startswith("Assessment · [@click=app.quit]x[/] ACME [EU]")
        await pilot.press("1", "tab", "tab", "1", "tab", "tab", "1", "tab", "tab", "1", "ctrl+right")
        await pilot.pause()
        grid = screen.query_one(PeopleGrid)
        await pilot.press("right", "right", "right", "space", "space")  # leaning: nobody → the rival
        line = grid_text(grid)[1]
        assert "[red]x[/red]" in line and "[red]Riva…" in line  # literal, cut to its column
        assert "Q3 [/] notes" in widget_text(screen.query_one("#people-detail"))
        await pilot.press("ctrl+right", "1", "1", "1", "1", "ctrl+right")
        await pilot.pause()
        assert screen.current == 3
        assert "Short board: Q3 [/] note" in widget_text(screen.query_one("#layer-extensive"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running
    stored = table_for(Person).get(demo_ws.db, person.id)
    assert stored.leaning_competitor_id is not None and len(store_assessments.assessments(demo_ws.db, account.id)) == 1


async def test_the_palette_offers_history_save_and_steps(demo_ws):
    app = app_for(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_wizard(app, pilot)
        titles = [c[0] for c in screen.commands()]
        assert titles[:3] == ["account: assessment history", "assessment: save", "assessment: discard draft"]
        assert "assessment: go to Review" in titles
        dict((c[0], c[2]) for c in screen.commands())["assessment: go to Review"]()
        await pilot.pause()
        assert screen.current == 3
        dict((c[0], c[2]) for c in screen.commands())["account: assessment history"]()
        await pilot.pause()
        assert type(app.screen).__name__ == "AssessmentHistoryScreen"


async def test_two_wizards_of_the_same_user_stop_keeping_a_stale_draft(demo_ws):
    app = app_for(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_wizard(app, pilot)
        other = AssessmentSession.start(_ctx(demo_ws), BANK)  # "another window" of the same user
        other.set_org(OrgDimension.alliance, 4)
        other.keep_draft()
        await pilot.press("1", "right_square_bracket")
        await pilot.pause()
        assert screen.draft_blocked
        assert any("another window" in str(n.message) for n in app._notifications)
        assert drafts.get(demo_ws.db, BANK, "tester", "assessment").data["data"]["org"]["alliance"] == 4


async def test_quitting_the_app_mid_way_keeps_the_draft(demo_ws):
    app = app_for(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_wizard(app, pilot)
        await pilot.press("ctrl+right", "h", "q")  # h flags Margaret Lin as hidden; q quits kamtui
        await pilot.pause()
    kept = drafts.get(demo_ws.db, BANK, "tester", "assessment")
    assert kept is not None and kept.data["data"]["step"] == 1
    assert kept.data["data"]["people"][0]["hidden"] is True


async def test_a_read_only_workspace_can_be_assessed_but_not_saved(demo_ws):
    from kamtui.store import Workspace

    path = demo_ws.path
    demo_ws.close()
    ws = Workspace.open(path, read_only=True)
    try:
        app = app_for(ws)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_wizard(app, pilot)
            await pilot.press("4", "ctrl+right", "ctrl+right", "ctrl+right", "ctrl+s")
            await pilot.pause()
            assert app.screen is screen and screen.current == 3
            assert any("read-only" in str(n.message) for n in app._notifications)
            await pilot.press("escape")
            await pilot.pause()
        assert len(store_assessments.assessments(ws.db, BANK)) == 2
        assert drafts.get(ws.db, BANK, "tester", "assessment") is None
    finally:
        ws.close()


async def test_a_person_changed_meanwhile_asks_before_saving_over_it(demo_ws):
    from kamtui.services.context import Context

    bob = Context(demo_ws, today=TODAY, user="bob")
    bobs = AssessmentSession.start(bob, BANK)
    bobs.set_org(OrgDimension.alliance, 3)
    bobs.keep_draft()
    app = app_for(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_wizard(app, pilot)
        assert any("Also being assessed (unsaved) by: bob" in str(n.message) for n in app._notifications)
        people_service.edit_person(bob, table_for(Person).get(demo_ws.db, MARGARET), {"attitude": Attitude.threat})
        await pilot.press("ctrl+right")
        await pilot.pause()
        await to_row(pilot, screen.query_one(PeopleGrid), row_of(screen, MARGARET))
        await pilot.press("plus", "ctrl+right", "ctrl+right", "ctrl+s")  # accepting → advocate
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Margaret Lin (attitude)" in widget_text(app.screen.query_one("#confirm-body"))
        assert len(store_assessments.assessments(demo_ws.db, BANK)) == 2
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is not screen
    assert len(store_assessments.assessments(demo_ws.db, BANK)) == 3
    assert table_for(Person).get(demo_ws.db, MARGARET).attitude == Attitude.advocate
    assert drafts.get(demo_ws.db, BANK, "bob", "assessment") is not None  # bob's draft is his own
