"""The characters user text may not carry, and the one filter for everything that leaves kamtui.

- Terminal controls (C0 but tab and newline, DEL, C1): escape sequences a terminal obeys
  (OSC 52 writes the clipboard, CSI moves the cursor, CR overwrites the line).
- Bidi controls (embeddings, overrides, isolates, marks): they reorder what follows them, so
  "txt.exe" can read as "exe.txt".
- Invisible characters (zero-width space/joiners, word joiner, BOM, line/paragraph separators):
  no column in kamtui's layout, but some terminals give them one and shift the rest of the line;
  they also hide text from search.
- Lone surrogates (from a JSON "\\ud800"): no encoding can write them.

Input drops them (model validators, plan import); output drops them again, because the workspace
may hold what another program put there. A leaf every layer may use (the CLI included);
stdlib only: the first screen loads it before pydantic.
"""

from __future__ import annotations

import json
import re
from typing import Any

UNSAFE = ("\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
          "\ufeff\ud800-\udfff")
_UNSAFE = re.compile(f"[{UNSAFE}]")
_BREAKS = re.compile(r"[\t\n]+")
# A whole escape sequence (ECMA-48): CSI with its parameters, OSC/DCS/APC/PM/SOS up to its
# terminator (a lone ESC is dropped as any control is: what follows it may be a letter typed).
# The one-byte C1 forms (0x9b, 0x9d…) are dropped alone: in user text they are far more often a
# mis-decoded character (cp1252's "›" is 0x9b) than a sequence, and the letters after them
# are the user's. Dropping only the ESC would leave "[2J" or
# "]0;title" in the name as text. A string sequence without its terminator loses only its
# ESC: the text after it is the user's.
_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]?|[\x1b][\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)")


def text(value: object) -> str:
    """Text that may span lines (notes): escape sequences and unsafe characters removed, CR
    and CRLF become newlines."""
    s = value if isinstance(value, str) else str(value)
    if _UNSAFE.search(s) is None:
        return s
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub("", _SEQUENCE.sub("", s))


def line(value: object) -> str:
    """One line (a name, a table cell): like text(), with tabs and line breaks as one space."""
    s = text(value)
    return _BREAKS.sub(" ", s) if "\n" in s or "\t" in s else s


def is_safe(s: str) -> bool:
    return _UNSAFE.search(s) is None


def _escape(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def escaped(document: str) -> str:
    """A JSON or TOML document with each unsafe character written as a \\uXXXX escape: both
    formats read it back as the same character, so nothing is lost and nothing is raw. Only
    for documents whose every such character sits inside a double-quoted string (the writers
    put the document's own structure in plain ASCII)."""
    return _UNSAFE.sub(_escape, document)


def json_dumps(value: Any, **options: Any) -> str:
    """json.dumps, unsafe characters escaped (it leaves DEL, C1, bidi and invisibles raw)."""
    return escaped(json.dumps(value, ensure_ascii=False, **options))
