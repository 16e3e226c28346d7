"""Plan file names: `<slug>.<id>.<suffix>`, and the account id a name was made from.

Loads nothing but the standard library: `kamtui sync` lists a clone by these names before it
knows whether it has anything to export or import.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kamtui.domain.models import Account

WORKSPACE_FILE = "workspace.toml"


# --- file names ------------------------------------------------------------------------------
#
# `<slug>.<id>.<suffix>`: the slug keeps the name readable, the id makes the name unique.
# Why two accounts can never share a file, even on a case-insensitive or Unicode-normalising
# file system (NTFS, APFS, HFS+, SMB shares):
# - the id part is the account id with each capital written `_` + its small letter and `_`
#   written `__`: only `a-z 0-9 _ -`, and decodable (`account_id_of`), so distinct ids give
#   distinct id parts, which case folding and normalisation leave as they are (ASCII small
#   letters, digits, `_` and `-` map to themselves and no two of them to the same thing);
# - the slug holds only letters, digits and `-` (never `.`, nor anything that folds to it),
#   so the id part is exactly what lies between the last `.` and the suffix.
# Hence a name, or anything a file system takes for the same name, names one id: a collision
# is impossible by construction, whatever the accounts are called. The name is a function of
# the account's name and id alone: renaming an account renames its file, nothing else.

_NOT_SLUG = re.compile(r"[\W_]+", re.UNICODE)
_SLUG_CHARS = 40
_SLUG_BYTES = 100  # UTF-8 bytes in NFD (what HFS+ stores): with a 64-char id (≤ 128 when
#                    escaped), the dot and the suffix a name stays under 255 bytes
_WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"{d}{i}" for d in ("com", "lpt") for i in range(10))}
SUFFIXES = (".toml", ".md")


def file_name(account: Account, suffix: str = ".toml") -> str:
    """A readable, stable, portable name, unique per account (see the rules above)."""
    return f"{name_slug(account.short_name or account.name)}.{id_part(account.id)}{suffix}"


def name_slug(name: str) -> str:
    """The name case-folded, in NFC, with runs of anything but letters and digits as `-`."""
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())
    slug = _NOT_SLUG.sub("-", folded).strip("-")[:_SLUG_CHARS]
    while len(unicodedata.normalize("NFD", slug).encode("utf-8")) > _SLUG_BYTES:
        slug = slug[:-1]
    slug = slug.rstrip("-") or "account"
    return f"{slug}-" if slug in _WINDOWS_DEVICES else slug  # `con.…` is a device on Windows


def id_part(account_id: str) -> str:
    """The id in small letters only: `A` → `_a`, `_` → `__`; others as they are."""
    return "".join("_" + c.lower() if "A" <= c <= "Z" else "__" if c == "_" else c for c in account_id)


_ID_PART = re.compile(r"(?:[a-z0-9-]|_[a-z_])+")
_ESCAPED = re.compile(r"_([a-z_])")


def account_id_of(file_name: str) -> str | None:
    """The account id a plan file name was made from (None for other names)."""
    stem = next((file_name[: -len(s)] for s in SUFFIXES if file_name.endswith(s)), None)
    if stem is None or "." not in stem:
        return None
    encoded = stem.rsplit(".", 1)[1]
    if not _ID_PART.fullmatch(encoded):
        return None
    return _ESCAPED.sub(lambda m: "_" if m[1] == "_" else m[1].upper(), encoded)


def files_by_id(folder: Path, suffix: str) -> dict[str, list[Path]]:
    """The plan files already in `folder`, by the account id their names carry."""
    out: dict[str, list[Path]] = {}
    for path in folder.iterdir():
        account_id = account_id_of(path.name)
        if account_id is not None and path.suffix == suffix and not path.name.startswith("."):
            out.setdefault(account_id, []).append(path)
    return out


def same_file_key(name: str) -> str:
    """What a case-insensitive, Unicode-normalising file system compares names by."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", name).casefold())
