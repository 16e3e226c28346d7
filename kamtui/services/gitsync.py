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
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kamtui.errors import KamtuiError
from kamtui.messages import fill
from kamtui.services.context import Context
from kamtui.services.plans import export, import_
from kamtui.services.plans import format as fmt
from kamtui.services.plans.parse import read_path
from kamtui.services.plans.results import ImportResult
from kamtui.store import sync_base
from kamtui.store.sync_base import audit_mark, changed_since

ATTRIBUTES = "*.toml merge=kamtui\n"
DRIVER_NAME = "kamtui plan files, merged record by record"
# The driver as this installation runs it (the clone's own config: no PATH needed).
DRIVER = f"{shlex.quote(sys.executable)} -m kamtui merge-driver %O %A %B %P"
Progress = Callable[[str], None]
AUTHORS_MAX = 50  # files: above this the conflict lines do without git's authors


class SyncError(KamtuiError):
    """git refused, or the clone is not in a state a sync may start from."""


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


def git(repo: Path, *args: str, check: bool = True, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`git -C repo args`: output captured as text; a failure is one sentence."""
    try:
        done = subprocess.run(["git", "-c", "core.quotePath=off", "-C", str(repo), *args], capture_output=True, text=True,
                              env={**os.environ, "GIT_TERMINAL_PROMPT": "0", **(env or {})})
    except FileNotFoundError:
        raise SyncError("sync.no_git") from None
    if check and done.returncode != 0:
        raise SyncError("sync.git_failed", command=args[0], repo=repo, why=_why(done))
    return done


def _why(done: subprocess.CompletedProcess) -> str:
    """git's own reason, without its hints."""
    lines = [x.strip() for x in (done.stderr or done.stdout or "").splitlines()
             if x.strip() and not x.lstrip().startswith("hint:")]
    key = [x for x in lines if x.startswith(("error:", "fatal:", "!"))]
    return (key or lines or [f"exit status {done.returncode}"])[0].rstrip(".")


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


def _check_repo(repo: Path) -> None:
    if not repo.is_dir() or git(repo, "rev-parse", "--is-inside-work-tree", check=False).returncode != 0:
        raise SyncError("sync.not_a_clone", repo=repo)
    if git(repo, "config", "merge.kamtui.driver", check=False).stdout.strip() == "":
        raise SyncError("sync.no_driver", repo=repo)
    if git(repo, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).returncode == 0:
        raise SyncError("sync.mid_merge", repo=repo)
    dirty = git(repo, "status", "--porcelain", "--untracked-files=all").stdout.splitlines()
    if dirty:
        raise SyncError("sync.dirty", repo=repo, file=dirty[0][3:])


def _head(repo: Path) -> str | None:
    done = git(repo, "rev-parse", "-q", "--verify", "HEAD", check=False)
    return done.stdout.strip() or None


def _upstream(repo: Path) -> bool:
    return git(repo, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}", check=False).returncode == 0


def _has_remote(repo: Path) -> bool:
    return _upstream(repo) or bool(git(repo, "remote").stdout.split())


# -- the sync -----------------------------------------------------------------------------

def sync(ctx: Context, repo: Path, progress: Progress | None = None, *, email: str | None = None) -> SyncResult:
    say = progress or (lambda _msg: None)
    _check_repo(repo)
    result = SyncResult(remote=_has_remote(repo))
    head = _head(repo)
    mark = sync_base.option(ctx.db, "sync_commit")
    if head is not None and mark != head:
        say("catching up with the clone")
        _import_range(ctx, repo, mark, head, result, say)
    since = sync_base.option(ctx.db, "sync_audit")
    audit_now = audit_mark(ctx.db)
    accounts, team = changed_since(ctx.db, int(since) if since else None)
    in_clone = {fmt.account_id_of(p.name) for p in repo.glob("*.toml")}
    accounts += [a for a in export.all_account_ids(ctx) if a not in accounts and a not in in_clone]
    accounts += [a for _, _, a, c in sync_base.conflicts(ctx.db) if c == sync_base.RESOLVED and a and a not in accounts]
    team = team or not (repo / fmt.WORKSPACE_FILE).exists()
    if accounts or team:
        say(fill("exporting {n} changed {n|account|accounts}", "en", {"n": len(accounts)})
            + (" and the team" if team else ""))
        written = export.export_accounts(ctx, accounts, repo, with_workspace=team)
        result.exported = len(written)
    git(repo, "add", "-A")
    if git(repo, "diff", "--cached", "--quiet", check=False).returncode != 0:
        say("committing")
        git(repo, *_identity(ctx, repo, email), "commit", "-q", "-m", f"kamtui sync: {ctx.user}")
        result.committed = True
    _set(ctx, "sync_audit", str(audit_now))
    for attempt in range(3):
        if result.remote:
            before = _head(repo)
            if _upstream(repo):
                say("pulling")
                _pull(ctx, repo, email)
                result.pulled = True
            after = _head(repo)
            if after != before:
                _import_range(ctx, repo, before, after, result, say)
            else:
                _set(ctx, "sync_commit", after)
            say("pushing")
            first = [] if _upstream(repo) else ["-u", git(repo, "remote").stdout.split()[0], "HEAD"]
            pushed = git(repo, "push", "-q", *first, check=False)
            if pushed.returncode == 0:
                result.pushed = True
                break
            if attempt == 2:
                raise SyncError("sync.git_failed", command="push", repo=repo, why=_why(pushed))
        else:
            _set(ctx, "sync_commit", _head(repo))
            break
    return result


def _identity(ctx: Context, repo: Path, email: str | None) -> list[str]:
    """The commit carries the kamtui user's name (their email from git's config, if any)."""
    mail = email or git(repo, "config", "user.email", check=False).stdout.strip() or f"{ctx.user}@kamtui"
    return ["-c", f"user.name={ctx.user}", "-c", f"user.email={mail}"]


def _pull(ctx: Context, repo: Path, email: str | None) -> None:
    """Merge what the others pushed; plan files go through the driver. A conflict the driver
    wrote as `[[conflicts]]` entries is committed like that (the import stops those records
    and shows both values); anything git itself could not merge stops the sync unmerged."""
    ident = _identity(ctx, repo, email)
    done = git(repo, *ident, "pull", "-q", "--no-rebase", "--no-edit", check=False)
    if done.returncode == 0:
        return
    unmerged = git(repo, "diff", "--name-only", "--diff-filter=U").stdout.splitlines()
    if not unmerged:
        raise SyncError("sync.git_failed", command="pull", repo=repo, why=_why(done))
    unreadable = [p for p in unmerged if not _driver_wrote(repo / p)]
    if unreadable:
        git(repo, "merge", "--abort", check=False)
        raise SyncError("sync.unmerged", file=unreadable[0], repo=repo)
    git(repo, "add", "--", *unmerged)
    git(repo, *ident, "commit", "-q", "--no-edit")


def _driver_wrote(path: Path) -> bool:
    """The file is a plan file (the driver's result, conflicts as entries), not git's markers."""
    if path.suffix != ".toml" or not path.is_file():
        return False
    sources, problems = read_path(path)
    if problems:
        return False
    from kamtui.services.plans.parse import parse_source

    return not parse_source(sources[0])[1]


def _import_range(ctx: Context, repo: Path, start: str | None, end: str, result: SyncResult, say: Progress) -> None:
    """Import the plan files that changed between two commits (all of them from nothing)."""
    if start is None or git(repo, "cat-file", "-e", f"{start}^{{commit}}", check=False).returncode != 0:
        names = git(repo, "ls-tree", "-r", "--name-only", end).stdout.splitlines()
    else:
        names = git(repo, "diff", "--name-only", "--no-renames", "--diff-filter=AMR", start, end).stdout.splitlines()
    files = sorted(n for n in names if n.endswith(".toml") and "/" not in n and (repo / n).is_file()
                   and (n == fmt.WORKSPACE_FILE or fmt.account_id_of(n)))
    if files:
        say(f"importing {len(files)} files")
        sources, problems = [], []
        for name in files:
            found, trouble = read_path(repo / name)
            sources += found
            problems += trouble
        by = _authors(repo, start, end, files) if len(files) <= AUTHORS_MAX else {}
        result.imports.append(import_.import_sources(ctx, sources, problems=problems, file_by=by))
    _set(ctx, "sync_commit", end)


def _authors(repo: Path, start: str | None, end: str, files: list[str]) -> dict[str, str]:
    """Who last changed each file in the range (the names a conflict line gives the file's side)."""
    span = f"{start}..{end}" if start else end
    out = {}
    for name in files:
        who = git(repo, "log", "-1", "--no-merges", "--format=%an", span, "--", name, check=False).stdout.strip()
        if who:
            out[name] = who
    return out


def _set(ctx: Context, key: str, value: str | None) -> None:
    with ctx.write() as tx:
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
    return sync_base.option(ctx.db, "sync_repo")


def remember_repo(ctx: Context, repo: Path) -> None:
    _set(ctx, "sync_repo", str(repo))
