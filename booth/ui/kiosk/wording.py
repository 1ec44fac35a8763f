"""Every guest-facing name and sentence that is not tied to one screen: blurbs, choices, problems.

Problems arrive as `booth.problems.Problem` records through the message bridge; here their kinds become
warm, short words that tell a guest their photo is safe. Details stay in the log and the operator panel,
and kinds a guest can do nothing about (the disk, a job's run at the service) are not shown at all. The
tables hold English marked with QT_TRANSLATE_NOOP (so pyside6-lupdate finds them); the functions translate
at the moment of showing, so a language switch takes effect at once. Service titles are shared with the
operator panel (booth.ui.common.wording).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from booth.problems import ProblemKind
from booth.ui.common.wording import translated

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
# What a guest reads for each kind of problem; kinds missing here are for the operator only.
PROBLEMS = {
    ProblemKind.OFFLINE: BUSY,
    ProblemKind.SERVER: BUSY,
    ProblemKind.RATE_LIMITED: BUSY,
    ProblemKind.AUTH: BREAK,
    ProblemKind.CREDITS: BREAK,
    ProblemKind.FAILED: HELP,
    ProblemKind.ANSWER_LOST: HELP,
    ProblemKind.SEND_INTERRUPTED: HELP,
    ProblemKind.CAMERA_LOST: CAMERA,
    ProblemKind.PRINTER_NOT_READY: PRINTER,
    ProblemKind.PRINT_FAILED: PRINTER,
}


def service_blurb(name: str) -> str:
    return translated(BLURBS[name]) if name in BLURBS else ""


def gender_label(name: str) -> str:
    return translated(GENDERS[name]) if name in GENDERS else name


def ratio_label(name: str) -> str:
    return translated(RATIOS[name]) if name in RATIOS else name


def for_guests(kind: ProblemKind) -> bool:
    """Whether guests hear of this kind of problem at all."""
    return kind in PROBLEMS


def problem_words(kind: ProblemKind) -> str:
    """What a guest reads when part of the booth is in trouble; the photo is always safe."""
    return translated(PROBLEMS.get(kind, OTHER))
