"""Loopback is an address, not a prefix: `127.evil.com` is a name anyone can point anywhere."""

from __future__ import annotations

import pytest

from booth import settings
from booth.api.catalog import CatalogCache
from booth.api.output import is_download_url
from booth.netloc import is_loopback_host, is_loopback_url
from booth.settings import ConfigError

LOOPBACK = ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]", "::ffff:127.0.0.1"]
NOT_LOOPBACK = ["127.evil.com", "127.0.0.1.nip.io", "localhost.evil.com", "192.0.2.7", "::ffff:192.0.2.7",
                "1127.0.0.1", "", None, "0.0.0.0"]


@pytest.mark.parametrize("host", LOOPBACK)
def test_loopback_addresses_are_loopback(host: str) -> None:
    assert is_loopback_host(host)


@pytest.mark.parametrize("host", NOT_LOOPBACK)
def test_names_that_only_look_like_loopback_are_not(host: str | None) -> None:
    assert not is_loopback_host(host)


@pytest.mark.parametrize("url", ["http://127.evil.com:8080", "http://127.0.0.1.nip.io/", "http://localhost.evil.com"])
def test_plain_http_to_a_lookalike_name_is_refused_everywhere(url: str) -> None:
    assert not is_loopback_url(url)
    with pytest.raises(ConfigError, match="https"):
        settings.from_mapping({"api": {"url": url}})
    assert not is_download_url(url + "/result.png")
    assert CatalogCache().path(url, "filters").name != "local-filters.json"


def test_real_loopback_urls_still_pass() -> None:
    assert settings.from_mapping({"api": {"url": "http://[::1]:8080"}}).api.url == "http://[::1]:8080"
    assert is_download_url("http://127.0.0.1:9/r.png") and is_loopback_url("http://localhost:1")


def test_the_local_engine_does_not_fetch_an_image_from_a_lookalike_name() -> None:
    import asyncio

    import httpx

    from booth.engine.inputs import InputError, image_bytes

    async def fetch() -> bytes:
        async with httpx.AsyncClient() as http:
            return await image_bytes("http://127.evil.com/me.jpg", "input_image", http)

    with pytest.raises(InputError, match="no internet"):
        asyncio.run(fetch())
