"""The one error family the CLI turns into a single line and a non-zero exit.

Every error is a code of kamtui.message_catalogue with its parameters: `str(exc)` is the
English sentence (the CLI, logs), `exc.message(lang)` the sentence in the reader's language.
"""

from __future__ import annotations

from typing import Any

from kamtui import safe_text
from kamtui.messages import Message, say


class KamtuiError(Exception):
    """An expected failure with a message meant for the user (one sentence).

    Messages name records ("No account named …"), so they read through the output filter:
    the CLI prints them and screens show them, whoever wrote the name into the file.
    """

    exit_code = 1

    def __init__(self, code: str | Message, /, **params: Any):
        if isinstance(code, Message):  # an error that says a message made elsewhere
            code, params = code.code, {**code.params, **params}
        super().__init__(code)
        self.code = code
        self.params = params

    @classmethod
    def saying(cls, message: Message, **extra: Any) -> "KamtuiError":
        """This error with the code and parameters of `message`."""
        return cls(message.code, **message.params, **extra)

    def message(self, lang: str = "en") -> str:
        return safe_text.line(say(self.code, lang, **self.params))

    def __str__(self) -> str:
        return self.message("en")

    def __reduce__(self) -> tuple:  # pickles whole (subclasses' __init__ differ)
        return (_restored, (type(self), self.__dict__.copy()))


class WorkspaceError(KamtuiError):
    """The workspace file cannot be used: missing, foreign, corrupt, newer, locked."""


class ReadOnlyError(WorkspaceError):
    """A write was attempted on a workspace opened read-only."""


class WorkspaceChangedError(WorkspaceError):
    """The file under an open window was deleted or replaced: nothing was saved; `reopened`
    says whether the workspace now at its path was opened in its place."""

    def __init__(self, code: str | Message, /, reopened: bool, **params: Any):
        super().__init__(code, **params)
        self.reopened = reopened


class BusyError(WorkspaceError):
    """Another process held the write lock longer than the busy timeout."""


class NotFoundError(KamtuiError):
    """A record that was asked for does not exist (or was deleted meanwhile)."""


Problem = tuple[str, Message]  # (field path, or a Message naming a place in a file; what is wrong there)


class InputError(KamtuiError):
    """User input that does not validate; `problems` lists (field path, Message).

    Built from its problems alone (`InputError(problems=[...])`), its sentence lists them:
    "name: an account with this name exists already"."""

    def __init__(self, code: str | Message = "input.problems", /, problems: list[Problem] | None = None,
                 **params: Any):
        super().__init__(code, **params)
        self.problems: list[Problem] = []
        for where, what in problems or []:
            if not isinstance(what, Message):
                raise TypeError(f"a problem is a Message (a code), not {what!r}")
            self.problems.append((where if isinstance(where, Message) else safe_text.line(where), what))

    @classmethod
    def at(cls, field: str, code: str, /, **params: Any) -> "InputError":
        """One field's problem."""
        return cls(problems=[(field, Message(code, **params))])

    def message(self, lang: str = "en") -> str:
        if self.code == "input.problems":
            colon, sep = ("：", "；") if lang == "zh" else (": ", "; ")
            return safe_text.line(sep.join(f"{where}{colon}{what.text(lang)}" for where, what in self.problems))
        return super().message(lang)


class ConflictError(KamtuiError):
    """Someone else changed (or deleted) the record since it was read.

    `stored` is the row as it is now (None when it was deleted), `attempted` the
    values this writer tried to save, `base_version` the version it had read.
    """

    def __init__(
        self,
        entity: str,
        entity_id: str,
        base_version: int,
        stored: dict[str, Any] | None,
        attempted: dict[str, Any],
        stored_by: str | None = None,
        stored_at: str | None = None,
    ):
        code = "record.deleted_meanwhile" if stored is None else "record.changed_meanwhile"
        super().__init__(code, entity=entity_name(entity))
        self.entity = entity
        self.entity_id = entity_id
        self.base_version = base_version
        self.stored = stored
        self.attempted = attempted
        self.stored_by = stored_by
        self.stored_at = stored_at


def _restored(cls: type[KamtuiError], state: dict[str, Any]) -> KamtuiError:
    exc = cls.__new__(cls)
    Exception.__init__(exc, state.get("code"))
    exc.__dict__.update(state)
    return exc


def entity_name(entity: str) -> Message:
    """What a table's record is called ("person link" -> "relationship" / "人员关系")."""
    return Message(f"entity.{entity.replace(' ', '_')}")
