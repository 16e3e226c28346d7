"""The sync's two threads beside git: the workspace's quick_check (nothing is written or
pushed before it passed) and the loading of the import's code."""

from __future__ import annotations

import threading
from typing import Any

from kamtui.store.background_check import BackgroundCheck


class Verifying:
    """The workspace's quick_check in a thread, on a second connection (the sync reads on its
    own meanwhile): `early`'s, when the caller started it, else one started here. `wait()`
    before the first write raises the damage it found (and marks the check `failed`)."""

    def __init__(self, ws: Any, early: BackgroundCheck | None = None):
        self.ws = ws
        self.found: str | None = None
        self.failed = False
        self.clone_start: tuple[str | None] | None = None  # the clone's HEAD, once found clean
        self._early = early
        self._thread: threading.Thread | None = None
        if ws.verified:
            self.stop()
        elif early is None:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()

    def _run(self) -> None:
        from kamtui.services.workspaces import integrity

        self.found = integrity(self.ws)

    def wait(self) -> None:
        if self._early is not None:
            found = self._early.wait()
            self._early = None
            if found is None:  # it could not read the file on its own connection
                self._run()
            else:
                self.found = found
                self.ws.verified = found == "ok"
        elif self._thread is not None:
            self._thread.join()
            self._thread = None
        else:
            if self.failed:
                self._raise()
            return
        if self.found != "ok":
            self.failed = True
            self._raise()

    def _raise(self) -> None:
        from kamtui.errors import WorkspaceError
        from kamtui.services.workspaces import damage_message

        raise WorkspaceError(damage_message(self.ws, self.found or "not checked"))

    def stop(self) -> None:
        """Called off when the sync ended without writing (nothing to protect)."""
        if self._early is not None:
            self._early.cancel()
            self._early = None
        if self._thread is not None:
            from kamtui.services.workspaces import cancel_integrity

            cancel_integrity(self.ws)
            self._thread.join()
            self._thread = None


class Loader:
    """The import's code (and what its write needs: sqlite_utils, the summaries' rules) loaded
    in a thread while the sync waits for git or for the quick_check (both without the GIL).
    The main thread loads what it needs of the rest before it starts the thread, and uses what
    the thread loads only after `join()`; sqlite_utils alone (the records' bases are written
    through it) may be asked for by both, and then one waits for the other (Python's lock of
    that module; it imports nothing of kamtui's). Started at most once."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            # what the main thread may still import before it joins, loaded first by it
            from kamtui.services import files, workspaces  # noqa: F401
            from kamtui.services.plans import file_names  # noqa: F401

            self._thread = threading.Thread(target=_load_import, name="kamtui-load-import", daemon=True)
            self._thread.start()

    def join(self) -> None:
        if self._thread is not None:
            self._thread.join()


def _load_import() -> None:
    try:
        import sqlite_utils  # noqa: F401

        from kamtui.services.plans import import_, parse, toml_read  # noqa: F401
        from kamtui.store import summary  # noqa: F401

        toml_read.fast_loads()
    except Exception:  # noqa: BLE001 - the import itself meets it again and says it
        pass
