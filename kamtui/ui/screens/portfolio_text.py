"""The portfolio's words: its keys (footer, help, palette) and messages, in both languages."""

from __future__ import annotations

from kamtui.ui.i18n import register

# key id: (footer label, help sentence, palette title), each (English, 中文)
KEYS: dict[str, tuple[tuple[str, str], tuple[str, str], tuple[str, str]]] = {
    "open": (("Open", "打开"), ("Open the highlighted account's overview", "打开所选客户的概览"),
             ("account: open overview", "客户：打开概览")),
    "filter": (("Filter", "筛选"),
               ("Filter as you type: account, short name, industry, owner, people and departments",
                "边输入边筛选：客户、简称、行业、负责人、人员和部门"),
               ("view: filter accounts", "视图：筛选客户")),
    "clear": (("Clear", "清除"), ("Clear the filter", "清除筛选"), ("view: clear the filter", "视图：清除筛选")),
    "new": (("New", "新建"), ("Add an account", "新建客户"), ("account: new", "客户：新建")),
    "edit": (("Edit", "编辑"), ("Edit the highlighted account", "编辑所选客户"), ("account: edit", "客户：编辑")),
    "delete": (("Archive", "归档"),
               ("Archive the account: kept, out of the list (asks first; u restores it)", "归档客户：保留记录，不再列出（先确认；u 可恢复）"),
               ("account: archive", "客户：归档")),
    "archived": (("Archived", "归档"), ("Show or hide archived accounts", "显示或隐藏已归档客户"),
                 ("view: show / hide archived accounts", "视图：显示/隐藏已归档客户")),
    "restore": (("Restore", "恢复"), ("Restore the highlighted archived account", "恢复所选的已归档客户"),
                ("account: restore", "客户：恢复")),
    "add_me": (("Add me", "加入团队"), ("Add yourself (your login) to the team as a member",
                                         "将自己（登录名）加入团队成员"),
               ("team member: add me", "团队成员：加入我")),
    "sort": (("Sort", "排序"), ("Sort by the next column", "按下一列排序"),
             ("view: sort by next column", "视图：按下一列排序")),
    "reverse": (("Reverse", "倒序"), ("Reverse the sort order", "反转排序"), ("view: reverse sort", "视图：反转排序")),
    "tier": (("Tier", "客户级别"), ("Show one tier at a time: all, strategic, key, standard",
                                 "按客户级别显示：全部、战略、重点、一般"),
             ("view: next tier", "视图：下一个客户级别")),
}
register({f"{kind}.portfolio_{key}": words[i] for key, words in KEYS.items()
          for i, kind in enumerate(("key", "help", "cmd"))})
register({
    "portfolio.tier_shown": ("Showing the tier {tier} only (T: next tier)", "仅显示客户级别 {tier}（T：下一个）"),
    "portfolio.tier_all": ("Showing every tier", "显示全部客户级别"),
    "portfolio.filter_placeholder": ("filter: name, industry, owner, person, department… (esc clears)",
                                     "筛选：名称、行业、负责人、人员、部门…（esc 清除）"),
    "portfolio.no_match": ("No account matches this filter (esc clears it).", "没有客户符合筛选（esc 清除）。"),
    "portfolio.archive.title": ("Delete (archive) $name?", "删除（归档）$name？"),
    "portfolio.archive.body": (
        "It goes with {people} {people|person|people}, {departments} {departments|department|departments}, "
        "{activities} {activities|activity|activities}, "
        "{assessments} {assessments|assessment|assessments} and {competitors} {competitors|competitor|competitors}.\n"
        "Nothing is erased: the account is archived; A shows archived accounts and u restores it.",
        "随之归档：{people} 位人员、{departments} 个部门、{activities} 项活动、{assessments} 次评估、"
        "{competitors} 个竞争对手。\n不会删除任何数据：客户被归档；按 A 显示已归档客户，按 u 恢复。"),
    "portfolio.archived_msg": ("Archived $name. A shows archived accounts; u restores.",
                               "已归档 $name。按 A 显示已归档客户，按 u 恢复。"),
    "portfolio.restored_msg": ("Restored $name.", "已恢复 $name。"),
})
