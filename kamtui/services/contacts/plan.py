"""What importing a contact file into an account would do, person by person: create, update
(which fields) or skip (why), the departments it would add, and every bad row.

A contact is a person the account has already when it has the same e-mail (case-insensitive),
else the same name and department, else (the file gives no department) the same name when
only one person in the account has it; the person is then updated with what the file gives
(an empty cell keeps what is stored), never duplicated. What the method adds (attitude,
influence, role, needs) is never touched: new people start unknown.

Reports-to names the manager by the file's record id, by e-mail or by name, among the file's
rows and the account's people; a manager nobody has, a name several people share, and a
reports-to circle are problems of the row, named, never guessed. With `skip_bad`, bad rows
are left out, and rows whose manager was on one are then bad in turn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kamtui.domain.base import new_id
from kamtui.domain.contacts import DepartmentIndex, email_key, name_key, path_key
from kamtui.domain.tree import cycles
from kamtui.domain.models import Account, Department, Person
from kamtui.services.contacts.mapping import Contact, Problem, Rejected
from kamtui.services.contacts.new_people import copy_person, parents_first
from kamtui.services.contacts.readers import Place

MAX_CYCLE_NAMES = 6
# What a new person or department has of its own; the rest is every new one's default.
NEW_PERSON_FIELDS = ("id", "department_id", "name", "title", "email", "phone", "reports_to_id")
NEW_DEPARTMENT_FIELDS = ("id", "parent_id", "name")


@dataclass(slots=True)
class Entry:
    """One row's fate: `action` create / update / skip, `reason` a code of `words`."""

    action: str
    place: Place
    name: str
    reason: str
    department: str = ""  # the path, as shown
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)  # field -> (before, after), shown
    problems: list[Problem] = field(default_factory=list)  # a bad row's (with skip_bad)


@dataclass
class ContactPlan:
    account: Account
    entries: list[Entry]
    problems: list[Problem]  # bad rows (left out when skip_bad)
    new_departments: list[Department]
    creates: list[Person]  # parents first
    updates: list[tuple[Person, dict[str, Any]]]  # (stored person, changed fields)
    skip_bad: bool = False

    def count(self, action: str) -> int:
        return sum(1 for e in self.entries if e.action == action)

    @property
    def written(self) -> int:
        return len(self.creates) + len(self.updates) + len(self.new_departments)


def plan(account: Account, contacts: list[Contact], problems: list[Problem], people: list[Person],
         departments: list[Department], *, skip_bad: bool = False, rejected: list[Rejected] = ()) -> ContactPlan:  # type: ignore[assignment]
    """`problems` and `rejected`: the rows that did not become contacts (mapping.contacts)."""
    return _Planner(account, contacts, problems, people, departments, skip_bad, list(rejected)).run()


class _Planner:
    def __init__(self, account: Account, contacts: list[Contact], problems: list[Problem],
                 people: list[Person], departments: list[Department], skip_bad: bool, rejected: list[Rejected]):
        self.account = account
        self.contacts = contacts
        self.bad: dict[int, list[Problem]] = {}  # contact position -> its problems
        self.early = list(problems)  # rows that never became contacts
        self.rejected = rejected
        self.people = people
        self.by_id = {p.id: p for p in people}
        self.stored_email: dict[str, list[Person]] = {}
        self.stored_name: dict[str, list[Person]] = {}
        for p in people:
            if p.email:
                self.stored_email.setdefault(email_key(p.email), []).append(p)
            self.stored_name.setdefault(name_key(p.name), []).append(p)
        active = [d for d in departments if not d.archived]
        self.departments = {d.id: d for d in active}
        self.index = DepartmentIndex((d.id, d.parent_id, d.name) for d in active)
        self.skip_bad = skip_bad
        self.paths: dict[tuple[str, ...], tuple[str | None, int]] = {}
        self.match: dict[int, tuple[Person, str]] = {}  # position -> (stored person, reason)
        self.ids: dict[int, str] = {}
        self.managers: dict[int, str] = {}  # position -> the manager's person id
        # each contact's e-mail and department path keys, made once (names: when first needed)
        paths: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.keys = []
        for c in contacts:
            path = tuple(c.fields.department)
            if path and path not in paths:
                paths[path] = path_key(path)
            self.keys.append((email_key(c.fields.email), paths[path] if path else ()))
        self._names_of: list[str | None] = [None] * len(contacts)
        self._by: tuple[dict[str, int], dict[str, list[int]]] | None = None
        self._names: dict[str, str] | None = None
        self._named: dict[str, list[int]] | None = None

    def _name(self, k: int) -> str:
        """Contact k's name key (a name compares case, width and spacing aside)."""
        key = self._names_of[k]
        if key is None:
            key = self._names_of[k] = name_key(self.contacts[k].fields.name)
        return key

    def _bad(self, k: int, problem: Problem) -> None:
        self.bad.setdefault(k, []).append(problem)

    # -- the steps -------------------------------------------------------------------------------
    def run(self) -> ContactPlan:
        self._duplicates()
        self._match()
        alive = [k for k in range(len(self.contacts)) if k not in self.bad]
        while True:
            before = len(self.bad)
            self._reports_to(alive)
            if not self.skip_bad or len(self.bad) == before:
                break
            alive = [k for k in alive if k not in self.bad]  # a skipped row may be someone's manager
        alive = [k for k in alive if k not in self.bad]
        return self._result(alive)

    def _resolve(self, path: list[str], key: tuple[str, ...]) -> tuple[str | None, int]:
        if key not in self.paths:
            self.paths[key] = self.index.find(path)
        return self.paths[key]

    def _duplicates(self) -> None:
        emails: dict[str, int] = {}
        persons: dict[tuple, int] = {}
        records: dict[str, int] = {}
        for k, c in enumerate(self.contacts):
            f = c.fields
            email, path = self.keys[k]
            if f.record_id:
                if f.record_id in records:
                    self._bad(k, Problem(c.place, "", "dup_id", {"where": self._where(records[f.record_id])}))
                records.setdefault(f.record_id, k)
            if email:
                first = emails.setdefault(email, k)
                if first != k:
                    self._bad(k, Problem(c.place, "", "dup_email", {"where": self._where(first)}))
            else:
                first = persons.setdefault((self._name(k), path), k)
                if first != k:
                    self._bad(k, Problem(c.place, "", "dup_person", {"where": self._where(first)}))

    def _where(self, k: int) -> Place:
        """A contact's place, or (k < 0) a rejected row's."""
        return self.contacts[k].place if k >= 0 else self.rejected[-1 - k].place

    def _order(self, k: int) -> tuple[int, int]:
        place = self._where(k)
        return place.number, place.line

    def _match(self) -> None:
        """Each contact to the account's person it is, if any."""
        taken: dict[str, int] = {}
        for k, c in enumerate(self.contacts):
            if k in self.bad:
                continue
            found = self._find(k, c)
            if found is None:
                continue
            person, _ = found
            if person.id in taken:
                self._bad(k, Problem(c.place, "", "same_match", {"name": person.name,
                                                                 "where": self._where(taken[person.id])}))
                continue
            taken[person.id] = k
            self.match[k] = found

    def _find(self, k: int, c: Contact) -> tuple[Person, str] | None:
        f = c.fields
        email, path = self.keys[k]
        if email:
            same = self.stored_email.get(email, [])
            if same:
                return min(same, key=lambda p: p.archived), "update.email"
        if not self.stored_name:
            return None
        named = self.stored_name.get(self._name(k), [])
        if not named:
            return None
        if f.department:
            dept, depth = self._resolve(f.department, path)
            if depth < len(f.department):
                return None  # a department the account does not have yet: nobody is in it
            here = [p for p in named if p.department_id == dept]
            return (here[0], "update.name_department") if len(here) == 1 else None
        if len(named) == 1:
            return named[0], "update.name"
        nowhere = [p for p in named if p.department_id is None]
        if len(nowhere) == 1:
            return nowhere[0], "update.name_department"
        self._bad(k, Problem(c.place, "", "ambiguous", {"n": len(named), "name": f.name}))
        return None

    def _lookups(self) -> tuple[dict[str, int], dict[str, list[int]]]:
        """The file's rows by record id and e-mail (bad rows too: a manager on one is
        named as such; rows that never became contacts as -1, -2, …). Made once."""
        if self._by is None:
            by_record: dict[str, int] = {}
            by_email: dict[str, list[int]] = {}
            for k, c in enumerate(self.contacts):
                email = self.keys[k][0]
                if c.fields.record_id:
                    by_record.setdefault(c.fields.record_id, k)
                if email:
                    by_email.setdefault(email, []).append(k)
            for j, r in enumerate(self.rejected):
                if r.record_id:
                    by_record.setdefault(r.record_id, -1 - j)
                if r.email:
                    by_email.setdefault(email_key(r.email), []).append(-1 - j)
            self._by = (by_record, by_email)
        return self._by

    def _by_name(self) -> dict[str, list[int]]:
        """The file's rows by name key: made when a manager is first named by name."""
        if self._named is None:
            self._named = {}
            for k in range(len(self.contacts)):
                self._named.setdefault(self._name(k), []).append(k)
            for j, r in enumerate(self.rejected):
                if r.name:
                    self._named.setdefault(name_key(r.name), []).append(-1 - j)
        return self._named

    def _reports_to(self, alive: list[int]) -> None:
        for k in alive:
            if k not in self.ids:
                self.ids[k] = self.match[k][0].id if k in self.match else new_id()
        living = set(alive)
        by_record, by_email = self._lookups()
        self.managers = {}
        boss: dict[str, str | None] = {p.id: p.reports_to_id for p in self.people}
        for k in alive:
            c = self.contacts[k]
            boss.setdefault(self.ids[k], None)
            value = c.fields.reports_to
            if not value:
                continue
            column = c.columns.get("reports_to", "")
            if value in by_record:
                rows, stored = [by_record[value]], []
            elif "@" in value:
                rows, stored = by_email.get(email_key(value), []), self.stored_email.get(email_key(value), [])
            else:
                key = name_key(value)
                rows, stored = self._by_name().get(key, []), self.stored_name.get(key, [])
            ids = {self.ids[r] for r in rows if r in living} | {p.id for p in stored}
            if not ids:
                dead = sorted((r for r in rows if r not in living), key=self._order)
                if dead:
                    self._bad(k, Problem(c.place, column, "manager_bad", {"value": value, "where": self._where(dead[0])}))
                else:
                    self._bad(k, Problem(c.place, column, "manager_unknown", {"value": value}))
            elif len(ids) > 1:
                self._bad(k, Problem(c.place, column, "manager_ambiguous", {"value": value, "n": len(ids)}))
            elif ids == {self.ids[k]}:
                self._bad(k, Problem(c.place, column, "manager_self"))
            else:
                self.managers[k] = next(iter(ids))
                boss[self.ids[k]] = self.managers[k]
        position = {self.ids[k]: k for k in alive if k not in self.bad}
        for circle in cycles(boss):
            rows_in = [position[p] for p in circle if p in position]
            if not rows_in:
                continue  # stored data alone: not this import's doing
            first = circle.index(self.ids[min(rows_in)])  # named from the file's first row in it
            circle = circle[first:] + circle[:first]
            names = [self._name_of(p, position) for p in circle[:MAX_CYCLE_NAMES]]
            shown = " → ".join(names + [names[0]] if len(circle) <= MAX_CYCLE_NAMES else names + ["…"])
            for k in rows_in:
                c = self.contacts[k]
                self._bad(k, Problem(c.place, c.columns.get("reports_to", ""), "cycle", {"names": shown}))

    def _name_of(self, person_id: str, position: dict[str, int]) -> str:
        if person_id in position:
            return self.contacts[position[person_id]].fields.name
        person = self.by_id.get(person_id)
        return person.name if person else person_id

    # -- the result ------------------------------------------------------------------------------
    def _result(self, alive: list[int]) -> ContactPlan:
        new_departments: list[Department] = []
        made: dict[tuple[str, ...], str] = {}
        entries: dict[int, Entry] = {}
        creates: list[Person] = []
        updates: list[tuple[Person, dict[str, Any]]] = []
        # New people are copies of one checked person with the contact's fields, which
        # ContactFields checked with Person's own types (validating each again, or
        # model_construct's defaults, would cost more than writing them).
        template = Person(account_id=self.account.id, name="-")
        placed: dict[tuple[str, ...], str] = {}  # department path -> its id
        for k in alive:
            c, f = self.contacts[k], self.contacts[k].fields
            dept_id = None
            if f.department:
                key = self.keys[k][1]
                dept_id = placed.get(key)
                if dept_id is None:
                    dept_id = placed[key] = self._department(f.department, key, made, new_departments)
            shown = " / ".join(f.department)
            if k not in self.match:
                values = (self.ids[k], dept_id, f.name, f.title, f.email, f.phone, self.managers.get(k))
                creates.append(copy_person(template, dict(zip(NEW_PERSON_FIELDS, values))))
                entries[k] = Entry("create", c.place, f.name, "create.new", shown)
                continue
            person, reason = self.match[k]
            if person.archived:
                entries[k] = Entry("skip", c.place, f.name, "skip.archived", shown)
                continue
            wanted = {"name": f.name, "title": f.title, "email": f.email, "phone": f.phone}
            same = {"name": name_key, "email": email_key}  # a name or address in other case is the same
            changes = {key: v for key, v in wanted.items()
                       if v and same.get(key, str)(v) != same.get(key, str)(getattr(person, key))}
            if f.department and dept_id != person.department_id:
                changes["department_id"] = dept_id
            if k in self.managers and self.managers[k] != person.reports_to_id:
                changes["reports_to_id"] = self.managers[k]
            shown_changes = {key: self._shown(key, getattr(person, key), v) for key, v in changes.items()}
            if changes:
                updates.append((person, changes))
                entries[k] = Entry("update", c.place, f.name, reason, shown, shown_changes)
            else:
                entries[k] = Entry("skip", c.place, f.name, "skip.unchanged", shown)
        problems = sorted([p for k in sorted(self.bad) for p in self.bad[k]] + self.early,
                          key=lambda p: (p.place.number, p.place.line))
        for k, found in self.bad.items():  # listed either way: the dry run shows them in place
            c = self.contacts[k]
            entries[k] = Entry("skip", c.place, c.fields.name, "skip.bad", " / ".join(c.fields.department),
                               problems=found)
        ordered = [entries[k] for k in sorted(entries)]
        early: dict[Place, list[Problem]] = {}
        for p in self.early:
            early.setdefault(p.place, []).append(p)
        named = {r.place: r.name for r in self.rejected}
        if early:
            ordered += [Entry("skip", place, named.get(place, ""), "skip.bad", problems=found)
                        for place, found in early.items()]
            ordered.sort(key=lambda e: (e.place.number, e.place.line))
        return ContactPlan(self.account, ordered, problems, new_departments, parents_first(creates), updates,
                           self.skip_bad)

    def _department(self, path: list[str], key: tuple[str, ...], made: dict[tuple[str, ...], str],
                    new: list[Department]) -> str:
        at, depth = self._resolve(path, key)
        for i in range(depth, len(path)):
            upto = key[: i + 1]
            if upto not in made:
                d = Department(account_id=self.account.id, parent_id=at, name=path[i])
                new.append(d)
                made[upto] = d.id
                self.departments[d.id] = d
            at = made[upto]
        assert at is not None
        return at

    def _shown(self, key: str, before: Any, after: Any) -> tuple[str, str]:
        if key == "department_id":
            return self._path_of(before), self._path_of(after)
        if key == "reports_to_id":
            return self._person_name(before), self._person_name(after)
        return str(before or ""), str(after or "")

    def _person_name(self, person_id: str | None) -> str:
        if self._names is None:  # made when an update first needs it
            self._names = {p.id: p.name for p in self.people}
            self._names.update({self.ids[k]: self.contacts[k].fields.name for k in self.ids})
        return self._names.get(person_id or "", "")

    def _path_of(self, dept_id: str | None) -> str:
        parts: list[str] = []
        seen: set[str] = set()
        while dept_id and dept_id in self.departments and dept_id not in seen:
            seen.add(dept_id)
            parts.append(self.departments[dept_id].name)
            dept_id = self.departments[dept_id].parent_id
        return " / ".join(reversed(parts))
