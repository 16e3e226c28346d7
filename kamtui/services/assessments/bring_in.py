"""People of the account that step 2 does not list yet: contacts brought in from a CRM or an
address book, or anyone added without a decision-chain role. The wizard offers them, so an
import's people reach an assessment without being typed again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kamtui.domain.models import Person
from kamtui.store import people as store_people

if TYPE_CHECKING:
    from kamtui.services.assessments.session import AssessmentSession


def people_outside(session: "AssessmentSession") -> list[Person]:
    """The account's active people not in the work, by name."""
    inside = {e.person_id for e in session.data.people}
    found = store_people.people(session.ctx.db, session.account.id)  # active, in the list order (name, id)
    return [p for p in found if p.id not in inside]


def bring_in(session: "AssessmentSession", people: list[Person]) -> int | None:
    """Add each to the work (unrated: the user rates them in the grid); the first one's row."""
    first = None
    for person in people:
        row = session.add_person(person)
        first = row if first is None else first
    return first
