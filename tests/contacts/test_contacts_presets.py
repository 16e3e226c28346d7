"""Which columns give which field: presets recognised from the vendors' header rows, the
common English and Chinese headers, --map, and the docs and --help naming every column."""

from __future__ import annotations

from pathlib import Path

import pytest
from contact_files import DYNAMICS_HEADERS, GOOGLE_HEADERS, HUBSPOT_HEADERS, SALESFORCE_HEADERS, csv_bytes

from kamtui.errors import InputError
from kamtui.services.contacts import mapping, presets, readers

REPO = Path(__file__).resolve().parents[2]


def sheet_of(tmp_path, headers, *rows):
    path = tmp_path / "p.csv"
    path.write_bytes(csv_bytes([headers, *rows]))
    return readers.read(path)


@pytest.mark.parametrize("headers, name", [
    (SALESFORCE_HEADERS, "salesforce"),
    ([h.upper() for h in SALESFORCE_HEADERS], "salesforce"),  # Data Loader writes capitals
    (["Contact ID", "First Name", "Last Name", "Title", "Account Name", "Email"], "salesforce"),
    (DYNAMICS_HEADERS, "dynamics"),
    (["contactid", "fullname", "jobtitle", "emailaddress1", "managername"], "dynamics"),
    (HUBSPOT_HEADERS, "hubspot"),
    (["hs_object_id", "firstname", "lastname", "email", "jobtitle"], "hubspot"),
    (GOOGLE_HEADERS, "google"),
    (["First Name", "Middle Name", "Last Name", "Organization Name", "Organization Title",
      "Organization Department", "E-mail 1 - Label", "E-mail 1 - Value", "Relation 1 - Label",
      "Relation 1 - Value"], "google"),
    (["姓名", "职务", "部门", "上级", "邮箱", "手机"], "common"),
    (["Name", "Title", "Email"], "common"),
])
def test_presets_are_recognised_from_the_header_row(tmp_path, headers, name):
    sheet = sheet_of(tmp_path, headers)
    assert presets.recognise(sheet.headers, sheet.kind).name == name


def test_chinese_headers_give_every_field(tmp_path):
    sheet = sheet_of(tmp_path, ["姓名", "职务", "部门", "上级", "电子邮件", "手机"],
                     ["张伟", "安全主管", "信息技术部 / 安全", "李芳", "zw@example.cn", "138 0013 8003"])
    found = mapping.mapping_for(sheet)
    contacts, problems, _ = mapping.contacts(sheet, found)
    assert not problems
    f = contacts[0].fields
    assert (f.name, f.title, f.department, f.reports_to, f.email, f.phone) == (
        "张伟", "安全主管", ["信息技术部", "安全"], "李芳", "zw@example.cn", "138 0013 8003")


def test_the_first_column_not_empty_on_the_row_gives_the_field(tmp_path):
    sheet = sheet_of(tmp_path, SALESFORCE_HEADERS,
                     ["1", "0", "a", "Lee", "Ann", "", "", "", "", "", "", "+1 555 0100", "", "", "", "", "", ""])
    contacts, _, _ = mapping.contacts(sheet, mapping.mapping_for(sheet))
    assert contacts[0].fields.phone == "+1 555 0100"  # Phone empty: MobilePhone
    assert contacts[0].fields.name == "Ann Lee"  # Name empty: FirstName + LastName


def test_map_replaces_a_fields_columns_and_ignore_drops_one(tmp_path):
    sheet = sheet_of(tmp_path, ["Name", "Title", "Position", "Boss"], ["Ann", "Dr.", "CFO", "Bob"],
                     ["Bob", "", "CEO", ""])
    plain = mapping.mapping_for(sheet)
    assert plain.columns("title") == ["Title", "Position"]
    found = mapping.mapping_for(sheet, mapping.parse_maps(["position=title", "Boss=reports_to"]))
    assert found.columns("title") == ["Position"] and found.columns("reports_to") == ["Boss"]
    contacts, _, _ = mapping.contacts(sheet, found)
    assert [(c.fields.title, c.fields.reports_to) for c in contacts] == [("CFO", "Bob"), ("CEO", "")]
    dropped = mapping.mapping_for(sheet, mapping.parse_maps(["Title=ignore"]))
    assert dropped.columns("title") == ["Position"]


def test_map_mistakes_are_one_sentence(tmp_path):
    sheet = sheet_of(tmp_path, ["Name", "Title"])
    with pytest.raises(InputError, match="no column 'Boss'.*its columns: Name, Title"):
        mapping.mapping_for(sheet, [("Boss", "reports_to")])
    with pytest.raises(InputError, match="'boss' is not a field"):
        mapping.parse_maps(["Title=boss"])
    with pytest.raises(InputError, match="COLUMN=FIELD"):
        mapping.parse_maps(["Title"])
    with pytest.raises(InputError, match="no such preset"):
        mapping.mapping_for(sheet, [], "sap")
    nameless = sheet_of(tmp_path, ["Title", "Email"])
    with pytest.raises(InputError, match="no column gives the people's names"):
        mapping.mapping_for(nameless)


def test_bad_values_name_the_row_and_the_column(tmp_path):
    sheet = sheet_of(tmp_path, ["Full Name", "E-mail", "Mobile", "Title"],
                     ["Ann", "ann-at-example", "call me", "x" * 201], ["", "b@x.example", "", ""],
                     ["Cy", "mailto:cy@x.example", "+1 (555) 010-0199", ""])
    contacts, problems, _ = mapping.contacts(sheet, mapping.mapping_for(sheet))
    assert [(str(p.place), p.column, p.code) for p in problems] == [
        ("line 2", "Title", "too_long"), ("line 2", "E-mail", "bad_email"), ("line 2", "Mobile", "bad_phone"),
        ("line 3", "Full Name", "no_name")]
    assert [(c.fields.email, c.fields.phone) for c in contacts] == [("cy@x.example", "+1 (555) 010-0199")]


def test_docs_and_help_name_every_column_of_every_preset():
    from click.testing import CliRunner

    from kamtui.cli import cli

    docs = (REPO / "docs" / "contacts.md").read_text(encoding="utf-8")
    shown = CliRunner().invoke(cli, ["people", "import", "--help"], terminal_width=200).output
    for preset in presets.PRESETS.values():
        assert preset.label in docs and preset.label in shown
        for field, columns in presets.describe(preset):
            assert f"{field}: {columns}" in shown, (preset.name, field)
            for column in columns.split(", "):
                assert column.split(" (when")[0] in docs, (preset.name, column)
