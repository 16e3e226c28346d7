"""The three layers' figures of one assessment snapshot, as the portfolio shows them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kamtui.domain.enums import Indicator, OrgDimension, OrgLevel
from kamtui.domain.models import Assessment
from kamtui.domain.rules.extensive import (
    RatedDepartment, ShortBoard, department_score, extensive_index, short_board,
)
from kamtui.domain.rules.key import RatedPerson, RedFlag, coverage, key_index, red_flags
from kamtui.domain.rules.org import OrgResult, org_level


@dataclass(frozen=True)
class LayerFigures:
    org: OrgResult | None
    key_index: float | None
    coverage: float | None
    red_flags: list[RedFlag]
    extensive_index: float | None
    short_board: ShortBoard | None
    department_scores: dict[str, float | None] = field(default_factory=dict)

    @property
    def org_level(self) -> OrgLevel | None:
        return self.org.level if self.org else None


def rated_departments(
    assessment: Assessment, names: Mapping[str, str]
) -> list[RatedDepartment]:
    return [
        RatedDepartment(d.department_id, names.get(d.department_id, d.department_id),
                        d.importance, d.ratings)
        for d in assessment.departments
    ]


def figures(assessment: Assessment, department_names: Mapping[str, str]) -> LayerFigures:
    """Every layer figure of a snapshot; department names break short-board ties."""
    org_ratings: dict[OrgDimension, int] = {d: r.value for d, r in assessment.org.items()}
    depts = rated_departments(assessment, department_names)
    return LayerFigures(
        org=org_level(org_ratings),
        key_index=key_index(assessment.people),
        coverage=coverage(assessment.people),
        red_flags=red_flags(assessment.people),
        extensive_index=extensive_index(depts),
        short_board=short_board(depts),
        department_scores={d.department_id: department_score(d.ratings) for d in depts},
    )


@dataclass(frozen=True)
class KeyNow:
    """The key layer's figures from the people as they are now (their current attitude,
    influence and role), not from a dated assessment: what the stakeholder map shows."""

    key_index: float | None
    coverage: float | None
    red_flags: list[RedFlag]


def key_now(people: Sequence[RatedPerson]) -> KeyNow:
    """`people`: the account's active people as recorded now."""
    return KeyNow(key_index(people), coverage(people), red_flags(people))


def indicator_ratings(assessment: Assessment) -> dict[tuple[str, Indicator], int]:
    return {
        (d.department_id, ind): v for d in assessment.departments for ind, v in d.ratings.items()
    }
