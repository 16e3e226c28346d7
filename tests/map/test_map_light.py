"""The map's light read path says exactly what the model path says: people rows, the
organization index, the reports-to trees (cycles too), and the pitfalls behind the tooltip."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest
from map_helpers import BANK, TODAY, account_id, make, open_map

from kamtui.domain.enums import Attitude, ChainRole
from kamtui.domain.models import Person
from kamtui.services import map_data as md
from kamtui.services import people as people_service
from kamtui.services.context import Context
from kamtui.store import accounts as store_accounts
from kamtui.store import people as store_people
from kamtui.store.tables import PERSON
from kamtui.ui.widgets.org_tree import OrgTree, PersonData
from kamtui.ui.widgets.person_card import PersonCard

FIELDS = (*Person.model_fields, "is_key")


@pytest.fixture
def ctx(demo_ws):
    return Context(demo_ws, today=TODAY, user="tester")


def as_fields(p) -> tuple:
    return tuple(getattr(p, f) for f in FIELDS)


def test_light_people_equal_the_models_for_every_demo_account(ctx):
    for row in store_accounts.accounts(ctx.db, include_archived=True):
        light = store_people.person_rows(ctx.db, row.id)
        models = store_people.people(ctx.db, row.id, include_archived=True)
        assert [as_fields(p) for p in light] == [as_fields(p) for p in models]


def test_light_people_edge_cases(ctx):
    aid = account_id(ctx, BANK)
    dept = people_service.departments(ctx, aid)[0]
    odd = people_service.add_person(ctx, {
        "account_id": aid, "department_id": dept.id, "name": "Q3 [/] notes", "title": "",
        "role": None, "needs_level": None, "leaning_competitor_id": None, "leaning_known": True,
        "influence": 5, "executive": True})
    people_service.archive_person(ctx, people_service.get_person(ctx, odd.id))
    light = {p.id: p for p in store_people.person_rows(ctx.db, aid)}[odd.id]
    model = people_service.get_person(ctx, odd.id)
    assert as_fields(light) == as_fields(model)
    assert light.archived and light.leaning_known and light.role is None and light.executive
    # an archived person is in by_id and the restore list, not in the views
    data = md.load(ctx, aid)
    assert odd.id in data.by_id and odd.id not in {p.id for p in data.people}
    assert odd.id in {p.id for p in data.archived_people()}
    assert sorted(flat(md.department_nodes(data, dept.id))) == sorted(
        p.id for p in store_people.people(ctx.db, aid, dept.id))


def flat(nodes) -> list[str]:
    return [n.person.id for n in nodes] + [x for n in nodes for x in flat(n.reports)]


def test_the_index_from_the_map_equals_the_one_read_alone(ctx):
    for row in store_accounts.accounts(ctx.db):
        data = md.load(ctx, row.id)
        a, b = md.index_of(data), md.org_index(ctx, row.id)
        assert a.departments.keys() == b.departments.keys()
        assert {k: [d.id for d in v] for k, v in a.children.items()} == {
            k: [d.id for d in v] for k, v in b.children.items()}
        assert {k: v for k, v in a.people_count.items() if v} == b.people_count


def shape(nodes) -> list:
    return [(n.person.id, n.flag, shape(n.reports)) for n in nodes]


def eager_trees(people) -> list:
    """The trees as the map built them before they became lazy: the reference."""
    flags = md.flags_of(people)
    ids = {p.id for p in people}
    below = defaultdict(list)
    for p in people:
        if p.reports_to_id in ids:
            below[p.reports_to_id].append(p)
    order = sorted(people, key=lambda p: (-p.influence, p.name, p.id))
    placed: set[str] = set()

    def node(p):
        placed.add(p.id)
        kids = sorted(below.get(p.id, []), key=lambda q: (-q.influence, q.name, q.id))
        return (p.id, flags.get(p.id), [node(k) for k in kids if k.id not in placed])

    heads = [node(p) for p in order if p.reports_to_id not in ids]
    heads += [node(p) for p in order if p.id not in placed]
    return heads


def fake(i: int, boss: int | None, rng: random.Random) -> store_people.PersonRow:
    stored = Person.model_construct(id=f"p{i:03d}", account_id="a", department_id="d", name=f"name {rng.randint(0, 5)}",
                    reports_to_id=f"p{boss:03d}" if boss is not None else None,
                    role=rng.choice([None, ChainRole.decision_maker, ChainRole.influencer, ChainRole.coach]),
                    influence=rng.randint(1, 5),
                    attitude=rng.choice([Attitude.threat, Attitude.unknown, Attitude.advocate]),
                    **{f: info.get_default(call_default_factory=True) for f, info in Person.model_fields.items()
                       if f not in ("id", "account_id", "department_id", "name", "reports_to_id", "role",
                                    "influence", "attitude")})  # a self-report too: not validated
    return PERSON.light([tuple(PERSON.to_row(stored).values())])[0]


@pytest.mark.parametrize("seed", range(40))
def test_lazy_trees_equal_the_eager_ones_with_cycles_and_strangers(seed):
    rng = random.Random(seed)
    n = rng.randint(1, 40)
    # managers anywhere: inside, outside the department (p9xx), none, themselves in cycles
    people = [fake(i, rng.choice([None, 900 + i, *range(n)]), rng) for i in range(n)]
    assert shape(md.people_trees(people)) == [tuple_tree(t) for t in eager_trees(people)]
    nodes = md.people_trees(people)
    assert len(nodes[1:]) == max(len(nodes) - 1, 0)  # slices stay lazy sequences


def tuple_tree(t) -> tuple:
    pid, flag, kids = t
    return (pid, flag, [tuple_tree(k) for k in kids])


async def test_pitfall_words_are_read_only_when_the_tooltip_is_asked_for(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_map(app, pilot, BANK)
        assert screen._details is None  # opening read the names only
        line = screen.query_one("#map-pitfalls")
        assert "none of 17 people is flagged" in line.tooltip.plain
        assert screen._details is not None
        await pilot.press("L")  # the other language: the same details, new words
        await pilot.pause()
        assert "17 人中无人被标为隐性决策者" in line.tooltip.plain


async def test_a_new_size_lays_the_tree_out_and_rewraps_the_card(demo_ws):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_map(app, pilot)
        tree = screen.query_one(OrgTree)
        await pilot.press("down")
        await pilot.pause()
        assert isinstance(tree.cursor_node.data, PersonData)
        wide = screen.query_one(PersonCard).text
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert tree._drawn_size == tree.size and tree.size.width < 80
        card = screen.query_one(PersonCard)
        assert card.facts is not None and card.facts.drawn_width == card.scrollable_content_region.width
        assert screen.query_one(PersonCard).text.split("\n")[0] == wide.split("\n")[0]
        name = tree.cursor_node.data.node.person.name
        assert name in "\n".join("".join(s.text for s in strip) for strip in app.screen._compositor.render_strips())
