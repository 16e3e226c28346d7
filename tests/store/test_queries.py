"""Typed reads: the portfolio summary against the domain rules, search, ranges, counts."""

from __future__ import annotations

import datetime as dt

import pytest

from kamtui.domain.enums import Attitude, ActivityStatus
from kamtui.domain.models import Account, Activity, Department, Person
from kamtui.domain.rules.extensive import extensive_index, short_board
from kamtui.domain.rules.key import coverage, key_index
from kamtui.domain.rules.org import org_level
from kamtui.domain.rules.pitfalls import detect_pitfalls
from kamtui.domain.rules.summary import rated_departments
from kamtui.services.demo import build_demo
from kamtui.services.report import as_json
from kamtui.store import Workspace, write
from kamtui.store import accounts as store_accounts
from kamtui.store import activities as store_activities
from kamtui.store import assessments as store_assessments
from kamtui.store import people as store_people
from kamtui.store import team as store_team
from kamtui.store.accounts import via_names
from kamtui.store.tables import table_for

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "demo.sqlite"
    build_demo(path, "demo")
    ws = Workspace.open(path)
    yield ws
    ws.close()


def _expected(ws: Workspace, account_id: str, today: dt.date) -> dict:
    """Every portfolio figure of one account, straight from the plan and the domain rules."""
    plan = store_accounts.plan(ws.db, account_id)
    policy = store_team.settings(ws.db).policy
    latest = plan.latest
    out: dict = {}
    if latest is None:
        out.update(org_level=None, key_index=None, coverage=None, extensive_index=None,
                   short_board=None, last_assessed=None)
    else:
        org = org_level({d: r.value for d, r in latest.org.items()})
        depts = rated_departments(latest, {d.id: d.name for d in plan.departments})
        sb = short_board(depts)
        out.update(
            org_level=org.level if org else None,
            key_index=key_index(latest.people),
            coverage=coverage(latest.people),
            extensive_index=extensive_index(depts),
            short_board=(sb.department, sb.indicator, sb.value) if sb else None,
            last_assessed=latest.assessed_on,
        )
    open_ = [a for a in plan.activities if not a.archived and a.status.is_open]
    out["open"] = len(open_)
    out["overdue"] = sum(a.is_overdue(today) for a in open_)
    out["pitfalls"] = {p.key for p in detect_pitfalls(plan, policy, today) if p.open}
    out["people"] = len([p for p in plan.people if not p.archived])
    out["departments"] = len([d for d in plan.departments if not d.archived])
    out["assessments"] = len(plan.assessments)
    return out


def _check_row(ws, row, today):
    e = _expected(ws, row.id, today)
    s = row.state
    assert s.org_level == e["org_level"], row.name
    assert s.key_index == pytest.approx(e["key_index"]) if e["key_index"] is not None else s.key_index is None
    assert s.coverage == (None if e["coverage"] is None else pytest.approx(e["coverage"])), row.name
    if e["extensive_index"] is None:
        assert s.extensive_index is None
    else:
        assert s.extensive_index == pytest.approx(e["extensive_index"]), row.name
    got_sb = (s.sb_department, s.sb_indicator, s.sb_value) if s.sb_indicator else None
    assert got_sb == e["short_board"], row.name
    assert s.last_assessed == e["last_assessed"], row.name
    assert (row.open_activities, row.overdue_activities) == (e["open"], e["overdue"]), row.name
    assert set(row.pitfalls) == e["pitfalls"], row.name
    assert len(row.pitfalls) == len(set(row.pitfalls))
    assert (s.people, s.departments, s.assessments) == (e["people"], e["departments"], e["assessments"])


@pytest.mark.parametrize("today", [TODAY, dt.date(2027, 9, 1)])
def test_portfolio_matches_the_domain_rules(demo, today):
    rows = store_accounts.portfolio(demo.db, today)
    assert len(rows) >= 4
    assert [r.name for r in rows] == sorted(r.name for r in rows)
    for row in rows:
        _check_row(demo, row, today)
    if today == TODAY:  # the demo is built to show these on its day
        assert any(r.overdue_activities for r in rows)
        assert any(r.pitfalls for r in rows)
        assert all(r.state.last_assessed for r in rows)


def test_report_json_rounds_the_same_figures(demo):
    for row in store_accounts.portfolio(demo.db, TODAY):
        e = _expected(demo, row.id, TODAY)
        j = as_json(row)
        assert j["org_level"] == (e["org_level"].value if e["org_level"] else None)
        assert j["key_index"] == pytest.approx(e["key_index"], abs=0.051)
        assert j["coverage"] == pytest.approx(e["coverage"], abs=0.0006)
        assert 0.0 <= j["coverage"] <= 1.0
        assert j["extensive_index"] == pytest.approx(e["extensive_index"], abs=0.051)
        assert j["short_board"] == {"department": e["short_board"][0], "indicator": e["short_board"][1].value}
        assert j["last_assessed"] == e["last_assessed"].isoformat()
        assert set(j["pitfalls"]) == {k.value for k in e["pitfalls"]}


def test_summary_is_kept_current_by_the_write(demo):
    row = next(r for r in store_accounts.portfolio(demo.db, TODAY) if r.state.key_index is not None)
    plan = store_accounts.plan(demo.db, row.id)
    latest = plan.latest
    before = row.state.key_index
    # the most influential rated person turns from whatever they were into a threat
    target = max(latest.people, key=lambda p: (p.influence, p.person_id))
    flipped = Attitude.threat if target.attitude != Attitude.threat else Attitude.advocate
    people = [p.model_copy(update={"attitude": flipped}) if p.person_id == target.person_id else p
              for p in latest.people]
    expected = key_index(people)
    assert expected != pytest.approx(before)
    with write(demo) as tx:
        tx.update(latest.model_copy(update={"people": people}))

    other = Workspace.open(demo.path)  # what every other process reads from now on
    for ws in (demo, other):
        again = next(r for r in store_accounts.portfolio(ws.db, TODAY) if r.id == row.id)
        assert again.state.key_index == pytest.approx(expected)
        _check_row(ws, again, TODAY)
    other.close()


def test_summary_follows_activities_people_and_new_assessments(demo):
    row = next(r for r in store_accounts.portfolio(demo.db, TODAY) if r.overdue_activities)
    plan = store_accounts.plan(demo.db, row.id)
    late = next(a for a in plan.activities if not a.archived and a.is_overdue(TODAY))
    person = next(p for p in plan.people if not p.archived)
    newer = plan.latest.model_copy(update={"id": "0" * 32, "assessed_on": TODAY, "version": 0})
    with write(demo) as tx:
        tx.update(late.model_copy(update={"status": ActivityStatus.done, "outcome": "held"}))
        tx.update(person.model_copy(update={"archived": True}))
        tx.insert(newer)
    again = next(r for r in store_accounts.portfolio(demo.db, TODAY) if r.id == row.id)
    assert again.overdue_activities == row.overdue_activities - 1
    assert again.open_activities == row.open_activities - 1
    assert again.state.people == row.state.people - 1
    assert again.state.last_assessed == TODAY
    assert again.state.assessments == row.state.assessments + 1
    _check_row(demo, again, TODAY)


def test_summary_unchanged_when_the_write_fails(demo):
    rows = store_accounts.portfolio(demo.db, TODAY)
    row = rows[0]
    plan = store_accounts.plan(demo.db, row.id)
    latest = plan.latest
    people = [p.model_copy(update={"attitude": Attitude.threat}) for p in latest.people]
    with pytest.raises(RuntimeError):
        with write(demo) as tx:
            tx.update(latest.model_copy(update={"people": people}))
            raise RuntimeError("cancelled")
    assert store_accounts.portfolio(demo.db, TODAY) == rows


def test_archived_accounts_only_on_request(demo):
    rows = store_accounts.portfolio(demo.db, TODAY)
    account = table_for(Account).get(demo.db, rows[0].id)
    with write(demo) as tx:
        tx.update(account.model_copy(update={"archived": True}))
    assert account.id not in {r.id for r in store_accounts.portfolio(demo.db, TODAY)}
    everything = store_accounts.portfolio(demo.db, TODAY, include_archived=True)
    assert [r.archived for r in everything if r.id == account.id] == [True]


def test_new_account_without_assessment(ws):
    with write(ws) as tx:
        a = tx.insert(Account(name="Fresh"))
    (row,) = store_accounts.portfolio(ws.db, TODAY)
    assert row.id == a.id
    assert row.state.org_level is None and row.state.key_index is None
    assert row.state.last_assessed is None and (row.open_activities, row.overdue_activities) == (0, 0)
    _check_row(ws, row, TODAY)
    assert as_json(row)["short_board"] is None


# -- the name search behind the portfolio filter (the FTS5 search table) --------------------

@pytest.fixture
def named(ws):
    """Each name in an account of its own (the search answers one name per account)."""
    names = {}
    with write(ws) as tx:
        for key, record in (
            ("hx", lambda a: Department(account_id=a, name="华信移动通信集团")),
            ("wang", lambda a: Person(account_id=a, name="王强", title="总经理")),
            ("li", lambda a: Person(account_id=a, name="李娜", title="采购经理")),
            ("mu", lambda a: Department(account_id=a, name="Müller & Söhne GmbH")),
            ("proc", lambda a: Department(account_id=a, name="Procurement", business_line="Drives")),
            ("tea", lambda a: Department(account_id=a, name='100% Tea_Shop "Best"')),
            ("quality", lambda a: Department(account_id=a, name="Quality 50%")),
            ("ob", lambda a: Person(account_id=a, name="O'Brien Motors")),
            ("acme", lambda a: Person(account_id=a, name="Acme Tools")),
        ):
            account = tx.insert(Account(name=f"Account {key}"))
            tx.insert(record(account.id))
            names[key] = account
    return ws, names


def _texts(ws, term):
    return sorted(h.text.split(" ")[0] for h in via_names(ws.conn, term))


def test_search_substrings_and_chinese_terms_of_any_length(named):
    ws, acc = named
    assert _texts(ws, "信移动") == ["华信移动通信集团"]
    assert _texts(ws, "华") == ["华信移动通信集团"]
    for term in ("王", "王强", "总经理"):
        hits = via_names(ws.conn, term)
        assert [(h.kind, h.account_id) for h in hits] == [("person", acc["wang"].id)], term
        assert hits[0].text.startswith("王强")
    assert {h.text.split(" ")[0] for h in via_names(ws.conn, "经理")} == {"王强", "李娜"}
    assert _texts(ws, "经") == ["李娜", "王强"]


def test_search_leaves_account_names_to_the_portfolio(named):
    ws, _ = named
    assert _texts(ws, "Account") == []  # the portfolio matches its own lines' fields


@pytest.mark.parametrize("term", ["acme", "ACME", "AcMe", "ac", "AC", "tools"])
def test_search_ignores_ascii_case(named, term):
    ws, _ = named
    assert _texts(ws, term) == ["Acme"]


def test_search_ignores_case_beyond_ascii_for_long_terms(named):
    ws, _ = named
    assert _texts(ws, "MÜLLER") == ["Müller"]
    assert _texts(ws, "söhne") == ["Müller"]


def test_search_ignores_case_beyond_ascii_for_short_terms(named):
    ws, _ = named
    assert _texts(ws, "MÜ") == ["Müller"]


@pytest.mark.parametrize("term,found", [
    ("%", ["100%", "Quality"]),
    ("0%", ["100%", "Quality"]),
    ("100%", ["100%"]),
    ("_", ["100%"]),
    ("a_", ["100%"]),
    ("Tea_", ["100%"]),
    ('"', ["100%"]),
    ('"Best"', ["100%"]),
    ("'", ["O'Brien"]),
    ("O'B", ["O'Brien"]),
    ("o'brien", ["O'Brien"]),
    ("\\", []),
    ("%_", []),
    ("a%e", []),
    ("M_ller", []),
])
def test_search_treats_wildcards_and_quotes_literally(named, term, found):
    ws, _ = named
    assert _texts(ws, term) == found


@pytest.mark.parametrize("term", ["AND", "OR", "NOT", "NEAR", "*", "(", ")", "a:b", "-x", "^Acme",
                                  "Acme*", "NEAR(a b)", '"unbalanced', "{x}", "   "])
def test_search_never_breaks_on_query_syntax(named, term):
    ws, _ = named
    hits = via_names(ws.conn, term)
    for h in hits:
        assert term.strip().casefold() in h.text.casefold()


def test_search_follows_renames_and_deletes(named):
    ws, acc = named
    (person,) = store_people.people(ws.db, acc["wang"].id)
    with write(ws) as tx:
        tx.update(person.model_copy(update={"name": "王大强"}))
    assert _texts(ws, "大强") == ["王大强"]
    (dept,) = store_people.departments(ws.db, acc["proc"].id)
    with write(ws) as tx:
        tx.update(dept.model_copy(update={"name": "Einkauf"}))
    assert _texts(ws, "Procurement") == []
    assert _texts(ws, "einkauf") == ["Einkauf"]
    assert [h.kind for h in via_names(ws.conn, "Drives")] == ["department"]
    (gone,) = store_people.people(ws.db, acc["li"].id)
    with write(ws) as tx:
        tx.delete(gone)
    assert _texts(ws, "李娜") == []


def test_search_empty_term(named):
    ws, _ = named
    assert via_names(ws.conn, "") == [] and via_names(ws.conn, "  ") == []


# -- ranges, counts, trees, history -------------------------------------------------------

def test_activities_by_account_and_date_range(demo):
    account_id = store_accounts.portfolio(demo.db, TODAY)[0].id
    plan = store_accounts.plan(demo.db, account_id)
    dated = sorted(a.planned_on for a in plan.activities if a.planned_on and not a.archived)
    assert len(dated) >= 4
    start, end = dated[1], dated[-2]  # boundaries that are activities' own dates
    got = store_activities.activities(demo.db, account_id, start.isoformat(), end.isoformat())
    want = [a for a in plan.activities if not a.archived and a.planned_on and start <= a.planned_on <= end]
    assert [a.id for a in got] == [a.id for a in sorted(want, key=lambda a: (a.planned_on, a.id))]
    assert all(isinstance(a, Activity) for a in got)
    assert any(a.planned_on == start for a in got) and any(a.planned_on == end for a in got)
    # open-ended ranges and the whole workspace
    assert {a.id for a in store_activities.activities(demo.db, account_id, start=start.isoformat())} == {
        a.id for a in plan.activities if not a.archived and a.planned_on and a.planned_on >= start}
    everyone = store_activities.activities(demo.db, None, start.isoformat(), end.isoformat())
    assert {a.account_id for a in everyone} >= {account_id}
    assert all(start <= a.planned_on <= end for a in everyone)
    assert store_activities.activities(demo.db, account_id, "2999-01-01", "2999-12-31") == []


def test_counts(demo):
    for row in store_accounts.portfolio(demo.db, TODAY):
        plan = store_accounts.plan(demo.db, row.id)
        assert store_accounts.counts(demo.db, row.id) == {
            "person": len(plan.people), "department": len(plan.departments),
            "activity": len(plan.activities), "assessment": len(plan.assessments),
            "competitor": len(plan.competitors),
        }
    assert set(store_accounts.counts(demo.db, "0" * 32).values()) == {0}


def test_department_tree_and_assessment_history(demo):
    account_id = store_accounts.portfolio(demo.db, TODAY)[0].id
    plan = store_accounts.plan(demo.db, account_id)
    active = store_people.departments(demo.db, account_id)
    assert any(d.parent_id for d in active) and any(d.parent_id is None for d in active)
    assert active == [d for d in plan.departments if not d.archived]  # every level, in list order
    assert store_people.departments(demo.db, account_id, include_archived=True) == plan.departments
    history = store_assessments.assessments(demo.db, account_id)
    assert [a.assessed_on for a in history] == sorted(a.assessed_on for a in history)
    assert len(history) >= 2 and history[-1] == plan.latest


def test_first_rows_are_the_portfolios_first_lines(demo):
    from kamtui.domain.models import Account

    with write(demo, who="t") as tx:  # names sorting around the demo's, one archived
        tx.insert_many([Account(name=f"Acme {i:02d}") for i in range(12)])
        tx.insert(Account(name="Acme 05b", archived=True))
    for archived in (False, True):
        everything = store_accounts.portfolio(demo.db, TODAY, include_archived=archived)
        for limit in (1, 5, len(everything), len(everything) + 3):
            assert store_accounts.first_rows(demo.conn, TODAY, limit, archived) == everything[:limit]


def test_the_filter_finds_every_account_through_its_people_however_many_names_match(ws):
    """One hit per account: a short term matching thousands of names in one account does
    not crowd out another account's only match (a LIMIT on raw hits once did)."""
    from kamtui.domain.models import Account, Department, Person

    big, small, none = Account(name="Big"), Account(name="Small"), Account(name="None")
    dept = Department(account_id=big.id, name="Sales")
    with write(ws, who="t") as tx:
        tx.insert_many([big, small, none, dept])
        tx.insert_many([Person(account_id=big.id, department_id=dept.id, name=f"Ann {i}") for i in range(2100)])
        tx.insert(Person(account_id=small.id, name="Annette"))
        tx.insert(Person(account_id=none.id, name="Bob"))
    for term in ("an", "Ann", "ANNE", "nn"):
        found = {h.account_id: h for h in via_names(ws.conn, term)}
        assert set(found) >= {small.id} and none.id not in found, term
        assert found[small.id].kind == "person" and found[small.id].text.startswith("Annette")
    assert {h.account_id for h in via_names(ws.conn, "ann")} == {big.id, small.id}
    assert via_names(ws.conn, "  ") == []
