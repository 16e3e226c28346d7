"""The method's rules as pure functions (method.md §1–§6)."""

from kamtui.domain.rules.compliance import ComplianceCheck, check_activity, person_year_totals
from kamtui.domain.rules.extensive import (
    ShortBoard, department_score, extensive_index, short_board,
)
from kamtui.domain.rules.key import RedFlag, coverage, key_index, red_flags
from kamtui.domain.rules.org import OrgResult, org_level

__all__ = [
    "ComplianceCheck", "check_activity", "person_year_totals",
    "ShortBoard", "department_score", "extensive_index", "short_board",
    "RedFlag", "coverage", "key_index", "red_flags",
    "OrgResult", "org_level",
]
