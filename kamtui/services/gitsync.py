"""Account plans shared through git: `kamtui sync` and the merge driver's git side.

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
import shlex
import sqlite3
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kamtui.messages import fill
from kamtui.services import gitrepo
from kamtui.services.context import Context
from kamtui.services.gitrepo import SyncError, git  # noqa: F401 (SyncError: part of this module's API)
from kamtui.services.plans import file_names
from kamtui.services.plans.bulk import gc_paused
from kamtui.store import sync_base

if TYPE_CHECKING:
    from kamtui.services.plans.results import ImportResult

ATTRIBUTES = "*.toml merge=kamtui\n"
DRIVER_NAME = "kamtui plan files, merged record by record"
# The driver as this installation runs it (the clone's own config: no PATH needed).
DRIVER = f"{shlex.quote(sys.executable)} -m kamtui merge-driver %O %A %B %P"
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


# -- setting a clone up -------------------------------------------------------------------

def init_repo(repo: Path, user: str) -> list[str]:
    """Make `repo` (an existing clone, or a new folder) merge plan files with kamtui's
    driver: `.gitattributes` (committed under `user`'s name, shared) and the driver in the
    clone's config."""
    repo.mkdir(parents=True, exist_ok=True)
    if git(repo, "rev-parse", "--is-inside-work-tree", check=False).returncode != 0:
        git(repo, "init", "-q")
    done = []
    attributes = repo / ".gitattributes"
    text = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    if ATTRIBUTES.strip() not in text.splitlines():
        attributes.write_text(text + ("" if not text or text.endswith("\n") else "\n") + ATTRIBUTES, encoding="utf-8")
        git(repo, "add", ".gitattributes")
        mail = git(repo, "config", "user.email", check=False).stdout.strip() or f"{user}@kamtui"
        git(repo, "-c", f"user.name={user}", "-c", f"user.email={mail}", "commit", "-q", "-m",
            "kamtui sync: plan files merge with kamtui merge-driver", "--", ".gitattributes")
        done.append(f".gitattributes: {ATTRIBUTES.strip()} (committed)")
    for key, value in (("merge.kamtui.name", DRIVER_NAME), ("merge.kamtui.driver", DRIVER)):
        git(repo, "config", key, value)
        done.append(f"git config {key} '{value}'")
    return done


def _check_repo(repo: Path, asked: Callable[[], gitrepo.RepoState] | None = None) -> gitrepo.RepoState:
    state = (asked or gitrepo.start_state(repo))()
    if not state.is_clone:
        raise SyncError("sync.not_a_clone", repo=repo)
    if not state.driver:
        raise SyncError("sync.no_driver", repo=repo)
    if state.merging:
        raise SyncError("sync.mid_merge", repo=repo)
    if state.dirty:
        raise SyncError("sync.dirty", repo=repo, file=state.dirty[0])
    return state


# -- the sync -----------------------------------------------------------------------------

# The fetch runs beside the sync's own work: no automatic gc or maintenance of its own, which
# would repack under the commit the sync makes meanwhile (the commit and merge still run them).
_FETCH = ("-c", "gc.auto=0", "-c", "maintenance.auto=false", "fetch", "-q")


def sync(ctx: Context, repo: Path, progress: Progress | None = None, *, email: str | None = None) -> SyncResult:
    """One sync (see the module doc). The workspace may come unverified (opened without its
    quick_check): the check runs beside git's work, and nothing is written before it passed."""
    say = progress or (lambda _msg: None)
    check = _Verifying(ctx.ws)  # first: the longest of the sync's waits
    asked = gitrepo.start_state(repo)  # then what the sync needs first, then the fetch
    fetch = gitrepo.start(repo, *_FETCH) if repo.is_dir() else None
    ident = _Identity(ctx.user, email)
    try:
        # A sync is short and keeps what it allocates to its end: the collector would only
        # walk the loaded code's objects again and again (see bulk.gc_paused).
        with gc_paused():
            return _sync(ctx, repo, say, ident, fetch, check, asked)
    finally:
        if fetch is not None:
            fetch.stop()
        check.stop()


def _sync(ctx: Context, repo: Path, say: Progress, ident: _Identity, fetch: gitrepo.Started | None,
          check: _Verifying, asked: Callable[[], gitrepo.RepoState]) -> SyncResult:
    conn = ctx.ws.conn  # plain reads: a sync with nothing to do loads no model
    since = sync_base.option(conn, "sync_audit")
    if any(sync_base.changed_since(conn, int(since) if since else None)):
        # something to export: its code loads while git answers (as long as the commands take)
        from kamtui.services.plans import export  # noqa: F401
    state = _check_repo(repo, asked)
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
    if accounts or team:
        say(fill("exporting {n} changed {n|account|accounts}", "en", {"n": len(accounts)})
            + (" and the team" if team else ""))
        written = _export(ctx, accounts, repo, team, check)
        result.exported = len(written)
        say("committing")
        result.committed = _commit(repo, ident, ctx.user, all_known=all(w.path.name in names for w in written))
    if result.remote:
        head, audit_now = _exchange(ctx, repo, state, result, say, ident, fetch, check, audit_now)
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


def _exchange(ctx: Context, repo: Path, state: gitrepo.RepoState, result: SyncResult, say: Progress,
              ident: _Identity, fetch: gitrepo.Started | None, check: _Verifying,
              audit_mark: int) -> tuple[str | None, int]:
    """Pull (merge what the fetch brought), push while what came is imported; again when
    someone pushed meanwhile. Returns the commit the workspace holds everything of, and the
    audit position the next sync exports changes after: past the import's own entries when
    it left every record as the files have it (they need no export back)."""
    head: str | None = None
    for attempt in range(3):
        if fetch is not None:
            fetch.result()
        else:
            git(repo, *_FETCH)
        fetch = None
        head, upstream = gitrepo.commits(repo, "HEAD", "@{u}")
        brought = None
        if upstream is not None and upstream != head:
            say("pulling")
            after = _merge(repo, ident, head)
            result.pulled = True
            brought = (head, after) if after != head else None
            head = after
        push = None
        if upstream != head:
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


def _export(ctx: Context, accounts: list[str], repo: Path, team: bool, check: _Verifying) -> list:
    """Write the plan files: made while the workspace's quick_check runs (loading the plan
    code and making the texts take about as long as it), written once it has passed."""
    from kamtui.services.plans import export

    try:
        return export.export_accounts(ctx, accounts, repo, with_workspace=team, before_writing=check.wait)
    except sqlite3.DatabaseError:
        check.wait()  # damage met while reading is reported as the check words it
        raise


def _commit(repo: Path, ident: _Identity, user: str, *, all_known: bool) -> bool:
    """Commit what the export changed in the clone; False when the files were as they are.
    `all_known`: it wrote no file the clone lacked, so `commit -a` takes all of it (the clone
    was clean) without a `git add` of its own."""
    if not all_known:
        git(repo, "add", "-A")
    done = git(repo, *ident.args(), "commit", "-q", *(["-a"] if all_known else []), "-m", f"kamtui sync: {user}",
               check=False)
    if done.returncode == 0:
        return True
    unchanged = (git(repo, "diff", "--quiet", "HEAD", check=False) if all_known
                 else git(repo, "diff", "--cached", "--quiet", check=False))
    if unchanged.returncode != 0:
        raise SyncError("sync.git_failed", command="commit", repo=repo, why=gitrepo.why(done))
    return False


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


class _Verifying:
    """The workspace's quick_check in a thread, on a second connection (the sync reads on its
    own meanwhile); `wait()` before the first write raises the damage it found."""

    def __init__(self, ws: Any):
        self.ws = ws
        self.found: str | None = None
        self._thread: threading.Thread | None = None
        if not ws.verified:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()

    def _run(self) -> None:
        from kamtui.services.workspaces import integrity

        self.found = integrity(self.ws)

    def wait(self) -> None:
        if self._thread is None:
            return
        self._thread.join()
        self._thread = None
        if self.found != "ok":
            from kamtui.errors import WorkspaceError
            from kamtui.services.workspaces import damage_message

            raise WorkspaceError(damage_message(self.ws, self.found or "not checked"))

    def stop(self) -> None:
        """Called off when the sync ended without writing (nothing to protect)."""
        if self._thread is not None:
            from kamtui.services.workspaces import cancel_integrity

            cancel_integrity(self.ws)
            self._thread.join()
            self._thread = None


class _Identity:
    """A sync's commits carry the kamtui user's name (their email from git's config, if
    any, read with the clone's state)."""

    def __init__(self, user: str, email: str | None):
        self.user, self.email = user, email

    def configured(self, email: str) -> None:
        if self.email is None:
            self.email = email or f"{self.user}@kamtui"

    def args(self) -> list[str]:
        return ["-c", f"user.name={self.user}", "-c", f"user.email={self.email or f'{self.user}@kamtui'}"]


def _merge(repo: Path, ident: _Identity, head: str | None) -> str | None:
    """Merge what the others pushed (the fetch brought it); plan files go through the
    driver. A conflict the driver wrote as `[[conflicts]]` entries is committed like that
    (the import stops those records and shows both values); anything git itself could not
    merge stops the sync unmerged. Returns the commit merged to."""
    done = git(repo, *ident.args(), "merge", "--no-edit", "@{u}", check=False, env={"LC_ALL": "C"})
    if done.returncode == 0:
        if "Already up to date" in done.stdout:  # only this side has new commits
            return head
        return gitrepo.commits(repo, "HEAD")[0]
    unmerged = git(repo, "diff", "--name-only", "--diff-filter=U").stdout.splitlines()
    if not unmerged:
        raise SyncError("sync.git_failed", command="merge", repo=repo, why=gitrepo.why(done))
    unreadable = [p for p in unmerged if not _driver_wrote(repo / p)]
    if unreadable:
        git(repo, "merge", "--abort", check=False)
        raise SyncError("sync.unmerged", file=unreadable[0], repo=repo)
    git(repo, "add", "--", *unmerged)
    git(repo, *ident.args(), "commit", "-q", "--no-edit")
    return gitrepo.commits(repo, "HEAD")[0]


def _driver_wrote(path: Path) -> bool:
    """The file is a plan file (the driver's result, conflicts as entries), not git's markers."""
    from kamtui.services.plans.parse import parse_source, read_path

    if path.suffix != ".toml" or not path.is_file():
        return False
    sources, problems = read_path(path)
    if problems:
        return False
    return not parse_source(sources[0])[1]


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

        say(f"importing {len(files)} files")
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


def merge_authors(repo: Path, path: str) -> tuple[str | None, str | None]:
    """Who last changed `path` on each side of the merge git is running (None: unknown)."""
    def last(rev: str) -> str | None:
        done = git(repo, "log", "-1", "--no-merges", "--format=%an", rev, "--", path, check=False)
        return (done.stdout.strip() or None) if done.returncode == 0 else None

    # git writes MERGE_HEAD only once the merge stops; a pull has fetched the other side
    for other in ("MERGE_HEAD", "FETCH_HEAD"):
        if git(repo, "rev-parse", "-q", "--verify", other, check=False).returncode == 0:
            return last("HEAD"), last(other)
    return last("HEAD"), None


def remembered_repo(ctx: Context) -> str | None:
    """The clone this workspace syncs with, as the last `--repo` named it."""
    return sync_base.option(ctx.ws.conn, "sync_repo")


def remember_repo(ctx: Context, repo: Path) -> None:
    _set(ctx, sync_repo=str(repo))
