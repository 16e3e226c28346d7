"""Files in the real formats, made from the vendors' documented column sets and the RFCs'
examples: each imports every person with title, e-mail, phone, department path and manager."""

from __future__ import annotations

import pytest
from contact_files import dynamics_xlsx, google_csv, hubspot_csv, salesforce_csv, vcards
from contacts_helpers import ctx_of, new_account, run_import, stored

from kamtui.services.contacts import apply


def test_salesforce_export_in_gb18030_with_chinese_names(ws, tmp_path):
    path = tmp_path / "Contact.csv"
    expected = salesforce_csv(path)
    assert "䶮".encode("gb18030") in path.read_bytes()  # a character GBK does not have
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    prepared = apply.prepare(path)
    assert prepared.sheet.encoding == "gb18030"
    assert prepared.mapping.preset.name == "salesforce"
    assert prepared.mapping.columns("reports_to") == ["ReportsToId"]
    ctx = ctx_of(ws)
    account = new_account(ctx)
    result = apply.import_contacts(ctx, account, prepared)
    assert (len(result.creates), len(result.updates), len(result.problems)) == (5, 0, 0)
    assert stored(ctx, account) == expected
    assert stored(ctx, account)["欧阳䶮"][3] == "李芳"  # ReportsToId pointed at 李芳's Id


def test_dynamics_export_to_excel(ws, tmp_path):
    path = tmp_path / "Active Contacts 12-7-2026.xlsx"
    expected = dynamics_xlsx(path)
    prepared = apply.prepare(path)
    assert (prepared.sheet.kind, prepared.sheet.sheet) == ("xlsx", "Active Contacts 12-7-2026")
    assert prepared.mapping.preset.name == "dynamics"
    assert [p.number for p in prepared.sheet.places] == [2, 3, 4]  # Excel's own row numbers
    ctx = ctx_of(ws)
    account = new_account(ctx, "Harbourline Bank")
    apply.import_contacts(ctx, account, prepared)
    assert stored(ctx, account) == expected
    assert stored(ctx, account)["Thomas Becker"][4] == "861055550101"  # a number cell, read as digits


def test_multi_card_vcf_with_folded_lines_and_escaped_commas(ws, tmp_path):
    path = tmp_path / "contacts.vcf"
    expected = vcards(path)
    prepared = apply.prepare(path)
    assert (prepared.sheet.kind, prepared.mapping.preset.name) == ("vcard", "vcard")
    begins = [n for n, line in enumerate(path.read_text().splitlines(), 1) if line.upper() == "BEGIN:VCARD"]
    assert len(begins) == 4 and begins[0] == 1
    assert [str(p) for p in prepared.sheet.places] == [f"card {i} (line {n})" for i, n in enumerate(begins, 1)]
    row = prepared.sheet.rows[2]
    column = prepared.sheet.headers.index
    assert row[column("ORG")] == "ABC, Inc."  # the escaped comma is a comma, not a separator
    assert row[column("NOTE")] == "Met at the IETF meeting, Quebec; prefers French and a long folded note."
    ctx = ctx_of(ws)
    account = new_account(ctx, "ABC")
    apply.import_contacts(ctx, account, prepared)
    assert stored(ctx, account) == expected


def test_hubspot_export_with_a_byte_order_mark_and_a_mapped_column(ws, tmp_path):
    path = tmp_path / "hubspot-crm-exports-all-contacts-2026-12-07.csv"
    expected = hubspot_csv(path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    prepared = apply.prepare(path, maps=[("Manager Email", "reports_to")])
    assert prepared.sheet.headers[0] == "Record ID"  # no BOM left on the first header
    assert prepared.mapping.preset.name == "hubspot"
    ctx = ctx_of(ws)
    account = new_account(ctx, "Nordwind")
    apply.import_contacts(ctx, account, prepared)
    assert stored(ctx, account) == expected
    assert stored(ctx, account)["Zoë Ng"][0] == "Buyer, Packaging"  # a quoted comma stays in the title


def test_google_csv_reads_the_first_of_several_addresses_and_the_manager_relation(ws, tmp_path):
    path = tmp_path / "contacts.csv"
    expected = google_csv(path)
    ctx = ctx_of(ws)
    account = new_account(ctx, "Example Corp")
    result = run_import(ctx, account, path)
    assert not result.problems
    assert stored(ctx, account) == expected


@pytest.mark.parametrize("maker", [salesforce_csv, dynamics_xlsx, vcards, hubspot_csv, google_csv])
def test_round_trip_import_export_the_plan_reimport_changes_nothing(tmp_path, maker):
    """Import the contacts, export the account's plan, import the plan into a new workspace,
    import the same contacts file there: nothing changes (e-mail and phone came through the
    plan file)."""
    from kamtui.services.plans import export, import_
    from kamtui.store import Workspace

    path = tmp_path / ("people.xlsx" if maker is dynamics_xlsx else "people.vcf" if maker is vcards else "people.csv")
    maker(path)
    maps = [("Manager Email", "reports_to")] if maker is hubspot_csv else []
    first = Workspace.create(tmp_path / "first.sqlite", team_name="t")
    second = Workspace.create(tmp_path / "second.sqlite", team_name="t")
    try:
        ctx = ctx_of(first)
        account = new_account(ctx)
        run_import(ctx, account, path, maps=maps)
        people_before = stored(ctx, account)
        plan_file = tmp_path / "plan.toml"
        plan_file.write_text(export.account_text(ctx, account), encoding="utf-8")
        assert "email = " in plan_file.read_text(encoding="utf-8")

        ctx2 = ctx_of(second)
        import_.import_path(ctx2, plan_file)
        assert stored(ctx2, account) == people_before
        audit_before = second.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
        rows_before = second.conn.execute("SELECT * FROM person ORDER BY id").fetchall()
        again = run_import(ctx2, account, path, maps=maps)
        assert {e.action for e in again.entries} == {"skip"}
        assert {e.reason for e in again.entries} == {"skip.unchanged"}
        assert again.written == 0
        assert second.conn.execute("SELECT * FROM person ORDER BY id").fetchall() == rows_before
        assert second.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == audit_before
    finally:
        first.close()
        second.close()
