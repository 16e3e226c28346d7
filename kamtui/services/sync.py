"""Working alongside other people on one workspace: noticing their changes, and saving over
a record they changed (or deleted) since it was read.

- `data_version(ctx)` changes whenever another connection commits (a pragma: microseconds),
  so a screen can poll it and re-read only when something happened.
- A form's save is a `submit(data)` callable that calls some service, which builds the
  record from the one the form was opened on and saves it with `tx.update`; that raises
  ConflictError when the stored version moved. `capture(ctx, submit)` learns what a submit
  would save without saving it (the form's values at open, in the record's own terms), and
  `rebased(ctx, Rebase(...))` runs the same submit again so that its save of that record goes
  over the newer version: mine merged onto theirs, or re-created when it was deleted.
  Neither needs the form's submit (or the services behind it) to know about conflicts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kamtui.domain.merge import resolve
from kamtui.errors import KamtuiError
from kamtui.store import fileinfo
from kamtui.store.file_checks import reading

if TYPE_CHECKING:  # every screen polls data_version: this module stays light to import
    from pydantic import BaseModel

    from kamtui.services.context import Context


def data_version(ctx: Context) -> int:
    """A number that changes when another connection (process) commits to the workspace."""
    with reading(ctx.ws.path):
        return ctx.ws.data_version()


def change_stamp(ctx: Context) -> tuple[int, int]:
    """Equal stamps: nothing was written to the workspace in between, by anyone."""
    with reading(ctx.ws.path):
        return ctx.ws.change_stamp()


def read_only_reason(ctx: Context) -> str:
    """Why nothing can be saved: "permission" (file or folder not writable here), "network"
    (a network filesystem nobody stated one machine alone writes to) or "asked" (opened
    read-only on purpose); "" when the workspace is writable."""
    if not ctx.read_only:
        return ""
    if getattr(ctx.ws, "read_only_reason", "") == "network":
        return "network"
    return "asked" if fileinfo.writable(ctx.ws.path) else "permission"


def record_values(record: BaseModel) -> dict[str, Any]:
    """A record's values as compared and merged: JSON-like, without its version."""
    values = record.model_dump(mode="json")
    values.pop("version", None)
    return values


@dataclass(frozen=True)
class Rebase:
    """How to save one record again after a ConflictError.

    The submit still builds the record from the version the form was opened on
    (`seen_version`); its save is redirected: with `version` None the record is inserted
    again (it was deleted), else `resolve(base, mine, theirs, keep, pinned)` is saved over
    stored `version` — mine being what the submit built now. Another change meanwhile raises
    a new ConflictError, whose `base_version` is `version`.
    """

    entity: str
    entity_id: str
    seen_version: int
    version: int | None
    base: dict[str, Any] | None = None
    theirs: dict[str, Any] | None = None
    keep: frozenset[str] = frozenset()
    pinned: dict[str, Any] = field(default_factory=dict)

    def targets(self, record: BaseModel, base_version: int | None) -> bool:
        from kamtui.store.tables import identity

        return (base_version is None and getattr(record, "version", None) == self.seen_version
                and identity(record) == (self.entity, self.entity_id))

    def rebuild(self, record: BaseModel) -> BaseModel:
        mine = record_values(record)
        if self.version is None:
            return type(record).model_validate({**mine, "version": 0})
        values = resolve(self.base, mine, self.theirs or {}, self.keep, self.pinned)
        return type(record).model_validate({**values, "version": self.version})


class _RebasingTx:
    """The real transaction, but the one targeted save goes where the Rebase says."""

    def __init__(self, tx: Any, rebase: Rebase):
        self._tx = tx
        self._rebase = rebase

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tx, name)

    def update(self, obj: Any, *, base_version: int | None = None) -> Any:
        return self._save(obj, base_version, self._tx.update)

    def save_settings(self, settings: Any, *, base_version: int | None = None) -> Any:
        return self._save(settings, base_version, self._tx.save_settings)

    def _save(self, obj: Any, base_version: int | None, save: Callable[..., Any]) -> Any:
        r = self._rebase
        if not r.targets(obj, base_version):
            return save(obj, base_version=base_version)
        new = r.rebuild(obj)
        if r.version is None:
            return self._tx.insert(new)
        return save(new, base_version=r.version)


class _Captured(BaseException):
    """Carries the record a submit tried to save out of it (BaseException: no service's
    `except Exception` may swallow it)."""

    def __init__(self, record: BaseModel | None):
        super().__init__()
        self.record = record


class _CapturingTx:
    def __init__(self, ctx: Context):
        self.db = ctx.db  # services may read through the transaction before they save
        self.who = ctx.user

    def update(self, obj: BaseModel, **_: Any) -> Any:
        raise _Captured(obj)

    save_settings = update
    insert = update
    upsert = update

    def __getattr__(self, name: str) -> Any:
        raise _Captured(None)  # some other write first: nothing to learn from it


@contextmanager
def _writes(ctx: Context, opener: Callable[[], Any]) -> Iterator[None]:
    # Context offers no hook for this, so for the length of one call on the UI thread the
    # context's own `write` is shadowed by an instance attribute, and always restored.
    ctx.write = opener  # type: ignore[method-assign]
    try:
        yield
    finally:
        del ctx.write


@contextmanager
def rebased(ctx: Context, rebase: Rebase) -> Iterator[None]:
    """Within this block, writes through `ctx` apply `rebase` to the record it names."""

    @contextmanager
    def opener() -> Iterator[Any]:
        with type(ctx).write(ctx) as tx:
            yield _RebasingTx(tx, rebase)

    with _writes(ctx, opener):
        yield


def capture(ctx: Context, submit: Callable[[], Any]) -> dict[str, Any] | None:
    """The values (see `record_values`) of the record `submit` would save, saving nothing;
    None when it would not save a record or refuses (invalid input…)."""

    @contextmanager
    def opener() -> Iterator[Any]:
        yield _CapturingTx(ctx)

    with _writes(ctx, opener):
        try:
            submit()
        except _Captured as got:
            return record_values(got.record) if got.record is not None else None
        except KamtuiError:
            return None
    return None
