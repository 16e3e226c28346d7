"""A plan file's TOML text from its records in file form (plain dicts and lists): the one
writer of every plan file, loading no pydantic (the sync's light export uses it too)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import tomli_w

from kamtui import safe_text


def _is_aot(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and isinstance(v[0], dict)


def _write_table(out: list[str], name: str, table: dict[str, Any], *, aot: bool) -> None:
    """`[name]` / `[[name]]`, its plain keys (tomli-w), then its sub-tables by full name."""
    flat = {k: v for k, v in table.items() if not isinstance(v, dict) and not _is_aot(v)}
    nested = [(k, v) for k, v in table.items() if isinstance(v, dict) or _is_aot(v)]
    if aot or flat or not nested:
        if out:
            out.append("\n")
        out.append(f"[[{name}]]\n" if aot else f"[{name}]\n")
        if flat:
            out.append(tomli_w.dumps(flat, multiline_strings=True))
    for key, value in nested:
        if isinstance(value, dict):
            _write_table(out, f"{name}.{key}", value, aot=False)
        else:
            for item in value:
                _write_table(out, f"{name}.{key}", item, aot=True)


def document(head: dict[str, Any], sections: Iterable[tuple[str, dict | list[dict]]]) -> str:
    """A whole file: the plain top-level keys, then each section as a table or array of tables.

    Every table is written with a header of its full dotted name, so the layout never depends
    on the length of the values (tomli-w alone would inline short tables and hoist them).
    tomli-w writes C1, bidi and invisible characters raw: they leave as \\uXXXX escapes.
    """
    out: list[str] = [tomli_w.dumps(head)]
    for name, value in sections:
        if isinstance(value, dict):
            _write_table(out, name, value, aot=False)
        else:
            for item in value:
                _write_table(out, name, item, aot=True)
    return safe_text.escaped("".join(out))
