"""The group behind `kamtui`: `open` as the default command, options shared by the group and
its commands (`kamtui --lang zh`, `kamtui team --lang zh`), commands imported when named,
completion of command and workspace names, and "did you mean" for a mistyped command."""

from __future__ import annotations

import difflib
import importlib
from pathlib import Path

import click
from click.shell_completion import CompletionItem

from kamtui.messages import say

DEFAULT_COMMAND = "open"

# Commands kept in modules of their own, imported when named: `kamtui WORKSPACE` (the app's
# start) does not pay for them.
LAZY_COMMANDS = {
    "backup": ("kamtui.cli_team", "backup_cmd"),
    "restore": ("kamtui.cli_team", "restore_cmd"),
    "log": ("kamtui.cli_team", "log_cmd"),
    "export": ("kamtui.cli_plans", "export_cmd"),
    "import": ("kamtui.cli_plans", "import_cmd"),
    "sync": ("kamtui.cli_sync", "sync_cmd"),
    "merge-driver": ("kamtui.cli_sync", "merge_driver_cmd"),
    "people": ("kamtui.cli_people", "people_group"),
    "serve": ("kamtui.cli_serve", "serve_cmd"),
}

# The group's own options that a command taking the same option receives as its default:
# given before the command (`kamtui --lang zh report`) or after it (`kamtui report --lang zh`).
SHARED_OPTIONS = ("lang", "read_only", "single_writer", "today_arg", "ascii_")


def workspace_names(incomplete: str = "") -> list[str]:
    """The team names in the workspaces folder that start with `incomplete` (for completion:
    never an error, whatever the folder)."""
    from kamtui.paths import workspaces_dir
    from kamtui.services.workspaces import list_workspaces

    try:
        return [p.stem for p in list_workspaces(workspaces_dir()) if p.stem.startswith(incomplete)]
    except Exception:  # completion must not print a traceback into the user's prompt
        return []


def complete_workspace(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    return [CompletionItem(n) for n in workspace_names(incomplete)]


def _is_workspace(name: str) -> bool:
    from kamtui.paths import exists, resolve_workspace

    try:
        return exists(resolve_workspace(name)) or Path(name).exists()
    except Exception:
        return False


class KamGroup(click.Group):
    """`kamtui team` means `kamtui open team`; `kamtui` and `kamtui --read-only` mean `open`."""

    errors_in = "en"  # the language of the group's own usage errors (set by --lang)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args and not ctx.resilient_parsing:
            args = [DEFAULT_COMMAND]
        rest = super().parse_args(ctx, args)
        if not ctx._protected_args and not ctx.resilient_parsing:  # only group options were given
            ctx._protected_args = [DEFAULT_COMMAND]
        return rest

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name = args[0]
        if name.startswith("-") or self.get_command(ctx, name) is not None:
            return super().resolve_command(ctx, args)
        if not ctx.resilient_parsing and not _is_workspace(name):
            near = difflib.get_close_matches(name, self.list_commands(ctx), n=1, cutoff=0.6)
            if near:
                raise click.UsageError(say("cli.no_such_command", self.errors_in, name=name, near=near[0]), ctx)
        # a workspace: the default command's argument
        return DEFAULT_COMMAND, self.get_command(ctx, DEFAULT_COMMAND), args

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS and name not in self.commands:
            module, attr = LAZY_COMMANDS[name]
            self.add_command(getattr(importlib.import_module(module), attr), name)
        return super().get_command(ctx, name)

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        found = super().shell_complete(ctx, incomplete)  # the commands (and the options after -)
        if not incomplete.startswith("-"):
            commands = set(self.list_commands(ctx))
            found += [CompletionItem(n, help="workspace") for n in workspace_names(incomplete) if n not in commands]
        return found

    def share_options(self, ctx: click.Context, given: dict[str, object]) -> None:
        """Hand the group's options that were given to the command about to run, as defaults
        of its own options of the same name (a command without them ignores them)."""
        given = {k: v for k, v in given.items() if k in SHARED_OPTIONS and v not in (None, False)}
        if given and ctx.invoked_subcommand:
            ctx.default_map = {**(ctx.default_map or {}), ctx.invoked_subcommand: given}
