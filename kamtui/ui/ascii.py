"""ASCII in place of the symbols that carry meaning (⚑ ◆ ★ ▲ ✓ ● …), for terminals that cannot
show them: the Linux console, a vt100, a non-UTF-8 locale, or `--ascii`.

One place does it: a Textual line filter over everything painted (screens, Textual's own tree
icons and borders), each symbol replaced by one ASCII character, so that no column moves.
The screens' legends name the symbols they use, so a legend read in ASCII still explains them.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

# One cell for one cell: the layout is measured before the filter runs.
SYMBOLS: dict[str, str] = {
    "⚑": "F",  # red flag
    "◆": "H",  # hidden decision maker
    "★": "*",  # rising star
    "▲": "^", "▼": "v",  # up / down, sort order, pitfall
    "✓": "+", "✕": "x",  # done / dismissed, cancelled
    "●": "#", "○": "o", "◐": "%",  # owner / contact; done / planned / in progress
    "▶": ">", "◀": "<", "▸": ">", "▾": "v", "›": ">", "‹": "<",
    "→": ">", "←": "<", "↑": "^", "↓": "v", "⇄": "=", "⌫": "<",
    "·": ".", "•": "*", "…": "~", "—": "-", "–": "-", "−": "-",
    "“": '"', "”": '"', "‘": "'", "’": "'",
    "×": "x", "≈": "~", "≥": ">", "≤": "<", "≠": "/", "Δ": "D", "Σ": "S", "§": "S", "µ": "u",
    "²": "2", "⁴": "4",
    "▁": "_", "▂": "_", "▃": "-", "▄": "-", "▅": "=", "▆": "=", "▇": "#", "█": "#",
    "▏": "|", "▎": "|", "▔": "-",
}

# What a terminal that cannot show the symbols calls itself.
ASCII_TERMS = frozenset({"linux", "vt100", "vt102", "vt220", "vt52", "ansi", "dumb", "cons25"})


def needs_ascii(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the terminal described by `environ` needs ASCII: its TERM is one of the consoles
    above, or the locale in force (LC_ALL, else LC_CTYPE, else LANG) is set and not UTF-8."""
    env = os.environ if environ is None else environ
    term = env.get("TERM", "").split("-")[0].lower()
    if term in ASCII_TERMS:
        return True
    locale = env.get("LC_ALL") or env.get("LC_CTYPE") or env.get("LANG") or ""
    if not locale:
        return False  # unknown: terminals today are UTF-8
    codeset = locale.partition(".")[2].partition("@")[0].lower().replace("-", "")
    return codeset not in ("utf8",)


class _Table(dict):
    """str.translate's table: the symbols above; box drawing and blocks by their shape; every
    other character (letters, CJK) left alone."""

    def __missing__(self, code: int) -> int | str:
        char = chr(code)
        found: int | str = code
        if 0x2500 <= code <= 0x257F:  # box drawing
            name = unicodedata.name(char, "")
            found = "-" if "HORIZONTAL" in name and "VERTICAL" not in name else (
                "|" if "VERTICAL" in name and "HORIZONTAL" not in name else "+")
        elif 0x2580 <= code <= 0x259F:  # blocks
            found = "#"
        elif 0x25A0 <= code <= 0x27BF or 0x2190 <= code <= 0x21FF or 0x2200 <= code <= 0x22FF:
            found = "*"  # any other geometric shape, dingbat, arrow or operator
        self[code] = found
        return found


TABLE = _Table({ord(k): v for k, v in SYMBOLS.items()})


class AsciiFilter(LineFilter):
    """Every painted line, its symbols in ASCII."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [seg if seg.control or seg.text.isascii() else Segment(seg.text.translate(TABLE), seg.style)
                for seg in segments]
