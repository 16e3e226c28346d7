"""The sync's light export (`light_export`: plan files straight from the stored rows, no
models) writes the same bytes, and stores the same bases, as the model-based export: for
every account of the demo workspace and of a generated `small` one, and for generated plans
with hostile text (control characters, quotes, CJK, `[red]x[/]`, many lines). And the facts it
restates as plain data are the models' and the store's."""

from __future__ import annotations

import datetime as dt
import typing

import pytest
from hypothesis import HealthCheck, given, settings
from plan_strategies import plans

from kamtui.domain.models import PRIVATE_PERSON_FIELDS
from kamtui.domain.plan import AccountPlan
from kamtui.services.context import Context
from kamtui.services.plans import export, import_, light_export, rows
from kamtui.services.plans import format as fmt
from kamtui.services.plans.parse import Source
from kamtui.store import Workspace
from kamtui.store.plan_rows import TABLE_OF

KINDS = ("account", "department", "person", "link", "competitor", "assessment", "target", "activity", "dismissal")
NESTED = {"org_rating": "OrgRating", "person_rating": "PersonRating", "department_rating": "DepartmentRating",
          "approval": "Approval"}


def _same(ctx: Context, account_id: str) -> None:
    for private in (False, True):
        text, bases = export._account_file(ctx, account_id, private)
        made = light_export.account_file(ctx.ws.conn, account_id, include_private=private)
        assert made is not None
        assert made[0].encode() == text.encode(), account_id
        assert made[1] == bases, account_id


def test_the_declarations_are_the_models_and_the_stores():
    for kind in KINDS:
        table, model = rows.TABLE[kind], rows.MODEL[kind]
        assert light_export.COLUMNS[kind] == tuple(table.columns)
        assert TABLE_OF[kind] == table.name
        assert light_export.KEYS[kind] == fmt.KEYS[model]
        assert light_export.OMIT[kind] == fmt.OMITTABLE[model]
        codecs = {c.field: c.kind for c in table.codecs}
        assert light_export.BOOLS.get(kind, frozenset()) == {f for f, k in codecs.items() if k == "bool"}
        assert light_export.DATES.get(kind, frozenset()) == {f for f, k in codecs.items() if k == "date"}
        assert light_export.JSON.get(kind, frozenset()) == {f for f, k in codecs.items() if k in ("json", "model")}
        floats = {f for f, info in model.model_fields.items()
                  if float in typing.get_args(info.annotation) or info.annotation is float
                  or any(float in typing.get_args(a) for a in typing.get_args(info.annotation))}
        assert light_export.FLOATS.get(kind, frozenset()) == floats, kind
        assert light_export.COLUMN_OF.get(kind, {}) == table.column_map
    from kamtui.domain import models

    for kind, name in NESTED.items():
        model = getattr(models, name)
        assert light_export.KEYS[kind] == fmt.KEYS[model]
        assert light_export.OMIT[kind] == fmt.OMITTABLE[model]
    assert light_export.PRIVATE_FIELDS == PRIVATE_PERSON_FIELDS
    assert light_export.SCHEMA_VERSION == fmt.SCHEMA_VERSION


def test_every_account_of_the_demo_workspace(demo_ws):
    ctx = Context(demo_ws, today=dt.date(2026, 11, 26), user="tester")
    ids = export.all_account_ids(ctx)
    assert ids
    for account_id in ids:
        _same(ctx, account_id)


@pytest.fixture(scope="module")
def small_workspace(tmp_path_factory):
    from kamtui.services.demo import build_demo

    path = tmp_path_factory.mktemp("small") / "small.sqlite"
    build_demo(path, "small", today=dt.date(2026, 11, 26))
    return path


def test_every_account_of_a_generated_small_workspace(small_workspace):
    with Workspace.open(small_workspace, read_only=True) as ws:
        ctx = Context(ws, today=dt.date(2026, 11, 26), user="tester")
        ids = export.all_account_ids(ctx)
        assert len(ids) > 10
        for account_id in ids:
            _same(ctx, account_id)


def test_an_account_with_kept_conflicts_is_left_to_the_model_based_export(demo_ws):
    from kamtui.store.sync_base import mark_conflict

    ctx = Context(demo_ws, user="tester")
    account_id, other = export.all_account_ids(ctx)[:2]
    with ctx.write() as tx:
        mark_conflict(tx.db, "account", account_id, account_id, {"record": {}, "entries": []})
    assert light_export.account_file(demo_ws.conn, account_id) is None
    assert light_export.account_file(demo_ws.conn, other) is not None


@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(plan=plans())
def test_any_plan_with_hostile_text_gives_the_same_bytes_and_bases(plan: AccountPlan, tmp_path_factory):
    hostile = "[red]x[/] \"q\" 'q' 中文\n第二行\n\tthird"
    plan.account.strategy_notes = (plan.account.strategy_notes + hostile)[-2000:]
    path = tmp_path_factory.mktemp("light") / "ws.sqlite"
    with Workspace.create(path) as ws:
        ctx = Context(ws, today=dt.date(2026, 11, 26), user="tester")
        done = import_.import_sources(ctx, [Source("gen.toml", export.plan_toml(plan, include_private=True).encode())])
        assert done.written, done
        _same(ctx, plan.account.id)


def test_the_light_export_loads_no_pydantic():
    import subprocess
    import sys

    code = ("import sys, kamtui.services.plans.light_export, kamtui.store.plan_rows\n"
            "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'kamtui.domain.models'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
