"""The words of a people import in English and 中文 (the `contacts.` codes of
kamtui/message_catalogue.py): what is wrong with a row, why a person is created, updated or
skipped, where a row is. Services hand out codes and values; the CLI and the dialog say them in
the reader's language. Values are user data: one line, filtered."""

from __future__ import annotations

from typing import Any

from kamtui import safe_text
from kamtui.messages import Message, known


def message(code: str, /, **params: Any) -> Message:
    """The import's word `code` (a `contacts.` code of the catalogue) with its values: a field's
    name and another row's place become words of their own, said in the reader's language."""
    return Message(f"contacts.{code}", **{k: _value(k, v) for k, v in params.items()})


def say(code: str, lang: str = "en", /, **params: Any) -> str:
    return message(code, **params).text(lang)


def _value(key: str, value: Any) -> Any:
    if key == "field" and isinstance(value, str) and known(f"contacts.field.{value}"):
        return Message(f"contacts.field.{value}")
    if hasattr(value, "unit") and hasattr(value, "number"):  # a Place: another row
        return place_message(value)
    if isinstance(value, (int, float, Message)):
        return value
    return safe_text.line(str(value))


def place_message(place: Any, column: str = "") -> Message:
    """`line 12`, `row 3`, `card 2 (line 14)`, with `, column Email` when one is named."""
    at = Message(f"contacts.place.{place.unit}", number=place.number, line=place.line)
    if not column:
        return at
    return Message("contacts.place.with_column", place=at, column=Message("contacts.place.column", column=column))


def place_text(place: Any, lang: str = "en", column: str = "") -> str:
    return place_message(place, column).text(lang)


_FIELD_OF = {"department_id": "department", "reports_to_id": "reports_to"}


def problem_message(problem: Any) -> Message:
    return message(problem.code, **problem.params)


def problem_text(problem: Any, lang: str = "en") -> str:
    return problem_message(problem).text(lang)


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
