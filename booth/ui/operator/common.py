"""Building blocks every operator tab shares: big buttons, headings, value grids, confirmations.

The panel is used standing at a touchscreen as often as with a mouse, so buttons are tall and spaced, and
a question is asked with a non-blocking box (its answer arrives by signal; a modal `exec()` would stall
the qasync loop the queue runs on). Keeping these here keeps every tab the same size and shape.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QWidget,
)

QSS_PATH = Path(__file__).with_name("operator.qss")
# A question is its own window, so it gets its colours here rather than from the panel's sheet.
_QUESTION_QSS = (
    "QMessageBox { background-color: #1d2130; }"
    "QLabel { color: #e7eaf3; font-size: 18px; }"
    "QLabel#qt_msgbox_label { font-size: 21px; font-weight: 600; min-width: 480px; }"
    "QLabel#qt_msgbox_informativelabel { min-width: 480px; }"
    "QPushButton { min-height: 52px; min-width: 150px; font-size: 17px; }"
)


class Worded(QWidget):
    """A panel part that sets its words in `retranslate()`: once when built, again on every language switch.

    Like the kiosk screens: widgets are made once, and every visible word is (re)set from `retranslate()`
    when booth.ui.i18n.switch installs another translator (Qt then sends LanguageChange to every widget).
    """

    def retranslate(self) -> None:
        """Set every visible word (again)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def orient(self, size: QSize) -> None:
        """Arrange for a screen of this shape (tabs with side-by-side panes stack them on a tall one).

        The panel calls it on every tab when it is resized, hidden tabs included: a hidden tab gets its own
        resize only when shown, and until then its wide layout's minimum would widen a portrait panel.
        """


def button(text: str, name: str, parent: QWidget | None = None, *, kind: str = "") -> QPushButton:
    """A touch-sized push button; `kind` ("primary", "danger") picks its colour in the stylesheet."""
    btn = QPushButton(text, parent)
    btn.setObjectName(name)
    btn.setMinimumHeight(56)
    btn.setCursor(Qt.CursorShape.PointingHandCursor)
    if kind:
        btn.setProperty("kind", kind)
    return btn


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setProperty("role", "heading")
    return label


def note(text: str, parent: QWidget | None = None) -> QLabel:
    """A muted explanatory line, e.g. 'Printing is off in settings'."""
    label = QLabel(text, parent)
    label.setProperty("role", "note")
    label.setWordWrap(True)
    return label


def card(parent: QWidget | None = None) -> QFrame:
    frame = QFrame(parent)
    frame.setProperty("role", "card")
    frame.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    return frame


def button_row(*buttons: QWidget, stretch_end: bool = True) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(12)
    for widget in buttons:
        row.addWidget(widget)
    if stretch_end:
        row.addStretch(1)
    return row


class SideBySide(QBoxLayout):
    """Two panes side by side on a landscape screen, stacked on a portrait one (a kiosk may stand either way).

    The owning widget calls `fit(size)` from its resizeEvent.
    """

    def __init__(self) -> None:
        super().__init__(QBoxLayout.Direction.LeftToRight)
        self.setSpacing(20)

    def fit(self, size: QSize) -> None:
        wanted = QBoxLayout.Direction.TopToBottom if size.height() > size.width() else QBoxLayout.Direction.LeftToRight
        if self.direction() != wanted:
            self.setDirection(wanted)


class ValueGrid(QGridLayout):
    """Label/value pairs whose values are updated in place by key (the tabs refresh them on signals)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalSpacing(24)
        self.setVerticalSpacing(10)
        self.setColumnStretch(1, 1)
        self._values: dict[str, QLabel] = {}
        self._names: dict[str, QLabel] = {}

    def add(self, key: str, label: str = "", value: str = "—") -> QLabel:
        """A row; its label may be left empty here and worded later with `set_label` (in retranslate)."""
        row = self.rowCount()
        name = QLabel(label)
        name.setObjectName(f"key_{key}")
        name.setProperty("role", "key")
        shown = QLabel(value)
        shown.setObjectName(f"value_{key}")
        shown.setProperty("role", "value")
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        shown.setWordWrap(True)
        self.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
        self.addWidget(shown, row, 1)
        self._values[key] = shown
        self._names[key] = name
        return shown

    def set_label(self, key: str, label: str) -> None:
        self._names[key].setText(label)

    def label(self, key: str) -> str:
        return self._names[key].text()

    def set(self, key: str, value: str, state: str = "") -> None:
        """Set a value; `state` ("ok", "warn", "bad") colours it through the stylesheet."""
        label = self._values[key]
        label.setText(value)
        if label.property("state") != state:
            label.setProperty("state", state)
            label.style().unpolish(label)
            label.style().polish(label)

    def text(self, key: str) -> str:
        return self._values[key].text()


def ask(
    parent: QWidget,
    name: str,
    title: str,
    text: str,
    on_yes: Callable[[], None],
    *,
    yes: str | None = None,
) -> QMessageBox:
    """Ask a yes/no question without blocking; `on_yes` runs only if the operator confirms."""
    box = QMessageBox(QMessageBox.Icon.Question, title, title, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(name)
    box.setInformativeText(text)
    box.setStyleSheet(_QUESTION_QSS)
    yes = yes or QCoreApplication.translate("OperatorPanel", "Yes")
    confirm = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    confirm.setObjectName(f"{name}_yes")
    cancel = box.addButton(QCoreApplication.translate("OperatorPanel", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    cancel.setObjectName(f"{name}_no")
    box.setDefaultButton(cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered() -> None:
        if box.clickedButton() is confirm:
            on_yes()

    box.finished.connect(answered)
    box.open()
    return box


def state_of(ok: bool | None) -> str:
    return "" if ok is None else ("ok" if ok else "bad")


def load_stylesheet(accent: str = "#ff5a8a") -> str:
    try:
        return QSS_PATH.read_text(encoding="utf-8").replace("@accent", accent)
    except OSError:
        return ""
