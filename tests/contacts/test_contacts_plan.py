"""Who a row is and what importing it does: matching (e-mail, name and department, the only
one of a name), updates that keep what the file leaves empty and never touch the method's
fields, duplicates, managers by record id, e-mail or name, circles, --skip-bad."""

from __future__ import annotations

import pytest
from contact_files import csv_bytes
from contacts_helpers import ctx_of, new_account, run_import, stored

from kamtui.domain.contacts import compose_name, department_path
from kamtui.domain.tree import cycles
from kamtui.domain.enums import Attitude, ChainRole
from kamtui.errors import InputError
from kamtui.services import people

HEAD = ["Name", "Title", "Department", "Email", "Phone", "Reports To"]


@pytest.fixture
def account(ws):
    ctx = ctx_of(ws)
    return ctx, new_account(ctx)


def write(tmp_path, *rows, head=HEAD, name="p.csv"):
    path = tmp_path / name
    path.write_bytes(csv_bytes([head, *rows]))
    return path


def problems_of(result):
    return [(str(p.place), p.column, p.code) for p in result.problems]


def test_matching_by_email_then_name_and_department_then_the_only_name(account, tmp_path):
    ctx, acc = account
    it = people.add_department(ctx, {"account_id": acc, "name": "IT"})
    sec = people.add_department(ctx, {"account_id": acc, "parent_id": it.id, "name": "Security"})
    by_mail = people.add_person(ctx, {"account_id": acc, "name": "Thomas Becker", "email": "TB@Bank.example",
                                      "attitude": Attitude.advocate, "role": ChainRole.decision_maker,
                                      "influence": 5, "personal_needs": "golf"})
    by_dept = people.add_person(ctx, {"account_id": acc, "name": "Anna Schmidt", "department_id": sec.id})
    only = people.add_person(ctx, {"account_id": acc, "name": "Liu Yang", "department_id": it.id})
    path = write(tmp_path,
                 ["Tom Becker", "CIO", "", "tb@bank.example", "", ""],  # same e-mail, another spelling
                 ["anna  SCHMIDT", "Head of Security", "it / security", "", "+49 1", ""],
                 ["Liu Yang", "", "", "liu@bank.example", "", ""],  # no department: the only Liu Yang
                 ["Anna Schmidt", "Auditor", "Audit", "", "", ""])  # another department: a new person
    result = run_import(ctx, acc, path, dry_run=True)
    assert [(e.action, e.reason) for e in result.entries] == [
        ("update", "update.email"), ("update", "update.name_department"), ("update", "update.name"),
        ("create", "create.new")]
    assert result.entries[0].changes == {"name": ("Thomas Becker", "Tom Becker"), "title": ("", "CIO")}
    run_import(ctx, acc, path)
    after = {p.id: p for p in people.people(ctx, acc)}
    tom = after[by_mail.id]
    assert (tom.name, tom.title, tom.email) == ("Tom Becker", "CIO", "TB@Bank.example")
    # the method's fields and the private ones are the file's to leave alone
    assert (tom.attitude, tom.role, tom.influence, tom.personal_needs) == (
        Attitude.advocate, ChainRole.decision_maker, 5, "golf")
    assert after[by_dept.id].name == "Anna Schmidt"  # the stored spelling stays when matched by name
    assert (after[by_dept.id].title, after[by_dept.id].phone) == ("Head of Security", "+49 1")
    assert (after[only.id].email, after[only.id].department_id) == ("liu@bank.example", it.id)  # empty keeps
    new = [p for p in after.values() if p.id not in (by_mail.id, by_dept.id, only.id)]
    assert [(p.name, p.title, p.attitude, p.role, p.influence) for p in new] == [
        ("Anna Schmidt", "Auditor", Attitude.unknown, None, 3)]
    assert len(after) == 4


def test_importing_twice_changes_nothing_and_archived_people_are_skipped(account, tmp_path):
    ctx, acc = account
    path = write(tmp_path, ["Ann Lee", "CFO", "Finance", "ann@x.example", "1", ""],
                 ["Bob Wu", "CEO", "", "bob@x.example", "2", ""])
    first = run_import(ctx, acc, path)
    assert len(first.creates) == 2
    people.archive_person(ctx, next(p for p in people.people(ctx, acc) if p.name == "Bob Wu"))
    again = run_import(ctx, acc, path)
    assert [(e.action, e.reason) for e in again.entries] == [("skip", "skip.unchanged"), ("skip", "skip.archived")]
    assert again.written == 0
    assert len(people.people(ctx, acc)) == 1 and len(people.departments(ctx, acc)) == 1


def test_department_paths_reuse_what_exists_and_create_the_rest(account, tmp_path):
    ctx, acc = account
    it = people.add_department(ctx, {"account_id": acc, "name": "IT"})
    people.add_department(ctx, {"account_id": acc, "parent_id": it.id, "name": "Network"})
    path = write(tmp_path, ["A", "", "IT / Security / SOC", "", "", ""], ["B", "", "network", "", "", ""],
                 ["C", "", "IT ＞ Security", "", "", ""], ["D", "", "Sales>East", "", "", ""])
    result = run_import(ctx, acc, path)
    assert [d.name for d in result.new_departments] == ["Security", "SOC", "Sales", "East"]
    assert {k: v[2] for k, v in stored(ctx, acc).items()} == {
        "A": "IT / Security / SOC", "B": "IT / Network", "C": "IT / Security", "D": "Sales / East"}


def test_managers_by_record_id_email_or_name_in_the_file_or_the_account(account, tmp_path):
    ctx, acc = account
    people.add_person(ctx, {"account_id": acc, "name": "Boss Stored", "email": "boss@x.example"})
    path = write(tmp_path, ["r1", "Ann", "boss@x.example"], ["r2", "Bob", "r1"], ["r3", "Cy", "bob"],
                 ["r4", "Di", "Boss Stored"], head=["Id", "Full Name", "Manager"])
    run_import(ctx, acc, path)
    assert {k: v[3] for k, v in stored(ctx, acc).items()} == {
        "Boss Stored": "", "Ann": "Boss Stored", "Bob": "Ann", "Cy": "Bob", "Di": "Boss Stored"}


def test_bad_managers_are_named_not_guessed(account, tmp_path):
    ctx, acc = account
    people.add_person(ctx, {"account_id": acc, "name": "Li Wei", "email": "li.wei.1@x.example"})
    people.add_person(ctx, {"account_id": acc, "name": "Li Wei", "email": "li.wei.2@x.example"})
    path = write(tmp_path, ["Ann", "", "", "", "", "Nobody"], ["Bob", "", "", "", "", "li wei"],
                 ["Cy", "", "", "cy@x.example", "", "cy@x.example"], ["Di", "", "", "", "", "li.wei.2@x.example"])
    with pytest.raises(InputError) as raised:
        run_import(ctx, acc, path)
    assert [w for w, _ in raised.value.problems] == [
        "p.csv, line 2, column Reports To", "p.csv, line 3, column Reports To", "p.csv, line 4, column Reports To"]
    assert [m for _, m in raised.value.problems] == [
        "no one in the file or the account is 'Nobody'", "2 people are named 'li wei': name the manager by e-mail",
        "reports to themselves"]
    assert "3 bad rows" in str(raised.value) and "nothing was imported" in str(raised.value)
    assert len(people.people(ctx, acc)) == 2  # nothing written


def test_reports_to_circles_in_the_file_and_through_the_account(account, tmp_path):
    ctx, acc = account
    path = write(tmp_path, ["Ann", "", "", "", "", "Cy"], ["Bob", "", "", "", "", "Ann"], ["Cy", "", "", "", "", "Bob"],
                 ["Di", "", "", "", "", "Ann"])
    result = run_import(ctx, acc, path, dry_run=True)
    assert problems_of(result) == [(f"line {n}", "Reports To", "cycle") for n in (2, 3, 4)]
    assert result.problems[0].params["names"] == "Ann → Cy → Bob → Ann"
    # Di reports into the circle: not in it, not bad; without --skip-bad nothing is written anyway
    assert [e.action for e in result.entries] == ["skip", "skip", "skip", "create"]

    ok = write(tmp_path, ["Eve", "", "", "eve@x.example", "", ""], ["Fay", "", "", "", "", "Eve"], name="ok.csv")
    run_import(ctx, acc, ok)
    turn = write(tmp_path, ["Eve", "", "", "eve@x.example", "", "Fay"], name="turn.csv")  # Fay is Eve's, stored
    result = run_import(ctx, acc, turn, dry_run=True)
    assert problems_of(result) == [("line 2", "Reports To", "cycle")]
    assert result.problems[0].params["names"] == "Eve → Fay → Eve"


def test_duplicate_rows_and_two_rows_for_one_person(account, tmp_path):
    ctx, acc = account
    people.add_person(ctx, {"account_id": acc, "name": "Ann", "email": "ann@x.example"})
    path = write(tmp_path, ["Bob", "", "", "bob@x.example", "", ""], ["Bobby", "", "", "BOB@x.example", "", ""],
                 ["Cy", "", "Ops", "", "", ""], ["cy", "", "ops", "", "", ""],
                 ["Ann", "CFO", "", "", "", ""], ["Ann B", "", "", "ann@x.example", "", ""])
    result = run_import(ctx, acc, path, dry_run=True)
    assert problems_of(result) == [("line 3", "", "dup_email"), ("line 5", "", "dup_person"),
                                   ("line 7", "", "same_match")]
    assert str(result.problems[0].params["where"]) == "line 2"


def test_skip_bad_imports_the_rest_and_drops_the_reports_of_a_skipped_manager(account, tmp_path):
    ctx, acc = account
    path = write(tmp_path, ["Ann", "", "", "not-an-address", "", ""], ["Bob", "", "", "", "", "Ann"],
                 ["Cy", "", "", "", "", "Bob"], ["Di", "CTO", "", "", "", ""])
    with pytest.raises(InputError):
        run_import(ctx, acc, path)
    result = run_import(ctx, acc, path, skip_bad=True)
    assert problems_of(result) == [("line 2", "Email", "bad_email"), ("line 3", "Reports To", "manager_bad"),
                                   ("line 4", "Reports To", "manager_bad")]
    assert [(e.action, e.reason) for e in result.entries] == [("skip", "skip.bad")] * 3 + [("create", "create.new")]
    assert stored(ctx, acc) == {"Di": ("CTO", "", "", "", "")}


def test_the_rules_themselves():
    assert department_path(" IT /Security／ SOC > Tier 1 ") == ["IT", "Security", "SOC", "Tier 1"]
    assert department_path("R&D") == ["R&D"] and department_path(" / ") == []
    assert compose_name("强", "王") == "王强" and compose_name("Thomas", "Becker") == "Thomas Becker"
    assert compose_name("", "Becker") == "Becker" and compose_name("Chloé", "") == "Chloé"
    assert cycles({"a": "b", "b": "a", "c": "a", "d": None}) == [["a", "b"]]
    assert cycles({"x": "x"}) == [["x"]]
    assert cycles({"c": "a", "a": "b", "b": "c", "d": "e", "e": "d", "f": "zz"}) == [["a", "b", "c"], ["d", "e"]]


def test_new_people_wait_on_the_map_as_unknown_for_their_assessment(account, tmp_path):
    """What the method adds starts unknown: the map's influence × attitude view lists the new
    people under "?" (its legend: assess them); a decision-chain role given there brings a
    person into the assessment wizard."""
    from kamtui.services import map_data
    from kamtui.services.assessments.session import AssessmentSession

    ctx, acc = account
    path = write(tmp_path, ["Ann Lee", "CFO", "Finance", "ann@x.example", "", ""],
                 ["Bob Wu", "Controller", "Finance", "", "", "Ann Lee"])
    run_import(ctx, acc, path)
    cells = map_data.grid(map_data.load(ctx, acc))
    assert sorted(p.name for p in cells[(3, Attitude.unknown)]) == ["Ann Lee", "Bob Wu"]
    assert AssessmentSession.start(ctx, acc).data.people == []  # nobody in the decision chain yet
    ann = next(p for p in people.people(ctx, acc) if p.name == "Ann Lee")
    people.edit_person(ctx, ann, {"role": ChainRole.decision_maker})
    session = AssessmentSession.start(ctx, acc)
    assert [(session.person(e.person_id).name, e.attitude) for e in session.data.people] == [
        ("Ann Lee", Attitude.unknown)]
