"""The report's next step in words (`kamtui report --next`): one line per layer from the
cached `next_step` object (rules/next_step.py next_step_json), in English or Chinese. The
figures are rounded as the table rounds them; no gains (they would be rounded twice)."""

from __future__ import annotations

from typing import Any

from kamtui import formatting as fmt
from kamtui.domain.enums import Attitude, Indicator, Lang, OrgDimension, OrgLevel
from kamtui.domain.short_labels import short_label

_WORDS = {
    "title": ("Next step (as assessed)", "下一步（按最近评估）"),
    "org": ("Org ", "组织"),
    "key": ("Key ", "关键"),
    "ext": ("Ext ", "普遍"),
    "top": ("at the top level", "已是最高级"),
    "unrated": ("rate all four dimensions", "四个维度都需评分"),
    "none": ("nothing to raise", "无可提升项"),
    "unknown": ("{n} attitudes unknown", "{n} 人态度未知"),
    "unknown.one": ("1 attitude unknown", "1 人态度未知"),
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
    rises = _sep(lang).join(f"{short_label(OrgDimension(r['dimension']), lang)} {r['from']} → {r['to']}"
                            for r in step["rises"])
    return f"→ {OrgLevel(step['level']).label(lang)}: {rises}"


def key_text(key: dict[str, Any], lang: Lang) -> str:
    parts = [f"⚑ {f['name']}" for f in key["red_flags"]]
    if key["levers"]:
        lv = key["levers"][0]
        parts.append(f"{lv['name']} {Attitude(lv['from']).label(lang)} → {Attitude(lv['to']).label(lang)}: "
                     "{} → {}".format(*fmt.index_move(key['key_index'], lv['key_index_after'])))
    if key["unknown_attitudes"]:
        n = key["unknown_attitudes"]
        parts.append(_w("unknown.one" if n == 1 else "unknown", lang, n=n))
    return " · ".join(parts) or _w("none", lang)


def ext_text(ext: dict[str, Any] | None, lang: Lang) -> str:
    if ext is None:
        return _w("none", lang)
    return (f"{ext['department']} · {short_label(Indicator(ext['indicator']), lang)} {ext['from']} → {ext['to']}: "
            "{} → {}".format(*fmt.index_move(ext['index_before'], ext['index_after'])))


def title(lang: Lang) -> str:
    return _w("title", lang)


def layer_label(layer: str, lang: Lang) -> str:
    """"Org " / "组织": the line's head (`layer`: org | key | ext)."""
    return _w(layer, lang)


def layer_lines(step: dict[str, Any], lang: Lang) -> list[tuple[str, str]]:
    """(layer, text) for the organization, key and extensive layers of one account."""
    return [("org", org_text(step["organization"], lang)), ("key", key_text(step["key"], lang)),
            ("ext", ext_text(step["extensive"], lang))]
