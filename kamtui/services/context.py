"""What every use case is built from: a workspace, today's date, and who is acting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from kamtui.errors import InputError
from kamtui.paths import current_user

if TYPE_CHECKING:  # the first screen reads through a Context: pydantic loads when a model does
    from pydantic import BaseModel

    from kamtui.store.workspace import Workspace
    from kamtui.store.writes import Tx

M = TypeVar("M", bound="BaseModel")


@dataclass
class Context:
    ws: Workspace
    today: dt.date = field(default_factory=dt.date.today)
    user: str = field(default_factory=current_user)

    def write(self) -> Any:
        from kamtui.store.writes import write

        return write(self.ws, who=self.user)

    @property
    def db(self):  # reads only: services hand this to the kamtui.store read modules
        return self.ws.db

    @property
    def read_only(self) -> bool:
        return self.ws.read_only

    def off_thread(self) -> "Context":
        """This context for reads in a worker thread: committed data only (see read_view)."""
        return Context(self.ws.read_view(), self.today, self.user)


def build(cls: type[M], data: dict[str, Any]) -> M:
    """Validate input into a model, or raise InputError naming every bad field."""
    from pydantic import ValidationError

    from kamtui.domain.validation import problems

    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        raise InputError(problems=problems(exc)) from None


def changed(obj: M, changes: dict[str, Any]) -> M:
    """A validated copy of `obj` with `changes` applied (same version: the update checks it)."""
    return build(type(obj), {**obj.model_dump(), **changes})


def save(tx: Tx, obj: M) -> M:
    return tx.update(obj)
