"""Account plans as files: TOML export and import, and a one-page Markdown brief.

Modules: `format` (keys, order, how a document is written), `export` (plans → TOML files),
`parse` (files → validated records, every problem collected) over `toml_read` (TOML text →
values), `rows` (records → table rows), `changes` (what an import creates, updates or skips),
`import_` (the entry points: one transaction, upserting by id) with `results`, `bulk`, `brief`
(Markdown), `demo_files` (the shipped demo team), `threeway` (one record decided three ways),
`synced` (what an export leaves as synced state), `merge_files` (the git merge driver's merge),
`file_names` (plan files' names and the account ids they carry).

The plan file format (schema_version 1)
---------------------------------------
One UTF-8 TOML 1.0 file per account, written with tomli-w and read with toml-rs (or tomllib,
which it equals, where toml-rs is not installed); at most 5 MiB,
arrays and tables nested at most 50 deep. Top level, in this order: `schema_version`,
`private` (whether personal needs, career needs and private notes are in the file; they are
left out unless exported with `--include-private`), then `[account]`, `[[departments]]`,
`[[people]]` (each with its `[[people.links]]`: typed links *from* that person),
`[[competitors]]`, `[[assessments]]` (with `[assessments.org.<dimension>]`,
`[assessments.evidence]`, `[[assessments.people]]`, `[[assessments.departments]]` and their
`ratings`), `[[targets]]`, `[[activities]]` (with `[activities.approval]`), `[[dismissals]]`.

- Keys inside a record come in a fixed order (the models' declaration order); ids are kept;
  enums are written as their method.md keys; dates are TOML dates.
- Arrays are sorted by a stable key: assessments by date then id, activities by planned date
  (undated last) then id, targets by layer, dismissals by date then key, the rest by id.
- A key is left out when its value is empty (no value, "", false, an empty array or table)
  and that is its default: a missing key always means "empty". Numbers are always written.
- `account_id` is implied by the file and a link's `from_id` by the person it sits under:
  neither is written, and either is refused as an unknown key.
- Nothing machine-specific: no paths, no export time; exporting twice gives the same bytes.

`kamtui export WORKSPACE --all` also writes `workspace.toml`: `schema_version`,
`[settings]` (team name, default language, `[settings.policy]` with a table per regulated
category under `[settings.policy.thresholds.<category>]`) and the `[[members]]` of the team.

No record's `version` is written (it stays in the workspace). Importing upserts by id (targets
by layer, dismissals by key) and never deletes; each record is merged three ways against its
last synced state (`threeway`, `store.sync_base`); a field both sides changed differently is a
conflict that stops its record (docs/plan-format.md). A file with `private = false` keeps the
private fields stored in the workspace.

Example (abridged)::

    schema_version = 1
    private = false

    [account]
    id = "45897612e6e154048ae20bcd4cc7b83d"
    name = "Harbourline Bank (China) Co., Ltd."
    short_name = "Harbourline"
    tier = "key"
    strategy_notes = \"\"\"
    2026–2028 China plan: move 60% of workloads to an on-shore private cloud.
    Our angle: private-cloud networking and zero-trust branch access.\"\"\"

    [[people]]
    id = "0f51c0a13ac75129b8004e88a0b91ef2"
    department_id = "396bd848fb2a5d4c8f2b4d0e1a7c9e33"
    name = "Thomas Becker"
    title = "Chief Information Officer"
    role = "decision_maker"
    influence = 5
    attitude = "advocate"
    executive = true
    needs_level = 4
    last_contact = 2026-11-14

    [[people.links]]
    id = "8c1d…"
    to_id = "2b7e…"
    kind = "influences"

    [[assessments]]
    id = "5e0a…"
    assessed_on = 2026-09-08
    recorded_by = "sarah"

    [assessments.org.communication]
    value = 3
    note = "CEO-level visit in September; quarterly CIO review"

    [assessments.evidence]
    key_products = 2026-06-30
"""
