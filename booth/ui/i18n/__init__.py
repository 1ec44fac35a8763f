"""English and German for the kiosk and the operator panel: compiled Qt translations (.qm) switched at run time.

Source strings are English, so English needs no file. The .ts source sits beside the compiled .qm; after
changing wording, from booth/ui:

    pyside6-lupdate common/*.py kiosk/*.py kiosk/screens/*.py widgets/job_strip.py widgets/banner.py \
        widgets/preview.py operator/*.py ../jobs/model.py -no-obsolete -ts i18n/booth_de.ts
    (translate the new entries, e.g. in pyside6-linguist)
    pyside6-lrelease i18n/booth_de.ts -qm i18n/booth_de.qm

tests/ui/kiosk/test_i18n.py fails while any string lacks a German translation or the .qm is stale.
The operator panel's job table takes its headers from booth/jobs/model.py, hence that file in the list.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
# Files (relative to booth/ui) that hold kiosk and operator panel strings, for pyside6-lupdate.
SOURCES = (
    "common/*.py",
    "kiosk/*.py",
    "kiosk/screens/*.py",
    "widgets/job_strip.py",
    "widgets/banner.py",
    "widgets/preview.py",
    "operator/*.py",
    "../jobs/model.py",
)
LANGUAGES = ("en", "de")

_current: QTranslator | None = None
_code = "en"


def qm_path(code: str) -> Path:
    return HERE / f"booth_{code}.qm"


def current() -> str:
    return _code


def switch(code: str) -> bool:
    """Install the translator for `code`; widgets get a LanguageChange event and re-word themselves."""
    global _current, _code
    app = QCoreApplication.instance()
    if app is None or code not in LANGUAGES:
        return False
    if _current is not None:
        app.removeTranslator(_current)
        _current = None
    if code != "en":
        translator = QTranslator(app)
        if not translator.load(str(qm_path(code))):
            log.warning("no %s translation at %s: staying in English", code, qm_path(code))
            _code = "en"
            return False
        app.installTranslator(translator)
        _current = translator
    elif _code != "en":
        # Removing the last translator already sent LanguageChange; nothing more to do.
        pass
    _code = code
    return True
