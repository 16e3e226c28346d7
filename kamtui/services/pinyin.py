"""Pinyin keys for names: `hx` and `huaxin` find 华信 (Chinese users type pinyin, not 汉字).

A name's key is computed once (cached) and a filter keystroke is one substring test per name:
the key holds every syllable-aligned suffix of the full pinyin and of the initials, each after a
separator, so `"\\0" + needle in key` finds `xin` in 华信 but not `uax`. Names without Chinese
characters have no key (their own letters are matched as they are).

pypinyin loads a 0.5 s dictionary on first use: callers compute keys off the UI thread.
"""

from __future__ import annotations

import re
from functools import lru_cache

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[0-9a-z]+")
SEP = "\x00"


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """The pinyin key of `name` ("" when it has no Chinese characters)."""
    if not has_han(name):
        return ""
    from pypinyin import lazy_pinyin

    # a character's syllable, or a run of other text: its Latin words and numbers
    syllables = [w for part in lazy_pinyin(name) for w in _WORD.findall(part.casefold())]
    if not syllables:
        return ""
    full = ["".join(syllables[i:]) for i in range(len(syllables))]
    initials = "".join(s[0] for s in syllables)
    firsts = [initials[i:] for i in range(len(initials))]
    return SEP + SEP.join(full + firsts)


def needle(term: str) -> str:
    """What a typed term is matched as against pinyin keys: its letters casefolded, spaces
    dropped ("hua xin"); "" when it is no Latin word (then pinyin cannot match it)."""
    folded = "".join(term.casefold().split())
    return folded if folded.isascii() and folded.isalnum() else ""


def matches(name: str, pinyin_needle: str) -> bool:
    """Whether `name` matches a `needle()` by pinyin (initials or syllables, from any syllable)."""
    if not pinyin_needle:
        return False
    found = key(name)
    return bool(found) and (SEP + pinyin_needle) in found


def keys(names: dict[str, list[str]]) -> dict[str, str]:
    """id → the joined keys of its names (e.g. an account's name and short name), for the ids
    whose names have any: built once per load, tested per keystroke."""
    out = {}
    for ref, texts in names.items():
        joined = "".join(key(t) for t in texts)
        if joined:
            out[ref] = joined
    return out


def warm_up() -> None:
    """Load pypinyin's dictionary (≈0.5 s): from a worker, before the first Latin keystroke."""
    key("华信")
