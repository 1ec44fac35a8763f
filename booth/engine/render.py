"""What each service makes: the picture work behind every run route, run on the engine's worker threads.

Every result is brought to the requested ratio's size first (cover-crop, as the client framed it), so
each look only has to keep its input's size. One function per service, chosen from a table keyed by the
service names of `booth.api.services`.
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from booth.engine import looks, people
from booth.engine.animate import ken_burns_gif, ken_burns_mp4
from booth.engine.imaging import (
    Image,
    at_most,
    contain_on_blur,
    cover,
    encode_jpeg,
    encode_png,
    encode_webp,
    ink_edges,
    resize,
    target_size,
)
from booth.engine.inputs import RunFields
from booth.engine.jobs import Rendered


def _filter(img: Image, f: RunFields) -> Image:
    return looks.for_filter(f.filter_id if f.filter_id is not None else 1)(img)


def _prompt_look(f: RunFields) -> looks.Look:
    workflow = looks.WORKFLOWS.get(f.workflow_id) if f.workflow_id is not None else None
    return looks.for_prompt(f.positive_prompt, f.negative_prompt, workflow.look if workflow else looks.DEFAULT_LOOK)


def _selfprompt(img: Image, f: RunFields) -> Image:
    return _prompt_look(f)(img)


def _spotlights(img: Image, found: list[people.Box]) -> Image:
    """Lift each found face's surroundings a little: both guests are the stars of a two-person shot."""
    if not found:
        return img
    h, w = img.shape[:2]
    # The light map is soft, so it is drawn and blurred at 1/8 size: a full-size blur this wide is slow.
    k = 8
    light = np.zeros((h // k + 1, w // k + 1), np.float32)
    for x, y, fw, fh in found[:2]:
        cv2.ellipse(light, ((x + fw // 2) // k, (y + fh) // k), (int(fw * 1.4) // k, int(fh * 2.0) // k), 0, 0, 360,
                    1.0, -1)
    light = cv2.resize(cv2.GaussianBlur(light, (0, 0), max(h, w) / 25 / k), (w, h), interpolation=cv2.INTER_LINEAR)
    gain = 0.8 + 0.35 * light
    return (img.astype(np.float32) * gain[:, :, None]).clip(0, 255).astype(np.uint8)


def _two_people(img: Image, look: looks.Look) -> Image:
    return _spotlights(look(img), people.faces(img))


def _two_persons(img: Image, f: RunFields) -> Image:
    return _two_people(img, looks.for_filter(f.filter_id) if f.filter_id is not None else looks.LOOKS["cartoon"])


def _two_persons_selfprompt(img: Image, f: RunFields) -> Image:
    return _two_people(img, _prompt_look(f))


def _pose(img: Image, f: RunFields) -> Image:
    """The style, on a 'struck pose': the frame tilts and pushes in on the guest like a dynamic shot."""
    h, w = img.shape[:2]
    found = people.faces(img)
    cx, cy = (found[0][0] + found[0][2] / 2, found[0][1] + found[0][3]) if found else (w / 2, h * 0.45)
    angle = 7 if (f.style_id or 0) % 2 == 0 else -7
    matrix = cv2.getRotationMatrix2D((cx, cy), angle, 1.15)
    posed = cv2.warpAffine(img, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    return looks.apply_style(posed, f.style_id)


def _comic(img: Image, f: RunFields) -> Image:
    """The style, inked: bold outlines from the photo over it, and a comic panel border."""
    out = looks.apply_style(img, f.style_id)
    edges = at_most(img, 640, lambda small: ink_edges(small, 9, 5, 7))
    out[edges < 128] = 0
    h, w = out.shape[:2]
    border = max(6, min(h, w) // 60)
    cv2.rectangle(out, (0, 0), (w - 1, h - 1), (255, 255, 255), border * 2)
    cv2.rectangle(out, (border, border), (w - 1 - border, h - 1 - border), (0, 0, 0), max(3, border // 2))
    return out


def _skin_refiner(img: Image, f: RunFields) -> Image:
    """Smooth skin only: an edge-preserving blur blended in through the skin-colour mask."""
    mask = people.skin_mask(img)[:, :, None]
    smooth = at_most(img, 512, lambda small: cv2.bilateralFilter(cv2.bilateralFilter(small, 7, 40, 7), 7, 40, 7))
    out = img.astype(np.float32) * (1 - mask) + smooth.astype(np.float32) * mask
    smoothed: Image = np.rint(out).clip(0, 255).astype(np.uint8)
    return smoothed


TWO_PERSON_SERVICES = frozenset({"two_persons", "two_persons_selfprompt"})
IMAGE_SERVICES: dict[str, Callable[[Image, RunFields], Image]] = {
    "filter": _filter,
    "selfprompt": _selfprompt,
    "pose": _pose,
    "two_persons": _two_persons,
    "two_persons_selfprompt": _two_persons_selfprompt,
    "comic": _comic,
    "skin_refiner": _skin_refiner,
}


def background_remove(img: Image, image_format: str = "png") -> Rendered:
    alpha = people.person_mask(img)
    # Fully transparent pixels carry no colour: zeroing them halves the PNG and its encoding time.
    rgba = np.dstack([img, alpha])
    rgba[alpha == 0] = 0
    if image_format == "webp":
        return Rendered(encode_webp(rgba), "image/webp")
    return Rendered(encode_png(rgba), "image/png")


def _encode(img: Image, image_format: str) -> Rendered:
    if image_format == "png":
        return Rendered(encode_png(img), "image/png")
    if image_format == "webp":
        return Rendered(encode_webp(img), "image/webp")
    return Rendered(encode_jpeg(img), "image/jpeg")


def frame_two(img: Image, size: tuple[int, int]) -> Image:
    """Frame a two-person photo for `size` without cutting either guest out.

    A plain cover-crop of a landscape couple into a portrait frame keeps only the gap between them.
    When two faces are found and fit in the crop, the crop is centred on the pair; otherwise, if the crop
    would lose much of the picture, the whole photo is fitted on a blurred backdrop of itself.
    """
    h, w = img.shape[:2]
    tw, th = size
    scale = max(tw / w, th / h)
    crop_w, crop_h = round(tw / scale), round(th / scale)
    found = people.faces(img)[:2]
    if len(found) == 2:
        left = min(x for x, _, _, _ in found)
        right = max(x + fw for x, _, fw, _ in found)
        if right - left <= crop_w * 0.9:
            x0 = int(min(max((left + right) / 2 - crop_w / 2, 0), w - crop_w))
            y0 = (h - crop_h) // 2
            return resize(img[y0 : y0 + crop_h, x0 : x0 + crop_w], size)
    elif crop_w >= 0.85 * w and crop_h >= 0.85 * h:
        return cover(img, size)
    return contain_on_blur(img, size)


def render(fields: RunFields, img: Image, *, image_format: str = "jpeg", animation: str = "mp4") -> Rendered:
    """Make the result of one run, sized to the ratio.

    Pictures are JPEG unless the `image_format` variant asks for PNG or WebP (cut-outs keep their alpha:
    PNG, or WebP); animations are MP4, or GIF when the `animation` variant says so. The client must
    tell the type from the bytes, so the engine can serve each.
    """
    size = target_size(fields.ratio, img.shape)
    framed = frame_two(img, size) if fields.service in TWO_PERSON_SERVICES else cover(img, size)
    framed = np.ascontiguousarray(framed)
    if fields.service == "background_remove":
        return background_remove(framed, image_format)
    if fields.service == "animate_image":
        if animation == "gif":
            return Rendered(ken_burns_gif(framed), "image/gif")
        return Rendered(ken_burns_mp4(framed), "video/mp4")
    return _encode(IMAGE_SERVICES[fields.service](framed, fields), image_format)
