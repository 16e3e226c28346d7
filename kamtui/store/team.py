"""Reads of the team's own data: the workspace settings, our team members, a user's preferences.

What the app asks before its first frame (language, team name) is read here without any
model: importing this module loads neither sqlite-utils nor pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kamtui.domain.enums import Tier
from kamtui.store.tables import MEMBER, unknown_value

if TYPE_CHECKING:
    from kamtui.domain.models import Settings, TeamMember

DEFAULT_TEAM = "My team"  # as domain.models.Settings defaults them
DEFAULT_LANG = "en"


def team_and_language(db: Any) -> tuple[str, str]:
    """The settings' team name and default language (their defaults when never saved)."""
    found = db.execute("SELECT team_name, default_lang FROM settings WHERE id = 1").fetchone()
    return (found[0], found[1]) if found else (DEFAULT_TEAM, DEFAULT_LANG)


def preference(db: Any, owner: str, key: str) -> str | None:
    found = db.execute("SELECT value FROM preference WHERE owner = ? AND key = ?", [owner, key]).fetchone()
    return found[0] if found else None


def knows_user(db: Any, user: str) -> bool:
    """Whether a member (archived too) has this login or name: `member_for_user` is not None,
    without a model (asked before the first frame)."""
    return db.execute("SELECT 1 FROM team_member WHERE login = ? OR name = ? LIMIT 1", [user, user]).fetchone() is not None


def member_count(db: Any) -> int:
    """Members on the team now (not archived), without a model."""
    return db.execute("SELECT count(*) FROM team_member WHERE archived = 0").fetchone()[0]


def settings(db: Any) -> Settings:
    from pydantic import ValidationError

    from kamtui.domain.models import Policy, Settings

    columns = ("team_name", "default_lang", "policy", "version")
    found = db.execute(f"SELECT {', '.join(columns)} FROM settings WHERE id = 1").fetchone()
    if not found:
        return Settings()
    team_name, default_lang, policy, version = found
    try:
        return Settings(team_name=team_name, default_lang=default_lang,
                        policy=Policy.model_validate_json(policy), version=version)
    except ValidationError as exc:
        loc = exc.errors()[0].get("loc") or ("policy",)
        column = str(loc[0]) if loc[0] in columns else "policy"
        raise unknown_value("settings", column, found[columns.index(column)]) from None


def members(db: Any, include_archived: bool = False) -> list[TeamMember]:
    return MEMBER.models(db, "" if include_archived else "archived = 0")


def member_for_user(db: Any, user: str) -> TeamMember | None:
    """The team member a login belongs to (by login, else by name)."""
    found = MEMBER.models(db, "login = ? OR name = ?", [user, user, user],
                          order=f"login = ? DESC, archived, {MEMBER.order_by()} LIMIT 1")
    return found[0] if found else None


def tier_criteria(db: Any) -> dict[Tier, tuple[str, str]]:
    """What the team wrote per tier: (short name, criteria); absent tiers have none."""
    return {Tier(r[0]): (r[1], r[2]) for r in db.execute("SELECT tier, label, criteria FROM tier_criteria")}

