"""`kamtui serve`: the app in a browser, for teammates without a terminal.

Each browser tab runs its own `kamtui open WORKSPACE` under Textual's web driver, started by
textual-serve (the optional `web` extra, so terminal users do not install a web server). Every
tab is the person who started serve: their login is the name the workspace records. Teammates
each run their own serve on the shared machine and reach it through `ssh -L` (README).
"""

from __future__ import annotations

import datetime as dt
import errno
import importlib.util
import ipaddress
import os
import shlex
import shutil
import socket
import sys
import tempfile
from pathlib import Path

import click

from kamtui.errors import KamtuiError
from kamtui.messages import os_reason, say

LOOPBACK = "127.0.0.1"


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def link(host: str, port: int, key: str) -> str:
    """The address to open: a name others can resolve when serving on every interface."""
    if host in ("0.0.0.0", "::", ""):
        host = socket.getfqdn()
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/?key={key}"


@click.command("serve")
@click.argument("workspace", required=False)
@click.option("--host", metavar="HOST", help=f"Listen on HOST (default {LOOPBACK}: reach it through `ssh -L`).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, metavar="PORT",
              help="Listen on PORT (one per person on a shared server).")
@click.option("--tab", is_flag=True, hidden=True, help="Run the app of one browser tab (what the server starts).")
def serve_cmd(workspace: str | None, host: str | None, port: int, tab: bool) -> None:
    """Serve the app on WORKSPACE to a browser.

    Needs the web extra: pip install 'kamtui[web]'. Prints a link holding a key; each browser
    tab runs the app as you (your login)."""
    from kamtui.cli import _ERRORS_IN, _open, _path
    from kamtui.paths import current_user

    if tab:
        _run_tab(_path(workspace))
        return
    if importlib.util.find_spec("textual_serve") is None:
        raise KamtuiError("serve.no_web")
    lang = _ERRORS_IN["lang"]
    path = _path(workspace)
    _open(path, verify=False).close()  # not a workspace, newer, locked…: said here, not in each tab
    user = current_user()
    host = host or LOOPBACK
    if not _loopback(host):
        click.echo(f"kamtui: warning: {say('serve.exposed', lang, host=host, user=user)}", err=True)

    from kamtui.cli_web import KeyedServer

    def ready(key: str) -> None:
        click.echo(say("serve.ready", lang, workspace=path.stem, user=user), err=True)
        click.echo(link(host, port, key))

    # `exec`: the app is the shell's process itself, so stopping it reaches the app
    command = "exec " + shlex.join([sys.executable, "-m", "kamtui", "serve", str(path.absolute()), "--tab"])
    server = KeyedServer(command, host, port, title=f"kamtui · {path.stem}", ready=ready)
    try:
        server.serve()
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise KamtuiError("serve.port_taken", address=f"{host}:{port}") from None
        raise KamtuiError("serve.cannot_listen", address=f"{host}:{port}", why=os_reason(exc)) from None


def _run_tab(path: Path) -> None:
    """One browser tab's app, as `kamtui open` runs it, under the web driver textual-serve asks
    for. Its terminal is the pair of pipes to the server: when they hang up (the server ended,
    even by kill -9) the app leaves, instead of holding the workspace open for nobody."""
    from kamtui.cli import _open
    from kamtui.ui.app import make_app
    from kamtui.ui.hangup import HangupWatch

    ws = _open(path.absolute(), verify=False, quiet=True)
    # Exports are proposed in the folder the app starts in; the server's is not the reader's,
    # so the tab works in a private folder of its own: exports go there and on to the browser
    # (kamtui.ui.delivery), and the folder goes with the tab.
    own = tempfile.mkdtemp(prefix="kamtui-serve-")
    os.chdir(own)

    def release() -> None:
        ws.close()
        shutil.rmtree(own, ignore_errors=True)

    app = make_app(ws, today=dt.date.today())
    watch = HangupWatch(app, release, [sys.stdin.fileno(), sys.stdout.fileno()])
    watch.start()
    try:
        with watch:
            app.run()
    finally:
        release()
    if app.return_code:
        sys.exit(app.return_code)
