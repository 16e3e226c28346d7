"""Contact files read into one shape: a header row and rows of text cells, each row with the
place it came from (a CSV line, a spreadsheet row, a vCard card and its line).

What a file is comes from its first bytes, never from its name: a zip (`PK…`) or an OLE file
is a spreadsheet, text that starts with `BEGIN:VCARD` is vCards, other text is CSV. Text is
decoded in the encoding charset-normalizer finds (UTF-8 with or without BOM, GB18030/GBK as
Chinese Excel writes, …), unless the caller names one. The libraries load here, when a
contact file is read: the app's start never pays for them.

Limits, checked before parsing: the file's size, the rows it may hold, a spreadsheet's
unpacked size (a zip bomb), and how deep vCards nest.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from kamtui.errors import InputError
from kamtui.messages import Message

MAX_BYTES = 32 * 1024 * 1024
MAX_ROWS = 100_000
MAX_UNPACKED = 256 * 1024 * 1024  # a spreadsheet's parts, unzipped
MAX_NESTING = 10  # vCards inside vCards (vCard 2.1 AGENT)
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Place:
    """Where a row came from: ("line", 12), ("row", 12) or ("card", 3) with its first line."""

    unit: str
    number: int
    line: int = 0

    def __str__(self) -> str:
        if self.unit == "card":
            return f"card {self.number} (line {self.line})"
        return f"{self.unit} {self.number}"


@dataclass
class Sheet:
    """A contact file as a table. Every row has as many cells as there are headers."""

    source: str  # the file's name, as problems name it
    kind: str  # "csv", "xlsx" or "vcard"
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    encoding: str | None = None
    sheet: str | None = None  # the spreadsheet's sheet read
    too_long: dict[int, int] = field(default_factory=dict)  # row index -> cells beyond the headers
    broken: dict[int, str] = field(default_factory=dict)  # row index -> why the card cannot be read


def _refuse(source: str, why: str, /, **params: object) -> InputError:
    """The file cannot be used: `why` is a `contacts.file.` code of the catalogue."""
    return InputError("contacts.refused", file=source, why=Message(f"contacts.file.{why}", **params))


def read(path: Path, *, sheet: str | None = None, encoding: str | None = None) -> Sheet:
    """Read a contact file whatever its kind; InputError (one sentence) when it cannot be."""
    source = path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _refuse(source, "too_big", mib=f"{size / 2**20:.1f}", max=MAX_BYTES // 2**20)
        data = path.read_bytes()
    except IsADirectoryError:
        raise _refuse(source, "folder") from None
    except FileNotFoundError:
        raise _refuse(str(path), "missing") from None
    if data.startswith(_ZIP) or data.startswith(_OLE):
        if encoding is not None:
            raise _refuse(source, "encoding_spreadsheet")
        return read_spreadsheet(path, data, sheet)
    if sheet is not None:
        raise _refuse(source, "sheet_text")
    text, used = decode(source, data, encoding)
    if text.lstrip()[:11].upper() == "BEGIN:VCARD":
        from kamtui.services.contacts.vcards import read_vcards

        return read_vcards(source, text, used)
    return read_csv(source, text, used)


def decode(source: str, data: bytes, encoding: str | None) -> tuple[str, str]:
    """The text of `data` and the encoding it was read in (a byte-order mark wins)."""
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise _refuse(source, "no_codec", encoding=encoding) from None
        try:
            return data.decode(encoding).removeprefix("\ufeff"), encoding
        except UnicodeDecodeError as exc:
            raise _refuse(source, "undecodable", at=exc.start + 1, encoding=encoding) from None
    if not data.strip():
        raise _refuse(source, "empty")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise _refuse(source, "unknown_encoding")
    return str(best).removeprefix("\ufeff"), best.encoding


def _delimiter(first_line: str) -> str:
    """Excel writes `,` or, in locales with a decimal comma, `;`; some tools write tabs: the
    one the header line has most of (outside quotes)."""
    counts = {d: 0 for d in ",;\t"}
    quoted = False
    for ch in first_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(source: str, text: str, encoding: str | None) -> Sheet:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]))
    out: Sheet | None = None
    last_line = 0
    try:
        for cells in reader:
            start, last_line = last_line + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if out is None:
                out = Sheet(source, "csv", _headers(source, cells), encoding=encoding)
                continue
            _add(out, cells, Place("line", start))
    except csv.Error as exc:
        raise _refuse(source, "csv", line=reader.line_num, why=str(exc)) from None
    if out is None:
        raise _refuse(source, "no_header")
    return out


def _headers(source: str, cells: list[str]) -> list[str]:
    headers = [c.strip().removeprefix("\ufeff").strip() for c in cells]
    while headers and not headers[-1]:
        headers.pop()
    if not headers:
        raise _refuse(source, "empty_header")
    return headers


def _add(sheet: Sheet, cells: list[str], place: Place) -> None:
    if len(sheet.rows) >= MAX_ROWS:
        raise _refuse(sheet.source, "too_many", max=f"{MAX_ROWS:,}")
    n = len(sheet.headers)
    if len(cells) > n:
        extra = sum(1 for c in cells[n:] if c.strip())
        if extra:
            sheet.too_long[len(sheet.rows)] = extra
        cells = cells[:n]
    elif len(cells) < n:
        cells = cells + [""] * (n - len(cells))
    sheet.rows.append(cells)
    sheet.places.append(place)


# -- spreadsheets ---------------------------------------------------------------------------------

def read_spreadsheet(path: Path, data: bytes, sheet: str | None) -> Sheet:
    source = path.name
    if data.startswith(_ZIP):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                unpacked = sum(i.file_size for i in z.infolist())
        except zipfile.BadZipFile:
            raise _refuse(source, "damaged_zip") from None
        if unpacked > MAX_UNPACKED:
            raise _refuse(source, "unpacks_big", mib=f"{unpacked / 2**20:.0f}", max=MAX_UNPACKED // 2**20)
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
        if not names:
            raise _refuse(source, "no_sheets")
        if sheet is not None and sheet not in names:
            raise _refuse(source, "no_sheet", sheet=sheet, sheets=names)
        chosen = sheet if sheet is not None else names[0]
        table = book.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
    except CalamineError as exc:
        raise _refuse(source, "spreadsheet", why=str(exc)) from None
    out: Sheet | None = None
    for number, values in enumerate(table, start=1):
        cells = [_cell(v) for v in values]
        if not any(c.strip() for c in cells):
            continue
        if out is None:
            out = Sheet(source, "xlsx", _headers(source, cells), sheet=chosen)
            continue
        _add(out, cells, Place("row", number))
    if out is None:
        raise _refuse(source, "sheet_no_header", sheet=chosen)
    return out


def _cell(value: object) -> str:
    """A cell as text: numbers without a trailing .0 (phone numbers are often stored as
    numbers), dates in ISO form."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e18 else repr(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return str(value)
