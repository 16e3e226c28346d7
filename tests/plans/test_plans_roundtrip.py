"""A workspace leaves as plan files and comes back identical; so does any generated plan."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from plan_strategies import plans

from kamtui.domain.plan import AccountPlan
from kamtui.services.context import Context
from kamtui.services.plans import export, import_
from kamtui.services.plans.export import plan_toml
from kamtui.services.plans.parse import Source, nesting_depth, parse_source
from kamtui.store import Workspace
from kamtui.store import accounts as store_accounts

PROPS = settings(max_examples=60, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def export_all(ctx: Context, folder: Path) -> dict[str, bytes]:
    export.export_accounts(ctx, export.all_account_ids(ctx), folder, include_private=True,
                           with_workspace=True)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_demo_workspace_leaves_as_files_and_comes_back_identical(demo_ws, empty_ws, ctx_of, tmp_path):
    first = export_all(ctx_of(demo_ws), tmp_path / "first")
    assert "workspace.toml" in first and len(first) == 5

    result = import_.import_path(ctx_of(empty_ws), tmp_path / "first")
    assert result.conflicts == []
    assert result.counts["account"].created == 4
    assert result.counts["settings"].updated == 1  # a new workspace's default settings give way

    second = export_all(ctx_of(empty_ws), tmp_path / "second")
    assert second == first


def test_exporting_twice_gives_identical_bytes(demo_ws, ctx_of, tmp_path):
    ctx = ctx_of(demo_ws)
    assert export_all(ctx, tmp_path / "a") == export_all(ctx, tmp_path / "b")


def test_the_file_holds_toml_dates_enum_keys_and_ids(demo_ws, ctx_of):
    ctx = ctx_of(demo_ws)
    account_id = export.all_account_ids(ctx)[0]
    doc = tomllib.loads(export.account_text(ctx, account_id, include_private=True))
    assert list(doc)[:3] == ["schema_version", "private", "account"]
    assert doc["schema_version"] == 1 and doc["private"] is True
    assert doc["account"]["id"] == account_id
    assert isinstance(doc["assessments"][0]["assessed_on"], dt.date)
    assert doc["people"][0]["attitude"] in {"advocate", "accepting", "commodity", "threat", "unknown"}
    ons = [(a["assessed_on"], a["id"]) for a in doc["assessments"]]
    assert ons == sorted(ons)
    ids = [p["id"] for p in doc["people"]]
    assert ids == sorted(ids)


def test_a_plan_round_trips_through_the_file_alone():
    from kamtui.services.demo_content import demo_team

    for plan in demo_team()[2]:
        text = plan_toml(plan, include_private=True)
        parsed, problems = parse_source(Source("x.toml", text.encode()))
        assert problems == []
        assert plan_toml(parsed.plan(), include_private=True) == text


@PROPS
@given(plans())
def test_any_plan_exports_parses_and_exports_to_the_same_bytes(plan: AccountPlan):
    text = plan_toml(plan, include_private=True)
    # brackets inside strings (and comments: this one forces the full scan) never count
    assert nesting_depth(text + "# " + "[" * 60 + "\n") <= 2
    parsed, problems = parse_source(Source("gen.toml", text.encode()))
    assert problems == []
    assert plan_toml(parsed.plan(), include_private=True) == text
    # and the file holds the plan's own values, not approximations (but the save counters,
    # which stay in the workspace)
    again = parsed.plan()

    def unversioned(record):
        return record.model_copy(update={"version": 0})

    assert unversioned(again.account) == unversioned(plan.account)
    assert {p.id: unversioned(p) for p in again.people} == {p.id: unversioned(p) for p in plan.people}
    assert {a.id: a.cost for a in again.activities} == {a.id: a.cost for a in plan.activities}


@settings(max_examples=15, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(plan=plans())
def test_any_plan_exports_imports_and_exports_to_the_same_bytes(plan: AccountPlan, tmp_path_factory):
    path = tmp_path_factory.mktemp("prop") / "ws.sqlite"
    with Workspace.create(path) as ws:
        ctx = Context(ws, today=dt.date(2026, 11, 26), user="tester")
        text = plan_toml(plan, include_private=True)
        import_.import_sources(ctx, [Source("gen.toml", text.encode())])
        assert plan_toml(store_accounts.plan(ws.db, plan.account.id), include_private=True) == text
