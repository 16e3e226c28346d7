"""Three-way merge of one record's values: what I changed, what they changed, since a base.

Records are JSON-like dicts (a model's `model_dump(mode="json")`). Nested dicts (the policy's
thresholds) merge key by key, addressed by dotted paths ("policy.thresholds.gift.per_activity");
lists and other values are compared whole. A dict whose keys are not all dot-free strings is
compared whole too, so a path always splits back into the keys it came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


class _Missing:
    """A path present on one side only (added or removed)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


def _descend(value: Any) -> bool:
    return isinstance(value, Mapping) and bool(value) and all(
        isinstance(k, str) and k and "." not in k for k in value)


def flatten(record: Mapping[str, Any] | None, prefix: str = "") -> dict[str, Any]:
    """{"a": {"b": 1}, "c": 2} -> {"a.b": 1, "c": 2}."""
    out: dict[str, Any] = {}
    for key, value in (record or {}).items():
        path = f"{prefix}{key}"
        if _descend(value):
            out.update(flatten(value, path + "."))
        else:
            out[path] = value
    return out


def unflatten(flat: Mapping[str, Any]) -> dict[str, Any]:
    """The inverse of `flatten`; MISSING values are left out. When a path holds a value and
    another path runs through it (one side replaced a dict by a value), the nested keys win."""
    out: dict[str, Any] = {}
    for path, value in sorted(flat.items(), key=lambda item: -item[0].count(".")):
        if value is MISSING:
            continue
        *parents, last = path.split(".")
        node = out
        for key in parents:
            child = node.get(key)
            if not isinstance(child, dict):
                child = node[key] = {}
            node = child
        if not isinstance(node.get(last), dict):
            node[last] = value
    return out


def _paths(*flats: Mapping[str, Any]) -> list[str]:
    seen: dict[str, None] = {}
    for flat in flats:
        for path in flat:
            seen.setdefault(path, None)
    return list(seen)


def merge(base: Mapping[str, Any] | None, mine: Mapping[str, Any],
          theirs: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """(merged, conflicting paths). A value changed on one side only is taken from that side;
    where both sides changed a value differently, the merged record holds mine and the path
    is listed (in the record's own order). `base` None: nothing is known of the start, so
    every difference between mine and theirs is a conflict."""
    b, m, t = flatten(base), flatten(mine), flatten(theirs)
    out: dict[str, Any] = {}
    conflicts: list[str] = []
    for path in _paths(m, t, b):
        bv, mv, tv = b.get(path, MISSING), m.get(path, MISSING), t.get(path, MISSING)
        if same(mv, tv) or same(tv, bv):
            out[path] = mv
        elif same(mv, bv):
            out[path] = tv
        else:
            out[path] = mv
            conflicts.append(path)
    return unflatten(out), conflicts


def resolve(base: Mapping[str, Any] | None, mine: Mapping[str, Any], theirs: Mapping[str, Any],
            keep: Iterable[str] = (), pinned: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Mine rebased onto theirs: the merge (mine winning conflicts), then every path in
    `keep` taken from mine even where mine still equals the base (a value the user saw and
    confirmed), then the `pinned` values (a decision per conflicting path) over all."""
    merged, _ = merge(base, mine, theirs)
    flat = flatten(merged)
    m = flatten(mine)
    for path in keep:
        if path in m:
            flat[path] = m[path]
    for path, value in (pinned or {}).items():
        flat[path] = value
    return unflatten(flat)


def changed_paths(base: Mapping[str, Any] | None, record: Mapping[str, Any]) -> list[str]:
    """The paths where `record` differs from `base` (added, removed or changed)."""
    b, r = flatten(base), flatten(record)
    return [p for p in _paths(r, b) if not same(r.get(p, MISSING), b.get(p, MISSING))]


def same(a: Any, b: Any) -> bool:
    """Equal as stored values: MISSING only equals itself; 1200 == 1200.0; True is not 1."""
    if a is MISSING or b is MISSING:
        return a is b
    # 1200 and 1200.0 are one amount; True is not 1
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return bool(a == b)
