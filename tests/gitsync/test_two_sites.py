"""Issue 18: two sites, two workspaces, one bare repository; every case played through real
`kamtui sync` processes on both sides. The result must be the union of what each side meant,
with exactly the real conflicts surfaced (exit status 3, both values, who made each)."""

from __future__ import annotations

import pytest
import tomllib

from sites import git, person_named, two_sites

from kamtui.domain.enums import Tier
from kamtui.domain.models import Person
from kamtui.services.plans.export import plan_toml


@pytest.fixture
def sites(tmp_path, demo_file):
    return two_sites(tmp_path, demo_file)


def _sync_round(a, b) -> list:
    """A, then B, then A again: after it both have seen each other's changes."""
    return [a.sync(), b.sync(), a.sync()]


def _clean(results) -> None:
    for r in results:
        assert r.returncode == 0, r.stderr
        assert "conflict" not in r.stderr


def _no_conflict_markers(clone) -> None:
    for path in clone.glob("*.toml"):
        text = path.read_text()
        assert "<<<<<<<" not in text and "[[conflicts]]" not in text, path.name


def test_a_joining_site_gets_the_whole_team(sites):
    a, b, _ = sites
    names = lambda site: sorted(site.edit(lambda ctx: [r[0] for r in ctx.db.execute("SELECT name FROM account")]))
    assert names(b) == names(a) and len(names(a)) == 4
    # the same plan, but the private fields, which never leave a workspace through sync
    assert plan_toml(b.plan("Harbourline")) == plan_toml(a.plan("Harbourline"))
    assert any(p.career_needs for p in a.plan("Harbourline").people)
    assert not any(p.career_needs for p in b.plan("Harbourline").people)


def test_different_accounts_merge(sites):
    a, b, _ = sites
    a.update(a.account("Harbourline"), industry="Banking (A)")
    b.update(b.account("Rheinwerk"), region="Bavaria (B)")
    _clean(_sync_round(a, b))
    for site in (a, b):
        assert site.account("Harbourline").industry == "Banking (A)"
        assert site.account("Rheinwerk").region == "Bavaria (B)"
    _no_conflict_markers(a.clone)


def test_different_fields_of_one_account_merge_without_a_git_conflict(sites):
    a, b, _ = sites
    a.update(a.account("Harbourline"), industry="Banking (A)")
    b.update(b.account("Harbourline"), strategy_notes="Notes from B.\nSecond line.")
    results = _sync_round(a, b)
    _clean(results)
    assert "exit status" not in results[1].stderr
    for site in (a, b):
        acc = site.account("Harbourline")
        assert (acc.industry, acc.strategy_notes) == ("Banking (A)", "Notes from B.\nSecond line.")
    text = next(a.clone.glob("harbourline.*")).read_text()
    assert not [line for line in text.splitlines() if line.startswith("version")]
    # different people of one account, too
    plan = a.plan("Harbourline")
    p1, p2 = sorted(plan.people, key=lambda p: p.id)[:2]
    a.update(p1, title="Title by A")
    b.update(p2, title="Title by B")
    _clean(_sync_round(a, b))
    for site in (a, b):
        people = {p.id: p.title for p in site.plan("Harbourline").people}
        assert (people[p1.id], people[p2.id]) == ("Title by A", "Title by B")


def test_the_same_field_changed_differently_is_the_one_conflict(sites):
    a, b, _ = sites
    synced_region = a.account("Harbourline").region
    a.update(a.account("Harbourline"), region="East (A)", industry="Banking (A)")
    b.update(b.account("Harbourline"), region="West (B)", short_name="Harbourline")  # short name unchanged
    b.update(b.account("Rheinwerk"), region="Bavaria (B)")  # elsewhere: merges
    first = a.sync()
    assert first.returncode == 0, first.stderr
    second = b.sync()
    assert second.returncode == 3, second.stderr
    conflicts = [line for line in second.stderr.splitlines() if line.startswith("kamtui: conflict:")]
    assert len(conflicts) == 1, second.stderr
    (line,) = conflicts
    assert "account 'Harbourline Bank (China) Co., Ltd.'" in line
    assert "region: workspace 'West (B)', file 'East (A)'" in line  # the right way round
    assert "in the workspace by bob" in line and "in the file by alice" in line
    # the record waits whole; everything else merged
    assert b.account("Harbourline").region == "West (B)" and b.account("Harbourline").industry != "Banking (A)"
    assert b.account("Rheinwerk").region == "Bavaria (B)"
    # the conflict travels with the file to A, both values and who made them
    third = a.sync()
    assert third.returncode == 3, third.stderr
    assert "region: workspace 'East (A)', file 'West (B)'" in third.stderr
    assert a.account("Rheinwerk").region == "Bavaria (B)"
    doc = tomllib.loads(next(a.clone.glob("harbourline.*")).read_text())
    (entry,) = doc["conflicts"]
    assert (entry["field"], {entry["ours"], entry["theirs"]}) == ("region", {"East (A)", "West (B)"})
    assert {entry["ours_by"], entry["theirs_by"]} == {"alice", "bob"}
    assert entry.get("base") == (synced_region or None)  # what both had: the dialog's "last synced"
    # B decides for its own value; the decision reaches A and the entry leaves the file
    decided = b.kamtui("import", str(b.workspace), str(next(b.clone.glob("harbourline.*"))), "--keep-workspace")
    assert decided.returncode == 0, decided.stderr
    _clean([b.sync(), a.sync()])
    for site in (a, b):
        acc = site.account("Harbourline")
        assert acc.region == "West (B)" and acc.industry == "Banking (A)"
    _no_conflict_markers(a.clone)
    _no_conflict_markers(b.clone)


def test_adding_a_person_and_archiving_another_merge(sites):
    a, b, _ = sites
    account = a.account("Rheinwerk")
    old = sorted(a.plan("Rheinwerk").people, key=lambda p: p.id)[0]
    a.add(Person(account_id=account.id, name="Neue Person (A)", title="Einkauf"))
    b.update(old, archived=True)
    _clean(_sync_round(a, b))
    for site in (a, b):
        plan = site.plan("Rheinwerk")
        assert person_named(plan, "Neue Person (A)").title == "Einkauf"
        assert next(p for p in plan.people if p.id == old.id).archived
    _no_conflict_markers(b.clone)


def test_a_rename_is_a_git_rename_and_merges_with_an_edit(sites):
    a, b, _ = sites
    account = a.account("Harbourline")
    a.update(account, short_name="Harbourline CN")
    b.update(b.account("Harbourline"), tier=Tier.strategic)
    _clean(_sync_round(a, b))
    for site in (a, b):
        names = sorted(p.name for p in site.clone.glob("*.toml") if account.id in p.name)
        assert names == [f"harbourline-cn.{account.id}.toml"]  # never a stale file
        acc = site.account(account.id)
        assert (acc.short_name, acc.tier) == ("Harbourline CN", Tier.strategic)
    log = git(a.clone, "log", "--name-status", "-M", "--format=%an %s")
    assert f"harbourline.{account.id}.toml\tharbourline-cn.{account.id}.toml" in log
    assert "alice kamtui sync: alice" in log and "bob kamtui sync: bob" in log
