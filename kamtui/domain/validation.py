"""Turn pydantic's errors into (field path, Message) pairs a person can act on, in either language.

Our own checks raise `base.invalid(code, field)`; pydantic's own errors are worded by their type
(the catalogue's "value.*" codes), never in pydantic's English.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from kamtui.domain.base import KAMTUI_ERROR
from kamtui.messages import Message

# pydantic error type -> (code, {catalogue parameter: pydantic context key})
_TYPES: dict[str, tuple[str, dict[str, str]]] = {
    "missing": ("value.required", {}),
    "extra_forbidden": ("value.unknown_key", {}),
    "string_too_long": ("value.too_long", {"max_length": "max_length"}),
    "string_too_short": ("value.too_short", {"min_length": "min_length"}),
    "too_long": ("value.too_many", {"max_length": "max_length"}),
    "too_short": ("value.too_few", {"min_length": "min_length"}),
    "greater_than_equal": ("value.at_least", {"limit": "ge"}),
    "less_than_equal": ("value.at_most", {"limit": "le"}),
    "greater_than": ("value.above", {"limit": "gt"}),
    "less_than": ("value.below", {"limit": "lt"}),
    "int_type": ("value.not_whole_number", {}),
    "int_parsing": ("value.not_whole_number", {}),
    "int_from_float": ("value.not_whole_number", {}),
    "float_type": ("value.not_number", {}),
    "float_parsing": ("value.not_number", {}),
    "finite_number": ("value.not_number", {}),
    "bool_type": ("value.not_yes_no", {}),
    "bool_parsing": ("value.not_yes_no", {}),
    "date_type": ("value.not_date", {}),
    "date_parsing": ("value.not_date", {}),
    "date_from_datetime_parsing": ("value.not_date", {}),
    "date_from_datetime_inexact": ("value.not_date", {}),
    "string_type": ("value.not_text", {}),
    "list_type": ("value.not_list", {}),
    "dict_type": ("value.not_table", {}),
    "model_type": ("value.not_table", {}),
    "model_attributes_type": ("value.not_table", {}),
}
_PATTERNS = {r"^[A-Za-z0-9_-]+$": "value.id_characters", r"^[A-Z]{3}$": "value.currency"}
_COLLECTIONS = ("List", "Set", "Tuple", "Dictionary", "Dict", "Frozenset")
_QUOTED = re.compile(r"'([^']*)'")


def loc_path(loc: tuple) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += ("." if path else "") + str(part)
    return path


def message_of(err: dict[str, Any]) -> tuple[str, Message]:
    """One pydantic error as (the field below its location, or "", its Message)."""
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == KAMTUI_ERROR:
        params = {k: v for k, v in ctx.items() if k not in ("code", "field")}
        return ctx.get("field", ""), Message(ctx["code"], **params)
    if kind in ("enum", "literal_error"):  # "'a', 'b' or 'c'": the values, without the English "or"
        return "", Message("value.one_of", expected=_QUOTED.findall(str(ctx.get("expected", ""))))
    if kind in ("too_long", "too_short") and ctx.get("field_type") not in _COLLECTIONS:
        kind = f"string_{kind}"  # a constraint behind a validator: pydantic names no type
    if kind == "string_pattern_mismatch":
        return "", Message(_PATTERNS.get(str(ctx.get("pattern")), "value.bad_form"))
    code, keys = _TYPES.get(kind, ("value.invalid", {}))
    return "", Message(code, **{name: ctx[key] for name, key in keys.items() if key in ctx})


def problems(exc: ValidationError, prefix: str = "") -> list[tuple[str, Message]]:
    """Every error as (path, Message); model-level checks name the field they are about."""
    out = []
    for err in exc.errors(include_url=False):
        path = loc_path(tuple(err["loc"]))
        field, message = message_of(err)
        if field:
            path = f"{path}.{field}" if path else field
        if prefix:
            path = f"{prefix}.{path}" if path else prefix
        out.append((path or "(record)", message))
    return out


def summary(exc: ValidationError, prefix: str = "") -> str:
    return "; ".join(f"{p}: {m}" for p, m in problems(exc, prefix))
