"""The activity form's words, in both languages (registered on import)."""

from __future__ import annotations

from kamtui.ui import i18n

i18n.register({
    "activity_form.new": ("New activity", "新建活动"),
    "activity_form.edit": ("Edit activity", "编辑活动"),
    "activity_form.type": ("Type (search en / 中文)", "类型（中英文搜索）"),
    "activity_form.type.none": ("No type chosen: type, then ↓ and enter", "尚未选择类型：输入后按 ↓ 和 enter"),
    "activity_form.type.chosen": ("✓ {type} → {scope} · {layer}", "✓ {type} → {scope} · {layer}"),
    "activity_form.scope": ("Scope", "范围"),
    "activity_form.layer": ("Layer", "层面"),
    "activity_form.targets.point": ("Targets (space ticks)", "对象（空格勾选）"),
    "activity_form.targets.line": ("Target department / line", "对象部门/业务线"),
    "activity_form.targets.whole": ("Target", "对象"),
    "activity_form.search_people": ("type a name to search", "输入姓名搜索"),
    "activity_form.whole": ("The whole account: {account}", "整个客户：{account}"),
    "activity_form.chosen": ("Chosen ({n}): {names}", "已选（{n}）：{names}"),
    "activity_form.line_option": ("line: {line}", "业务线：{line}"),
    "activity_form.objective": ("Objective", "目标"),
    "activity_form.short_board": ("Short board it addresses", "针对的短木板"),
    "activity_form.short_board.hint": ("current short board of this layer: {board}", "该层面当前短木板：{board}"),
    "activity_form.short_board.none": ("no short board known for this layer", "该层面暂无短木板"),
    "activity_form.needs": ("Needs level served", "满足的需求层次"),
    "activity_form.date": ("Date (YYYY-MM-DD)", "日期（YYYY-MM-DD）"),
    "activity_form.owner": ("Owner", "负责人"),
    "activity_form.cost": ("Cost", "费用"),
    "activity_form.currency": ("Currency", "币种"),
    "activity_form.reviewed": ("Compliance reviewed", "已合规审查"),
    "activity_form.saved": ("Saved: {what}", "已保存：{what}"),
})
