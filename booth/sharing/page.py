"""The download page a guest's phone opens: their picture or clip, one big button, the event's look.

One self-contained HTML document (inline style, logo inlined as a data URI) so the share server serves
nothing but the page and the one file behind each token. Everything event-supplied is escaped.
"""

from __future__ import annotations

import base64
import html
import mimetypes
from pathlib import Path

from booth.settings import EventSettings

MAX_LOGO_BYTES = 512 * 1024

_TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="robots" content="noindex, nofollow">
<title>{title}</title>
<style>
  html, body {{ margin: 0; background: {primary}; color: {text}; font-family: system-ui, sans-serif; }}
  main {{ max-width: 36rem; margin: 0 auto; padding: 1rem; text-align: center; }}
  header img {{ max-height: 4rem; max-width: 60%; }}
  h1 {{ font-size: 1.4rem; margin: .5rem 0 1rem; }}
  .media {{ width: 100%; border-radius: .75rem; display: block; background: #000; }}
  a.download {{ display: block; margin: 1.25rem 0; padding: 1.1rem; border-radius: 999px; background: {accent};
    color: {text}; font-size: 1.25rem; font-weight: 700; text-decoration: none; }}
</style>
</head>
<body>
<main>
<header>{logo}<h1>{title}</h1></header>
{media}
<a class="download" id="download" href="{file}?download=1" download="{filename}">Download</a>
</main>
</body>
</html>
"""


_GONE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{title}</title>
<style>
  html, body {{ margin: 0; background: {primary}; color: {text}; font-family: system-ui, sans-serif; }}
  main {{ max-width: 36rem; margin: 0 auto; padding: 2rem 1rem; text-align: center; }}
</style>
</head>
<body>
<main id="gone">
<h1>{title}</h1>
<p>This download link has expired or was withdrawn, so the picture is no longer available here.</p>
<p>If you still need it, please ask the photo booth team.</p>
</main>
</body>
</html>
"""


def render_gone(event: EventSettings) -> str:
    """The page for a link that worked once but has expired or was revoked (no picture, no logo)."""
    return _GONE.format(title=html.escape(event.name), primary=event.primary_color, text=event.text_color)


def media_kind(path: Path) -> tuple[str, str]:
    """(mime type, "image" | "video") of a result file, told from its name."""
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return mime, "video" if mime.startswith("video/") else "image"


def _logo_tag(logo: Path | None) -> str:
    if logo is None:
        return ""
    try:
        if logo.stat().st_size > MAX_LOGO_BYTES:
            return ""
        data = logo.read_bytes()
    except OSError:
        return ""
    mime = mimetypes.guess_type(logo.name)[0] or "image/png"
    return f'<img src="data:{mime};base64,{base64.b64encode(data).decode()}" alt="">'


def render(event: EventSettings, token: str, path: Path, *, file_url: str | None = None) -> str:
    """The page for one share; `token` links to the file relative to the page URL (`file_url` instead: the
    synced static copy, which names the synced result beside it)."""
    _mime, kind = media_kind(path)
    file_url = html.escape(file_url if file_url is not None else f"{token}/file", quote=True)
    if kind == "video":
        media = f'<video class="media" src="{file_url}" autoplay loop muted playsinline></video>'
    else:
        media = f'<img class="media" src="{file_url}" alt="">'
    return _TEMPLATE.format(
        title=html.escape(event.name),
        primary=event.primary_color,
        accent=event.accent_color,
        text=event.text_color,
        logo=_logo_tag(event.logo),
        media=media,
        file=file_url,
        filename=html.escape(f"{event.name}-{path.name}", quote=True),
    )
