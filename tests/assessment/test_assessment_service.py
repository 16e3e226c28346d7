"""The assessment session: start from the latest snapshot, live figures, validation, saving,
drafts, concurrent assessors, pitfall dismissal, history and its diff."""

from __future__ import annotations

import datetime as dt

import pytest

from assess_helpers import BANK, dept_id, person_id
from kamtui.domain.enums import Attitude, Evidence, Indicator, Layer, OrgDimension, OrgLevel, PitfallKey
from kamtui.domain.models import Department, LayerTarget, Person, PitfallDismissal
from kamtui.domain.rules.summary import figures
from kamtui.errors import ConflictError, InputError
from kamtui.services import accounts
from kamtui.services import people as people_service
from kamtui.services.assessments import (
    AssessmentSession, ChangedMeanwhile, compare, draft_owners, figure_moves, history,
)
from kamtui.services.context import Context
from kamtui.store import drafts
from kamtui.store import accounts as store_accounts
from kamtui.store import assessments as store_assessments
from kamtui.store import audit as store_audit
from kamtui.store import people as store_people
from kamtui.store.tables import table_for

C, F, A, I = (OrgDimension.communication, OrgDimension.business_fit, OrgDimension.alliance,
              OrgDimension.identification)
MARGARET = person_id("harbourline-cn", "coo")
DANIEL = person_id("harbourline-cn", "ciso")
SEC = dept_id("harbourline-cn", "sec")


def row_of(session: AssessmentSession, pid: str) -> int:
    return next(i for i, e in enumerate(session.data.people) if e.person_id == pid)


def dept_row(session: AssessmentSession, did: str) -> int:
    return next(i for i, e in enumerate(session.data.departments) if e.department_id == did)


def other(ctx: Context, user: str) -> Context:
    return Context(ctx.ws, today=ctx.today, user=user)


# -- starting -------------------------------------------------------------------------------
def test_a_new_session_starts_from_the_latest_snapshot(ctx):
    s = AssessmentSession.start(ctx, BANK)
    latest = store_accounts.plan(ctx.db, BANK).latest
    assert latest is not None and latest.assessed_on == dt.date(2026, 9, 8)
    assert s.data.org == {d: r.value for d, r in latest.org.items()}
    assert s.data.org_notes[C] == "CEO-level visit in September; quarterly CIO review"
    assert s.data.evidence == {e: d.isoformat() for e, d in latest.evidence.items()}
    assert s.data.assessed_on == "2026-11-26"
    by_id = {p.id: p for p in store_people.people(ctx.db, BANK)}
    assert {e.person_id for e in s.data.people} == set(by_id)  # all 17 have a chain role
    assert s.data.people[0].role.value == "decision_maker"
    for e in s.data.people:  # the people's current values
        assert (e.attitude, e.influence, e.needs_level) == (
            by_id[e.person_id].attitude, by_id[e.person_id].influence, by_id[e.person_id].needs_level)
    sec = s.data.departments[dept_row(s, SEC)]
    assert sec.ratings == {Indicator.key_moment_support: 2, Indicator.negative_containment: 2,
                           Indicator.information_access: 1, Indicator.activity_participation: 2}
    assert s.data.targets[Layer.organization].level == OrgLevel.strategic_supplier
    assert s.data.targets[Layer.key].index == "40"
    assert s.data.targets[Layer.extensive].due == "2027-09-30"
    assert not s.dirty and s.draft_version is None


def test_live_figures_are_the_domain_figures_of_the_draft(ctx):
    s = AssessmentSession.start(ctx, BANK)
    names = {d.id: d.name for d in store_accounts.plan(ctx.db, BANK).departments}
    before = figures(store_accounts.plan(ctx.db, BANK).latest, names)
    assert s.figures().org_level == before.org_level == OrgLevel.strategic_supplier
    assert s.figures().org.holding_down == (A,)
    s.set_org(A, 1)  # (3,3,1,3): one dimension below L-1 holds the level at supplier
    assert s.figures().org_level == OrgLevel.supplier
    s.update_person(row_of(s, DANIEL), attitude=Attitude.advocate)
    assert s.figures().key_index > before.key_index
    assert s.figures().short_board.department == "Information Security"
    s.rate_department(dept_row(s, SEC), Indicator.information_access, 5)
    assert s.figures().short_board.department != "Information Security"
    moves = figure_moves(s.previous_figures(), s.figures())
    assert {m.name: m.direction for m in moves}["org_level"] == -1
    assert {m.name: m.direction for m in moves}["key_index"] == 1


# -- validation -----------------------------------------------------------------------------
def test_an_unrated_dimension_and_bad_dates_block_their_step(ctx):
    s = AssessmentSession.start(ctx, BANK)
    assert all(not s.problems(step) for step in range(4))
    s.set_org(I, None)
    s.set_evidence_date(Evidence.cxo_visits, "2026-13-01")
    s.tick(Evidence.framework_contract, True)
    s.set_evidence_date(Evidence.framework_contract, "2027-01-01")
    fields = [p.field for p in s.problems(0)]
    assert fields == ["org.identification", "evidence.cxo_visits", "evidence.framework_contract"]
    assert s.problems(0)[2].text("zh") == "不能晚于今天"
    s.set_text("assessed_on", "2026-02-30")
    s.set_target(Layer.key, index="150")
    s.set_target(Layer.extensive, index="-5", due="soon")
    assert [p.field for p in s.problems(3)] == [
        "assessed_on", "target.key.index", "target.extensive.index", "target.extensive.due"]
    assert s.first_invalid_step() == 0
    with pytest.raises(InputError) as err:
        s.save()
    assert ("org.identification", "rate it from 1 to 4") in err.value.problems
    assert len(store_assessments.assessments(ctx.db, BANK)) == 2


# -- saving ---------------------------------------------------------------------------------
def test_saving_inserts_a_snapshot_and_merges_people_departments_targets(ctx):
    s = AssessmentSession.start(ctx, BANK)
    s.set_org(A, 3)
    s.set_org_note(A, "Framework contract signed in November")
    s.tick(Evidence.framework_contract, True)
    s.set_evidence_date(Evidence.framework_contract, "2026-11-20")
    m = row_of(s, MARGARET)
    s.update_person(m, attitude=Attitude.advocate, needs_level=5, hidden=True)
    s.update_person(row_of(s, DANIEL), leaning_known=False)
    s.rate_department(dept_row(s, SEC), Indicator.information_access, 3)
    s.set_importance(dept_row(s, SEC), 3)
    s.set_target(Layer.organization, level=OrgLevel.partner)
    s.set_target(Layer.key, index="55", due="2027-12-31")
    s.set_text("assessed_on", "2026-11-25")
    s.set_text("note", "Quarterly review")
    s.dismiss(PitfallKey.rising_stars_missed.value, "Emily Zhang is flagged already")  # not open: kept anyway
    s.keep_draft()
    saved = s.save()

    stored = table_for(type(saved)).get(ctx.db, saved.id)
    assert stored == saved
    assert stored.assessed_on == dt.date(2026, 11, 25) and stored.recorded_by == "tester"
    assert stored.note == "Quarterly review"
    assert {d: r.value for d, r in stored.org.items()} == {C: 3, F: 3, A: 3, I: 3}
    assert stored.org[A].note == "Framework contract signed in November"
    assert stored.evidence[Evidence.framework_contract] == dt.date(2026, 11, 20)
    assert stored.evidence[Evidence.cxo_visits] == dt.date(2026, 9, 2)
    rating = next(p for p in stored.people if p.person_id == MARGARET)
    assert (rating.attitude, rating.needs_level, rating.influence) == (Attitude.advocate, 5, 5)
    assert len(stored.people) == 17
    sec = next(d for d in stored.departments if d.department_id == SEC)
    assert sec.importance == 3 and sec.ratings[Indicator.information_access] == 3

    margaret = table_for(Person).get(ctx.db, MARGARET)
    assert (margaret.attitude, margaret.needs_level, margaret.hidden_decision_maker) == (Attitude.advocate, 5, True)
    assert margaret.version == 1
    daniel = table_for(Person).get(ctx.db, DANIEL)
    assert not daniel.leaning_known and daniel.leaning_competitor_id is None
    assert table_for(Department).get(ctx.db, SEC).importance == 3
    targets = {t.layer: t for t in table_for(LayerTarget).models(ctx.db, "account_id = :a", {"a": BANK})}
    assert targets[Layer.organization].level == OrgLevel.partner
    assert (targets[Layer.key].index, targets[Layer.key].due) == (55.0, dt.date(2027, 12, 31))
    assert targets[Layer.key].notes == "Neutralise the CISO; get Margaret Lin to advocate"
    assert targets[Layer.extensive].version == 0  # untouched
    dismissal = table_for(PitfallDismissal).models(ctx.db, "account_id = :a AND key = :k",
                             {"a": BANK, "k": "rising_stars_missed"})[0]
    assert dismissal.reason == "Emily Zhang is flagged already" and dismissal.dismissed_by == "tester"
    assert drafts.get(ctx.db, BANK, "tester", "assessment") is None
    who = store_audit.last_change(ctx.db, "assessment", saved.id)[0]
    assert who == "tester"
    row = next(r for r in accounts.portfolio(ctx) if r.id == BANK)
    assert row.state.last_assessed == dt.date(2026, 11, 25)
    assert row.state.org_level == OrgLevel.strategic_supplier and row.state.org_target == OrgLevel.partner


def test_two_assessors_at_once_each_get_their_own_snapshot(ctx):
    alice, bob = AssessmentSession.start(other(ctx, "alice"), BANK), AssessmentSession.start(other(ctx, "bob"), BANK)
    alice.set_org(C, 4)
    bob.set_org(C, 2)
    alice.keep_draft()
    bob.keep_draft()  # drafts are per user: no conflict
    assert draft_owners(other(ctx, "alice"), BANK) == ["bob"]
    a, b = alice.save(), bob.save()
    snaps = {x.id: x for x in store_assessments.assessments(ctx.db, BANK)}
    assert len(snaps) == 4 and a.id != b.id
    assert snaps[a.id].org[C].value == 4 and snaps[a.id].recorded_by == "alice"
    assert snaps[b.id].org[C].value == 2 and snaps[b.id].recorded_by == "bob"


def test_a_field_both_assessors_changed_conflicts_until_forced(ctx):
    alice, bob = AssessmentSession.start(other(ctx, "alice"), BANK), AssessmentSession.start(other(ctx, "bob"), BANK)
    alice.update_person(row_of(alice, MARGARET), attitude=Attitude.advocate)
    bob.update_person(row_of(bob, MARGARET), attitude=Attitude.threat, needs_level=5)
    bob.update_person(row_of(bob, DANIEL), influence=5)
    alice.save()
    with pytest.raises(ChangedMeanwhile) as err:
        bob.save()
    assert err.value.items == [("Margaret Lin", "attitude")]
    assert len(store_assessments.assessments(ctx.db, BANK)) == 3  # nothing of bob's was written
    assert table_for(Person).get(ctx.db, DANIEL).influence == 4
    bob.save(force=True)
    assert len(store_assessments.assessments(ctx.db, BANK)) == 4
    margaret = table_for(Person).get(ctx.db, MARGARET)
    assert (margaret.attitude, margaret.needs_level) == (Attitude.threat, 5)
    assert table_for(Person).get(ctx.db, DANIEL).influence == 5


def test_a_field_changed_elsewhere_but_not_here_is_kept(ctx):
    s = AssessmentSession.start(ctx, BANK)
    s.update_person(row_of(s, MARGARET), needs_level=5)
    people_service.edit_person(other(ctx, "map-user"), table_for(Person).get(ctx.db, MARGARET), {"attitude": Attitude.threat})
    s.save()
    margaret = table_for(Person).get(ctx.db, MARGARET)
    assert (margaret.attitude, margaret.needs_level) == (Attitude.threat, 5)


# -- drafts ---------------------------------------------------------------------------------
def test_a_draft_resumes_and_discarding_is_explicit(ctx):
    s = AssessmentSession.start(ctx, BANK)
    s.set_org(C, 1)
    s.update_person(row_of(s, MARGARET), attitude=Attitude.threat)
    s.data.step = 2
    s.keep_draft()
    again = AssessmentSession.start(ctx, BANK)
    assert again.resumed_at is not None and again.draft_version == 0
    assert again.data.org[C] == 1 and again.data.step == 2
    assert again.data.people[row_of(again, MARGARET)].attitude == Attitude.threat
    assert again.base.people[row_of(again, MARGARET)].attitude == Attitude.accepting
    assert AssessmentSession.start(other(ctx, "bob"), BANK).data.org[C] == 3  # someone else's
    again.discard()
    assert again.data.org[C] == 3 and again.draft_version is None
    assert drafts.get(ctx.db, BANK, "tester", "assessment") is None


def test_the_same_draft_kept_from_two_windows_conflicts(ctx):
    first = AssessmentSession.start(ctx, BANK)
    first.set_org(C, 1)
    first.keep_draft()
    second = AssessmentSession.start(ctx, BANK)  # resumes version 0
    second.set_org(C, 2)
    first.set_org(C, 4)
    first.keep_draft()  # version 1
    with pytest.raises(ConflictError):
        second.keep_draft()
    assert AssessmentSession.start(ctx, BANK).data.org[C] == 4


def test_a_draft_drops_people_gone_and_adds_people_new(ctx):
    s = AssessmentSession.start(ctx, BANK)
    s.set_org(C, 2)
    s.keep_draft()
    people_service.archive_person(ctx, table_for(Person).get(ctx.db, DANIEL))
    new = people_service.add_person(ctx, {"account_id": BANK, "name": "Nina Park", "role": "influencer"})
    again = AssessmentSession.start(ctx, BANK)
    ids = [e.person_id for e in again.data.people]
    assert DANIEL not in ids and ids[-1] == new.id
    assert again.data.org[C] == 2


# -- pitfalls -------------------------------------------------------------------------------
def test_pitfalls_follow_the_draft_and_a_dismissal_needs_a_reason(ctx):
    s = AssessmentSession.start(ctx, BANK)
    keys = {p.key for p in s.pitfalls() if p.open}
    assert PitfallKey.hidden_chain in keys
    s.update_person(row_of(s, DANIEL), hidden=True)
    assert PitfallKey.hidden_chain not in {p.key for p in s.pitfalls()}
    with pytest.raises(InputError) as err:
        s.dismiss(PitfallKey.compliance.value, "   ")
    assert err.value.problems[0][0] == "reason"
    s.dismiss(PitfallKey.compliance.value, "Gift reviewed offline [EU]")
    found = next(p for p in s.pitfalls() if p.key == PitfallKey.compliance)
    assert not found.open and found.dismissal.reason == "Gift reviewed offline [EU]"
    s.save()  # the dismissal is stored with the snapshot
    stored = table_for(PitfallDismissal).models(ctx.db, "account_id = :a", {"a": BANK})
    assert [(d.key, d.reason, d.dismissed_on) for d in stored] == [
        ("compliance", "Gift reviewed offline [EU]", dt.date(2026, 11, 26))]


# -- history --------------------------------------------------------------------------------
def test_history_lists_snapshots_in_date_order_with_who_recorded_them(ctx):
    s = AssessmentSession.start(ctx, BANK)
    s.update_person(row_of(s, MARGARET), attitude=Attitude.advocate)
    s.set_org(A, 3)
    s.save()
    h = history(ctx, BANK)
    assert [e.assessment.assessed_on for e in h.entries] == [
        dt.date(2026, 5, 12), dt.date(2026, 9, 8), dt.date(2026, 11, 26)]
    assert [e.recorded_by for e in h.entries] == ["Sarah Mitchell", "Sarah Mitchell", "tester"]
    assert h.entries[-1].recorded_at is not None
    assert [e.figures.org_level for e in h.entries] == [
        OrgLevel.supplier, OrgLevel.strategic_supplier, OrgLevel.strategic_supplier]

    first, last = h.entries[0].assessment.id, h.entries[-1].assessment.id
    moves = h.diff(last, first)  # order of the arguments does not matter
    by_subject = {(m.kind, m.dimension or m.person or (m.department, m.indicator)): m for m in moves}
    comm = by_subject[("org", C)]
    assert (comm.before, comm.after, comm.direction, comm.by) == (2, 3, 1, "Sarah Mitchell")
    alliance = by_subject[("org", A)]
    assert (alliance.before, alliance.after, alliance.by) == (2, 3, "tester")
    margaret = by_subject[("attitude", "Margaret Lin")]
    assert (margaret.before, margaret.after, margaret.direction, margaret.by) == (
        Attitude.unknown, Attitude.advocate, None, "tester")
    contained = by_subject[("indicator", ("Information Security", Indicator.negative_containment))]
    assert (contained.before, contained.after, contained.by) == (1, 2, "Sarah Mitchell")
    assert ("indicator", ("Information Security", Indicator.key_moment_support)) not in by_subject  # 2 → 2
    assert all(m.before != m.after for m in moves)
    # the organization (ratings, then evidence items), then each person (attitude, needs), then departments
    group = {"org": 0, "evidence": 1, "attitude": 2, "needs": 2, "indicator": 3}
    assert [group[m.kind] for m in moves] == sorted(group[m.kind] for m in moves)
    assert {m.evidence for m in moves if m.kind == "evidence"} >= {Evidence.cxo_visits}  # ticked on the way


def test_compare_without_a_previous_snapshot_reports_everything_new(ctx):
    s = AssessmentSession.start(ctx, BANK)
    moves = compare(None, s.current(), {}, {}, include_same=False)
    assert moves and all(m.before is None and m.direction is None for m in moves)


def test_an_overlong_note_is_an_input_error_naming_its_dimension(ctx):
    s = AssessmentSession.start(ctx, BANK)
    s.set_org_note(C, "x" * 10_001)
    assert s.figures().org_level == OrgLevel.strategic_supplier  # live figures still work
    with pytest.raises(InputError) as err:
        s.save()
    assert err.value.problems[0][0].startswith("org.communication")
    assert len(store_assessments.assessments(ctx.db, BANK)) == 2
