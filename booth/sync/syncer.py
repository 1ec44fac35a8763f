"""One sync pass: this kiosk's results, live share pages and figures to `REMOTE/<event>/<kiosk>/`.

A plain, blocking class (the CLI calls it directly, the running booth from a worker thread through
`booth.sync.loop`), so guests never wait for the storage. What goes up:

- `results/<file>`: every result in the event folder, as it is (rclone skips what the remote has already);
- `share/<token>.html`: the static share page of each live share link, naming `../results/<file>`, so a
  link keeps working off the venue Wi-Fi (a bucket website or any web server in front of the storage);
  a page whose link was revoked or expired is deleted there (the one deletion booth makes on the remote);
- `figures.jsonl`: one line per job (and one per print), for `booth stats --remote` and the wall.

Local bookkeeping lives in `<event>/sync/`: the staged pages and figures, and `uploaded.json`, what went up
in earlier passes (for "files waiting" without asking the remote; rclone still makes its own checks).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from booth.jobs.event import EventFolder, atomic_write
from booth.settings import Settings
from booth.sync.rclone import Rclone, RcloneError, Remote

SYNC_DIR = "sync"
SHARE_DIR = "share"
FIGURES = "figures.jsonl"
MANIFEST = "uploaded.json"


def event_slug(name: str) -> str:
    """The event's folder name on the remote: its name in safe letters (`Anna & Ben 2026` -> anna-ben-2026)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:64] or "event"


def make_rclone(settings: Settings) -> Rclone:
    """The rclone of the `[sync]` settings (a bad connection string raises ValueError naming it); the remote's
    secrets join the log's redaction list."""
    from booth.api.redact import register_secret

    remote = Remote.parse(settings.sync.remote)
    for secret in remote.secrets:
        register_secret(secret)
    return Rclone(remote, settings.sync.rclone_config, settings.sync.timeout_s)


@dataclass(frozen=True)
class PassReport:
    """What one pass did: the files rclone sent, the share pages it withdrew, what still waits."""

    uploaded: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    waiting: int = 0
    finished_at: float = field(default_factory=time.time)


class Syncer:
    """This kiosk's copy to the shared storage; one pass at a time (the caller keeps it to one thread)."""

    def __init__(self, settings: Settings, event_dir: Path, *, rclone: Rclone | None = None) -> None:
        self.settings = settings
        self.event = EventFolder(event_dir)
        self.rclone = rclone or make_rclone(settings)
        self.folder = self.event.path / SYNC_DIR
        self.dest = f"{event_slug(settings.event.name)}/{settings.sync.kiosk}"

    # ---- what goes up ---------------------------------------------------------------------------------

    def _results(self) -> list[str]:
        if not self.event.results.is_dir():
            return []
        return sorted(
            f"{self.event.results.name}/{path.name}"
            for path in self.event.results.iterdir()
            if path.is_file() and not path.name.startswith(".")
        )

    def _live_shares(self) -> dict[str, Path]:
        """token -> result file of every live share link (none when sharing never started here)."""
        if not (self.event.shares / "shares.sqlite").is_file():
            return {}
        from booth.sharing.tokens import ShareStore

        store = ShareStore(self.event.shares, self.event.results)
        try:
            return {share.token: share.path for share in store.live()}
        finally:
            store.close()

    def link_for(self, token: str) -> str | None:
        """The public URL of a share's synced page, if `sharing.public_base_url` is set."""
        base = self.settings.sharing.public_base_url.rstrip("/")
        return f"{base}/{self.dest}/{SHARE_DIR}/{token}.html" if base else None

    def _stage_pages(self, shares: dict[str, Path]) -> list[str]:
        """Each live link's page and its own copy of the picture under the token's name, in `share/`: the
        storage's public face holds nothing but unguessable names, and withdrawing a link deletes both."""
        from booth.sharing.page import render

        names = []
        for token, path in shares.items():
            picture = f"{SHARE_DIR}/{token}{path.suffix.lower()}"
            page = f"{SHARE_DIR}/{token}.html"
            if not (self.folder / picture).exists():
                atomic_write(self.folder / picture, path.read_bytes())
            if not (self.folder / page).exists():
                html = render(self.settings.event, token, path, file_url=Path(picture).name)
                atomic_write(self.folder / page, html.encode())
            names += [picture, page]
        return names

    def _figure_lines(self, shares: dict[str, Path]) -> Iterator[dict[str, Any]]:
        from booth.jobs.store import JobStore

        links = {path.name: token for token, path in shares.items()}
        kiosk = self.settings.sync.kiosk
        store = JobStore(self.event)
        try:
            jobs = store.all()
        finally:
            store.close()
        for job in jobs:
            result = job.result_path.name if job.result_path is not None else None
            token = links.get(result or "")
            yield {"kind": "job", "kiosk": kiosk, "ticket": job.ticket, "service": job.service,
                   "state": job.state.value, "created_at": job.created_at, "updated_at": job.updated_at,
                   "fallback": job.fallback, "result": f"results/{result}" if result else None,
                   "share": f"{SHARE_DIR}/{token}.html" if token else None,
                   "link": self.link_for(token) if token else None}  # fmt: skip
        yield from self._print_lines(kiosk)

    def _print_lines(self, kiosk: str) -> Iterator[dict[str, Any]]:
        if not (self.event.prints / "prints.sqlite").is_file():
            return
        from booth.printing.store import PrintStore

        store = PrintStore(self.event.prints)
        try:
            prints = store.load()
        finally:
            store.close()
        for job in prints:
            yield {"kind": "print", "kiosk": kiosk, "copies": job.copies, "state": str(job.state)}

    def _stage_figures(self, shares: dict[str, Path]) -> str:
        """Write figures.jsonl; its hash (uploaded only when it changed: rclone cannot tell on every remote)."""
        lines = "".join(json.dumps(line, sort_keys=True) + "\n" for line in self._figure_lines(shares))
        data = lines.encode()
        path = self.folder / FIGURES
        if not path.exists() or path.read_bytes() != data:
            atomic_write(path, data)
        return hashlib.sha256(data).hexdigest()

    # ---- bookkeeping ----------------------------------------------------------------------------------

    def _manifest(self) -> dict[str, Any]:
        try:
            data = json.loads((self.folder / MANIFEST).read_text())
        except (OSError, ValueError):
            return {"files": {}, "figures": "", "forget": []}
        return data if isinstance(data, dict) else {"files": {}, "figures": "", "forget": []}

    def _save_manifest(self, manifest: dict[str, Any]) -> None:
        atomic_write(self.folder / MANIFEST, json.dumps(manifest, sort_keys=True).encode())

    def _size(self, name: str) -> int:
        base = self.folder if name.startswith(f"{SHARE_DIR}/") else self.event.path
        try:
            return (base / name).stat().st_size
        except OSError:
            return -1

    def waiting(self) -> int:
        """Results and links that no pass has sent yet (cheap: no remote call)."""
        sent = self._manifest().get("files", {})
        names = [*self._results(), *(f"{SHARE_DIR}/{t}.html" for t in self._live_shares())]
        return sum(1 for name in names if sent.get(name) != self._size(name))

    def synced_tokens(self) -> set[str]:
        """The links whose page and picture are on the storage (their public URL works)."""
        sent = self._manifest().get("files", {})
        pages = {name[len(SHARE_DIR) + 1 : -len(".html")] for name in sent if name.endswith(".html")}
        pictures = {Path(name).stem for name in sent if name.startswith(f"{SHARE_DIR}/") and not name.endswith(".html")}
        return pages & pictures

    # ---- the pass -------------------------------------------------------------------------------------

    def run_once(self) -> PassReport:
        """One pass; raises RcloneError when the storage cannot be reached (nothing is lost: the next pass
        sends what this one did not)."""
        shares = self._live_shares()
        results = self._results()
        pages = self._stage_pages(shares)
        figures_hash = self._stage_figures(shares)
        withdrawn = self._apply_withdrawals(set(pages))
        manifest = self._manifest()
        sent: dict[str, int] = dict(manifest.get("files", {}))
        uploaded = self.rclone.copy(self.event.path, self.dest, results)
        sent.update({name: self._size(name) for name in results})
        uploaded += self.rclone.copy(self.folder, self.dest, pages)
        sent.update({name: self._size(name) for name in pages})
        if manifest.get("figures") != figures_hash:
            self.rclone.copyto(self.folder / FIGURES, f"{self.dest}/{FIGURES}")
            uploaded.append(FIGURES)
        self._save_manifest({**manifest, "files": sent, "figures": figures_hash})
        return PassReport(uploaded, withdrawn, 0)

    def _withdraw(self, sent: dict[str, int], live_pages: set[str]) -> list[str]:
        """Delete the synced page and picture of every link that ended (revoked, expired, guest forgotten)."""
        gone = [name for name in sent if name.startswith(f"{SHARE_DIR}/") and name not in live_pages]
        for name in gone:
            self.rclone.deletefile(f"{self.dest}/{name}")
            (self.folder / name).unlink(missing_ok=True)
            del sent[name]
        return gone

    def withdraw(self, forgotten: Sequence[Path] = ()) -> list[str]:
        """Now, not at the next pass: delete the synced copies of every link that ended, and of `forgotten`
        result files (a guest asked to be forgotten: their pictures leave the storage too). The forgotten
        names are written down first, so a storage that is away now gets the deletion with the next pass."""
        manifest = self._manifest()
        names = [f"{self.event.results.name}/{Path(path).name}" for path in forgotten]
        manifest["forget"] = sorted({*manifest.get("forget", []), *names})
        self._save_manifest(manifest)
        return self._apply_withdrawals(set(self._stage_pages(self._live_shares())))

    def _apply_withdrawals(self, live: set[str]) -> list[str]:
        manifest = self._manifest()
        sent: dict[str, int] = dict(manifest.get("files", {}))
        gone = self._withdraw(sent, live)
        forget = list(manifest.get("forget", []))
        while forget:
            self.rclone.deletefile(f"{self.dest}/{forget[0]}")
            sent.pop(forget.pop(0), None)
            self._save_manifest({**manifest, "files": sent, "forget": forget})
        self._save_manifest({**manifest, "files": sent, "forget": []})
        staged = self.folder / SHARE_DIR
        for path in staged.iterdir() if staged.is_dir() else ():  # a forgotten guest's picture copy goes too
            if f"{SHARE_DIR}/{path.name}" not in live:
                path.unlink(missing_ok=True)
        return gone


__all__ = ["FIGURES", "PassReport", "RcloneError", "Syncer", "event_slug", "make_rclone"]
