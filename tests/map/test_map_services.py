"""The map's use cases without the screen: figures, views' data, card, edits and their refusals."""

from __future__ import annotations

import pytest
from map_helpers import BANK, TELECOM, TODAY, account_id, person_named

from kamtui.domain import leaning
from kamtui.domain.enums import ActivityStatus, Attitude, ChainRole, ComplianceCategory, LinkKind, PitfallKey
from kamtui.domain.models import Department
from kamtui.domain.rules.key import coverage, key_index, red_flags
from kamtui.errors import ConflictError, InputError
from kamtui.services import people as people_service
from kamtui.services import map_data as md
from kamtui.services import stakeholders as st
from kamtui.services.context import Context
from kamtui.store import accounts as store_accounts
from kamtui.store import activities as store_activities
from kamtui.store import audit as store_audit
from kamtui.store import people as store_people
from kamtui.store.tables import table_for


@pytest.fixture
def ctx(demo_ws):
    return Context(demo_ws, today=TODAY, user="tester")


def test_header_of_every_demo_account_follows_the_rules(ctx):
    for row in store_accounts.accounts(ctx.db):
        data = md.load(ctx, row.id)
        active = [p for p in store_people.people(ctx.db, row.id)]
        h = data.header
        assert (h.key_index, h.coverage, h.red_flags, h.people) == (
            key_index(active), coverage(active), len(red_flags(active)), len(active))
        # the keys come from the summary; the details from the plan: both say the same
        assert h.pitfalls == tuple(p.key for p in md.pitfall_details(ctx, row.id))
        assert all(p.key in md.MAP_PITFALLS and p.open for p in md.pitfall_details(ctx, row.id))


def test_demo_flags_and_pitfalls(ctx):
    telecom = md.load(ctx, account_id(ctx, TELECOM))
    assert {telecom.by_id[k].name: v for k, v in telecom.flags.items()} == {"高志远": "threat_high_influence"}
    assert round(telecom.header.key_index) == 31 and telecom.header.coverage == 1.0
    assert telecom.header.pitfalls == ()
    bank = md.load(ctx, account_id(ctx, BANK))
    assert bank.header.pitfalls == (PitfallKey.hidden_chain,)
    assert "none of" in md.pitfall_details(ctx, bank.account.id)[0].detail("en")
    # flagging a hidden decision maker clears it; nobody rising clears "rising stars missed" no more
    zhou = person_named(ctx, bank.account.id, "Richard Hale")
    people_service.edit_person(ctx, zhou, {"hidden_decision_maker": True})
    assert md.load(ctx, bank.account.id).header.pitfalls == ()
    star = next(p for p in md.load(ctx, bank.account.id).people if p.rising_star)
    people_service.edit_person(ctx, people_service.get_person(ctx, star.id), {"rising_star": False})
    assert md.load(ctx, bank.account.id).header.pitfalls == (PitfallKey.rising_stars_missed,)
    assert [p.key for p in md.pitfall_details(ctx, bank.account.id)] == [PitfallKey.rising_stars_missed]


def test_a_dismissed_pitfall_leaves_the_header(ctx):
    bank = account_id(ctx, BANK)
    ctx_write_dismissal(ctx, bank, PitfallKey.hidden_chain)
    assert md.load(ctx, bank).header.pitfalls == () and md.pitfall_details(ctx, bank) == ()


def ctx_write_dismissal(ctx, account, key):
    from kamtui.domain.models import PitfallDismissal

    with ctx.write() as tx:
        tx.insert(PitfallDismissal(account_id=account, key=key.value, reason="known", dismissed_on=TODAY))


def written_around_the_checks(ctx, record, changes):
    """A change the people service refuses, as another program could have written it."""
    with ctx.write() as tx:
        tx.update(record.model_copy(update=changes))


def test_department_people_make_reports_to_trees_and_survive_cycles(ctx):
    aid = account_id(ctx, TELECOM)
    net = next(d for d in people_service.departments(ctx, aid) if d.name == "网络部")
    heads = md.department_nodes(md.load(ctx, aid), net.id)
    assert [h.person.name for h in heads] == ["马骏"]
    assert {r.person.name for r in heads[0].reports} == {"唐颖", "徐晓东", "冯磊"}
    # a cycle inside the department (written around the service's own check) still shows everyone
    ma, tang = person_named(ctx, aid, "马骏"), person_named(ctx, aid, "唐颖")
    written_around_the_checks(ctx, ma, {"reports_to_id": tang.id})
    shown = md.department_nodes(md.load(ctx, aid), net.id)

    def names(nodes):
        return [n.person.name for n in nodes] + [x for n in nodes for x in names(n.reports)]
    assert sorted(names(shown)) == sorted(["马骏", "唐颖", "徐晓东", "冯磊"])


def test_org_index_counts_and_lifts_orphans(ctx):
    aid = account_id(ctx, TELECOM)
    index = md.org_index(ctx, aid)
    assert [d.name for d in index.children[None]] == ["总经理室"]
    gm = index.children[None][0]
    assert index.people_count[gm.id] == 5 and len(index.children[gm.id]) == 5
    # archiving a parent lifts its children to the top; people of no department are counted
    net = next(d for d in index.departments.values() if d.name == "网络部")
    written_around_the_checks(ctx, table_for(Department).get(ctx.db, net.id), {"archived": True})
    index = md.org_index(ctx, aid)
    assert {d.name for d in index.children[None]} == {"总经理室", "网络运维中心"}
    assert index.people_count[None] == 4
    assert {n.person.name for n in md.department_nodes(md.load(ctx, aid), None)} == {"马骏"}  # heads only


def test_grid_and_chain(ctx):
    data = md.load(ctx, account_id(ctx, TELECOM))
    cells = md.grid(data)
    assert len(cells) == 25 and sum(len(v) for v in cells.values()) == 19
    assert [p.name for p in cells[(4, Attitude.threat)]] == ["高志远"]
    assert md.danger_cell(4, Attitude.threat) and md.danger_cell(5, Attitude.threat)
    assert not md.danger_cell(3, Attitude.threat) and not md.danger_cell(5, Attitude.unknown)
    groups = md.chain(data)
    assert [r for r, _ in groups] == list(ChainRole)
    assert [p.name for p in groups[0][1]] == ["周建华", "孙立群", "马骏", "高志远", "曹斌"]


def test_coverage_counts_activity_owners_as_contacts(ctx):
    aid = account_id(ctx, TELECOM)
    cov = md.coverage_matrix(md.load(ctx, aid))
    xu = next(r for r in cov.rows if r.person.name == "徐晓东")
    assert xu.single_thread  # owner 陈静 also ran the done support activity: still one of ours
    # 李娜 plans the Europe trip with 孙立群 and 马骏: planned is no contact; done is
    trip = next(a for a in store_activities.activities(ctx.db, aid) if a.type.value == "overseas_visit")
    with ctx.write() as tx:
        tx.update(trip.model_copy(update={"status": ActivityStatus.in_progress}))
    cov = md.coverage_matrix(md.load(ctx, aid))
    ma = next(r for r in cov.rows if r.person.name == "马骏")
    assert len(ma.knowers) == 2 and not ma.single_thread
    assert [m.name for m in cov.members] == sorted(m.name for m in cov.members)


def test_card_has_links_both_ways_and_the_year_total(ctx):
    aid = account_id(ctx, TELECOM)
    data = md.load(ctx, aid)
    gao = person_named(ctx, aid, "高志远")
    card = st.card(ctx, data, gao.id)
    assert {(l.outgoing, l.kind, l.other_name) for l in card.links} == {
        (True, LinkKind.close_to, "冯磊"), (True, LinkKind.opposes, "徐晓东")}
    assert card.year_totals == {ComplianceCategory.entertainment: 600.0}
    assert card.leaning == "华为 Huawei" and card.flag == "threat_high_influence"
    assert card.contact_age == "29d" and card.reports_to == "孙立群" and card.currency == "CNY"
    sun = st.card(ctx, data, person_named(ctx, aid, "孙立群").id)
    assert sun.year_totals == {} and [a.type.value for a in sun.activities] == ["overseas_visit"]  # 2027
    dong = st.card(ctx, data, person_named(ctx, aid, "董文博").id)
    assert dong.leaning is None and dong.contact_age == "—" and dong.links == []


def test_edits_and_their_refusals(ctx):
    aid = account_id(ctx, TELECOM)
    zhou, ma = person_named(ctx, aid, "周建华"), person_named(ctx, aid, "马骏")
    with pytest.raises(InputError) as err:
        people_service.set_reports_to(ctx, zhou, ma.id)
    assert err.value.problems[0][0] == "reports_to_id"
    with pytest.raises(InputError):
        people_service.set_reports_to(ctx, zhou, zhou.id)
    new = people_service.add_person(ctx, {"account_id": aid, "name": "  新 人  ", "leaning": leaning.NOBODY,
                                          "influence": 2})
    assert new.name == "新 人" and new.leaning_known and new.department_id is None
    with pytest.raises(InputError) as err:
        people_service.add_person(ctx, {"account_id": aid, "name": "", "influence": 9})
    assert {p for p, _ in err.value.problems} == {"name", "influence"}
    link = people_service.add_link(ctx, zhou, ma.id, "influences")
    with pytest.raises(InputError):
        people_service.add_link(ctx, zhou, ma.id, LinkKind.influences)
    people_service.add_link(ctx, ma, zhou.id, LinkKind.influences)  # the other direction is another link
    people_service.remove_link(ctx, link)
    # versioned: an edit on a stale copy is refused
    people_service.edit_person(ctx, zhou, {"title": "董事长"})
    with pytest.raises(ConflictError):
        people_service.edit_person(ctx, zhou, {"title": "总裁"})
    assert people_service.get_person(ctx, zhou.id).title == "董事长"
    # departments
    gm = next(d for d in people_service.departments(ctx, aid) if d.name == "总经理室")
    with pytest.raises(InputError):
        people_service.archive_department(ctx, gm)
    with pytest.raises(InputError):
        people_service.move_department(ctx, gm, next(d for d in people_service.departments(ctx, aid) if d.name == "网络运维中心").id)
    empty = people_service.add_department(ctx, {"account_id": aid, "parent_id": gm.id, "name": "空部门",
                                                "importance": 1})
    assert people_service.archive_department(ctx, empty).archived
    moved = people_service.move_person(ctx, people_service.get_person(ctx, new.id), gm.id)
    assert moved.department_id == gm.id
    archived = people_service.archive_person(ctx, moved)
    assert [p.name for p in md.load(ctx, aid).archived_people()] == ["新 人"]
    assert not people_service.restore_person(ctx, archived).archived
    audit = store_audit.entries(ctx.db, aid)
    assert {"archive", "restore", "create", "update", "delete"} <= {a["action"] for a in audit}
