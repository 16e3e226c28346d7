"""Turn pydantic's errors into (field path, message) pairs a person can act on."""

from __future__ import annotations

import re

from pydantic import ValidationError

_FIELD_PREFIX = re.compile(r"^(?:Value error, )?([a-z_]+): (.*)$", re.S)


def loc_path(loc: tuple) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += ("." if path else "") + str(part)
    return path


def problems(exc: ValidationError, prefix: str = "") -> list[tuple[str, str]]:
    """Every error as (path, message); model-level errors name their field as 'field: …'."""
    out = []
    for err in exc.errors(include_url=False):
        path = loc_path(tuple(err["loc"]))
        msg = err["msg"]
        m = _FIELD_PREFIX.match(msg)
        if m:
            path = f"{path}.{m.group(1)}" if path else m.group(1)
            msg = m.group(2)
        elif msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        if err["type"] == "extra_forbidden":
            msg = "unknown key"
        if prefix:
            path = f"{prefix}.{path}" if path else prefix
        out.append((path or "(record)", msg))
    return out


def summary(exc: ValidationError, prefix: str = "") -> str:
    return "; ".join(f"{p}: {m}" for p, m in problems(exc, prefix))
