"""`serve` answers every malformed request with a 4xx status and a body, never by dropping
the connection (issue 19, item 9)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from archive.cli.serve import make_server


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    site = tmp_path_factory.mktemp("served") / "site"
    (site / "static").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>")
    (site / "404.html").write_text("<p>Page not found</p>")
    server = make_server(site, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def raw_request(port: int, request: bytes) -> bytes:
    """The server's whole answer to `request` sent byte for byte (b"" if it said nothing)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def status_of(answer: bytes) -> int:
    assert answer.startswith(b"HTTP/1."), f"no answer: {answer[:80]!r}"
    return int(answer.split(b" ", 2)[1])


MALFORMED = [
    "/%00",
    "/index.html%00.txt",
    "/%00/index.html",
    "/static/%00",
    "/a%0ab",
    "/%",
    "/%zz",
    "/%e9",
    "/%ff%fe",
    "/%ed%a0%80",  # a lone surrogate in UTF-8
    "/%c0%af",  # an over-long encoding of "/"
    "/" + "a" * 5000,
    "/" + "a/" * 3000,
    "/" + "%2e%2e/" * 50 + "etc/passwd",
    "/\\..\\..\\",
]


@pytest.mark.parametrize("target", MALFORMED)
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_a_malformed_path_gets_a_4xx_answer(port: int, target: str, method: str) -> None:
    answer = raw_request(
        port, f"{method} {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode()
    )
    assert 400 <= status_of(answer) < 500, answer[:200]


@pytest.mark.parametrize(
    "request_line",
    [
        b"GET /\xff\xfe HTTP/1.1",
        b"GET /\x00 HTTP/1.1",
        b"GET " + b"/a" * 40000 + b" HTTP/1.1",
        b"GET",
        b"GET / HTTP/9.9",
        b"BREW / HTTP/1.1",
        b"GET / HTTP/1.1 extra",
    ],
)
def test_a_malformed_request_line_gets_a_4xx_answer(port: int, request_line: bytes) -> None:
    answer = raw_request(port, request_line + b"\r\nHost: x\r\nConnection: close\r\n\r\n")
    # HTTP/9.9 is answered 505 (version not supported), as the protocol says.
    assert 400 <= status_of(answer) < 500 or status_of(answer) == 505, answer[:200]


def test_the_site_is_still_served(port: int) -> None:
    answer = raw_request(port, b"GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert status_of(answer) == 200 and answer.endswith(b"<p>home</p>")
