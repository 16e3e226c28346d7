"""The portfolio filter: the in-memory name index answers as the SQL name search does."""

from __future__ import annotations

import datetime as dt

import pytest

from kamtui.domain.models import Account, Department, Person
from kamtui.services import accounts
from kamtui.services.context import Context
from kamtui.store import write
from kamtui.store.accounts import via_names

TODAY = dt.date(2026, 11, 26)
TERMS = ["王", "王强", "an", "Ann", "ANNE", "nn", "sales", "Eng", "STRASSE", "straße", "mü", "zz", "总"]


@pytest.fixture
def named(ws):
    """Accounts whose people and departments exercise case, titles, ß and Chinese."""
    big, small, none = Account(name="Big"), Account(name="Small"), Account(name="None")
    dept = Department(account_id=big.id, name="Sales", business_line="Engineering")
    with write(ws, who="t") as tx:
        tx.insert_many([big, small, none, dept])
        tx.insert_many([Person(account_id=big.id, department_id=dept.id, name=f"Ann {i}") for i in range(30)])
        tx.insert(Person(account_id=small.id, name="Annette", title="Leiterin Großstraße"))
        tx.insert(Person(account_id=small.id, name="王强", title="总经理"))
        tx.insert(Person(account_id=none.id, name="Bob Müller"))
    return ws


@pytest.mark.parametrize("term", TERMS)
def test_the_name_index_finds_what_the_sql_search_finds(named, term):
    ctx = Context(named, today=TODAY)
    index = accounts.name_index(ctx)
    rows = accounts.portfolio(ctx)
    by_sql = {h.account_id: (h.kind, h.text) for h in via_names(named.conn, term)}
    by_index = {r.id: index.first(r.id, term.casefold()) for r in rows}
    by_index = {k: v for k, v in by_index.items() if v is not None}
    if term in ("STRASSE", "straße"):  # casefold folds ß to ss; SQLite's trigram index does not
        assert set(by_index) == {r.id for r in rows if r.name == "Small"}
        return
    assert by_index == by_sql
    with_index = accounts.match_rows(ctx, rows, term, "zh", names=index)
    assert with_index == accounts.match_rows(ctx, rows, term, "zh")


def test_a_match_names_the_line_it_is_in(named):
    ctx = Context(named, today=TODAY)
    index = accounts.name_index(ctx)
    small = next(r for r in accounts.portfolio(ctx) if r.name == "Small")
    assert index.first(small.id, "总经") == ("person", "王强 总经理")
    assert index.first(small.id, "großstraße".casefold()) == ("person", "Annette Leiterin Großstraße")
    assert index.first(small.id, "engineering") is None
    assert index.first("no such account", "a") is None
    big = next(r for r in accounts.portfolio(ctx) if r.name == "Big")
    assert index.first(big.id, "engineering") == ("department", "Sales Engineering")
    assert index.first(big.id, "ann 2") == ("person", "Ann 2 ")
