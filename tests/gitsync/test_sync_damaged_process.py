"""A real `kamtui sync` process on a damaged workspace (a page corrupted the way tests/trust
does): the export, its commit and the merge of what a teammate pushed may run in the clone
before the quick_check has answered, and the check then fails. The clone is put back exactly
where it was, nothing is pushed, the workspace is not touched, and the sync says the one
damaged-file sentence and exits 1 (docs/trust.md §2, docs/sync.md)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from damage import corrupt
from sites import git, two_sites


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def _tree(clone: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(clone.iterdir()) if p.is_file()}


def test_a_damaged_workspace_leaves_clone_remote_and_workspace_as_they_were(tmp_path, demo_file):
    a, b, remote = two_sites(tmp_path, demo_file)
    # a teammate's change waits in the remote: alice's sync would merge it
    b.update(b.account("Harbourline"), region="North, from bob")
    assert b.sync().returncode == 0
    # alice's own change: an export and a commit
    a.update(a.account("Harbourline"), industry="Banking, changed before the damage")
    # an index the export does not read: the export, the commit and the merge all run
    # before the failed check is met
    corrupt(a.workspace, "activity_owner", checkpoint=True)
    head = git(a.clone, "rev-parse", "HEAD").strip()
    remote_head = git(remote, "rev-parse", "HEAD").strip()
    files = _tree(a.clone)
    workspace = _digest(a.workspace.parent)

    done = a.sync()

    assert done.returncode == 1, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("kamtui: error:")]
    assert len(errors) == 1 and "is damaged" in errors[0], done.stderr
    assert "Traceback" not in done.stderr
    assert git(a.clone, "rev-parse", "HEAD").strip() == head
    assert git(a.clone, "status", "--porcelain", "--ignored") == ""
    assert _tree(a.clone) == files
    assert git(remote, "rev-parse", "HEAD").strip() == remote_head  # nothing pushed
    assert _digest(a.workspace.parent) == workspace
