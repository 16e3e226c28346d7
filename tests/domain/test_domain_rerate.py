"""Re-rating after an activity (rules/rerate.py): what a finished activity addressed, and the
partial assessment: the latest snapshot with only the re-rated items changed."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import Attitude, ChainRole, Evidence, Indicator, Layer, OrgDimension, Scope
from kamtui.domain.models import Activity, Assessment, DepartmentRating, OrgRating, PersonRating
from kamtui.domain.rules.rerate import PersonNow, Rerating, addressed, later_id, partial_assessment

DAY = dt.date(2026, 11, 26)
PROPS = settings(max_examples=150, deadline=None, database=None)
NAMES = {"is": "Information Security", "hr": "HR"}


def act(type_, **kw) -> Activity:
    t = ActivityType(type_)
    kw.setdefault("scope", t.spec.scope)
    kw.setdefault("layer", t.spec.layer)
    if kw["scope"] == Scope.point:
        kw.setdefault("target_person_ids", ["dan"])
    return Activity(account_id="acc", type=t, **kw)


def test_a_point_activity_addresses_its_people():
    got = addressed(act("personal_visit", target_person_ids=["dan", "amy"]), NAMES)
    assert got.person_ids == ("dan", "amy") and not got.department_ids and not got.dimensions


def test_a_line_activity_addresses_the_indicator_its_short_board_names_or_all_four():
    named = addressed(act("business_exchange", target_department_id="is",
                          short_board="Information Security: Information access"), NAMES)
    assert named.department_ids == ("is",) and named.indicators == (Indicator.information_access,)
    zh = addressed(act("business_exchange", target_department_id="is", short_board="信息安全部：信息获取"), NAMES)
    assert zh.indicators == (Indicator.information_access,)
    unnamed = addressed(act("business_exchange", target_department_id="is"), NAMES)
    assert unnamed.indicators == tuple(Indicator)


def test_a_surface_activity_addresses_the_department_its_short_board_names():
    got = addressed(act("training", short_board="HR · Support at key moments"), NAMES)
    assert got.department_ids == ("hr",) and got.indicators == (Indicator.key_moment_support,)
    assert addressed(act("training"), NAMES).empty


def test_an_organization_activity_addresses_what_it_names_or_what_its_type_works_on():
    named = addressed(act("cxo_visit", short_board="Corporate alliance 2 → 3"), NAMES)
    assert named.dimensions == (OrgDimension.alliance,) and named.evidence == (Evidence.cxo_visits,)
    by_type = addressed(act("strategic_agreement_signing"), NAMES)
    assert by_type.dimensions == (OrgDimension.alliance,)
    assert by_type.evidence == (Evidence.framework_contract, Evidence.strategic_agreement)
    evidence = addressed(act("exec_workshop", short_board="框架合同"), NAMES)
    assert evidence.evidence == (Evidence.framework_contract,) and evidence.dimensions == (OrgDimension.business_fit,)


def latest() -> Assessment:
    return Assessment(
        id="5" * 32, account_id="acc", assessed_on=dt.date(2026, 9, 8), recorded_by="sarah", note="annual",
        org={d: OrgRating(value=v, note=f"n{v}") for d, v in zip(OrgDimension, (3, 3, 2, 3))},
        evidence={Evidence.cxo_visits: dt.date(2026, 8, 1)},
        people=[PersonRating(person_id="dan", attitude=Attitude.threat, influence=4, needs_level=2,
                             role=ChainRole.decision_maker),
                PersonRating(person_id="amy", attitude=Attitude.accepting, influence=2)],
        departments=[DepartmentRating(department_id="is", importance=3,
                                      ratings={Indicator.information_access: 1, Indicator.key_moment_support: 4})],
    )


def build(rerating: Rerating, base: Assessment | None = None) -> Assessment:
    return partial_assessment(base, rerating, account_id="acc", day=DAY, recorded_by="tester",
                              activity_id="act1", people_now={"new": PersonNow(5, ChainRole.influencer)},
                              importance={"hr": 1})


def test_only_the_re_rated_items_change_and_the_activity_is_the_evidence():
    before = latest()
    after = build(Rerating(attitudes={"dan": Attitude.commodity}, needs={"dan": 3},
                           indicators={("is", Indicator.information_access): 2},
                           org={OrgDimension.alliance: 3}, evidence={Evidence.framework_contract: True}),
                  before)
    assert (after.assessed_on, after.recorded_by, after.evidence_activity_id) == (DAY, "tester", "act1")
    assert after.id != before.id and after.note == ""
    dan = next(p for p in after.people if p.person_id == "dan")
    assert (dan.attitude, dan.needs_level, dan.influence, dan.role) == (Attitude.commodity, 3, 4, ChainRole.decision_maker)
    assert next(p for p in after.people if p.person_id == "amy") == before.people[1]
    assert after.departments[0].ratings == {Indicator.information_access: 2, Indicator.key_moment_support: 4}
    assert after.org[OrgDimension.alliance] == OrgRating(value=3, note="n2")
    assert {d: r for d, r in after.org.items() if d != OrgDimension.alliance} == {
        d: r for d, r in before.org.items() if d != OrgDimension.alliance}
    assert after.evidence == {Evidence.cxo_visits: dt.date(2026, 8, 1), Evidence.framework_contract: DAY}
    assert before.people[0].attitude == Attitude.threat  # the latest snapshot is untouched


def test_someone_or_a_department_not_rated_before_joins_with_their_current_values():
    after = build(Rerating(attitudes={"new": Attitude.accepting}, indicators={("hr", Indicator.information_access): 3}),
                  latest())
    new = next(p for p in after.people if p.person_id == "new")
    assert (new.attitude, new.influence, new.role, new.needs_level) == (Attitude.accepting, 5, ChainRole.influencer, None)
    hr = next(d for d in after.departments if d.department_id == "hr")
    assert (hr.importance, hr.ratings) == (1, {Indicator.information_access: 3})
    first = build(Rerating(evidence={Evidence.cxo_visits: True}))  # no assessment before
    assert first.evidence == {Evidence.cxo_visits: DAY} and not first.org and not first.people


def test_a_re_rating_on_the_day_of_the_latest_assessment_sorts_after_it():
    base = latest().model_copy(update={"assessed_on": DAY, "id": "f" * 32})
    assert later_id(base, DAY) > base.id
    ids = iter(["0" * 32, "1" * 32])
    assert later_id(base.model_copy(update={"id": "8" * 32}), DAY, make=lambda: next(ids, "9" * 32)) == "9" * 32
    assert later_id(base.model_copy(update={"assessed_on": dt.date(2026, 1, 1)}), DAY, make=lambda: "0" * 32) == "0" * 32
    after = build(Rerating(org={OrgDimension.alliance: 3}), base)
    assert max([base, after], key=lambda a: (a.assessed_on, a.id)) is after


@PROPS
@given(st.dictionaries(st.sampled_from(["dan", "amy", "new"]), st.sampled_from(list(Attitude))),
       st.dictionaries(st.sampled_from(["dan", "amy"]), st.one_of(st.none(), st.integers(1, 5))),
       st.dictionaries(st.sampled_from(list(OrgDimension)), st.integers(1, 4)),
       st.dictionaries(st.sampled_from(list(Evidence)), st.booleans()),
       st.dictionaries(st.tuples(st.sampled_from(["is", "hr"]), st.sampled_from(list(Indicator))), st.integers(1, 5)))
def test_what_is_not_re_rated_is_carried_over_unchanged(attitudes, needs, org, evidence, indicators):
    before = latest()
    after = build(Rerating(attitudes, needs, org, evidence, indicators), before)
    for dim, r in before.org.items():
        assert after.org[dim] == (r if dim not in org else OrgRating(value=org[dim], note=r.note))
    for item in Evidence:
        if item in evidence:
            assert (item in after.evidence) == evidence[item]
        else:
            assert after.evidence.get(item) == before.evidence.get(item)
    rated = {p.person_id: p for p in after.people}
    for p in before.people:
        q = rated[p.person_id]
        assert q.attitude == attitudes.get(p.person_id, p.attitude)
        assert q.needs_level == needs.get(p.person_id, p.needs_level)
        assert (q.influence, q.role) == (p.influence, p.role)
    assert ("new" in rated) == ("new" in attitudes)
    ratings = {(d.department_id, i): v for d in after.departments for i, v in d.ratings.items()}
    old = {(d.department_id, i): v for d in before.departments for i, v in d.ratings.items()}
    assert ratings == {**old, **indicators}


FULL_DAY = dt.date(2026, 9, 20)


def _full() -> Assessment:
    return Assessment(account_id="acc", assessed_on=FULL_DAY,
                      org={d: OrgRating(value=2) for d in OrgDimension},
                      people=[PersonRating(person_id="dan", attitude=Attitude.threat, influence=5)],
                      departments=[DepartmentRating(department_id="is", ratings={i: 2 for i in Indicator})])


_RERATINGS = st.lists(st.tuples(
    st.integers(1, 60),  # days after the previous snapshot
    st.sampled_from(["attitude", "org", "evidence", "indicator", "nothing"]),
), max_size=6)


@PROPS
@given(_RERATINGS)
def test_a_layer_is_dated_by_the_last_snapshot_that_rated_it(steps):
    from kamtui.domain.rules.rerate import layers_rated_on

    snapshots = [_full()]
    want = {layer: FULL_DAY for layer in Layer}
    day = FULL_DAY
    values = iter(range(10**6))
    for gap, what in steps:
        day += dt.timedelta(days=gap)
        n = next(values)
        r = Rerating()
        if what == "attitude":
            r.attitudes["dan"] = [Attitude.commodity, Attitude.accepting][n % 2]
        elif what == "org":
            r.org[OrgDimension.alliance] = 3 + n % 2
        elif what == "evidence":
            r.evidence[list(Evidence)[0]] = n % 2 == 0
        elif what == "indicator":
            r.indicators[("is", Indicator.information_access)] = 3 + n % 2
        latest = snapshots[-1]
        new = partial_assessment(latest, r, account_id="acc", day=day, recorded_by="me", activity_id=f"a{n}",
                                 people_now={}, importance={})
        changed = {Layer.organization: (new.org, new.evidence) != (latest.org, latest.evidence),
                   Layer.key: new.people != latest.people, Layer.extensive: new.departments != latest.departments}
        for layer, moved in changed.items():
            if moved:
                want[layer] = day
        snapshots.append(new)
    assert layers_rated_on(reversed(snapshots)) == want  # in any order
    assert layers_rated_on([]) == {}


def test_a_one_person_rerating_leaves_the_other_layers_dated_by_the_wizard():
    from kamtui.domain.rules.rerate import layers_rated_on

    full = _full()
    later = partial_assessment(full, Rerating(attitudes={"dan": Attitude.commodity}), account_id="acc",
                               day=DAY, recorded_by="me", activity_id="a1", people_now={}, importance={})
    assert layers_rated_on([full, later]) == {Layer.organization: FULL_DAY, Layer.key: DAY,
                                              Layer.extensive: FULL_DAY}
    wizard = later.model_copy(update={"id": "z" * 32, "evidence_activity_id": None})
    assert set(layers_rated_on([full, later, wizard]).values()) == {DAY}  # a full run rates all three
