"""threeway's decisions per field (the app's choices) beside its single option, for a record the
import compares three ways and for one a merge left marked as conflicting ([[conflicts]])."""

from __future__ import annotations

from kamtui.services.plans import threeway

BASE = {"name": "Acme", "industry": "Base", "region": "Base", "notes": "Base"}
MINE = {**BASE, "industry": "Mine", "region": "Mine"}
THEIRS = {**BASE, "industry": "Theirs", "region": "Theirs", "notes": "Theirs only"}


def test_fields_take_the_side_chosen_each_and_the_other_changes_merge():
    out = threeway.decide(BASE, MINE, THEIRS, {"industry": "file", "region": "workspace"})
    assert (out.action, out.resolution) == ("update", "chosen")
    assert out.values == {"name": "Acme", "industry": "Theirs", "region": "Mine", "notes": "Theirs only"}
    assert [f.path for f in out.fields] == ["industry", "region"]


def test_a_field_left_undecided_stops_the_record_as_no_choice_does():
    for resolve_as in ({"industry": "file"}, {"industry": "file", "region": "mine"}, "", {}):
        out = threeway.decide(BASE, MINE, THEIRS, resolve_as)
        assert (out.action, out.values, out.resolution) == ("conflict", None, "")


def test_one_side_for_every_field_reads_as_the_option_would():
    assert threeway.decide(BASE, MINE, THEIRS, {"industry": "file", "region": "file"}).resolution == "file"
    out = threeway.decide(BASE, MINE, THEIRS, {"industry": "workspace", "region": "workspace"})
    assert out.resolution == "workspace" and out.values == {**MINE, "notes": "Theirs only"}
    assert out.values == threeway.decide(BASE, MINE, THEIRS, "workspace").values


def test_a_recorded_conflict_takes_the_side_chosen_per_entry():
    # a merge wrote the file's industry as ours with theirs beside it; the workspace has "Mine"
    entries = [{"kind": "account", "id": "a", "field": "industry", "ours": "Mine", "theirs": "Theirs"}]
    file_side = {**BASE, "industry": "Mine", "notes": "Theirs only"}
    out = threeway.decide_recorded(BASE, MINE, file_side, entries, {"industry": "file"})
    assert out.resolution == "file" and out.values["industry"] == "Theirs" and out.values["notes"] == "Theirs only"
    out = threeway.decide_recorded(BASE, MINE, file_side, entries, {"industry": "workspace"})
    assert out.values["industry"] == "Mine" and out.values["region"] == "Mine"
    assert threeway.decide_recorded(BASE, MINE, file_side, entries, {}).action == "conflict"


def test_a_recorded_conflict_shows_the_value_both_sides_last_had_where_the_merge_wrote_it():
    entry = {"kind": "account", "id": "a", "field": "industry", "ours": "Mine", "theirs": "Theirs"}
    file_side = {**BASE, "industry": "Mine"}
    (known,) = threeway.decide_recorded(BASE, MINE, file_side, [{**entry, "base": "Base"}], {}).fields
    (unknown,) = threeway.decide_recorded(BASE, MINE, file_side, [entry], {}).fields  # an older file
    assert (known.base, known.workspace, known.file) == ("Base", "Mine", "Theirs")
    assert unknown.base is None
    (kept,) = threeway.entry_values((known,), "account", "a", "bob", "alice")
    assert kept["base"] == "Base"  # written back with the record while it waits
