"""`kamtui serve` without a browser: real server processes, spoken to over HTTP and websockets."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from served import Served, alive, free_port, wait_gone

aiohttp = pytest.importorskip("aiohttp")


@pytest.fixture
def demo_copy(tmp_path, demo_template) -> Path:
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    return path


def kamtui(*args: str, code: str = "") -> subprocess.CompletedProcess:
    """`kamtui ARGS` in a new interpreter, after `code` (what the person's Python lacks)."""
    run = f"{code}\nimport sys\nsys.argv = ['kamtui', *{list(args)!r}]\nfrom kamtui.cli import main\nmain()"
    return subprocess.run([sys.executable, "-c", run], capture_output=True, text=True, timeout=60)


def listening_on(port: int) -> set[str]:
    """The local addresses (hex, as /proc/net/tcp says them) listening on `port`."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
            found.add(address)
    return found


def test_without_textual_serve_serve_says_in_one_sentence_how_to_get_it(demo_copy):
    result = kamtui("serve", str(demo_copy), code="import sys\nsys.modules['textual_serve'] = None")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == ("kamtui: error: `kamtui serve` needs `textual-serve`: install it with "
                             "`pip install 'kamtui[web]'`.\n")


def test_a_file_that_is_not_a_workspace_is_refused_before_anything_listens(tmp_path):
    other = tmp_path / "notes.sqlite"
    other.write_text("not a database")
    result = kamtui("serve", str(other), "--port", str(free_port()))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("kamtui: error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_a_port_in_use_is_one_sentence(demo_copy):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = kamtui("serve", str(demo_copy), "--port", str(port))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (f"kamtui: error: Cannot listen on 127.0.0.1:{port}: the port is in use; "
                             "choose another with `--port`.\n")


def test_serve_listens_on_this_machine_only_and_says_who_the_tabs_are(demo_copy):
    with Served(demo_copy, env={"KAMTUI_USER": "ana"}) as served:
        assert listening_on(served.port) == {"0100007F"}  # 127.0.0.1
        assert served.link.startswith(f"http://127.0.0.1:{served.port}/?key=")
        assert len(served.key) >= 32
        assert served.stop() == 0
    assert "Serving demo as ana: open this link in a browser" in served.stderr
    assert "warning" not in served.stderr


def test_a_host_beyond_this_machine_is_served_with_a_warning(demo_copy):
    with Served(demo_copy, "--host", "0.0.0.0", env={"KAMTUI_USER": "ana"}) as served:
        assert listening_on(served.port) == {"00000000"}  # every interface
        assert served.link.startswith(f"http://{socket.getfqdn()}:{served.port}/?key=")
        assert served.stop() == 0
    warnings = [line for line in served.stderr.splitlines() if line.startswith("kamtui: warning: ")]
    assert warnings == ["kamtui: warning: serving on 0.0.0.0, not only this machine: whoever reaches it with "
                        "the link acts as ana, over plain http; prefer the default 127.0.0.1 and `ssh -L`."]


async def test_the_page_its_websocket_and_downloads_answer_only_to_the_key(demo_copy):
    with Served(demo_copy) as served:
        async with aiohttp.ClientSession() as anyone:  # another user of the machine, another site
            for path in ("/", "/?key=" + "x" * len(served.key), "/download/0123456789abcdef"):
                async with anyone.get(served.base + path, allow_redirects=False) as response:
                    assert response.status == 403
                    assert "answers only to its link" in await response.text()
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await anyone.ws_connect(served.base + "/ws", origin=served.base)
            assert refused.value.status == 403

        jar = aiohttp.CookieJar(unsafe=True)  # keeps cookies of an IP address, as a browser does
        async with aiohttp.ClientSession(cookie_jar=jar) as person:
            async with person.get(served.link, allow_redirects=False) as response:
                assert response.status == 302 and response.headers["Location"] == "/"
                cookie = response.cookies[f"kamtui_serve_{served.port}"]
                assert cookie.value == served.key
                assert cookie["httponly"] is True and cookie["samesite"] == "Strict"
            # the page sends its websocket where the browser reached it (ssh -L may change the port)
            async with person.get(served.base + "/", headers={"Host": f"localhost:{served.port}"}) as response:
                assert response.status == 200
                assert f'data-session-websocket-url="ws://localhost:{served.port}/ws"' in await response.text()
            # a page of another origin holding the cookie (another port of 127.0.0.1) is refused
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await person.ws_connect(served.base + "/ws", origin="http://127.0.0.1:1")
            assert refused.value.status == 403
            assert served.tabs() == []

            socket_ = await person.ws_connect(served.base + "/ws?width=100&height=30", origin=served.base)
            try:
                shown = b""
                while b"Harbourline" not in shown:  # the app's first frame, as the browser receives it
                    message = await socket_.receive(timeout=30)
                    assert message.type == aiohttp.WSMsgType.BINARY, message
                    shown += message.data
                assert len(served.tabs()) == 1
            finally:
                await socket_.close()
            assert wait_gone(sorted(served.tabs_seen)) == []  # the tab closed: its app ended


async def test_a_killed_server_leaves_no_app_running(demo_copy):
    with Served(demo_copy) as served:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as person:
            await person.get(served.link)
            socket_ = await person.ws_connect(served.base + "/ws", origin=served.base)
            shown = b""
            while b"Harbourline" not in shown:
                shown += (await socket_.receive(timeout=30)).data
            tabs = served.tabs()
            assert len(tabs) == 1
            own_folder = Path(os.readlink(f"/proc/{tabs[0]}/cwd"))
            assert own_folder.name.startswith("kamtui-serve-") and own_folder.stat().st_mode & 0o077 == 0
            assert served.stop(signal.SIGKILL) == -signal.SIGKILL
            # the pipes to the server hang up: the app leaves instead of holding the workspace open
            assert wait_gone(tabs, timeout=10) == []
            assert not own_folder.exists()
            assert not alive(served.proc.pid)
