"""Hypothesis strategies for raw TOML documents, written by hand rather than by tomli-w: every
way TOML 1.0 has to spell a string, a number, a date or a table, and the characters that trip
parsers up (quotes, backslashes, CJK, emoji, control characters, brackets inside strings).

`documents()` draws (text, depth): a valid TOML 1.0 document and how deep its arrays and inline
tables nest. The renderers only need to write valid TOML, not know its value: the tests compare
two parsers' values with each other.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

# Text with what needs escaping or care: quotes, backslashes, brackets, CJK, emoji, controls.
CHARS = st.one_of(
    st.sampled_from(list("aZ0 _-.中文測試한글😀[]{}\"'\\#=,\t\n\r\b\f\x00\x1f\x7f\u2028\ufeff\u00e9")),
    st.characters(exclude_categories=("Cs",)),
)
TEXT = st.lists(CHARS, max_size=24).map("".join)
BARE = st.text(alphabet="abcXYZ019_-", min_size=1, max_size=6)
_SHORT = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def _control(ch: str) -> bool:
    return ch < " " or ch == "\x7f"


@st.composite
def basic_string(draw, multiline_ok: bool = True) -> str:
    """`"…"` with escapes (short, \\uXXXX or \\UXXXXXXXX, chosen at random where optional)."""
    out = []
    for ch in draw(TEXT):
        how = draw(st.integers(0, 5))
        if ch in _SHORT and how < 4:
            out.append(_SHORT[ch])
        elif _control(ch) or ch in _SHORT or how == 0:
            out.append(f"\\u{ord(ch):04X}" if ord(ch) < 0x10000 and how % 2 else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


@st.composite
def literal_string(draw) -> str:
    """`'…'`: no escapes at all, so no `'`, line break or control character but tab."""
    text = draw(TEXT)
    return "'" + "".join(c for c in text if c != "'" and (c == "\t" or not _control(c))) + "'"


@st.composite
def multiline_basic(draw) -> str:
    """`\"\"\"…\"\"\"`: raw line breaks (LF or CRLF), up to two quotes in a row, line-ending
    backslashes that swallow the break and the indentation after it, escapes."""
    out = ["\n"] if draw(st.booleans()) else []  # a break right after the quotes is trimmed
    quotes = 0
    for ch in draw(TEXT):
        if ch == '"':
            quotes += 1
            out.append(ch if quotes < 3 else '\\"')
            quotes = 0 if quotes >= 3 else quotes
            continue
        quotes = 0
        if ch == "\n":
            out.append(draw(st.sampled_from(["\n", "\r\n", "\\\n   ", "\\  \n\n\t "])))
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\t" or not _control(ch):
            out.append(ch)
        else:
            out.append(_SHORT.get(ch, f"\\u{ord(ch):04x}"))
    if out and out[-1].endswith('"'):
        out.append("\\\"" if draw(st.booleans()) else " ")
    return '"""' + "".join(out) + '"""'


@st.composite
def multiline_literal(draw) -> str:
    """`'''…'''`: raw, line breaks kept; at most two `'` in a row."""
    text = "".join(c for c in draw(TEXT) if c in "\t\n" or not _control(c))
    text = text.replace("'''", "''")
    if text.endswith("'"):
        text += "."
    return "'''" + ("\n" if draw(st.booleans()) else "") + text.replace("\n", draw(st.sampled_from(["\n", "\r\n"]))) + "'''"


strings = st.one_of(basic_string(), literal_string(), multiline_basic(), multiline_literal())


def _digits(n: int, draw) -> str:
    s = str(n)
    if draw(st.booleans()) and len(s) > 1:  # underscores between digits
        s = "_".join(s)
    return s


@st.composite
def integer(draw) -> str:
    n = draw(st.one_of(st.integers(-(2**63), 2**63 - 1), st.sampled_from([0, 2**63 - 1, -(2**63)])))
    form = draw(st.integers(0, 4))
    if n >= 0 and form == 1:
        return "0x" + draw(st.sampled_from([format(n, "x"), format(n, "X")]))
    if n >= 0 and form == 2:
        return f"0o{n:o}"
    if n >= 0 and form == 3:
        return f"0b{n:b}"
    sign = "-" if n < 0 else draw(st.sampled_from(["", "+"]))
    return sign + _digits(abs(n), draw)


@st.composite
def floating(draw) -> str:
    special = draw(st.sampled_from(["", "", "", "inf", "nan"]))
    if special:
        return draw(st.sampled_from(["", "+", "-"])) + special
    s = repr(draw(st.floats(allow_nan=False, allow_infinity=False)))  # 1.5, -0.0, 1e+16, 5e-324
    sign = "-" if s.startswith("-") else draw(st.sampled_from(["", "+"]))
    s = s.lstrip("-")
    whole, rest = (s.split(".", 1) + [""])[:2] if "." in s else (s.split("e", 1)[0], "e" + s.split("e", 1)[1])
    if "." in s:
        rest = "." + rest
    return sign + _digits(int(whole), draw) + rest.replace("e", draw(st.sampled_from(["e", "E"])))


def _frac(draw, t: dt.time) -> str:
    """No fraction, or 1 to 9 digits (tomllib keeps microseconds: what of nanoseconds?)."""
    digits = draw(st.sampled_from([0, 1, 3, 6, 9]))
    extra = draw(st.text(alphabet="0123456789", min_size=3, max_size=3))
    return f".{t.microsecond:06d}{extra}"[:digits + 1] if digits else ""


@st.composite
def date_time(draw) -> str:
    """Dates, local times, local date-times and offset date-times in each spelling TOML allows."""
    kind = draw(st.integers(0, 3))
    d = draw(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
    t = draw(st.times())
    clock = f"{t.hour:02d}:{t.minute:02d}:{t.second:02d}" + _frac(draw, t)
    if kind == 0:
        return d.isoformat()
    if kind == 1:
        return clock
    stamp = f"{d.isoformat()}{draw(st.sampled_from(['T', 't', ' ']))}{clock}"
    if kind == 2:
        return stamp
    offset = draw(st.one_of(st.sampled_from(["Z", "z", "+00:00", "-00:00"]),
                            st.tuples(st.sampled_from("+-"), st.integers(0, 23), st.integers(0, 59))
                            .map(lambda o: f"{o[0]}{o[1]:02d}:{o[2]:02d}")))
    return stamp + offset


scalars = st.one_of(strings, integer(), floating(), st.sampled_from(["true", "false"]), date_time())


def key(draw) -> str:
    return draw(st.one_of(BARE, basic_string(), literal_string()).filter(lambda k: "\n" not in k and "\r" not in k))


def _name(k: str) -> str:
    import tomllib

    return tomllib.loads(f"{k} = 0").popitem()[0]


def _unique_keys(draw, n: int, seen: set[str]) -> list[str]:
    """Keys whose names (quoted or not) are not in `seen` nor repeated: `a`, `"a"` and `'a'` are one key."""
    out = []
    for _ in range(n):
        k = key(draw)
        if _name(k) not in seen:
            seen.add(_name(k))
            out.append(k)
    return out


@st.composite
def value(draw, depth: int = 0) -> tuple[str, int]:
    """A value and how deep it nests (a scalar 0, `[1]` 1, `[{a = []}]` 3)."""
    if depth >= 4 or draw(st.integers(0, 3)):
        return draw(scalars), 0
    if draw(st.booleans()):
        items = [draw(value(depth + 1)) for _ in range(draw(st.integers(0, 3)))]
        inner = max((d for _, d in items), default=0)
        if draw(st.booleans()):  # one item a line, comments between, a trailing comma
            body = "".join(f"\n  {v}, # {draw(COMMENT)}" for v, _ in items)
            return "[" + body + "\n]", inner + 1
        return "[" + ", ".join(v for v, _ in items) + "]", inner + 1
    items = [(k, draw(value(depth + 1))) for k in _unique_keys(draw, draw(st.integers(0, 3)), set())]
    return "{" + ", ".join(f"{k} = {v}" for k, (v, _) in items) + "}", 1 + max((d for _, (_, d) in items), default=0)


COMMENT = TEXT.map(lambda s: "".join(c for c in s if c == "\t" or not _control(c)))


@st.composite
def documents(draw) -> tuple[str, int]:
    """A whole document: top-level pairs, tables and arrays of tables with dotted keys and
    comments, LF or CRLF line ends. Returns (text, deepest nesting of its values)."""
    lines: list[str] = []
    deepest = 0

    def pairs(seen: set[str]) -> None:
        nonlocal deepest
        for i, k in enumerate(_unique_keys(draw, draw(st.integers(0, 4)), seen)):
            v, d = draw(value())
            deepest = max(deepest, d)
            if draw(st.integers(0, 4)) == 0 and f"dot{i}" not in seen:  # `dot0.key = …`: a table made on the way
                seen.add(f"dot{i}")
                k = f"dot{i} . {k}"
            lines.append(f"{k} = {v}" + (f"  # {draw(COMMENT)}" if draw(st.booleans()) else ""))

    top: set[str] = set()
    pairs(top)
    for name in _unique_keys(draw, draw(st.integers(0, 3)), top):
        if draw(st.booleans()):
            for _ in range(draw(st.integers(1, 2))):
                lines.append(f"[[{name}]]")
                pairs(set())
        else:
            here = {"sub"}
            lines.append(f"[{name}]")
            pairs(here)
            if draw(st.booleans()):
                lines.append(f"[ {name} . sub ]")
                pairs(set())
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return end.join(lines) + (end if draw(st.booleans()) else ""), deepest
