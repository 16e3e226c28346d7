"""`kamtui people import` as a real process (the installed entry point): the dry run's table
on stdout, how the file was read on stderr, one error line and exit 1 for bad rows (each
listed with its line and column), --skip-bad, --map, --lang, and nothing hostile from a file
reaching the terminal."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from contact_files import csv_bytes, salesforce_csv

KAMTUI = str(Path(sys.executable).parent / "kamtui")


@pytest.fixture
def team(tmp_path, demo_template) -> dict[str, str]:
    folder = tmp_path / "workspaces"
    folder.mkdir()
    shutil.copy(demo_template, folder / "team.sqlite")
    return {**os.environ, "KAMTUI_WORKSPACES": str(folder), "KAMTUI_USER": "tester", "COLUMNS": "200",
            "PYTHONIOENCODING": "utf-8"}


def kamtui(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([KAMTUI, *args], env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)


def people_of(env: dict[str, str], short_name: str) -> dict[str, tuple]:
    conn = sqlite3.connect(Path(env["KAMTUI_WORKSPACES"]) / "team.sqlite")
    try:
        return {r[0]: r[1:] for r in conn.execute(
            "SELECT p.name, p.title, p.email, p.phone FROM person p JOIN account a ON a.id = p.account_id "
            "WHERE a.short_name = ?", [short_name])}
    finally:
        conn.close()


def test_dry_run_prints_a_line_per_person_and_writes_nothing(team, tmp_path):
    path = tmp_path / "Contact.csv"
    salesforce_csv(path)
    before = people_of(team, "Harbourline")
    done = kamtui(team, "people", "import", "team", str(path), "--account", "Harbourline", "--dry-run")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["where", "action", "name", "department", "reason"]
    assert [line.split()[:4] for line in lines[1:]] == [
        ["line", "2", "create", "王强"], ["line", "3", "create", "李芳"], ["line", "4", "create", "张伟"],
        ["line", "5", "create", "欧阳䶮"], ["line", "6", "create", "刘娜"]]
    assert "信息技术部 / 安全" in lines[3]
    assert "Contact.csv: CSV, gb18030, 5 rows, columns read as Salesforce" in done.stderr
    assert "reports_to ← ReportsToId" in done.stderr
    assert "Dry run for Harbourline Bank (China) Co., Ltd.: 5 to create, 0 to update, 0 to skip, " \
           "5 departments to create; nothing was written." in done.stderr
    assert people_of(team, "Harbourline") == before


def test_the_real_run_then_the_same_file_again(team, tmp_path):
    path = tmp_path / "Contact.csv"
    salesforce_csv(path)
    done = kamtui(team, "people", "import", "team", str(path), "--account", "harbourline")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert "Imported Contact.csv into Harbourline Bank (China) Co., Ltd.: 5 created, 0 updated, 0 skipped, " \
           "5 departments created." in done.stderr
    assert people_of(team, "Harbourline")["张伟"] == ("安全主管", "zhang.wei@huaxin.cn", "021-5555 0103 转 8012")
    again = kamtui(team, "people", "import", "team", str(path), "--account", "Harbourline", "--dry-run",
                   "--lang", "zh")
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[0].split() == ["位置", "操作", "姓名", "部门", "原因"]
    assert all(line.split()[3:4] == ["跳过"] and line.endswith("无变化") for line in again.stdout.splitlines()[1:])


def test_bad_rows_are_listed_and_nothing_is_written_unless_skipped(team, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes([["姓名", "职务", "邮箱", "上级"], ["王强", "总经理", "wq@x.example", ""],
                                ["李芳", "CIO", "not an address", "王强"], ["张伟", "", "", "赵六"],
                                ["刘娜", "CFO", "", "王强"]], "gb18030"))
    before = people_of(team, "Harbourline")
    done = kamtui(team, "people", "import", "team", str(path), "--account", "Harbourline")
    assert done.returncode == 1
    assert done.stdout == ""
    errors = [line for line in done.stderr.splitlines() if line.startswith("kamtui: error:")]
    assert errors == ["kamtui: error: people.csv: 2 bad rows, 2 problems (nothing was imported; "
                      "--skip-bad imports the other rows)"]
    assert "  people.csv, line 3, column 邮箱: 'not an address' is not an e-mail address" in done.stderr
    assert "  people.csv, line 4, column 上级: no one in the file or the account is '赵六'" in done.stderr
    assert "Traceback" not in done.stderr
    assert people_of(team, "Harbourline") == before

    dry = kamtui(team, "people", "import", "team", str(path), "--account", "Harbourline", "--dry-run")
    assert dry.returncode == 1  # the table, then the refusal
    table = [line.split(maxsplit=4) for line in dry.stdout.splitlines()[1:]]
    assert [row[:4] for row in table] == [["line", "2", "create", "王强"], ["line", "3", "skip", "李芳"],
                                          ["line", "4", "skip", "张伟"], ["line", "5", "create", "刘娜"]]
    assert table[2][4] == "bad row: no one in the file or the account is '赵六'"

    skipped = kamtui(team, "people", "import", "team", str(path), "--account", "Harbourline", "--skip-bad")
    assert skipped.returncode == 0, skipped.stderr
    assert "kamtui: skipped people.csv, line 3, column 邮箱: 'not an address' is not an e-mail address" in skipped.stderr
    after = people_of(team, "Harbourline")
    assert set(after) - set(before) == {"王强", "刘娜"}


def test_map_and_usage_errors(team, tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_bytes(csv_bytes([["Person", "Role", "Boss"], ["Ann Lee", "CFO", ""], ["Bob Wu", "Controller", "Ann Lee"]]))
    nameless = kamtui(team, "people", "import", "team", str(path), "--account", "Harbourline")
    assert nameless.returncode == 1
    assert nameless.stderr.strip().splitlines()[-1] == (
        "kamtui: error: sheet.csv: no column gives the people's names (its columns: Person, Role, Boss); "
        "name one with --map COLUMN=name")
    done = kamtui(team, "people", "import", "team", str(path), "--account", "Harbourline",
                  "--map", "person=name", "--map", "Role=title", "--map", "Boss=reports_to")
    assert done.returncode == 0, done.stderr
    assert people_of(team, "Harbourline")["Bob Wu"][0] == "Controller"
    missing = kamtui(team, "people", "import", "team", str(path))
    assert missing.returncode == 2 and "--account" in missing.stderr
    unknown = kamtui(team, "people", "import", "team", str(path), "--account", "Nobody Inc")
    assert unknown.returncode == 1
    assert unknown.stderr.strip().splitlines()[-1] == "kamtui: error: No account named 'Nobody Inc' (nor with that id) in this workspace."


def test_nothing_hostile_in_a_file_reaches_the_terminal(team, tmp_path):
    """Terminal controls, OSC 52 (the clipboard), C1, bidi and invisible characters in a file:
    not on stdout or stderr, whether a row is shown, refused or written; not in the workspace."""
    path = tmp_path / "evil.csv"
    path.write_bytes(csv_bytes([["Name", "Title", "Email", "Manager"],
                                ["Ann\x1b[2J\x1b]52;c;aGk=\x07 Lee", "C\u202eFO\u200b", "", ""],
                                ["Cy\x9b1m", "", "", "\x1b[31mBoss\u2066"]]))
    for args, code in (((), 1), (("--dry-run",), 1), (("--skip-bad",), 0)):
        done = kamtui(team, "people", "import", "team", str(path), "--account", "Harbourline", *args)
        assert done.returncode == code, done.stderr
        out = done.stdout + done.stderr
        assert "Boss" in out and ("Ann" in out or args != ("--dry-run",))
        for bad in ("\x1b", "\x07", "\u202e", "\u200b", "\x9b", "\u2066"):
            assert bad not in out, (args, repr(out))
    names = [n for n in people_of(team, "Harbourline") if n.startswith("Ann")]
    assert len(names) == 1 and "\x1b" not in names[0] and "\x07" not in names[0]


def test_help_names_the_presets_and_their_columns(team):
    done = kamtui(team, "people", "import", "--help")
    assert done.returncode == 0
    for label in ("Salesforce:", "Dynamics 365:", "HubSpot:", "Google Contacts:", "vCard:"):
        assert label in done.stdout
    assert "reports_to: ReportsToId, Reports To" in done.stdout
    assert "email: Email, emailaddress1" in done.stdout


def test_a_large_import_on_a_terminal_shows_its_stages(team, tmp_path):
    """On a terminal, a file of a few thousand contacts shows a bar through reading, checking
    and writing (the bar goes when done); the closing line stays."""
    import pty

    rows = [["Id", "LastName", "FirstName", "Title", "Department", "Email", "ReportsToId"]]
    rows += [[f"003{i:07d}", f"Becker{i}", "Thomas", "Manager", f"Dept{i % 20} / Team{i % 4}",
              f"t{i}@x.example", f"003{(i - 1) // 10:07d}" if i >= 10 else ""] for i in range(12_000)]
    path = tmp_path / "big.csv"
    path.write_bytes(csv_bytes(rows))
    terminal, its_end = pty.openpty()
    proc = subprocess.Popen([KAMTUI, "people", "import", "team", str(path), "--account", "Harbourline"],
                            env={**team, "TERM": "xterm-256color"}, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=its_end)
    os.close(its_end)
    shown = b""
    while True:
        try:
            chunk = os.read(terminal, 65536)
        except OSError:  # EIO: the other end is closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(terminal)
    assert proc.wait(timeout=300) == 0, shown.decode(errors="replace")[-2000:]
    text = shown.decode(errors="replace")
    assert "Reading contacts" in text
    assert "Checking contacts" in text or "Writing (one transaction)" in text
    assert "12000 created, 0 updated, 0 skipped, 40 departments created." in text


def test_the_workspace_itself_is_refused_as_the_contact_file(team):
    path = Path(team["KAMTUI_WORKSPACES"]) / "team.sqlite"
    before = people_of(team, "Harbourline")
    done = kamtui(team, "people", "import", "team", str(path), "--account", "Harbourline")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        "kamtui: error: team.sqlite: this is the workspace itself (or a file SQLite keeps beside it), "
        "not a contact file (nothing was imported)")
    assert people_of(team, "Harbourline") == before
