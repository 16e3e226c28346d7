"""Bad plan files: nothing written, one message naming every problem precisely."""

from __future__ import annotations

import gc
import tomllib
from pathlib import Path

import pytest
import tomli_w
from plans_helpers import dump

from kamtui.errors import InputError
from kamtui.services.plans import export, import_
from kamtui.services.plans import format as fmt
from kamtui.services.plans import parse
from kamtui.store import accounts as store_accounts
from kamtui.store import people as store_people
from kamtui.store.tables import table_for

NAME = "harbourline.toml"


@pytest.fixture
def ctx(demo_ws, ctx_of):
    return ctx_of(demo_ws)


@pytest.fixture
def doc(ctx) -> dict:
    """Harbourline's plan as a dict, to spoil and write back."""
    account = export.find_account(ctx, "Harbourline")
    return tomllib.loads(export.account_text(ctx, account.id, include_private=True))


def write(tmp_path: Path, content: str | bytes | dict, name: str = NAME) -> Path:
    path = tmp_path / name
    if isinstance(content, dict):
        content = tomli_w.dumps(content)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def refused(ctx, path: Path) -> InputError:
    """Import `path`, expect InputError, and check that the workspace did not change at all."""
    before = dump(ctx.ws)
    with pytest.raises(InputError) as caught:
        import_.import_path(ctx, path)
    assert dump(ctx.ws) == before
    assert "nothing was imported" in str(caught.value)
    assert gc.isenabled()  # the bulk pause of the collector ends with the import, failed or not
    return caught.value


def test_syntax_error_names_file_line_and_column(ctx, doc, tmp_path):
    lines = tomli_w.dumps(doc).split("\n")
    lines.insert(6, "region = shanghai")  # inside [account]
    err = refused(ctx, write(tmp_path, "\n".join(lines)))
    assert str(err).startswith(f"{NAME}, line 7, column 10: invalid value: region = shanghai")


def test_unterminated_string_and_duplicate_table(ctx, tmp_path):
    err = refused(ctx, write(tmp_path, 'schema_version = 1\n[account]\nid = "a"\nname = "oops\n'))
    assert f"{NAME}, line 4, column 13" in str(err) and "line break" in str(err)
    err = refused(ctx, write(tmp_path, 'schema_version = 1\n[account]\nid = "a"\n\n[account]\n'))
    assert f"{NAME}, line 5, column 9" in str(err) and "declared twice" in str(err)


def test_every_schema_error_is_listed_with_its_key_path(ctx, doc, tmp_path):
    doc["people"][3]["attitude"] = "friendly"
    doc["people"][5]["influence"] = 9
    doc["people"][1]["favourite_colour"] = "blue"
    doc["activities"][0]["status"] = "someday"
    doc["departments"][0]["importance"] = "high"
    doc["assessments"][0]["org"]["communication"]["value"] = 7
    del doc["competitors"][1]["name"]
    doc["people"][2]["links"] = [{"id": "l1", "to_id": doc["people"][0]["id"], "kind": "loves"}]
    err = refused(ctx, write(tmp_path, doc))
    found = dict(err.problems)
    assert len(err.problems) == 8
    assert str(err) == f"{NAME}: 8 problems (nothing was imported)"
    p = f"{NAME}: "
    assert found[p + "people[3].attitude"] == "must be one of advocate, accepting, commodity, threat, unknown"
    assert found[p + "people[5].influence"] == "must be 5 or less"
    assert found[p + "people[1].favourite_colour"] == "unknown key"
    assert found[p + "activities[0].status"] == "must be one of planned, in_progress, done, cancelled"
    assert found[p + "departments[0].importance"] == "must be a whole number"
    assert found[p + "assessments[0].org.communication.value"] == "must be 4 or less"
    assert found[p + "competitors[1].name"] == "required key missing"
    assert found[p + "people[2].links[0].kind"] == "must be one of influences, opposes, close_to"
    said = {where: what.text("zh") for where, what in err.problems}  # and in 中文, the keys as written
    assert said[p + "people[5].influence"] == "必须不大于 5"
    assert said[p + "competitors[1].name"] == "缺少必需的键"
    assert said[p + "activities[0].status"] == "必须是以下之一：planned、in_progress、done、cancelled"
    assert err.message("zh") == f"{NAME}：8 个问题（未导入任何内容）"


def test_unknown_keys_are_rejected_everywhere(ctx, doc, tmp_path):
    doc["colour"] = "red"
    doc["account"]["account_id"] = "x"  # implied by the file, never written
    doc["targets"][0]["owner"] = "me"
    err = refused(ctx, write(tmp_path, doc))
    assert sorted(w for w, _ in err.problems) == [
        f"{NAME}: account.account_id", f"{NAME}: colour", f"{NAME}: targets[0].owner"]
    assert all("unknown key" in m for _, m in err.problems)


def test_records_with_implied_keys_are_rejected(ctx, doc, tmp_path):
    doc["people"][0]["account_id"] = doc["account"]["id"]
    err = refused(ctx, write(tmp_path, doc))
    assert err.problems == [(f"{NAME}: people[0].account_id", "unknown key (implied by where the record is)")]


def test_a_file_over_5_mib_is_refused_before_parsing(ctx, tmp_path, monkeypatch):
    monkeypatch.setattr(parse.tomllib, "loads", lambda *_: pytest.fail("parsed a file over the limit"))
    path = write(tmp_path, b"# " + b"x" * fmt.MAX_BYTES)
    err = refused(ctx, path)
    assert str(err) == f"{NAME}: 5.0 MiB: plan files are limited to 5.0 MiB (nothing was imported)"


def test_pathological_nesting_is_refused_before_parsing(ctx, tmp_path, monkeypatch):
    monkeypatch.setattr(parse.tomllib, "loads", lambda *_: pytest.fail("parsed a deeply nested file"))
    err = refused(ctx, write(tmp_path, "schema_version = 1\na = " + "[" * 5000 + "]" * 5000))
    assert "nested 5000 levels deep" in str(err)
    err = refused(ctx, write(tmp_path, "a = " + "{b = " * 80 + "1" + "}" * 80))
    assert "nested 80 levels deep" in str(err)


def test_brackets_inside_strings_do_not_count_as_nesting(ctx, doc, tmp_path):
    doc["account"]["name"] = "[" * 200
    doc["account"]["strategy_notes"] = "{[" * 3000 + "\n" + "]}" * 10 + '"""'
    path = write(tmp_path, doc)
    assert parse.nesting_depth(path.read_text()) < 10
    import_.import_path(ctx, path)
    account = table_for(type(store_accounts.accounts(ctx.db)[0])).get(ctx.db, doc["account"]["id"])
    assert account.name == "[" * 200


def test_recursion_in_the_parser_is_caught(ctx, tmp_path, monkeypatch):
    monkeypatch.setattr(fmt, "MAX_DEPTH", 10**9)
    err = refused(ctx, write(tmp_path, "a = " + "[" * 20000 + "]" * 20000))
    assert str(err) == f"{NAME}: nested too deeply to read (nothing was imported)"


def test_a_newer_schema_version_is_refused(ctx, doc, tmp_path):
    doc["schema_version"] = 2
    doc["people"][0]["new_field_of_v2"] = True  # not reported: the file is not read further
    err = refused(ctx, write(tmp_path, doc))
    assert err.problems == [(f"{NAME}: schema_version",
                             "2: written by a newer kamtui (this one reads up to 1); upgrade kamtui to import it")]


def test_a_missing_or_odd_schema_version_is_refused(ctx, doc, tmp_path):
    del doc["schema_version"]
    assert "schema_version: required key missing" in str(refused(ctx, write(tmp_path, doc)))
    doc["schema_version"] = "1"
    assert "schema_version: expected a whole number" in str(refused(ctx, write(tmp_path, doc)))
    assert "required key missing" in str(refused(ctx, write(tmp_path, "")))


def test_text_that_is_not_utf8_is_refused_with_its_position(ctx, tmp_path):
    err = refused(ctx, write(tmp_path, b'schema_version = 1\n[account]\nname = "caf\xe9"\n'))
    assert str(err) == f"{NAME}, line 3, column 12: not UTF-8 text (nothing was imported)"


def test_control_characters_are_stripped_on_import(ctx, doc, tmp_path):
    doc["account"]["name"] = "Harbour\x1b[2Jline\u202e Bank\x07"
    doc["people"][0]["title"] = "Chief\x00 Officer\x9b"
    import_.import_path(ctx, write(tmp_path, doc))
    plan = store_accounts.plan(ctx.db, doc["account"]["id"])
    assert plan.account.name == "Harbourline Bank"
    assert next(p for p in plan.people if p.id == doc["people"][0]["id"]).title == "Chief Officer"


def test_control_characters_never_reach_messages(ctx, doc, tmp_path):
    doc["people"][0]["\x1b]0;pwned\x07"] = 1
    err = refused(ctx, write(tmp_path, doc))
    (where, what), = err.problems
    assert "\x1b" not in where and "\x07" not in where and what == "unknown key"


def test_a_bad_file_in_a_folder_stops_the_whole_import(ctx, doc, tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    good = dict(doc)
    write(folder, good, "a-good.toml")
    doc["people"][0]["influence"] = 0
    write(folder, doc | {"account": doc["account"] | {"id": "another"}}, "b-bad.toml")
    write(folder, "not = [toml", "c-broken.toml")
    err = refused(ctx, folder)
    assert str(err) == "2 files have problems, 2 in all (nothing was imported)"
    wheres = [w for w, _ in err.problems]
    assert wheres[0] == "b-bad.toml: people[0].influence"
    assert wheres[1].startswith("c-broken.toml, line 1, column")


def test_references_must_resolve_within_the_account(ctx, doc, tmp_path):
    other = next(a for a in store_accounts.accounts(ctx.db) if a.id != doc["account"]["id"])
    foreign_dept = store_people.departments(ctx.db, other.id)[0]
    doc["people"].append({"id": "newcomer", "name": "New Person", "influence": 3, "attitude": "unknown",
                          "department_id": "no-such-department", "owner_id": "nobody", "version": 0})
    doc["people"].append({"id": "newcomer2", "name": "Other", "influence": 3, "attitude": "unknown",
                          "department_id": foreign_dept.id, "version": 0})
    err = refused(ctx, write(tmp_path, doc))
    n = len(doc["people"])
    assert err.problems == [
        (f"{NAME}: people[{n - 2}].owner_id", "no team member 'nobody' in the workspace or its file"),
        (f"{NAME}: people[{n - 2}].department_id", "no department 'no-such-department' in this plan or the workspace"),
        (f"{NAME}: people[{n - 1}].department_id", f"no department {foreign_dept.id!r} of another account"),
    ]


def test_ids_of_another_accounts_records_are_refused(ctx, doc, tmp_path):
    doc["account"]["id"] = "brand-new-account"
    err = refused(ctx, write(tmp_path, doc))
    assert (f"{NAME}: people[0].id", f"{doc['people'][0]['id']!r} is a person of another account "
                                     "in this workspace") in err.problems


def test_duplicate_ids_in_a_file_are_refused(ctx, doc, tmp_path):
    doc["departments"][1]["id"] = doc["departments"][0]["id"]
    err = refused(ctx, write(tmp_path, doc))
    assert err.problems == [(f"{NAME}: departments[1].id",
                             f"{doc['departments'][0]['id']!r} is also used by departments[0]")]


def test_department_cycles_are_refused(ctx, empty_ws, ctx_of, doc, tmp_path):
    doc["account"].pop("owner_id", None)
    for p in doc["people"]:
        p.pop("owner_id", None)
    d0, d1 = doc["departments"][0], doc["departments"][1]
    d0["parent_id"], d1["parent_id"] = d1["id"], d0["id"]
    err = refused(ctx_of(empty_ws), write(tmp_path, doc))
    assert any("departments form a cycle" in m for _, m in err.problems)


def test_private_fields_in_a_file_that_says_it_has_none(ctx, doc, tmp_path):
    doc["private"] = False
    err = refused(ctx, write(tmp_path, doc))
    assert err.problems and all(m == "a private field, but the file says private = false" for _, m in err.problems)
    assert any(w.endswith(".career_needs") for w, _ in err.problems)


def test_a_missing_file_or_an_empty_folder(ctx, tmp_path):
    assert "no such file or folder" in str(refused(ctx, tmp_path / "nope.toml"))
    (tmp_path / "empty").mkdir()
    assert "no .toml plan files in this folder" in str(refused(ctx, tmp_path / "empty"))
