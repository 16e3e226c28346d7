"""Use cases on the workspace settings and our team members."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from kamtui.services.context import Context, build, changed
from kamtui.store import team

if TYPE_CHECKING:  # the app asks for the language and team name before its first frame
    from kamtui.domain.models import Settings, TeamMember


def get(ctx: Context) -> Settings:
    return team.settings(ctx.ws.conn)


def team_name(ctx: Context) -> str:
    return team.team_and_language(ctx.ws.conn)[0]


def default_language(ctx: Context) -> str:
    return team.team_and_language(ctx.ws.conn)[1]


def save(ctx: Context, settings: Settings, changes: dict[str, Any]) -> Settings:
    new = changed(settings, changes)
    with ctx.write() as tx:
        return tx.save_settings(new)


def members(ctx: Context, include_archived: bool = False) -> list[TeamMember]:
    return team.members(ctx.ws.conn, include_archived)


def add_member(ctx: Context, data: dict[str, Any]) -> TeamMember:
    from kamtui.domain.models import TeamMember

    member = build(TeamMember, data)
    with ctx.write() as tx:
        return tx.insert(member)


def edit_member(ctx: Context, member: TeamMember, changes: dict[str, Any]) -> TeamMember:
    new = changed(member, changes)
    with ctx.write() as tx:
        return tx.update(new)


def language(ctx: Context) -> str | None:
    """The acting user's remembered language, if any."""
    return team.preference(ctx.ws.conn, ctx.user, "lang")


# What the app remembers per user, beside the language: the theme, the portfolio's sort
# ("column" or "column:reverse") and the screen it was left on ("agenda", "map:<account id>"…).
PREFERENCES = frozenset({"theme", "portfolio_sort", "screen"})


def preference(ctx: Context, key: str) -> str | None:
    """The acting user's remembered `key` (one of PREFERENCES), if any."""
    if key not in PREFERENCES:
        raise ValueError(key)
    return team.preference(ctx.ws.conn, ctx.user, key)


def remember(ctx: Context, key: str, value: str) -> None:
    """Keep the acting user's `key`; a read-only workspace cannot (the choice still applies now)."""
    if key not in PREFERENCES:
        raise ValueError(key)
    if ctx.read_only or preference(ctx, key) == value:
        return
    with ctx.write() as tx:
        tx.set_preference(key, value)


def remember_language(ctx: Context, lang: str) -> None:
    if lang not in ("en", "zh"):
        raise ValueError(lang)
    if ctx.read_only:
        return  # a read-only workspace cannot remember; the switch still applies now
    with ctx.write() as tx:
        tx.set_preference("lang", lang)


class Joining(NamedTuple):
    login: str
    name: str  # the system's full name for the login, else the login
    team_size: int  # members on the team now (0: a new workspace)


def proposed_me(ctx: Context) -> Joining | None:
    """The acting user as a team member to add, or None when the user already is one or the
    workspace is read-only: a new workspace has no team, and owners and "my agenda" need
    the user on it."""
    from kamtui.paths import display_name
    from kamtui.store import team

    conn = ctx.ws.conn  # plain reads: the portfolio asks this before its first frame
    if ctx.read_only or team.knows_user(conn, ctx.user):
        return None
    return Joining(ctx.user, display_name(ctx.user) or ctx.user, team.member_count(conn))
