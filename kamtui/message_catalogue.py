"""Every error and problem kamtui reports, by code: (English, 中文). Read through kamtui.messages.

Placeholders are str.format fields; `{n|one|many}` is the English form for the count `n`.
A problem of a field (InputError.problems) is a phrase that follows the field's name
("name: an account with this name exists already"); an error is one sentence.
Stdlib only: the first screen loads it. The messages about files (git sync, plan files,
contact files) are in message_catalogue_files.py.
"""

from __future__ import annotations

from kamtui.message_catalogue_files import FILES

CATALOGUE: dict[str, tuple[str, str]] = {
    # -- records (entity names go into the sentences below) --------------------------------
    "entity.account": ("account", "客户"),
    "entity.person": ("person", "人员"),
    "entity.department": ("department", "部门"),
    "entity.competitor": ("competitor", "竞争对手"),
    "entity.team_member": ("team member", "团队成员"),
    "entity.settings": ("workspace settings", "工作区设置"),
    "entity.activity": ("activity", "活动"),
    "entity.person_link": ("relationship", "人员关系"),
    "entity.assessment": ("assessment", "评估"),
    "entity.layer_target": ("layer target", "层面目标"),
    "entity.pitfall_dismissal": ("dismissed pitfall", "已忽略的问题"),
    "entity.draft": ("draft", "草稿"),
    "record.changed_meanwhile": ("This {entity} was changed by someone else since you opened it.",
                                 "自您打开以来，此{entity}已被他人修改。"),
    "record.deleted_meanwhile": ("This {entity} was deleted by someone else since you opened it.",
                                 "自您打开以来，此{entity}已被他人删除。"),
    "record.gone": ("This {entity} was deleted meanwhile.", "此{entity}已被他人删除。"),
    "record.already_deleted": ("This {entity} was already deleted.", "此{entity}已被删除。"),
    "record.no_such": ("No {entity} with id {id}.", "没有 id 为 {id} 的{entity}。"),
    "record.cannot_add": ("Cannot add this {entity}: {why}.", "无法添加此{entity}：{why}。"),
    "record.cannot_save": ("Cannot save this {entity}: {why}.", "无法保存此{entity}：{why}。"),

    # -- values of fields (forms, models, plan files) ----------------------------------------
    "value.required": ("required", "必填"),
    "value.blank": ("must not be empty", "不能为空"),
    "value.unknown_key": ("unknown key", "未知的键"),
    "value.too_long": ("at most {max_length} {max_length|character|characters}", "最多 {max_length} 个字符"),
    "value.too_short": ("at least {min_length} {min_length|character|characters}", "至少 {min_length} 个字符"),
    "value.too_many": ("at most {max_length} {max_length|item|items}", "最多 {max_length} 项"),
    "value.too_few": ("at least {min_length} {min_length|item|items}", "至少 {min_length} 项"),
    "value.at_least": ("must be {limit} or more", "必须不小于 {limit}"),
    "value.at_most": ("must be {limit} or less", "必须不大于 {limit}"),
    "value.above": ("must be more than {limit}", "必须大于 {limit}"),
    "value.below": ("must be less than {limit}", "必须小于 {limit}"),
    "value.between": ("must be between {low} and {high}", "必须在 {low} 到 {high} 之间"),
    "value.one_of": ("must be one of {expected}", "必须是以下之一：{expected}"),
    "value.id_characters": ("may hold only letters, digits, _ and -", "只能包含字母、数字、_ 和 -"),
    "value.currency": ("must be three capital letters, like EUR", "必须是三个大写字母，如 EUR"),
    "value.bad_form": ("is not in the expected form", "格式不符合要求"),
    "value.not_whole_number": ("must be a whole number", "必须是整数"),
    "value.not_number": ("must be a number", "必须是数字"),
    "value.not_amount": ("must be an amount like 1200.50", "必须是金额，如 1200.50"),
    "value.not_date": ("must be a date written YYYY-MM-DD", "必须是“年-月-日”格式的日期"),
    "value.needs_date": ("needs a date written YYYY-MM-DD", "需要“年-月-日”格式的日期"),
    "value.not_after_today": ("cannot be after today", "不能晚于今天"),
    "value.not_yes_no": ("must be true or false", "必须是 true 或 false"),
    "value.not_text": ("must be text", "必须是文本"),
    "value.not_list": ("must be a list", "必须是列表"),
    "value.not_table": ("must be a table", "必须是表"),
    "value.invalid": ("is not valid", "无效"),
    "value.rate_1_to_4": ("rate it from 1 to 4", "请评 1–4 分"),
    "value.give_reason": ("give a reason", "请填写理由"),
    "value.ambiguous": ("names more than one", "对应不止一项"),
    "input.problems": ("{problems}", "{problems}"),  # InputError's own sentence: its problems

    # -- accounts, people, departments, links ------------------------------------------------
    "account.name_taken": ("an account with this name exists already", "已有同名客户"),
    "account.ambiguous": ("'{wanted}' matches {n} accounts: {names}; give more of the name, or the id.",
                          "“{wanted}”匹配 {n} 个客户：{names}；请给出更完整的名称或 id。"),
    "account.not_found": ("No account named '{wanted}' (nor with that id) in this workspace.",
                          "此工作区中没有名为“{wanted}”的客户（也没有此 id）。"),
    "person.reports_cycle": ("the one chosen already reports (indirectly) to this person",
                             "所选人员已（间接）汇报给此人"),
    "person.reports_to_self": ("a person cannot report to themselves", "人员不能向自己汇报"),
    "link.exists": ("this link exists already", "此关系已存在"),
    "link.to_self": ("a person cannot be linked to themselves", "人员不能与自己关联"),
    "department.cycle": ("a department cannot move under itself or its own sub-department",
                         "部门不能移到自身或其下级部门之下"),
    "department.own_parent": ("a department cannot be its own parent", "部门不能是自己的上级"),
    "department.not_empty": ("move its people and sub-departments out first", "请先移出其人员和下级部门"),

    # -- assessments and targets -----------------------------------------------------------
    "assessment.person_twice": ("a person is rated twice", "同一人员被评了两次"),
    "assessment.department_twice": ("a department is rated twice", "同一部门被评了两次"),
    "target.organization_is_a_level": ("the organization layer's target is a level", "组织层面的目标是级别"),
    "target.level_only_organization": ("only the organization layer has a level target", "只有组织层面有级别目标"),
    "target.extensive_range": ("the extensive index runs from 0 to 100", "普遍关系指数的范围是 0 到 100"),
    "assessment.changed_meanwhile": ("Changed by someone else meanwhile: {items}", "他人已同时修改：{items}"),
    "pitfall.give_reason": ("give a reason for dismissing the pitfall", "请填写忽略此问题的理由"),

    # -- activities ------------------------------------------------------------------------
    "activity.pick_type": ("pick an activity type", "请选择活动类型"),
    "activity.pick_type_listed": ("pick a type from the list", "请从列表中选择类型"),
    "activity.choose_people": ("choose at least one person", "至少选择一人"),
    "activity.choose_line": ("choose a department or business line", "请选择部门或业务线"),
    "activity.point_needs_person": ("a point activity targets at least one person", "点状活动至少要针对一位人员"),
    "activity.line_needs_target": ("a line activity targets a department or business line",
                                   "线状活动须针对一个部门或业务线"),
    "activity.person_twice": ("a person is named twice", "同一人员出现了两次"),
    "activity.target_not_here": ("a target is not a person of this account", "有对象不是此客户的人员"),
    "activity.department_not_here": ("the department is not one of this account", "该部门不属于此客户"),
    "activity.does_not_advance": ("an activity that is “{status}” does not advance", "状态为“{status}”的活动不能再推进"),
    "activity.only_open_done": ("only an open activity can be marked done", "只有未结束的活动才能标记为完成"),
    "activity.only_open_cancelled": ("only an open activity can be cancelled", "只有未结束的活动才能取消"),
    "activity.say_outcome": ("say what came out of it", "请填写成果"),
    "activity.approval_first": ("over a compliance threshold: record an approval first", "超过合规阈值：请先记录审批"),
    "activity.approval_date": ("give the date of the approval", "请填写审批日期"),
    # completing with a re-rating (services/assessments/rerating.py)
    "rerate.not_a_target": ("not a target of this activity", "不是此活动的对象"),
    "rerate.needs_range": ("a needs level is 1 to 5", "需求层次为 1 到 5"),
    "rerate.org_range": ("rate it from 1 to 4 (only what the activity addressed)", "请评 1 到 4 分（仅限此活动针对的项目）"),
    "rerate.indicator_range": ("rate it from 1 to 5 (only what the activity addressed)", "请评 1 到 5 分（仅限此活动针对的项目）"),
    "rerate.evidence_not_addressed": ("not an evidence item this activity addressed", "不是此活动针对的证据项"),
    "rerate.changed_meanwhile": ("{person}'s {what} was changed meanwhile: complete it again to re-rate",
                                 "{person}的{what}已被他人修改：请重新完成以重新评定"),
    "rerate.attitude": ("attitude", "态度"),
    "rerate.needs_level": ("needs level", "需求层次"),

    # -- files written by the app (calendar, map) --------------------------------------------
    "path.give_name": ("give a file name", "请给出文件名"),
    "path.is_folder": ("this is a folder, not a file", "这是文件夹，不是文件"),
    "path.no_folder": ("no folder {folder}", "没有文件夹 {folder}"),
    "path.exists_overwrite": ("the file exists: tick overwrite or choose another name",
                              "文件已存在：请勾选覆盖或另选文件名"),
    "path.map_suffix": ("end the file name in .mmd (Mermaid) or .dot (Graphviz)",
                        "文件名须以 .mmd（Mermaid）或 .dot（Graphviz）结尾"),
    "path.unreachable": ("{path} cannot be reached: permission denied (you may not enter a folder on its way; "
                         "ask its owner to let you in).",
                         "无法访问 {path}：权限不足（您可能无权进入其路径上的某个文件夹；请联系其所有者开放权限）。"),

    # -- what the operating system refused ---------------------------------------------------
    "os.cannot_use": ("Cannot use {path}: {why}.", "无法使用 {path}：{why}。"),
    "os.cannot_write": ("Cannot write {path}: {why}.", "无法写入 {path}：{why}。"),
    "os.cannot_write_whole": ("Cannot write {path}: {why}; no file was left half-written.",
                              "无法写入 {path}：{why}；没有留下写了一半的文件。"),
    "os.failed": ("The system refused: {why}.", "系统拒绝了操作：{why}。"),
    "os.why.full": ("the disk is full", "磁盘已满"),
    "os.why.quota": ("the disk quota is used up", "磁盘配额已用完"),
    "os.why.permission": ("permission denied", "权限不足"),
    "os.why.read_only_fs": ("the file system is read-only", "文件系统只读"),
    "os.why.missing": ("no such file or folder", "没有这个文件或文件夹"),
    "os.why.exists": ("it exists already", "已存在"),
    "os.why.not_folder": ("a part of the path is not a folder", "路径中有一部分不是文件夹"),
    "os.why.is_folder": ("it is a folder", "这是文件夹"),
    "os.why.name_too_long": ("the name is too long", "名称过长"),
    "os.why.io": ("the disk could not be read or written (I/O error)", "磁盘读写出错（I/O 错误）"),
    "os.why.other": ("{what}", "{what}"),  # the system's own words, when it gave no number we know

    # -- workspaces --------------------------------------------------------------------------
    "workspace.missing": ("No workspace at {path}: create one with `kamtui init {path}`.",
                          "{path} 处没有工作区：用 `kamtui init {path}` 新建一个。"),
    "workspace.none_at": ("No workspace at {path}.", "{path} 处没有工作区。"),
    "workspace.is_folder": ("{path} is a folder, not a workspace file.", "{path} 是文件夹，不是工作区文件。"),
    "workspace.no_permission": ("{path} cannot be read: permission denied.", "无法读取 {path}：权限不足。"),
    "workspace.cannot_read": ("{path} cannot be read: {why}.", "无法读取 {path}：{why}。"),
    "workspace.empty_file": ("{path} is an empty file, not a kamtui workspace.", "{path} 是空文件，不是 kamtui 工作区。"),
    "workspace.not_sqlite": ("{path} is not a kamtui workspace (not an SQLite database).",
                             "{path} 不是 kamtui 工作区（不是 SQLite 数据库）。"),
    "workspace.foreign": ("{path} is an SQLite database of another program, not a kamtui workspace.",
                          "{path} 是其他程序的 SQLite 数据库，不是 kamtui 工作区。"),
    "workspace.newer": ("{path} was created by a newer kamtui (schema {found}, this one knows {known}): "
                        "upgrade kamtui.",
                        "{path} 由较新版本的 kamtui 创建（架构 {found}，本程序支持 {known}）：请升级 kamtui。"),
    "workspace.newer_schema": ("{path} was created by a newer kamtui (schema {found}): upgrade kamtui.",
                               "{path} 由较新版本的 kamtui 创建（架构 {found}）：请升级 kamtui。"),
    "workspace.unknown_value": ("The workspace holds a value this kamtui does not know ({table}.{column} = {value}): "
                                "upgrade kamtui or fix the value.",
                                "工作区中有本版本 kamtui 不认识的值（{table}.{column} = {value}）：请升级 kamtui 或修正该值。"),
    "workspace.upgrade_read_only": ("{path} needs an upgrade of its schema, but it is read-only here: "
                                    "open it once where it is writable.",
                                    "{path} 需要升级架构，但在此处只读：请在可写的地方打开一次。"),
    "workspace.exists": ("{path} already exists: open it, or choose another name.",
                         "{path} 已存在：请打开它，或另选名称。"),
    "workspace.cannot_create": ("Cannot create {path}: {why}.", "无法创建 {path}：{why}。"),
    "workspace.cannot_create_clean": ("Cannot create {path}: {why}; nothing was left behind.",
                                      "无法创建 {path}：{why}；未留下任何文件。"),
    "workspace.no_group": ("There is no group named '{group}' on this machine: give the team's group.",
                           "此机器上没有名为“{group}”的组：请给出团队的组。"),
    "workspace.folder_other_group": ("{folder} belongs to another group than '{group}': give the folder to the team "
                                     "(`chgrp {group} {folder} && chmod 2770 {folder}`) or create the workspace in a "
                                     "new folder.",
                                     "{folder} 属于“{group}”以外的组：请把该文件夹交给团队（`chgrp {group} {folder} "
                                     "&& chmod 2770 {folder}`），或在新文件夹中创建工作区。"),
    "workspace.private_group": ("A shared workspace there would belong to '{group}', your private group, which nobody "
                                "else is in: name the team's group with --group NAME.",
                                "在那里创建的共享工作区将属于“{group}”，即只有您一人的私有组：请用 --group NAME 指定"
                                "团队的组。"),
    "workspace.cannot_list": ("Cannot look for workspaces in {folder}: permission denied.",
                              "无法在 {folder} 中查找工作区：权限不足。"),
    "workspace.locked": ("{path} is locked by another process: try again in a moment.",
                         "{path} 被另一个进程锁定：请稍后再试。"),
    "workspace.read_only": ("{path} is read-only here.", "{path} 在此处只读。"),
    "workspace.cannot_open": ("{path} cannot be opened: check the file and folder permissions.",
                              "无法打开 {path}：请检查文件及文件夹的权限。"),
    "workspace.unusable": ("{path} cannot be used: {why}.", "无法使用 {path}：{why}。"),
    "workspace.damaged": ("{path} is damaged ({detail}); it was left untouched: restore the newest verified "
                          "backup with `kamtui restore {path} {backup}`.",
                          "{path} 已损坏（{detail}），未做任何改动：请用 `kamtui restore {path} {backup}` "
                          "恢复最新的已验证备份。"),
    "workspace.damaged_no_backup": ("{path} is damaged ({detail}); it was left untouched: no verified backup "
                                    "was found next to it.",
                                    "{path} 已损坏（{detail}），未做任何改动：旁边没有找到已验证的备份。"),
    "workspace.replaced": ("The workspace file was deleted or replaced under this window: nothing was saved, "
                           "kamtui has reopened it, save again.",
                           "工作区文件在此窗口打开期间被删除或替换：未保存任何内容，kamtui 已重新打开它，请再次保存。"),
    "workspace.replaced_gone": ("The workspace file was deleted or replaced under this window and cannot be "
                                "reopened ({why}): nothing was saved.",
                                "工作区文件在此窗口打开期间被删除或替换，且无法重新打开（{why}）：未保存任何内容。"),
    "workspace.open_elsewhere": ("{path} is open in another kamtui (or process): close it first.",
                                 "{path} 正在另一个 kamtui（或进程）中打开：请先关闭它。"),
    "workspace.open_elsewhere_restore": ("{path} is open in another kamtui (or process): close it there, "
                                         "then restore.",
                                         "{path} 正在另一个 kamtui（或进程）中打开：请先在那里关闭，再恢复。"),
    # saving
    "save.read_only_open": ("{path} is open read-only: changes cannot be saved.", "{path} 以只读方式打开：无法保存修改。"),
    "save.read_only_here": ("{path} is read-only here: changes cannot be saved.", "{path} 在此处只读：无法保存修改。"),
    "save.busy": ("Workspace busy (another person is saving): try again.", "工作区繁忙（他人正在保存）：请重试。"),
    "save.failed_unchanged": ("Could not save: {why}. Nothing was changed.", "无法保存：{why}。未做任何修改。"),
    "save.failed": ("Could not save: {why}.", "无法保存：{why}。"),

    # -- backups -----------------------------------------------------------------------------
    "backup.exists": ("{path} exists already: choose another name.", "{path} 已存在：请另选名称。"),
    "backup.no_folder": ("Cannot back up into {folder}: there is no such folder.",
                         "无法备份到 {folder}：没有这个文件夹。"),
    "backup.folder_not_writable": ("Cannot back up into {folder}: the folder is not writable for you; back up "
                                   "to a folder of yours with `kamtui backup {path} DEST`.",
                                   "无法备份到 {folder}：您对该文件夹没有写权限；请用 `kamtui backup {path} DEST` "
                                   "备份到您自己的文件夹。"),
    "backup.folder_not_writable_dest": ("Cannot back up into {folder}: the folder is not writable for you; back "
                                        "up to a folder of yours with another DEST.",
                                        "无法备份到 {folder}：您对该文件夹没有写权限；请另选一个您自己的 DEST 文件夹。"),
    "backup.copy_failed_check": ("The copy for {path} failed its check ({check}); it was removed.",
                                 "{path} 的副本未通过检查（{check}），已删除。"),
    "backup.failed": ("Could not back up {path}: {why}.", "无法备份 {path}：{why}。"),
    "backup.finding.not_kamtui": ("not a kamtui workspace", "不是 kamtui 工作区"),
    "backup.finding.no_schema": ("no schema", "没有架构"),
    "backup.not_sound": ("{path} is not a sound backup ({check}): choose another.",
                         "{path} 不是完好的备份（{check}）：请另选一个。"),

    # -- the command line --------------------------------------------------------------------
    "cli.no_workspace": ("No workspace in {folder}/: run `kamtui demo` to try the demo, or `kamtui init TEAM` "
                         "to start one.",
                         "{folder}/ 中没有工作区：运行 `kamtui demo` 试用演示，或运行 `kamtui init TEAM` 新建一个。"),
    "cli.several_workspaces": ("Several workspaces in {folder}/ ({names}): name one, e.g. `kamtui {example}`.",
                               "{folder}/ 中有多个工作区（{names}）：请指定一个，例如 `kamtui {example}`。"),
    "cli.check_failed": ("The workspace has problems (see above).", "工作区有问题（见上文）。"),
    "config.unreadable": ("Cannot read the config file {path}: {why}.", "无法读取配置文件 {path}：{why}。"),
    "config.invalid": ("The config file {path} is not valid TOML: {why}.", "配置文件 {path} 不是有效的 TOML：{why}。"),
    "config.keys_not_table": ("In the config file {path}, `keys` must be a table: [keys] then one `id = \"key\"` a line.",
                              "配置文件 {path} 中的 `keys` 必须是一个表：先写 `[keys]`，再每行写一个 `id = \"按键\"`。"),
    "config.key_unknown": ("In the config file {path}, line {line}: [keys] `{entry}` is not the id of a kamtui key "
                           "(README lists them).",
                           "配置文件 {path} 第 {line} 行：`[keys]` 中的 `{entry}` 不是 kamtui 按键的 id（见 `README` 中的列表）。"),
    "config.key_unknown_near": ("In the config file {path}, line {line}: [keys] `{entry}` is not the id of a kamtui key; "
                                "did you mean `{near}`?",
                                "配置文件 {path} 第 {line} 行：`[keys]` 中的 `{entry}` 不是 kamtui 按键的 id；"
                                "您是否要用 `{near}`？"),
    "config.key_invalid": ("In the config file {path}, line {line}: [keys] `{entry}` = \"{value}\" is not a key "
                           "(write keys like \"y\", \"G\", \"ctrl+o\", \"f2\", several as \"ctrl+o,f2\").",
                           "配置文件 {path} 第 {line} 行：`[keys]` 中的 `{entry} = \"{value}\"` 不是按键"
                           "（按键写法如 `y`、`G`、`ctrl+o`、`f2`，多个写成 `ctrl+o,f2`）。"),
    "cli.no_such_command": ("No such command '{name}' (nor a workspace of that name). Did you mean '{near}'?",
                            "没有“{name}”这个命令（也没有这个名称的工作区）。您是否要用“{near}”？"),
    "cli.nothing_restored": ("Nothing was restored.", "未恢复任何内容。"),
    "cli.exported": ("Exported {n} {n|file|files} ({size}) to {folder}", "已导出 {n} 个文件（{size}）到 {folder}"),
    "cli.private_left_out": (" (private fields left out)", "（未包含私密字段）"),
    "cli.stale_plans": ("{folder} also holds {n} other plan {n|file|files} ({names}); an import of the folder "
                        "reads {n|it|them} too.",
                        "{folder} 中还有 {n} 个其他计划文件（{names}）；导入该文件夹时也会读取。"),
    "cli.imported": ("Imported {files} {files|file|files} into {path} ({written} {written|record|records} written).",
                     "已将 {files} 个文件导入 {path}（写入 {written} 条记录）。"),

    # -- serving the app to a browser ------------------------------------------------------
    "serve.no_web": ("`kamtui serve` needs `textual-serve`: install it with `pip install 'kamtui[web]'`.",
                     "`kamtui serve` 需要 `textual-serve`：请用 `pip install 'kamtui[web]'` 安装。"),
    "serve.exposed": ("serving on {host}, not only this machine: whoever reaches it with the link acts as {user}, "
                      "over plain http; prefer the default 127.0.0.1 and `ssh -L`.",
                      "正在 {host} 上提供服务，而不只是本机：任何持有链接并能访问它的人都以 {user} 的身份操作，"
                      "且连接未加密；建议使用默认的 127.0.0.1 和 `ssh -L`。"),
    "serve.ready": ("Serving {workspace} as {user}: open this link in a browser (`ctrl+C` stops):",
                    "正在以 {user} 的身份提供 {workspace}：请在浏览器中打开此链接（按 `ctrl+C` 停止）："),
    "serve.port_taken": ("Cannot listen on {address}: the port is in use; choose another with `--port`.",
                         "无法在 {address} 上监听：该端口已被占用；请用 `--port` 另选一个。"),
    "serve.cannot_listen": ("Cannot listen on {address}: {why}.", "无法在 {address} 上监听：{why}。"),
    "serve.no_key": ("This kamtui server answers only to its link: open the address `kamtui serve` printed.",
                     "此 kamtui 服务器只响应它的链接：请打开 `kamtui serve` 输出的地址。"),

    **FILES,  # sync, plan files and contact files: message_catalogue_files.py
}
