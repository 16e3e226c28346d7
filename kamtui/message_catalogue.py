"""Every error and problem kamtui reports, by code: (English, 中文). Read through kamtui.messages.

Placeholders are str.format fields; `{n|one|many}` is the English form for the count `n`.
A problem of a field (InputError.problems) is a phrase that follows the field's name
("name: an account with this name exists already"); an error is one sentence.
Stdlib only, no imports: the first screen loads it.
"""

from __future__ import annotations

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
    "value.not_date": ("must be a date like 2026-11-26", "必须是日期，如 2026-11-26"),
    "value.needs_date": ("needs a date like {example}", "需要日期，如 {example}"),
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
    "account.ambiguous": ("'{wanted}' names several accounts: {names}; give the id.",
                          "“{wanted}”对应多个客户：{names}；请给出 id。"),
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
    "cli.nothing_restored": ("Nothing was restored.", "未恢复任何内容。"),
    "cli.exported": ("Exported {n} {n|file|files} ({size}) to {folder}", "已导出 {n} 个文件（{size}）到 {folder}"),
    "cli.private_left_out": (" (private fields left out)", "（未包含私密字段）"),
    "cli.stale_plans": ("{folder} also holds {n} other plan {n|file|files} ({names}); an import of the folder "
                        "reads {n|it|them} too.",
                        "{folder} 中还有 {n} 个其他计划文件（{names}）；导入该文件夹时也会读取。"),
    "cli.imported": ("Imported {files} {files|file|files} into {path} ({written} {written|record|records} written).",
                     "已将 {files} 个文件导入 {path}（写入 {written} 条记录）。"),

    # -- sync through git ----------------------------------------------------------------------
    "sync.no_git": ("git is not installed: kamtui sync drives git.", "未安装 git：`kamtui sync` 需要 git。"),
    "sync.git_failed": ("git {command} failed in {repo}: {why}.", "git {command} 在 {repo} 中失败：{why}。"),
    "sync.not_a_clone": ("{repo} is not a git clone: clone the team's repository there, then run "
                         "`kamtui sync WORKSPACE --repo {repo} --init`.",
                         "{repo} 不是 git 克隆：请先在那里克隆团队的仓库，再运行 `kamtui sync WORKSPACE --repo {repo} --init`。"),
    "sync.no_driver": ("{repo} does not merge plan files with kamtui yet: run `kamtui sync WORKSPACE --repo {repo} "
                       "--init` once.",
                       "{repo} 尚未用 kamtui 合并计划文件：请运行一次 `kamtui sync WORKSPACE --repo {repo} --init`。"),
    "sync.mid_merge": ("{repo} is in the middle of a merge: finish or abort it (`git merge --abort`) first.",
                       "{repo} 正处于合并之中：请先完成或放弃合并（`git merge --abort`）。"),
    "sync.dirty": ("{repo} has changes not committed ({file}…): commit or discard them first; kamtui sync only "
                   "commits what it writes itself.",
                   "{repo} 有未提交的修改（{file}…）：请先提交或丢弃；`kamtui sync` 只提交它自己写入的内容。"),
    "sync.unmerged": ("git could not merge {file} in {repo}; nothing was imported: merge it by hand (git pull), "
                      "commit, and sync again.",
                      "git 无法合并 {repo} 中的 {file}，未导入任何内容：请手动合并（`git pull`）、提交，然后再次同步。"),
    "sync.read_only": ("{path} is read-only here: a sync imports into it, so it needs to be writable.",
                       "{path} 在此处只读：同步会导入到其中，因此它必须可写。"),
    "sync.conflicts_left": ("{n} {n|record|records} with conflicts {n|was|were} left as {n|it is|they are} in the "
                            "workspace; {n|it travels|they travel} with the files until decided (`kamtui import` with "
                            "--overwrite or --keep-workspace, or plan: import… in the app), then sync again.",
                            "{n} 条有冲突的记录保持工作区中的原样；在决定之前，它们随文件同步（用 `kamtui import` 加 "
                            "--overwrite 或 --keep-workspace，或在应用中用“计划：导入…”），然后再次同步。"),
    "cli.synced": ("Synced {path} with {repo}: {exported} {exported|file|files} exported, {written} "
                   "{written|record|records} imported; {where}.",
                   "已将 {path} 与 {repo} 同步：导出 {exported} 个文件，导入 {written} 条记录；{where}。"),
    "cli.synced.pushed": ("pushed", "已推送"),
    "cli.synced.local": ("committed locally (the clone has no upstream)", "已在本地提交（该克隆没有上游）"),
    "cli.synced.not_pushed": ("not pushed", "未推送"),

    # -- plans as files ----------------------------------------------------------------------
    "plan.export.name_one": ("{path} holds {n} {n|account|accounts}: name one with --account, or export them "
                             "all with --all.",
                             "{path} 中有 {n} 个客户：请用 --account 指定一个，或用 --all 全部导出。"),
    "plan.export.no_folder": ("Cannot write {path}: the folder {folder} does not exist.",
                              "无法写入 {path}：文件夹 {folder} 不存在。"),
    "plan.export.is_file": ("{path} is a file: give a folder for several plans.", "{path} 是文件：多个计划请指定文件夹。"),
    "plan.export.same_file": ("Two plans of this export would both be written to {path}: nothing more was written.",
                              "此次导出中有两个计划会写入同一个文件 {path}：未再写入任何文件。"),
    "plan.import.one": ("{where}: {what} (nothing was imported)", "{where}：{what}（未导入任何内容）"),
    "plan.import.in_file": ("{file}: {n} {n|problem|problems} (nothing was imported)", "{file}：{n} 个问题（未导入任何内容）"),
    "plan.import.in_files": ("{files} {files|file has|files have} problems, {n} in all (nothing was imported)",
                             "{files} 个文件有问题，共 {n} 个（未导入任何内容）"),
    "plan.import.conflicts_left": ("{n} {n|record|records} with conflicts {n|was|were} left as {n|it is|they are} in "
                                   "the workspace; decide {n|it|them} with --overwrite (the file's values) or "
                                   "--keep-workspace, or in the app (plan: import…).",
                                   "{n} 条有冲突的记录保持工作区中的原样；请用 --overwrite（采用文件中的值）或 "
                                   "--keep-workspace 决定，或在应用中处理（计划：导入…）。"),
    "plan.import.failed": ("Could not import: {why} (nothing was imported).", "无法导入：{why}（未导入任何内容）。"),
    "plan.demo_files": ("{folder}: {where}: {what}", "{folder}：{where}：{what}"),
    # where in a file
    "plan.at": ("{file}, line {line}, column {column}", "{file} 第 {line} 行第 {column} 列"),
    # reading the files
    "plan.over_limit": ("more than {limit}: plan files are limited to that", "超过 {limit}：计划文件不能超过此大小"),
    "plan.too_big": ("{size}: plan files are limited to {limit}", "{size}：计划文件不能超过 {limit}"),
    "plan.no_files": ("no .toml plan files in this folder", "此文件夹中没有 .toml 计划文件"),
    "plan.cannot_read": ("cannot be read: {why}", "无法读取：{why}"),
    "plan.not_utf8": ("not UTF-8 text", "不是 UTF-8 文本"),
    "plan.too_deep": ("nested {depth} levels deep: plan files nest at most {limit} (arrays and tables)",
                      "嵌套 {depth} 层：计划文件最多嵌套 {limit} 层（数组和表）"),
    "plan.too_deep_to_read": ("nested too deeply to read", "嵌套过深，无法读取"),
    "plan.too_deep_record": ("nested too deeply", "嵌套过深"),
    "plan.syntax": ("{what}: {snippet}", "{what}：{snippet}"),
    # TOML syntax (tomllib's refusals, worded)
    "toml.invalid_statement": ("invalid statement", "无效的语句"),
    "toml.expected_newline": ("expected a line break after the statement", "语句之后应换行"),
    "toml.expected": ("expected {what}", "此处应为 {what}"),
    "toml.invalid_character": ("invalid character {what}", "无效字符 {what}"),
    "toml.illegal_character": ("illegal character {what}", "非法字符 {what}"),
    "toml.line_break_in_string": ('line break inside a one-line string (use """…""")',
                                  '单行字符串中有换行（请用 """…"""）'),
    "toml.declared_twice": ("table [{table}] is declared twice", "表 [{table}] 被声明了两次"),
    "toml.key_twice": ("a key is given twice", "同一个键出现了两次"),
    "toml.table_header": ("expected ']' at the end of a table header", "表头结尾应为 ]"),
    "toml.array_header": ("expected ']]' at the end of an array of tables header", "表数组头结尾应为 ]]"),
    "toml.immutable": ("{key} cannot be changed here (it was given inline)", "{key} 在此处不能再修改（已以内联方式给出）"),
    "toml.redefined": ("{key} is defined twice", "{key} 被定义了两次"),
    "toml.expected_equals": ("expected '=' after the key", "键之后应为 ="),
    "toml.bad_key": ("a key cannot start with this character", "键不能以此字符开头"),
    "toml.unclosed_array": ("unclosed array", "数组未闭合"),
    "toml.unclosed_inline_table": ("unclosed inline table", "内联表未闭合"),
    "toml.inline_key_twice": ("the key {key} is given twice in an inline table", "内联表中键 {key} 出现了两次"),
    "toml.unescaped_backslash": ("unescaped \\ in a string", "字符串中有未转义的 \\"),
    "toml.bad_hex": ("invalid hex value", "无效的十六进制值"),
    "toml.bad_escape": ("the escape is not a Unicode character", "转义序列不是有效的 Unicode 字符"),
    "toml.unterminated": ("unterminated string", "字符串未结束"),
    "toml.bad_date": ("invalid date or date-time", "无效的日期或日期时间"),
    "toml.invalid_value": ("invalid value", "无效的值"),
    "toml.other": ("{what}", "{what}"),  # the parser's own words, for a refusal not worded here
    # the records of a file
    "plan.expected_table": ("expected a table", "此处应为表"),
    "plan.expected_tables": ("expected an array of tables ([[{key}]])", "此处应为表数组（[[{key}]]）"),
    "plan.expected_one_of": ("expected one of {expected}", "应为以下之一：{expected}"),
    "plan.expected_text": ("expected a text", "应为文本"),
    "plan.expected_bool": ("expected true or false", "应为 true 或 false"),
    "plan.key_missing": ("required key missing", "缺少必需的键"),
    "plan.implied_key": ("unknown key (implied by where the record is)", "未知的键（由记录所在位置决定）"),
    "plan.account_missing": ("required table missing ([account])", "缺少必需的表（[account]）"),
    "plan.schema_missing": ("required key missing (this kamtui writes {version})", "缺少必需的键（本程序写入的版本为 {version}）"),
    "plan.schema_bad": ("expected a whole number ≥ 1", "应为 ≥ 1 的整数"),
    "plan.schema_newer": ("{found}: written by a newer kamtui (this one reads up to {known}); upgrade kamtui to "
                          "import it",
                          "{found}：由较新版本的 kamtui 写入（本程序最多读取 {known}）；请升级 kamtui 后再导入"),
    "plan.private_field": ("a private field, but the file says private = false", "这是私密字段，但文件声明 private = false"),
    "plan.used_twice": ("'{key}' is also used by {other}", "“{key}”也被 {other} 使用"),
    "plan.settings_twice": ("settings are given by more than one file", "多个文件都给出了设置"),
    "plan.account_twice": ("'{id}' is also the account of {other}", "“{id}”也是 {other} 的客户"),
    "plan.member_twice": ("also a member in {other}", "也是 {other} 中的成员"),
    # the records against the workspace
    "plan.kind.department": ("department", "部门"),
    "plan.kind.person": ("person", "人员"),
    "plan.kind.link": ("link", "人员关系"),
    "plan.kind.competitor": ("competitor", "竞争对手"),
    "plan.kind.assessment": ("assessment", "评估"),
    "plan.kind.target": ("target", "层面目标"),
    "plan.kind.activity": ("activity", "活动"),
    "plan.kind.dismissal": ("dismissal", "已忽略的问题"),
    "plan.kind.member": ("member", "团队成员"),
    "plan.foreign_record": ("'{id}' is a {kind} of another account in this workspace", "“{id}”是此工作区中另一客户的{kind}"),
    "plan.foreign_link": ("'{id}' is a link from another person in this workspace", "“{id}”是此工作区中另一人员的关系"),
    "plan.no_member": ("no team member '{id}' in the workspace or its file", "工作区及其文件中没有团队成员“{id}”"),
    "plan.ref_other_account": ("no {kind} '{id}' of another account", "不能引用另一客户的{kind}“{id}”"),
    "plan.ref_missing": ("no {kind} '{id}' in this plan or the workspace", "此计划及工作区中没有{kind}“{id}”"),
    "plan.cycle.department": ("departments form a cycle through '{id}'", "部门的上下级形成循环（经过“{id}”）"),
    "plan.cycle.person": ("people form a cycle through '{id}'", "人员的汇报关系形成循环（经过“{id}”）"),
}
