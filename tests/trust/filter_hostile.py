"""A workspace written by someone other than kamtui: hostile text in every free-text column
(the output-filter tests of tests/trust/test_filter_*.py).

`hostile_file` (a fixture) is such a copy of the demo. `poison(path)` opens the (closed) file with plain sqlite3, puts HOSTILE in front of every
free-text value (JSON columns: inside the JSON, which stays valid) and closes it again.
Structured columns (ids, vocabulary, dates, figures) keep their values: kamtui reads them as
keys and codes, not as text; `COLUMNS` says which is which for every TEXT column, and
`unclassified()` names any column this file has not decided on (a test fails on them).
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from kamtui import safe_text

# ESC sequences (OSC 52 sets the clipboard, SGR red and blink), C1 CSI, BEL, CR, bidi override,
# zero-width space/joiner, BOM, line separator, DEL. All of them must be gone from any output,
# each sequence whole. "]52;c;UFdORUQ=" also comes as plain text (no ESC): it is what a user
# typed, stays, and shows that the surface did show the hostile record.
HOSTILE = ("\x1b]52;c;UFdORUQ=\x07]52;c;UFdORUQ=\x1b[31m\x1b[5m\x9b2J\x07\u202e\u200b\u200d\ufeff\u2028\x7f\r"
           "\x1b]8;;http://evil.example/\x1b\\")
HOSTILE_USER = "evil\x1b]52;c;UFdORUQ=\x07]52;c;UFdORUQ=\x1b[31m\x9b\u202e\u200b"
# Who kamtui says is acting under HOSTILE_USER: the variable, cleaned like a typed name.
CLEAN_USER = safe_text.line(HOSTILE_USER).strip()
HOSTILE_TEAM = HOSTILE + "Team"

# What must never leave the program (tab and newline are fine where text is multi-line).
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e"
                       "\u2060-\u2064\u2066-\u206f\ufeff]")


def leaks(text: str) -> list[str]:
    """The forbidden characters in `text`, as escapes (empty: clean)."""
    return sorted({f"U+{ord(c):04X}" for c in FORBIDDEN.findall(text)})


# Every TEXT column of the demo workspace: "text" (user words: poisoned), "json" (user words
# inside JSON: poisoned there), or why it is left alone.
ID = "an id: a key between rows, never shown as words"
CODE = "a code from kamtui's vocabulary, shown by its label"
DATE = "a date or time"
JSON_CODES = "JSON of ids, codes, dates and figures"
COLUMNS: dict[str, dict[str, str]] = {
    "_sqlite_migrations": {"migration_set": "sqlite-utils' own bookkeeping", "name": "sqlite-utils' own bookkeeping",
                           "applied_at": DATE},
    "account": {"id": ID, "name": "text", "short_name": "text", "industry": "text", "region": "text",
                "tier": CODE, "owner_id": ID, "strategy_notes": "text"},
    "account_summary": {"account_id": ID, "org_level": CODE, "org_holding": JSON_CODES, "org_target": CODE,
                        "sb_department": "text", "sb_indicator": CODE, "last_assessed": DATE,
                        "dated_facts": JSON_CODES, "pitfalls": JSON_CODES, "dismissed": JSON_CODES,
                        "next_step": "json"},
    "activity": {"id": ID, "account_id": ID, "type": CODE, "scope": CODE, "layer": CODE,
                 "target_person_ids": JSON_CODES, "target_department_id": ID,
                 "target_business_line": "text", "short_board": "text", "objective": "text",
                 "planned_on": DATE, "owner_id": ID, "status": CODE, "outcome": "text",
                 "cancel_reason": "text", "currency": CODE, "approval": "json"},
    "assessment": {"id": ID, "account_id": ID, "assessed_on": DATE, "recorded_by": "text", "note": "text",
                   "org": "json", "evidence": JSON_CODES, "people": JSON_CODES, "departments": JSON_CODES,
                   "evidence_activity_id": ID},
    # the audit log is only ever shown, never read back as data: everything in it is words
    # each assessment's figures for the team view: computed, ids and codes only
    "assessment_point": {"assessment_id": ID, "account_id": ID, "assessed_on": DATE, "org_level": CODE,
                         "flagged": JSON_CODES, "figures": JSON_CODES},
    # the team view's execution facts (m010): computed, ids, months and days only
    "activity_done": {"activity_id": ID, "day": DATE},
    "execution_month": {"account_id": ID, "month": DATE},
    "audit": {"at": "text", "who": "text", "entity": "text", "entity_id": "text", "account_id": ID,
              "action": "text", "changes": "json"},
    "competitor": {"id": ID, "account_id": ID, "name": "text", "position": CODE, "notes": "text"},
    "department": {"id": ID, "account_id": ID, "parent_id": ID, "name": "text", "business_line": "text"},
    # drafts: the demo has none; add_drafts() writes hostile ones (owner: the user, or a colleague)
    "draft": {"account_id": ID, "owner": "text", "kind": CODE, "data": "json", "updated_at": DATE},
    "layer_target": {"account_id": ID, "layer": CODE, "level": CODE, "due": DATE, "notes": "text"},
    "person": {"id": ID, "account_id": ID, "department_id": ID, "name": "text", "title": "text",
               "email": "text", "phone": "text",
               "reports_to_id": ID, "role": CODE, "attitude": CODE, "personal_needs": "text",
               "career_needs": "text", "private_notes": "text", "owner_id": ID,
               "leaning_competitor_id": ID, "last_contact": DATE},
    "person_link": {"id": ID, "account_id": ID, "from_id": ID, "to_id": ID, "kind": CODE},
    "pitfall_dismissal": {"account_id": ID, "key": CODE, "reason": "text", "dismissed_by": "text",
                          "dismissed_on": DATE},
    "preference": {"owner": "whose preference: a login used as a key, never shown", "key": CODE,
                   "value": CODE},
    "settings": {"team_name": "text", "default_lang": CODE, "policy": JSON_CODES},
    "tier_criteria": {"tier": CODE, "label": "text", "criteria": "text"},
    "team_member": {"id": ID, "name": "text", "title": "text", "login": "text"},
    # git sync: a record as last synced is compared, never shown; a stopped conflict is shown
    "sync_base": {"kind": CODE, "key": ID, "account_id": ID,
                  "data": "the last synced copy of a record: compared with the file and the workspace, never shown",
                  "conflict": "json"},
    "workspace_option": {"key": CODE, "value": "text"},
    # the search index: its text column is shown as the reason a row matched the filter
    "search": {"kind": CODE, "ref_id": ID, "account_id": ID, "text": "text"},
}
# JSON columns: the keys whose string values are user words (None: every string, keys too).
JSON_WORDS: dict[tuple[str, str], set[str] | None] = {
    ("activity", "approval"): {"approver"},
    ("assessment", "org"): {"note"},
    ("account_summary", "next_step"): {"name", "department"},  # the report's people and short board
    ("audit", "changes"): None,
    ("draft", "data"): {"note", "notes"},
    ("sync_base", "conflict"): None,
}
_SKIP_TABLES = re.compile(r"^(sqlite_|search_)")  # SQLite's and FTS5's own tables


def text_columns(conn: sqlite3.Connection) -> dict[str, list[str]]:
    out = {}
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        if _SKIP_TABLES.match(table):
            continue
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info('{table}')")
                if r[2].upper() == "TEXT" or (table == "search" and r[2] == "")]
        if cols:
            out[table] = cols
    return out


def unclassified(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        found = text_columns(conn)
    finally:
        conn.close()
    return [f"{t}.{c}" for t, cols in found.items() for c in cols if c not in COLUMNS.get(t, {})]


def _poison_json(value: object, words: set[str] | None, key: str | None = None) -> object:
    if isinstance(value, dict):
        return {(HOSTILE + k if words is None else k): _poison_json(v, words, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison_json(v, words, key) for v in value]
    if isinstance(value, str) and (words is None or key in words):
        return HOSTILE + value
    return value


def poison(path: Path, team: str = HOSTILE_TEAM) -> dict[str, int]:
    """Write HOSTILE into every free-text value of the closed workspace at `path`; returns how
    many values each column got (a column with none is still poisoned: it had no rows)."""
    conn = sqlite3.connect(path)
    counts: dict[str, int] = {}
    try:
        with conn:
            for table, cols in text_columns(conn).items():
                for col in cols:
                    kind = COLUMNS[table][col]
                    rows = conn.execute(f"SELECT rowid, \"{col}\" FROM \"{table}\" WHERE \"{col}\" IS NOT NULL").fetchall()
                    changed = 0
                    for rowid, value in rows:
                        if kind == "text":
                            new = team if (table, col) == ("settings", "team_name") else HOSTILE + value
                        elif kind == "json":
                            new = json.dumps(_poison_json(json.loads(value), JSON_WORDS[(table, col)]),
                                             ensure_ascii=False)
                        else:
                            continue
                        conn.execute(f"UPDATE \"{table}\" SET \"{col}\" = ? WHERE rowid = ?", [new, rowid])
                        changed += 1
                    if kind in ("text", "json"):
                        counts[f"{table}.{col}"] = changed
    finally:
        conn.close()
    return counts


def hostile_draft() -> dict:
    """An assessment draft as the wizard keeps it (its work and the values it started from, each
    in DraftData's shape) with hostile words wherever it keeps typed text."""
    work = {"assessed_on": "2026-11-26", "note": HOSTILE + "draft note",
            "org": {"communication": 3, "business_fit": 3, "alliance": 2, "identification": 3},
            "org_notes": {"alliance": HOSTILE + "alliance note"},
            "targets": {"key": {"index": "40", "due": "2027-06-30", "notes": HOSTILE + "target"}},
            "step": 0}
    return {"data": work, "base": {"assessed_on": "2026-11-26"}}


def add_drafts(path: Path, user: str, colleague: str = HOSTILE + "colleague") -> int:
    """A hostile assessment draft on every account for `user` (the wizard resumes it) and one
    for a colleague with a hostile login (the wizard names them). Returns the drafts written."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            ids = [r[0] for r in conn.execute("SELECT id FROM account")]
            for account_id in ids:
                for owner in (user, colleague):
                    conn.execute("INSERT INTO draft (account_id, owner, kind, data, updated_at, version) "
                                 "VALUES (?, ?, 'assessment', ?, '2026-11-25T09:00:00+00:00', 1)",
                                 [account_id, owner, json.dumps(hostile_draft(), ensure_ascii=False)])
    finally:
        conn.close()
    return 2 * len(ids)


def act_as(path: Path, login: str) -> str:
    """Give the team member who owns the most activities the login `login` (the agenda is the
    acting user's: after poison() no login matches a real user). Returns that member's id."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            member = conn.execute("SELECT owner_id FROM activity WHERE owner_id IS NOT NULL "
                                  "GROUP BY owner_id ORDER BY count(*) DESC, owner_id LIMIT 1").fetchone()[0]
            conn.execute("UPDATE team_member SET login = ? WHERE id = ?", [login, member])
    finally:
        conn.close()
    return member


@pytest.fixture
def hostile_file(tmp_path: Path, demo_template: Path) -> Path:
    """A closed copy of the demo with hostile text in every free-text column, hostile assessment
    drafts for CLEAN_USER and a colleague, and CLEAN_USER the login of a busy team member."""
    folder = tmp_path / "ws"
    folder.mkdir()
    path = folder / "hostile.sqlite"
    shutil.copy(demo_template, path)
    poison(path)
    add_drafts(path, CLEAN_USER)
    act_as(path, CLEAN_USER)
    return path
