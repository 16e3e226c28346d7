"""In which order each kind of record is listed, and in which order kinds are written.

Kinds are named by their model's class name (this module loads no model). The store turns
`LIST_ORDER` into its ORDER BY clauses; code that sorts records it holds uses `sort_key`,
so lists read back and lists built in memory come out the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Each kind's list order: its fields compared in turn (text by code point, as SQLite compares it).
LIST_ORDER: dict[str, tuple[str, ...]] = {
    "TeamMember": ("name", "id"),
    "Account": ("name", "id"),
    "Competitor": ("name", "id"),
    "Department": ("name", "id"),
    "Person": ("name", "id"),
    "PersonLink": ("id",),
    "Assessment": ("assessed_on", "id"),  # oldest first
    "LayerTarget": ("layer",),
    "Activity": ("planned_on", "id"),
    "PitfallDismissal": ("key",),
}

# Fields of LIST_ORDER that may be empty: records without a value come after the others
# (undated activities after the dated ones).
LAST_WHEN_MISSING: dict[str, frozenset[str]] = {"Activity": frozenset({"planned_on"})}

# Parents before children: a record is written after every kind it refers to.
INSERT_ORDER: tuple[str, ...] = (
    "TeamMember", "Account", "Competitor", "Department", "Person", "PersonLink", "Assessment",
    "LayerTarget", "Activity", "PitfallDismissal",
)


def sort_key(kind: str) -> Callable[[Any], tuple]:
    """A key that sorts records of `kind` (models or light rows) in their list order."""
    fields = LIST_ORDER[kind]
    missing_last = LAST_WHEN_MISSING.get(kind, frozenset())

    def key(record: Any) -> tuple:
        out: list[Any] = []
        for f in fields:
            v = getattr(record, f)
            if f in missing_last:
                out.append(v is None)
            out.append(v)
        return tuple(out)
    return key
