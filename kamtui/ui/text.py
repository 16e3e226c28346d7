"""User data reaches the screen only through these: literal, never markup, through the one
output filter (kamtui.safe_text: no terminal controls, bidi controls or invisibles)."""

from __future__ import annotations

from textual.content import Content

from kamtui import safe_text
from kamtui.messages import plurals


def safe(value: object) -> str:
    """Text fit for the screen: the workspace may hold what another program wrote into it."""
    return safe_text.text(value)


def safe_line(value: object) -> str:
    """One line of it (table cells, painted segments): tabs and line breaks become a space."""
    return safe_text.line(value)


def plain(value: object) -> Content:
    """User data as Content: shown exactly as typed, never interpreted as markup."""
    return Content(safe_text.text(value))


def fill(template: str, **values: object) -> Content:
    """An interface string with user data in it: `template` is ours ($name placeholders, plural
    forms as in kamtui.messages: {n|file|files}); values stay literal."""
    return Content.from_markup(plurals(template, values), **{k: safe_text.text(v) for k, v in values.items()})
