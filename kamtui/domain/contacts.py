"""Rules for bringing people in from contact files (CRM exports, address books, spreadsheets):
what one contact may hold, how a name and a department path read, when a contact is a person
the account has already, and which reports-to lines go round in a circle.

Pure: the services read the files and the store; these rules decide.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from pydantic import Field

from kamtui.domain.base import Email, Name, Phone, ShortText, StrictModel

# What a contact file can tell about a person, in the order the import reads it.
FIELDS = ("name", "given_name", "family_name", "title", "department", "reports_to", "email", "phone",
          "record_id")
MAX_DEPTH = 10  # department levels a path may have


class ContactFields(StrictModel):
    """One contact as read, checked with the same rules as a Person's fields. `department` is
    the path from the top (`IT / Security` -> ["IT", "Security"]); `reports_to` names the
    manager by name, e-mail or the file's own record id; `record_id` is that id (CRMs export
    their record ids, and their reports-to columns point at them)."""

    name: Name
    title: ShortText = ""
    email: Email = ""
    phone: Phone = ""
    department: list[Name] = Field(default_factory=list, max_length=MAX_DEPTH)
    reports_to: ShortText = ""
    record_id: ShortText = ""


_PATH_SPLIT = re.compile(r"\s*[/／>＞]\s*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_SPACES = re.compile(r"\s+")


def department_path(text: str) -> list[str]:
    """`IT / Security` -> ["IT", "Security"]: parts split at `/` or `>` (full-width too)."""
    return [part for part in (p.strip() for p in _PATH_SPLIT.split(text)) if part]


def compose_name(given: str, family: str) -> str:
    """A full name from its parts: Chinese, Japanese and Korean names family name first and
    without a space (王 + 强 -> 王强), others given name first (Thomas Becker)."""
    given, family = given.strip(), family.strip()
    if not given or not family:
        return given or family
    if _CJK.search(given) or _CJK.search(family):
        return family + given
    return f"{given} {family}"


def name_key(name: str) -> str:
    """Names compared for matching: compatibility-normalised, case-folded, spaces collapsed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", name)).strip().casefold()


def email_key(email: str) -> str:
    return email.strip().casefold()


def path_key(path: Iterable[str]) -> tuple[str, ...]:
    return tuple(name_key(p) for p in path)


class DepartmentIndex:
    """The account's departments, to find the one a path names: the first part among the top
    departments, else the only department of that name at any level (exports often give the
    lowest unit alone: `Security` for `IT / Security`); each further part among the children
    of the one before. What is not found is new, from there down."""

    def __init__(self, departments: Iterable[tuple[str, str | None, str]]):
        """`departments`: (id, parent id, name) of the account's active departments."""
        self.child: dict[tuple[str | None, str], str] = {}
        self.anywhere: dict[str, list[str]] = {}
        for id_, parent, name in departments:
            self.child.setdefault((parent, name_key(name)), id_)
            self.anywhere.setdefault(name_key(name), []).append(id_)

    def find(self, path: list[str]) -> tuple[str | None, int]:
        """(the deepest department found, how many parts of `path` it covers)."""
        at: str | None = None
        for depth, part in enumerate(path):
            key = name_key(part)
            found = self.child.get((at, key))
            if found is None and depth == 0 and len(self.anywhere.get(key, ())) == 1:
                found = self.anywhere[key][0]
            if found is None:
                return at, depth
            at = found
        return at, len(path)
