"""Customer definition (issue 16.3): the dialog in which the team writes, per tier, a short name
("A") and the criteria an account of that tier meets. Opened from the workspace settings (t)."""

from __future__ import annotations

from typing import Any

from kamtui.domain.enums import Tier
from kamtui.services import team
from kamtui.services.context import Context
from kamtui.ui.i18n import register, t
from kamtui.ui.screens.form import FormDialog, FormField

register({
    "tiers.title": ("Tiers: names and criteria", "客户级别：名称与标准"),
    "key.settings_tiers": ("Tiers", "客户级别"),
    "help.settings_tiers": ("Write each tier's short name (A, B, C…) and its criteria",
                            "填写各客户级别的简称（A、B、C…）及其标准"),
    "cmd.settings_tiers": ("settings: tiers and their criteria", "设置：客户级别及其标准"),
})


def tier_dialog(ctx: Context, lang: str) -> FormDialog:
    current = team.tier_criteria(ctx)
    fields: list[FormField] = []
    for tier, example in zip(Tier, "ABC"):
        en, zh = type(tier).__labels__[tier.value]
        label, criteria = current[tier]
        fields += [FormField(f"{tier.value}__label", (f"{en}: short name", f"{zh}：简称"), value=label,
                             placeholder=example),
                   FormField(f"{tier.value}__criteria", (f"{en}: criteria", f"{zh}：标准"), "note", criteria)]

    def submit(data: dict[str, Any]) -> dict:
        values = {tier: ((data[f"{tier.value}__label"] or "").strip(), (data[f"{tier.value}__criteria"] or "").strip())
                  for tier in Tier}
        team.save_tier_criteria(ctx, values)
        return values

    return FormDialog(t("tiers.title", lang), fields, submit)  # type: ignore[arg-type]
