"""The stakeholder map's light reads: the columns its views show, as plain slotted rows.

Opening the map of a 2,000-person account through the models (`queries.rows`) validated
every person twice, and the objects it left behind made the garbage collector walk the whole
heap: these reads build one small object per person and no pydantic model. The data was
validated when it was written (every write goes through the models), so reading it back
needs only the column encodings (enums from their values, 0/1 to booleans), done on access.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from kamtui.domain.enums import Attitude, ChainRole, LinkKind

_ATTITUDES = {a.value: a for a in Attitude}
_ROLES = {r.value: r for r in ChainRole}
_KINDS = {k.value: k for k in LinkKind}


class MapPerson(tuple):
    """What the map's views, pickers and figures read of a person (no notes, no dates).

    The row exactly as SQLite returns it (a tuple of str/int/None, which the garbage
    collector stops tracking), decoded on access: a 2,000-person account costs 2,000 tuples.
    """

    __slots__ = ()
    id: str = property(itemgetter(0))  # type: ignore[assignment]
    department_id: str | None = property(itemgetter(1))  # type: ignore[assignment]
    name: str = property(itemgetter(2))  # type: ignore[assignment]
    title: str = property(itemgetter(3))  # type: ignore[assignment]
    reports_to_id: str | None = property(itemgetter(4))  # type: ignore[assignment]
    influence: int = property(itemgetter(6))  # type: ignore[assignment]
    needs_level: int | None = property(itemgetter(11))  # type: ignore[assignment]
    owner_id: str | None = property(itemgetter(12))  # type: ignore[assignment]
    leaning_competitor_id: str | None = property(itemgetter(14))  # type: ignore[assignment]

    @property
    def role(self) -> ChainRole | None:
        return _ROLES[self[5]] if self[5] else None

    @property
    def attitude(self) -> Attitude:
        return _ATTITUDES[self[7]]

    @property
    def executive(self) -> bool:
        return bool(self[8])

    @property
    def hidden_decision_maker(self) -> bool:
        return bool(self[9])

    @property
    def rising_star(self) -> bool:
        return bool(self[10])

    @property
    def leaning_known(self) -> bool:
        # a named competitor is an assessed leaning (Person's own validator says the same)
        return bool(self[13]) or self[14] is not None

    @property
    def archived(self) -> bool:
        return bool(self[15])

    @property
    def is_key(self) -> bool:
        """Decision makers and influencers: the people coverage counts (as Person.is_key)."""
        return self[5] in _KEY_ROLES

    def __repr__(self) -> str:
        return f"MapPerson(id={self[0]!r}, name={self[2]!r})"


_KEY_ROLES = (ChainRole.decision_maker.value, ChainRole.influencer.value)
_PERSON_COLUMNS = ("id, department_id, name, title, reports_to_id, role, influence, attitude, executive, "
                   "hidden_decision_maker, rising_star, needs_level, owner_id, leaning_known, "
                   "leaning_competitor_id, archived")
_new = tuple.__new__


def _people(cur: Any) -> list[MapPerson]:
    return [_new(MapPerson, r) for r in cur.fetchall()]


def people(db: Any, account_id: str) -> list[MapPerson]:
    """Every person of the account, archived ones too, in name order (then id)."""
    cur = db.execute(f"SELECT {_PERSON_COLUMNS} FROM person WHERE account_id = ? ORDER BY name, id",
                     [account_id])
    return _people(cur)


def department_people(db: Any, account_id: str, department_id: str | None) -> list[MapPerson]:
    """The active people of one department; `None`: those in no (active) department."""
    if department_id is None:
        cur = db.execute(
            f"SELECT {_PERSON_COLUMNS} FROM person WHERE account_id = :a AND archived = 0 AND "
            "(department_id IS NULL OR department_id NOT IN "
            "(SELECT id FROM department WHERE account_id = :a AND archived = 0)) ORDER BY name, id",
            {"a": account_id})
    else:
        cur = db.execute(
            f"SELECT {_PERSON_COLUMNS} FROM person WHERE account_id = ? AND department_id = ? "
            "AND archived = 0 ORDER BY name, id", [account_id, department_id])
    return _people(cur)


@dataclass(frozen=True, slots=True)
class MapLink:
    id: str
    from_id: str
    to_id: str
    kind: LinkKind


def links(db: Any, account_id: str) -> list[MapLink]:
    cur = db.execute("SELECT id, from_id, to_id, kind FROM person_link WHERE account_id = ? ORDER BY id",
                     [account_id])
    return [MapLink(r[0], r[1], r[2], _KINDS[r[3]]) for r in cur.fetchall()]


def summary_facts(db: Any, account_id: str) -> tuple[list[str], float | None, str | None] | None:
    """From the summary every write keeps current: the open calendar-free pitfall keys, the
    key index as last assessed and that date (None: no summary row for the account yet)."""
    found = db.execute("SELECT pitfalls, key_index, last_assessed FROM account_summary "
                       "WHERE account_id = ?", [account_id]).fetchone()
    if found is None:
        return None
    return json.loads(found[0] or "[]"), found[1], found[2]


def knowers(db: Any, person_id: str, statuses: list[str]) -> set[str]:
    """Our members who own an activity of these statuses targeting the person."""
    marks = ", ".join("?" for _ in statuses)
    return {r[0] for r in db.execute(
        "SELECT DISTINCT a.owner_id FROM activity a, json_each(a.target_person_ids) j "
        f"WHERE j.value = ? AND a.archived = 0 AND a.owner_id IS NOT NULL AND a.status IN ({marks})",
        [person_id, *statuses]).fetchall()}
