"""Account plans (and the workspace's settings and team) as TOML text and files."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

from kamtui.domain.models import Account, Settings, TeamMember
from kamtui.domain.plan import AccountPlan
from kamtui.errors import KamtuiError
from kamtui.services.context import Context
from kamtui.services.files import Written, workspace_mode, write_file  # noqa: F401  (this module's API)
from kamtui.services.lookup import find_account  # noqa: F401  (part of this module's API)
from kamtui.services.plans import file_names
from kamtui.services.plans import format as fmt
from kamtui.services.plans import synced
from kamtui.services.plans.bulk import gc_paused
from kamtui.store import accounts, team

Progress = Callable[[int, int], None]


def plan_toml(plan: AccountPlan, *, include_private: bool = False, conflicts: list[dict] | None = None) -> str:
    """One account plan as a TOML document (same plan, same bytes); `conflicts`: the
    `[[conflicts]]` entries written after the records (see `synced`)."""
    links: dict[str, list] = {}
    for link in sorted(plan.links, key=fmt.by_id):
        links.setdefault(link.from_id, []).append(fmt.record(link))
    people = []
    for person in sorted(plan.people, key=fmt.by_id):
        row = fmt.record(person, private=include_private)
        if person.id in links:
            row["links"] = links[person.id]
        people.append(row)
    sections: list[tuple[str, dict | list[dict]]] = [
        ("account", fmt.record(plan.account)),
        ("departments", [fmt.record(d) for d in sorted(plan.departments, key=fmt.by_id)]),
        ("people", people),
        ("competitors", [fmt.record(c) for c in sorted(plan.competitors, key=fmt.by_id)]),
        ("assessments", [fmt.record(a) for a in sorted(plan.assessments, key=fmt.assessment_key)]),
        ("targets", [fmt.record(t) for t in sorted(plan.targets, key=fmt.target_key)]),
        ("activities", [fmt.record(a) for a in sorted(plan.activities, key=fmt.activity_key)]),
        ("dismissals", [fmt.record(d) for d in sorted(plan.dismissals, key=fmt.dismissal_key)]),
        ("conflicts", fmt.conflict_entries(conflicts or [])),
    ]
    head = {"schema_version": fmt.SCHEMA_VERSION, "private": include_private}
    return fmt.document(head, sections)


def workspace_toml(settings: Settings, members: list[TeamMember], conflicts: list[dict] | None = None) -> str:
    """The workspace file: the team's settings (with the compliance policy) and its members."""
    return fmt.document(
        {"schema_version": fmt.SCHEMA_VERSION},
        [("settings", fmt.record(settings)),
         ("members", [fmt.record(m) for m in sorted(members, key=fmt.by_id)]),
         ("conflicts", fmt.conflict_entries(conflicts or []))],
    )


# --- writing files -------------------------------------------------------------------------------

def write_text(path: Path, text: str, *, private: bool = False, mode: int | None = None) -> Written:
    """Write a plan file whole or not at all (see `files.write_file`).

    `mode`: the workspace's permission bits, which an export takes. Without it, a file
    holding private fields is readable by its owner only and others get the umask's bits.
    """
    return write_file(path, text, mode if mode is not None else 0o600 if private else None)


def account_text(ctx: Context, account_id: str, *, include_private: bool = False,
                 fmt_name: str = "toml", lang: str = "en") -> str:
    if fmt_name != "md":
        return _account_file(ctx, account_id, include_private)[0]
    plan = accounts.plan(ctx.db, account_id)
    if fmt_name == "md":
        from kamtui.services.plans.brief import brief

        return brief(plan, team.settings(ctx.db).policy, ctx.today, lang=lang,  # type: ignore[arg-type]
                     include_private=include_private,
                     member_names={m.id: m.name for m in team.members(ctx.db, True)})
    return plan_toml(plan, include_private=include_private)


def _account_file(ctx: Context, account_id: str, include_private: bool) -> tuple[str, list]:
    """The TOML file of an account (with the conflicts kept for it) and its records' bases."""
    plan, conflicts, bases = synced.plan_for_file(_reads(ctx), account_id)
    return plan_toml(plan, include_private=include_private, conflicts=conflicts), bases


def _workspace_file(ctx: Context) -> tuple[str, list]:
    settings, members, conflicts, bases = synced.workspace_for_file(_reads(ctx))
    return workspace_toml(settings, members, conflicts), bases


def _reads(ctx: Context):
    """What a file's records are read through: the plain connection (the store's reads take
    either), so that an export loads sqlite-utils only for its one write, the bases."""
    return ctx.ws.conn


def write_account(ctx: Context, account_id: str, path: Path, *, include_private: bool = False) -> Written:
    """One account's TOML file at `path`, its records then synced (`synced.record_bases`)."""
    text, bases = _account_file(ctx, account_id, include_private)
    done = write_text(path, text, private=include_private, mode=workspace_mode(ctx))
    synced.record_bases(ctx, bases)
    return done


def export_accounts(
    ctx: Context, account_ids: list[str], folder: Path, *, include_private: bool = False,
    fmt_name: str = "toml", with_workspace: bool = False, lang: str = "en",
    progress: Progress | None = None, before_writing: Callable[[], None] | None = None,
    after_writing: Callable[[list[Written]], None] | None = None,
) -> list[Written]:
    """One file per account (and, with `with_workspace`, the workspace file) into `folder`.

    Every text is made before the first file is written; `before_writing` is called between
    (`kamtui sync` waits there for the workspace's quick_check, which runs meanwhile).
    `after_writing(files)` is called once they are all written, before the records' bases are
    stored (`kamtui sync` starts its commit there, which then runs beside that write)."""
    with gc_paused():
        return _export_accounts(ctx, account_ids, folder, include_private=include_private,
                                fmt_name=fmt_name, with_workspace=with_workspace, lang=lang,
                                progress=progress, before_writing=before_writing, after_writing=after_writing)


def _export_accounts(
    ctx: Context, account_ids: list[str], folder: Path, *, include_private: bool, fmt_name: str,
    with_workspace: bool, lang: str, progress: Progress | None, before_writing: Callable[[], None] | None,
    after_writing: Callable[[list[Written]], None] | None = None,
) -> list[Written]:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(folder)) from None
    suffix = ".md" if fmt_name == "md" else ".toml"
    mode = workspace_mode(ctx)
    written: list[Written] = []
    taken: set[str] = set()
    total = len(account_ids) + int(with_workspace)
    waiting: list[tuple[str, str, bool, list[Path]]] = []

    def write(name: str, text: str, private: bool, stale: list[Path]) -> None:
        written.append(write_text(folder / name, text, private=private, mode=mode))
        # The account's file of an earlier export under its old name (renamed since) goes:
        # a folder holds one file per account, and a git repository sees a rename.
        for old in stale:
            old.unlink(missing_ok=True)
        if progress:
            progress(len(written), total)

    def put(name: str, text: str, private: bool, stale: list[Path]) -> None:
        # The names are unique by construction (format.file_name); this keeps "never
        # overwrite a file written in this run" true even if that ever broke.
        key = file_names.same_file_key(name)
        if key in taken:
            raise KamtuiError("plan.export.same_file", path=folder / name)
        taken.add(key)
        if before_writing is not None:
            waiting.append((name, text, private, stale))
        else:
            write(name, text, private, stale)

    bases: list = []
    if with_workspace:
        text, found = _workspace_file(ctx)
        put(fmt.WORKSPACE_FILE, text, False, [])
        bases += found
    earlier = file_names.files_by_id(folder, suffix)
    for account_id in account_ids:
        account = accounts.account(_reads(ctx), account_id)
        if fmt_name == "md":
            text = account_text(ctx, account_id, include_private=include_private, fmt_name=fmt_name, lang=lang)
        else:
            text, found = _account_file(ctx, account_id, include_private)
            bases += found
        name = fmt.file_name(account, suffix)
        put(name, text, include_private, [old for old in earlier.get(account_id, ())
                                          if unicodedata.normalize("NFC", old.name) != unicodedata.normalize("NFC", name)])
    if before_writing is not None:
        before_writing()
        for item in waiting:
            write(*item)
    if after_writing is not None:
        after_writing(written)
    if fmt_name != "md":
        synced.record_bases(ctx, bases)
    return written


def all_account_ids(ctx: Context) -> list[str]:
    """Every account, archived ones included: a workspace leaves as files whole."""
    return accounts.account_ids(ctx.db)
