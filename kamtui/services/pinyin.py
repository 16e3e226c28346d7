"""Pinyin keys for names: `hx` and `huaxin` find 华信 (Chinese users type pinyin, not 汉字).

A name's key is computed once (cached) and a filter keystroke is one substring test per name:
the key holds every syllable-aligned suffix of the full pinyin and of the initials, each after a
separator, so `"\\0" + needle in key` finds `xin` in 华信 but not `uax`. Names without Chinese
characters have no key (their own letters are matched as they are).

A name's syllables come from kamtui.services.pinyin_readings: the user's cache, else pypinyin,
whose dictionaries take ≈0.6 s and ≈57 MiB to load on first use (callers compute keys off the
UI thread, and the portfolio only once a Latin filter term needs them).
"""

from __future__ import annotations

import re
from functools import lru_cache

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SEP = "\x00"


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """The pinyin key of `name` ("" when it has no Chinese characters)."""
    if not has_han(name):
        return ""
    from kamtui.services.pinyin_readings import reading

    # a character's syllable, or a run of other text: its Latin words and numbers
    syllables = reading(name).split()
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
    whose names have any: built once per load, tested per keystroke. The readings worked out
    meanwhile are kept for the next start."""
    from kamtui.services import pinyin_readings

    out = {}
    for ref, texts in names.items():
        joined = "".join(key(t) for t in texts)
        if joined:
            out[ref] = joined
    pinyin_readings.save()
    return out
