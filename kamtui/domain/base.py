"""The strict model base and the text hygiene every model field goes through."""

from __future__ import annotations

import re
import uuid
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict
from pydantic_core import PydanticCustomError

from kamtui import safe_text
from kamtui.messages import say

NAME_MAX = 200
NOTE_MAX = 10_000


def clean_text(value: object) -> object:
    """Drop the characters safe_text names unsafe and trim; leave non-strings to the type check."""
    if isinstance(value, str):
        return safe_text.text(value).strip()
    return value


def clean_line(value: object) -> object:
    """Like clean_text, and fold tabs/newlines into a space: names are one line."""
    if isinstance(value, str):
        return safe_text.line(value).strip()
    return value


def invalid(code: str, field: str = "", **params: object) -> PydanticCustomError:
    """A validation error by its message code (kamtui.message_catalogue): validation.problems()
    reports it on `field` below the model (a model-level check names the field it is about)."""
    english = say(code, "en", **params).replace("{", "{{").replace("}", "}}")
    return PydanticCustomError(KAMTUI_ERROR, english, {"code": code, "field": field, **params})


KAMTUI_ERROR = "kamtui"  # the pydantic error type of invalid()


def _not_blank(value: str) -> str:
    if not value:
        raise invalid("value.blank")
    return value


Name = Annotated[str, Strict(), BeforeValidator(clean_line), Field(max_length=NAME_MAX), AfterValidator(_not_blank)]
ShortText = Annotated[str, Strict(), BeforeValidator(clean_line), Field(max_length=NAME_MAX)]
Note = Annotated[str, Strict(), BeforeValidator(clean_text), Field(max_length=NOTE_MAX)]
Id = Annotated[str, Strict(), Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
# One address (local@domain, no spaces), or none: what a contacts file or a form gives.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
# Digits with the punctuation phone numbers are written with (+86 21 5555-0101 ext. 12,
# 021-5555 0101 转 8012), or none.
_PHONE = re.compile(r"[+(]?[0-9][0-9 ()+./#*,;:xXextEXT转分机-]*")


def _email(value: str) -> str:
    if value and not _EMAIL.fullmatch(value):
        raise ValueError("not an e-mail address (like name@example.com)")
    return value


def _phone(value: str) -> str:
    if value and not _PHONE.fullmatch(value):
        raise ValueError("not a phone number (digits, spaces, + - ( ) . /)")
    return value


Email = Annotated[str, Strict(), BeforeValidator(clean_line), Field(max_length=NAME_MAX), AfterValidator(_email)]
Phone = Annotated[str, Strict(), BeforeValidator(clean_line), Field(max_length=60), AfterValidator(_phone)]
Rating4 = Annotated[int, Strict(), Field(ge=1, le=4)]
Rating5 = Annotated[int, Strict(), Field(ge=1, le=5)]
Importance = Annotated[int, Strict(), Field(ge=1, le=3)]
Amount = Annotated[float, Strict(), Field(ge=0, le=1e12)]
Version = Annotated[int, Strict(), Field(ge=0)]


def new_id() -> str:
    return uuid.uuid4().hex


class StrictModel(BaseModel):
    """Every domain model: unknown keys rejected, assignments validated."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False)
