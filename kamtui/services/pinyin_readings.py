"""Names' pinyin readings, kept in the user's cache folder so that pypinyin loads only for
names it has not read before.

pypinyin's dictionaries take ≈0.6 s of Python and ≈57 MiB to load, in the process that asks,
holding the interpreter for most of it: paid at every start, that was a third of kamtui's
start-up memory. A name's reading depends only on the name and pypinyin's dictionaries, so
it is worked out once and kept (`~/.cache/kamtui/pinyin.json`, mode 0600: the names are the
user's data) with a stamp of the installed pypinyin; another pypinyin (upgraded) starts afresh.

A reading is the name's syllables (and the Latin words and numbers between them), casefolded,
joined by spaces: exactly what `lazy_pinyin` gives, so a cached name matches as a fresh one.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import threading
from pathlib import Path

LIMIT = 50_000  # readings kept in the file: past it, only those this process used are kept

_WORD = re.compile(r"[0-9a-z]+")
_lock = threading.Lock()
_known: dict[str, str] | None = None  # name → reading (the file's, then pypinyin's)
_used: set[str] = set()  # the names asked for in this process
_new = False  # readings worked out here, not yet in the file


def cache_file() -> Path:
    import platformdirs

    return platformdirs.user_cache_path("kamtui", appauthor=False) / "pinyin.json"


def reading(name: str) -> str:
    """The syllables of `name`, space-separated ("" when it has none)."""
    global _new
    known = _readings()
    _used.add(name)
    found = known.get(name)
    if found is None:
        from pypinyin import lazy_pinyin

        found = " ".join(w for part in lazy_pinyin(name) for w in _WORD.findall(part.casefold()))
        known[name] = found
        _new = True
    return found


def save() -> None:
    """Keep the readings worked out in this process for the next one (a cache: a folder that
    cannot be written only costs the next start pypinyin's load)."""
    global _new
    with _lock:
        if not _new or _known is None:
            return
        kept = _known if len(_known) <= LIMIT else {n: r for n, r in _known.items() if n in _used}
        data = json.dumps({"stamp": _stamp(), "readings": kept}, ensure_ascii=False)
        _new = False
    path = cache_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".pinyin-", suffix=".json")  # mode 0600
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(data)
        os.replace(tmp, path)  # whole or not at all, whichever kamtui writes last
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def forget() -> None:
    """Drop what this process holds (tests: as a new process would start)."""
    global _known, _new
    with _lock:
        _known, _new = None, False
        _used.clear()


def _readings() -> dict[str, str]:
    global _known
    if _known is None:
        with _lock:
            if _known is None:
                _known = _load()
    return _known


def _load() -> dict[str, str]:
    try:
        data = json.loads(cache_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    stamp = _stamp()
    readings = data.get("readings") if isinstance(data, dict) and stamp and data.get("stamp") == stamp else None
    if not isinstance(readings, dict):
        return {}
    return {n: r for n, r in readings.items() if isinstance(n, str) and isinstance(r, str)}


def _stamp() -> str:
    """Which pypinyin made the readings: its package file's size and time, read without
    importing it (that import is what the cache saves); "" when it cannot be told."""
    from importlib.util import find_spec

    try:
        spec = find_spec("pypinyin")
        if spec is None or not spec.origin:
            return ""
        found = os.stat(spec.origin)
        return f"{found.st_size}:{found.st_mtime_ns}"
    except (OSError, ImportError, ValueError):
        return ""
