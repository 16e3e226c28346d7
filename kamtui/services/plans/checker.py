"""Checking one plan file's tables as they are turned into models: every problem collected
with its key path (`people[3].attitude`), none raised."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from kamtui.domain.base import clean_text
from kamtui.domain.validation import problems as pydantic_problems
from kamtui.errors import Problem
from kamtui.messages import Message
from kamtui.services.plans import format as fmt


def safe(text: str) -> str:
    """User text that goes into a message: no terminal control characters."""
    return str(clean_text(text))


_IN_FILES = {"value.required": "plan.key_missing", "value.not_table": "plan.expected_table"}


def _friendly(message: Message) -> Message:
    code = _IN_FILES.get(message.code)
    return Message(code) if code else message


def _key_path(prefix: str, key: Any) -> str:
    return f"{prefix}.{safe(str(key))}" if prefix else safe(str(key))


class Checker:
    """Collects the problems of one file while turning its tables into models."""

    def __init__(self, name: str):
        self.name = name
        self.found: list[Problem] = []

    def problem(self, path: str, code: str, **params: Any) -> None:
        self.said(path, Message(code, **params))

    def said(self, path: str, message: Message) -> None:
        where = f"{self.name}: {path}" if path else self.name
        self.found.append((safe(where), message))

    def model(self, cls: type[BaseModel], data: Any, path: str, implied: dict[str, Any] | None = None) -> Any:
        if not isinstance(data, dict):
            self.problem(path, "plan.expected_table")
            return None
        data = dict(data)
        for key in implied or {}:
            if key in data:
                self.problem(_key_path(path, key), "plan.implied_key")
                data.pop(key)
        data.update(implied or {})
        try:
            # (model_validate's keyword handling is a fifth of the time for a small record)
            return cls.__pydantic_validator__.validate_python(data)
        except ValidationError as exc:
            for where, msg in pydantic_problems(exc, path):
                self.said(where, _friendly(msg))
            return None
        except RecursionError:
            self.problem(path, "plan.too_deep_record")
            return None

    def tables(self, doc: dict, key: str, path: str | None = None) -> list[tuple[str, dict]]:
        """The tables of an array of tables (`[[key]]`), each with its path."""
        path = path or key
        value = doc.get(key, [])
        if not isinstance(value, list):
            self.problem(path, "plan.expected_tables", key=key)
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append((f"{path}[{i}]", item))
            else:
                self.problem(f"{path}[{i}]", "plan.expected_table")
        return out

    def unknown_keys(self, doc: dict, allowed: tuple[str, ...], path: str = "") -> None:
        for key in doc:
            if key not in allowed:
                self.problem(_key_path(path, key), "value.unknown_key")

    def schema_version(self, doc: dict) -> bool:
        """False when the file cannot be read further (newer or missing schema version)."""
        v = doc.get("schema_version")
        if v is None:
            self.problem("schema_version", "plan.schema_missing", version=fmt.SCHEMA_VERSION)
            return False
        if not isinstance(v, int) or isinstance(v, bool) or v < 1:
            self.problem("schema_version", "plan.schema_bad")
            return False
        if v > fmt.SCHEMA_VERSION:
            self.problem("schema_version", "plan.schema_newer", found=v, known=fmt.SCHEMA_VERSION)
            return False
        return True
