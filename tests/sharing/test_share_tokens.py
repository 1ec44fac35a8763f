"""The token store on disk: long random tokens, expiry by the clock, revocation, and only results shared."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from booth.sharing.netaddr import is_wildcard, lan_address
from booth.sharing.tokens import TOKEN_BYTES, ShareError, ShareStore


@pytest.fixture
def results(tmp_path: Path) -> Path:
    folder = tmp_path / "results"
    folder.mkdir()
    (folder / "A01.jpg").write_bytes(b"jpeg")
    return folder


def test_tokens_are_long_random_and_unique(tmp_path: Path, results: Path):
    store = ShareStore(tmp_path, results)
    tokens = {store.add(results / "A01.jpg", None).token for _ in range(200)}
    assert len(tokens) == 200
    assert TOKEN_BYTES * 8 >= 128
    assert all(len(token) >= 22 for token in tokens)
    store.close()


def test_expiry_follows_the_clock(tmp_path: Path, results: Path):
    now = [1000.0]
    store = ShareStore(tmp_path, results, now=lambda: now[0])
    share = store.add(results / "A01.jpg", ttl_s=3600)
    assert store.lookup(share.token) is not None
    now[0] += 3599
    assert store.lookup(share.token) is not None
    now[0] += 1
    assert store.lookup(share.token) is None
    forever = store.add(results / "A01.jpg", ttl_s=None)
    now[0] += 10**9
    assert store.lookup(forever.token) is not None
    store.close()


def test_revoke_and_malformed_tokens(tmp_path: Path, results: Path):
    store = ShareStore(tmp_path, results)
    share = store.add(results / "A01.jpg", None)
    assert store.revoke(share.token)
    assert store.lookup(share.token) is None
    assert not store.revoke("no-such-token-at-all-here")
    for bad in ("", "../../etc/passwd", "a" * 500, "x' OR '1'='1"):
        assert store.lookup(bad) is None
    store.close()


def test_a_deleted_result_is_no_longer_served(tmp_path: Path, results: Path):
    store = ShareStore(tmp_path, results)
    share = store.add(results / "A01.jpg", None)
    (results / "A01.jpg").unlink()
    assert store.lookup(share.token) is None
    with pytest.raises(ShareError):
        store.add(results / "A01.jpg", None)
    store.close()


def test_lan_address_is_an_ipv4_address_of_this_machine():
    address = lan_address()
    parts = address.split(".")
    assert len(parts) == 4 and all(0 <= int(part) <= 255 for part in parts)
    with socket.socket() as sock:
        sock.bind((address, 0))  # only an address of this machine can be bound
    assert is_wildcard("0.0.0.0") and not is_wildcard("127.0.0.1")


def test_revoke_files_ends_every_link_to_those_files_and_forgets_the_path(tmp_path: Path, results: Path):
    (results / "B02.jpg").write_bytes(b"jpeg")
    store = ShareStore(tmp_path, results)
    first, second = store.add(results / "A01.jpg", None), store.add(results / "A01.jpg", None)
    other = store.add(results / "B02.jpg", None)
    assert store.revoke_files([results / "A01.jpg"]) == 2
    assert store.lookup(first.token) is None and store.lookup(second.token) is None
    assert store.known(first.token)  # the guest still gets the "link ended" page
    assert store.lookup(other.token) is not None
    import sqlite3

    with sqlite3.connect(tmp_path / "shares.sqlite") as db:
        assert [row[0] for row in db.execute("SELECT path FROM shares WHERE revoked = 1")] == ["", ""]
    store.close()
