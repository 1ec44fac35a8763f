"""Every guest-facing name and sentence that is not tied to one screen: services, choices, problems.

Problems arrive as machine kinds from the queue, camera and printer (through the message bridge); here
they become warm, short words that tell a guest their photo is safe. Details stay in the log and the
operator panel. All strings pass through Qt's translator so the German kiosk says it in German.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Wording", text)


def service_title(name: str) -> str:
    titles = {
        "filter": _t("AI Magic"),
        "selfprompt": _t("Dream Styles"),
        "pose": _t("Strike a Pose"),
        "two_persons": _t("Duo Portrait"),
        "two_persons_selfprompt": _t("Duo Dream"),
        "animate_image": _t("Living Photo"),
        "background_remove": _t("New Backdrop"),
        "comic": _t("Comic Hero"),
        "skin_refiner": _t("Glow Up"),
    }
    return titles.get(name, name)


def service_blurb(name: str) -> str:
    blurbs = {
        "filter": _t("Become a work of art in one tap"),
        "selfprompt": _t("Step into a world of your choice"),
        "pose": _t("Copy a famous pose, get a portrait"),
        "two_persons": _t("A portrait for the two of you"),
        "two_persons_selfprompt": _t("The two of you, anywhere"),
        "animate_image": _t("Your photo comes alive"),
        "background_remove": _t("Just you, clean and crisp"),
        "comic": _t("Jump into a comic strip"),
        "skin_refiner": _t("Your best light, naturally"),
    }
    return blurbs.get(name, "")


def gender_label(name: str) -> str:
    return {"male": _t("Man"), "female": _t("Woman"), "boy": _t("Boy"), "girl": _t("Girl")}.get(name, name)


def ratio_label(name: str) -> str:
    return {"portrait": _t("Portrait"), "landscape": _t("Landscape"), "square": _t("Square")}.get(name, name)


def problem_words(kind: str) -> str:
    """What a guest reads when part of the booth is in trouble; the photo is always safe."""
    if kind in ("offline", "server", "rate_limited"):
        return _t("Our AI studio is busy: your photo is safe and will appear here shortly.")
    if kind in ("auth", "credits"):
        return _t("Our AI studio is taking a short break: your photo is safe, our host is on it.")
    if kind == "failed":
        return _t("One picture needs a little help from our host. Your photo is safe.")
    if kind in ("camera", "reconnecting"):
        return _t("The camera is waking up again, one moment please.")
    if kind in ("printer", "print"):
        return _t("The printer needs a moment. You can still take your picture home with the QR code.")
    return _t("Something needs a moment. Your photo is safe.")


def ticket_state(state: str) -> str:
    return {
        "captured": _t("on its way"),
        "submitting": _t("on its way"),
        "queued": _t("in line"),
        "running": _t("in the studio"),
        "completed": _t("ready!"),
        "failed": _t("ask our host"),
        "cancelled": _t("cancelled"),
    }.get(state, _t("on its way"))
