"""The network guard refuses and records every way out; local sockets still work."""
from __future__ import annotations

import socket
import urllib.request

import pytest

from engine.security.network import NetworkForbidden, network_forbidden


def test_every_entry_point_is_refused_and_recorded():
    with network_forbidden() as guard:
        with pytest.raises(NetworkForbidden):
            socket.getaddrinfo("example.org", 443)
        with pytest.raises(NetworkForbidden):
            socket.create_connection(("93.184.216.34", 80), timeout=1)
        with pytest.raises(OSError):
            urllib.request.urlopen("http://93.184.216.34/", timeout=1)
        raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            with pytest.raises(NetworkForbidden):
                raw.connect(("127.0.0.1", 9))
            with pytest.raises(NetworkForbidden):
                raw.connect_ex(("127.0.0.1", 9))
        finally:
            raw.close()
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            with pytest.raises(NetworkForbidden):
                udp.sendto(b"x", ("127.0.0.1", 9))
        finally:
            udp.close()
    assert len(guard.attempts) >= 6
    assert any("getaddrinfo" in a for a in guard.attempts)


def test_guard_is_removed_afterwards_and_unix_sockets_stay_allowed():
    with network_forbidden() as guard:
        left, right = socket.socketpair()
        left.sendall(b"ok")
        assert right.recv(2) == b"ok"
        left.close(), right.close()
    assert guard.attempts == []
    assert socket.getaddrinfo.__module__ == "socket"
