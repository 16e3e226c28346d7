"""The demo team as plan files: shipped in `workspaces/demo/`, imported by `kamtui demo`.

The files are an export of `demo_team()` with private fields included; a test keeps them
equal to a fresh export. To write them again after changing the demo content:

    python -m kamtui.services.plans.demo_files
"""

from __future__ import annotations

from pathlib import Path

from kamtui.errors import InputError
from kamtui.services.plans import format as fmt
from kamtui.services.plans.export import Written, plan_toml, workspace_toml, write_text
from kamtui.services.plans.parse import Source, read_path

# The repository's workspaces/demo, next to the kamtui package (installed editable).
DEMO_FOLDER = Path(__file__).resolve().parents[3] / "workspaces" / "demo"


def demo_texts() -> dict[str, str]:
    """File name → text of every demo plan file, exported from the demo content."""
    from kamtui.services.demo_content import demo_team

    settings, members, plans = demo_team()
    out = {fmt.WORKSPACE_FILE: workspace_toml(settings, members)}
    for plan in plans:
        out[fmt.file_name(plan.account)] = plan_toml(plan, include_private=True)
    return out


def write_demo_files(folder: Path | None = None) -> list[Written]:
    folder = folder or DEMO_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return [write_text(folder / name, text) for name, text in demo_texts().items()]


def demo_sources(folder: Path | None = None) -> list[Source]:
    """The shipped files; an in-memory export of the demo content when they are not there."""
    folder = folder or DEMO_FOLDER
    if folder.is_dir() and any(folder.glob("*.toml")):
        sources, problems = read_path(folder)
        if problems:
            raise InputError("plan.demo_files", problems, folder=folder, where=problems[0][0], what=problems[0][1])
        return sources
    return [Source(name, text.encode("utf-8")) for name, text in demo_texts().items()]


if __name__ == "__main__":
    for w in write_demo_files():
        print(f"{w.path} ({w.size} bytes)")
