"""One settings page of the panel: fields bound to dotted keys of the settings file, saved together.

A page reads the file (with its stored secrets and the environment over them) on a worker thread, shows
each value with where it comes from, and on Save hands only the changed keys to booth.settings_file, which
checks them by the rules of `booth config check` and writes nothing when one is refused: each refusal is
shown beside its field, in the operator's language. A saved change the running booth can take is set on
its live settings (the kiosk reads them for the next guest; the theme re-colours when the panel closes);
any other says a restart is needed. A typed password or token is never shown again: the field is cleared
after saving and only says where the secret is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, SecretStr
from pydantic_core import ErrorDetails
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from booth.api.redact import register_secret
from booth.settings import Settings
from booth.settings_file import SECRET_KEYS, Origin, SettingsFile
from booth.ui.context import AppContext
from booth.ui.operator.background import run_in_thread
from booth.ui.operator.common import Worded, button, button_row, card, heading, note
from booth.ui.operator.messages import MessageLog

# Keys the running booth takes at once (the kiosk reads its live settings for each guest).
LIVE = frozenset({
    "kiosk.services", "kiosk.countdown_s", "kiosk.retake_limit", "kiosk.default_gender", "kiosk.default_ratio",
    "kiosk.max_print_copies", "event.name", "event.primary_color", "event.accent_color",
    "event.text_color", "camera.mirror_preview",
})  # fmt: skip

Value = str | int | float | bool | list[str]


# The page's own words are looked up under "SettingsPage" whichever page subclass shows them: PySide's
# self.tr() would look under the subclass's name, where lupdate never put them.
translate = QCoreApplication.translate


@dataclass(frozen=True)
class FieldSpec:
    key: str  # dotted settings key, e.g. "kiosk.countdown_s"
    kind: str  # text | secret | choice | int | float | bool | services
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Snapshot:
    """What a page shows: the settings the booth would start with now, and where each value comes from."""

    settings: Settings
    origins: dict[str, Origin]


def value_at(settings: Settings, key: str) -> Value:
    node: object = settings
    for name in key.split("."):
        node = getattr(node, name)
    if isinstance(node, SecretStr):
        return node.get_secret_value()
    if isinstance(node, Path):
        return str(node)
    return node  # type: ignore[return-value]


def read_snapshot(file: SettingsFile, keys: list[str]) -> Snapshot:
    """Blocking (file, keyring): run in a worker thread."""
    return Snapshot(file.load(), {key: file.origin(key) for key in keys})


class ServicesEditor(QWidget):
    """The experiences offered, ticked, in the order guests see them (moved with Up/Down, by touch)."""

    changed = Signal()

    def __init__(self, name: str, choices: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._choices = choices
        self.list = QListWidget(self)
        self.list.setObjectName(f"{name}_list")
        self.list.setMinimumHeight(260)
        self.up = button("↑", f"{name}_up", self)
        self.down = button("↓", f"{name}_down", self)
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        side = QVBoxLayout()
        side.addWidget(self.up)
        side.addWidget(self.down)
        side.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list, 1)
        row.addLayout(side)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())

    def set_value(self, offered: list[str]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for name in [*offered, *(c for c in self._choices if c not in offered)]:
            item = QListWidgetItem(name, self.list)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in offered else Qt.CheckState.Unchecked)
            item.setSizeHint(item.sizeHint().expandedTo(self.up.sizeHint()))
        self.list.blockSignals(False)

    def value(self) -> list[str]:
        items = [self.list.item(i) for i in range(self.list.count())]
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in items if i.checkState() == Qt.CheckState.Checked]

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        to = row + step
        if row < 0 or not 0 <= to < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(to, item)
        self.list.setCurrentRow(to)
        self.changed.emit()


Editor = QLineEdit | QComboBox | QCheckBox | ServicesEditor


def make_editor(spec: FieldSpec, parent: QWidget) -> Editor:
    name = "set_" + spec.key.replace(".", "_")
    editor: Editor
    if spec.kind == "choice":
        editor = QComboBox(parent)
        for choice in spec.choices:
            editor.addItem(choice, choice)
    elif spec.kind == "bool":
        editor = QCheckBox(parent)
    elif spec.kind == "services":
        editor = ServicesEditor(name, spec.choices, parent)
    else:
        editor = QLineEdit(parent)
        if spec.kind == "secret":
            editor.setEchoMode(QLineEdit.EchoMode.Password)
    editor.setObjectName(name)
    editor.setMinimumHeight(48)
    return editor


def show_value(editor: Editor, spec: FieldSpec, value: Value) -> None:
    if isinstance(editor, QComboBox):
        editor.setCurrentIndex(max(0, editor.findData(value)))
    elif isinstance(editor, QCheckBox):
        editor.setChecked(bool(value))
    elif isinstance(editor, ServicesEditor):
        editor.set_value(list(value) if isinstance(value, list) else [])
    elif spec.kind == "secret":
        editor.clear()  # a stored secret is never put into a widget
    else:
        editor.setText(str(value))


def read_value(editor: Editor, spec: FieldSpec) -> Value:
    """The editor's value as the settings hold it; text that is not a number goes on as text, so the rules
    name the field instead of this code guessing."""
    if isinstance(editor, QComboBox):
        return str(editor.currentData())
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, ServicesEditor):
        return editor.value()
    text = editor.text().strip() if spec.kind != "secret" else editor.text()
    try:
        return int(text) if spec.kind == "int" else float(text) if spec.kind == "float" else text
    except ValueError:
        return text


@dataclass
class Row:
    spec: FieldSpec
    label: QLabel
    editor: Editor
    origin: QLabel
    error: QLabel


class SettingsPage(Worded):
    """A card of fields with Save; subclasses give SPECS, their labels, and may add a preview."""

    SPECS: tuple[FieldSpec, ...] = ()
    saved = Signal(list)  # the keys saved

    def __init__(self, name: str, context: AppContext, file: SettingsFile | None, log: MessageLog,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName(name)
        self._context = context
        self._file = file
        self._log = log
        self._snapshot: Snapshot | None = None
        self._errors: dict[str, ErrorDetails] = {}
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        self.title = heading("", self)
        layout.addWidget(self.title)
        form_card = card(self)
        self.grid = QGridLayout(form_card)
        self.grid.setHorizontalSpacing(18)
        self.grid.setColumnStretch(1, 1)
        self.rows = {spec.key: self._add_row(spec, form_card) for spec in self.SPECS}
        layout.addWidget(form_card)
        self.extra = QVBoxLayout()
        layout.addLayout(self.extra)
        self.save_button = button("", f"{name}_save", self, kind="primary")
        self.save_button.clicked.connect(self.save)
        self.status = note("", self)
        self.status.setObjectName(f"{name}_status")
        layout.addLayout(button_row(self.save_button, self.status, stretch_end=False))
        layout.addStretch(1)
        self.save_button.setEnabled(False)
        self.retranslate()
        self.reload()

    def _add_row(self, spec: FieldSpec, parent: QWidget) -> Row:
        at = self.grid.rowCount()
        row = Row(spec, QLabel(parent), make_editor(spec, parent), note("", parent), QLabel(parent))
        row.error.setObjectName("err_" + spec.key.replace(".", "_"))
        row.error.setProperty("state", "bad")
        row.error.setProperty("role", "value")
        row.error.setWordWrap(True)
        row.error.hide()
        row.origin.setObjectName("from_" + spec.key.replace(".", "_"))
        self.grid.addWidget(row.label, at, 0, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(row.editor, at, 1)
        self.grid.addWidget(row.origin, at, 2)
        self.grid.addWidget(row.error, at + 1, 1, 1, 2)
        return row

    # -- words -------------------------------------------------------------------------------------------
    def page_title(self) -> str:
        return ""

    def labels(self) -> Mapping[str, str]:
        return {}

    def retranslate(self) -> None:
        self.title.setText(self.page_title())
        for key, text in self.labels().items():
            self.rows[key].label.setText(text)
        self.save_button.setText(translate("SettingsPage", "Save"))
        self._show_origins()
        self._show_errors()
        if self._file is None:
            self.status.setText(
                translate("SettingsPage", "This booth was started without a settings file: changes cannot be saved.")
            )

    def origin_words(self, origin: Origin, key: str) -> str:
        if origin is Origin.ENVIRONMENT:
            variable = "BOOTH_" + key.replace(".", "_").upper()
            return translate("SettingsPage", "from {variable} (environment; it wins)").format(variable=variable)
        return {
            Origin.KEYRING: translate("SettingsPage", "stored in the system keyring"),
            Origin.SECRET_FILE: translate("SettingsPage", "stored in a private file beside the settings"),
            Origin.FILE: translate("SettingsPage", "from the settings file"),
            Origin.DEFAULT: translate("SettingsPage", "default"),
        }[origin]

    def error_words(self, error: ErrorDetails) -> str:
        """A refusal in the operator's language, from the rule's kind and limits."""
        ctx = error.get("ctx") or {}
        kind = error["type"]
        words = {
            "less_than_equal": translate("SettingsPage", "must be at most {limit}"),
            "greater_than_equal": translate("SettingsPage", "must be at least {limit}"),
            "greater_than": translate("SettingsPage", "must be more than {limit}"),
            "less_than": translate("SettingsPage", "must be less than {limit}"),
            "int_parsing": translate("SettingsPage", "must be a whole number"),
            "int_from_float": translate("SettingsPage", "must be a whole number"),
            "float_parsing": translate("SettingsPage", "must be a number"),
            "string_pattern_mismatch": translate("SettingsPage", "must be a colour like #ff5a8a"),
            "literal_error": translate("SettingsPage", "must be one of: {limit}"),
        }
        if kind == "value_error" and error["loc"][:2] == ("api", "url"):
            return translate("SettingsPage", "must be an https:// address (plain http only on this computer)")
        limit = next((ctx[k] for k in ("le", "ge", "gt", "lt", "expected") if k in ctx), "")
        if kind in words:
            return words[kind].format(limit=limit)
        return translate("SettingsPage", "not valid: {reason}").format(reason=error["msg"])

    # -- reading -----------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the file again (worker thread) and show what the booth would start with."""
        if self._file is None:
            return
        file, keys = self._file, list(self.rows)
        run_in_thread(lambda: read_snapshot(file, keys), owner=self, on_done=self._show_snapshot,
                      on_error=self._failed)  # fmt: skip

    def _show_snapshot(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        for key, row in self.rows.items():
            show_value(row.editor, row.spec, value_at(snapshot.settings, key))
            row.editor.setEnabled(snapshot.origins[key] is not Origin.ENVIRONMENT)
        self._show_origins()
        self.save_button.setEnabled(True)
        self.preview()

    def _show_origins(self) -> None:
        if self._snapshot is None:
            return
        for key, row in self.rows.items():
            origin = self._snapshot.origins[key]
            words = self.origin_words(origin, key)
            if row.spec.kind == "secret":
                stored = bool(value_at(self._snapshot.settings, key))
                words = (
                    translate("SettingsPage", "set, {where}; type to change").format(where=words)
                    if stored
                    else translate("SettingsPage", "not set")
                )
                row.editor.setPlaceholderText("••••••••" if stored else "")  # type: ignore[union-attr]
            row.origin.setText(words)

    def preview(self) -> None:
        """Show a visual change before it is saved (the Event page's theme)."""

    # -- saving ------------------------------------------------------------------------------------------
    def changes(self) -> dict[str, object]:
        if self._snapshot is None:
            return {}
        found: dict[str, object] = {}
        for key, row in self.rows.items():
            if not row.editor.isEnabled():
                continue
            value = read_value(row.editor, row.spec)
            if row.spec.kind == "secret":
                if value:
                    found[key] = value
            elif value != value_at(self._snapshot.settings, key):
                found[key] = value
        return found

    def save(self) -> None:
        changes = self.changes()
        if self._file is None or not changes:
            self.status.setText(translate("SettingsPage", "Nothing changed."))
            return
        for key in SECRET_KEYS:
            if key in changes:
                register_secret(SecretStr(str(changes[key])))  # never in a log line, even by accident
        file, keys = self._file, list(self.rows)

        def work() -> tuple[dict[str, ErrorDetails], Snapshot | None]:
            errors = file.save(changes)
            return errors, None if errors else read_snapshot(file, keys)

        self.save_button.setEnabled(False)
        self.status.setText(translate("SettingsPage", "Saving…"))
        run_in_thread(work, owner=self, on_done=lambda done: self._saved(list(changes), *done), on_error=self._failed)
        for row in self.rows.values():
            if row.spec.kind == "secret":
                row.editor.clear()  # type: ignore[union-attr]

    def _saved(self, keys: list[str], errors: dict[str, ErrorDetails], snapshot: Snapshot | None) -> None:
        self.save_button.setEnabled(True)
        self._errors = errors
        self._show_errors()
        if errors or snapshot is None:
            self.status.setText(translate("SettingsPage", "Not saved: correct the fields marked in red."))
            return
        self._apply(keys, snapshot.settings)
        self._show_snapshot(snapshot)
        later = [key for key in keys if key not in LIVE]
        text = translate("SettingsPage", "Saved.")
        if later:
            text += " " + translate("SettingsPage", "Restart the booth for these to take effect: {keys}").format(
                keys=", ".join(later)
            )
        self.status.setText(text)
        self._log.add("info", "settings", text)
        self.saved.emit(keys)

    def _apply(self, keys: list[str], fresh: Settings) -> None:
        """Set the saved values the booth takes at once on its live settings (sections are changed in place:
        the kiosk holds them)."""
        for key in keys:
            if key not in LIVE:
                continue
            section, name = key.split(".")
            live: BaseModel = getattr(self._context.settings, section)
            setattr(live, name, getattr(getattr(fresh, section), name))

    def _show_errors(self) -> None:
        for key, row in self.rows.items():
            found = [error for loc, error in self._errors.items() if loc == key or loc.startswith(key + ".")]
            row.error.setVisible(bool(found))
            row.error.setText(self.error_words(found[0]) if found else "")

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(self._file is not None)
        text = translate("SettingsPage", "The settings file cannot be used: {reason}").format(
            reason=str(exc).splitlines()[0]
        )
        self.status.setText(text)
        self._log.add("error", "settings", text)
