"""A clone as `kamtui sync` uses it: set up to merge plan files with kamtui's driver, checked
before a sync starts, committed to under the kamtui user's name, and merged with what the
others pushed (git merges plan files through `kamtui merge-driver`)."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from pathlib import Path

from kamtui.services import gitrepo
from kamtui.services.gitrepo import SyncError, git

Progress = Callable[[str], None]
ATTRIBUTES = "*.toml merge=kamtui\n"
DRIVER_NAME = "kamtui plan files, merged record by record"
# The driver as this installation runs it (the clone's own config: no PATH needed).
DRIVER = f"{shlex.quote(sys.executable)} -m kamtui merge-driver %O %A %B %P"


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


def check_repo(repo: Path, asked: Callable[[], gitrepo.RepoState] | None = None) -> gitrepo.RepoState:
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


class Identity:
    """A sync's commits carry the kamtui user's name (their email from git's config, if
    any, read with the clone's state)."""

    def __init__(self, user: str, email: str | None):
        self.user, self.email = user, email

    def configured(self, email: str) -> None:
        if self.email is None:
            self.email = email or f"{self.user}@kamtui"

    def args(self) -> list[str]:
        return ["-c", f"user.name={self.user}", "-c", f"user.email={self.email or f'{self.user}@kamtui'}"]


class Commit:
    """The commit of what the export changed in the clone, started as soon as the files are
    written (the export then stores the records' bases while git commits)."""

    def __init__(self, repo: Path, ident: Identity, user: str, names: set[str], say: Progress):
        self.repo, self.ident, self.user, self.names, self.say = repo, ident, user, names, say
        self._started: gitrepo.Started | None = None
        self._all_known = False

    def start(self, written: list) -> None:
        """`written`: the files the export wrote. When the clone had each of them (it was
        clean, so each was committed), `commit -a` takes all of it without a `git add`."""
        self.say("committing")
        self._all_known = all(w.path.name in self.names for w in written)
        if not self._all_known:
            git(self.repo, "add", "-A")
        self._started = gitrepo.start(self.repo, *self.ident.args(), "commit", "-q",
                                      *(["-a"] if self._all_known else []), "-m", f"kamtui sync: {self.user}")

    def stop(self) -> None:
        """Waited for, whatever it did, without a word (the sync is failing for another reason)."""
        if self._started is not None:
            try:
                self._started.result(check=False)
            except SyncError:  # (no git to have run)
                pass

    def result(self) -> bool:
        """Whether it committed (False: the files were as they are, or nothing was written)."""
        if self._started is None:
            return False
        done = self._started.result(check=False)
        if done.returncode == 0:
            return True
        unchanged = (git(self.repo, "diff", "--quiet", "HEAD", check=False) if self._all_known
                     else git(self.repo, "diff", "--cached", "--quiet", check=False))
        if unchanged.returncode != 0:
            raise SyncError("sync.git_failed", command="commit", repo=self.repo, why=gitrepo.why(done))
        return False


def merge(repo: Path, ident: Identity, head: str | None) -> str | None:
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
    unreadable = [p for p in unmerged if not driver_wrote(repo / p)]
    if unreadable:
        git(repo, "merge", "--abort", check=False)
        raise SyncError("sync.unmerged", file=unreadable[0], repo=repo)
    git(repo, "add", "--", *unmerged)
    git(repo, *ident.args(), "commit", "-q", "--no-edit")
    return gitrepo.commits(repo, "HEAD")[0]


def driver_wrote(path: Path) -> bool:
    """The file is a plan file (the driver's result, conflicts as entries), not git's markers."""
    from kamtui.services.plans.parse import parse_source, read_path

    if path.suffix != ".toml" or not path.is_file():
        return False
    sources, problems = read_path(path)
    if problems:
        return False
    return not parse_source(sources[0])[1]


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


def put_back(repo: Path, head: str | None) -> None:
    """The clone as the sync found it (clean, at `head`): the commit and merge it made undone,
    the files it wrote restored or removed. Only for a sync that found the clone clean (it
    refuses any other), and only when the workspace's check failed: nothing was pushed."""
    if git(repo, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).returncode == 0:
        git(repo, "merge", "--abort", check=False)
    if head is None:  # a clone without a commit: none of its files was tracked
        git(repo, "update-ref", "-d", "HEAD", check=False)
        git(repo, "read-tree", "--empty")
    else:
        git(repo, "reset", "-q", "--hard", head)
    git(repo, "clean", "-fq")  # files the export added (the clone had no untracked ones)
