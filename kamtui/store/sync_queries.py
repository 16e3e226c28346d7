"""How a record is named in ConflictError (entity, entity_id), for matching a save to a conflict."""

from __future__ import annotations

from pydantic import BaseModel

from kamtui.domain.models import Settings
from kamtui.store.tables import TABLES


def identity(record: BaseModel) -> tuple[str, str]:
    """("person", "<id>"), ("layer target", "<account>:<layer>"), ("settings", "1"): the
    names `Tx.update` / `Tx.save_settings` give the record in a ConflictError."""
    if isinstance(record, Settings):
        return "settings", "1"
    table = TABLES.get(type(record))
    if table is None:
        return type(record).__name__, ""
    key = table.key_of(record)
    return table.name.replace("_", " "), ":".join(str(v) for v in key.values())
