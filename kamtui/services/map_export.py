"""The stakeholder map's views as Mermaid (.mmd) or Graphviz DOT (.dot) text.

Every name is user data: node ids are generated (p1, d1 …), labels are always quoted and
escaped for the target language, so no name can end a label, start a directive or add a node.

Edges: an unlabelled solid arrow is the organization's tree (a department above its
sub-departments and people, a manager above the people of the same department who report to
them); a labelled edge reads as its label from tail to head ("A reports to B" for a manager
in another department), and does not move the tree's layout in DOT.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from kamtui import safe_text
from kamtui.domain.enums import Lang
from kamtui.domain import ordering
from kamtui.services import map_data
from kamtui.services.context import Context
from kamtui.services.map_data import MapData, PersonRow

FORMATS = {".mmd": "mermaid", ".dot": "dot"}
_VIEW_TITLES = {
    "organization": ("Organization", "组织"), "chain": ("Decision chain", "决策链"),
    "grid": ("Influence × attitude", "影响力×态度"), "coverage": ("Coverage", "覆盖"),
}
_WORDS = {
    "no_role": ("No role", "未定角色"), "no_department": ("No department", "无部门"),
    "owner": ("owner", "负责人"), "contact": ("contact", "接触"),
    "unowned": ("unowned decision maker", "无人负责的决策者"),
    "single": ("only one of us knows", "仅一人熟悉"), "hidden": ("hidden", "隐性"),
    "star": ("rising star", "明日之星"), "flag": ("red flag", "红旗"),
    "reports": ("reports to", "汇报给"), "influence": ("influence", "影响力"),
}


def _w(key: str, lang: Lang) -> str:
    en, zh = _WORDS[key]
    return zh if lang == "zh" else en


def view_title(view: str, lang: Lang) -> str:
    en, zh = _VIEW_TITLES[view]
    return zh if lang == "zh" else en


# -- escaping --------------------------------------------------------------------------
_MERMAID = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "`": "#96;", "&": "#amp;",
            "|": "#124;", "\n": " ", "\r": " ", "\t": " "}


def mermaid_text(s: str) -> str:
    """A string for inside a quoted Mermaid label: entity codes for every special character."""
    return "".join(_MERMAID.get(ch, ch) for ch in safe_text.line(s))


def dot_text(s: str) -> str:
    """A string for inside a quoted DOT label: backslashes and quotes escaped, one line."""
    return safe_text.line(s).replace("\\", "\\\\").replace('"', '\\"')


def filename(data: MapData, view: str, ext: str = ".mmd") -> str:
    """`<account short name>-<view>.mmd`, with anything unsafe in a file name replaced."""
    base = data.account.short_name or data.account.name
    base = re.sub(r"[^\w.-]+", "-", base, flags=re.UNICODE).strip("-.") or "account"
    return f"{base}-{view}{ext}"


def format_of(path: str | Path) -> str | None:
    return FORMATS.get(Path(path).suffix.lower())


# -- the graph, independent of the output language ------------------------------------
class Graph:
    def __init__(self, title: str) -> None:
        self.title = title
        self.groups: dict[str, str] = {}  # group id -> label
        self.nodes: list[tuple[str, list[str], str | None, str]] = []  # id, lines, group, kind
        self.edges: list[tuple[str, str, str, bool, bool]] = []  # from, to, label, dashed, ranks

    def node(self, nid: str, lines: list[str], group: str | None = None, kind: str = "person") -> None:
        self.nodes.append((nid, lines, group, kind))

    def edge(self, a: str, b: str, label: str = "", dashed: bool = False, ranks: bool = True) -> None:
        """`ranks`: whether the edge places its head below its tail (DOT's constraint)."""
        self.edges.append((a, b, label, dashed, ranks))


def _person_lines(p: PersonRow, data: MapData, lang: Lang) -> list[str]:
    marks = []
    if p.hidden_decision_maker:
        marks.append(_w("hidden", lang))
    if p.rising_star:
        marks.append(_w("star", lang))
    if p.id in data.flags:
        marks.append(_w("flag", lang))
    facts = f"{p.attitude.symbol} {p.attitude.label(lang)} · {_w('influence', lang)} {p.influence}"
    lines = [p.name] + ([p.title] if p.title else []) + [facts]
    return lines + ([", ".join(marks)] if marks else [])


class _Ids:
    def __init__(self, prefix: str) -> None:
        self.prefix, self.ids = prefix, {}

    def __call__(self, key: str) -> str:
        return self.ids.setdefault(key, f"{self.prefix}{len(self.ids) + 1}")


def _organization(data: MapData, lang: Lang, g: Graph) -> None:
    did, pid = _Ids("d"), _Ids("p")
    for d in sorted(data.departments.values(), key=ordering.sort_key("Department")):
        g.node(did(d.id), [d.name] + ([d.business_line] if d.business_line else []), kind="department")
    for d in data.departments.values():
        if d.parent_id in data.departments:
            g.edge(did(d.parent_id), did(d.id))
    if any(p.department_id not in data.departments for p in data.people):
        g.node(did(""), [_w("no_department", lang)], kind="department")
    for p in data.people:
        g.node(pid(p.id), _person_lines(p, data, lang))
    for p in data.people:
        dept = p.department_id if p.department_id in data.departments else ""
        manager = data.by_id.get(p.reports_to_id or "")
        active_manager = manager is not None and not manager.archived
        if active_manager and manager.department_id == p.department_id:
            g.edge(pid(manager.id), pid(p.id))
        else:
            g.edge(did(dept), pid(p.id))
            if active_manager:
                g.edge(pid(p.id), pid(manager.id), _w("reports", lang), dashed=True, ranks=False)


def _chain(data: MapData, lang: Lang, g: Graph) -> None:
    pid = _Ids("p")
    for i, (role, people) in enumerate(map_data.chain(data), 1):
        g.groups[f"g{i}"] = role.label(lang) if role else _w("no_role", lang)
        for p in people:
            g.node(pid(p.id), _person_lines(p, data, lang), f"g{i}")
    for link in data.links:
        a, b = data.by_id.get(link.from_id), data.by_id.get(link.to_id)
        if a and b and not a.archived and not b.archived:
            g.edge(pid(a.id), pid(b.id), link.kind.label(lang), dashed=True)


def _grid(data: MapData, lang: Lang, g: Graph) -> None:
    pid = _Ids("p")
    for (influence, attitude), people in map_data.grid(data).items():
        if not people:
            continue
        gid = f"g{influence}_{attitude.value}"
        g.groups[gid] = f"{_w('influence', lang)} {influence} · {attitude.symbol} {attitude.label(lang)}"
        for p in people:
            g.node(pid(p.id), _person_lines(p, data, lang), gid)


def _coverage(data: MapData, lang: Lang, g: Graph) -> None:
    mid, pid = _Ids("m"), _Ids("p")
    cov = map_data.coverage_matrix(data)
    for m in cov.members:
        g.node(mid(m.id), [m.name] + ([m.title] if m.title else []), kind="member")
    for row in cov.rows:
        lines = _person_lines(row.person, data, lang)
        if row.unowned_decision_maker:
            lines.append(_w("unowned", lang))
        if row.single_thread:
            lines.append(_w("single", lang))
        g.node(pid(row.person.id), lines, kind="flagged" if row.unowned_decision_maker or row.single_thread else "person")
        for m in sorted(row.knowers):
            if m in data.members:
                owner = m == row.person.owner_id
                g.edge(mid(m), pid(row.person.id), _w("owner" if owner else "contact", lang), dashed=not owner)


_BUILDERS: dict[str, Callable[[MapData, Lang, Graph], None]] = {
    "organization": _organization, "chain": _chain, "grid": _grid, "coverage": _coverage,
}


def graph(data: MapData, view: str, lang: Lang) -> Graph:
    g = Graph(f"{data.account.name} · {view_title(view, lang)}")
    _BUILDERS[view](data, lang, g)
    return g


# -- writers ---------------------------------------------------------------------------
def mermaid(data: MapData, view: str, lang: Lang = "en") -> str:
    g = graph(data, view, lang)
    title = mermaid_text(g.title).replace("\\", "\\\\")  # a YAML string: backslashes escaped
    out = ["---", f'title: "{title}"', "---", "flowchart TD"]
    shapes = {"department": ('["', '"]'), "member": ('(["', '"])'), "person": ('("', '")'),
              "flagged": ('{{"', '"}}')}

    def node_line(nid: str, lines: list[str], kind: str) -> str:
        left, right = shapes[kind]
        return f"{nid}{left}{'<br/>'.join(mermaid_text(x) for x in lines)}{right}"

    for gid, label in g.groups.items():
        out.append(f'  subgraph {gid}["{mermaid_text(label)}"]')
        out += [f"    {node_line(n, lines, k)}" for n, lines, grp, k in g.nodes if grp == gid]
        out.append("  end")
    out += [f"  {node_line(n, lines, k)}" for n, lines, grp, k in g.nodes if grp is None]
    for a, b, label, dashed, _ in g.edges:
        arrow = "-.->" if dashed else "-->"
        out.append(f'  {a} {arrow}|"{mermaid_text(label)}"| {b}' if label else f"  {a} {arrow} {b}")
    flagged = [n for n, _, _, k in g.nodes if k == "flagged"]
    if flagged:
        out.append("  classDef flagged stroke-width:3px,stroke-dasharray:4 2")
        out.append(f"  class {','.join(flagged)} flagged")
    return "\n".join(out) + "\n"


def dot(data: MapData, view: str, lang: Lang = "en") -> str:
    g = graph(data, view, lang)
    out = ["digraph map {", f'  label="{dot_text(g.title)}";', "  labelloc=t;", "  rankdir=TB;",
           '  node [shape=box, style=rounded, fontname="sans-serif"];']
    shapes = {"department": "shape=box, style=solid", "member": "shape=ellipse",
              "person": "shape=box", "flagged": "shape=box, peripheries=2"}

    def node_line(nid: str, lines: list[str], kind: str) -> str:
        label = "\\n".join(dot_text(x) for x in lines)
        return f'{nid} [label="{label}", {shapes[kind]}];'

    for gid, label in g.groups.items():
        out.append(f"  subgraph cluster_{gid} {{")
        out.append(f'    label="{dot_text(label)}";')
        out += [f"    {node_line(n, lines, k)}" for n, lines, grp, k in g.nodes if grp == gid]
        out.append("  }")
    out += [f"  {node_line(n, lines, k)}" for n, lines, grp, k in g.nodes if grp is None]
    for a, b, label, dashed, ranks in g.edges:
        attrs = [f'label="{dot_text(label)}"'] if label else []
        if dashed:
            attrs.append("style=dashed")
        if not ranks:
            attrs.append("constraint=false")
        out.append(f"  {a} -> {b}" + (f" [{', '.join(attrs)}]" if attrs else "") + ";")
    out.append("}")
    return "\n".join(out) + "\n"


def export(data: MapData, view: str, path: str | Path, lang: Lang = "en",
           ctx: Context | None = None) -> tuple[Path, int]:
    """Write the view to `path` (.mmd or .dot), with the permission bits of `ctx`'s workspace
    (owner-only without it); returns the path and its size in bytes."""
    from kamtui.errors import InputError
    from kamtui.messages import os_reason
    from kamtui.services.files import workspace_mode, write_file

    path = Path(path).expanduser()
    fmt = format_of(path)
    if fmt is None:
        raise InputError.at("path", "path.map_suffix")
    if path.is_dir():
        raise InputError.at("path", "path.is_folder")
    text = mermaid(data, view, lang) if fmt == "mermaid" else dot(data, view, lang)
    body = text.encode("utf-8")
    try:
        write_file(path, body, workspace_mode(ctx) if ctx is not None else 0o600)
    except OSError as exc:
        raise InputError(problems=[("path", os_reason(exc))]) from None
    return path, len(body)
