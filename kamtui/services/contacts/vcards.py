"""vCards (RFC 2426 vCard 3.0, RFC 6350 vCard 4.0, and the 2.1 that Outlook still writes) as
a table: one row per card, parsed with vobject.

Cards are cut apart here (at the `BEGIN:VCARD` / `END:VCARD` lines of the outer level) and
parsed one by one, so that a broken card is named by its number and line and the others still
read. Each card gives these columns:

- `FN`, `N.given`, `N.family`, `TITLE`, `UID`;
- `ORG` (the organisation) and `ORG.units` (its units, outermost first, joined by ` / `: the
  department path);
- `EMAIL` and `TEL`: the preferred one (TYPE=PREF or PREF=1), else the first; a `tel:` URI
  is written as a number (`;ext=12` as ` ext. 12`);
- `MANAGER`: the manager as address books write one: `X-MS-MANAGER` (Outlook),
  `X-ABRELATEDNAMES` labelled Manager (Apple), `RELATED;TYPE=x-manager`,
  `X-MANAGER`, `X-EVOLUTION-MANAGER`;
- any other property by its name (its first value as text), for `--map`.
"""

from __future__ import annotations

import re

from kamtui.services.contacts.readers import MAX_NESTING, Place, Sheet, _add, _refuse

COLUMNS = ["FN", "N.given", "N.family", "TITLE", "ORG", "ORG.units", "EMAIL", "TEL", "MANAGER", "UID"]
_MANAGER_PROPS = ("X-MS-MANAGER", "X-MANAGER", "X-EVOLUTION-MANAGER", "X-ASSISTANT-MANAGER")
_BEGIN = re.compile(r"^(?:[\w-]+\.)?BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^(?:[\w-]+\.)?END:VCARD\s*$", re.IGNORECASE)


def read_vcards(source: str, text: str, encoding: str | None) -> Sheet:
    cards = _cut(source, text)
    parsed: list[tuple[Place, dict[str, str] | None, str]] = []
    extra: list[str] = []
    for number, (line, card_text) in enumerate(cards, start=1):
        place = Place("card", number, line)
        try:
            values = _values(card_text)
        except Exception as exc:  # vobject's ParseError and what a broken card makes it raise
            parsed.append((place, None, _why(exc, line)))
            continue
        for key in values:
            if key not in COLUMNS and key not in extra:
                extra.append(key)
        parsed.append((place, values, ""))
    sheet = Sheet(source, "vcard", COLUMNS + extra, encoding=encoding)
    for place, values, why in parsed:
        if values is None:
            sheet.broken[len(sheet.rows)] = why
            values = {}
        _add(sheet, [values.get(h, "") for h in sheet.headers], place)
    return sheet


def _why(exc: Exception, first_line: int) -> str:
    number = getattr(exc, "lineNumber", None)
    where = f"line {first_line + number - 1}: " if isinstance(number, int) and number > 0 else ""
    message = str(getattr(exc, "message", "") or exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"{where}the card cannot be read ({message[:120]})"


def _cut(source: str, text: str) -> list[tuple[int, str]]:
    """The outer cards as (first line, text); lines outside any card are refused when they
    hold anything."""
    cards: list[tuple[int, str]] = []
    depth = 0
    start = 0
    lines: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if _BEGIN.match(line):
            depth += 1
            if depth > MAX_NESTING:
                raise _refuse(source, "nested", line=number, max=MAX_NESTING)
            if depth == 1:
                start, lines = number, []
        elif depth == 0 and line.strip():
            if line[:1] in (" ", "\t"):
                continue  # a folded continuation of a line outside cards: nothing to read
            raise _refuse(source, "outside", line=number)
        if depth:
            lines.append(line)
        if _END.match(line) and depth:
            depth -= 1
            if depth == 0:
                cards.append((start, "\r\n".join(lines) + "\r\n"))
    if depth:
        raise _refuse(source, "unended", line=start)
    if not cards:
        raise _refuse(source, "no_vcard")
    return cards


def _values(card_text: str) -> dict[str, str]:
    import vobject

    card = vobject.readOne(card_text, allowQP=True)
    if card.name.upper() != "VCARD":
        raise ValueError(f"a {card.name} where a VCARD was expected")
    out: dict[str, str] = {}
    emails, phones = [], []
    labels: dict[str, str] = {}
    related: list[tuple[str | None, str]] = []
    for prop in card.getChildren():
        name = prop.name.upper()
        value = prop.value
        if name == "N":
            out["N.given"] = _join(getattr(value, "given", ""))
            out["N.family"] = _join(getattr(value, "family", ""))
        elif name == "ORG":
            parts = value if isinstance(value, list) else [value]
            parts = [str(p).strip() for p in parts]
            out.setdefault("ORG", parts[0] if parts else "")
            out.setdefault("ORG.units", " / ".join(p for p in parts[1:] if p))
        elif name == "EMAIL":
            emails.append((_preferred(prop), str(value).strip().removeprefix("mailto:")))
        elif name == "TEL":
            phones.append((_preferred(prop), _tel(str(value))))
        elif name == "X-ABLABEL":
            labels[prop.group or ""] = str(value)
        elif name == "X-ABRELATEDNAMES":
            related.append((prop.group, str(value)))
        elif name == "RELATED":
            types = ",".join(prop.params.get("TYPE", [])).lower()
            if "manager" in types:
                out.setdefault("MANAGER", str(value).strip())
        elif name in _MANAGER_PROPS:
            out.setdefault("MANAGER", str(value).strip())
        elif name != "VERSION" and not isinstance(prop, vobject.base.Component) and not isinstance(value, (list, dict)):
            out.setdefault(name, str(value).strip())
    for group, value in related:
        if "manager" in labels.get(group or "", "").lower():
            out.setdefault("MANAGER", value.strip())
    for key, found in (("EMAIL", emails), ("TEL", phones)):
        if found:
            out[key] = max(found, key=lambda f: f[0])[1]  # the first preferred one, else the first
    return out


def _join(part: object) -> str:
    if isinstance(part, list):
        return " ".join(str(p).strip() for p in part if str(p).strip())
    return str(part or "").strip()


def _preferred(prop: object) -> bool:
    params = getattr(prop, "params", {})
    types = [t.lower() for v in params.get("TYPE", []) for t in v.split(",")]
    return "pref" in types or "1" in params.get("PREF", [])


def _tel(value: str) -> str:
    value = value.strip()
    if value.lower().startswith("tel:"):
        number, _, rest = value[4:].partition(";")
        ext = next((p[4:] for p in rest.split(";") if p.lower().startswith("ext=")), "")
        return f"{number} ext. {ext}" if ext else number
    return value

