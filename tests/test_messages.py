"""Errors are codes with parameters, worded once (kamtui/message_catalogue.py) in English and
中文, with plurals; every code kamtui raises is in the catalogue; no English in the 中文 words."""

from __future__ import annotations

import ast
import pickle
import re
import string
from pathlib import Path

import pytest

from kamtui.errors import ConflictError, InputError, KamtuiError, NotFoundError, WorkspaceError
from kamtui.message_catalogue import CATALOGUE
from kamtui.messages import _PLURAL as FORMS
from kamtui.messages import Message, fill, os_reason, plurals, say, sentence

PKG = Path(__file__).resolve().parent.parent / "kamtui"
PLURAL = re.compile(r"\{(\w+)\|")

# ASCII the 中文 sentences may hold besides their parameters and `commands`: names of programs,
# formats and keys, the words of TOML files and of the command line.
ALLOWED_ASCII = {
    "kamtui", "SQLite", "TOML", "UTF", "Unicode", "I/O", "Mermaid", "Graphviz", ".mmd", ".dot", ".toml",
    "git", "DEST", "EUR", "true", "false", "private", "id", "--account", "--all", "--overwrite", "--keep-workspace",
    "--group", "NAME", "[account]",
    "[[", "]]", "]", "=", "_", "-", '"""…"""', "\\",
}


def placeholders(template: str) -> set[str]:
    counted = {m.group(1) for m in FORMS.finditer(template)}
    plain = FORMS.sub(lambda m: f"{m.group(2)} {m.group(3)}", template)
    return counted | {f for _, f, _, _ in string.Formatter().parse(plain) if f}


def samples(code: str, count: int) -> dict[str, object]:
    """Every parameter of `code` filled: counts with `count`, the others with a marker that has
    no ASCII letter (so that what is left in a 中文 sentence is the sentence's own)."""
    en, zh = CATALOGUE[code]
    counted = set(PLURAL.findall(en)) | set(PLURAL.findall(zh))
    return {name: count if name in counted else f"⟨{i}⟩"
            for i, name in enumerate(sorted(placeholders(en) | placeholders(zh)))}


def own_ascii(text: str) -> list[str]:
    """The ASCII words of `text` that are not markers, `commands` or allowed tokens."""
    text = re.sub(r"`[^`]*`", " ", re.sub(r"⟨\d+⟩", " ", text))
    words = re.findall(r"[!-~]+", text)
    left = []
    for word in words:
        rest = word
        for token in sorted(ALLOWED_ASCII, key=len, reverse=True):
            rest = rest.replace(token, " ")
        if re.search(r"[A-Za-z]", rest):
            left.append(word)
    return left


@pytest.mark.parametrize("code", sorted(CATALOGUE))
@pytest.mark.parametrize("count", [0, 1, 2])
def test_every_code_is_said_in_both_languages_with_every_parameter_filled(code, count):
    en_template, zh_template = CATALOGUE[code]
    assert placeholders(en_template) == placeholders(zh_template), "both languages take the same parameters"
    params = samples(code, count)
    en, zh = say(code, "en", **params), say(code, "zh", **params)
    for text in (en, zh):
        assert "{" not in text.replace("{{", "") or "[[{" in en_template, f"a placeholder left in {text!r}"
        assert "|" not in text, f"a plural form left in {text!r}"
    assert not re.search(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", en), f"中文 in the English: {en!r}"
    assert own_ascii(zh) == [], f"English in the 中文 of {code}: {zh!r}"
    if re.search(r"[A-Za-z]{2}", re.sub(r"\{[^{}]*\}", "", FORMS.sub("", en_template))):  # words, not only parameters
        assert re.search(r"[\u4e00-\u9fff]", zh), f"no 中文: {zh!r}"


def test_plurals_follow_the_count_in_english():
    counted = [c for c, (en, _) in CATALOGUE.items() if PLURAL.search(en)]
    assert len(counted) >= 8
    for code in counted:
        one, two, none = (re.sub(r"\d", "#", say(code, "en", **samples(code, n))) for n in (1, 2, 0))
        assert one != two and none == two, code
    assert say("plan.import.in_file", file="a.toml", n=1) == "a.toml: 1 problem (nothing was imported)"
    assert say("plan.import.in_file", file="a.toml", n=3) == "a.toml: 3 problems (nothing was imported)"
    assert say("plan.import.in_file", "zh", file="a.toml", n=1) == "a.toml：1 个问题（未导入任何内容）"
    assert say("plan.import.conflicts_left", n=1).startswith("1 record with conflicts was left as it is")


def _error_classes(trees: dict[Path, ast.Module]) -> set[str]:
    """KamtuiError and every class that derives from it, wherever it is defined."""
    found = {"KamtuiError"}
    while True:
        more = {node.name for tree in trees.values() for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
                and any(getattr(b, "id", getattr(b, "attr", None)) in found for b in node.bases)} - found
        if not more:
            return found
        found |= more


def _literal_codes() -> tuple[set[str], set[str], list[str]]:
    """(codes named literally, prefixes of codes built with an f-string, sentences where a code
    belongs) across kamtui's raise sites and Message constructions."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(PKG.rglob("*.py"))
             if path.name != "message_catalogue.py"}
    errors = _error_classes(trees) - {"ConflictError"}  # (ConflictError names a table: entity_name below)
    code_position = {"at": 1, "of": 1, "problem": 1, "_problem": 1}
    literal, prefixes, sentences = set(), set(), []
    for path, tree in trees.items():
        from_messages = {a.asname or a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                         and node.module == "kamtui.messages" for a in node.names}
        if path == PKG / "messages.py":
            from_messages = {"Message", "say"}
        family = errors | (from_messages & {"Message", "say"}) | {"invalid", "of", "at", "problem", "_problem"}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name in ("ConflictError", "entity_name") and node.args and isinstance(node.args[0], ast.Constant):
                literal.add(f"entity.{node.args[0].value.replace(' ', '_')}")  # a table's record
                continue
            position = code_position.get(name, 0)
            if name not in family or len(node.args) <= position:
                continue
            arg = node.args[position]
            where = f"{path.relative_to(PKG.parent)}:{node.lineno}"
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                if re.fullmatch(r"[a-z_0-9]+(\.[a-z_0-9]+)+", arg.value):
                    literal.add(arg.value)
                else:
                    sentences.append(f"{where}: {arg.value!r}")
            elif isinstance(arg, ast.JoinedStr):
                parts = [v.value for v in arg.values if isinstance(v, ast.Constant)]
                if isinstance(arg.values[0], ast.Constant) and all(re.fullmatch(r"[a-z_0-9.]*", p) for p in parts):
                    prefixes.add(arg.values[0].value)
                else:
                    sentences.append(f"{where}: f{''.join(parts)!r}")
    return literal, prefixes, sentences


def test_every_code_raised_anywhere_is_in_the_catalogue_and_none_is_a_sentence():
    literal, prefixes, sentences = _literal_codes()
    assert sentences == [], "an English sentence where a code belongs"
    assert sorted(literal - set(CATALOGUE)) == []
    assert all(any(c.startswith(p) for c in CATALOGUE) for p in prefixes), prefixes
    assert len(literal) > 120  # (the scan sees the raise sites)
    from kamtui.store.tables import TABLES

    assert [t.name for t in TABLES.values() if f"entity.{t.name}" not in CATALOGUE] == []  # entity_name(table)


def test_every_code_of_the_catalogue_is_used():
    literal, prefixes, _ = _literal_codes()
    text = "\n".join(p.read_text(encoding="utf-8") for p in PKG.rglob("*.py") if p.name != "message_catalogue.py")
    unused = [c for c in CATALOGUE if c not in literal and f'"{c}"' not in text
              and not any(c.startswith(p) for p in prefixes) and c != "input.problems"]
    assert unused == []


def test_a_typo_in_a_code_fails_where_the_error_is_made():
    with pytest.raises(KeyError):
        str(KamtuiError("account.name_takn"))
    with pytest.raises(KeyError):
        Message("value.requird")


def test_errors_say_their_sentence_in_either_language_and_str_is_english():
    err = InputError.at("name", "account.name_taken")
    assert str(err) == "name: an account with this name exists already"
    assert err.message("zh") == "name：已有同名客户"
    assert err.problems == [("name", "an account with this name exists already")]
    assert err.problems[0][1].text("zh") == "已有同名客户"
    gone = ConflictError("person link", "x", 1, None, {})
    assert str(gone) == "This relationship was deleted by someone else since you opened it."
    assert gone.message("zh") == "自您打开以来，此人员关系已被他人删除。"
    missing = NotFoundError("record.no_such", entity=Message("entity.team_member"), id="m1")
    assert (str(missing), missing.message("zh")) == ("No team member with id m1.", "没有 id 为 m1 的团队成员。")
    with pytest.raises(TypeError):
        InputError(problems=[("name", "a sentence, not a Message")])  # type: ignore[list-item]


def test_parameters_are_user_data_said_on_one_line_and_messages_nest_in_the_same_language():
    hostile = "Q3 \x1b[31mred\x1b[0m\nnext line \u202eevil"
    said = say("account.not_found", "zh", wanted=hostile)
    assert "\x1b" not in said and "\n" not in said and "\u202e" not in said and "Q3 red next line evil" in said
    why = os_reason(PermissionError(13, "Permission denied"))
    assert say("os.cannot_write", "zh", path="/x", why=why) == "无法写入 /x：权限不足。"
    assert say("os.cannot_write", "en", path="/x", why=why) == "Cannot write /x: permission denied."
    outer = WorkspaceError("workspace.replaced_gone", why=Message("workspace.locked", path="/w"))
    assert str(outer) == ("The workspace file was deleted or replaced under this window and cannot be reopened "
                          "(/w is locked by another process: try again in a moment): nothing was saved.")
    assert say("cli.several_workspaces", "zh", folder="/w", names=["a", "b"], example="a").startswith(
        "/w/ 中有多个工作区（a、b）")


def test_domain_labels_are_said_in_the_readers_language():
    from kamtui.domain.enums import ActivityStatus

    assert say("activity.does_not_advance", "zh", status=ActivityStatus.done) == "状态为“已完成”的活动不能再推进"
    assert say("activity.does_not_advance", status=ActivityStatus.done) == "an activity that is “Done” does not advance"


def test_plural_forms_and_the_helpers():
    assert plurals("{n} {n|file|files}", {"n": 1}) == "{n} file"
    assert plurals("{n} {n|file|files}", {}) == "{n} {n|file|files}"  # left for a later fill
    assert fill("{n|the one person is|all {n} people are} here", "en", {"n": 3}) == "all 3 people are here"
    assert sentence("this link exists already", "en") == "This link exists already."
    assert sentence("此关系已存在", "zh") == "此关系已存在。"
    message = Message("plan.at", file="a.toml", line=3, column=12)
    assert pickle.loads(pickle.dumps(message)).text("zh") == "a.toml 第 3 行第 12 列"
    err = pickle.loads(pickle.dumps(InputError.at("kind", "link.exists")))
    assert err.message("zh") == "kind：此关系已存在" and err.problems[0][1].code == "link.exists"
