"""User data reaches the screen only through these: literal, never markup, no control chars."""

from __future__ import annotations

import re

from rich.text import Text
from textual.content import Content

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(value: object) -> str:
    """Text with terminal control characters removed (data from the store is clean already;
    this guards anything else that might reach the screen)."""
    return _CONTROL.sub("", str(value))


def plain(value: object) -> Content:
    """User data as Content: shown exactly as typed, never interpreted as markup."""
    return Content(safe(value))


def rich_plain(value: object, style: str = "") -> Text:
    """User data as a rich Text (for DataTable cells and Tree labels)."""
    return Text(safe(value), style=style)


def fill(template: str, **values: object) -> Content:
    """An interface string with user data in it: `template` is ours; values stay literal."""
    return Content.from_markup(template, **{k: safe(v) for k, v in values.items()})
