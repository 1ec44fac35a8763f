"""The three sign-in modes of contract.md (and none): good credentials pass, anything else is a 401."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from booth.api.services import CATALOG_PATHS, SERVICES

FILTERS = CATALOG_PATHS["filters"]


def test_no_auth_by_default(http: httpx.Client) -> None:
    assert http.get(FILTERS).status_code == 200


def test_oauth2_password_flow(engine: Any, http: httpx.Client) -> None:
    engine.configure(auth="oauth2", users={"booth": "s3cret"})
    assert http.get(FILTERS).status_code == 401
    token = http.post("/token", data={"username": "booth", "password": "s3cret"})
    assert token.status_code == 200
    body = token.json()
    assert body["token_type"] == "bearer" and body["access_token"] and body["expires_in"] > 0
    signed = {"Authorization": f"Bearer {body['access_token']}"}
    assert http.get(FILTERS, headers=signed).status_code == 200
    assert http.post(SERVICES["filter"].status_url("x"), headers=signed).status_code == 404  # past the door


def test_oauth2_wrong_password_and_unknown_token(engine: Any, http: httpx.Client) -> None:
    engine.configure(auth="oauth2", users={"booth": "s3cret"})
    refused = http.post("/token", data={"username": "booth", "password": "guess"})
    assert refused.status_code == 401 and "s3cret" not in refused.text
    assert http.get(FILTERS, headers={"Authorization": "Bearer made-up"}).status_code == 401


def test_oauth2_tokens_expire_and_can_be_revoked(engine: Any, http: httpx.Client) -> None:
    engine.configure(auth="oauth2", users={"booth": "pw"}, token_ttl_s=0.3)
    token = http.post("/token", data={"username": "booth", "password": "pw"}).json()["access_token"]
    signed = {"Authorization": f"Bearer {token}"}
    assert http.get(FILTERS, headers=signed).status_code == 200
    time.sleep(0.4)
    expired = http.get(FILTERS, headers=signed)
    assert expired.status_code == 401 and "expired" in expired.json()["detail"]
    engine.configure(token_ttl_s=60)
    token = http.post("/token", data={"username": "booth", "password": "pw"}).json()["access_token"]
    engine.configure(revoke_tokens=True)
    assert http.get(FILTERS, headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_basic(engine: Any, http: httpx.Client) -> None:
    engine.configure(auth="basic", users={"booth": "pw"})
    assert http.get(FILTERS, auth=("booth", "pw")).status_code == 200
    refused = http.get(FILTERS, auth=("booth", "nope"))
    assert refused.status_code == 401 and refused.headers["www-authenticate"].startswith("Basic")
    assert http.get(FILTERS).status_code == 401


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic Ym9vdGg6cHc=", "Bearer"])
def test_bearer_static_tokens(engine: Any, http: httpx.Client, header: str | None) -> None:
    engine.configure(auth="bearer", tokens=["key-1", "key-2"])
    assert http.get(FILTERS, headers={"Authorization": "Bearer key-2"}).status_code == 200
    headers = {"Authorization": header} if header else {}
    answer = http.get(FILTERS, headers=headers)
    assert answer.status_code == 401
    assert answer.json()["detail"]
    assert engine.stats()["rejected_401"] == 1


def test_runs_need_auth_too(engine: Any, http: httpx.Client, photo_b64: str) -> None:
    engine.configure(auth="bearer", tokens=["k"])
    answer = http.post(SERVICES["comic"].run_path, json={"input_image": photo_b64})
    assert answer.status_code == 401
    assert engine.stats()["runs_accepted"] == 0
