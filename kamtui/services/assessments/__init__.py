"""Assessing an account: the wizard's session (draft, live figures, pitfalls), saving, history.

A session starts from the latest snapshot (and the people's and departments' current values),
is kept as a per-user draft until it is saved, and saving always inserts a new snapshot, so
two people assessing the same account never overwrite each other's. Person, department and
target changes are merged field by field against the values the session started from.
"""

from kamtui.services.assessments.draft import (
    KIND, STEPS, ChangedMeanwhile, DepartmentEntry, DraftData, PersonEntry, Problem, TargetEntry,
)
from kamtui.services.assessments.history import (
    FigureMove, History, HistoryEntry, RatingMove, compare, figure_moves, history,
)
from kamtui.services.assessments.session import AssessmentSession, draft_owners

__all__ = [
    "KIND", "STEPS", "AssessmentSession", "ChangedMeanwhile", "DepartmentEntry", "DraftData",
    "FigureMove", "History", "HistoryEntry", "PersonEntry", "Problem", "RatingMove", "TargetEntry",
    "compare", "draft_owners", "figure_moves", "history",
]
