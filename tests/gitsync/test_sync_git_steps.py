"""The git side of a sync with fewer processes (issue 18, point 8): the clone's settings come
from one `git config`, as the separate commands read them; a commit after an export that
wrote no new file goes without `git add` and still takes all of it (a rename: a new file and
a removed one, the rename's commit has both)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from sites import git, two_sites

from kamtui.services import gitrepo


def _clone(tmp_path: Path) -> Path:
    repo = tmp_path / "clone"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return repo


def test_one_git_config_reads_what_the_separate_commands_read(tmp_path):
    repo = _clone(tmp_path)
    config = repo / ".git" / "config"
    # a section spelled in capitals, a remote whose name holds dots, an email given twice
    config.write_text(config.read_text() + (
        '[User]\n\temail = first@example.org\n'
        '[merge "kamtui"]\n\tdriver = kamtui merge-driver %O %A %B %P\n'
        '[remote "team.site-b"]\n\turl = /nowhere/b.git\n'
        '[remote "origin"]\n\tpushurl = /nowhere/a.git\n'
        '[user]\n\temail = second@example.org\n'))
    found = gitrepo.state(repo)
    separate = {
        "driver": git(repo, "config", "merge.kamtui.driver").strip(),
        "email": git(repo, "config", "user.email").strip(),
        "remotes": git(repo, "remote").split(),
    }
    assert separate == {"driver": "kamtui merge-driver %O %A %B %P", "email": "second@example.org",
                        "remotes": ["origin", "team.site-b"]}
    assert {"driver": found.driver, "email": found.email, "remotes": found.remotes} == separate


def test_a_clone_without_the_settings_has_none(tmp_path):
    repo = _clone(tmp_path)
    found = gitrepo.state(repo)
    assert found.is_clone and found.driver == "" and found.remotes == []
    assert not gitrepo.state(tmp_path / "missing").is_clone


def test_a_rename_is_committed_whole_and_an_edit_without_git_add(tmp_path, demo_file):
    a, _b, _ = two_sites(tmp_path, demo_file)
    account = a.account("Harbourline")
    a.update(account, industry="Edited: the clone had this file")
    done = a.sync()
    assert done.returncode == 0, done.stderr
    assert git(a.clone, "status", "--porcelain") == ""
    changed = git(a.clone, "log", "--no-merges", "-1", "--name-status", "--format=").split()
    assert changed[0] == "M" and account.id in changed[1]
    old = {p.name for p in a.clone.glob("*.toml")}
    a.update(a.account("Harbourline"), short_name="Harbour2")
    done = a.sync()
    assert done.returncode == 0, done.stderr
    assert git(a.clone, "status", "--porcelain") == ""  # nothing left behind, untracked or removed
    new = {p.name for p in a.clone.glob("*.toml")}
    gone, came = old - new, new - old
    assert len(gone) == 1 and len(came) == 1 and account.id in next(iter(came))
    tracked = set(git(a.clone, "ls-files").split())
    assert came <= tracked and not gone & tracked
