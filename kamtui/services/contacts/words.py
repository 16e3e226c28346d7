"""The words of a people import in English and 中文: what is wrong with a row, why a person is
created, updated or skipped, where a row is. Services hand out codes and values; the CLI and
the dialog say them in the reader's language. Values are user data: one line, filtered."""

from __future__ import annotations

from typing import Any

from kamtui import safe_text

WORDS: dict[str, tuple[str, str]] = {
    # places
    "place.line": ("line {number}", "第 {number} 行"),
    "place.row": ("row {number}", "第 {number} 行"),
    "place.card": ("card {number} (line {line})", "第 {number} 张名片（第 {line} 行）"),
    "place.column": ("column {column}", "列“{column}”"),
    # problems of a row
    "broken_card": ("{why}", "{why}"),
    "extra_cells": ("{n} cells beyond the header's columns", "比表头多出 {n} 个单元格"),
    "no_name": ("no name (the columns {columns} are empty)", "没有姓名（列 {columns} 为空）"),
    "too_long": ("{field} is longer than {max} characters", "{field} 超过 {max} 个字符"),
    "bad_email": ("{value!r} is not an e-mail address", "“{value}”不是电子邮件地址"),
    "bad_phone": ("{value!r} is not a phone number", "“{value}”不是电话号码"),
    "bad_value": ("{field}: {why}", "{field}：{why}"),
    "dup_email": ("the same e-mail as {where}", "与{where}的电子邮件相同"),
    "dup_person": ("the same name and department as {where}", "与{where}的姓名和部门相同"),
    "dup_id": ("the same record id as {where}", "与{where}的记录编号相同"),
    "same_match": ("{name} in the account is also {where}", "客户中的 {name} 同时对应{where}"),
    "ambiguous": ("{n} people in the account are named {name}: give the department or the e-mail",
                  "客户中有 {n} 人名为 {name}：请填写部门或电子邮件"),
    "manager_unknown": ("no one in the file or the account is {value!r}", "文件和客户中都没有“{value}”"),
    "manager_ambiguous": ("{n} people are named {value!r}: name the manager by e-mail",
                          "有 {n} 人名为“{value}”：请用电子邮件指明上级"),
    "manager_self": ("reports to themselves", "汇报对象是其本人"),
    "manager_bad": ("the manager {value!r} is on a bad row ({where})", "上级“{value}”所在的行有问题（{where}）"),
    "cycle": ("reports-to circle: {names}", "汇报关系成环：{names}"),
    # why a person is created, updated or skipped
    "create.new": ("new", "新人员"),
    "update.email": ("same e-mail", "电子邮件相同"),
    "update.name_department": ("same name and department", "姓名和部门相同"),
    "update.name": ("same name (the only one in the account)", "姓名相同（客户中仅此一人）"),
    "skip.unchanged": ("unchanged", "无变化"),
    "skip.archived": ("archived in the account: restore them on the map first", "已在客户中归档：请先在关系图中恢复"),
    "skip.bad": ("bad row: {why}", "有问题的行：{why}"),
    # actions and fields
    "action.create": ("create", "新建"),
    "action.update": ("update", "更新"),
    "action.skip": ("skip", "跳过"),
    "field.name": ("name", "姓名"),
    "field.title": ("title", "职务"),
    "field.email": ("e-mail", "电子邮件"),
    "field.phone": ("phone", "电话"),
    "field.department": ("department", "部门"),
    "field.reports_to": ("reports to", "上级"),
    "field.given_name": ("given name", "名"),
    "field.family_name": ("family name", "姓"),
    "field.record_id": ("record id", "记录编号"),
}


def say(code: str, lang: str = "en", /, **params: Any) -> str:
    en, zh = WORDS[code]
    template = zh if lang == "zh" else en
    shown = {k: _shown(k, v, lang) for k, v in params.items()}
    return template.format(**shown)


def _shown(key: str, value: Any, lang: str) -> Any:
    if key == "field" and isinstance(value, str) and f"field.{value}" in WORDS:
        return say(f"field.{value}", lang)
    if hasattr(value, "unit") and hasattr(value, "number"):  # a Place: another row
        return place_text(value, lang)
    if isinstance(value, (int, float)):
        return value
    return safe_text.line(str(value))


def place_text(place: Any, lang: str = "en", column: str = "") -> str:
    """`line 12`, `row 3`, `card 2 (line 14)`, with `, column Email` when one is named."""
    text = say(f"place.{place.unit}", lang, number=place.number, line=place.line)
    if column:
        text += (", " if lang != "zh" else "，") + say("place.column", lang, column=column)
    return text


_FIELD_OF = {"department_id": "department", "reports_to_id": "reports_to"}


def problem_text(problem: Any, lang: str = "en") -> str:
    return say(problem.code, lang, **problem.params)


def entry_reason(entry: Any, lang: str = "en") -> str:
    """Why a row is created, updated or skipped; an update names each field, before → after."""
    if entry.reason == "skip.bad":
        return say("skip.bad", lang, why="; ".join(problem_text(p, lang) for p in entry.problems))
    text = say(entry.reason, lang)
    if entry.changes:
        parts = []
        for key, (before, after) in entry.changes.items():
            label = say(f"field.{_FIELD_OF.get(key, key)}", lang)
            parts.append(f"{label} {safe_text.line(before)} → {safe_text.line(after)}" if before
                         else f"{label} → {safe_text.line(after)}")
        text += ("：" if lang == "zh" else ": ") + ("，" if lang == "zh" else ", ").join(parts)
    return text
