"""Booth settings: one TOML file, validated once, read by every part of the booth.

Every option is declared here with its type, default and meaning, so an operator's typo is caught at start
with a message that names the key and the bad value instead of surfacing mid-event. The environment wins
over the file, so credentials can stay out of files that get copied between booths: pydantic-settings reads
`BOOTH_<SECTION>_<KEY>` for any key (BOOTH_API_URL, BOOTH_API_AUTH, BOOTH_API_USERNAME, BOOTH_API_PASSWORD,
BOOTH_API_TOKEN, BOOTH_EVENT_DIR ...), and `BOOTH_PIN` for kiosk.operator_pin. `BOOTH_CONFIG` names the file.
"""

from __future__ import annotations

import ipaddress
import os
import re
import tomllib
from collections.abc import Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, EnvSettingsSource, PydanticBaseSettingsSource, SettingsConfigDict

from booth import pin

REPO_CONFIG = Path(__file__).resolve().parent.parent / "config" / "booth.toml"
ENV_PREFIX = "BOOTH_"

ServiceName = Literal[
    "filter",
    "selfprompt",
    "pose",
    "two_persons",
    "two_persons_selfprompt",
    "animate_image",
    "background_remove",
    "comic",
    "skin_refiner",
]
RatioName = Literal["portrait", "landscape", "square"]
GenderName = Literal["male", "female", "boy", "girl"]
LanguageCode = Literal["en", "de"]


class ConfigError(ValueError):
    """A settings file or variable that cannot be used; the message names the key and the bad value."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, validate_default=True)


class EventSettings(_Section):
    name: str = Field("booth", description="Event name shown on the attract screen, share page and prints.")
    dir: Path = Field(
        Path("~/booth-events/default"),
        description="Event folder: captures/, results/ and the job store live here.",
    )
    logo: Path | None = Field(None, description="Logo image (PNG/SVG) for kiosk, share page and prints.")
    primary_color: str = Field("#1d1b3a", pattern=r"^#[0-9a-fA-F]{6}$", description="Background colour.")
    accent_color: str = Field("#ff5a8a", pattern=r"^#[0-9a-fA-F]{6}$", description="Buttons, highlights.")
    text_color: str = Field("#ffffff", pattern=r"^#[0-9a-fA-F]{6}$", description="Text on the background.")
    keep_nothing: bool = Field(
        False, description="QR only, keep nothing: no prints, no pictures on the attract wall, and each guest's "
                           "photo and results are deleted once their download link has expired.",
    )
    consent: dict[str, str] = Field(
        default_factory=dict,
        description="Consent text guests agree to before the first photo, one per kiosk language "
                    "({ en = \"...\", de = \"...\" }); empty: no consent step.",
    )

    @field_validator("dir", "logo", mode="after")
    @classmethod
    def _expand(cls, value: Path | None) -> Path | None:
        return value.expanduser() if value is not None else None

    @field_validator("consent", mode="after")
    @classmethod
    def _every_language(cls, value: dict[str, str]) -> dict[str, str]:
        """A guest must read the consent in the language they chose: a text missing for one is an error."""
        if not value:
            return value
        languages = get_args(LanguageCode)
        unknown = sorted(set(value) - set(languages))
        missing = [code for code in languages if not value.get(code, "").strip()]
        if unknown or missing:
            raise ValueError(f"give a consent text for each kiosk language ({', '.join(languages)}): "
                             + "; ".join(filter(None, [f"missing {', '.join(missing)}" if missing else "",
                                                       f"unknown {', '.join(unknown)}" if unknown else ""])))
        return value


class ApiSettings(_Section):
    url: str = Field("", description="Eventstation API base URL; empty runs the booth on its local engine.")
    auth: Literal["oauth2", "basic", "bearer"] = Field("oauth2", description="How the API is signed in to.")
    username: str = Field("", description="Account name for oauth2 and basic auth.")
    password: SecretStr = Field(SecretStr(""), description="Account password (prefer BOOTH_API_PASSWORD).")
    token: SecretStr = Field(SecretStr(""), description="Static API key for bearer auth (BOOTH_API_TOKEN).")
    token_path: str = Field("/token", description="Where oauth2 posts username and password for a token.")
    connect_timeout_s: float = Field(5.0, gt=0, le=120, description="Giving up on a connection attempt.")
    read_timeout_s: float = Field(60.0, gt=0, le=600, description="Giving up on an answer once sent.")
    image_deadline_s: float = Field(240.0, gt=0, description="How long an image job may take in all.")
    video_deadline_s: float = Field(600.0, gt=0, description="How long an animation job may take in all.")
    catalog_cache: Path | None = Field(
        None, description="Where the catalogs are cached for offline starts; default: the user cache dir."
    )

    @field_validator("url", mode="after")
    @classmethod
    def _https_unless_loopback(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not value:
            return value
        from urllib.parse import urlsplit

        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("must be an http(s) URL such as https://api.example.com")
        from booth.netloc import is_loopback_host

        loopback = is_loopback_host(parts.hostname)
        if parts.scheme != "https" and not loopback:
            raise ValueError("must use https:// (plain http is only allowed on loopback)")
        return value


class EngineSettings(_Section):
    """The local engine: offline mode, the no-account default, and the test double."""

    host: str = Field("127.0.0.1", description="Address the engine listens on (loopback by default).")
    port: int = Field(0, ge=0, le=65535, description="0 picks a free port.")
    latency_s: float = Field(0.0, ge=0, description="Extra seconds each job spends 'running'.")
    concurrency_limit: int = Field(0, ge=0, description="Runs allowed in flight at once; 0 = unlimited.")
    credits: int = Field(-1, ge=-1, description="Runs left before 402; -1 = unlimited.")
    retention_s: float = Field(1800.0, gt=0, description="Seconds a finished job is kept before 404.")
    auth: Literal["none", "oauth2", "basic", "bearer"] = Field("none", description="Auth the engine asks.")
    users: dict[str, str] = Field(default_factory=dict, description="username -> password for oauth2/basic.")
    tokens: list[str] = Field(default_factory=list, description="Accepted static bearer tokens.")
    token_ttl_s: float = Field(3600.0, gt=0, description="Lifetime of an oauth2 token it hands out.")
    variant: dict[str, str] = Field(
        default_factory=dict,
        description="Answer shape for each uncertain part of the contract (see booth/engine/variants.py).",
    )
    faults: dict[str, float] = Field(
        default_factory=dict,
        description="Injected faults, name -> probability or seconds (see booth/engine/faults.py).",
    )


class JobSettings(_Section):
    max_in_flight: int = Field(3, ge=1, le=32, description="Runs at the service at once (basic plan: 3).")
    offline_fallback: Literal["wait", "local"] = Field(
        "wait", description="When the service is unreachable: keep jobs queued, or run them locally."
    )
    resubmit_uncertain: bool = Field(
        False, description="Resend a run whose answer was lost (costs a credit) without asking the operator."
    )
    original_on_deadline: bool = Field(
        True, description="At a job's deadline, hand the guest their framed original photo."
    )
    poll_interval_s: float = Field(1.0, gt=0, le=30, description="Base pause between status rounds.")


class CameraSettings(_Section):
    source: str = Field(
        "auto", description="auto | demo | device index | /dev/videoN | video file | rtsp:// or http:// URL."
    )
    width: int = Field(1920, ge=160, le=7680)
    height: int = Field(1080, ge=120, le=4320)
    fps: int = Field(30, ge=1, le=120)
    mirror_preview: bool = Field(True, description="Show the preview as a selfie mirror (photo unmirrored).")


def _all_services() -> list[ServiceName]:
    """Every experience, in the order the kiosk offers them by default."""
    return ["filter", "selfprompt", "comic", "background_remove", "two_persons", "pose", "animate_image",
            "skin_refiner"]  # fmt: skip


class KioskSettings(_Section):
    services: list[ServiceName] = Field(
        default_factory=_all_services, description="Experiences offered to guests, in this order."
    )
    countdown_s: int = Field(3, ge=0, le=10)
    retake_limit: int = Field(2, ge=0, le=10)
    inactivity_s: float = Field(60.0, ge=5, description="Idle seconds before returning to the attract screen.")
    default_gender: GenderName = "female"
    default_ratio: RatioName = "portrait"
    trigger_key: str = Field("F9", description="Key (Qt name) that a USB buzzer sends to start the countdown.")
    operator_pin: SecretStr | None = Field(
        None, description="Control panel PIN, 4-12 digits; held only as its hash. Prefer `booth pin set`."
    )
    operator_pin_file: Path | None = Field(
        None, description="Where `booth pin set` keeps the PIN's hash; default: <settings file>.pin beside it."
    )
    operator_idle_lock_s: float = Field(
        300.0, ge=30, le=3600, description="Idle seconds after which the control panel locks (PIN again)."
    )
    language: LanguageCode = "en"
    fullscreen: bool = True
    max_print_copies: int = Field(2, ge=0, le=10, description="Copies one guest may print.")

    @field_validator("operator_pin", mode="after")
    @classmethod
    def _hash_pin(cls, value: SecretStr | None) -> SecretStr | None:
        """A PIN from the file or BOOTH_PIN is checked against booth.pin's rules and kept only as its hash."""
        if value is None or pin.is_hash(value.get_secret_value()):
            return value
        return SecretStr(pin.hash_pin(value.get_secret_value()))


class LayoutSettings(_Section):
    paper: Literal["4x6", "6x4", "2x6", "A6", "A5", "A4"] = "4x6"
    orientation: Literal["portrait", "landscape"] = "portrait"
    borderless: bool = True
    margin_mm: float = Field(0.0, ge=0, le=50)
    dpi: int = Field(300, ge=72, le=1200)
    fit: Literal["cover", "contain"] = "cover"
    overlay: Path | None = Field(None, description="Frame PNG whose transparent window shows the picture.")
    show_logo: bool = False
    text: str = Field("", description="Event text printed under the picture; {date} is replaced.")
    qr: bool = False


class PrintingSettings(_Section):
    enabled: bool = True
    printer: str = Field("", description="CUPS queue name; empty = the system default printer.")
    layout: str = Field("postcard", description="Name of the layout in [printing.layouts] to use.")
    layouts: dict[str, LayoutSettings] = Field(
        default_factory=lambda: {"postcard": LayoutSettings()}, description="Named page layouts."
    )
    event_limit: int = Field(0, ge=0, description="Prints allowed for the whole event; 0 = unlimited.")


class SharingSettings(_Section):
    enabled: bool = True
    bind: list[str] = Field(
        default_factory=lambda: ["auto"],
        description='Addresses the share server listens on: "auto" = the LAN address the QR codes name, plus '
        'loopback; or IP addresses ("0.0.0.0" = every interface).',
    )
    host: str = Field("", description="One address to listen on instead of `bind` (older key; empty = use bind).")
    port: int = Field(8765, ge=0, le=65535)
    public_base_url: str = Field("", description="Base URL guests reach the share server by, if not the LAN.")
    link_days: float = Field(7.0, ge=0, description="Days a download link works after it is made; 0 = until revoked.")
    token_ttl_h: float = Field(0.0, ge=0, description="Hours a download link lives, overriding link_days when above 0.")

    @field_validator("bind")
    @classmethod
    def _bind_addresses(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError('name at least one address, or "auto"')
        for address in value:
            if address != "auto":
                try:
                    ipaddress.ip_address(address)
                except ValueError:
                    raise ValueError(f'{address!r} is not an IP address or "auto"') from None
        return value


def _host_name() -> str:
    """This machine's short host name in the letters a kiosk folder allows (a default never fails validation)."""
    import socket

    name = re.sub(r"[^A-Za-z0-9._-]+", "-", socket.gethostname().split(".")[0]).strip("-._")
    return name[:63] or "kiosk"


class SyncSettings(_Section):
    """Copying this kiosk's results, share pages and figures to storage every kiosk of the event reaches."""

    enabled: bool = Field(False, description="Copy results, share pages and figures to `remote`.")
    remote: str = Field(
        "", description="rclone remote `name:path`, or a connection string such as `:webdav,url=https://...:path`."
    )
    rclone_config: Path | None = Field(None, description="rclone.conf that defines the remote; default: rclone's own.")
    kiosk: str = Field(
        default_factory=_host_name, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$",
        description="This booth's folder under REMOTE/<event>/; default: the host name.",
    )  # fmt: skip
    interval_s: float = Field(30.0, ge=2, le=3600, description="Seconds between passes while all goes well.")
    timeout_s: float = Field(300.0, ge=5, le=3600, description="Longest one rclone call may take before it is stopped.")

    @field_validator("rclone_config", mode="after")
    @classmethod
    def _expand(cls, value: Path | None) -> Path | None:
        return value.expanduser() if value is not None else None


class Settings(BaseSettings):
    """All of it. Validated from the file's tables by `from_mapping`; `load` lays the environment over them."""

    model_config = SettingsConfigDict(
        extra="forbid",
        validate_assignment=True,
        validate_default=True,
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="_",
        env_nested_max_split=1,  # BOOTH_API_CONNECT_TIMEOUT_S is api.connect_timeout_s
        case_sensitive=False,
    )

    event: EventSettings = Field(default_factory=EventSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)
    engine: EngineSettings = Field(default_factory=EngineSettings)
    jobs: JobSettings = Field(default_factory=JobSettings)
    camera: CameraSettings = Field(default_factory=CameraSettings)
    kiosk: KioskSettings = Field(default_factory=KioskSettings)
    printing: PrintingSettings = Field(default_factory=PrintingSettings)
    sharing: SharingSettings = Field(default_factory=SharingSettings)
    sync: SyncSettings = Field(default_factory=SyncSettings)

    @property
    def uses_local_engine(self) -> bool:
        return not self.api.url

    @model_validator(mode="after")
    def _keep_nothing_needs_links_that_end(self) -> Settings:
        """A "keep nothing" event deletes a guest's pictures when their link ends: a link must end."""
        if self.event.keep_nothing and self.sharing.link_days <= 0 and self.sharing.token_ttl_h <= 0:
            raise ValueError("event.keep_nothing deletes pictures when their download link ends: set "
                             "sharing.token_ttl_h or sharing.link_days above 0")
        return self

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """`Settings(**tables)` reads the environment too, and the environment wins (it comes first)."""
        return (Environment(settings_cls), init_settings)


class Environment(EnvSettingsSource):
    """`BOOTH_<SECTION>_<KEY>` variables as nested settings, from the environment `from_mapping` was given
    (the process's own for a bare `Settings()`). `ALIASES` holds the documented short names."""

    ALIASES = {"booth_pin": "booth_kiosk_operator_pin"}

    def _load_env_vars(self) -> Mapping[str, str | None]:
        given = _ENVIRON.get()
        environ = os.environ if given is None else given
        found = {name.lower(): value for name, value in environ.items() if name.upper().startswith(ENV_PREFIX)}
        for short, full in self.ALIASES.items():
            value = found.pop(short, None)
            if value:
                found.setdefault(full, value)
        return found

    def decode_complex_value(self, field_name: str, field: FieldInfo, value: Any) -> Any:
        """A list or table is JSON in a variable; one that is not goes on as text, so validation names the
        variable and what it should be, instead of the source failing for the whole section."""
        try:
            return super().decode_complex_value(field_name, field, value)
        except ValueError:
            return value

    @classmethod
    def variable(cls, loc: tuple[int | str, ...], environ: Mapping[str, str]) -> str | None:
        """The variable a setting at `loc` came from, if it came from `environ`."""
        names = {name.upper() for name in environ}
        for depth in (2, 1):  # BOOTH_API_URL, else a whole section given as JSON (BOOTH_API)
            full = f"{ENV_PREFIX}{'_'.join(str(part) for part in loc[:depth])}".upper()
            if full in names and depth <= len(loc):
                return full
            short = [alias.upper() for alias, target in cls.ALIASES.items() if target.upper() == full]
            found = next((name for name in short if name in names), None)
            if found is not None:
                return found
        return None


# The environment `Environment` reads while `from_mapping` validates; None: the process's own.
_ENVIRON: ContextVar[Mapping[str, str] | None] = ContextVar("booth_settings_environ", default=None)


def _describe(error: ErrorDetails, source: str) -> str:
    key = ".".join(str(part) for part in error["loc"])
    if not key:  # about the whole: its input is every setting (secrets too), so only the reason is shown
        return f"{source}: {error['msg']}"
    value = error.get("input")
    shown = "(hidden)" if any(word in key for word in ("password", "token", "pin", "remote")) else repr(value)
    if error["type"] == "extra_forbidden":
        return f"{source}: unknown key '{key}': remove it or check its spelling"
    if error["type"] == "missing":
        return f"{source}: '{key}' is required"
    return f"{source}: {key} = {shown}: {error['msg']}"


def from_mapping(
    data: Mapping[str, Any], source: str = "settings", *, env: Mapping[str, str] | None = None
) -> Settings:
    """Validate raw settings with the `env` variables laid over them (none unless given: a mapping alone is
    the whole truth); every problem becomes one ConfigError line naming key, value and where it came from."""
    environ = env or {}
    token = _ENVIRON.set(environ)
    try:
        return Settings.model_validate(dict(data))
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            variable = Environment.variable(error["loc"], environ)
            lines.append(_describe(error, f"environment variable {variable}" if variable else source))
        raise ConfigError("\n".join(lines)) from None
    finally:
        _ENVIRON.reset(token)


def field_errors(data: Mapping[str, Any]) -> dict[str, ErrorDetails]:
    """Per dotted key (`kiosk.countdown_s`), why `from_mapping` would refuse the file's tables `data` (no
    environment laid over them); empty when they pass. The panel shows each beside its field."""
    token = _ENVIRON.set({})
    try:
        Settings.model_validate(dict(data))
    except ValidationError as exc:
        return {".".join(str(part) for part in error["loc"]): error for error in exc.errors()}
    finally:
        _ENVIRON.reset(token)
    return {}


def config_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The file to read: an explicit path, else $BOOTH_CONFIG, else the repo's config/booth.toml."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("BOOTH_CONFIG")
    if env:
        return Path(env).expanduser()
    return REPO_CONFIG


_TOML_WHERE = re.compile(r"\s*\(at (line \d+, column \d+|end of document)\)\s*$")


def read_toml(path: Path) -> dict[str, Any]:
    """The file's tables; anything that keeps it from being read is a ConfigError naming file and line."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such settings file; check the path or BOOTH_CONFIG") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read it ({exc.strerror or exc}); check the path and its rights") from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(f"{path}, line {line}: not valid TOML (not UTF-8 text); save the file as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        text = str(exc)
        where = _TOML_WHERE.search(text)
        what = _TOML_WHERE.sub("", text)
        at = f", {where.group(1)}" if where else ""
        raise ConfigError(f"{path}{at}: not valid TOML ({what}); fix that line") from None


def load(path: str | os.PathLike[str] | None = None, *, env: Mapping[str, str] | None = None) -> Settings:
    """Read the file, lay the environment over it (BOOTH_* variables win), validate.

    A missing default file is not an error (a fresh install runs on defaults); a missing named file is.
    """
    env = os.environ if env is None else env
    chosen = config_path(path if path is not None else env.get("BOOTH_CONFIG"))
    explicit = path is not None or bool(env.get("BOOTH_CONFIG"))
    data: dict[str, Any] = {}
    if chosen.exists() or explicit:
        data = read_toml(chosen)
    return from_mapping(data, str(chosen), env=env)
