"""Account plans shared through git: `kamtui sync` (the clone's own git steps: `gitclone`).

Git is the distributed engine; kamtui only writes and reads plan files in a clone and drives
`git` as a subprocess. A sync runs, in this order: catch up (import what the clone holds
that this workspace has not imported yet: a first sync, or one whose import failed), export
what changed since the last sync, commit it under the user's name, pull (git merges plan
files with `kamtui merge-driver`), import what the pull brought, push. Each import is one
transaction: the workspace is never half-imported, and the commit it has imported up to is
remembered in the workspace (`sync_commit`), so a failed sync is caught up by the next.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kamtui.errors import WorkspaceError
from kamtui.messages import fill
from kamtui.services import gitclone, gitrepo
from kamtui.services.gitclone import ATTRIBUTES, DRIVER, init_repo, merge_authors  # noqa: F401 (this module's API)
from kamtui.services.context import Context
from kamtui.services.gitrepo import SyncError, git  # noqa: F401 (SyncError: part of this module's API)
from kamtui.services.plans import file_names
from kamtui.services.plans.bulk import gc_paused
from kamtui.store import sync_base
from kamtui.store.background_check import BackgroundCheck
from kamtui.services.sync_threads import Loader, Verifying

if TYPE_CHECKING:
    from kamtui.services.plans.results import ImportResult

Progress = Callable[[str], None]
AUTHORS_MAX = 50  # files: above this the conflict lines of a first import do without git's authors


@dataclass
class SyncResult:
    exported: int = 0  # plan files written (changed accounts, workspace.toml)
    committed: bool = False
    pulled: bool = False
    imports: list[ImportResult] = field(default_factory=list)
    pushed: bool = False
    remote: bool = False

    @property
    def skipped(self) -> list:
        return [c for r in self.imports for c in r.skipped]

    @property
    def written(self) -> int:
        return sum(r.written for r in self.imports)


# -- the sync -----------------------------------------------------------------------------

# The fetch runs beside the sync's own work: no automatic gc or maintenance of its own, which
# would repack under the commit the sync makes meanwhile (the commit and merge still run them).
_FETCH = ("-c", "gc.auto=0", "-c", "maintenance.auto=false", "fetch", "-q")


def sync(ctx: Context, repo: Path, progress: Progress | None = None, *, email: str | None = None,
         early: BackgroundCheck | None = None) -> SyncResult:
    """One sync (see the module doc). The workspace may come unverified (opened without its
    quick_check): the check runs beside the sync's work (`early`: started by the caller, as
    soon as it knew the file), and nothing is written to the workspace nor pushed before it
    passed. If it fails, the clone is put back where it was: the export, the commit and the
    merge may have run in it meanwhile."""
    say = progress or (lambda _msg: None)
    check = Verifying(ctx.ws, early)  # first: the longest of the sync's waits
    asked = gitrepo.start_state(repo)  # then what the sync needs first, then the fetch
    fetch = gitrepo.start(repo, *_FETCH) if repo.is_dir() else None
    ident = gitclone.Identity(ctx.user, email)
    loader = Loader()
    try:
        # A sync is short and keeps what it allocates to its end: the collector would only
        # walk the loaded code's objects again and again (see bulk.gc_paused).
        with gc_paused():
            try:
                return _sync(ctx, repo, say, ident, fetch, check, asked, loader)
            finally:
                loader.join()  # (no thread left importing: whatever ends the sync comes after it)
    except WorkspaceError:
        if check.failed and check.clone_start is not None:
            if fetch is not None:
                fetch.stop()
                fetch = None
            gitclone.put_back(repo, check.clone_start[0])
        raise
    finally:
        if fetch is not None:
            fetch.stop()
        check.stop()


def _sync(ctx: Context, repo: Path, say: Progress, ident: gitclone.Identity, fetch: gitrepo.Started | None,
          check: Verifying, asked: Callable[[], gitrepo.RepoState], loader: Loader) -> SyncResult:
    conn = ctx.ws.conn  # plain reads: a sync with nothing to do loads no model
    since = sync_base.option(conn, "sync_audit")
    exporting = any(sync_base.changed_since(conn, int(since) if since else None))
    if exporting:
        # something to export: its code (and the write helper's, for the records' bases)
        # loads while git answers (as long as the commands take)
        from kamtui.services.plans import light_export  # noqa: F401
        from kamtui.store import writes  # noqa: F401
    state = gitclone.check_repo(repo, asked)
    if exporting and state.upstream:
        # The sync will wait for the quick_check before its first write anyway: the import's
        # code (most of the time a pull's import takes) loads meanwhile, beside the export.
        loader.start()
    check.clone_start = (state.head,)  # clean: what a failed check puts the clone back to
    ident.configured(state.email)
    result = SyncResult(remote=state.has_remote)
    mark = sync_base.option(conn, "sync_commit")
    if state.head is not None and mark != state.head:
        check.wait()
        say("catching up with the clone")
        _import_range(ctx, repo, mark, state.head, result, say, backup=True)
    audit_now = sync_base.audit_mark(conn)
    names = set(os.listdir(repo))  # (the clone is clean: each of them is committed, or ignored)
    accounts, team = _to_export(conn, names, since)
    head = state.head
    pull: _Pull | None = None
    if accounts or team:
        say(fill("exporting {n} changed {n|account|accounts}", "en", {"n": len(accounts)})
            + (" and the team" if team else ""))
        commit = gitclone.Commit(repo, ident, ctx.user, names, say)
        if result.remote:
            pull = _Pull(repo, ident, fetch, say, loader, result)
            fetch = None
        try:
            result.exported = len(_export(ctx, accounts, repo, team, check, commit, pull))
        except BaseException:
            commit.stop()  # (what the export wrote stays committed: the next sync finds a clean clone)
            raise
        result.committed = commit.result()
    if result.remote:
        pull = pull or _Pull(repo, ident, fetch, say, loader, result)
        head, audit_now = _exchange(ctx, repo, state, result, say, check, audit_now, pull)
    elif result.committed:
        head = gitrepo.commits(repo, "HEAD")[0]
    # remembered together, and only when they moved: a sync with nothing to do writes nothing
    options = {"sync_audit": str(audit_now)} if since != str(audit_now) else {}
    if head is not None and head != sync_base.option(conn, "sync_commit"):
        options["sync_commit"] = head
    if options:
        check.wait()
        _set(ctx, **options)
    return result


class _Pull:
    """Fetch (the one started with the sync, else a new one) and merge what it brought. The
    sync's first pull may run before the quick_check answered (`early`, while the export's
    commit is the last thing it waited for); what it met (a git failure) is raised where the
    pull would have run, after the records' bases are stored, as if it ran there."""

    def __init__(self, repo: Path, ident: gitclone.Identity, fetch: gitrepo.Started | None, say: Progress,
                 loader: Loader, result: SyncResult):
        self.repo, self.ident, self.fetch, self.say, self.loader, self.result = repo, ident, fetch, say, loader, result
        self._early: tuple[str | None, str | None, tuple[str | None, str | None] | None] | None = None
        self._failed: SyncError | None = None

    def early(self, commit: gitclone.Commit) -> None:
        try:
            commit.result()  # (raised again where the sync asks for it)
            self._early = self._run()
        except SyncError as exc:
            self._failed = exc

    def __call__(self) -> tuple[str | None, str | None, tuple[str | None, str | None] | None]:
        """(the clone's HEAD, its upstream, (start, end) of what the merge brought or None)."""
        if self._failed is not None:
            failed, self._failed = self._failed, None
            raise failed
        if self._early is not None:
            done, self._early = self._early, None
            return done
        return self._run()

    def _run(self) -> tuple[str | None, str | None, tuple[str | None, str | None] | None]:
        if self.fetch is not None:
            fetch, self.fetch = self.fetch, None
            fetch.result()
        else:
            git(self.repo, *_FETCH)
        head, upstream = gitrepo.commits(self.repo, "HEAD", "@{u}")
        brought = None
        if upstream is not None and upstream != head:
            self.say("pulling")
            self.loader.start()  # (if it was not started yet: it loads while git merges)
            try:
                after = gitclone.merge(self.repo, self.ident, head)
            finally:
                self.loader.join()
            self.result.pulled = True
            brought = (head, after) if after != head else None
            head = after
        return head, upstream, brought


def _exchange(ctx: Context, repo: Path, state: gitrepo.RepoState, result: SyncResult, say: Progress,
              check: Verifying, audit_mark: int, pull: _Pull) -> tuple[str | None, int]:
    """Pull (merge what the fetch brought), push while what came is imported; again when
    someone pushed meanwhile. Returns the commit the workspace holds everything of, and the
    audit position the next sync exports changes after: past the import's own entries when
    it left every record as the files have it (they need no export back)."""
    head: str | None = None
    for attempt in range(3):
        head, upstream, brought = pull()
        push = None
        if upstream != head:
            check.wait()  # nothing leaves before the workspace is known sound
            say("pushing")
            first = [] if upstream is not None else ["-u", (state.remotes or ["origin"])[0], "HEAD"]
            push = gitrepo.start(repo, "push", "-q", *first)
        try:
            if brought is not None:
                check.wait()
                done = _import_range(ctx, repo, *brought, result, say, backup=False, start_exists=True)
                if done is not None and not done.diverged and done.audit_span and done.audit_span[0] == audit_mark:
                    audit_mark = done.audit_span[1]
        finally:
            pushed = push.result(check=False) if push is not None else None
        if pushed is None:
            result.pushed = True  # the remote holds all of it already
            return head, audit_mark
        if pushed.returncode == 0:
            result.pushed = True
            return head, audit_mark
        if attempt == 2:
            raise SyncError("sync.git_failed", command="push", repo=repo, why=gitrepo.why(pushed))
    return head, audit_mark


def _export(ctx: Context, accounts: list[str], repo: Path, team: bool, check: Verifying,
            commit: gitclone.Commit, pull: _Pull | None) -> list:
    """Write the plan files into the clone (made from the stored rows, without models:
    `light_export`), commit them and pull (merge what the others pushed) while the workspace's
    quick_check may still run; wait for it before the records' bases are stored (the
    workspace's first write). A failed check puts the clone back (see `sync`)."""
    from kamtui.services.plans import light_export

    def written(files: list) -> None:
        commit.start(files)
        if pull is not None:
            pull.early(commit)
        check.wait()

    try:
        return light_export.export_changed(ctx, accounts, repo, with_workspace=team, after_writing=written)
    except sqlite3.DatabaseError:
        check.wait()  # damage met while reading is reported as the check words it
        raise


def _to_export(conn: Any, names: set[str], since: str | None) -> tuple[list[str], bool]:
    """The accounts to write into the clone (changed since the last sync, and any the clone
    lacks), and whether the team's file is to be written. A conflict decided since is among
    the changes: the import that decided it wrote the account's entry in the audit log."""
    accounts, team = sync_base.changed_since(conn, int(since) if since else None)
    in_clone = {file_names.account_id_of(n) for n in names if n.endswith(".toml")}
    listed = set(accounts)
    for a in sync_base.account_ids(conn):
        if a not in listed and a not in in_clone:
            accounts.append(a)
            listed.add(a)
    return accounts, team or file_names.WORKSPACE_FILE not in names


def _import_range(ctx: Context, repo: Path, start: str | None, end: str, result: SyncResult, say: Progress,
                  *, backup: bool, start_exists: bool = False) -> ImportResult | None:
    """Import the plan files that changed between two commits (all of them from nothing).

    `backup`: whether the import takes its backup of the workspace first. The import of what
    a pull brought takes none: the same sync has just committed the workspace's state of
    every record it can change to the clone (and private fields an import never changes).
    `start_exists`: `start` is a commit of the clone (the HEAD a merge started from), not a
    remembered one that a rewritten history may have dropped."""
    if start is None or (not start_exists
                         and git(repo, "cat-file", "-e", f"{start}^{{commit}}", check=False).returncode != 0):
        start = None
        names = git(repo, "ls-tree", "-r", "--name-only", end).stdout.splitlines()
    else:
        names = gitrepo.changed_files(repo, start, end)
    files = sorted(n for n in names if n.endswith(".toml") and "/" not in n and (repo / n).is_file()
                   and (n == file_names.WORKSPACE_FILE or file_names.account_id_of(n)))
    if files:
        from kamtui.services.plans import import_
        from kamtui.services.plans.parse import read_path

        say(f"importing {len(files)} file{'' if len(files) == 1 else 's'}")
        sources, problems = [], []
        for name in files:
            found, trouble = read_path(repo / name)
            sources += found
            problems += trouble
        span = f"{start}..{end}" if start else end
        by = gitrepo.Authors(repo, span, files if start or len(files) <= AUTHORS_MAX else [])
        done = import_.import_sources(ctx, sources, problems=problems, file_by=by, backup=backup)
        result.imports.append(done)
    _set(ctx, sync_commit=end)
    return result.imports[-1] if files else None


def _set(ctx: Context, **options: str | None) -> None:
    with ctx.write() as tx:
        for key, value in options.items():
            sync_base.set_option(tx.db, key, value)


def remembered_repo(ctx: Context) -> str | None:
    """The clone this workspace syncs with, as the last `--repo` named it."""
    return sync_base.option(ctx.ws.conn, "sync_repo")


def remember_repo(ctx: Context, repo: Path) -> None:
    _set(ctx, sync_repo=str(repo))
