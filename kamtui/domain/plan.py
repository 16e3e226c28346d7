"""An account with everything that hangs off it: the unit rules, summaries and exports use."""

from __future__ import annotations

from pydantic import Field

from kamtui.domain.base import StrictModel
from kamtui.domain.models import (
    Account, Activity, Assessment, Competitor, Department, LayerTarget, Person, PersonLink,
    PitfallDismissal,
)


class AccountPlan(StrictModel):
    account: Account
    departments: list[Department] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    links: list[PersonLink] = Field(default_factory=list)
    competitors: list[Competitor] = Field(default_factory=list)
    assessments: list[Assessment] = Field(default_factory=list)  # oldest first
    targets: list[LayerTarget] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    dismissals: list[PitfallDismissal] = Field(default_factory=list)

    @property
    def latest(self) -> Assessment | None:
        return max(self.assessments, key=lambda a: (a.assessed_on, a.id), default=None)

    def active_people(self) -> list[Person]:
        return [p for p in self.people if not p.archived]

    def active_departments(self) -> list[Department]:
        return [d for d in self.departments if not d.archived]

    def active_activities(self) -> list[Activity]:
        return [a for a in self.activities if not a.archived]
