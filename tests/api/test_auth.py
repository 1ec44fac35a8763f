"""Every auth mode against the engine, token renewal, and secrets kept out of logs, reprs and messages."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
from api_support import PASSWORD, TOKEN, USER, MakeClient

from booth.api.errors import AuthError
from booth.api.models import RunRequest
from booth.api.redact import guarded_logger, redact
from booth.settings import ApiSettings


def oauth2(engine: Any, **extra: Any) -> None:
    engine.configure(auth="oauth2", users={USER: PASSWORD}, **extra)


async def test_oauth2_signs_in_once_and_reuses_the_token(make_client: MakeClient, engine: Any, photo: bytes) -> None:
    oauth2(engine)
    client = make_client(auth="oauth2", username=USER, password=PASSWORD)
    await client.catalog("filters")
    await client.run(RunRequest("comic", photo, style_id=1))
    stats = engine.stats()
    assert stats["token_calls"] == 1
    assert stats.get("rejected_401", 0) == 0


async def test_oauth2_renews_once_after_a_401(make_client: MakeClient, engine: Any, photo: bytes) -> None:
    oauth2(engine)
    client = make_client(auth="oauth2", username=USER, password=PASSWORD)
    await client.catalog("styles")
    engine.configure(revoke_tokens=True)  # the service forgot the token (restart, rotation)
    result = await client.run(RunRequest("comic", photo, style_id=1))
    assert result.kind == "image"
    stats = engine.stats()
    assert stats["token_calls"] == 2
    assert stats["rejected_401"] == 1
    assert stats["runs_accepted"] == 1


async def test_oauth2_renews_an_expiring_token_before_it_is_refused(make_client: MakeClient, engine: Any) -> None:
    oauth2(engine, token_ttl_s=1.0)
    client = make_client(auth="oauth2", username=USER, password=PASSWORD)
    await client.catalog("styles")
    await asyncio.sleep(1.1)
    await client.catalog("styles")
    stats = engine.stats()
    assert stats["token_calls"] == 2
    assert stats.get("rejected_401", 0) == 0


async def test_oauth2_wrong_password_is_an_auth_error_naming_the_variables(
    make_client: MakeClient, engine: Any
) -> None:
    oauth2(engine)
    client = make_client(auth="oauth2", username=USER, password="not-the-password")
    with pytest.raises(AuthError, match="BOOTH_API_USERNAME / BOOTH_API_PASSWORD") as caught:
        await client.catalog("filters")
    assert caught.value.exit_code == 3
    assert "not-the-password" not in str(caught.value)


async def test_oauth2_wrong_token_path_names_the_setting(make_client: MakeClient, engine: Any) -> None:
    oauth2(engine)
    client = make_client(auth="oauth2", username=USER, password=PASSWORD, token_path="/oauth/token")
    with pytest.raises(AuthError, match=r"api\.token_path"):
        await client.catalog("filters")


async def test_oauth2_a_401_after_renewal_stops_with_auth_error(make_client: MakeClient, engine: Any) -> None:
    # bearer-mode engine: the token endpoint hands out tokens the API then refuses
    engine.configure(auth="bearer", tokens=["only-this-one"], users={USER: PASSWORD})
    client = make_client(auth="oauth2", username=USER, password=PASSWORD)
    with pytest.raises(AuthError, match="refused booth's credentials"):
        await client.catalog("filters")
    stats = engine.stats()
    assert stats["token_calls"] == 2  # the first token and exactly one renewal
    assert stats["rejected_401"] == 2


async def test_basic_auth(make_client: MakeClient, engine: Any, photo: bytes) -> None:
    engine.configure(auth="basic", users={USER: PASSWORD})
    good = make_client(auth="basic", username=USER, password=PASSWORD)
    assert (await good.run(RunRequest("skin_refiner", photo))).kind == "image"
    bad = make_client(auth="basic", username=USER, password="nope-nope")
    with pytest.raises(AuthError):
        await bad.catalog("filters")


async def test_bearer_static_token(make_client: MakeClient, engine: Any, photo: bytes) -> None:
    engine.configure(auth="bearer", tokens=[TOKEN])
    good = make_client(auth="bearer", token=TOKEN)
    assert (await good.run(RunRequest("skin_refiner", photo))).kind == "image"
    bad = make_client(auth="bearer", token="tok-wrong-wrong")
    with pytest.raises(AuthError, match="BOOTH_API_TOKEN"):
        await bad.catalog("filters")
    assert engine.stats()["runs_received"] == 1


async def test_no_credentials_against_a_guarded_service_says_what_to_set(make_client: MakeClient, engine: Any) -> None:
    oauth2(engine)
    with pytest.raises(AuthError, match="none are set"):
        await make_client().catalog("filters")


async def test_secrets_never_reach_logs_reprs_or_messages(
    make_client: MakeClient, engine: Any, photo: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    oauth2(engine)
    client = make_client(auth="oauth2", username=USER, password=PASSWORD)
    await client.run(RunRequest("comic", photo, style_id=1))
    engine.configure(revoke_tokens=True)
    await client.catalog("filters")
    access_tokens = list(engine.state.gate._issued)  # what the engine handed out
    assert len(access_tokens) >= 1
    engine.configure(auth="basic")
    basic = make_client(auth="basic", username=USER, password=PASSWORD)
    await basic.catalog("styles")
    engine.configure(auth="bearer", tokens=[TOKEN])
    bearer = make_client(auth="bearer", token=TOKEN)
    await bearer.catalog("styles")
    with pytest.raises(AuthError) as caught:
        await make_client(auth="bearer", token=TOKEN + "x").catalog("styles")

    settings = ApiSettings(auth="oauth2", username=USER, password=PASSWORD, token=TOKEN)
    exposed = "\n".join(
        [caplog.text, repr(client), repr(basic), repr(bearer), repr(settings), str(settings), str(caught.value)]
    )
    assert caplog.text, "the run was logged at all"
    for secret in [PASSWORD, TOKEN, *access_tokens]:
        assert secret not in exposed


def test_the_redaction_filter_scrubs_authorization_headers_and_token_fields(caplog: pytest.LogCaptureFixture) -> None:
    log = guarded_logger("booth.api.test")
    with caplog.at_level(logging.INFO, logger="booth.api.test"):
        log.info("sent headers %s", {"Authorization": "Bearer abc.def.ghi-123456"})
        log.info('answer {"access_token": "eyJhbGciOi.secretpart", "token_type": "bearer"}')
        log.info("form username=anna&password=hunter2hunter2")
        log.info("Authorization: Basic YW5uYTpodW50ZXIy")
    for leaked in ("abc.def.ghi-123456", "eyJhbGciOi.secretpart", "hunter2hunter2", "YW5uYTpodW50ZXIy"):
        assert leaked not in caplog.text
    assert caplog.text.count("***") == 4
    assert redact("check BOOTH_API_USERNAME / BOOTH_API_PASSWORD: wrong password") == (
        "check BOOTH_API_USERNAME / BOOTH_API_PASSWORD: wrong password"
    )
