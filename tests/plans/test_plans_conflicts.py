"""Upserts by id: created / updated / unchanged, conflicts, --overwrite, --dry-run, privacy."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w
from plans_helpers import dump

from kamtui.domain.enums import Attitude
from kamtui.domain.models import Department, Person
from kamtui.services.plans import export, import_
from kamtui.services.plans import format as fmt
from kamtui.store import accounts as store_accounts
from kamtui.store import audit as store_audit
from kamtui.store.tables import table_for


@pytest.fixture
def ctx(demo_ws, ctx_of):
    return ctx_of(demo_ws)


@pytest.fixture
def account(ctx):
    return export.find_account(ctx, "Harbourline")


def plan_doc(ctx, account, private: bool = True) -> dict:
    return tomllib.loads(export.account_text(ctx, account.id, include_private=private))


def save(tmp_path: Path, doc: dict, name: str = "plan.toml") -> Path:
    path = tmp_path / name
    path.write_text(tomli_w.dumps(doc))
    return path


def person(ctx, pid: str) -> Person:
    return table_for(Person).get(ctx.db, pid)


def other_attitude(row: dict) -> str:
    return "threat" if row["attitude"] != "threat" else "advocate"


def edit(ctx, obj, **changes):
    with ctx.write() as tx:
        return tx.update(obj.model_copy(update=changes))


def test_reimporting_an_export_changes_nothing(ctx, account, tmp_path):
    path = save(tmp_path, plan_doc(ctx, account))
    result = import_.import_path(ctx, path)
    assert result.written == 0 and result.conflicts == []
    assert all(c.created == c.updated == c.conflicts == 0 for c in result.counts.values())
    assert result.counts["person"].unchanged == 17


def test_a_change_in_the_file_updates_the_record(ctx, account, tmp_path):
    doc = plan_doc(ctx, account)
    new = doc["people"][0]["attitude"] = other_attitude(doc["people"][0])
    doc["departments"][0]["name"] = "Renamed 部门"
    result = import_.import_path(ctx, save(tmp_path, doc))
    assert result.counts["person"].updated == 1 and result.counts["department"].updated == 1
    p = person(ctx, doc["people"][0]["id"])
    assert p.attitude.value == new and p.version == 1
    assert table_for(Department).get(ctx.db, doc["departments"][0]["id"]).name == "Renamed 部门"
    entries = store_audit.entries(ctx.db, account_id=account.id)
    assert [e["action"] for e in entries][-3:] == ["update", "update", "import"]  # one entry per file
    imported = entries[-1]
    assert imported["changes"]["updated"] == [None, 2] and imported["changes"]["source"] == [None, "plan.toml"]


def test_different_fields_changed_on_both_sides_merge(ctx, account, tmp_path):
    doc = plan_doc(ctx, account)
    pid = doc["people"][0]["id"]
    edit(ctx, person(ctx, pid), title="Changed in the workspace")
    new = doc["people"][0]["attitude"] = other_attitude(doc["people"][0])  # another field, in the file
    doc["departments"][0]["name"] = "Renamed"
    result = import_.import_path(ctx, save(tmp_path, doc))
    assert result.conflicts == [] and result.counts["person"].updated == 1
    p = person(ctx, pid)
    assert (p.title, p.attitude.value, p.version) == ("Changed in the workspace", new, 2)


def test_a_field_changed_differently_on_both_sides_is_a_conflict(ctx, account, tmp_path):
    doc = plan_doc(ctx, account)
    pid = doc["people"][0]["id"]
    before = doc["people"][0]["title"]
    edit(ctx, person(ctx, pid), title="Changed in the workspace")
    doc["people"][0]["title"] = "Changed in the file"
    new = doc["people"][0]["attitude"] = other_attitude(doc["people"][0])  # waits with the record
    doc["departments"][0]["name"] = "Renamed"  # no conflict: applied
    result = import_.import_path(ctx, save(tmp_path, doc))

    assert result.counts["person"].conflicts == 1 and result.counts["department"].updated == 1
    (c,) = result.conflicts
    assert (c.kind, c.key, c.workspace_by, c.resolution) == ("person", pid, "tester", "")
    assert [(f.path, f.base, f.workspace, f.file) for f in c.fields] == [
        ("title", before, "Changed in the workspace", "Changed in the file")]
    assert result.skipped == [c] and c.where == "plan.toml: people[0]"
    line = c.describe()
    assert "changed both in the workspace by tester" in line and line.endswith("skipped")
    assert "title: workspace 'Changed in the workspace', file 'Changed in the file'" in line
    p = person(ctx, pid)
    assert p.title == "Changed in the workspace" and p.attitude.value != new and p.version == 1
    # the conflict is kept: an export writes the file's record with both values beside it
    text = export.account_text(ctx, account.id)
    kept = tomllib.loads(text)
    assert [(e["kind"], e["id"], e["field"], e["ours"], e["theirs"]) for e in kept["conflicts"]] == [
        ("person", pid, "title", "Changed in the workspace", "Changed in the file")]
    assert next(x for x in kept["people"] if x["id"] == pid)["title"] == "Changed in the file"


def test_overwrite_takes_the_files_value_for_conflicting_fields_only(ctx, account, tmp_path):
    doc = plan_doc(ctx, account)
    pid = doc["people"][0]["id"]
    edit(ctx, person(ctx, pid), title="Changed in the workspace", influence=1)
    doc["people"][0]["title"] = "Changed in the file"
    new = doc["people"][0]["attitude"] = other_attitude(doc["people"][0])
    result = import_.import_path(ctx, save(tmp_path, doc), overwrite=True)
    assert result.counts["person"].updated == 1 and result.counts["person"].conflicts == 0
    assert [c.overwritten for c in result.conflicts] == [True] and result.skipped == []
    p = person(ctx, pid)
    assert (p.title, p.attitude.value, p.influence, p.version) == ("Changed in the file", new, 1, 2)


def test_keep_workspace_keeps_the_workspaces_value_and_the_files_other_changes(ctx, account, tmp_path):
    doc = plan_doc(ctx, account)
    pid = doc["people"][0]["id"]
    edit(ctx, person(ctx, pid), title="Changed in the workspace")
    doc["people"][0]["title"] = "Changed in the file"
    new = doc["people"][0]["attitude"] = other_attitude(doc["people"][0])
    result = import_.import_path(ctx, save(tmp_path, doc), resolve="workspace")
    assert [c.resolution for c in result.conflicts] == ["workspace"] and result.skipped == []
    p = person(ctx, pid)
    assert (p.title, p.attitude.value) == ("Changed in the workspace", new)
    assert "conflicts" not in tomllib.loads(export.account_text(ctx, account.id))


def test_choices_decide_field_by_field_and_an_undecided_field_stops_its_record(ctx, account, tmp_path):
    doc = plan_doc(ctx, account)
    pid, other = doc["people"][0]["id"], doc["people"][1]["id"]
    edit(ctx, person(ctx, pid), title="Workspace title", personal_needs="Workspace needs")
    edit(ctx, person(ctx, other), title="Workspace title 2")
    doc["people"][0].update(title="File title", personal_needs="File needs")
    doc["people"][1]["title"] = "File title 2"
    new = doc["people"][0]["attitude"] = other_attitude(doc["people"][0])  # one side only: merges
    path = save(tmp_path, doc)
    # the first person: title from the file, needs kept; the second: not decided (a field
    # the choice leaves out, and a side that is no side, stop it as no choice does)
    choices = {("person", pid): {"title": "file", "personal_needs": "workspace"},
               ("person", other): {"title": "mine"}}
    result = import_.import_path(ctx, path, choices=choices)
    by_id = {c.key: c for c in result.conflicts}
    assert by_id[pid].resolution == "chosen" and by_id[other].resolution == ""
    assert result.skipped == [by_id[other]] and result.counts["person"].updated == 1
    assert by_id[pid].describe().endswith("decided field by field")
    p = person(ctx, pid)
    assert (p.title, p.personal_needs, p.attitude.value) == ("File title", "Workspace needs", new)
    assert person(ctx, other).title == "Workspace title 2"
    # decided, the record goes out with the next export as the workspace has it, no entries
    kept = tomllib.loads(export.account_text(ctx, account.id))
    assert [e["id"] for e in kept.get("conflicts", [])] == [other]


def test_same_content_under_another_version_is_unchanged(ctx, account, tmp_path):
    doc = plan_doc(ctx, account)
    pid = doc["people"][0]["id"]
    edit(ctx, person(ctx, pid), title="Both agree")
    doc["people"][0]["title"] = "Both agree"
    result = import_.import_path(ctx, save(tmp_path, doc))
    assert result.counts["person"].unchanged == 17 and result.conflicts == []


def test_settings_edited_since_the_export_conflict(ctx, tmp_path):
    from kamtui.services import settings as settings_service

    export.export_accounts(ctx, [], tmp_path / "out", with_workspace=True)
    path = tmp_path / "out" / fmt.WORKSPACE_FILE
    doc = tomllib.loads(path.read_text())
    settings_service.save(ctx, settings_service.get(ctx), {"team_name": "Edited here"})
    doc["settings"]["team_name"] = "Edited in the file"
    result = import_.import_path(ctx, save(tmp_path, doc, "workspace.toml"))
    assert result.counts["settings"].conflicts == 1
    assert settings_service.get(ctx).team_name == "Edited here"
    import_.import_path(ctx, save(tmp_path, doc, "workspace.toml"), overwrite=True)
    assert settings_service.get(ctx).team_name == "Edited in the file"


def test_dry_run_counts_the_same_and_writes_nothing(ctx, account, tmp_path):
    doc = plan_doc(ctx, account)
    pid = doc["people"][0]["id"]
    edit(ctx, person(ctx, pid), attitude=Attitude(other_attitude(doc["people"][0])))
    doc["people"][0]["attitude"] = "unknown" if doc["people"][0]["attitude"] != "unknown" else "commodity"
    doc["people"][1]["attitude"] = other_attitude(doc["people"][1])
    doc["activities"].append({"id": "new-activity", "type": "training", "scope": "surface",
                              "layer": "extensive", "status": "planned", "cost": 0.0, "currency": "CNY",
                              "version": 0})
    path = save(tmp_path, doc)
    before = dump(ctx.ws)
    dry = import_.import_path(ctx, path, dry_run=True)
    assert dump(ctx.ws) == before
    assert dry.dry_run and dry.written == 2
    assert dry.counts["activity"].created == 1 and dry.counts["person"].updated == 1
    assert dry.counts["person"].conflicts == 1
    real = import_.import_path(ctx, path)
    assert {k: vars(v) for k, v in real.counts.items()} == {k: vars(v) for k, v in dry.counts.items()}
    assert dump(ctx.ws) != before


def test_dry_run_works_on_a_read_only_workspace(demo_file, ctx_of, tmp_path):
    import shutil

    from kamtui.store import Workspace

    path = tmp_path / "ro.sqlite"
    shutil.copy(demo_file, path)
    with Workspace.open(path, read_only=True) as ws:
        ctx = ctx_of(ws)
        plan = export.account_text(ctx, export.all_account_ids(ctx)[0])
        (tmp_path / "p.toml").write_text(plan)
        assert import_.import_path(ctx, tmp_path / "p.toml", dry_run=True).written == 0


def test_private_fields_are_left_out_by_default(ctx, account):
    text = export.account_text(ctx, account.id)
    doc = tomllib.loads(text)
    assert doc["private"] is False
    for p in doc["people"]:
        assert not set(fmt.PRIVATE_FIELDS) & set(p)
    stored = [p for p in store_accounts.plan(ctx.db, account.id).people if p.career_needs]
    assert stored, "the demo account has career needs to leave out"
    assert all(p.career_needs not in text for p in stored)
    with_private = export.account_text(ctx, account.id, include_private=True)
    assert "private = true" in with_private and stored[0].career_needs in with_private


def test_a_file_without_private_fields_keeps_the_workspaces_ones(ctx, account, tmp_path):
    doc = plan_doc(ctx, account, private=False)
    stored = next(p for p in store_accounts.plan(ctx.db, account.id).people if p.career_needs)
    row = next(p for p in doc["people"] if p["id"] == stored.id)
    row["title"] = "New title"
    result = import_.import_path(ctx, save(tmp_path, doc))
    assert result.counts["person"].updated == 1 and result.counts["person"].unchanged == 16
    after = person(ctx, stored.id)
    assert after.title == "New title" and after.career_needs == stored.career_needs
    assert after.personal_needs == stored.personal_needs


def test_a_file_without_private_fields_into_a_new_workspace(ctx, empty_ws, ctx_of, tmp_path):
    folder = tmp_path / "out"
    export.export_accounts(ctx, export.all_account_ids(ctx), folder, with_workspace=True)
    import_.import_path(ctx_of(empty_ws), folder)
    people = [p for a in store_accounts.account_ids(empty_ws.db) for p in store_accounts.plan(empty_ws.db, a).people]
    assert len(people) == 73
    assert not any(p.personal_needs or p.career_needs or p.private_notes for p in people)


def test_records_missing_from_the_file_are_left_alone(ctx, account, tmp_path):
    doc = plan_doc(ctx, account)
    dropped = doc["activities"].pop()
    result = import_.import_path(ctx, save(tmp_path, doc))
    assert result.written == 0
    assert any(a.id == dropped["id"] for a in store_accounts.plan(ctx.db, account.id).activities)


def test_new_records_keep_the_files_ids_and_versions(ctx, account, tmp_path):
    doc = plan_doc(ctx, account)
    doc["competitors"].append({"id": "zz-new-competitor", "name": "华为 Huawei", "position": "weak",
                               "version": 4})
    result = import_.import_path(ctx, save(tmp_path, doc))
    assert result.counts["competitor"].created == 1
    comp = next(c for c in store_accounts.plan(ctx.db, account.id).competitors if c.id == "zz-new-competitor")
    assert comp.version == 4 and comp.name == "华为 Huawei"
