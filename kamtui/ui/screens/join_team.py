"""Adding the acting user to the team (issue 15.6): a new workspace has no team members, yet
owners, "my agenda" and the activity form's default owner all need the user on the team. The
portfolio's first-run panel and the empty agenda offer it (key m)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content

from kamtui.services import settings as settings_service
from kamtui.services.context import Context
from kamtui.services.settings import Joining
from kamtui.ui import i18n

if TYPE_CHECKING:  # the forms (and the widgets they use) load when the dialog opens
    from kamtui.ui.screens.form import FormDialog

i18n.register({
    "join.title": ("Add yourself to the team", "将自己加入团队"),
    "join.added": ("{name} is on the team", "{name} 已加入团队"),
    "key.agenda_add_me": ("Add me", "加入团队"),
    "help.agenda_add_me": ("Add yourself (your login) to the team as a member", "将自己（登录名）加入团队成员"),
    "cmd.agenda_add_me": ("team member: add me", "团队成员：加入我"),
})


def join_dialog(ctx: Context, proposed: Joining, lang: str) -> FormDialog:
    """The member form filled with the user's login and name (both editable; tab selects
    each, so typing replaces it)."""
    from kamtui.ui.screens.form import FormDialog, FormField

    fields = [
        FormField("name", ("Name", "姓名"), value=proposed.name, required=True),
        FormField("title", ("Title", "职务"), value=""),
        FormField("login", ("Login (for KAMTUI_USER)", "登录名（对应 KAMTUI_USER）"), value=proposed.login,
                  required=True),
    ]

    def submit(data: dict[str, Any]):
        return settings_service.add_member(ctx, data)

    return FormDialog(i18n.t("join.title", lang), fields, submit)  # type: ignore[arg-type]


class JoinTeam:
    """For a screen (KamScreen) that offers key m while the acting user is not on the team:
    call `refresh_me()` when it reads the workspace; `joined()` runs once the user is added."""

    _me: Joining | None = None

    def refresh_me(self) -> None:
        self._me = settings_service.proposed_me(self.kam.ctx)  # type: ignore[attr-defined]

    @property
    def may_join(self) -> bool:
        return self._me is not None

    def action_add_me(self) -> None:
        if self._me is not None:
            self.app.push_screen(join_dialog(self.kam.ctx, self._me, self.lang), self._joined)  # type: ignore[attr-defined]

    def _joined(self, member: Any) -> None:
        if member is None:
            return
        self.notify(Content(i18n.t("join.added", self.lang, name=member.name)))  # type: ignore[attr-defined]
        self.refresh_me()
        self.refresh_bindings()  # type: ignore[attr-defined]
        self.joined()

    def joined(self) -> None:
        """The user is on the team now: show what changes."""
