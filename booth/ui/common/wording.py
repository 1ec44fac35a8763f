"""Names both windows show: what each experience is called for guests, and a ticket's state in guest words.

The operator panel lists the experiences by the names guests see (beside the API's), and the kiosk's
ticket strip words job states; both read them here so neither window imports the other. The tables hold
English marked with QT_TRANSLATE_NOOP (context "Wording", shared with booth.ui.kiosk.wording); the
functions translate at the moment of showing, so a language switch takes effect at once.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication


def translated(text: object) -> str:
    """One "Wording" table entry in the installed language (the tables hold QT_TRANSLATE_NOOP markers)."""
    return QCoreApplication.translate("Wording", str(text))


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
ON_ITS_WAY = QT_TRANSLATE_NOOP("Wording", "on its way")
TICKET_STATES = {
    "captured": ON_ITS_WAY,
    "submitting": ON_ITS_WAY,
    "queued": QT_TRANSLATE_NOOP("Wording", "in line"),
    "running": QT_TRANSLATE_NOOP("Wording", "in the studio"),
    "completed": QT_TRANSLATE_NOOP("Wording", "ready!"),
    "failed": QT_TRANSLATE_NOOP("Wording", "ask our host"),
    "cancelled": QT_TRANSLATE_NOOP("Wording", "cancelled"),
}


def service_title(name: str) -> str:
    return translated(TITLES[name]) if name in TITLES else name


def ticket_state(state: str) -> str:
    return translated(TICKET_STATES.get(state, ON_ITS_WAY))
