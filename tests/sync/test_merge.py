"""kamtui.domain.merge: the three-way merge of a record's values (pure)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kamtui.domain.merge import MISSING, changed_paths, flatten, merge, resolve, same, unflatten

KEYS = st.sampled_from(["name", "region", "tier", "notes", "cost"])
VALUES = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from(["", "a", "b", "中"]),
                   st.lists(st.sampled_from(["x", "y"]), max_size=2))
RECORDS = st.dictionaries(KEYS, VALUES)
NESTED = st.recursive(VALUES, lambda inner: st.dictionaries(st.sampled_from(["p", "q", "r"]), inner, max_size=3),
                      max_leaves=6)
TREES = st.dictionaries(KEYS, NESTED)


def test_one_side_changes_merge_and_both_sides_conflict():
    base = {"name": "ACME", "region": "East", "tier": "key", "notes": ""}
    mine = {**base, "name": "ACME Group", "region": "North"}
    theirs = {**base, "name": "ACME Holding", "tier": "strategic"}
    merged, conflicts = merge(base, mine, theirs)
    assert conflicts == ["name"]
    assert merged == {"name": "ACME Group", "region": "North", "tier": "strategic", "notes": ""}


def test_both_sides_making_the_same_change_is_no_conflict():
    merged, conflicts = merge({"a": 1}, {"a": 2}, {"a": 2})
    assert (merged, conflicts) == ({"a": 2}, [])


def test_nested_values_merge_key_by_key():
    base = {"policy": {"currency": "CNY", "thresholds": {"gift": {"per_activity": 500.0}, "travel": None}}}
    mine = {"policy": {"currency": "CNY", "thresholds": {"gift": {"per_activity": 150.0}, "travel": None}}}
    theirs = {"policy": {"currency": "EUR", "thresholds": {"gift": {"per_activity": 500}, "travel": {"per_activity": 9.0}}}}
    merged, conflicts = merge(base, mine, theirs)
    assert conflicts == []
    assert merged == {"policy": {"currency": "EUR", "thresholds": {"gift": {"per_activity": 150.0},
                                                                   "travel": {"per_activity": 9.0}}}}


def test_amounts_compare_as_numbers_but_booleans_are_not_numbers():
    assert same(1200, 1200.0) and not same(True, 1) and not same(0, False) and not same(None, MISSING)
    assert merge({"a": True}, {"a": 1}, {"a": True}) == ({"a": 1}, [])


def test_removed_and_added_keys():
    merged, conflicts = merge({"a": 1, "b": 2}, {"a": 1}, {"a": 1, "b": 2, "c": 3})
    assert (merged, conflicts) == ({"a": 1, "c": 3}, [])
    merged, conflicts = merge({"a": 1}, {}, {"a": 5})
    assert conflicts == ["a"] and merged == {}


def test_without_a_base_every_difference_conflicts():
    merged, conflicts = merge(None, {"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4})
    assert conflicts == ["b"] and merged == {"a": 1, "b": 2, "c": 4}


def test_keys_with_dots_are_compared_whole():
    record = {"map": {"a.b": 1}, "n": {"x": {"y": 2}}}
    assert flatten(record) == {"map": {"a.b": 1}, "n.x.y": 2}
    assert unflatten(flatten(record)) == record


def test_resolve_keeps_and_pins():
    base = {"name": "A", "region": "E", "tier": "key"}
    mine = {"name": "B", "region": "E", "tier": "key"}
    theirs = {"name": "C", "region": "W", "tier": "key"}
    assert resolve(base, mine, theirs) == {"name": "B", "region": "W", "tier": "key"}
    # a value the user confirmed in the form stays, even where it equals the base
    assert resolve(base, mine, theirs, keep=["region"]) == {"name": "B", "region": "E", "tier": "key"}
    assert resolve(base, mine, theirs, pinned={"name": "C"}) == {"name": "C", "region": "W", "tier": "key"}
    assert resolve(base, mine, theirs, pinned={"tier": MISSING}) == {"name": "B", "region": "W"}


@given(TREES)
def test_flatten_round_trips(tree):
    assert unflatten(flatten(tree)) == tree


@given(RECORDS, RECORDS)
def test_unchanged_theirs_gives_mine_and_unchanged_mine_gives_theirs(base, mine):
    assert merge(base, mine, base) == (mine, [])
    assert merge(base, base, mine) == (mine, [])
    assert merge(base, mine, mine) == (mine, [])


@given(RECORDS, RECORDS, RECORDS)
def test_conflicts_are_exactly_the_keys_both_changed_differently(base, mine, theirs):
    merged, conflicts = merge(base, mine, theirs)
    keys = list(dict.fromkeys([*mine, *theirs, *base]))
    get = lambda d, k: d.get(k, MISSING)  # noqa: E731
    expected = [k for k in keys if not same(get(mine, k), get(base, k)) and not same(get(theirs, k), get(base, k))
                and not same(get(mine, k), get(theirs, k))]
    assert conflicts == expected
    for k in keys:
        got = get(merged, k)
        if k in conflicts:
            assert same(got, get(mine, k))  # mine until the user decides
        elif not same(get(theirs, k), get(base, k)):
            assert same(got, get(theirs, k))
        else:
            assert same(got, get(mine, k))
    # who is "mine" does not change what conflicts
    assert set(merge(base, theirs, mine)[1]) == set(conflicts)


def _overlaps(path: str, paths: list[str]) -> bool:
    return any(p == path or path.startswith(p + ".") or p.startswith(path + ".") for p in paths)


@given(TREES, TREES, TREES)
def test_nested_one_sided_changes_survive(base, mine, theirs):
    merged, conflicts = merge(base, mine, theirs)
    out, m, t = flatten(merged), flatten(mine), flatten(theirs)
    mine_changed, theirs_changed = changed_paths(base, mine), changed_paths(base, theirs)
    for path in theirs_changed:
        if not _overlaps(path, mine_changed):
            assert same(out.get(path, MISSING), t.get(path, MISSING))
    for path in mine_changed:
        if not _overlaps(path, theirs_changed):
            assert same(out.get(path, MISSING), m.get(path, MISSING))
    assert set(conflicts) <= set(mine_changed) & set(theirs_changed)


@given(RECORDS, RECORDS, RECORDS)
def test_resolving_every_conflict_as_theirs_keeps_only_my_one_sided_changes(base, mine, theirs):
    merged, conflicts = merge(base, mine, theirs)
    resolved = resolve(base, mine, theirs, pinned={p: theirs.get(p, MISSING) for p in conflicts})
    for key in dict.fromkeys([*mine, *theirs, *base]):
        mine_only = not same(mine.get(key, MISSING), base.get(key, MISSING)) and \
            same(theirs.get(key, MISSING), base.get(key, MISSING))
        want = mine.get(key, MISSING) if mine_only else theirs.get(key, MISSING)
        assert same(resolved.get(key, MISSING), want)
