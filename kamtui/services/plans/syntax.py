"""A TOML file's syntax error as a problem of the plan file: where (file, line, column) and what,
worded in English and 中文 (tomllib's refusals, each mapped to a message code)."""

from __future__ import annotations

import re
import tomllib

from kamtui.errors import Problem
from kamtui.messages import Message


_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")
# tomllib's refusals -> (code, the parameter its group fills)
_SYNTAX = [(re.compile(p), code, param) for p, code, param in (
    (r"^Invalid statement$", "toml.invalid_statement", ""),
    (r"^Expected newline or end of document after a statement$", "toml.expected_newline", ""),
    (r"^Expected '\]' at the end of a table declaration$", "toml.table_header", ""),
    (r"^Expected '\]\]' at the end of an array declaration$", "toml.array_header", ""),
    (r"^Expected '=' after a key in a key/value pair$", "toml.expected_equals", ""),
    (r"^Expected ('.*')$", "toml.expected", "what"),
    (r"^Found invalid character (.*)$", "toml.invalid_character", "what"),
    (r"^Illegal character '\\n'$", "toml.line_break_in_string", ""),
    (r"^Illegal character (.*)$", "toml.illegal_character", "what"),
    (r"^Cannot declare \((.*?),?\) twice$", "toml.declared_twice", "table"),
    (r"^Cannot overwrite a value$", "toml.key_twice", ""),
    (r"^Cannot mutate immutable namespace (.*)$", "toml.immutable", "key"),
    (r"^Cannot redefine namespace (.*)$", "toml.redefined", "key"),
    (r"^Invalid initial character for a key part$", "toml.bad_key", ""),
    (r"^Unclosed array$", "toml.unclosed_array", ""),
    (r"^Unclosed inline table$", "toml.unclosed_inline_table", ""),
    (r"^Duplicate inline table key (.*)$", "toml.inline_key_twice", "key"),
    (r"^Unescaped '\\\\' in a string$", "toml.unescaped_backslash", ""),
    (r"^Invalid hex value$", "toml.bad_hex", ""),
    (r"^Escaped character is not a Unicode scalar value$", "toml.bad_escape", ""),
    (r"^Unterminated string$", "toml.unterminated", ""),
    (r"^Invalid date or datetime$", "toml.bad_date", ""),
    (r"^Invalid value$", "toml.invalid_value", ""),
)]


def _syntax_message(what: str) -> Message:
    for pattern, code, param in _SYNTAX:
        m = pattern.match(what)
        if m:
            if param == "table":  # ('a', 'b') -> a.b
                return Message(code, table=m.group(1).replace("'", "").replace(", ", "."))
            return Message(code, **({param: m.group(1)} if param else {}))
    return Message("toml.other", what=what[:1].lower() + what[1:])


def syntax_problem(name: str, text: str, exc: tomllib.TOMLDecodeError) -> Problem:
    """`bank.toml, line 3, column 12` / `invalid value: attitude = maybe`."""
    msg = str(exc)
    m = _AT.search(msg)
    lines = text.split("\n")
    if m and m.group(1):
        line, col = int(m.group(1)), int(m.group(2))
    else:
        line = len(lines)
        col = len(lines[-1]) + 1
    what = _syntax_message(_AT.sub("", msg) if m else msg)
    snippet = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    if snippet:
        what = Message("plan.syntax", what=what, snippet=f"{snippet[:80]}{'…' if len(snippet) > 80 else ''}")
    return (Message("plan.at", file=name, line=line, column=col), what)
