"""What the rules read of an activity's aim, whether from the validated model or a screen's
light row: what kind of activity it is, which layer, whom and what it addresses."""

from __future__ import annotations

from typing import Protocol

from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import Layer


class ActivityAim(Protocol):
    @property
    def type(self) -> ActivityType: ...
    @property
    def layer(self) -> Layer: ...
    @property
    def target_person_ids(self) -> list[str]: ...
    @property
    def target_department_id(self) -> str | None: ...
    @property
    def short_board(self) -> str: ...
