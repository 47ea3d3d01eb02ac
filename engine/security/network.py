"""A guard that makes any attempt to reach the network fail loudly, and records it.

Lamplight never needs the network. :func:`network_forbidden` (tests) and
:func:`install_network_guard` (the app, at start-up, belt and braces) replace
the Python entry points through which anything reaches another machine:
name lookups (``getaddrinfo``, ``gethostbyname``...), ``create_connection``,
and ``connect``/``connect_ex``/``sendto`` of every ``socket.socket`` for the
internet families. Local Unix sockets stay allowed (Qt and the OS use them
within the laptop). Each refused attempt raises :class:`NetworkForbidden`
(an ``OSError``, so code written for "offline" handles it) and is appended to
the guard's ``attempts`` list, which a test asserts is empty.
"""
from __future__ import annotations

import contextlib
import socket
import threading
from typing import Any, Callable, Iterator

_LOCK = threading.Lock()
_ALLOWED_FAMILIES = {getattr(socket, "AF_UNIX", None)} - {None}


class NetworkForbidden(OSError):
    """Lamplight tried to use the network, which it must never do."""


class NetworkGuard:
    """The patched entry points and the record of attempts (see module doc)."""

    def __init__(self) -> None:
        self.attempts: list[str] = []
        self._saved: list[tuple[Any, str, Any]] = []

    def _refuse(self, what: str) -> None:
        self.attempts.append(what)
        raise NetworkForbidden(f"Lamplight never uses the network (refused: {what}).")

    def _patch(self, owner: Any, name: str, replacement: Callable[..., Any]) -> None:
        self._saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, replacement)

    def install(self) -> "NetworkGuard":
        guard = self

        def lookup(name: str) -> Callable[..., Any]:
            def refused(*args: Any, **kwargs: Any) -> Any:
                guard._refuse(f"{name}{args!r}")
            return refused

        for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr",
                     "create_connection", "create_server"):
            if hasattr(socket, name):
                self._patch(socket, name, lookup(name))

        def socket_method(name: str) -> Callable[..., Any]:
            original = getattr(socket.socket, name)

            def guarded(sock: socket.socket, *args: Any, **kwargs: Any) -> Any:
                if sock.family not in _ALLOWED_FAMILIES:
                    guard._refuse(f"socket.{name}{args!r}")
                return original(sock, *args, **kwargs)
            return guarded

        for name in ("connect", "connect_ex", "sendto", "bind"):
            self._patch(socket.socket, name, socket_method(name))
        return self

    def uninstall(self) -> None:
        while self._saved:
            owner, name, original = self._saved.pop()
            setattr(owner, name, original)


_INSTALLED: NetworkGuard | None = None


@contextlib.contextmanager
def network_forbidden() -> Iterator[NetworkGuard]:
    """Within the block every network attempt raises and is recorded in ``guard.attempts``."""
    with _LOCK:
        guard = NetworkGuard().install()
    try:
        yield guard
    finally:
        with _LOCK:
            guard.uninstall()


def install_network_guard() -> NetworkGuard:
    """Install the guard for the rest of the process (idempotent); returns it."""
    global _INSTALLED
    with _LOCK:
        if _INSTALLED is None:
            _INSTALLED = NetworkGuard().install()
        return _INSTALLED


def remove_network_guard() -> None:
    """Take out the process-wide guard (tests that run the app's ``main`` in-process put it back as it was)."""
    global _INSTALLED
    with _LOCK:
        if _INSTALLED is not None:
            _INSTALLED.uninstall()
            _INSTALLED = None
