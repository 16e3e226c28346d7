"""git as `kamtui sync` drives it: a command run to its end, or started to run beside the
sync's own work (the fetch, the clone's state); the clone's state read by commands started
together; who changed which file, and which files a range of commits changed, in one `git log`, asked only when wanted.

This module loads nothing but the standard library: a sync that finds nothing to do never
loads the plan services.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kamtui.errors import KamtuiError

TIMEOUT = 600  # seconds: a git command that hangs longer (a network that never answers) fails


class SyncError(KamtuiError):
    """git refused, or the clone is not in a state a sync may start from."""


def _command(repo: Path, args: tuple[str, ...]) -> list[str]:
    return ["git", "-c", "core.quotePath=off", "-C", str(repo), *args]


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    return {**os.environ, "GIT_TERMINAL_PROMPT": "0", **(extra or {})}


class Started:
    """A git command running in the background; `result()` waits for it (a failure is the
    same one sentence as `git`'s)."""

    def __init__(self, repo: Path, args: tuple[str, ...], env: dict[str, str] | None = None):
        self.repo, self.args = repo, args
        try:
            self._proc: subprocess.Popen | None = subprocess.Popen(
                _command(repo, args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(env))
        except FileNotFoundError:
            self._proc = None
        self._done: subprocess.CompletedProcess | None = None

    def result(self, check: bool = True) -> subprocess.CompletedProcess:
        if self._done is None:
            if self._proc is None:
                raise SyncError("sync.no_git")
            try:
                out, err = self._proc.communicate(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.communicate()
                raise SyncError("sync.git_timeout", command=self.args[0], seconds=TIMEOUT, repo=self.repo) from None
            self._done = subprocess.CompletedProcess(self._proc.args, self._proc.returncode, out, err)
        if check and self._done.returncode != 0:
            raise SyncError("sync.git_failed", command=self.args[0], repo=self.repo, why=why(self._done))
        return self._done

    def stop(self) -> None:
        """Ended, whatever it was doing (a sync that stops early leaves no git behind)."""
        if self._proc is not None and self._done is None:
            if self._proc.poll() is None:
                self._proc.terminate()
            try:
                self.result(check=False)
            except SyncError:
                pass


def start(repo: Path, *args: str, env: dict[str, str] | None = None) -> Started:
    return Started(repo, args, env)


def git(repo: Path, *args: str, check: bool = True, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`git -C repo args`: output captured as text; a failure is one sentence."""
    return Started(repo, args, env).result(check)


def why(done: subprocess.CompletedProcess) -> str:
    """git's own reason, without its hints."""
    lines = [x.strip() for x in (done.stderr or done.stdout or "").splitlines()
             if x.strip() and not x.lstrip().startswith("hint:")]
    key = [x for x in lines if x.startswith(("error:", "fatal:", "!"))]
    return (key or lines or [f"exit status {done.returncode}"])[0].rstrip(".")


@dataclass
class RepoState:
    """What a sync needs to know of a clone before it starts, from commands run together."""

    is_clone: bool
    git_dir: Path | None = None
    driver: str = ""  # merge.kamtui.driver in the clone's config
    head: str | None = None  # None: no commit yet
    upstream: str | None = None  # the branch's upstream, as configured ("origin/main")
    remotes: list[str] = field(default_factory=list)
    dirty: list[str] = field(default_factory=list)  # paths with changes not committed
    email: str = ""  # user.email in git's config ("" when unset)

    @property
    def merging(self) -> bool:
        return self.git_dir is not None and (self.git_dir / "MERGE_HEAD").exists()

    @property
    def has_remote(self) -> bool:
        return bool(self.upstream or self.remotes)


def state(repo: Path) -> RepoState:
    return start_state(repo)()


# The settings a sync reads, in one `git config` (each a process less): the merge driver, the
# user's email for the commits, and the remotes (`git remote` lists a remote by any setting of
# its section; a remote's name may hold dots: it runs to the last one).
_CONFIG = r"^(merge\.kamtui\.driver|user\.email|remote\..+\.[^.]+)$"


def start_state(repo: Path) -> Callable[[], RepoState]:
    """The commands that tell the clone's state, started; calling the result waits for them
    (the caller does its own work meanwhile)."""
    if not repo.is_dir():
        return lambda: RepoState(False)
    asked = [start(repo, "rev-parse", "--absolute-git-dir"), start(repo, "config", "-z", "--get-regexp", _CONFIG),
             start(repo, "status", "--porcelain=v2", "--branch", "--untracked-files=all")]
    return lambda: _state(repo, *asked)


def _state(repo: Path, where: Started, config: Started, status: Started) -> RepoState:
    found = where.result(check=False)
    rest = [config.result(check=False), status.result(check=False)]
    if found.returncode != 0:
        return RepoState(False)
    out = RepoState(True, Path(found.stdout.strip()))
    _read_config(rest[0].stdout, out)
    if rest[1].returncode != 0:
        raise SyncError("sync.git_failed", command="status", repo=repo, why=why(rest[1]))
    for line in rest[1].stdout.splitlines():
        if line.startswith("# branch.oid "):
            oid = line.split(" ", 2)[2]
            out.head = None if oid == "(initial)" else oid
        elif line.startswith("# branch.upstream "):
            out.upstream = line.split(" ", 2)[2]
        elif line and not line.startswith("#"):
            out.dirty.append(_status_path(line))
    return out


def _read_config(text: str, out: RepoState) -> None:
    """`git config -z --get-regexp` output (key, newline, value, NUL each): the last value of a
    key wins, as `git config KEY` answers. Section and variable names are compared ignoring
    case, as git does (it prints them as the file spells them); a subsection is exact."""
    for entry in text.split("\0"):
        key, _, value = entry.partition("\n")
        section, _, rest = key.partition(".")
        sub, _, var = rest.rpartition(".")
        section, var = section.lower(), var.lower()
        if (section, sub, var) == ("merge", "kamtui", "driver"):
            out.driver = value.strip()
        elif (section, sub, var) == ("user", "", "email"):
            out.email = value.strip()
        elif section == "remote" and sub and sub not in out.remotes:
            out.remotes.append(sub)
    out.remotes.sort()  # as `git remote` lists them


def _status_path(line: str) -> str:
    """The path of one entry of `git status --porcelain=v2` (a rename's new path)."""
    kind = line[:1]
    fields = {"1": 8, "2": 9, "u": 10}.get(kind, 1)
    path = line.split(" ", fields)[-1]
    return path.split("\t", 1)[0]


def commits(repo: Path, *revs: str) -> list[str | None]:
    """The commit each revision names (None where it names none): one command when all do."""
    done = git(repo, "rev-parse", *revs, check=False)
    lines = done.stdout.split()
    if done.returncode == 0 and len(lines) == len(revs):
        return list(lines)
    return [_one(repo, r) for r in revs]


def _one(repo: Path, rev: str) -> str | None:
    done = git(repo, "rev-parse", "-q", "--verify", f"{rev}^{{commit}}", check=False)
    return done.stdout.strip() or None


def changed_files(repo: Path, start_rev: str, end: str) -> list[str]:
    """The files added or changed between two commits (a rename: the new name)."""
    return git(repo, "diff", "--name-only", "--no-renames", "--diff-filter=AMR", start_rev, end).stdout.splitlines()


class Authors(Mapping[str, str]):
    """Who last changed each of `files` in `span` (a revision range): asked of git (one `git
    log`) only when someone wants to know, which an import does only for a conflict."""

    def __init__(self, repo: Path, span: str, files: list[str]):
        self.repo, self.span, self.files = repo, span, files
        self._by: dict[str, str] | None = None

    def _known(self) -> dict[str, str]:
        if self._by is None:
            self._by = {}
            if self.files:
                done = git(self.repo, "log", "--no-merges", "--no-renames", "--format=%x00%an", "--name-only",
                           self.span, "--", *self.files, check=False)
                who = ""
                for line in done.stdout.splitlines():
                    if line.startswith("\x00"):
                        who = line[1:]
                    elif line and who and line not in self._by:
                        self._by[line] = who
        return self._by

    def __getitem__(self, name: str) -> str:
        return self._known()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._known())

    def __len__(self) -> int:
        return len(self._known())


class LastAuthors(Mapping[str, str]):
    """Who last committed each file of `folder` (by name), where the folder is in a git clone
    and the file is as committed there; asked of git only for the names someone asks about,
    which an import does only for a conflict (the app's import of a clone's plan files)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._by: dict[str, str | None] = {}

    def _ask(self, name: str) -> str | None:
        try:
            done = git(self.folder, "log", "-1", "--format=%an", "--", name, check=False)
            if done.returncode != 0 or not done.stdout.strip():
                return None  # not in a clone, or never committed
            if git(self.folder, "diff", "--quiet", "HEAD", "--", name, check=False).returncode != 0:
                return None  # changed since it was committed: by whoever has this folder
        except SyncError:  # no git here
            return None
        return done.stdout.strip()

    def __getitem__(self, name: str) -> str:
        if name not in self._by:
            self._by[name] = self._ask(name)
        who = self._by[name]
        if who is None:
            raise KeyError(name)
        return who

    def __iter__(self) -> Iterator[str]:
        return iter([k for k, v in self._by.items() if v is not None])

    def __len__(self) -> int:
        return sum(v is not None for v in self._by.values())
