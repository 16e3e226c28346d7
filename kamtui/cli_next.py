"""`kamtui report --next`: under the portfolio table, each assessed account's path to the next
level per layer, from the cached next step (rules/next_step.py, the report JSON's `next_step`):

    Harbourline Bank (China) Co., Ltd.
      Org   → Partner: Communication 3 → 4, Business fit 3 → 4, Corporate alliance 2 → 4
      Key   ⚑ Daniel Ng · Daniel Ng Threat → Commodity: 33 → 41 · 1 attitude(s) unknown
      Ext   Information Security · Information access 1 → 2: 40 → 41

One line per layer, cut to the terminal's width; names go through the output filter. The
figures are the cached ones, rounded as the table rounds them (no gains: they would be
rounded twice)."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from kamtui import formatting as fmt
from kamtui import safe_text
from kamtui.domain.enums import Attitude, Indicator, OrgDimension, OrgLevel
from kamtui.services.report import Lang, PortfolioRow

_WORDS = {
    "title": ("Next step (as assessed)", "下一步（按最近评估）"),
    "org": ("Org ", "组织"),
    "key": ("Key ", "关键"),
    "ext": ("Ext ", "普遍"),
    "top": ("at the top level", "已是最高级"),
    "unrated": ("rate all four dimensions", "四个维度都需评分"),
    "none": ("nothing to raise", "无可提升项"),
    "unknown": ("{n} attitude(s) unknown", "{n} 人态度未知"),
}


def _w(key: str, lang: Lang, **values: object) -> str:
    en, zh = _WORDS[key]
    return (zh if lang == "zh" else en).format(**values)


def _sep(lang: Lang) -> str:
    return "，" if lang == "zh" else ", "


def org_text(org: dict[str, Any] | None, lang: Lang) -> str:
    if org is None:
        return _w("unrated", lang)
    if not org["steps"]:
        return _w("top", lang)
    step = org["steps"][0]
    rises = _sep(lang).join(f"{OrgDimension(r['dimension']).short_label(lang)} {r['from']} → {r['to']}"
                            for r in step["rises"])
    return f"→ {OrgLevel(step['level']).label(lang)}: {rises}"


def key_text(key: dict[str, Any], lang: Lang) -> str:
    parts = [f"⚑ {f['name']}" for f in key["red_flags"]]
    if key["levers"]:
        lv = key["levers"][0]
        parts.append(f"{lv['name']} {Attitude(lv['from']).label(lang)} → {Attitude(lv['to']).label(lang)}: "
                     f"{fmt.index(key['key_index'])} → {fmt.index(lv['key_index_after'])}")
    if key["unknown_attitudes"]:
        parts.append(_w("unknown", lang, n=key["unknown_attitudes"]))
    return " · ".join(parts) or _w("none", lang)


def ext_text(ext: dict[str, Any] | None, lang: Lang) -> str:
    if ext is None:
        return _w("none", lang)
    return (f"{ext['department']} · {Indicator(ext['indicator']).short_label(lang)} {ext['from']} → {ext['to']}: "
            f"{fmt.index(ext['index_before'])} → {fmt.index(ext['index_after'])}")


def next_step_lines(rows: list[PortfolioRow], lang: Lang, width: int) -> list[Text]:
    """The block printed under the table: a title, then four lines per assessed account."""
    out = [Text(_w("title", lang), style="bold underline")]
    for r in rows:
        step = r.state.next_step
        if step is None:
            continue
        out.append(Text(safe_text.line(r.name), style="bold"))
        for layer, text in (("org", org_text(step["organization"], lang)), ("key", key_text(step["key"], lang)),
                            ("ext", ext_text(step["extensive"], lang))):
            line = Text(f"  {_w(layer, lang)}  " + safe_text.line(text), no_wrap=True, overflow="ellipsis")
            line.truncate(width, overflow="ellipsis")
            out.append(line)
    return out
