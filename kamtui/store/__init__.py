"""The workspace store: the only code that knows tables and SQL.

`Workspace`, `Tx` and `write` are loaded on first use: the write helper pulls in the pydantic
models, which the first screen does not need (see tests/test_startup.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kamtui.store.workspace import Workspace
    from kamtui.store.writes import Tx, write

__all__ = ["Workspace", "Tx", "write"]


def __getattr__(name: str) -> Any:
    if name == "Workspace":
        from kamtui.store.workspace import Workspace

        return Workspace
    if name in ("Tx", "write"):
        from kamtui.store import writes

        return getattr(writes, name)
    raise AttributeError(f"module 'kamtui.store' has no attribute {name!r}")
