"""The workspace store: the only code that knows tables and SQL."""

from kamtui.store.workspace import Workspace
from kamtui.store.writes import Tx, write

__all__ = ["Workspace", "Tx", "write"]
