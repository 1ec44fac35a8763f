"""The engine makes real pictures: every look changes the photo, at the asked size; cut-outs, skin
smoothing, prompt words and animations do what their names promise."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import cv2
import httpx
import numpy as np
import pytest
from engine_support import body_for, decode, jpeg, output_bytes

from booth.api.services import RATIOS, SERVICES
from booth.engine import looks, people
from booth.engine.imaging import cover
from booth.engine.render import frame_two
from booth.engine.sample import sample_photo

RATIO_CYCLE = list(RATIOS)


def _submit(http: httpx.Client, wait_done: Any, service: str, image: bytes, **fields: Any) -> bytes:
    body = body_for(service, base64.b64encode(image).decode(), **fields)
    answer = http.post(SERVICES[service].run_path, json=body)
    assert answer.status_code == 200, answer.text
    status = wait_done(service, answer.json()["id"])
    assert status["status"] == "COMPLETED", status
    return output_bytes(status)


def _differs(result: np.ndarray, source: np.ndarray) -> float:
    framed = cover(source, (result.shape[1], result.shape[0]))
    return float(np.mean(cv2.absdiff(result[:, :, :3], framed)))


@pytest.mark.parametrize("filter_id", list(looks.FILTERS))
def test_every_filter_changes_the_photo_at_the_ratio_size(http: httpx.Client, wait_done: Any, photo: np.ndarray,
                                                          filter_id: int) -> None:
    ratio = RATIO_CYCLE[filter_id % 3]
    img = decode(_submit(http, wait_done, "filter", jpeg(photo), filter_id=filter_id, ratio=ratio))
    assert (img.shape[1], img.shape[0]) == RATIOS[ratio]
    assert _differs(img, photo) > 6, looks.FILTERS[filter_id].key


@pytest.mark.parametrize("service", ["selfprompt", "pose", "two_persons", "two_persons_selfprompt", "comic"])
def test_every_image_service_changes_the_photo(http: httpx.Client, wait_done: Any, photo: np.ndarray,
                                               service: str) -> None:
    ratio = "landscape" if SERVICES[service].uses("ratio") else None
    img = decode(_submit(http, wait_done, service, jpeg(photo), **({"ratio": ratio} if ratio else {})))
    if ratio:
        assert (img.shape[1], img.shape[0]) == RATIOS[ratio]
    assert _differs(img, photo) > 6


@pytest.mark.parametrize("ratio", ["portrait", "square"])
def test_two_person_framing_keeps_both_guests(http: httpx.Client, wait_done: Any, ratio: str) -> None:
    couple = sample_photo(960, 640, people=2)  # blue shirt on the left, red shirt on the right
    img = decode(_submit(http, wait_done, "two_persons", jpeg(couple), filter_id=11, ratio=ratio)).astype(int)
    b, g, r = img[:, :, 0], img[:, :, 1], img[:, :, 2]
    blue = np.mean((b > r + 60) & (b > g + 30))
    red = np.mean((r > b + 60) & (r > g + 60))
    assert blue > 0.05 and red > 0.05, (blue, red)


def _whole_faces(img: np.ndarray) -> int:
    """Skin blobs (face and neck) that do not run into the left or right edge of the picture."""
    _, _, stats, _ = cv2.connectedComponentsWithStats((people.skin_mask(img) > 0.5).astype(np.uint8))
    width = img.shape[1]
    return sum(1 for x, _, w, _, area in stats[1:] if area > 800 and x > 0 and x + w < width)


def test_two_person_framing_does_not_cut_faces_where_a_plain_crop_would() -> None:
    couple = sample_photo(960, 640, people=2)
    assert _whole_faces(cover(couple, RATIOS["portrait"])) < 2  # the naive crop loses them
    for ratio in ("portrait", "square", "landscape"):
        assert _whole_faces(frame_two(couple, RATIOS[ratio])) == 2, ratio


def test_all_17_styles_give_different_pictures(http: httpx.Client, wait_done: Any) -> None:
    small = jpeg(sample_photo(240, 320))
    results = {_submit(http, wait_done, "pose", small, style_id=style) for style in range(17)}
    assert len(results) == 17


def _person_on_plain_background() -> tuple[np.ndarray, np.ndarray]:
    """A drawn figure (head, neck, shoulders) on a flat wall, and the figure's true mask."""
    h, w = 640, 480
    img = np.full((h, w, 3), (205, 200, 195), np.uint8)
    truth = np.zeros((h, w), np.uint8)
    for target, colours in ((img, ((60, 60, 170), (120, 160, 215))), (truth, (255, 255))):
        body = np.array([(60, h), (110, 390), (370, 390), (420, h)], np.int32)
        cv2.fillPoly(target, [body], colours[0])
        cv2.rectangle(target, (210, 300), (270, 400), colours[1], -1)
        cv2.ellipse(target, (240, 230), (80, 105), 0, 0, 360, colours[1], -1)
    noise = np.random.default_rng(0).normal(0, 3, img.shape)
    return np.clip(img + noise, 0, 255).astype(np.uint8), truth


def test_background_removal_gives_a_png_cut_out_of_the_person(http: httpx.Client, wait_done: Any) -> None:
    img, truth = _person_on_plain_background()
    data = _submit(http, wait_done, "background_remove", cv2.imencode(".png", img)[1].tobytes())
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    cut = decode(data)
    assert cut.shape == (640, 480, 4)
    alpha = cut[:, :, 3]
    person, wall = truth > 0, truth == 0
    inner = cv2.erode(truth, np.ones((15, 15), np.uint8)) > 0
    outer = cv2.erode(255 - truth, np.ones((15, 15), np.uint8)) > 0
    assert np.mean(alpha[inner] > 200) > 0.95, "the person must be mostly opaque"
    assert np.mean(alpha[outer] < 30) > 0.95, "the background must be mostly transparent"
    for y, x in ((5, 5), (5, 474), (634, 5), (634, 474)):
        assert alpha[y, x] < 10, f"corner {(x, y)} should be transparent"
    assert np.mean(alpha[person] > 127) > 0.9 and np.mean(alpha[wall] > 127) < 0.05


def test_background_removal_respects_a_ratio(http: httpx.Client, wait_done: Any, photo: np.ndarray) -> None:
    data = _submit(http, wait_done, "background_remove", jpeg(photo), ratio="square")
    assert decode(data).shape == (1024, 1024, 4)


def test_skin_refiner_smooths_skin_and_leaves_the_rest(http: httpx.Client, wait_done: Any) -> None:
    rng = np.random.default_rng(5)
    img = np.zeros((400, 400, 3), np.uint8)
    img[:, :200] = (140, 172, 222)  # skin (BGR)
    img[:, 200:] = (160, 90, 40)  # a blue shirt
    img = np.clip(img + rng.normal(0, 12, img.shape), 0, 255).astype(np.uint8)
    out = decode(_submit(http, wait_done, "skin_refiner", cv2.imencode(".png", img)[1].tobytes()))
    skin_in, skin_out = img[20:380, 20:180].astype(np.float32), out[20:380, 20:180].astype(np.float32)
    assert skin_out.std(axis=(0, 1)).mean() < 0.6 * skin_in.std(axis=(0, 1)).mean(), "skin must get smoother"
    # Away from the skin the result is the input, up to the JPEG encoding both go through.
    encoded = decode(cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 90])[1].tobytes())
    shirt_change = np.mean(cv2.absdiff(out[20:380, 224:380], encoded[20:380, 224:380]))
    assert shirt_change < 1.0, "the shirt keeps its texture"


def test_prompt_words_pick_the_look(http: httpx.Client, wait_done: Any, photo: np.ndarray) -> None:
    image = jpeg(photo)

    def via_filter(key: str) -> bytes:
        filter_id = next(i for i, look in looks.FILTERS.items() if look.key == key)
        return _submit(http, wait_done, "filter", image, filter_id=filter_id, ratio="portrait")

    def via_prompt(words: str, negative: str = "", workflow: int = 1) -> bytes:
        return _submit(http, wait_done, "selfprompt", image, positive_prompt=words, negative_prompt=negative,
                       workflow_id=workflow, ratio="portrait")

    assert via_prompt("a moody film noir detective") == via_filter("noir")
    assert via_prompt("soft WATERCOLOUR portrait") == via_filter("watercolor")
    assert via_prompt("neon comic", negative="neon") == via_filter("comic_ink")
    assert via_prompt("a happy guest", workflow=6) == via_filter("pixel_art")  # the workflow's own look


def test_animation_is_a_playable_mp4_made_from_the_photo(http: httpx.Client, wait_done: Any, photo: np.ndarray,
                                                         tmp_path: Path) -> None:
    data = _submit(http, wait_done, "animate_image", jpeg(photo))
    assert data[4:8] == b"ftyp"
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(data)
    capture = cv2.VideoCapture(str(clip))
    frames = []
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        frames.append(frame)
    capture.release()
    assert len(frames) >= 20
    assert frames[0].shape == (640, 480, 3)
    assert _differs(frames[0], photo) < 12, "the clip starts on the photo"
    assert float(np.mean(cv2.absdiff(frames[0], frames[-1]))) > 5, "and moves"
