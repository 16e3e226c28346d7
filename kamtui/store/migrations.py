"""The schema, only ever as append-only migrations. user_version = number applied."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from kamtui.store.version import SCHEMA_VERSION

MIGRATIONS = Migrations("kamtui")


def run_script(db: Database, script: str) -> None:
    """Run statements one by one: sqlite3's executescript() would COMMIT the open transaction."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            db.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement: {pending[:60]}")


@MIGRATIONS()
def m001_initial(db: Database) -> None:
    run_script(db, 
        """
        CREATE TABLE settings (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            team_name TEXT NOT NULL,
            default_lang TEXT NOT NULL DEFAULT 'en',
            policy TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE team_member (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, title TEXT NOT NULL DEFAULT '',
            login TEXT NOT NULL DEFAULT '', archived INTEGER NOT NULL DEFAULT 0,
            version INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE account (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, short_name TEXT NOT NULL DEFAULT '',
            industry TEXT NOT NULL DEFAULT '', region TEXT NOT NULL DEFAULT '',
            tier TEXT NOT NULL, owner_id TEXT REFERENCES team_member(id) ON DELETE SET NULL,
            strategy_notes TEXT NOT NULL DEFAULT '', archived INTEGER NOT NULL DEFAULT 0,
            version INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE competitor (
            id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            name TEXT NOT NULL, position TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX competitor_account ON competitor(account_id);
        CREATE TABLE department (
            id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            parent_id TEXT REFERENCES department(id) ON DELETE SET NULL,
            name TEXT NOT NULL, importance INTEGER NOT NULL DEFAULT 2,
            business_line TEXT NOT NULL DEFAULT '', archived INTEGER NOT NULL DEFAULT 0,
            version INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX department_account ON department(account_id, parent_id);
        CREATE TABLE person (
            id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            department_id TEXT REFERENCES department(id) ON DELETE SET NULL,
            name TEXT NOT NULL, title TEXT NOT NULL DEFAULT '',
            reports_to_id TEXT REFERENCES person(id) ON DELETE SET NULL,
            role TEXT, influence INTEGER NOT NULL DEFAULT 3, attitude TEXT NOT NULL DEFAULT 'unknown',
            executive INTEGER NOT NULL DEFAULT 0, hidden_decision_maker INTEGER NOT NULL DEFAULT 0,
            rising_star INTEGER NOT NULL DEFAULT 0, needs_level INTEGER,
            personal_needs TEXT NOT NULL DEFAULT '', career_needs TEXT NOT NULL DEFAULT '',
            private_notes TEXT NOT NULL DEFAULT '',
            owner_id TEXT REFERENCES team_member(id) ON DELETE SET NULL,
            leaning_known INTEGER NOT NULL DEFAULT 0,
            leaning_competitor_id TEXT REFERENCES competitor(id) ON DELETE SET NULL,
            last_contact TEXT, archived INTEGER NOT NULL DEFAULT 0,
            version INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX person_account ON person(account_id, department_id);
        CREATE TABLE person_link (
            id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            from_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            to_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX person_link_account ON person_link(account_id);
        CREATE TABLE assessment (
            id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            assessed_on TEXT NOT NULL, recorded_by TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '', org TEXT NOT NULL, evidence TEXT NOT NULL,
            people TEXT NOT NULL, departments TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX assessment_account ON assessment(account_id, assessed_on);
        CREATE TABLE layer_target (
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            layer TEXT NOT NULL, level TEXT, target_index REAL, due TEXT,
            notes TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (account_id, layer)
        );
        CREATE TABLE activity (
            id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            type TEXT NOT NULL, scope TEXT NOT NULL, layer TEXT NOT NULL,
            target_person_ids TEXT NOT NULL DEFAULT '[]', target_department_id TEXT,
            target_business_line TEXT NOT NULL DEFAULT '', short_board TEXT NOT NULL DEFAULT '',
            objective TEXT NOT NULL DEFAULT '', planned_on TEXT, owner_id TEXT,
            status TEXT NOT NULL, outcome TEXT NOT NULL DEFAULT '',
            cancel_reason TEXT NOT NULL DEFAULT '', cost REAL NOT NULL DEFAULT 0,
            currency TEXT NOT NULL DEFAULT 'CNY', needs_level INTEGER,
            compliance_reviewed INTEGER NOT NULL DEFAULT 0, approval TEXT,
            archived INTEGER NOT NULL DEFAULT 0, version INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX activity_account ON activity(account_id, planned_on);
        CREATE INDEX activity_open ON activity(account_id, planned_on)
            WHERE status IN ('planned', 'in_progress') AND archived = 0;
        CREATE INDEX activity_owner ON activity(owner_id, planned_on);
        CREATE TABLE pitfall_dismissal (
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            key TEXT NOT NULL, reason TEXT NOT NULL, dismissed_by TEXT NOT NULL DEFAULT '',
            dismissed_on TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (account_id, key)
        );
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, who TEXT NOT NULL,
            entity TEXT NOT NULL, entity_id TEXT NOT NULL, account_id TEXT,
            action TEXT NOT NULL, changes TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX audit_entity ON audit(entity, entity_id);
        CREATE INDEX audit_account ON audit(account_id, at);
        -- Figures of each account kept current inside every write transaction, so the
        -- portfolio is one indexed read however large the workspace grows.
        CREATE TABLE account_summary (
            account_id TEXT PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
            org_level TEXT, org_holding TEXT NOT NULL DEFAULT '[]', org_target TEXT,
            key_index REAL, key_target REAL, coverage REAL NOT NULL DEFAULT 0,
            red_flags INTEGER NOT NULL DEFAULT 0,
            extensive_index REAL, extensive_target REAL,
            sb_department TEXT, sb_indicator TEXT, sb_value INTEGER,
            last_assessed TEXT, dated_facts TEXT NOT NULL DEFAULT '{}',
            pitfalls TEXT NOT NULL DEFAULT '[]', dismissed TEXT NOT NULL DEFAULT '[]',
            people INTEGER NOT NULL DEFAULT 0, departments INTEGER NOT NULL DEFAULT 0,
            activities INTEGER NOT NULL DEFAULT 0, assessments INTEGER NOT NULL DEFAULT 0
        );
        CREATE VIRTUAL TABLE search USING fts5(
            kind UNINDEXED, ref_id UNINDEXED, account_id UNINDEXED, text, tokenize = 'trigram'
        );
        """
    )
    # The search row's rowid is derived from the source row's rowid, so a trigger finds it by
    # key instead of scanning: kamtui never VACUUMs, the only thing that could renumber rowids.
    for table, code, text, watched in (
        ("account", 1, "new.name || ' ' || new.short_name || ' ' || new.industry", "short_name, industry"),
        ("person", 2, "new.name || ' ' || new.title", "title"),
        ("department", 3, "new.name || ' ' || new.business_line", "business_line"),
    ):
        account = "new.id" if table == "account" else "new.account_id"
        run_script(db, 
            f"""
            CREATE TRIGGER {table}_search_ins AFTER INSERT ON {table} BEGIN
                INSERT INTO search(rowid, kind, ref_id, account_id, text)
                VALUES (new.rowid * 4 + {code}, '{table}', new.id, {account}, {text});
            END;
            CREATE TRIGGER {table}_search_upd AFTER UPDATE OF name, {watched} ON {table} BEGIN
                DELETE FROM search WHERE rowid = old.rowid * 4 + {code};
                INSERT INTO search(rowid, kind, ref_id, account_id, text)
                VALUES (new.rowid * 4 + {code}, '{table}', new.id, {account}, {text});
            END;
            CREATE TRIGGER {table}_search_del AFTER DELETE ON {table} BEGIN
                DELETE FROM search WHERE rowid = old.rowid * 4 + {code};
            END;
            """
        )


@MIGRATIONS()
def m002_drafts(db: Database) -> None:
    """Unfinished work kept per user (assessment wizard drafts), and a user's preferences."""
    run_script(db, """
        CREATE TABLE draft (
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            owner TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL,
            updated_at TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (account_id, owner, kind)
        );
        CREATE TABLE preference (
            owner TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
            PRIMARY KEY (owner, key)
        );
    """)


@MIGRATIONS()
def m003_cascade_versions(db: Database) -> None:
    """A reference cleared by ON DELETE SET NULL is a change: bump the row's version so a
    writer holding the old version gets a conflict instead of a foreign-key error."""
    for table, columns in (
        ("person", "department_id, reports_to_id, leaning_competitor_id, owner_id"),
        ("department", "parent_id"),
        ("account", "owner_id"),
    ):
        run_script(db, f"""
            CREATE TRIGGER {table}_cascade_version AFTER UPDATE OF {columns} ON {table}
            WHEN new.version = old.version BEGIN
                UPDATE {table} SET version = old.version + 1 WHERE rowid = new.rowid;
            END;
        """)


@MIGRATIONS()
def m004_summary_rules_version(db: Database) -> None:
    """The figures cache says which rules made it (`rules_version`), keeps the key layer as it
    is now beside the assessed one, and lets coverage be undefined (NULL). It is only a cache:
    rebuilt empty here, and filled again for every account by the next writable open
    (services.workspaces.open_workspace), like any cache made by other rules."""
    run_script(db, """
        DROP TABLE account_summary;
        CREATE TABLE account_summary (
            account_id TEXT PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
            rules_version INTEGER,
            org_level TEXT, org_holding TEXT NOT NULL DEFAULT '[]', org_target TEXT,
            key_index REAL, key_target REAL, coverage REAL,
            red_flags INTEGER NOT NULL DEFAULT 0,
            key_index_now REAL, coverage_now REAL, red_flags_now INTEGER NOT NULL DEFAULT 0,
            extensive_index REAL, extensive_target REAL,
            sb_department TEXT, sb_indicator TEXT, sb_value INTEGER,
            last_assessed TEXT, dated_facts TEXT NOT NULL DEFAULT '{}',
            pitfalls TEXT NOT NULL DEFAULT '[]', dismissed TEXT NOT NULL DEFAULT '[]',
            people INTEGER NOT NULL DEFAULT 0, departments INTEGER NOT NULL DEFAULT 0,
            activities INTEGER NOT NULL DEFAULT 0, assessments INTEGER NOT NULL DEFAULT 0
        );
    """)


@MIGRATIONS()
def m005_sync_base(db: Database) -> None:
    """What plan files need to merge like code, kept in the workspace instead of the files.

    `sync_base`: per record, its content at the last exchange through plan files (the
    export that wrote it or the import that read it), as a JSON object of its stored columns
    without `version`: the common ancestor of a three-way import. `conflict` holds a conflict
    the import stopped, until someone resolves it. `workspace_option`: facts about the file
    itself that travel with it (whether one machine alone writes to it on a network
    filesystem; the audit position of the last sync)."""
    run_script(db, """
        CREATE TABLE sync_base (
            kind TEXT NOT NULL, key TEXT NOT NULL, account_id TEXT,
            data TEXT, conflict TEXT,
            PRIMARY KEY (kind, key)
        );
        CREATE INDEX sync_base_account ON sync_base(account_id);
        CREATE TABLE workspace_option (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """)


@MIGRATIONS()
def m006_person_contact(db: Database) -> None:
    """A person's e-mail and phone (what contact files bring, and what re-importing one matches
    people by): empty for everyone until given."""
    run_script(db, """
        ALTER TABLE person ADD COLUMN email TEXT NOT NULL DEFAULT '';
        ALTER TABLE person ADD COLUMN phone TEXT NOT NULL DEFAULT '';
    """)


@MIGRATIONS()
def m007_tier(db: Database) -> None:
    """Customer definition (issue 16.3): what the team writes per tier (a short name such as
    "A" and the criteria an account must meet), and an index that lets the team view read the
    activities planned in a period without scanning them all. Accounts already carry their
    tier (m001). IF NOT EXISTS: a workspace that met this schema on another branch's numbering
    is upgraded without error."""
    run_script(db, """
        CREATE TABLE IF NOT EXISTS tier_criteria (
            tier TEXT PRIMARY KEY, label TEXT NOT NULL DEFAULT '',
            criteria TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS activity_period ON activity(planned_on, account_id, status, archived);
        CREATE INDEX IF NOT EXISTS account_tier ON account(tier, archived);
    """)


@MIGRATIONS()
def m008_rerating(db: Database) -> None:
    """From assessment to action (issue 15). A re-rating recorded when an activity is
    completed is a partial assessment naming that activity: `assessment.evidence_activity_id`
    (NULL for the wizard's full assessments; no foreign key: a plan file may bring an
    assessment before its activity, and activities are archived, not deleted). The figures
    cache keeps each account's next step (`account_summary.next_step`, the report's JSON
    object), filled by the recompute the new rules version asks for."""
    run_script(db, """
        ALTER TABLE assessment ADD COLUMN evidence_activity_id TEXT;
        ALTER TABLE account_summary ADD COLUMN next_step TEXT;
    """)


@MIGRATIONS()
def m009_team_facts(db: Database) -> None:
    """Each account's count of activities awaiting approval, kept in its cached figures, and
    each assessment's figures (`assessment_point`, store.team_points): issue 16.5, the team
    view must neither run the compliance rules over every activity nor parse every assessment
    when it opens. Empty / NULL until the figures are recomputed: RULES_VERSION 4 makes the
    next open do it.
    The column is only added when missing: a workspace that met it on another branch's
    numbering is upgraded without error."""
    columns = {r[1] for r in db.execute("PRAGMA table_info(account_summary)")}
    if "awaiting_approval" not in columns:
        db.execute("ALTER TABLE account_summary ADD COLUMN awaiting_approval INTEGER")
    run_script(db, """
        CREATE TABLE IF NOT EXISTS assessment_point (
            assessment_id TEXT PRIMARY KEY REFERENCES assessment(id) ON DELETE CASCADE,
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            assessed_on TEXT NOT NULL, rules_version INTEGER,
            org_level TEXT, key_index REAL, extensive_index REAL,
            key_people INTEGER NOT NULL, key_known INTEGER NOT NULL, flagged TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS assessment_point_account ON assessment_point(account_id);
    """)



@MIGRATIONS()
def m010_execution_facts(db: Database) -> None:
    """Plan execution kept ready for the team view (issue 16.5), so that opening it does not
    count a quarter's activities (200,000 on `xl`) one by one:
    - `activity_done`: per activity, the day it was last marked done, as the audit holds it
      (the `at` of its latest 'update' entry changing its status to done: docs/team.md).
      A trigger on the audit keeps it; the audit is append-only, so the table is the audit's
      own fact, filled here from the entries already written;
    - `execution_month`: per month of the planned day ('' for undated) and account, its
      non-archived activities by what became of them; open ones are split into overdue and
      upcoming when read, against `today`. Recomputed with the account's cached figures inside
      every write that changes the account (store.summary), and trusted only for accounts
      whose figures carry the current RULES_VERSION; filled here for every account;
    - `assessment_point.seq`: the assessment's rowid (which of one day's assessments is
      the last recorded), so a period's points are read without joining the snapshots, and
      `figures`, the point's columns as one JSON text, so that many are read in one step."""
    run_script(db, """
        CREATE TABLE IF NOT EXISTS activity_done (activity_id TEXT PRIMARY KEY, day TEXT NOT NULL);
        INSERT OR REPLACE INTO activity_done (activity_id, day)
            SELECT entity_id, substr(max(at), 1, 10) FROM audit
            WHERE entity = 'activity' AND action = 'update' AND json_extract(changes, '$.status[1]') = 'done'
            GROUP BY entity_id;
        CREATE TRIGGER IF NOT EXISTS audit_activity_done AFTER INSERT ON audit
        WHEN new.entity = 'activity' AND new.action = 'update'
             AND json_extract(new.changes, '$.status[1]') = 'done' BEGIN
            INSERT INTO activity_done (activity_id, day) VALUES (new.entity_id, substr(new.at, 1, 10))
            ON CONFLICT (activity_id) DO UPDATE SET day = max(day, excluded.day);
        END;
        CREATE TABLE IF NOT EXISTS execution_month (
            account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            month TEXT NOT NULL, planned INTEGER NOT NULL, on_time INTEGER NOT NULL,
            late INTEGER NOT NULL, unrecorded INTEGER NOT NULL, cancelled INTEGER NOT NULL,
            open INTEGER NOT NULL,
            PRIMARY KEY (month, account_id)
        );
        -- a period's months are read from this index alone
        CREATE INDEX IF NOT EXISTS execution_month_read ON execution_month(
            month, account_id, planned, on_time, late, unrecorded, cancelled, open);
        CREATE INDEX IF NOT EXISTS execution_month_account ON execution_month(account_id);
    """)
    # As store.activities.refresh_execution counts them (a migration keeps its own copy).
    db.execute("DELETE FROM execution_month")
    db.execute("""
        INSERT INTO execution_month (account_id, month, planned, on_time, late, unrecorded, cancelled, open)
        SELECT a.account_id, coalesce(substr(a.planned_on, 1, 7), ''), count(*),
               count(*) FILTER (WHERE a.status = 'done' AND d.day <= a.planned_on),
               count(*) FILTER (WHERE a.status = 'done' AND d.day > a.planned_on),
               count(*) FILTER (WHERE a.status = 'done' AND d.day IS NULL),
               count(*) FILTER (WHERE a.status = 'cancelled'),
               count(*) FILTER (WHERE a.status IN ('planned', 'in_progress'))
        FROM activity a LEFT JOIN activity_done d ON d.activity_id = a.id
        WHERE a.archived = 0 GROUP BY a.account_id, 2""")
    columns = {r[1] for r in db.execute("PRAGMA table_info(assessment_point)")}
    for column in ("seq INTEGER", "figures TEXT"):
        if column.split()[0] not in columns:
            db.execute(f"ALTER TABLE assessment_point ADD COLUMN {column}")
    db.execute("UPDATE assessment_point SET seq = (SELECT rowid FROM assessment WHERE id = assessment_id)")
    # `figures`: the point's columns as one JSON text, written from Python (SQLite's JSON would
    # write its reals with 15 digits); as store.team_points.figures_text writes it.
    import json

    rows = db.execute("SELECT assessment_id, account_id, assessed_on, org_level, key_index, extensive_index, "
                      "key_people, key_known, flagged, seq FROM assessment_point").fetchall()
    db.conn.executemany("UPDATE assessment_point SET figures = ? WHERE assessment_id = ?",
                        [(json.dumps(list(r[1:]), ensure_ascii=False), r[0]) for r in rows])
    db.execute("CREATE INDEX IF NOT EXISTS assessment_point_day ON assessment_point(assessed_on, account_id)")

if len(MIGRATIONS._migrations) != SCHEMA_VERSION:  # a migration added without the version bump
    raise RuntimeError(f"kamtui.store.version.SCHEMA_VERSION is {SCHEMA_VERSION}, "
                       f"but there are {len(MIGRATIONS._migrations)} migrations")
