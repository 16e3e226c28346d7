"""Saying things in the reader's language: codes with parameters, worded in English and 中文.

Services raise errors with a code and parameters (kamtui.errors); the CLI and the screens word
them here, in one catalogue (kamtui.message_catalogue), with plurals: `{n|account|accounts}`
picks the singular when the count `n` is 1 (a form may hold `{n}` itself). Chinese has no
plural, its measure words are in the sentence: "{n} 个客户".

Parameters are user data (names, paths) or facts (counts, SQLite's words): text goes through
the output filter, on one line; a Message inside a parameter is said in the same language;
a list is joined (", " / "、").

A leaf (stdlib only): the first screen and every layer use it.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Mapping
from typing import Any

from kamtui import safe_text
from kamtui.message_catalogue import CATALOGUE

# {n|one|many}: a form may hold placeholders ({n}), not braces of its own
_PLURAL = re.compile(r"\{(\w+)\|((?:[^{}|]|\{\w+\})*)\|((?:[^{}|]|\{\w+\})*)\}")


def plurals(template: str, values: Mapping[str, Any]) -> str:
    """`template` with each {n|one|many} replaced by the form the count `values[n]` asks for."""
    if "|" not in template:
        return template

    def pick(found: re.Match[str]) -> str:
        if found.group(1) not in values:
            return found.group()  # left for whoever fills the template later (fill, then Content)
        return found.group(2) if values[found.group(1)] == 1 else found.group(3)

    return _PLURAL.sub(pick, template)


def fill(template: str, lang: str, values: Mapping[str, Any], one_line: bool = True) -> str:
    """`template` (str.format placeholders, plural forms) with `values` filled in `lang`."""
    template = plurals(template, values)
    if not values:
        return template
    return template.format_map(_Values({k: _shown(v, lang, one_line) for k, v in values.items()}))


def say(code: str, lang: str = "en", /, **params: Any) -> str:
    """The catalogue's sentence for `code` in `lang` ("en" or "zh"), its parameters filled."""
    en, zh = CATALOGUE[code]
    return fill(zh if lang == "zh" else en, lang, params)


def known(code: str) -> bool:
    return code in CATALOGUE


class Message(str):
    """A sentence in English (what str() and comparisons see: logs, the CLI) that also keeps
    its code and parameters, so that a screen can say it in 中文: `text(lang)`."""

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, /, **params: Any) -> Message:
        self = super().__new__(cls, say(code, "en", **params))
        self.code = code
        self.params = params
        return self

    def text(self, lang: str) -> str:
        return say(self.code, lang, **self.params)

    def __reduce__(self) -> tuple:  # pickles (worker processes) as code and parameters
        return (_message, (self.code, self.params))


def _message(code: str, params: dict[str, Any]) -> Message:
    return Message(code, **params)


def sentence(phrase: str, lang: str) -> str:
    """A problem's phrase said on its own: "This link exists already." / "此关系已存在。"."""
    if not phrase or phrase[-1] in ".。!！?？":
        return phrase
    return phrase + "。" if lang == "zh" else phrase[:1].upper() + phrase[1:] + "."


def text_in(value: object, lang: str) -> str:
    """A Message in `lang`; anything else as it is (user data, filtered)."""
    if isinstance(value, Message):
        return value.text(lang)
    return safe_text.line(value)


_OS_WHY = {errno.ENOSPC: "full", errno.EDQUOT: "quota", errno.EACCES: "permission", errno.EPERM: "permission",
           errno.EROFS: "read_only_fs", errno.ENOENT: "missing", errno.EEXIST: "exists",
           errno.ENOTDIR: "not_folder", errno.EISDIR: "is_folder", errno.ENAMETOOLONG: "name_too_long",
           errno.EIO: "io"}


def os_reason(exc: OSError) -> Message:
    """Why the system refused, as a phrase ("permission denied"); its own words when the
    error number is not one we word."""
    key = _OS_WHY.get(exc.errno or 0)
    if key:
        return Message(f"os.why.{key}")
    what = exc.strerror or str(exc) or type(exc).__name__
    return Message("os.why.other", what=what[:1].lower() + what[1:])


def _shown(value: Any, lang: str, one_line: bool) -> Any:
    if isinstance(value, Message):  # a sentence inside another loses its full stop
        return value.text(lang).rstrip(".。")
    label = getattr(value, "label", None)
    if callable(label):  # the domain's enums know their en/zh words
        return label(lang)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return value  # keeps its format spec ({size:,})
    if isinstance(value, (list, tuple)):
        return ("、" if lang == "zh" else ", ").join(str(_shown(v, lang, one_line)) for v in value)
    return safe_text.line(value) if one_line else safe_text.text(value)


class _Values(dict):
    def __missing__(self, key: str) -> str:  # a parameter left out: shown as such, no crash
        return "{" + key + "}"
