"""One folder mounted twice through sshfs to 127.0.0.1, as two client machines would see one
server's folder: a private sshd (its own keys, config and port, started and stopped here) and two
sshfs mounts. `Unavailable` says in one sentence why a machine cannot do it (no /dev/fuse in an
unprivileged container, no sshfs or sshd, a mount refused), for the test to skip with.
"""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


class Unavailable(Exception):
    """FUSE mounts over ssh cannot be made here (the message says why)."""


@dataclass
class TwoMounts:
    share: Path  # the folder itself, on local disk
    first: Path  # its two sshfs mounts
    second: Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _needed() -> dict[str, str]:
    if not os.path.exists("/dev/fuse"):
        raise Unavailable("there is no /dev/fuse (an unprivileged container?)")
    tools = {}
    for name, other in (("sshfs", None), ("ssh-keygen", None), ("fusermount", "fusermount3"),
                        ("sshd", "/usr/sbin/sshd")):
        found = shutil.which(name) or (other and (shutil.which(other) or
                                                  (other if os.access(other, os.X_OK) else None)))
        if not found:
            raise Unavailable(f"{name} is not installed")
        tools[name] = found
    return tools


def _wait_for_port(port: int, sshd: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if sshd.poll() is not None:
            raise Unavailable(f"sshd did not start: {log.read_text(errors='replace').strip()[-300:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise Unavailable("sshd did not listen within 10 s")


class Mounts:
    """`with Mounts(tmp_path) as m:` m.first and m.second are mounts of m.share."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.sshd: subprocess.Popen | None = None
        self.mounted: list[Path] = []
        self.fusermount = "fusermount"

    def __enter__(self) -> TwoMounts:
        try:
            return self._start()
        except BaseException:
            self.__exit__(None, None, None)
            raise

    def _start(self) -> TwoMounts:
        tools = _needed()
        self.fusermount = tools["fusermount"]
        d = self.tmp / "sshd"
        d.mkdir()
        for key in ("host_key", "client_key"):
            subprocess.run([tools["ssh-keygen"], "-q", "-t", "ed25519", "-N", "", "-f", str(d / key)], check=True)
        (d / "authorized_keys").write_text((d / "client_key.pub").read_text())
        os.chmod(d / "authorized_keys", 0o600)
        if os.geteuid() == 0:
            os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # sshd's privilege separation folder
        port = _free_port()
        (d / "sshd_config").write_text("\n".join([
            f"Port {port}", "ListenAddress 127.0.0.1", f"HostKey {d / 'host_key'}",
            f"AuthorizedKeysFile {d / 'authorized_keys'}", f"PidFile {d / 'sshd.pid'}",
            "StrictModes no", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
            "PermitRootLogin prohibit-password", "UsePAM no", "Subsystem sftp internal-sftp", ""]))
        log = d / "sshd.log"
        # -D: in the foreground, so that this process is sshd and is stopped by its own id
        self.sshd = subprocess.Popen([tools["sshd"], "-D", "-f", str(d / "sshd_config"), "-E", str(log)])
        _wait_for_port(port, self.sshd, log)
        share = self.tmp / "share"
        share.mkdir()
        mounts = TwoMounts(share, self.tmp / "machine-a", self.tmp / "machine-b")
        for point in (mounts.first, mounts.second):
            point.mkdir()
            done = subprocess.run(
                [tools["sshfs"], "-p", str(port), "-o", f"IdentityFile={d / 'client_key'}",
                 "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                 f"{getpass.getuser()}@127.0.0.1:{share}", str(point)],
                capture_output=True, text=True, timeout=30)
            if done.returncode != 0:
                raise Unavailable(f"sshfs could not mount: {done.stderr.strip()[-300:]}")
            self.mounted.append(point)
        return mounts

    def __exit__(self, *exc: object) -> None:
        for point in reversed(self.mounted):
            subprocess.run([self.fusermount, "-u", "-z", str(point)], capture_output=True, timeout=30)
        self.mounted.clear()
        if self.sshd is not None and self.sshd.poll() is None:
            self.sshd.terminate()
            try:
                self.sshd.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.sshd.kill()
                self.sshd.wait()
