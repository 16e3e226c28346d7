"""The web server behind `kamtui serve`: textual-serve's, answering only to the holder of a key.

Bound to 127.0.0.1, the server still answers every user of the machine (a shared server), and
any web page the person's own browser opens may open a websocket to it (browsers do not stop
websockets across sites). Each websocket starts the app as the person who ran `kamtui serve`,
writing under their name. So the page, its websocket and its downloads ask for the key in the
link serve prints: the link trades it for a cookie (HttpOnly, SameSite=Strict) and the address
bar loses it; a websocket must also come from the page's own origin.

Imported only once textual-serve is known to be installed (the `web` extra).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import secrets
import signal
from collections.abc import Callable

from aiohttp import web
from rich.console import Console
from textual_serve.server import Server

from kamtui.messages import say

SHUTDOWN_WAIT = 5.0  # seconds the apps have, on ctrl+C, to close their workspaces


class KeyedServer(Server):
    """textual-serve's server, its pages behind `key`; `ready(key)` runs once it listens."""

    def __init__(self, command: str, host: str, port: int, title: str, ready: Callable[[str], None]) -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.key = secrets.token_urlsafe(24)
        self.cookie = f"kamtui_serve_{port}"  # cookies do not tell ports apart: one name per port
        self.ready = ready
        self.console = Console(stderr=True)  # stdout is for the link
        self._sessions: set[asyncio.Task] = set()

    def _holds_key(self, request: web.Request) -> bool:
        return hmac.compare_digest(request.cookies.get(self.cookie, ""), self.key)

    @staticmethod
    def _refused() -> web.HTTPForbidden:
        return web.HTTPForbidden(text=say("serve.no_key", "en") + "\n" + say("serve.no_key", "zh") + "\n")

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        given = request.query.get("key")
        if given is not None and hmac.compare_digest(given, self.key):
            found = web.Response(status=302, headers={"Location": "/"})
            found.set_cookie(self.cookie, self.key, httponly=True, samesite="Strict", path="/")
            return found
        if not self._holds_key(request):
            raise self._refused()
        # The page tells the browser where its websocket is: at the address the browser used,
        # which `ssh -L` may have put on another port (textual-serve says its own address).
        # Nothing is awaited before the parent reads it, so no other request sees this one's.
        self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        if not self._holds_key(request) or request.headers.get("Origin") != f"{request.scheme}://{request.host}":
            raise self._refused()
        task = asyncio.current_task()
        assert task is not None
        self._sessions.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self._sessions.discard(task)

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        if not self._holds_key(request):
            raise self._refused()
        return await super().handle_download(request)

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: `ready` says where to go once the port is bound (textual-serve prints a logo before)."""

    async def on_shutdown(self, app: web.Application) -> None:
        # A websocket handler ends only when its browser leaves: stopped here, each asks its app
        # to quit (textual-serve's own ending) and the server waits for the apps to close.
        sessions = set(self._sessions)
        for task in sessions:
            task.cancel()
        if sessions:
            await asyncio.wait(sessions, timeout=SHUTDOWN_WAIT)

    def serve(self, debug: bool = False) -> None:
        """textual-serve's `serve`, with its request log off (the first request's address holds
        the key) and `ready` called once the port is bound."""
        self.debug = debug
        logging.basicConfig(level=logging.WARNING, format="%(message)s", handlers=[logging.StreamHandler()])
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.request_exit)
        try:
            web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop,
                        access_log=None, print=lambda *_: self.ready(self.key), shutdown_timeout=SHUTDOWN_WAIT)
        finally:
            loop.close()
