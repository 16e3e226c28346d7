"""The team screens' words (English, 中文)."""

from __future__ import annotations

from kamtui.ui.i18n import register

register({
    "key.team_open": ("Open", "打开"),
    "help.team_open": ("List the group's accounts, or open the account", "列出该组的客户，或打开该客户"),
    "key.team_by": ("Group by", "分组"),
    "help.team_by": ("Group by owner, tier or organization level", "按负责人、级别或组织关系级别分组"),
    "key.team_period": ("Period", "期间"),
    "help.team_period": ("Pick the period: any two dates (this quarter by default)", "选择期间：任意两个日期（默认本季度）"),
    "key.team_tier": ("Tier", "客户级别"),
    "help.team_tier": ("Only one tier's accounts: all, strategic, key, standard", "仅某一客户级别的客户：全部、战略、重点、一般"),
    "cmd.team_tier": ("team: next tier", "团队：下一个客户级别"),
    "team.tier": (" · tier {tier}", " · 客户级别 {tier}"),
    "cmd.team_by": ("team: group by owner / tier / level", "团队：按负责人 / 级别 / 组织级别分组"),
    "cmd.team_period": ("team: pick the period", "团队：选择期间"),
    "team.title": ("Team · {start} to {end} · by {by}", "团队 · {start} 至 {end} · 按{by}"),
    "team.accounts_title": ("{group} · {start} to {end}", "{group} · {start} 至 {end}"),
    "team.by.owner": ("owner", "负责人"),
    "team.by.tier": ("tier", "级别"),
    "team.by.level": ("level", "组织级别"),
    "team.col.account": ("Account", "客户"),
    "team.col.level": ("Level start → end", "级别 期初 → 期末"),
    "team.chart.levels": ("Accounts per level", "各级别客户数"),
    "team.chart.start": ("start", "期初"),
    "team.chart.end": ("end", "期末"),
    "team.chart.execution": ("Execution: on time · late · overdue", "执行：按时 · 延迟 · 逾期"),
    "team.chart.history": ("{name}: the three layers over time", "{name}：三个层面随时间变化"),
    "team.line.key": ("Key index", "关键客户指数"),
    "team.line.ext": ("Extensive index", "普遍客户指数"),
    "team.line.org": ("Org level ×25", "组织级别 ×25"),
    "team.text.levels": ("Levels at the start: {start}. At the end: {end}.", "期初级别：{start}。期末：{end}。"),
    "team.text.moves": ("Up: {ups}. Down: {downs}. First assessed: {new}.", "上升：{ups}。下降：{downs}。首次评估：{new}。"),
    "team.text.exec": ("Planned {planned}: on time {on_time}, late {late}, done without a day {unrecorded}, "
                       "overdue {overdue}, coming {upcoming}, cancelled {cancelled}; undated {undated}; "
                       "on time {share}; awaiting approval {approval}.",
                       "计划 {planned}：按时 {on_time}，延迟 {late}，完成无日期 {unrecorded}，逾期 {overdue}，"
                       "待进行 {upcoming}，取消 {cancelled}；无日期 {undated}；按时率 {share}；待审批 {approval}。"),
    "team.text.history": ("{day}: {level}, key {keyi}, extensive {ext}", "{day}：{level}，关键 {keyi}，普遍 {ext}"),
    "team.none": ("none", "无"),
    "team.text.figures": ("key index Δ {key_delta}, extensive index Δ {ext_delta}; red flags opened {opened}, cleared {cleared}; "
                          "decision-maker coverage {coverage}.",
                          "关键客户指数Δ {key_delta}，普遍客户指数Δ {ext_delta}；红旗新增 {opened}，解除 {cleared}；决策者覆盖 {coverage}。"),
    "team.loading": ("Reading the team's figures…", "正在读取团队数据…"),
    "team.period.title": ("Period", "期间"),
    "team.period.from": ("From", "从"),
    "team.period.to": ("To", "至"),
})

# Headings shorter than the report's where a column is much wider than its figures (the text
# under the charts names every figure in full)
SHORT_HEADINGS = {"approval": ("Approval", "待审批"), "coverage": ("DM cov.", "决策覆盖"),
                  "flags": ("Flags ±", "红旗 ±"), "levels": ("Levels V·S·SS·P", "级别 供·供·战·伙")}
