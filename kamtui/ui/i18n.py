"""The interface's own words in English and 中文. Enum labels come from the domain; errors
and the problems of fields are worded by kamtui.messages (their codes come from the services).

Screens add their strings with `register({...})` at import time, keyed "screen.thing".
"""

from __future__ import annotations

from kamtui.domain.enums import Lang
from kamtui.messages import fill

_STRINGS: dict[str, tuple[str, str]] = {
    # app-wide keys and commands
    "key.help": ("Keys", "按键"),
    "key.quit": ("Quit", "退出"),
    "key.back": ("Back", "返回"),
    "key.lang": ("中文", "English"),
    "key.portfolio": ("Portfolio", "客户组合"),
    "key.assessment": ("Assess", "评估"),
    "key.map": ("Map", "关系图"),
    "key.activities": ("Activities", "活动"),
    "help.help": ("Show the keys of this screen", "显示本屏按键"),
    "help.quit": ("Leave kamtui", "退出 kamtui"),
    "help.back": ("Go back, clear the filter, or cancel", "返回、清除筛选或取消"),
    "help.lang": ("Switch between English and Chinese (remembered for you)", "切换中英文（为您记住）"),
    "help.portfolio": ("Go to the portfolio of accounts", "前往客户组合"),
    "help.assessment": ("Assess the selected account's three layers", "评估所选客户的三个层面"),
    "help.map": ("Open the stakeholder map of the selected account", "打开所选客户的关系图"),
    "help.activities": ("Plan the selected account's activities", "规划所选客户的拓展活动"),
    "cmd.settings": ("workspace: settings", "工作区：设置"),
    "cmd.settings.help": ("Team name, currency, language, compliance thresholds, team members",
                          "团队名称、币种、语言、合规阈值、团队成员"),
    "cmd.lang": ("view: switch language", "视图：切换语言"),
    "cmd.keys": ("help: keys of this screen", "帮助：本屏按键"),
    "cmd.portfolio": ("view: portfolio", "视图：客户组合"),
    "cmd.theme": ("view: theme", "视图：主题"),
    "cmd.theme.help": ("Pick a colour theme", "选择配色主题"),
    "cmd.quit": ("app: quit", "应用：退出"),
    "cmd.assessment": ("account: new assessment", "客户：新建评估"),
    "cmd.map": ("account: stakeholder map", "客户：关系图"),
    "cmd.activities": ("plan: activities", "计划：拓展活动"),
    # header
    "header.read_only": ("READ-ONLY", "只读"),
    "header.read_only.network": ("READ-ONLY: network filesystem", "只读：网络文件系统"),
    "app.network.title": ("Network filesystem", "网络文件系统"),
    "app.network.read_only": (
        "{file} is on a network filesystem: opened read-only, because two machines writing to it "
        "corrupt it. If only this machine ever writes to it, open it with --single-writer.",
        "{file} 位于网络文件系统上：已以只读方式打开，因为两台机器同时写入会损坏它。"
        "若只有本机写入，请用 --single-writer 打开。"),
    "app.network.single_writer": (
        "{file} is on a network filesystem: writable because only one machine writes to it (as stated "
        "with --single-writer). Never open it for writing from a second machine.",
        "{file} 位于网络文件系统上：因已声明只有一台机器写入（--single-writer）而可写。"
        "切勿在第二台机器上以可写方式打开。"),
    "header.user": ("user", "用户"),
    # forms
    "form.save": ("Save", "保存"),
    "form.cancel": ("Cancel", "取消"),
    "form.save.help": ("Save (ctrl+s)", "保存 (ctrl+s)"),
    "form.discard.title": ("Discard your changes?", "放弃您的修改？"),
    "form.discard.body": ("What you typed in this form will be lost.", "此表单中输入的内容将丢失。"),
    "form.invalid": ("Fix the marked fields: {problems}", "请修正标记的字段：{problems}"),
    "form.none": ("(none)", "（无）"),
    "confirm.yes": ("Yes", "是"),
    "confirm.no": ("No", "否"),
    # messages
    "msg.read_only": ("The workspace is read-only: {why}", "工作区只读：{why}"),
    "msg.saved": ("Saved.", "已保存。"),
    "msg.conflict": ("Someone else changed this meanwhile: reload and try again.", "他人已修改此记录：请重新加载后再试。"),
    "msg.busy": ("Workspace busy, try again; your input is kept.", "工作区繁忙，请重试；您的输入已保留。"),
    "msg.reopened": ("The workspace file was deleted or replaced under this window: nothing was saved, "
                     "it has been reopened, save again; your input is kept.",
                     "工作区文件在此窗口打开期间被删除或替换：未保存任何内容，已重新打开，请再次保存；您的输入已保留。"),
    "msg.file_gone": ("The workspace file was deleted or replaced under this window and cannot be "
                      "reopened: nothing was saved; your input is kept.",
                      "工作区文件在此窗口打开期间被删除或替换，且无法重新打开：未保存任何内容；您的输入已保留。"),
    "help.title": ("Keys on this screen", "本屏按键"),
    "help.figures": ("figures", "数字"),
    "help.figures.portfolio": ("as of each account's latest assessment (Assessed: how long ago)",
                               "来自各客户最近一次评估（“评估”列：多久之前）"),
    "help.figures.overview": ("cards: latest assessment (date below each); \"now\": people as recorded today",
                              "卡片：最近一次评估（日期在下沿）；“当前”：按现有人员记录"),
    "help.figures.map": ("\"Now\": people as recorded today; \"assessed DATE\": latest assessment",
                         "“当前”：按现有人员记录；“某日评估”：最近一次评估"),
    "help.close": ("escape or ? closes", "按 escape 或 ? 关闭"),
}


def register(strings: dict[str, tuple[str, str]]) -> None:
    clash = set(strings) & set(_STRINGS)
    clash = {k for k in clash if _STRINGS[k] != strings[k]}
    if clash:
        raise KeyError(f"UI strings defined twice: {sorted(clash)}")
    _STRINGS.update(strings)


def t(key: str, lang: Lang, **values: object) -> str:
    """The string in `lang`, its {placeholders} and plural forms ({n|account|accounts}) filled:
    words go through the output filter (a name in a message is user data), figures keep their
    format specs (kamtui.messages.fill)."""
    en, zh = _STRINGS[key]
    return fill(zh if lang == "zh" else en, lang, values, one_line=False)


def has(key: str) -> bool:
    return key in _STRINGS
