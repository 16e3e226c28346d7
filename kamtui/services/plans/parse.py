"""Reading plan files: size and nesting checks, TOML syntax, then every record validated.

Nothing here touches a workspace. Every problem found in every file is collected, each as
(where, what): `bank.toml: people[3].attitude` / `must be one of advocate, …` (a Message: said
in English or 中文; so is a place in the text, `bank.toml, line 3, column 12`).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kamtui.domain.models import (
    Account, Activity, Assessment, Competitor, Department, LayerTarget, Person, PersonLink,
    PitfallDismissal, Settings, TeamMember,
)
from kamtui.errors import Problem
from kamtui.messages import Message, os_reason
from kamtui.services.plans import format as fmt
from kamtui.services.plans import toml_read
from kamtui.services.plans.checker import Checker, safe
from kamtui.services.plans.syntax import syntax_problem

# Problem: (where: a key path, or a Message naming line and column; what: a Message)


@dataclass(frozen=True)
class Source:
    """A plan file's bytes and the name it is known by in messages."""

    name: str
    data: bytes


@dataclass
class Item:
    """A validated record and where it was in its file (`people[3]`)."""

    model: Any
    path: str


@dataclass
class ParsedPlan:
    source: str
    private: bool
    account: Item
    items: dict[str, list[Item]] = field(default_factory=dict)  # kind -> records
    entries: list[dict] = field(default_factory=list)  # [[conflicts]] (format.CONFLICT_KEYS)

    @property
    def account_id(self) -> str:
        return self.account.model.id

    def count(self) -> int:
        return 1 + sum(len(v) for v in self.items.values())

    def plan(self) -> Any:
        """The file's records as an AccountPlan (the records as validated, file order)."""
        from kamtui.domain.plan import AccountPlan

        def models(kind: str) -> list:
            return [i.model for i in self.items.get(kind, [])]

        return AccountPlan(
            account=self.account.model, departments=models("department"), people=models("person"),
            links=models("link"), competitors=models("competitor"), assessments=models("assessment"),
            targets=models("target"), activities=models("activity"), dismissals=models("dismissal"),
        )


@dataclass
class ParsedWorkspace:
    source: str
    settings: Item | None
    members: list[Item] = field(default_factory=list)
    entries: list[dict] = field(default_factory=list)  # [[conflicts]] (format.CONFLICT_KEYS)

    def count(self) -> int:
        return len(self.members) + (self.settings is not None)


Parsed = ParsedPlan | ParsedWorkspace


# --- reading files ---------------------------------------------------------------------------

def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB"


def read_path(path: Path) -> tuple[list[Source], list[Problem]]:
    """The plan files at `path` (a .toml file, or a folder of them), refusing big files unread."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(fmt.MAX_BYTES + 1)
        if len(data) > fmt.MAX_BYTES:
            return [], [("<stdin>", Message("plan.over_limit", limit=_size(fmt.MAX_BYTES)))]
        return [Source("<stdin>", data)], []
    if not path.exists():
        return [], [(safe(str(path)), Message("os.why.missing"))]
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix == ".toml" and p.is_file()
                       and not p.name.startswith("."))
        if not files:
            return [], [(safe(str(path)), Message("plan.no_files"))]
    else:
        files = [path]
    sources, found = [], []
    for file in files:
        name = safe(file.name)
        try:
            size = file.stat().st_size
            if size > fmt.MAX_BYTES:
                found.append((name, Message("plan.too_big", size=_size(size), limit=_size(fmt.MAX_BYTES))))
                continue
            with file.open("rb") as f:
                data = f.read(fmt.MAX_BYTES + 1)
        except OSError as exc:
            found.append((name, Message("plan.cannot_read", why=os_reason(exc))))
            continue
        if len(data) > fmt.MAX_BYTES:  # grew while we looked
            found.append((name, Message("plan.over_limit", limit=_size(fmt.MAX_BYTES))))
            continue
        sources.append(Source(name, data))
    return sources, found


# --- text checks -----------------------------------------------------------------------------

# Strings and comments, so that brackets inside them do not count as nesting.
_STRINGS_AND_COMMENTS = re.compile(
    r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"(?!")'  # basic string (the common case first, unrolled)
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'[^'\n]*'(?!')"
    r"|'''(?:[^']|'(?!''))*'''"
    r"|#[^\n]*",
    re.S,
)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")  # (no UTF-8 byte of another character is one)


def nesting_depth(text: str) -> int:
    """How deep arrays and inline tables nest (table headers count too), strings ignored."""
    upper = text.count("[") + text.count("{")
    if upper <= fmt.MAX_DEPTH:
        return upper  # an upper bound that is already within the limit: skip the scan
    brackets = _STRINGS_AND_COMMENTS.sub("", text).encode("utf-8", "surrogatepass").translate(None, _NOT_BRACKETS)
    depth = deepest = 0
    for ch in brackets:
        if ch in b"[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        else:
            depth -= 1
    return deepest


def load_document(source: Source) -> tuple[dict | None, list[Problem]]:
    """TOML text → dict, or the problem that stops it (encoding, nesting, syntax)."""
    try:
        text = source.data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = source.data[:exc.start].count(b"\n") + 1
        col = exc.start - (source.data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [(Message("plan.at", file=source.name, line=line, column=col), Message("plan.not_utf8"))]
    if text.startswith("\ufeff"):
        text = text[1:]
    depth = nesting_depth(text)
    if depth > fmt.MAX_DEPTH:
        return None, [(source.name, Message("plan.too_deep", depth=depth, limit=fmt.MAX_DEPTH))]
    try:
        return toml_read.loads(text, depth), []
    except tomllib.TOMLDecodeError as exc:
        return None, [syntax_problem(source.name, text, exc)]
    except RecursionError:
        return None, [(source.name, Message("plan.too_deep_to_read"))]


# --- records ---------------------------------------------------------------------------------

# how a file's reader says what a form says otherwise
PLAN_KINDS = ("department", "person", "link", "competitor", "assessment", "target", "activity", "dismissal")
_SECTION = {"department": "departments", "competitor": "competitors", "assessment": "assessments",
            "target": "targets", "activity": "activities", "dismissal": "dismissals"}


def _check_duplicates(c: Checker, items: dict[str, list[Item]]) -> None:
    def key_of(kind: str, m: Any) -> Any:
        if kind == "target":
            return m.layer.value
        if kind == "dismissal":
            return m.key
        return m.id

    for kind, found in items.items():
        seen: dict[Any, str] = {}
        for item in found:
            k = key_of(kind, item.model)
            field_name = "layer" if kind == "target" else "key" if kind == "dismissal" else "id"
            if k in seen:
                c.problem(f"{item.path}.{field_name}", "plan.used_twice", key=k, other=seen[k])
            else:
                seen[k] = item.path


def parse_entries(c: Checker, doc: dict, kinds: tuple[str, ...]) -> list[dict]:
    """The `[[conflicts]]` a merge left: which record (kind, id), which field, both values."""
    out = []
    for path, table in c.tables(doc, "conflicts"):
        c.unknown_keys(table, fmt.CONFLICT_KEYS, path)
        kind, rid, name = table.get("kind"), table.get("id"), table.get("field")
        if kind not in kinds:
            c.problem(f"{path}.kind", "plan.expected_one_of", expected=list(kinds))
        for key, value in (("id", rid), ("field", name)):
            if not isinstance(value, str) or not value:
                c.problem(f"{path}.{key}", "plan.expected_text")
        for key in ("ours_by", "theirs_by"):
            if key in table and not isinstance(table[key], str):
                c.problem(f"{path}.{key}", "plan.expected_text")
        out.append({k: _plain_value(table[k]) for k in fmt.CONFLICT_KEYS if k in table})
    return out


def _plain_value(value: Any) -> Any:
    """A TOML value in the JSON-like form records are merged in (dates as ISO text)."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_value(v) for v in value]
    return value


def parse_plan(c: Checker, doc: dict) -> ParsedPlan | None:
    c.unknown_keys(doc, fmt.PLAN_KEYS)
    private = doc.get("private", False)
    if not isinstance(private, bool):
        c.problem("private", "plan.expected_bool")
        private = True
    account = c.model(Account, doc.get("account"), "account") if "account" in doc else None
    if "account" not in doc:
        c.problem("account", "plan.account_missing")
    aid = account.id if account is not None else "unknown"
    implied = {"account_id": aid}
    items: dict[str, list[Item]] = {k: [] for k in PLAN_KINDS}
    models = {"department": Department, "competitor": Competitor, "assessment": Assessment,
              "target": LayerTarget, "activity": Activity, "dismissal": PitfallDismissal}
    for kind, section in _SECTION.items():
        for path, table in c.tables(doc, section):
            m = c.model(models[kind], table, path, implied)
            if m is not None:
                items[kind].append(Item(m, path))
    for path, table in c.tables(doc, "people"):
        table = dict(table)
        links = table.pop("links", [])
        if not private:
            for key in fmt.PRIVATE_FIELDS:
                if key in table:
                    c.problem(f"{path}.{key}", "plan.private_field")
                    table.pop(key)
        person = c.model(Person, table, path, implied)
        if person is not None:
            items["person"].append(Item(person, path))
        pid = person.id if person is not None else table.get("id", "unknown")
        pid = pid if isinstance(pid, str) else "unknown"
        for lpath, ltable in c.tables({"links": links}, "links", f"{path}.links"):
            link = c.model(PersonLink, ltable, lpath, {"account_id": aid, "from_id": pid})
            if link is not None:
                items["link"].append(Item(link, lpath))
    _check_duplicates(c, items)
    entries = parse_entries(c, doc, ("account", *PLAN_KINDS))
    if account is None:
        return None
    return ParsedPlan(c.name, private, Item(account, "account"), items, entries)


def parse_workspace(c: Checker, doc: dict) -> ParsedWorkspace:
    c.unknown_keys(doc, fmt.WORKSPACE_KEYS)
    settings = None
    if "settings" in doc:
        s = c.model(Settings, doc["settings"], "settings")
        settings = Item(s, "settings") if s is not None else None
    members = []
    for path, table in c.tables(doc, "members"):
        m = c.model(TeamMember, table, path)
        if m is not None:
            members.append(Item(m, path))
    _check_duplicates(c, {"member": members})
    return ParsedWorkspace(c.name, settings, members, parse_entries(c, doc, ("settings", "member")))


def parse_source(source: Source) -> tuple[Parsed | None, list[Problem]]:
    """One file: a validated plan or workspace file, or every problem found in it."""
    doc, found = load_document(source)
    if doc is None:
        return None, found
    c = Checker(source.name)
    if not c.schema_version(doc):
        return None, c.found
    if "account" in doc or not ("settings" in doc or "members" in doc):
        parsed: Parsed | None = parse_plan(c, doc)
    else:
        parsed = parse_workspace(c, doc)
    return (None, c.found) if c.found else (parsed, [])
