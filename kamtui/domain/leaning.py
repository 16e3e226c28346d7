"""A person's competitor leaning: stored as two fields, chosen in forms as one value.

`leaning_known` says the leaning was assessed; `leaning_competitor_id` names the competitor
leaned to (None: to nobody, or not assessed). A form shows the pair as one choice: "not
assessed", "leans to nobody" or a competitor's id. The two sentinels cannot be ids (ids are
letters, digits, `_` and `-`), so no competitor can be mistaken for one.
"""

from __future__ import annotations

NOT_ASSESSED = "?unknown"
NOBODY = "?nobody"


def assessed(known: bool | int, competitor_id: str | None) -> bool:
    """Whether the leaning counts as assessed: naming a competitor is an assessment too."""
    return bool(known) or competitor_id is not None


def choice(known: bool | int, competitor_id: str | None) -> str:
    """The form's one value for the stored pair."""
    if not assessed(known, competitor_id):
        return NOT_ASSESSED
    return competitor_id or NOBODY


def fields(chosen: str | None) -> dict[str, object]:
    """The stored pair for a form's value (nothing chosen: not assessed)."""
    chosen = chosen or NOT_ASSESSED
    return {"leaning_known": chosen != NOT_ASSESSED,
            "leaning_competitor_id": None if chosen in (NOT_ASSESSED, NOBODY) else chosen}
