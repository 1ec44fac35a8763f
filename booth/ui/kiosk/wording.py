"""Every guest-facing name and sentence that is not tied to one screen: services, choices, problems.

Problems arrive as machine kinds from the queue, camera and printer (through the message bridge); here
they become warm, short words that tell a guest their photo is safe. Details stay in the log and the
operator panel. The tables hold English marked with QT_TRANSLATE_NOOP (so pyside6-lupdate finds them);
the functions translate at the moment of showing, so a language switch takes effect at once.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from booth.jobs.job import JobState


def _t(text: str) -> str:
    return QCoreApplication.translate("Wording", text)


TITLES = {
    "filter": QT_TRANSLATE_NOOP("Wording", "AI Magic"),
    "selfprompt": QT_TRANSLATE_NOOP("Wording", "Dream Styles"),
    "pose": QT_TRANSLATE_NOOP("Wording", "Strike a Pose"),
    "two_persons": QT_TRANSLATE_NOOP("Wording", "Duo Portrait"),
    "two_persons_selfprompt": QT_TRANSLATE_NOOP("Wording", "Duo Dream"),
    "animate_image": QT_TRANSLATE_NOOP("Wording", "Living Photo"),
    "background_remove": QT_TRANSLATE_NOOP("Wording", "New Backdrop"),
    "comic": QT_TRANSLATE_NOOP("Wording", "Comic Hero"),
    "skin_refiner": QT_TRANSLATE_NOOP("Wording", "Glow Up"),
}
BLURBS = {
    "filter": QT_TRANSLATE_NOOP("Wording", "Become a work of art in one tap"),
    "selfprompt": QT_TRANSLATE_NOOP("Wording", "Step into a world of your choice"),
    "pose": QT_TRANSLATE_NOOP("Wording", "Copy a famous pose, get a portrait"),
    "two_persons": QT_TRANSLATE_NOOP("Wording", "A portrait for the two of you"),
    "two_persons_selfprompt": QT_TRANSLATE_NOOP("Wording", "The two of you, anywhere"),
    "animate_image": QT_TRANSLATE_NOOP("Wording", "Your photo comes alive"),
    "background_remove": QT_TRANSLATE_NOOP("Wording", "Just you, clean and crisp"),
    "comic": QT_TRANSLATE_NOOP("Wording", "Jump into a comic strip"),
    "skin_refiner": QT_TRANSLATE_NOOP("Wording", "Your best light, naturally"),
}
GENDERS = {
    "male": QT_TRANSLATE_NOOP("Wording", "Man"),
    "female": QT_TRANSLATE_NOOP("Wording", "Woman"),
    "boy": QT_TRANSLATE_NOOP("Wording", "Boy"),
    "girl": QT_TRANSLATE_NOOP("Wording", "Girl"),
}
RATIOS = {
    "portrait": QT_TRANSLATE_NOOP("Wording", "Portrait"),
    "landscape": QT_TRANSLATE_NOOP("Wording", "Landscape"),
    "square": QT_TRANSLATE_NOOP("Wording", "Square"),
}
BUSY = QT_TRANSLATE_NOOP("Wording", "Our AI studio is busy: your photo is safe and will appear here shortly.")
BREAK = QT_TRANSLATE_NOOP("Wording", "Our AI studio is taking a short break: your photo is safe, our host is on it.")
HELP = QT_TRANSLATE_NOOP("Wording", "One picture needs a little help from our host. Your photo is safe.")
CAMERA = QT_TRANSLATE_NOOP("Wording", "The camera is waking up again, one moment please.")
PRINTER = QT_TRANSLATE_NOOP("Wording", "The printer needs a moment. Take your picture home with the QR code.")
OTHER = QT_TRANSLATE_NOOP("Wording", "Something needs a moment. Your photo is safe.")
PROBLEMS = {
    "offline": BUSY, "server": BUSY, "rate_limited": BUSY,
    "auth": BREAK, "credits": BREAK,
    "failed": HELP, "needs_operator": HELP, "deadline": HELP, "answer_lost": HELP, "send_interrupted": HELP,
    "camera": CAMERA, "reconnecting": CAMERA,
    "printer": PRINTER, "print": PRINTER,
}
ON_ITS_WAY = QT_TRANSLATE_NOOP("Wording", "on its way")
TICKET_STATES: dict[str, object] = {  # keyed by JobState, a str: the plain state name finds its words too
    JobState.CAPTURED: ON_ITS_WAY,
    JobState.SUBMITTING: ON_ITS_WAY,
    JobState.QUEUED: QT_TRANSLATE_NOOP("Wording", "in line"),
    JobState.RUNNING: QT_TRANSLATE_NOOP("Wording", "in the studio"),
    JobState.COMPLETED: QT_TRANSLATE_NOOP("Wording", "ready!"),
    JobState.FAILED: QT_TRANSLATE_NOOP("Wording", "ask our host"),
    JobState.CANCELLED: QT_TRANSLATE_NOOP("Wording", "cancelled"),
}


def service_title(name: str) -> str:
    return _t(TITLES[name]) if name in TITLES else name


def service_blurb(name: str) -> str:
    return _t(BLURBS[name]) if name in BLURBS else ""


def gender_label(name: str) -> str:
    return _t(GENDERS[name]) if name in GENDERS else name


def ratio_label(name: str) -> str:
    return _t(RATIOS[name]) if name in RATIOS else name


def problem_words(kind: str) -> str:
    """What a guest reads when part of the booth is in trouble; the photo is always safe."""
    return _t(PROBLEMS.get(kind, OTHER))


def ticket_state(state: str) -> str:
    return _t(TICKET_STATES.get(state, ON_ITS_WAY))
