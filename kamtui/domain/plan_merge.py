"""Three-way merge of a set of records (one plan file's), record by record, field by field.

Each side maps a record's key to its values (JSON-like dicts, as `domain.merge` takes them),
in file order. The fields of one record merge with `domain.merge.merge`: a value changed on
one side only is taken from that side; only a value both sides changed differently is a
conflict. Between records:

- added on one side: kept; added on both: merged with no base (every difference conflicts);
- deleted on one side and unchanged on the other: deleted; deleted on one side and changed on
  the other: the changed record is kept (nothing anyone wrote is lost);
- a conflict keeps *ours* in the record and is listed with both values, so that it can be
  written next to the record and decided later.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from kamtui.domain.merge import MISSING, flatten, merge, same

Values = Mapping[str, Any]


@dataclass(frozen=True)
class FieldConflict:
    """One field of one record that both sides changed differently (MISSING: empty there)."""

    key: Hashable
    path: str
    base: Any
    ours: Any
    theirs: Any


def equal_records(a: Values | None, b: Values | None) -> bool:
    """Same values on every path (None: the record is absent)."""
    if a is None or b is None:
        return a is b
    fa, fb = flatten(a), flatten(b)
    return fa.keys() == fb.keys() and all(same(fa[k], fb[k]) for k in fa)


def merge_record(key: Hashable, base: Values | None, ours: Values | None,
                 theirs: Values | None) -> tuple[dict[str, Any] | None, list[FieldConflict]]:
    """One record's merge: (its values, or None when it is deleted; the conflicts)."""
    if ours is None and theirs is None:
        return None, []
    if ours is None or theirs is None:
        present = ours if ours is not None else theirs
        if base is not None and equal_records(present, base):
            return None, []  # deleted on one side, untouched on the other
        return dict(present), []  # added on one side, or changed on one side and deleted on the other
    merged, paths = merge(base, ours, theirs)
    b, o, t = flatten(base), flatten(ours), flatten(theirs)
    return merged, [FieldConflict(key, p, b.get(p, MISSING), o.get(p, MISSING), t.get(p, MISSING))
                    for p in paths]


def merge_records(base: Mapping[Hashable, Values], ours: Mapping[Hashable, Values],
                  theirs: Mapping[Hashable, Values]) -> tuple[dict[Hashable, dict[str, Any]], list[FieldConflict]]:
    """Every record of three versions of one set: (merged records in ours' order, then the ones
    only theirs holds; the conflicts in that order)."""
    order: dict[Hashable, None] = dict.fromkeys([*ours, *theirs, *base])
    out: dict[Hashable, dict[str, Any]] = {}
    conflicts: list[FieldConflict] = []
    for key in order:
        merged, found = merge_record(key, base.get(key), ours.get(key), theirs.get(key))
        if merged is not None:
            out[key] = merged
        conflicts += found
    return out, conflicts
