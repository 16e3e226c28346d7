"""From a sheet's rows to checked contacts: which column gives which field (a preset, changed
by `--map COLUMN=FIELD`), and each row's values checked by the domain's rules. A bad value is
a problem that names the row's place and the column it came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kamtui.domain.contacts import FIELDS, ContactFields, compose_name, department_path
from kamtui.errors import InputError
from kamtui.services.contacts.presets import PRESETS, Preset, Typed, columns_of, header_key, recognise
from kamtui.services.contacts.readers import Place, Sheet

IGNORE = "ignore"


@dataclass(frozen=True)
class Problem:
    """A bad row: where, the column, and what is wrong (a code of `words` and its values)."""

    place: Place
    column: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Contact:
    index: int  # the row's index in the sheet
    place: Place
    fields: ContactFields
    columns: dict[str, str]  # field -> the column its value came from (problems name it)


@dataclass(frozen=True)
class Rejected:
    """A row that did not become a contact, as far as it can be named: a manager on it is
    then "on a bad row", not "nobody"."""

    place: Place
    name: str
    email: str
    record_id: str


# how a field is read from a row: a column's index, or (type column indexes, value index, wanted)
Getter = int | tuple[tuple[int, ...], int, str]


@dataclass
class Mapping:
    preset: Preset
    headers: list[str]
    getters: dict[str, list[Getter]]
    mapped: dict[str, str] = field(default_factory=dict)  # field -> column named with --map

    def columns(self, field_name: str) -> list[str]:
        """The columns `field_name` is read from, as the dry run shows them."""
        return [self.headers[g] if isinstance(g, int) else f"{self.headers[g[1]]} ({g[2]})"
                for g in self.getters.get(field_name, [])]

    def value(self, row: list[str], field_name: str) -> tuple[str, str]:
        """(value, column it came from): the first column not empty on this row."""
        return self.reader(field_name)(row)

    def reader(self, field_name: str) -> Callable[[list[str]], tuple[str, str]]:
        """`value` for one field, made once: what a row is read with, 20,000 times."""
        getters = self.getters.get(field_name, [])
        headers = self.headers
        if not getters:
            return lambda row: ("", "")
        if len(getters) == 1 and isinstance(getters[0], int):
            i, column = getters[0], headers[getters[0]]

            def one(row: list[str]) -> tuple[str, str]:
                v = row[i].strip()
                return (v, column) if v else ("", "")
            return one

        def first(row: list[str]) -> tuple[str, str]:
            for g in getters:
                if isinstance(g, int):
                    v = row[g].strip()
                    if v:
                        return v, headers[g]
                else:
                    types, i, wanted = g
                    if row[i].strip() and any(wanted in row[t].casefold() for t in types):
                        return row[i].strip(), headers[i]
            return "", ""
        return first


def parse_maps(items: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    """`COLUMN=FIELD` pairs (the last `=` splits: a column may hold one)."""
    out = []
    for item in items:
        column, sep, name = item.rpartition("=")
        name = name.strip().casefold().replace("-", "_")
        if not sep or not column.strip():
            raise InputError("contacts.map.form", item=item)
        if name not in FIELDS and name != IGNORE:
            raise InputError("contacts.map.field", item=item, name=name, fields=[*FIELDS, IGNORE])
        out.append((column.strip(), name))
    return out


def mapping_for(sheet: Sheet, maps: list[tuple[str, str]] = (), preset: str | None = None) -> Mapping:  # type: ignore[assignment]
    """The columns each field is read from: the preset's (named, or recognised from the
    header row), then `--map`'s, which replace a field's columns (or drop a column: `ignore`)."""
    if preset is not None and preset not in PRESETS:
        raise InputError("contacts.preset.unknown", preset=preset, presets=list(PRESETS))
    chosen = PRESETS[preset] if preset else recognise(sheet.headers, sheet.kind)
    index: dict[str, int] = {}
    for i, h in enumerate(sheet.headers):
        index.setdefault(header_key(h), i)
    getters: dict[str, list[Getter]] = {}
    for name in FIELDS:
        found: list[Getter] = []
        for source in columns_of(chosen, name):
            if isinstance(source, Typed):
                types = tuple(index[header_key(t)] for t in source.type_columns if header_key(t) in index)
                value = index.get(header_key(source.value_column))
                if types and value is not None:
                    found.append((types, value, source.wanted))
            elif header_key(source) in index and index[header_key(source)] not in found:
                found.append(index[header_key(source)])
        getters[name] = found
    mapping = Mapping(chosen, sheet.headers, getters)
    replaced: set[str] = set()
    for column, name in maps:
        i = index.get(header_key(column))
        if i is None:
            raise InputError("contacts.map.column", column=column, name=name, file=sheet.source,
                             columns=sheet.headers)
        for getters_of in getters.values():  # a column gives one field only
            getters_of[:] = [g for g in getters_of if g != i and not (isinstance(g, tuple) and g[1] == i)]
        if name != IGNORE:
            if name not in replaced:
                getters[name] = []
                replaced.add(name)
            getters[name].append(i)
            mapping.mapped[name] = column
    if not getters["name"] and not getters["given_name"] and not getters["family_name"]:
        raise InputError("contacts.no_name_column", file=sheet.source, columns=sheet.headers)
    return mapping


_TEXT_FIELDS = ("title", "email", "phone", "reports_to", "record_id")
# the model's validator itself: model_validate's keyword handling is a third of a row's time
_validate = ContactFields.__pydantic_validator__.validate_python


def contacts(sheet: Sheet, mapping: Mapping) -> tuple[list[Contact], list[Problem], list[Rejected]]:
    """Every row as a checked contact, or the problems that keep it out (and the row as
    far as it can be named)."""
    out: list[Contact] = []
    problems: list[Problem] = []
    rejected: list[Rejected] = []
    read = {f: mapping.reader(f) for f in FIELDS}
    read_name, read_department = read["name"], read["department"]
    texts = [(f, read[f]) for f in _TEXT_FIELDS]
    for i, row in enumerate(sheet.rows):
        place = sheet.places[i]
        if i in sheet.broken:
            problems.append(Problem(place, "", "broken_card", {"why": sheet.broken[i]}))
            continue
        if i in sheet.too_long:
            problems.append(Problem(place, "", "extra_cells", {"n": sheet.too_long[i]}))
            continue
        name, name_column = read_name(row)
        if not name:
            given, given_column = read["given_name"](row)
            family, family_column = read["family_name"](row)
            name = compose_name(given, family)
            name_column = " + ".join(c for c in (given_column, family_column) if c)
        data: dict[str, Any] = {"name": name}
        used: dict[str, str] = {"name": name_column}
        for f, read_f in texts:
            v, used[f] = read_f(row)
            if v:
                data[f] = _tidy(f, v) if (" ::: " in v or f == "email") else v
        dept, used["department"] = read_department(row)
        if dept:
            data["department"] = department_path(dept)
        try:
            fields = _validate(data)
        except Exception as exc:  # pydantic's ValidationError: the row is bad, say where
            problems.extend(_problems(exc, place, mapping, used, data))
            rejected.append(Rejected(place, name, data.get("email", ""), data.get("record_id", "")))
            continue
        out.append(Contact(i, place, fields, used))
    return out, problems, rejected


def _tidy(field_name: str, value: str) -> str:
    """What exporters put around a value: Google joins several with ` ::: `, vCards and
    spreadsheets write `mailto:` links."""
    if " ::: " in value:
        value = value.split(" ::: ", 1)[0].strip()
    if field_name == "email":
        value = value.removeprefix("mailto:").removeprefix("MAILTO:").strip()
    return value


def _problems(exc: Any, place: Place, mapping: Mapping, used: dict[str, str], data: dict[str, Any]) -> list[Problem]:
    found: list[Problem] = []
    seen: set[str] = set()
    for err in exc.errors(include_url=False):
        name = str(err["loc"][0]) if err["loc"] else "name"
        if name in seen:
            continue
        seen.add(name)
        column = used.get(name) or ", ".join(mapping.columns(name)) or name
        value = data.get(name, "")
        if name == "name" and not value:
            code, params = "no_name", {"columns": ", ".join(
                mapping.columns("name") + mapping.columns("given_name") + mapping.columns("family_name"))}
        elif err["type"] == "string_too_long" or err["type"] == "too_long":
            code, params = "too_long", {"field": name, "max": (err.get("ctx") or {}).get("max_length", "")}
        elif name == "email":
            code, params = "bad_email", {"value": value}
        elif name == "phone":
            code, params = "bad_phone", {"value": value}
        else:
            code, params = "bad_value", {"field": name, "why": err["msg"]}
        found.append(Problem(place, column, code, params))
    return found
