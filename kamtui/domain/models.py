"""The method's data as pydantic models. Models are data: none of them saves itself."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, Strict, field_validator, model_validator

from kamtui.domain.base import (
    Amount, Id, Importance, Name, Note, Rating4, Rating5, ShortText, StrictModel, Version, invalid, new_id,
)
from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import (
    ActivityStatus, Attitude, ChainRole, ComplianceCategory, CompetitorPosition, Evidence,
    Indicator, Layer, LinkKind, OrgDimension, OrgLevel, Scope, Tier,
)
from kamtui.domain.leaning import assessed
from kamtui.domain.rules.key import is_key

Currency = Annotated[str, Strict(), Field(pattern=r"^[A-Z]{3}$")]
Date = dt.date


class Threshold(StrictModel):
    per_activity: Amount | None = None
    per_person_year: Amount | None = None


def _default_thresholds() -> dict[ComplianceCategory, Threshold]:
    return {c: Threshold(per_activity=500.0, per_person_year=2000.0) for c in ComplianceCategory}


class Policy(StrictModel):
    """Compliance policy (method.md §6): thresholds per regulated category."""

    currency: Currency = "CNY"
    thresholds: dict[ComplianceCategory, Threshold] = Field(default_factory=_default_thresholds)


class Settings(StrictModel):
    team_name: Name = "My team"
    default_lang: str = Field(default="en", pattern=r"^(en|zh)$")
    policy: Policy = Field(default_factory=Policy)
    version: Version = 0


class TeamMember(StrictModel):
    id: Id = Field(default_factory=new_id)
    name: Name
    title: ShortText = ""
    login: ShortText = ""
    archived: bool = False
    version: Version = 0


class Competitor(StrictModel):
    id: Id = Field(default_factory=new_id)
    account_id: Id
    name: Name
    position: CompetitorPosition = CompetitorPosition.present
    notes: Note = ""
    version: Version = 0


class Account(StrictModel):
    id: Id = Field(default_factory=new_id)
    name: Name
    short_name: ShortText = ""
    industry: ShortText = ""
    region: ShortText = ""
    tier: Tier = Tier.key
    owner_id: Id | None = None
    strategy_notes: Note = ""
    archived: bool = False
    version: Version = 0


class Department(StrictModel):
    id: Id = Field(default_factory=new_id)
    account_id: Id
    parent_id: Id | None = None
    name: Name
    importance: Importance = 2
    business_line: ShortText = ""
    archived: bool = False
    version: Version = 0

    @model_validator(mode="after")
    def _not_own_parent(self) -> "Department":
        if self.parent_id is not None and self.parent_id == self.id:
            raise invalid("department.own_parent", "parent_id")
        return self


class PersonTraits:
    """What a person's fields say: shared by the model and the store's light row of a person
    (a base of both), so that each is written once."""

    __slots__ = ()

    @property
    def is_key(self) -> bool:
        """Decision makers and influencers: the people coverage counts."""
        return is_key(self.role)  # type: ignore[attr-defined]


class Person(StrictModel, PersonTraits):
    id: Id = Field(default_factory=new_id)
    account_id: Id
    department_id: Id | None = None
    name: Name
    title: ShortText = ""
    # Any short text, as for a title: the shapes (Email, Phone) are checked where contacts come
    # in (a contact file); a workspace another program wrote still reads.
    email: ShortText = ""
    phone: ShortText = ""
    reports_to_id: Id | None = None
    role: ChainRole | None = None
    influence: Rating5 = 3
    attitude: Attitude = Attitude.unknown
    executive: bool = False  # CXO level: the executive communication channel
    hidden_decision_maker: bool = False
    rising_star: bool = False
    needs_level: Rating5 | None = None
    personal_needs: Note = ""  # private
    career_needs: Note = ""  # private
    private_notes: Note = ""  # private
    owner_id: Id | None = None  # our team member who owns the relationship
    leaning_known: bool = False  # competitor leaning has been assessed
    leaning_competitor_id: Id | None = None  # None with leaning_known: leans to nobody
    last_contact: Date | None = None
    archived: bool = False
    version: Version = 0

    @model_validator(mode="after")
    def _consistent(self) -> "Person":
        if self.reports_to_id is not None and self.reports_to_id == self.id:
            raise invalid("person.reports_to_self", "reports_to_id")
        if assessed(self.leaning_known, self.leaning_competitor_id) != self.leaning_known:
            object.__setattr__(self, "leaning_known", True)
        return self


PRIVATE_PERSON_FIELDS = ("personal_needs", "career_needs", "private_notes")


class PersonLink(StrictModel):
    id: Id = Field(default_factory=new_id)
    account_id: Id
    from_id: Id
    to_id: Id
    kind: LinkKind
    version: Version = 0

    @model_validator(mode="after")
    def _distinct(self) -> "PersonLink":
        if self.from_id == self.to_id:
            raise invalid("link.to_self", "to_id")
        return self


class OrgRating(StrictModel):
    value: Rating4
    note: Note = ""


class PersonRating(StrictModel):
    """One key person as assessed at the snapshot's date."""

    person_id: Id
    attitude: Attitude = Attitude.unknown
    influence: Rating5 = 3
    needs_level: Rating5 | None = None
    role: ChainRole | None = None


class DepartmentRating(StrictModel):
    department_id: Id
    importance: Importance = 2
    ratings: dict[Indicator, Rating5] = Field(default_factory=dict)


class Assessment(StrictModel):
    """A dated snapshot of all three layers."""

    id: Id = Field(default_factory=new_id)
    account_id: Id
    assessed_on: Date
    recorded_by: ShortText = ""
    note: Note = ""
    org: dict[OrgDimension, OrgRating] = Field(default_factory=dict)
    evidence: dict[Evidence, Date] = Field(default_factory=dict)  # ticked items, with the date
    people: list[PersonRating] = Field(default_factory=list)
    departments: list[DepartmentRating] = Field(default_factory=list)
    # a re-rating recorded when an activity was completed: that activity is its evidence
    # (None: a full assessment, the wizard's)
    evidence_activity_id: Id | None = None
    version: Version = 0

    @field_validator("people")
    @classmethod
    def _unique_people(cls, v: list[PersonRating]) -> list[PersonRating]:
        ids = [p.person_id for p in v]
        if len(ids) != len(set(ids)):
            raise invalid("assessment.person_twice")
        return v

    @field_validator("departments")
    @classmethod
    def _unique_departments(cls, v: list[DepartmentRating]) -> list[DepartmentRating]:
        ids = [d.department_id for d in v]
        if len(ids) != len(set(ids)):
            raise invalid("assessment.department_twice")
        return v


class LayerTarget(StrictModel):
    account_id: Id
    layer: Layer
    level: OrgLevel | None = None  # organization layer
    index: Annotated[float, Strict(), Field(ge=-100, le=100)] | None = None  # key / extensive
    due: Date | None = None
    notes: Note = ""
    version: Version = 0

    @field_validator("index")
    @classmethod
    def _no_negative_zero(cls, v: float | None) -> float | None:
        return 0.0 if v == 0 else v  # SQLite keeps -0.0 as 0.0: a file and its workspace agree

    @model_validator(mode="after")
    def _fits_layer(self) -> "LayerTarget":
        if self.layer == Layer.organization and self.index is not None:
            raise invalid("target.organization_is_a_level", "index")
        if self.layer != Layer.organization and self.level is not None:
            raise invalid("target.level_only_organization", "level")
        if self.layer == Layer.extensive and self.index is not None and self.index < 0:
            raise invalid("target.extensive_range", "index")
        return self


class Approval(StrictModel):
    approver: Name
    approved_on: Date


class ActivityTraits:
    """What an activity's fields say: shared by the model and the store's light row."""

    __slots__ = ()

    def is_overdue(self, today: Date) -> bool:
        return (self.status.is_open and self.planned_on is not None  # type: ignore[attr-defined]
                and self.planned_on < today)  # type: ignore[attr-defined]

    def is_undated(self) -> bool:
        """Open with no date: never overdue, in no "next 30 days" and on no timeline, so
        every view that lists open work flags it (issue 15.4)."""
        return self.status.is_open and self.planned_on is None  # type: ignore[attr-defined]


class Activity(StrictModel, ActivityTraits):
    id: Id = Field(default_factory=new_id)
    account_id: Id
    type: ActivityType
    scope: Scope
    layer: Layer
    target_person_ids: list[Id] = Field(default_factory=list)
    target_department_id: Id | None = None
    target_business_line: ShortText = ""
    short_board: ShortText = ""
    objective: Note = ""
    planned_on: Date | None = None
    owner_id: Id | None = None
    status: ActivityStatus = ActivityStatus.planned
    outcome: Note = ""
    cancel_reason: Note = ""
    cost: Amount = 0.0
    currency: Currency = "CNY"
    needs_level: Rating5 | None = None
    compliance_reviewed: bool = False
    approval: Approval | None = None
    archived: bool = False
    version: Version = 0

    @model_validator(mode="after")
    def _targets_follow_scope(self) -> "Activity":
        if self.scope == Scope.point and not self.target_person_ids:
            raise invalid("activity.point_needs_person", "target_person_ids")
        if self.scope == Scope.line and not (self.target_department_id or self.target_business_line):
            raise invalid("activity.line_needs_target", "target_department_id")
        if len(set(self.target_person_ids)) != len(self.target_person_ids):
            raise invalid("activity.person_twice", "target_person_ids")
        return self


class PitfallDismissal(StrictModel):
    account_id: Id
    key: str = Field(pattern=r"^[a-z_]+$")
    reason: Note
    dismissed_by: ShortText = ""
    dismissed_on: Date
    version: Version = 0

    @field_validator("reason")
    @classmethod
    def _reason_given(cls, v: str) -> str:
        if not v:
            raise invalid("pitfall.give_reason")
        return v
