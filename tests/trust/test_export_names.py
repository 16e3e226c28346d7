"""Issue 13, part C: export names are unique and stable on every common file system.

A file system may take two names for one file: Windows, macOS and SMB shares fold case, macOS
also normalises Unicode (HFS+ stores NFD). `SAME_FILE` lists what each one compares; a name
is safe when the account id can still be read back from the name as any of them sees it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamtui.domain.models import Account
from kamtui.errors import KamtuiError
from kamtui.services.plans import format as fmt

SAME_FILE = {
    "exact (ext4)": lambda n: n,
    "case-folding (NTFS upcase, SMB)": lambda n: n.upper(),
    "case-insensitive (APFS, exFAT)": lambda n: unicodedata.normalize("NFC", n).casefold(),
    "case-insensitive, NFD (HFS+)": lambda n: unicodedata.normalize("NFD", unicodedata.normalize("NFD", n).casefold()),
    "normalising only (ZFS formD)": lambda n: unicodedata.normalize("NFD", n),
}
CAFE_NFC = unicodedata.normalize("NFC", "Café")
CAFE_NFD = unicodedata.normalize("NFD", "Café")
assert CAFE_NFC != CAFE_NFD

# The reviewer's collisions and their relatives: names equal up to case or normalisation,
# ids sharing their first 8 (or more) characters, ids differing only in case or in _ / -.
TRICKY = [
    ("Acme", "acme0000000000000001"),
    ("ACME", "acme0000000000000002"),
    ("acme", "ACME0000000000000001"),
    ("Acme", "Acme0000000000000001"),
    (CAFE_NFC, "cafe00000000000000a1"),
    (CAFE_NFD, "cafe00000000000000a2"),
    ("CAFÉ", "Cafe00000000000000a1"),
    ("Straße", "strasse_1"),
    ("STRASSE", "strasse-1"),
    ("strasse", "strasse__1"),
    ("Strasse", "Strasse_1"),
    ("华信移动上海", "9576e1595a3e5eeca1366621011d4dff"),
    ("华信移动上海", "9576e1595a3e5eeca1366621011d4dfe"),
    ("...", "x"),
    ("CON", "con"),
    ("한국전력공사" * 10, "K" * 64),
    ("Ü" * 200, "_" * 64),
]


def recovered_id(compared: str) -> str | None:
    """The id read back from a name as a file system compares it (lower() undoes an upcasing
    file system on the id part, which is small ASCII letters, digits, _ and -)."""
    return fmt.account_id_of(compared.lower())


WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


def _assert_portable(name: str) -> None:
    for form in ("NFC", "NFD"):
        assert len(unicodedata.normalize(form, name).encode("utf-8")) <= 255, name
    assert not WINDOWS_FORBIDDEN.search(name), name
    assert not name.startswith((".", "-")) and not name.endswith((".", " ")), name


def test_tricky_accounts_get_distinct_files_on_every_file_system():
    accounts = [Account(id=i, name=n) for n, i in TRICKY]
    names = [fmt.file_name(a) for a in accounts]
    for what, same in SAME_FILE.items():
        assert len({same(n) for n in names}) == len(names), what
        for a, n in zip(accounts, names):
            assert recovered_id(same(n)) == a.id, (what, n)  # the id survives what the FS does
    for n in names:
        _assert_portable(n)
    assert fmt.WORKSPACE_FILE not in names
    # the old rule (slug + 8 characters of the id) gave 4 of these the same file, for instance:
    assert fmt.file_name(accounts[0]) != fmt.file_name(accounts[1])


def test_the_name_is_a_readable_function_of_name_and_id():
    a = Account(id="45897612e6e154048ae20bcd4cc7b83d", name="Harbourline Bank (China) Co., Ltd.",
                short_name="Harbourline")
    assert fmt.file_name(a) == "harbourline.45897612e6e154048ae20bcd4cc7b83d.toml"
    assert fmt.file_name(a, ".md") == "harbourline.45897612e6e154048ae20bcd4cc7b83d.md"
    renamed = a.model_copy(update={"short_name": "Harbour Line"})
    assert fmt.file_name(renamed) == "harbour-line.45897612e6e154048ae20bcd4cc7b83d.toml"
    assert fmt.account_id_of(fmt.file_name(renamed)) == a.id
    assert fmt.file_name(Account(id="x", name=CAFE_NFD)) == fmt.file_name(Account(id="x", name=CAFE_NFC))
    assert fmt.account_id_of("workspace.toml") is None
    assert fmt.account_id_of("acme.AB.toml") is None  # capitals never occur in an id part


IDS = st.from_regex(r"\A[A-Za-z0-9_-]{1,64}\Z")


@settings(max_examples=400, deadline=None)
@given(name=st.text(min_size=1, max_size=300), account_id=IDS, other_id=IDS)
def test_any_name_and_id_round_trip_and_never_meet_another_id(name, account_id, other_id):
    mine = fmt.file_name(Account.model_construct(id=account_id, name=name, short_name=""))
    _assert_portable(mine)
    theirs = fmt.file_name(Account.model_construct(id=other_id, name=name.swapcase(), short_name=""))
    for what, same in SAME_FILE.items():
        assert recovered_id(same(mine)) == account_id, (what, mine)
        if other_id != account_id:
            assert same(mine) != same(theirs), (what, mine, theirs)


def test_every_short_id_has_its_own_id_part():
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
    ids = list(alphabet) + [a + b for a in alphabet for b in alphabet]
    parts = {fmt.id_part(i) for i in ids}
    assert len(parts) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9_-]+", p) for p in parts)


# -- the command line, end to end ----------------------------------------------------------------

def kamtui(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kamtui", *args], capture_output=True, text=True,
                          cwd=cwd, env=os.environ.copy(), timeout=300)


def _plan(account_id: str, name: str) -> str:
    return (f'schema_version = 1\nprivate = false\n\n[account]\nid = "{account_id}"\n'
            f'name = {tomllib_quote(name)}\n')


def tomllib_quote(text: str) -> str:
    import tomli_w

    return tomli_w.dumps({"x": text}).split("=", 1)[1].strip()


def test_export_all_then_import_keeps_every_account(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    for n, (name, account_id) in enumerate(TRICKY[:15]):
        (source / f"{n:02d}.toml").write_text(_plan(account_id, name), encoding="utf-8")
    assert kamtui("init", str(tmp_path / "a.sqlite"), cwd=tmp_path).returncode == 0
    r = kamtui("import", str(tmp_path / "a.sqlite"), str(source), cwd=tmp_path)
    assert r.returncode == 0, r.stderr

    r = kamtui("export", str(tmp_path / "a.sqlite"), "--all", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    said = int(re.search(r"Exported (\d+) files", r.stderr).group(1))
    on_disk = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert said == len(on_disk) == 16  # 15 accounts and workspace.toml
    for what, same in SAME_FILE.items():
        assert len({same(n) for n in on_disk}) == 16, what
    exported_ids = {tomllib.loads((tmp_path / "out" / n).read_text("utf-8"))["account"]["id"]
                    for n in on_disk if n != fmt.WORKSPACE_FILE}
    assert exported_ids == {i for _, i in TRICKY[:15]}
    assert {fmt.account_id_of(n) for n in on_disk if n != fmt.WORKSPACE_FILE} == exported_ids

    assert kamtui("init", str(tmp_path / "b.sqlite"), cwd=tmp_path).returncode == 0
    r = kamtui("import", str(tmp_path / "b.sqlite"), str(tmp_path / "out"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = kamtui("export", str(tmp_path / "b.sqlite"), "--all", "-o", str(tmp_path / "again"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "again").iterdir()) == on_disk
    for n in on_disk:  # the round trip changes nothing, names or content
        if n != fmt.WORKSPACE_FILE:
            assert (tmp_path / "again" / n).read_bytes() == (tmp_path / "out" / n).read_bytes()


def test_an_export_never_writes_a_name_twice_in_one_run(ws, tmp_path, monkeypatch):
    """Should the naming ever break, the second file does not replace the first: the export
    stops with one sentence and the first file is as it was written."""
    import datetime as dt

    from kamtui.services import accounts
    from kamtui.services.context import Context
    from kamtui.services.plans import export

    ctx = Context(ws, today=dt.date(2026, 11, 26))
    first = accounts.create(ctx, {"name": "Acme"})
    accounts.create(ctx, {"name": "ACME Corp"})
    # a naive rule: the name's first word as typed ("Acme.toml" and "ACME.toml": one file on a
    # case-insensitive file system)
    monkeypatch.setattr(fmt, "file_name", lambda account, suffix=".toml": f"{account.name.split()[0]}{suffix}")
    ids = sorted(export.all_account_ids(ctx), key=lambda i: i != first.id)
    out = tmp_path / "out"
    with pytest.raises(KamtuiError, match="both be written to"):
        export.export_accounts(ctx, ids, out)
    assert sorted(p.name for p in out.iterdir()) == ["Acme.toml"]
    assert tomllib.loads((out / "Acme.toml").read_text("utf-8"))["account"]["id"] == first.id
