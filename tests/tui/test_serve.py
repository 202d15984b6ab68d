"""`crm-selector serve`: the same app in a web browser, on 127.0.0.1 unless told otherwise.

The server runs as a user would start it (a subprocess on a free port); the test fetches the
page over HTTP, then opens the page's websocket as the browser does and waits for the start
screen to be drawn.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import aiohttp
import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


async def first_screen(url: str, timeout: float = 30.0) -> str:
    """What the app sends to a browser that opens its websocket, until the start screen."""
    seen = b""
    async with aiohttp.ClientSession() as client, \
            client.ws_connect(url + "?width=100&height=30") as ws:
        await ws.send_json(["resize", {"width": 100, "height": 30}])
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = await ws.receive(timeout=max(0.1, deadline - time.monotonic()))
            except TimeoutError:
                break
            if message.type == aiohttp.WSMsgType.BINARY:
                seen += message.data
            elif message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                break
            if b"Guided tour" in seen:
                break
    return seen.decode("utf-8", "replace")


def other_address() -> str | None:
    """An address of this machine other than loopback, if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("10.255.255.255", 1))  # no packet is sent; picks the interface
            address = sock.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_serve_shows_the_app_on_localhost(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    server = subprocess.Popen(
        [sys.executable, "-m", "selector.cli", "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=tmp_path)
    try:
        page = fetch(f"http://127.0.0.1:{port}/")
        assert "CRM Selector" in page
        assert f"ws://127.0.0.1:{port}/ws" in page
        drawn = asyncio.run(first_screen(f"ws://127.0.0.1:{port}/ws"))
        assert "Guided tour" in drawn and "New project" in drawn
        address = other_address()
        if address is not None:  # bound to this computer only: the network gets no answer
            with socket.socket() as sock, pytest.raises(OSError):
                sock.settimeout(2)
                sock.connect((address, port))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def test_serve_refuses_a_missing_project(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "selector.cli", "serve", str(tmp_path / "nope.toml")],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "nope.toml: no such project file" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_on_a_taken_port_says_so(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "selector.cli", "serve", "--port", str(port)],
            capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr
