"""Reading contact files: the kind from the content, the encoding found by charset-normalizer,
the delimiter, spreadsheets' sheets and numbers, vCards cut apart, and the limits."""

from __future__ import annotations

import zipfile
import pytest
from contact_files import VCARDS, csv_bytes, dynamics_xlsx

from kamtui.errors import InputError
from kamtui.services.contacts import readers

ROWS = [["姓名", "职务", "部门", "邮箱"], ["王强", "总经理", "总经理办公室", "wq@example.cn"],
        ["李芳", "首席信息官", "信息技术部", "lf@example.cn"]]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_the_encoding_is_found_from_the_bytes_not_the_name(tmp_path, encoding):
    path = tmp_path / "people.txt"  # no .csv: the name says nothing
    path.write_bytes(csv_bytes(ROWS, encoding))
    sheet = readers.read(path)
    assert sheet.kind == "csv"
    assert sheet.headers == ROWS[0]
    assert sheet.rows == ROWS[1:]
    assert (sheet.encoding or "").replace("_", "-") in {"utf-8", "gb18030", "gbk", "utf-8-sig"}


def test_a_named_encoding_wins_and_a_wrong_one_is_one_sentence(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes(ROWS, "gb18030"))
    assert readers.read(path, encoding="gb18030").rows == ROWS[1:]
    with pytest.raises(InputError, match="cannot be read as utf-8"):
        readers.read(path, encoding="utf-8")
    with pytest.raises(InputError, match="not an encoding"):
        readers.read(path, encoding="klingon")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_the_one_the_header_line_has(tmp_path, delimiter):
    rows = [["Name", "Title", "Email"], ["Ann Lee", "CFO; Treasurer", "ann@x.example"]]
    path = tmp_path / "p.csv"
    path.write_bytes(csv_bytes(rows, delimiter=delimiter))
    assert readers.read(path).rows == [rows[1]]


def test_csv_places_are_the_lines_where_records_start(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text('Name,Title\r\n\r\nAnn,"Head of\nSales"\r\nBob,CTO\r\n', encoding="utf-8")
    sheet = readers.read(path)
    assert [str(p) for p in sheet.places] == ["line 3", "line 5"]
    assert sheet.rows[0] == ["Ann", "Head of\nSales"]


def test_short_rows_are_padded_and_long_ones_noted(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("Name,Title\nAnn\nBob,CTO,extra,more\nCy,CEO,,\n", encoding="utf-8")
    sheet = readers.read(path)
    assert sheet.rows == [["Ann", ""], ["Bob", "CTO"], ["Cy", "CEO"]]
    assert sheet.too_long == {1: 2}


def test_a_spreadsheet_reads_its_first_sheet_or_the_one_named(tmp_path):
    path = tmp_path / "contacts"  # no suffix: a zip is a spreadsheet
    dynamics_xlsx(path)
    assert readers.read(path).sheet == "Active Contacts 12-7-2026"
    assert readers.read(path, sheet="hiddenSheet").headers == ["contact:ActiveContacts"]
    with pytest.raises(InputError, match="no sheet named 'Nope'"):
        readers.read(path, sheet="Nope")
    with pytest.raises(InputError, match="--encoding applies to text files"):
        readers.read(path, encoding="gbk")


def test_limits_size_unpacked_size_rows_and_nesting(tmp_path, monkeypatch):
    path = tmp_path / "p.csv"
    path.write_bytes(csv_bytes(ROWS))
    monkeypatch.setattr(readers, "MAX_BYTES", 50)
    with pytest.raises(InputError, match="more than the 0 MiB"):
        readers.read(path)
    monkeypatch.undo()

    monkeypatch.setattr(readers, "MAX_ROWS", 1)
    with pytest.raises(InputError, match="more than 1 contacts"):
        readers.read(path)
    monkeypatch.undo()

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"0" * (4 * 1024 * 1024))
    monkeypatch.setattr(readers, "MAX_UNPACKED", 1024 * 1024)
    with pytest.raises(InputError, match="unpacks to 4 MiB"):
        readers.read(bomb)
    monkeypatch.undo()

    nested = tmp_path / "nested.vcf"
    nested.write_text("BEGIN:VCARD\r\n" * 12 + "END:VCARD\r\n" * 12, encoding="utf-8")
    with pytest.raises(InputError, match="nested more than 10 deep"):
        readers.read(nested)


def test_files_that_are_not_contacts_are_one_sentence(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="the file is empty"):
        readers.read(empty)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(InputError, match="damaged"):
        readers.read(broken)
    with pytest.raises(InputError, match="no such file"):
        readers.read(tmp_path / "missing.csv")
    with pytest.raises(InputError, match="is a folder"):
        readers.read(tmp_path)
    unterminated = tmp_path / "u.vcf"
    unterminated.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1: the card that starts here has no END:VCARD"):
        readers.read(unterminated)


def test_a_broken_card_is_named_and_the_others_still_read(tmp_path):
    path = tmp_path / "c.vcf"
    bad = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\nthis line has no colon\r\nEND:VCARD\r\n"
    path.write_text(bad + VCARDS, encoding="utf-8")
    sheet = readers.read(path)
    assert len(sheet.rows) == 5
    assert list(sheet.broken) == [0]
    assert "cannot be read" in sheet.broken[0]
    assert sheet.rows[1][sheet.headers.index("FN")] == "Frank Dawson"


def test_vcards_in_gb18030_and_versions_2_1_to_4_0(tmp_path):
    path = tmp_path / "c.vcf"
    text = ("BEGIN:VCARD\r\nVERSION:2.1\r\nN:王;强\r\nFN:王强\r\nORG:华信移动;信息技术部;安全\r\nTITLE:安全主管\r\n"
            "TEL;WORK;VOICE:021-5555 0101\r\nEMAIL;PREF;INTERNET:wq@huaxin.cn\r\nEND:VCARD\r\n")
    path.write_bytes(text.encode("gb18030"))
    sheet = readers.read(path)
    row = dict(zip(sheet.headers, sheet.rows[0]))
    assert (row["FN"], row["N.family"], row["N.given"], row["ORG.units"], row["TITLE"], row["EMAIL"]) == (
        "王强", "王", "强", "信息技术部 / 安全", "安全主管", "wq@huaxin.cn")

