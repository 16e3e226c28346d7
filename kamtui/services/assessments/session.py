"""The assessment session: live figures and pitfalls of the draft, validation, keeping the
draft, and saving a new snapshot with the people, departments and targets merged field by
field against the values the session started from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from kamtui.domain.enums import Evidence, Indicator, Layer, OrgDimension
from kamtui.domain.models import (
    Assessment, Department, DepartmentRating, LayerTarget, OrgRating, Person, PersonRating,
    PitfallDismissal,
)
from kamtui.domain.plan import AccountPlan
from kamtui.domain.rules.pitfalls import Pitfall, detect_pitfalls
from kamtui.domain.rules.summary import LayerFigures, figures
from kamtui.errors import InputError
from kamtui.services.assessments.draft import (
    KIND, PERSON_FIELDS, STEPS, ChangedMeanwhile, DraftData, Problem, TargetEntry, clone, fresh_draft,
    parse_day, person_entry, reconcile, stored_target_values, target_problems, target_values, tree_order,
)
from kamtui.services.assessments.history import RatingMove, compare
from kamtui.services.context import Context, build, changed
from kamtui.store import drafts, queries


@dataclass
class AssessmentSession:
    ctx: Context
    plan: AccountPlan
    data: DraftData
    base: DraftData  # the values the session started from: the merge base when saving
    draft_version: int | None = None
    resumed_at: str | None = None  # when the resumed draft was last kept
    dirty: bool = False
    _figures: LayerFigures | None = field(default=None, repr=False)
    _snapshot: Assessment | None = field(default=None, repr=False)
    _pmap: dict[str, Person] = field(default_factory=dict, repr=False)

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def start(cls, ctx: Context, account_id: str) -> "AssessmentSession":
        """The user's draft for the account if there is one, else the latest snapshot's values."""
        plan = queries.plan(ctx.db, account_id)
        fresh = fresh_draft(ctx, plan)
        kept = drafts.get(ctx.db, account_id, ctx.user, KIND)
        if kept is not None:
            try:
                data = reconcile(DraftData.model_validate(kept.data["data"]), fresh)
                base = reconcile(DraftData.model_validate(kept.data["base"]), fresh)
                return cls(ctx, plan, data, base, kept.version, kept.updated_at)
            except (ValidationError, KeyError):
                pass  # a draft of an older shape: start afresh, overwrite it on the next keep
            return cls(ctx, plan, fresh, clone(fresh), kept.version)
        return cls(ctx, plan, fresh, clone(fresh))

    @property
    def account_id(self) -> str:
        return self.plan.account.id

    @property
    def previous(self) -> Assessment | None:
        return self.plan.latest

    # -- lookups for the screens -----------------------------------------------------------
    def person(self, person_id: str) -> Person:
        return self._people_by_id()[person_id]

    def _people_by_id(self) -> dict[str, Person]:
        if len(self._pmap) != len(self.plan.people):
            self._pmap = {p.id: p for p in self.plan.people}
        return self._pmap

    def department_names(self) -> dict[str, str]:
        return {d.id: d.name for d in self.plan.departments}

    def department_rows(self) -> list[tuple[Department, int]]:
        """Departments in the order of `data.departments`, with their depth in the tree."""
        depth = dict((d.id, n) for d, n in tree_order(self.plan.active_departments()))
        by_id = {d.id: d for d in self.plan.departments}
        return [(by_id[e.department_id], depth.get(e.department_id, 0)) for e in self.data.departments]

    def competitor_names(self) -> dict[str, str]:
        return {c.id: c.name for c in self.plan.competitors}

    # -- edits -----------------------------------------------------------------------------
    def _changed(self) -> None:
        self.dirty = True
        self._figures = self._snapshot = None

    def set_org(self, dimension: OrgDimension, value: int | None) -> None:
        if value is None:
            self.data.org.pop(dimension, None)
        else:
            OrgRating(value=value)  # 1..4 or ValidationError
            self.data.org[dimension] = value
        self._changed()

    def set_org_note(self, dimension: OrgDimension, note: str) -> None:
        self.data.org_notes[dimension] = note
        self._changed()

    def tick(self, evidence: Evidence, on: bool) -> None:
        if on:
            self.data.evidence.setdefault(evidence, self.ctx.today.isoformat())
        else:
            self.data.evidence.pop(evidence, None)
        self._changed()

    def set_evidence_date(self, evidence: Evidence, text: str) -> None:
        self.data.evidence[evidence] = text
        self._changed()

    def update_person(self, index: int, **changes: Any) -> None:
        entry = self.data.people[index]
        for name, value in changes.items():
            setattr(entry, name, value)
        if changes.get("leaning_known") is False:
            entry.leaning_competitor_id = None
        elif changes.get("leaning_competitor_id"):
            entry.leaning_known = True
        self._changed()

    def add_person(self, person: Person) -> int:
        """A person just added to the account joins the table; returns their row."""
        self.plan.people.append(person)
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
        entry = self.data.targets.setdefault(layer, TargetEntry())
        for name, value in changes.items():
            setattr(entry, name, value)
        self._changed()

    def set_text(self, name: str, text: str) -> None:
        """`assessed_on` or `note`."""
        setattr(self.data, name, text)
        self._changed()

    def dismiss(self, key: str, reason: str) -> None:
        """Dismiss a pitfall with a reason (kept with the snapshot); InputError without one."""
        build(PitfallDismissal, {"account_id": self.account_id, "key": key, "reason": reason,
                                 "dismissed_by": self.ctx.user, "dismissed_on": self.ctx.today})
        self.data.dismissals[key] = reason.strip()
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
        policy = queries.settings(self.ctx.db).policy
        return detect_pitfalls(plan, policy, self.ctx.today)

    def moves(self, include_same: bool = True) -> list[RatingMove]:
        """Every rating against the previous snapshot (the review's up / down / same)."""
        names = {p.id: p.name for p in self.plan.people}
        return compare(self.previous, self.current(), names, self.department_names(), include_same)

    # -- validation ------------------------------------------------------------------------
    def problems(self, step: int) -> list[Problem]:
        d = self.data
        found: list[Problem] = []
        if step == 0:
            for dim in OrgDimension:
                if dim not in d.org:
                    found.append(Problem(f"org.{dim.value}", "rate it from 1 to 4", "请评 1–4 分"))
            for e, text in d.evidence.items():
                day = parse_day(text)
                if day is None:
                    found.append(Problem(f"evidence.{e.value}", "needs a date like 2026-11-26",
                                         "需要日期，如 2026-11-26"))
                elif day > self.ctx.today:
                    found.append(Problem(f"evidence.{e.value}", "cannot be after today", "不能晚于今天"))
        elif step == 3:
            day = parse_day(d.assessed_on)
            if day is None:
                found.append(Problem("assessed_on", "needs a date like 2026-11-26", "需要日期，如 2026-11-26"))
            elif day > self.ctx.today:
                found.append(Problem("assessed_on", "cannot be after today", "不能晚于今天"))
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
        fresh = fresh_draft(self.ctx, self.plan)
        self.data, self.base = fresh, clone(fresh)
        self.draft_version, self.resumed_at, self.dirty = None, None, False
        self._figures = self._snapshot = None

    def save(self, *, force: bool = False) -> Assessment:
        """Insert the snapshot, merge the edited people, departments and targets, drop the draft.

        Raises InputError while a step is invalid, ChangedMeanwhile when someone else changed a
        field this session changed too (unless `force`: then this session's values win).
        """
        found = [p for s in range(STEPS) for p in self.problems(s)]
        if found:
            raise InputError("; ".join(f"{p.field}: {p.en}" for p in found),
                             [(p.field, p.en) for p in found])
        snapshot = self.assessment(validate=True)
        with self.ctx.write() as tx:
            conflicts = self._merge(tx, force)
            if conflicts and not force:
                raise ChangedMeanwhile(conflicts)
            tx.insert(snapshot)
            for key, reason in self.data.dismissals.items():
                tx.upsert(PitfallDismissal(account_id=self.account_id, key=key, reason=reason,
                                           dismissed_by=self.ctx.user, dismissed_on=self.ctx.today))
            drafts.delete(tx, self.account_id, self.ctx.user, KIND)
        self.draft_version, self.dirty = None, False
        return snapshot

    def _merge(self, tx: Any, force: bool) -> list[tuple[str, str]]:
        conflicts: list[tuple[str, str]] = []

        def merge(current: Any, mine: dict[str, Any], base: dict[str, Any], who: str) -> dict[str, Any]:
            out = {}
            for f, value in mine.items():
                if value == base.get(f):
                    continue
                stored = getattr(current, f) if current is not None else None
                if stored != base.get(f) and stored != value:
                    conflicts.append((who, f))
                out[f] = value
            return out

        base_people = {e.person_id: e for e in self.base.people}
        for e in self.data.people:
            b = base_people.get(e.person_id)
            if b is None or b == e:
                continue
            current = queries.get(tx.db, Person, e.person_id)
            fields = merge(current, {PERSON_FIELDS[k]: getattr(e, k) for k in PERSON_FIELDS},
                           {PERSON_FIELDS[k]: getattr(b, k) for k in PERSON_FIELDS}, current.name)
            if fields:
                tx.update(changed(current, fields), base_version=current.version)
        base_depts = {e.department_id: e for e in self.base.departments}
        for e in self.data.departments:
            b = base_depts.get(e.department_id)
            if b is None or b.importance == e.importance:
                continue
            current = queries.get(tx.db, Department, e.department_id)
            fields = merge(current, {"importance": e.importance}, {"importance": b.importance}, current.name)
            if fields:
                tx.update(changed(current, fields), base_version=current.version)
        stored_targets = {t.layer: t for t in queries.rows(tx.db, LayerTarget, "account_id = :a",
                                                          {"a": self.account_id})}
        for layer, entry in self.data.targets.items():
            mine, base = target_values(entry), target_values(self.base.targets.get(layer, TargetEntry()))
            current = stored_targets.get(layer)
            fields = merge(current, mine, base, layer.label("en"))
            if not fields:
                continue
            values = {**(stored_target_values(current) if current else base), **fields}
            if current is None and not any(v is not None for v in values.values()):
                continue
            notes = current.notes if current else entry.notes
            target = build(LayerTarget, {"account_id": self.account_id, "layer": layer,
                                         "notes": notes, **values})
            tx.upsert(target)
        return conflicts


def draft_owners(ctx: Context, account_id: str) -> list[str]:
    """Others who keep an unsaved assessment of this account."""
    return [o for o in drafts.owners(ctx.db, account_id, KIND) if o != ctx.user]
