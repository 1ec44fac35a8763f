"""The share server over real HTTP on loopback: a guest gets their page and file; every probe gets a bare 404."""

from __future__ import annotations

import secrets
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image

from booth.settings import EventSettings, SharingSettings
from booth.sharing.server import ShareServer
from booth.sharing.tokens import ShareError

EVENT_NAME = "Anna & Ben <3"


@pytest.fixture
def event_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "event"
    (folder / "results").mkdir(parents=True)
    (folder / "captures").mkdir()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(folder / "results" / "A01.jpg")
    Image.new("RGB", (64, 48), (30, 30, 200)).save(folder / "results" / "A02.jpg")
    (folder / "results" / "A03.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
    Image.new("RGB", (64, 48), (0, 0, 0)).save(folder / "captures" / "A01.jpg")
    return folder


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=5) as client:
        yield client


@pytest.fixture
def make_server(event_dir: Path) -> Iterator[Callable[..., ShareServer]]:
    made: list[ShareServer] = []

    logo = event_dir / "logo.png"
    Image.new("RGBA", (16, 8), (255, 255, 255, 255)).save(logo)

    def make(**sharing: object) -> ShareServer:
        settings = SharingSettings(host="127.0.0.1", port=0, **sharing)
        event = EventSettings(name=EVENT_NAME, dir=event_dir, accent_color="#00ff88", logo=logo)
        server = ShareServer(settings, event, event_dir)
        made.append(server)
        server.start()
        return server

    yield make
    for server in made:
        server.close()


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ShareServer, str]]:
    """One server with one published result for the many probing requests."""
    folder = tmp_path_factory.mktemp("probe")
    (folder / "results").mkdir()
    (folder / "captures").mkdir()
    Image.new("RGB", (8, 8)).save(folder / "results" / "A01.jpg")
    Image.new("RGB", (8, 8)).save(folder / "captures" / "A01.jpg")
    server = ShareServer(SharingSettings(host="127.0.0.1", port=0), EventSettings(dir=folder), folder)
    server.start()
    token = server.publish(folder / "results" / "A01.jpg").rsplit("/", 1)[1]
    yield server, token
    server.close()


def raw_get(base_url: str, target: str) -> tuple[int, bytes]:
    """Send the request line exactly as written (no client-side normalising of dots or escapes)."""
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as conn:
        conn.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def test_guest_gets_a_branded_page_and_their_picture(http, make_server, event_dir: Path):
    server = make_server()
    url = server.publish(event_dir / "results" / "A01.jpg")
    token = url.rsplit("/", 1)[1]
    assert len(token) >= 22  # >= 128 bits in URL-safe base64
    page = http.get(url)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "Anna &amp; Ben &lt;3" in page.text  # the event's name, escaped
    assert "#00ff88" in page.text  # its accent colour
    assert '<img src="data:image/png;base64,' in page.text  # its logo, inline: nothing else is served
    assert 'name="viewport"' in page.text
    assert f'<img class="media" src="{token}/file"' in page.text
    assert 'id="download"' in page.text
    picture = http.get(url + "/file")
    assert picture.status_code == 200 and picture.headers["content-type"] == "image/jpeg"
    assert picture.content == (event_dir / "results" / "A01.jpg").read_bytes()
    download = http.get(url + "/file", params={"download": "1"})
    assert download.headers["content-disposition"].startswith("attachment")
    assert page.headers["cache-control"] == "no-store" and page.headers["referrer-policy"] == "no-referrer"


def test_a_video_result_plays_inline_on_the_phone(http, make_server, event_dir: Path):
    server = make_server()
    url = server.publish(event_dir / "results" / "A03.mp4")
    page = http.get(url).text
    assert "<video" in page and "autoplay loop muted playsinline" in page
    assert http.get(url + "/file").headers["content-type"] == "video/mp4"


def test_one_token_opens_one_guests_file_only(http, make_server, event_dir: Path):
    server = make_server()
    first = server.publish(event_dir / "results" / "A01.jpg")
    second = server.publish(event_dir / "results" / "A02.jpg")
    assert first != second
    assert http.get(first + "/file").content == (event_dir / "results" / "A01.jpg").read_bytes()
    assert http.get(second + "/file").content == (event_dir / "results" / "A02.jpg").read_bytes()


@pytest.mark.parametrize(
    "target",
    [
        "/",
        "/s",
        "/s/",
        "/results/",
        "/results/A01.jpg",
        "/captures/A01.jpg",
        "/shares.sqlite",
        "/s/A01.jpg",
        "/s/../results/A01.jpg",
        "/s/%2e%2e/%2e%2e/results/A01.jpg",
        "/s/%2e%2e%2fresults%2fA01.jpg/file",
        "/s/..%2F..%2Fetc%2Fpasswd/file",
        "/s//etc/passwd",
        "/s/%2fetc%2fpasswd/file",
        "/etc/passwd",
        "/s/TOKEN/../../captures/A01.jpg",
        "/s/TOKEN/",
        "/s/TOKEN/file/extra",
        "/s/TOKEN/%2e%2e/%2e%2e/captures/A01.jpg",
        "/s/TOKEN/..%2f..%2fcaptures%2fA01.jpg",
        "/docs",
        "/openapi.json",
    ],
)
def test_everything_but_a_token_page_or_file_is_a_bare_404(probe: tuple[ShareServer, str], target: str):
    server, token = probe
    status, body = raw_get(server.base_url, target.replace("TOKEN", token))
    assert status == 404, target
    assert body == b"Not found"  # the same bare answer, whatever was tried


def test_wrong_and_guessed_tokens_get_404(http, make_server, event_dir: Path):
    server = make_server()
    url = server.publish(event_dir / "results" / "A01.jpg")
    token = url.rsplit("/", 1)[1]
    wrong = token[:-1] + ("A" if token[-1] != "A" else "B")
    for guess in (wrong, secrets.token_urlsafe(18), token.upper(), "A" * len(token), token + "x"):
        for suffix in ("", "/file"):
            answer = http.get(f"{server.base_url}/s/{guess}{suffix}")
            assert answer.status_code == 404 and answer.text == "Not found"


def test_revoked_and_expired_links_get_404(http, make_server, event_dir: Path):
    server = make_server()
    kept = server.publish(event_dir / "results" / "A01.jpg")
    revoked = server.publish(event_dir / "results" / "A02.jpg")
    assert server.revoke(revoked.rsplit("/", 1)[1])
    assert http.get(revoked).status_code == 404 and http.get(revoked + "/file").status_code == 404
    short = server.publish(event_dir / "results" / "A01.jpg", ttl_s=1.0)
    assert http.get(short).status_code == 200
    time.sleep(1.1)
    assert http.get(short).status_code == 404 and http.get(short + "/file").status_code == 404
    assert http.get(kept).status_code == 200


def test_token_ttl_comes_from_settings(http, make_server, event_dir: Path):
    server = make_server(token_ttl_h=1.0 / 3600)  # a second
    url = server.publish(event_dir / "results" / "A01.jpg")
    assert http.get(url).status_code == 200
    time.sleep(1.1)
    assert http.get(url).status_code == 404


def test_links_survive_a_restart(http, make_server, event_dir: Path):
    first = make_server()
    url = first.publish(event_dir / "results" / "A01.jpg")
    path = url.split(first.base_url, 1)[1]
    first.close()
    second = make_server()
    assert http.get(second.base_url + path + "/file").content == (event_dir / "results" / "A01.jpg").read_bytes()


def test_only_result_files_can_be_published(make_server, event_dir: Path, tmp_path: Path):
    server = make_server()
    with pytest.raises(ShareError, match="results folder"):
        server.publish(event_dir / "captures" / "A01.jpg")
    with pytest.raises(ShareError, match="results folder"):
        server.publish(event_dir / "results" / ".." / "captures" / "A01.jpg")
    with pytest.raises(ShareError, match="results folder"):
        server.publish(Path("/etc/passwd"))
    sneaky = event_dir / "results" / "link.jpg"
    sneaky.symlink_to(event_dir / "captures" / "A01.jpg")
    with pytest.raises(ShareError, match="results folder"):
        server.publish(sneaky)
    with pytest.raises(ShareError, match="no such result"):
        server.publish(event_dir / "results" / "gone.jpg")


def test_a_result_swapped_for_a_symlink_after_publishing_is_not_served(http, make_server, event_dir: Path):
    server = make_server()
    url = server.publish(event_dir / "results" / "A02.jpg")
    target = event_dir / "results" / "A02.jpg"
    target.unlink()
    target.symlink_to(event_dir / "captures" / "A01.jpg")
    assert http.get(url + "/file").status_code == 404


def test_base_url_prefers_the_public_url_then_the_lan_address(http, event_dir: Path):
    event = EventSettings(dir=event_dir)
    public = ShareServer(SharingSettings(public_base_url="https://photos.example.com/booth/"), event, event_dir)
    assert public.publish(event_dir / "results" / "A01.jpg").startswith("https://photos.example.com/booth/s/")
    public.close()
    lan = ShareServer(SharingSettings(host="0.0.0.0", port=0), event, event_dir)
    try:
        base = lan.start()
        host = base.removeprefix("http://").rsplit(":", 1)[0]
        assert host != "0.0.0.0"
        socket.inet_aton(host)  # a real IPv4 address of this machine (or loopback without a network)
        assert http.get(lan.publish(event_dir / "results" / "A01.jpg").replace(host, "127.0.0.1")).status_code == 200
    finally:
        lan.close()


def test_a_taken_port_is_a_clear_error(event_dir: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = ShareServer(SharingSettings(host="127.0.0.1", port=port), EventSettings(dir=event_dir), event_dir)
        with pytest.raises(OSError, match=r"pick another sharing\.port"):
            server.start()
        server.close()


def test_by_default_it_listens_on_the_lan_address_and_loopback_only(http, event_dir: Path):
    from booth.sharing.netaddr import lan_address

    server = ShareServer(SharingSettings(port=0), EventSettings(dir=event_dir), event_dir)
    try:
        base = server.start()
        lan = lan_address()
        assert server.addresses == list(dict.fromkeys([lan, "127.0.0.1"]))
        assert base == f"http://{lan}:{server.port}"  # what the QR codes name
        url = server.publish(event_dir / "results" / "A01.jpg")
        assert http.get(url).status_code == 200
        assert http.get(url.replace(lan, "127.0.0.1")).status_code == 200
        with pytest.raises(OSError):  # another address of this machine: nobody listens there
            socket.create_connection(("127.0.0.3", server.port), timeout=2).close()
    finally:
        server.close()


def test_bind_names_the_addresses(http, event_dir: Path):
    settings = SharingSettings(bind=["127.0.0.4", "127.0.0.5"], port=0)
    server = ShareServer(settings, EventSettings(dir=event_dir), event_dir)
    try:
        assert server.start() == f"http://127.0.0.4:{server.port}"
        url = server.publish(event_dir / "results" / "A01.jpg")
        assert http.get(url.replace("127.0.0.4", "127.0.0.5")).status_code == 200
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", server.port), timeout=2).close()
    finally:
        server.close()


def test_a_bind_entry_that_is_no_address_is_refused_by_name():
    from booth.settings import ConfigError, from_mapping

    with pytest.raises(ConfigError, match=r"sharing\.bind.*'venue-wifi' is not an IP address"):
        from_mapping({"sharing": {"bind": ["venue-wifi"]}})


def test_an_ended_link_tells_the_guest_why_and_an_unknown_one_still_gets_the_bare_404(http, make_server,
                                                                                        event_dir: Path):
    server = make_server()
    revoked = server.publish(event_dir / "results" / "A01.jpg")
    server.revoke(revoked)
    gone = http.get(revoked)
    assert gone.status_code == 404 and gone.headers["content-type"].startswith("text/html")
    assert "expired or was withdrawn" in gone.text and "Anna &amp; Ben &lt;3" in gone.text
    assert "A01" not in gone.text and "/file" not in gone.text  # nothing of the picture
    assert http.get(revoked + "/file").text == "Not found"
    unknown = revoked[:-2] + ("AA" if not revoked.endswith("AA") else "BB")
    assert http.get(unknown).text == "Not found"


def test_links_live_sharing_link_days_by_default(make_server, event_dir: Path):
    from booth.sharing.tokens import ShareStore

    assert SharingSettings().link_days == 7.0  # a default lifetime: printed links do not open a picture for ever
    server = make_server(link_days=2.0)
    token = server.publish(event_dir / "results" / "A01.jpg").rsplit("/", 1)[1]
    results = event_dir / "results"
    later = [time.time()]
    store = ShareStore(event_dir, results, now=lambda: later[0])
    try:
        later[0] += 2 * 86400 - 60
        assert store.lookup(token) is not None
        later[0] += 120
        assert store.lookup(token) is None
    finally:
        store.close()
