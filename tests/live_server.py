"""A live server that closes its clients' connections when it stops, so no request thread outlives it.

Django's test server handles each connection in a daemon thread that it does not wait for. A browser keeps
its connections alive, so such a thread used to end after the server had stopped: with SQLite in memory it
then closed a database connection no longer shared with it (a DatabaseError in the thread, and its socket
left open), and pytest reported both under whichever test happened to run next.
"""

import contextlib
import socket
import threading

from django.core.servers.basehttp import ThreadedWSGIServer
from pytest_django.live_server_helper import LiveServer


class ClosingWSGIServer(ThreadedWSGIServer):
    """Keep track of the open connections; on close, end them and wait for their threads."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._lock = threading.Lock()
        self._open = {}

    def process_request_thread(self, request, client_address):
        with self._lock:
            self._open[request] = threading.current_thread()
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._lock:
                self._open.pop(request, None)

    def server_close(self):
        super().server_close()
        with self._lock:
            still_open = list(self._open.items())
        for request, _thread in still_open:
            # The handler waiting for the next request on a kept-alive connection reads an end of file.
            with contextlib.suppress(OSError):
                request.shutdown(socket.SHUT_RDWR)
        for _request, thread in still_open:
            thread.join(timeout=10)


class ClosingLiveServer(LiveServer):
    """pytest-django's live server, running a ``ClosingWSGIServer``."""

    def __init__(self, addr):
        super().__init__(addr, start=False)
        self.thread.server_class = ClosingWSGIServer
        self.start()
