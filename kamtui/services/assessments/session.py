"""The assessment session: live figures and pitfalls of the draft, validation, keeping the
draft, and saving a new snapshot with the people, departments and targets merged field by
field against the values the session started from.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from pydantic import ValidationError

from kamtui.domain import leaning
from kamtui.domain.enums import Evidence, Indicator, Layer, OrgDimension
from kamtui.domain.models import (
    Account, Assessment, Department, DepartmentRating, LayerTarget, OrgRating, Person, PersonRating,
    PitfallDismissal,
)
from kamtui.domain.plan import AccountPlan
from kamtui.domain.rules.pitfalls import Pitfall, detect_pitfalls
from kamtui.domain.rules.org import OrgResult, org_level
from kamtui.domain.rules.summary import LayerFigures, figures
from kamtui.errors import InputError
from kamtui.services.assessments.draft import (
    KIND, PERSON_FIELDS, STEPS, ChangedMeanwhile, DraftData, Problem, TargetEntry, clone, fresh_chain,
    fresh_head, parse_day, person_entry, reconcile, target_problems, tree_order,
)
from kamtui.services.assessments.history import RatingMove, compare
from kamtui.services.context import Context, build
from kamtui.services.assessments.saving import merge
from kamtui.store import accounts, assessments, drafts, team
from kamtui.store import people as store_people
from kamtui.store.people import PersonRow


class Opening(NamedTuple):
    """What a session reads when it starts: a few rows, plain tuples for the people."""

    account: Account
    latest: Assessment | None
    targets: list[LayerTarget]
    departments: list[Department]  # archived ones too: old snapshots name them
    chain: list[PersonRow]  # step 2's people as they are now: the merge base of saving

    @classmethod
    def read(cls, ctx: Context, account_id: str) -> "Opening":
        account = accounts.account(ctx.db, account_id)
        latest = assessments.latest(ctx.db, account_id)
        rated = {r.person_id for r in latest.people} if latest else set()
        return cls(account, latest, assessments.targets(ctx.db, account_id),
                   store_people.departments(ctx.db, account_id, include_archived=True),
                   store_people.chain_rows(ctx.db, account_id, rated))


class AssessmentSession:
    """One user's work on one account's assessment.

    Starting reads only a few rows (`Opening`) and the draft. The people and departments of
    the work (`data.people`, `data.departments`: thousands of entries on a big account) are
    built from them on the first use of `data` (steps 2–4, figures, keeping the draft), the
    whole plan is read for the review's pitfalls only. `draft` is the work as built so far:
    every field but `people` and `departments` is always there (what step 1 and the review's
    inputs edit).
    """

    def __init__(self, ctx: Context, opening: Opening, data: DraftData, base: DraftData,
                 draft_version: int | None = None, resumed_at: str | None = None,
                 *, stored: bool = False) -> None:
        self.ctx = ctx
        self.account = opening.account
        self.previous = opening.latest  # the snapshot this one is compared with
        self._opening = opening
        self._chain: list[PersonRow | Person] = list(opening.chain)  # and the people added here
        self.draft = data
        self._base = base
        self.draft_version = draft_version
        self.resumed_at = resumed_at  # when the resumed draft was last kept
        self.dirty = False
        self._stored = stored  # people / departments come from a kept draft: reconcile them
        self._built = False  # people / departments laid into the work
        self._pmap: dict[str, PersonRow | Person] = {}
        self._competitors: dict[str, str] | None = None
        self._names: dict[str, str] | None = None  # every person's name, for the review's moves
        self._plan: AccountPlan | None = None
        self._figures: LayerFigures | None = None
        self._snapshot: Assessment | None = None

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def start(cls, ctx: Context, account_id: str) -> "AssessmentSession":
        """The user's draft for the account if there is one, else the latest snapshot's values."""
        opening = Opening.read(ctx, account_id)
        fresh = fresh_head(ctx, opening.latest, opening.targets)
        kept = drafts.get(ctx.db, account_id, ctx.user, KIND)
        if kept is not None:
            try:
                data = DraftData.model_validate(kept.data["data"])
                base = DraftData.model_validate(kept.data["base"])
                return cls(ctx, opening, data, base, kept.version, kept.updated_at, stored=True)
            except (ValidationError, KeyError):
                pass  # a draft of an older shape: start afresh, overwrite it on the next keep
            return cls(ctx, opening, fresh, clone(fresh), kept.version)
        return cls(ctx, opening, fresh, clone(fresh))

    def _build(self) -> None:
        """Lay the people and departments (as read at the start) into the work, once."""
        if self._built:
            return
        self._built = True
        self._pmap = {p.id: p for p in self._chain}
        people, depts = fresh_chain(self.previous, self._chain, self._opening.departments)
        if self._stored:  # people and departments gone are dropped, new ones added
            fresh = self.draft.model_copy(update={"people": people, "departments": depts})
            self.draft, self._base = reconcile(self.draft, fresh), reconcile(self._base, fresh)
        else:  # as `clone` would have copied them at the start
            self.draft = self.draft.model_copy(update={"people": people, "departments": depts})
            self._base = self._base.model_copy(update={
                "people": [e.model_copy() for e in people],
                "departments": [e.model_copy(update={"ratings": dict(e.ratings)}) for e in depts]})
        self._snapshot = self._figures = None

    @property
    def data(self) -> DraftData:
        """The whole work, people and departments included."""
        self._build()
        return self.draft

    @property
    def base(self) -> DraftData:
        """The values the session started from: the merge base when saving."""
        self._build()
        return self._base

    @property
    def plan(self) -> AccountPlan:
        """The whole account (activities, links …), read when first needed: only the pitfalls."""
        if self._plan is None:
            self._plan = accounts.plan(self.ctx.db, self.account_id)
        return self._plan

    @property
    def account_id(self) -> str:
        return self.account.id

    # -- lookups for the screens -----------------------------------------------------------
    def person(self, person_id: str) -> PersonRow | Person:
        """A person of step 2 (name, title, department_id …)."""
        self._build()
        return self._pmap[person_id]

    def department_names(self) -> dict[str, str]:
        return {d.id: d.name for d in self._opening.departments}

    def department_rows(self) -> list[tuple[Department, int]]:
        """Departments in the order of `data.departments`, with their depth in the tree."""
        departments = self._opening.departments
        depth = dict((d.id, n) for d, n in tree_order([d for d in departments if not d.archived]))
        by_id = {d.id: d for d in departments}
        return [(by_id[e.department_id], depth.get(e.department_id, 0)) for e in self.data.departments]

    def competitor_names(self) -> dict[str, str]:
        if self._competitors is None:
            self._competitors = {c.id: c.name for c in store_people.competitors(self.ctx.db, self.account_id)}
        return self._competitors

    # -- edits -----------------------------------------------------------------------------
    def _changed(self) -> None:
        self.dirty = True
        self._figures = self._snapshot = None

    def set_org(self, dimension: OrgDimension, value: int | None) -> None:
        if value is None:
            self.draft.org.pop(dimension, None)
        else:
            OrgRating(value=value)  # 1..4 or ValidationError
            self.draft.org[dimension] = value
        self._changed()

    def set_org_note(self, dimension: OrgDimension, note: str) -> None:
        self.draft.org_notes[dimension] = note
        self._changed()

    def tick(self, evidence: Evidence, on: bool) -> None:
        if on:
            self.draft.evidence.setdefault(evidence, self.ctx.today.isoformat())
        else:
            self.draft.evidence.pop(evidence, None)
        self._changed()

    def set_evidence_date(self, evidence: Evidence, text: str) -> None:
        self.draft.evidence[evidence] = text
        self._changed()

    def update_person(self, index: int, **changes: Any) -> None:
        entry = self.data.people[index]
        for name, value in changes.items():
            setattr(entry, name, value)
        if changes.get("leaning_known") is False:
            entry.leaning_competitor_id = None
        entry.leaning_known = leaning.assessed(entry.leaning_known, entry.leaning_competitor_id)
        self._changed()

    def add_person(self, person: Person) -> int:
        """A person just added to the account joins the table; returns their row."""
        self._build()
        self._chain.append(person)
        self._pmap[person.id] = person
        if self._names is not None:
            self._names[person.id] = person.name
        if self._plan is not None:
            self._plan.people.append(person)
        entry = person_entry(person)
        self.data.people.append(entry)
        self.base.people.append(entry.model_copy())
        self._changed()
        return len(self.data.people) - 1

    def rate_department(self, index: int, indicator: Indicator, value: int | None) -> None:
        entry = self.data.departments[index]
        if value is None:
            entry.ratings.pop(indicator, None)
        else:
            DepartmentRating(department_id=entry.department_id, ratings={indicator: value})
            entry.ratings[indicator] = value
        self._changed()

    def set_importance(self, index: int, value: int) -> None:
        self.data.departments[index].importance = value
        self._changed()

    def set_target(self, layer: Layer, **changes: Any) -> None:
        entry = self.draft.targets.setdefault(layer, TargetEntry())
        for name, value in changes.items():
            setattr(entry, name, value)
        self._changed()

    def set_text(self, name: str, text: str) -> None:
        """`assessed_on` or `note`."""
        setattr(self.draft, name, text)
        self._changed()

    def dismiss(self, key: str, reason: str) -> None:
        """Dismiss a pitfall with a reason (kept with the snapshot); InputError without one."""
        build(PitfallDismissal, {"account_id": self.account_id, "key": key, "reason": reason,
                                 "dismissed_by": self.ctx.user, "dismissed_on": self.ctx.today})
        self.draft.dismissals[key] = reason.strip()
        self._changed()

    # -- figures ---------------------------------------------------------------------------
    def assessment(self, *, validate: bool = False) -> Assessment:
        """The snapshot as it stands; unparsable dates are left out (validation reports them)."""
        d = self.data
        evidence = {e: day for e, text in d.evidence.items() if (day := parse_day(text))}
        values: dict[str, Any] = dict(
            account_id=self.account_id, assessed_on=parse_day(d.assessed_on) or self.ctx.today,
            recorded_by=self.ctx.user, note=d.note,
            org={dim: OrgRating.model_construct(value=v, note=d.org_notes.get(dim, ""))
                 for dim, v in d.org.items()},
            evidence=evidence,
            people=[PersonRating.model_construct(person_id=e.person_id, attitude=e.attitude,
                                                 influence=e.influence, needs_level=e.needs_level,
                                                 role=e.role) for e in d.people],
            departments=[DepartmentRating.model_construct(department_id=e.department_id,
                                                          importance=e.importance,
                                                          ratings=dict(e.ratings))
                         for e in d.departments if e.ratings],
        )
        if validate:  # as plain data, so a bad value becomes an InputError naming its field
            values["org"] = {dim: r.model_dump() for dim, r in values["org"].items()}
            values["people"] = [p.model_dump() for p in values["people"]]
            values["departments"] = [x.model_dump() for x in values["departments"]]
            return build(Assessment, values)
        return Assessment.model_construct(id="draft", version=0, **values)

    def current(self) -> Assessment:
        """The live snapshot (cached until the next edit): what every live figure reads."""
        if self._snapshot is None:
            self._snapshot = self.assessment()
        return self._snapshot

    def org_result(self) -> OrgResult | None:
        """The organization level of the work (what `figures().org` says, without the people)."""
        return org_level(self.draft.org)

    def figures(self) -> LayerFigures:
        if self._figures is None:
            self._figures = figures(self.current(), self.department_names())
        return self._figures

    def previous_figures(self) -> LayerFigures | None:
        prev = self.previous
        return figures(prev, self.department_names()) if prev else None

    def _people_as_assessed(self) -> list[Person]:
        entries = {e.person_id: e for e in self.data.people}
        out = []
        for p in self.plan.people:
            e = entries.get(p.id)
            out.append(p if e is None else p.model_copy(update={
                PERSON_FIELDS[k]: getattr(e, k) for k in PERSON_FIELDS}))
        return out

    def pitfalls(self) -> list[Pitfall]:
        """Every pitfall as if this snapshot were saved, with the dismissals made here."""
        new = [PitfallDismissal.model_construct(account_id=self.account_id, key=k, reason=r,
                                                dismissed_by=self.ctx.user,
                                                dismissed_on=self.ctx.today, version=0)
               for k, r in self.data.dismissals.items()]
        kept = [x for x in self.plan.dismissals if x.key not in self.data.dismissals]
        plan = self.plan.model_copy(update={
            "people": self._people_as_assessed(),
            "assessments": [*self.plan.assessments, self.current()],
            "dismissals": kept + new,
        })
        policy = team.settings(self.ctx.db).policy
        return detect_pitfalls(plan, policy, self.ctx.today)

    def moves(self, include_same: bool = True) -> list[RatingMove]:
        """Every rating against the previous snapshot (the review's up / down / same)."""
        if self._names is None:
            self._names = store_people.person_names(self.ctx.db, self.account_id)
        return compare(self.previous, self.current(), self._names, self.department_names(), include_same)

    # -- validation ------------------------------------------------------------------------
    def problems(self, step: int) -> list[Problem]:
        d = self.draft  # steps 1 and 4 only: never the people or departments
        found: list[Problem] = []
        if step == 0:
            for dim in OrgDimension:
                if dim not in d.org:
                    found.append(Problem.of(f"org.{dim.value}", "value.rate_1_to_4"))
            for e, text in d.evidence.items():
                day = parse_day(text)
                if day is None:
                    found.append(Problem.of(f"evidence.{e.value}", "value.needs_date"))
                elif day > self.ctx.today:
                    found.append(Problem.of(f"evidence.{e.value}", "value.not_after_today"))
        elif step == 3:
            day = parse_day(d.assessed_on)
            if day is None:
                found.append(Problem.of("assessed_on", "value.needs_date"))
            elif day > self.ctx.today:
                found.append(Problem.of("assessed_on", "value.not_after_today"))
            for layer, entry in d.targets.items():
                found += target_problems(layer, entry)
        return found

    def first_invalid_step(self) -> int | None:
        return next((s for s in range(STEPS) if self.problems(s)), None)

    # -- keeping ---------------------------------------------------------------------------
    def keep_draft(self) -> None:
        """Keep the work as the user's draft (ConflictError if another window kept it meanwhile)."""
        payload = {"data": self.data.model_dump(mode="json"), "base": self.base.model_dump(mode="json")}
        with self.ctx.write() as tx:
            self.draft_version = drafts.save(tx, self.account_id, self.ctx.user, KIND, payload,
                                             self.draft_version)
        self.dirty = False

    def discard(self) -> None:
        """Drop the draft and start again from the latest snapshot."""
        with self.ctx.write() as tx:
            drafts.delete(tx, self.account_id, self.ctx.user, KIND)
        fresh = fresh_head(self.ctx, self.previous, self._opening.targets)
        if self._built:  # as read at the start, with the people added since
            people, depts = fresh_chain(self.previous, self._chain, self._opening.departments)
            fresh = fresh.model_copy(update={"people": people, "departments": depts})
        self.draft, self._base, self._stored = fresh, clone(fresh), False
        self.draft_version, self.resumed_at, self.dirty = None, None, False
        self._figures = self._snapshot = None

    def save(self, *, force: bool = False) -> Assessment:
        """Insert the snapshot, merge the edited people, departments and targets, drop the draft.

        Raises InputError while a step is invalid, ChangedMeanwhile when someone else changed a
        field this session changed too (unless `force`: then this session's values win).
        """
        found = [p for s in range(STEPS) for p in self.problems(s)]
        if found:
            raise InputError(problems=[(p.field, p.message) for p in found])
        snapshot = self.assessment(validate=True)
        with self.ctx.write() as tx:
            conflicts = merge(tx, self.account_id, self.data, self.base)
            if conflicts and not force:
                raise ChangedMeanwhile(conflicts)
            tx.insert(snapshot)
            for key, reason in self.data.dismissals.items():
                tx.upsert(PitfallDismissal(account_id=self.account_id, key=key, reason=reason,
                                           dismissed_by=self.ctx.user, dismissed_on=self.ctx.today))
            drafts.delete(tx, self.account_id, self.ctx.user, KIND)
        self.draft_version, self.dirty = None, False
        return snapshot


def draft_owners(ctx: Context, account_id: str) -> list[str]:
    """Others who keep an unsaved assessment of this account."""
    return [o for o in drafts.owners(ctx.db, account_id, KIND) if o != ctx.user]
