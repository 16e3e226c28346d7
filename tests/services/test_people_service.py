"""The one service that writes people and departments: its checks hold whichever way a change
comes (an edit of any field, a move, the assessment wizard's save in its own transaction)."""

from __future__ import annotations

import datetime as dt

import pytest

from kamtui.domain import leaning
from kamtui.domain.enums import LinkKind
from kamtui.domain.models import Account, Competitor, Department, Person
from kamtui.errors import InputError
from kamtui.services import map_data, people
from kamtui.services.context import Context
from kamtui.store import write
from kamtui.store import people as store_people

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def org(ws):
    """top ⊃ mid ⊃ leaf, and aside; boss ← manager ← clerk (reports to)."""
    acc = Account(name="Acme")
    top = Department(account_id=acc.id, name="Top")
    mid = Department(account_id=acc.id, name="Mid", parent_id=top.id)
    leaf = Department(account_id=acc.id, name="Leaf", parent_id=mid.id)
    aside = Department(account_id=acc.id, name="Aside")
    boss = Person(account_id=acc.id, name="Boss", department_id=top.id)
    manager = Person(account_id=acc.id, name="Manager", department_id=mid.id, reports_to_id=boss.id)
    clerk = Person(account_id=acc.id, name="Clerk", department_id=leaf.id, reports_to_id=manager.id)
    rival = Competitor(account_id=acc.id, name="Rival")
    with write(ws, who="t") as tx:
        tx.insert_many([acc, top, mid, leaf, aside, boss, manager, clerk, rival])
    ctx = Context(ws, today=TODAY, user="tester")
    return ctx, {r.name: r for r in (acc, top, mid, leaf, aside, boss, manager, clerk, rival)}


def fresh(ctx, record):
    return people.get_department(ctx, record.id) if isinstance(record, Department) else people.get_person(ctx, record.id)


def root_reaches(ctx, account_id) -> set[str]:
    index = map_data.org_index(ctx, account_id)
    reached, stack = set(), [d.id for d in index.children[None]]
    while stack:
        reached.add(stack[-1])
        stack += [d.id for d in index.children.get(stack.pop(), [])]
    return reached


@pytest.mark.parametrize("under", ["Top", "Mid", "Leaf"])
def test_a_department_never_goes_under_itself_or_below_itself(org, under):
    ctx, r = org
    top = r["Top"]
    for attempt in (lambda: people.move_department(ctx, top, r[under].id),
                    lambda: people.edit_department(ctx, top, {"parent_id": r[under].id, "name": "Top 2"})):
        with pytest.raises(InputError) as err:
            attempt()
        assert err.value.problems[0][0] == "parent_id"
    assert fresh(ctx, top).parent_id is None and fresh(ctx, top).name == "Top"
    assert {r[n].id for n in ("Top", "Mid", "Leaf", "Aside")} <= root_reaches(ctx, r["Acme"].id)


def test_a_department_moves_anywhere_else(org):
    ctx, r = org
    moved = people.edit_department(ctx, r["Mid"], {"parent_id": r["Aside"].id})
    assert moved.parent_id == r["Aside"].id
    assert people.move_department(ctx, fresh(ctx, r["Top"]), r["Aside"].id).parent_id == r["Aside"].id
    assert people.move_department(ctx, fresh(ctx, r["Leaf"]), None).parent_id is None
    # edits that do not move it are not checked against the tree (nor refused)
    assert people.edit_department(ctx, fresh(ctx, r["Leaf"]), {"importance": 3}).importance == 3


def test_the_parent_choices_leave_out_the_department_and_its_subtree(org):
    ctx, r = org
    departments = people.departments(ctx, r["Acme"].id)
    assert {d.name for d in people.parent_options(departments, r["Top"])} == {"Aside"}
    assert {d.name for d in people.parent_options(departments, r["Mid"])} == {"Top", "Aside"}
    assert {d.name for d in people.parent_options(departments, r["Leaf"])} == {"Top", "Mid", "Aside"}
    assert len(people.parent_options(departments, None)) == 4


def test_nobody_reports_to_someone_below_them(org):
    ctx, r = org
    boss = r["Boss"]
    for manager in ("Boss", "Manager", "Clerk"):
        for attempt in (lambda: people.set_reports_to(ctx, boss, r[manager].id),
                        lambda: people.edit_person(ctx, boss, {"reports_to_id": r[manager].id})):
            with pytest.raises(InputError) as err:
                attempt()
            assert err.value.problems[0][0] == "reports_to_id"
    assert fresh(ctx, boss).reports_to_id is None
    clerk = people.set_reports_to(ctx, r["Clerk"], boss.id)
    assert clerk.reports_to_id == boss.id and people.set_reports_to(ctx, clerk, None).reports_to_id is None


def test_a_link_is_made_once(org):
    ctx, r = org
    people.add_link(ctx, r["Boss"], r["Clerk"].id, LinkKind.influences)
    with pytest.raises(InputError) as err:
        people.add_link(ctx, r["Boss"], r["Clerk"].id, "influences")
    assert err.value.problems[0][0] == "kind"
    people.add_link(ctx, r["Clerk"], r["Boss"].id, LinkKind.influences)  # the other way is another link
    assert len(store_people.links_of(ctx.db, r["Boss"].id)) == 2


def test_a_department_is_archived_only_once_empty(org):
    ctx, r = org
    for name in ("Top", "Mid", "Leaf"):  # people or sub-departments in each
        for attempt in (lambda: people.archive_department(ctx, r[name]),
                        lambda: people.edit_department(ctx, r[name], {"archived": True})):
            with pytest.raises(InputError) as err:
                attempt()
            assert err.value.problems[0][0] == "department"
    assert people.archive_department(ctx, r["Aside"]).archived
    assert not people.restore_department(ctx, fresh(ctx, r["Aside"])).archived


def test_the_wizards_save_runs_the_same_checks(org):
    ctx, r = org
    with pytest.raises(InputError):
        with ctx.write() as tx:
            people.update_in(tx, r["Top"], {"parent_id": r["Leaf"].id})
    assert fresh(ctx, r["Top"]).parent_id is None
    with ctx.write() as tx:
        people.update_in(tx, r["Top"], {"importance": 3})
    assert fresh(ctx, r["Top"]).importance == 3


def test_the_leaning_is_one_choice_in_forms_and_two_fields_stored(org):
    ctx, r = org
    boss = r["Boss"]
    assert people.leaning_choice(boss) == leaning.NOT_ASSESSED == people.leaning_choice(None)
    boss = people.edit_person(ctx, boss, {"leaning": leaning.NOBODY})
    assert (boss.leaning_known, boss.leaning_competitor_id) == (True, None)
    assert people.leaning_choice(boss) == leaning.NOBODY
    boss = people.edit_person(ctx, boss, {"leaning": r["Rival"].id})
    assert (boss.leaning_known, boss.leaning_competitor_id) == (True, r["Rival"].id)
    assert people.leaning_choice(boss) == r["Rival"].id
    boss = people.edit_person(ctx, boss, {"leaning": leaning.NOT_ASSESSED})
    assert (boss.leaning_known, boss.leaning_competitor_id) == (False, None)
    # the sentinels can never be a competitor's id
    for sentinel in (leaning.NOT_ASSESSED, leaning.NOBODY):
        with pytest.raises(InputError):
            people.add_competitor(ctx, {"account_id": r["Acme"].id, "name": "x", "id": sentinel})
